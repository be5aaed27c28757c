from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from onward.core import drafts
from onward.core.draft_page import DraftForm, draft_form, use_draft
from onward.network.models import Contact
from onward.pipeline.models import Application, LossType, StageKind

from .forms import (
    CompleteForm,
    DraftTemplateForm,
    FeedbackForm,
    LessonForm,
    ReasonForm,
    ReflectForm,
    StayInTouchForm,
    StepForm,
)
from .lessons import lessons_summary
from .models import Debrief, DebriefStatus, DebriefStep, FeedbackState, Lesson
from .panels import habit_page, panels_for
from .personalise import (
    default_recipient,
    interview_facts,
    make_draft,
    recipients,
    reflect_prompts,
)
from .taxonomy import Habit


def _debrief(request, debrief_id: int) -> Debrief:
    return get_object_or_404(
        Debrief.objects.for_user(request.user).select_related(
            "application__company", "application__stage", "feedback_contact"
        ),
        pk=debrief_id,
    )


def _back(debrief: Debrief, anchor: str = "") -> HttpResponse:
    return redirect(debrief.get_absolute_url() + (f"#{anchor}" if anchor else ""))


# --- Lists --------------------------------------------------------------------------------


@login_required
def debrief_list(request):
    mine = Debrief.objects.for_user(request.user).select_related("application__company")
    to_finish = mine.to_finish().annotate(
        steps_done=Count("steps", filter=~Q(steps__state=DebriefStep.State.TODO))
    )
    finished = mine.exclude(status=DebriefStatus.OPEN)[:50]
    # Lost applications without a debrief (withdrawals, mostly): the user may start one.
    without = (
        Application.objects.for_user(request.user)
        .filter(stage__kind=StageKind.LOST, debrief__isnull=True)
        .select_related("company", "stage")
    )
    return TemplateResponse(
        request,
        "debrief/debrief_list.html",
        {
            "to_finish": to_finish,
            "finished": finished,
            "without": without,
            "habit_count": len(Habit.values),
        },
    )


@login_required
def lessons(request):
    return TemplateResponse(request, "debrief/lessons.html", lessons_summary(request.user))


@login_required
@require_POST
def debrief_start(request, application_id: int):
    """Start a debrief by hand (a withdrawal gets none on its own)."""
    application = get_object_or_404(
        Application.objects.for_user(request.user).select_related("stage"), pk=application_id
    )
    if application.stage.kind == StageKind.LOST:
        flow = application.stage.loss_type or LossType.REJECTED
    else:
        flow = LossType.WITHDRAWN
    debrief = Debrief.open_for(application, flow=flow)
    return redirect(debrief)


# --- The debrief --------------------------------------------------------------------------


def _detail_context(request, debrief: Debrief, **forms) -> dict:
    application = debrief.application
    facts = interview_facts(application)
    steps = list(debrief.steps.all())
    steps.sort(key=lambda step: step.position)
    ratings = dict(debrief.ratings.values_list("competency", "rating"))
    contacts = Contact.objects.filter(pk__in=[r.contact.pk for r in recipients(application)])
    context = {
        "debrief": debrief,
        "application": application,
        "application_url": application.get_absolute_url(),
        "facts": facts,
        "prompts": reflect_prompts(debrief.stage_reached, facts),
        "steps": [
            (
                step,
                habit_page(step.habit),
                StepForm(initial={"state": step.state, "notes": step.notes}, prefix=step.habit),
            )
            for step in steps
        ],
        "reflect_form": ReflectForm(instance=debrief, ratings=ratings),
        "reason_form": ReasonForm(instance=debrief),
        "feedback_form": FeedbackForm(contacts=contacts, initial=_feedback_initial(debrief)),
        "lesson_form": LessonForm(initial={"stage": debrief.stage_reached}),
        "complete_form": CompleteForm(),
        "lessons": debrief.lessons.all(),
        "draft_kinds": [(kind, drafts.DRAFT_KINDS[kind]) for kind in debrief.draft_kinds],
        "reminders": debrief.reminders.open().order_by("due_at"),
        "FeedbackState": FeedbackState,
        "smtp_enabled": settings.ONWARD_SMTP_ENABLED,
        # What the apps above add to the page (wellbeing: perspective, the mood check-in).
        "panels_top": panels_for(request, debrief, "top", forms),
        "panels_steps": panels_for(request, debrief, "steps", forms),
    }
    context.update(forms)
    return context


