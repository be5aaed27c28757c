"""The pipeline screens: board, table and application pages (companies and stages have their
own modules).

Every view loads only the user's own rows; every change is a POST that redirects. A stage only
ever changes through ``Application.move_to()``, so each path records the move in the history.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, ProtectedError, Q
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from onward.accounts.models import profile_for
from onward.core.http import redirect_back
from onward.core.naming import company_key
from onward.network.models import Contact
from onward.pipeline.models import ApplicationContact, ContactRole

from .filters import ApplicationFilter
from .forms import (
    ApplicationCreateForm,
    ApplicationEditForm,
    InterviewForm,
    MoveForm,
    NoteForm,
)
from .models import Application, Company, Interview, LossType, Stage, StageKind
from .outcomes import earlier_losses, outcome, with_last_change
from .panels import panels_for
from .posting_tools import posting_tools
from .posting_views import SESSION_KEY, imported

# --- Helpers ------------------------------------------------------------------------------


def add_move_errors(form, exc: ValidationError) -> None:
    """Show move_to()'s refusal on the form, on the field it names when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def ghosted_stage(stages) -> Stage | None:
    return next(
        (s for s in stages if s.kind == StageKind.LOST and s.loss_type == LossType.GHOSTED), None
    )


# --- Board --------------------------------------------------------------------------------


# A column shows this many cards at first (the most recently moved); "Show more" loads the
# next ones on demand, and the table has them all.
BOARD_COLUMN_LIMIT = 10


# What a card shows: reading only these (not the descriptions, notes and salaries) halves the
# cost of loading a board's hundred cards.
CARD_FIELDS = ["user", "title", "stage_changed_at", "stage__name", "company__name"]
CARD_FIELDS += ["company__user", "stage__user", "stage__kind", "stage__loss_type"]


def column_cards(user, stage_ids, offset: int = 0) -> list[Application]:
    """The cards of each column (``offset`` onwards, BOARD_COLUMN_LIMIT each) in one query:
    a LIMITed subquery per stage, each answered from the (user, stage, stage_changed_at)
    index, so the cost follows what is shown, not the size of the search."""
    if not stage_ids:
        return []
    applications = Application.objects.for_user(user)
    newest = (
        applications.filter(stage_id=stage_ids[0])
        .order_by("-stage_changed_at", "-pk")
        .values_list("pk")[offset : offset + BOARD_COLUMN_LIMIT]
    )
    cards = list(
        applications.with_related()
        .with_awaiting_reply(user)
        .filter(pk__in=union_all_stages(newest, stage_ids))
        .order_by()
        .only(*CARD_FIELDS)
    )
    # Sorted here, not in SQL: asked to sort, SQLite walks every application of the user in
    # the order of its (user, -stage_changed_at) index to test each against the list.
    cards.sort(key=lambda a: (a.stage_changed_at, a.pk), reverse=True)
    return cards


def column_card(user, application_id) -> Application:
    """One card as the board shows it (a card answering a move)."""
    applications = Application.objects.for_user(user).with_related().with_awaiting_reply(user)
    return applications.only(*CARD_FIELDS).get(pk=application_id)


def union_all_stages(first, stage_ids) -> RawSQL:
    """``first`` (a sliced queryset whose last filter is the first stage) for each stage, as one
    subquery for ``pk__in=``. Django does not combine sliced querysets on SQLite, and the
    alternative, one ``pk IN (...)`` per stage joined by OR, makes both databases test every
    application of the user against each list; a single IN over a UNION ALL is looked up by
    primary key. Compiled once, the stage's id swapped in each part."""
    sql, first_params = first.query.get_compiler(first.db).as_sql()
    *others, stage_param = first_params
    assert stage_param == stage_ids[0], "the stage is the last filter"
    parts = [f"SELECT * FROM ({sql}) AS part_{number}" for number in range(len(stage_ids))]
    params = [param for stage_id in stage_ids for param in (*others, stage_id)]
    return RawSQL(" UNION ALL ".join(parts), params)