def _feedback_initial(debrief: Debrief) -> dict:
    following: dict[str, str] = {
        FeedbackState.NOT_ASKED: FeedbackState.ASKED,
        FeedbackState.ASKED: FeedbackState.RECEIVED,
        FeedbackState.NO_ANSWER: FeedbackState.RECEIVED,
    }
    return {
        "state": following.get(debrief.feedback_state, debrief.feedback_state),
        "contact": debrief.feedback_contact_id,
    }


def render_detail(request, debrief, partial: str = "", status: int = 200, **forms):
    """The debrief page (or one of its htmx partials), with any bound ``forms`` shown again."""
    template = "debrief/debrief_detail.html"
    if partial and request.htmx:
        template += f"#{partial}"
    return TemplateResponse(
        request, template, _detail_context(request, debrief, **forms), status=status
    )


@login_required
def debrief_detail(request, debrief_id: int):
    return render_detail(request, _debrief(request, debrief_id))


@login_required
@require_POST
def debrief_reflect(request, debrief_id: int):
    debrief = _debrief(request, debrief_id)
    form = ReflectForm(request.POST, instance=debrief)
    if not form.is_valid():
        return render_detail(request, debrief, "reflect", status=400, reflect_form=form)
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    debrief.save_reflection(ratings=form.ratings(), **fields)
    messages.success(request, "Reflection saved.")
    return _back(debrief, "reflect")


@login_required
@require_POST
def debrief_reason(request, debrief_id: int):
    debrief = _debrief(request, debrief_id)
    form = ReasonForm(request.POST, instance=debrief)
    if not form.is_valid():
        return render_detail(request, debrief, "reason", status=400, reason_form=form)
    form.save()
    messages.success(request, "Reason saved.")
    return _back(debrief, "reason")