@login_required
def board(request) -> TemplateResponse:
    """A column per stage, in a fixed number of queries (stages, column sizes, cards, "no
    reply" marks) whatever the number of applications. Each card is small: its move control
    is one menu shared by the whole board. Folded columns (won and lost) get no cards until
    they are unfolded; ``?open=<stage id>`` unfolds one with its cards (a card just moved
    there). ``?stage=<id>&shown=<n>`` (htmx) answers with the next cards of one column."""
    stages = list(Stage.objects.for_user(request.user))
    applications = Application.objects.for_user(request.user)
    context: dict[str, Any] = {
        "stages": stages,
        "ghost_stage": ghosted_stage(stages),
        "board_url": reverse("pipeline:board"),  # once, not once a card
        # What only a card answering a move shows; named here, as a missing variable costs a
        # caught exception in each of a hundred cards.
        "change": None,
        "move_errors": [],
    }
    more = more_cards_request(request, stages)
    if more is not None:
        stage, shown = more
        cards = column_cards(request.user, [stage.pk], offset=shown)
        total = applications.filter(stage=stage).count()
        context.update(
            stage=stage,
            cards=cards,
            total=total,
            shown=shown + len(cards),
        )
        return TemplateResponse(request, "pipeline/board.html#more-cards", context)
    # Won and lost columns start folded, and what is folded is not rendered: about a third
    # of the board's cards, loaded if the user unfolds the column.
    opened = request.GET.get("open", "")
    folded = {s.pk for s in stages if s.is_closed and str(s.pk) != opened}
    totals = dict(applications.values_list("stage").annotate(n=Count("pk")).order_by())
    cards = column_cards(
        request.user, [s.pk for s in stages if totals.get(s.pk) and s.pk not in folded]
    )
    by_stage: dict[int, list] = {s.pk: [] for s in stages}
    for application in cards:
        by_stage.setdefault(application.stage_id, []).append(application)
    context.update(
        columns=[
            {
                "stage": stage,
                "cards": by_stage[stage.pk],
                "total": totals.get(stage.pk, 0),
                "shown": len(by_stage[stage.pk]),
                "folded": stage.pk in folded,
            }
            for stage in stages
        ],
        application_count=sum(totals.values()),
        ghost_after_days=profile_for(request.user).ghost_after_days,
    )
    return TemplateResponse(request, "pipeline/board.html", context)


def more_cards_request(request, stages) -> tuple[Stage, int] | None:
    """(stage, cards already shown) when htmx asks for more of one column, else None."""
    stage_id, shown = request.GET.get("stage", ""), request.GET.get("shown", "")
    # Digits only, and few of them: a huge number is no error, just nothing more to show.
    if not (request.htmx and stage_id.isdigit() and shown.isdigit()):
        return None
    if len(stage_id) > 18 or len(shown) > 9:
        return None
    stage = next((s for s in stages if s.pk == int(stage_id)), None)
    return (stage, int(shown)) if stage else None


# --- Table --------------------------------------------------------------------------------


TABLE_COLUMNS = [
    ("title", "Role"),
    ("company", "Company"),
    ("stage", "Stage"),
    ("applied", "Applied"),
    ("changed", "Last change"),
    ("excitement", "Excitement"),
]


def sort_columns(params, sort: str) -> list[dict]:
    """Each sortable header with its link: a click sorts by it, a second click reverses."""
    columns = []
    for key, label in TABLE_COLUMNS:
        query = params.copy()
        query["sort"] = f"-{key}" if sort == key else key
        state = {key: "ascending", f"-{key}": "descending"}.get(sort)
        columns.append({"label": label, "query": query.urlencode(), "state": state})
    return columns


@login_required
def application_list(request):
    filters = ApplicationFilter(
        request.GET, Application.objects.for_user(request.user), user=request.user
    )
    form = filters.form
    if not filters.is_valid():
        ignored = ", ".join(str(form.fields[f].label or f) for f in form.errors if f in form.fields)
        messages.warning(request, f"Some filters were not understood and are ignored: {ignored}.")
    # The page's ids first, then its rows: counting and sorting ids alone touch only the
    # indexes (sorted by company: 1 ms instead of 5 at 10,000 applications, where every row
    # was read and joined to its stage and company to sort them).
    ids = filters.qs.values_list("pk", flat=True)
    page = Paginator(ids, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = rows_in_order(request.user, list(page.object_list))
    params = request.GET.copy()
    params.pop("page", None)
    sort = filters.values.get("sort", "")
    return TemplateResponse(
        request,
        "pipeline/application_list.html",
        {
            "form": form,
            "page": page,
            "columns": sort_columns(params, sort),
            "sort": sort,
            "company": filters.values.get("company"),
            "filtered": any(k != "sort" for k in filters.values),
            "has_any": page.paginator.count > 0 or bool(filters.values),
        },
    )


# What a row of the table shows (not the descriptions and notes, which can be long).
ROW_FIELDS = [*CARD_FIELDS, "applied_on", "excitement", "work_mode", "source"]


def rows_in_order(user, ids: list[int]) -> list[Application]:
    """The user's applications of these ids, with their stage and company, in this order,
    each with its "no reply" mark."""
    rows = (
        Application.objects.for_user(user)
        .with_related()
        .with_awaiting_reply(user)
        .filter(pk__in=ids)
        .order_by()
        .only(*ROW_FIELDS)
    )
    by_id = {a.pk: a for a in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


# --- Applications -------------------------------------------------------------------------


@login_required
def application_create(request):
    initial = {}
    company_id = request.GET.get("company", "")
    if company_id.isdigit():
        initial["company"] = Company.objects.for_user(request.user).filter(pk=company_id).first()
    # Filled from a posting just read (the import page, the bookmarklet): nothing is saved
    # until this form is posted.
    posting = imported(request) if request.method == "GET" and not request.htmx else None
    if posting:
        initial.update(posting["initial"])
    form = ApplicationCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        application = form.start()
        request.session.pop(SESSION_KEY, None)
        messages.success(request, f"Added “{application}”.")
        return redirect(application)
    company = company_for_notice(request, form, initial.get("company"))
    context = {
        "form": form,
        "losses": earlier_losses(request.user, company),
        "company": company,
        "posting": posting,
        "posting_tools": posting_tools(request, posting) if posting else [],
    }
    if request.htmx and request.method == "GET":
        return TemplateResponse(request, "pipeline/application_form.html#company-history", context)
    return TemplateResponse(request, "pipeline/application_form.html", context)


def company_for_notice(request, form, initial_company):
    """The company the form is about (chosen or typed), for the "you applied here" notice."""
    data = form.data if form.is_bound else request.GET
    company_id, name = data.get("company", ""), data.get("new_company", "").strip()
    companies = Company.objects.for_user(request.user)
    if company_id.isdigit():
        return companies.filter(pk=company_id).first()
    if name and company_key(name):
        return companies.filter(name_key=company_key(name)).first()
    return initial_company


# How many recently added contacts the application page offers besides the relevant ones.
RECENT_CONTACT_CHOICES = 50


def contact_choices(user, application) -> list[Contact]:
    """The contacts the application page offers to link: the people already on it or at its
    company, then the most recently added. Not the whole address book: an imported LinkedIn
    network can hold thousands of people."""
    mine = Contact.objects.for_user(user)
    relevant = list(
        mine.filter(
            Q(company_key=application.company.name_key)
            | Q(application_links__application=application)
        ).distinct()
    )
    seen = {c.pk for c in relevant}
    recent = [
        c for c in mine.order_by("-created_at", "-pk")[:RECENT_CONTACT_CHOICES] if c.pk not in seen
    ]
    return sorted(relevant + recent, key=lambda c: (c.name.casefold(), c.pk))


def application_page(request, application, **forms) -> TemplateResponse:
    """The application page; a failed form post renders it again with its errors."""
    user = request.user
    stages = list(Stage.objects.for_user(user))
    history = list(application.stage_changes.select_related("from_stage", "to_stage"))
    interviews = list(application.interviews.prefetch_related("interviewers"))
    notes = list(application.notes_log.all())
    timeline = sorted(
        [(c.changed_at, 0, "move", c) for c in history]
        + [(i.starts_at, 1, "interview", i) for i in interviews]
        + [(n.created_at, 2, "note", n) for n in notes],
        key=lambda item: (item[0], item[1], item[3].pk),
    )
    others = with_last_change(
        Application.objects.for_user(user)
        .filter(company_id=application.company_id)
        .exclude(pk=application.pk)
        .select_related("stage")
    )
    awaiting = Application.objects.awaiting_reply(user).filter(pk=application.pk).exists()
    context = {
        "application": application,
        "stages": stages,
        "ghost_stage": ghosted_stage(stages),
        "awaiting_reply": awaiting,
        "timeline": [{"kind": kind, "at": at, "item": item} for at, _, kind, item in timeline],
        "interviews": interviews,
        "contact_links": application.contact_links.select_related("contact"),
        "known": Contact.objects.for_user(user).known_at(application.company),
        "others": [{"application": a, **outcome(a)} for a in others],
        "now": timezone.now(),
        "panels": panels_for(request, application),
        "move_form": forms.get("move_form")
        or MoveForm(user=user, stages=stages, initial={"stage": application.stage_id}),
        "note_form": forms.get("note_form") or NoteForm(),
        # Folded away until the user opens them, which loads them (htmx): only a form sent
        # back with its errors is rendered with the page.
        "interview_form": forms.get("interview_form"),
        "contact_form": forms.get("contact_form"),
    }
    return TemplateResponse(request, "pipeline/application_detail.html", context)


def own_application(request, application_id) -> Application:
    return get_object_or_404(
        Application.objects.for_user(request.user).with_related(), pk=application_id
    )


@login_required
def application_detail(request, application_id):
    return application_page(request, own_application(request, application_id))


@login_required
def application_edit(request, application_id):
    application = own_application(request, application_id)
    form = ApplicationEditForm(request.POST or None, instance=application, user=request.user)
    if request.method == "POST" and form.is_valid():
        stage, change = form.cleaned_data["stage"], None
        try:
            with transaction.atomic():
                application = form.save()
                if "stage" in form.changed_data and stage != application.stage:
                    change = application.move_to(
                        stage, when=form.cleaned_data["when"], note=form.cleaned_data["stage_note"]
                    )
        except ValidationError as exc:
            add_move_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            if change and change.next_url:
                return redirect(change.next_url)
            return redirect(application)
    return TemplateResponse(
        request, "pipeline/application_form.html", {"form": form, "application": application}
    )


@login_required
def application_delete(request, application_id):
    application = own_application(request, application_id)
    if request.method == "POST":
        try:
            application.delete()
        except ProtectedError:
            messages.error(request, "This application is still used elsewhere (a debrief?).")
            return redirect(application)
        messages.success(request, f"Deleted “{application}” and its history.")
        return redirect("pipeline:application_list")
    return TemplateResponse(
        request, "pipeline/application_confirm_delete.html", {"application": application}
    )


@login_required
@require_POST
def application_move(request, application_id):
    """Move to a stage: the board's drag (htmx), its "Move to" control, the application page."""
    application = own_application(request, application_id)
    form = MoveForm(request.POST, user=request.user)
    change = None
    if form.is_valid():
        try:
            change = application.move_to(
                form.cleaned_data["stage"],
                when=form.cleaned_data["when"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_move_errors(form, exc)
    if request.htmx:
        # The board's drag: answer with the card as it is now (and any prompt or error).
        stages = list(Stage.objects.for_user(request.user))
        card = column_card(request.user, application.pk)
        context = {
            "application": card,
            "stages": stages,
            "ghost_stage": ghosted_stage(stages),
            "change": change,
            "move_errors": [e for errors in form.errors.values() for e in errors],
            "board_url": reverse("pipeline:board"),
        }
        status = 400 if form.errors else 200
        return TemplateResponse(request, "pipeline/board.html#card", context, status=status)
    if form.errors:
        return application_page(request, application, move_form=form)
    if change and change.next_url:
        return redirect(change.next_url)
    if change:
        messages.success(
            request,
            f"Moved “{application.title}” to {application.stage}. Not today? Use “Correct” "
            "beside the move in its timeline.",
        )
    return redirect_back(request, application.get_absolute_url())


@login_required
@require_POST
def application_ghost(request, application_id):
    """One click: no reply for too long, so move it to the Ghosted stage."""
    application = own_application(request, application_id)
    stage = ghosted_stage(Stage.objects.for_user(request.user))
    if stage is None:
        messages.error(
            request, "You have no stage for ghosted applications: add a lost stage of type Ghosted."
        )
        return redirect_back(request, application.get_absolute_url())
    try:
        change = application.move_to(stage, note="No reply")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect_back(request, application.get_absolute_url())
    if change and change.next_url:
        return redirect(change.next_url)
    messages.success(request, f"Moved “{application.title}” to {stage}.")
    return redirect_back(request, application.get_absolute_url())


@login_required
@require_POST
def note_create(request, application_id):
    application = own_application(request, application_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return application_page(request, application, note_form=form)
    form.instance.application = application
    form.save()
    messages.success(request, "Note added.")
    return redirect(reverse("pipeline:application_detail", args=[application.pk]) + "#timeline")


# --- Interviews ---------------------------------------------------------------------------


def link_interviewers(interview: Interview) -> None:
    """Interviewers are contacts; each is linked to the application as an interviewer."""
    linked = set(
        ApplicationContact.objects.filter(
            application=interview.application, role=ContactRole.INTERVIEWER
        ).values_list("contact_id", flat=True)
    )
    ApplicationContact.objects.bulk_create(
        ApplicationContact(
            application=interview.application, contact=contact, role=ContactRole.INTERVIEWER
        )
        for contact in interview.interviewers.all()
        if contact.pk not in linked
    )


def save_interview(request, form, application):
    with transaction.atomic():
        form.instance.application = application
        interview = form.save()
        link_interviewers(interview)
    return redirect(
        reverse("pipeline:application_detail", args=[application.pk]) + f"#interview-{interview.pk}"
    )


@login_required
def interview_create(request, application_id):
    """The form to add an interview: on its own page, or (htmx) into the application page
    when its "Add an interview" is opened."""
    application = own_application(request, application_id)
    if request.method == "POST":
        form = InterviewForm(request.POST, user=request.user)
        if form.is_valid():
            messages.success(request, "Interview added.")
            return save_interview(request, form, application)
    else:
        contacts = contact_choices(request.user, application)
        form = InterviewForm(user=request.user, contacts=contacts)
        if request.htmx:
            context = {"application": application, "interview_form": form}
            return TemplateResponse(
                request, "pipeline/application_detail.html#interview-form", context
            )
    return TemplateResponse(
        request, "pipeline/interview_form.html", {"form": form, "application": application}
    )


def own_interview(request, interview_id) -> Interview:
    return get_object_or_404(
        Interview.objects.for_user(request.user).select_related(
            "application__company", "application__stage"
        ),
        pk=interview_id,
    )


@login_required
def interview_edit(request, interview_id):
    interview = own_interview(request, interview_id)
    form = InterviewForm(request.POST or None, instance=interview, user=request.user)
    if request.method == "POST" and form.is_valid():
        messages.success(request, "Interview saved.")
        return save_interview(request, form, interview.application)
    return TemplateResponse(
        request,
        "pipeline/interview_form.html",
        {"form": form, "application": interview.application, "interview": interview},
    )


@login_required
@require_POST
def interview_delete(request, interview_id):
    interview = own_interview(request, interview_id)
    interview.delete()
    messages.success(request, f"Deleted the interview “{interview.round_name}”.")
    return redirect(interview.application)