@login_required
@require_POST
def debrief_feedback(request, debrief_id: int):
    debrief = _debrief(request, debrief_id)
    contacts = Contact.objects.filter(
        pk__in=[r.contact.pk for r in recipients(debrief.application)]
    )
    form = FeedbackForm(request.POST, contacts=contacts)
    if form.is_valid():
        data = form.cleaned_data
        try:
            debrief.record_feedback(
                data["state"],
                on=data["on"],
                contact=data["contact"],
                text=data["text"],
                category=data["category"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    if not form.is_valid():
        return render_detail(request, debrief, "feedback", status=400, feedback_form=form)
    if request.htmx:
        debrief.refresh_from_db()
        return render_detail(request, debrief, "feedback")
    return _back(debrief, "feedback")


@login_required
@require_POST
def debrief_step(request, debrief_id: int, habit: str):
    debrief = _debrief(request, debrief_id)
    if habit not in Habit.values:
        raise Http404("No such step.")
    step = debrief.step(habit)
    form = StepForm(request.POST, prefix=habit)
    if form.is_valid():
        try:
            step.update(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
    if not form.is_valid():
        context = _detail_context(request, debrief)
        context["steps"] = [
            (s, page, form if s.pk == step.pk else f) for s, page, f in context["steps"]
        ]
        template = "debrief/debrief_detail.html" + ("#steps" if request.htmx else "")
        return TemplateResponse(request, template, context, status=400)
    if request.htmx:
        return render_detail(request, debrief, "steps")
    return _back(debrief, f"step-{habit}")


@login_required
@require_POST
def lesson_add(request, debrief_id: int):
    debrief = _debrief(request, debrief_id)
    form = LessonForm(request.POST)
    if not form.is_valid():
        return render_detail(request, debrief, "lessons", status=400, lesson_form=form)
    lesson = form.save(commit=False)
    lesson.user = request.user
    lesson.debrief = debrief
    lesson.save()
    debrief.mark_step_done(Habit.LEARN)
    if request.htmx:
        return render_detail(request, debrief, "lessons")
    return _back(debrief, "lessons")


@login_required
@require_POST
def lesson_delete(request, lesson_id: int):
    lesson = get_object_or_404(
        Lesson.objects.for_user(request.user).select_related("debrief"), pk=lesson_id
    )
    debrief = lesson.debrief
    lesson.delete()
    if request.htmx:
        return render_detail(request, debrief, "lessons")
    return _back(debrief, "lessons")


@login_required
@require_POST
def debrief_complete(request, debrief_id: int):
    debrief = _debrief(request, debrief_id)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        return render_detail(request, debrief, "complete", status=400, complete_form=form)
    data = form.cleaned_data
    made = debrief.complete(
        reconnect_months=(data["reconnect_months"] or 3) if data["reconnect"] else None,
        openings_months=(data["openings_months"] or 6) if data["openings"] else None,
        connect_linkedin=data["connect_linkedin"],
    )
    messages.success(
        request,
        f"Debrief completed. {len(made)} reminder{'s' if len(made) != 1 else ''} "
        "set to keep the door open.",
    )
    return _back(debrief)


@login_required
@require_POST
def debrief_dismiss(request, debrief_id: int):
    debrief = _debrief(request, debrief_id)
    debrief.dismiss()
    messages.info(request, "Debrief set aside. You can reopen it from the debrief list.")
    return redirect("debrief:debrief_list")


@login_required
@require_POST
def debrief_reopen(request, debrief_id: int):
    debrief = _debrief(request, debrief_id)
    debrief.reopen()
    return _back(debrief)


# --- Drafts -------------------------------------------------------------------------------


@login_required
def debrief_draft(request, debrief_id: int, kind: str):
    """A draft for this debrief: edit it, then copy, open in the mail client, download as
    .eml, send (when SMTP is configured) or just mark it as sent."""
    debrief = _debrief(request, debrief_id)
    if kind not in debrief.draft_kinds:
        raise Http404("No such draft for this debrief.")
    people = recipients(debrief.application)
    chosen = None
    contact_id = request.GET.get("contact", "")
    if contact_id.isdigit():
        chosen = next((r for r in people if r.contact.pk == int(contact_id)), None)
    chosen = chosen or default_recipient(people, kind, debrief)
    contact = chosen.contact if chosen else None

    status = 200
    if request.method == "POST":
        form = DraftForm(request.POST)

        def on_sent(to):
            debrief.record_sent(kind, to=form.cleaned_data["to"])
            messages.success(request, f"Sent to {to}, and logged." if to else "Logged as sent.")
            return _back(debrief, "drafts")

        outcome = use_draft(request, form, on_sent)
        if isinstance(outcome, HttpResponse):
            return outcome
        mailto, status = outcome, 400 if form.errors else 200
    else:
        form, mailto = draft_form(make_draft(debrief, kind, contact))
    return TemplateResponse(
        request,
        "debrief/debrief_draft.html",
        {
            "debrief": debrief,
            "kind": kind,
            "spec": drafts.DRAFT_KINDS[kind],
            "people": people,
            "chosen": chosen,
            "form": form,
            "mailto": mailto,
            "smtp_enabled": settings.ONWARD_SMTP_ENABLED,
        },
        status=status,
    )


@login_required
def template_list(request):
    own = set(drafts.DraftTemplate.objects.for_user(request.user).values_list("kind", flat=True))
    kinds = [(kind, spec, kind in own) for kind, spec in drafts.DRAFT_KINDS.items()]
    return TemplateResponse(
        request,
        "debrief/template_list.html",
        {"kinds": kinds, "placeholders": drafts.PLACEHOLDERS},
    )


@login_required
def template_edit(request, kind: str):
    if kind not in drafts.DRAFT_KINDS:
        raise Http404("No such kind of draft.")
    spec = drafts.DRAFT_KINDS[kind]
    own = drafts.DraftTemplate.objects.for_user(request.user).filter(kind=kind).first()
    if request.method == "POST" and request.POST.get("action") == "reset":
        if own:
            own.delete()
        messages.success(request, "Back to the default wording.")
        return redirect("debrief:template_edit", kind=kind)
    instance = own or drafts.DraftTemplate(user=request.user, subject=spec.subject, body=spec.body)
    form = DraftTemplateForm(request.POST or None, instance=instance, kind=kind)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Template saved. New drafts will use it.")
            return redirect("debrief:template_edit", kind=kind)
        status = 400
    else:
        status = 200
    return TemplateResponse(
        request,
        "debrief/template_edit.html",
        {
            "form": form,
            "kind": kind,
            "spec": spec,
            "customised": own is not None,
            "placeholders": drafts.PLACEHOLDERS,
        },
        status=status,
    )


# --- Staying in touch after a debrief -----------------------------------------------------


@login_required
def debrief_stay_in_touch(request, debrief_id):
    """One step after a debrief: connect with the interviewers on LinkedIn and stay in touch
    every few weeks."""
    debrief = get_object_or_404(
        Debrief.objects.for_user(request.user).select_related("application__company"),
        pk=debrief_id,
    )
    people = debrief.interviewers()
    form = StayInTouchForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["contacts"])
        debrief.stay_in_touch(
            chosen,
            cadence_weeks=form.cleaned_data["cadence"],
            connect_linkedin=form.cleaned_data["connect_linkedin"],
        )
        names = ", ".join(c.name for c in chosen)
        messages.success(request, f"Done: you'll stay in touch with {names}.")
        return redirect(debrief)
    return TemplateResponse(
        request,
        "debrief/stay_in_touch.html",
        {"debrief": debrief, "people": people, "form": form},
        status=400 if form.errors else 200,
    )
