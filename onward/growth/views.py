"""The Skills page, skill gaps and the learning plan. Plain form posts throughout."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from onward.debrief.models import Lesson
from onward.pipeline.models import Application

from .areas import areas_for
from .forms import (
    GapStatusForm,
    ItemStatusForm,
    LearningItemForm,
    LogTimeForm,
    SkillGapForm,
)
from .models import GapStatus, ItemStatus, LearningItem, PostingSkill, SkillGap

GAP_MESSAGES: dict[str, str] = {
    GapStatus.OPEN: "Reopened. It's back on your list.",
    GapStatus.WORKING: "Marked as something you're working on.",
    GapStatus.CLOSED: "Closed. Worth mentioning in your next interview.",
}
ITEM_MESSAGES: dict[str, str] = {
    ItemStatus.PLANNED: "Back to planned.",
    ItemStatus.IN_PROGRESS: "Started. Log time as you go and it counts towards your week.",
    ItemStatus.DONE: "Done. Add it to your résumé or profile while it's fresh.",
}


def _gap(request, skill_gap_id: int) -> SkillGap:
    return get_object_or_404(
        SkillGap.objects.for_user(request.user).select_related(
            "debrief__application__company", "lesson"
        ),
        pk=skill_gap_id,
    )


def _item(request, learning_item_id: int) -> LearningItem:
    return get_object_or_404(
        LearningItem.objects.for_user(request.user).with_hours().select_related("skill_gap"),
        pk=learning_item_id,
    )


# --- The Skills page ------------------------------------------------------------------------

ASKED_SHOWN = 15


def asked_skills(user, gaps, key: str | None = None) -> tuple[list[dict], int]:
    """The skills most asked for across the user's saved postings (or the one skill ``key``),
    each with the number of postings asking and the user's current gap of that name, if any;
    and the number of postings read (those with a description). Two queries, whatever the
    number of applications."""
    postings = Application.objects.for_user(user).exclude(description="").count()
    rows = PostingSkill.objects.for_user(user)
    if key is not None:
        rows = rows.filter(key=key)
    rows = (
        rows.values("key")
        .annotate(label=Min("label"), postings=Count("application", distinct=True))
        .order_by("-postings", "label")[:ASKED_SHOWN]
    )
    by_name = {gap.name.casefold(): gap for gap in gaps if not gap.is_closed}
    asked = [{**row, "gap": by_name.get(row["label"].casefold())} for row in rows]
    return asked, postings


def _skills_context(request, **forms) -> dict:
    user = request.user
    gaps = list(
        SkillGap.objects.for_user(user)
        .annotate(item_count=Count("items"))
        .order_by("status", "-created_at", "-pk")
    )
    current = [gap for gap in gaps if not gap.is_closed]
    items = list(LearningItem.objects.for_user(user).with_hours().select_related("skill_gap"))
    areas = areas_for(user)
    named = {gap.competency for gap in current if gap.competency}
    asked, postings = asked_skills(user, current)
    return {
        "asked": asked,
        "postings_read": postings,
        "areas": areas,
        "named_competencies": named,
        "current_gaps": current,
        "closed_gaps": [gap for gap in gaps if gap.is_closed],
        "in_progress": [i for i in items if i.status == ItemStatus.IN_PROGRESS],
        "planned": [i for i in items if i.status == ItemStatus.PLANNED],
        "done": [i for i in items if i.status == ItemStatus.DONE],
        "gap_form": forms.get("gap_form") or SkillGapForm(user=user),
        "item_form": forms.get("item_form") or LearningItemForm(user=user),
    }


@login_required
def skills(request):
    return TemplateResponse(request, "growth/skills.html", _skills_context(request))


# --- Skill gaps -----------------------------------------------------------------------------


@login_required
@require_POST
def gap_add(request):
    """Name a gap by hand, or in one click from a suggested area (the same fields, prefilled)."""
    form = SkillGapForm(request.POST, user=request.user)
    if not form.is_valid():
        context = _skills_context(request, gap_form=form)
        return TemplateResponse(request, "growth/skills.html", context, status=400)
    gap = form.save()
    messages.success(request, "Added to your skill gaps. Next: what would help you close it?")
    return redirect(gap)


@login_required
@require_POST
def gap_from_lesson(request, lesson_id: int):
    lesson = get_object_or_404(
        Lesson.objects.for_user(request.user).select_related("debrief__application__company"),
        pk=lesson_id,
    )
    gap, created = SkillGap.from_lesson(lesson)
    if created:
        messages.success(request, "That lesson is now a skill gap. Plan one small step for it.")
    else:
        messages.info(request, "That lesson is already one of your skill gaps.")
    return redirect(gap)


@login_required
@require_POST
def gap_from_asked(request, key: str):
    """One click on a skill the postings ask for makes it a skill gap (once: a second click finds
    the first). htmx gets the row back; a plain post goes back to the page."""
    rows, postings = asked_skills(request.user, [], key=key)
    if not rows:
        raise Http404("None of your postings asks for that skill.")
    row = rows[0]
    why = f"Asked for in {row['postings']} of {postings} of your saved job postings."
    gap, created = SkillGap.for_asked_skill(request.user, row["label"], why)
    if request.htmx:
        row["gap"] = gap
        context = {"row": row, "postings_read": postings}
        return TemplateResponse(request, "growth/_asked_row.html", context)
    if created:
        messages.success(request, f"{gap.name} is now a skill gap. Plan one small step for it.")
    else:
        messages.info(request, f"{gap.name} is already one of your skill gaps.")
    return redirect("growth:skills")


def _gap_page(request, gap: SkillGap, status: int = 200, **forms) -> TemplateResponse:
    items = list(gap.items.with_hours())
    context = {
        "gap": gap,
        "items": items,
        "edit_form": forms.get("edit_form") or SkillGapForm(instance=gap, user=request.user),
        "item_form": forms.get("item_form")
        or LearningItemForm(user=request.user, initial={"skill_gap": gap.pk}),
        "status_error": forms.get("status_error"),
        "statuses": GapStatus.choices,
    }
    return TemplateResponse(request, "growth/skill_gap_detail.html", context, status=status)


@login_required
def gap_detail(request, skill_gap_id: int):
    return _gap_page(request, _gap(request, skill_gap_id))


@login_required
@require_POST
def gap_edit(request, skill_gap_id: int):
    gap = _gap(request, skill_gap_id)
    form = SkillGapForm(request.POST, instance=gap, user=request.user)
    if not form.is_valid():
        # The form has written the rejected values onto ``gap``: show the saved ones.
        return _gap_page(request, _gap(request, skill_gap_id), status=400, edit_form=form)
    form.save()
    messages.success(request, "Saved.")
    return redirect(gap)


@login_required
@require_POST
def gap_status(request, skill_gap_id: int):
    gap = _gap(request, skill_gap_id)
    form = GapStatusForm(request.POST)
    if not form.is_valid():
        return _gap_page(request, gap, status=400, status_error="Choose open, working or closed.")
    gap.move_to(form.cleaned_data["status"])
    messages.success(request, GAP_MESSAGES[gap.status])
    return redirect(gap)


@login_required
@require_POST
def gap_delete(request, skill_gap_id: int):
    gap = _gap(request, skill_gap_id)
    gap.delete()
    messages.success(request, "Skill gap removed. Its learning items stay on your plan.")
    return redirect("growth:skills")


# --- The learning plan ----------------------------------------------------------------------


@login_required
@require_POST
def item_add(request):
    form = LearningItemForm(request.POST, user=request.user)
    if not form.is_valid():
        gap = form.cleaned_data.get("skill_gap") if request.POST.get("from_gap") else None
        if gap is not None:
            gap = _gap(request, gap.pk)
            return _gap_page(request, gap, status=400, item_form=form)
        context = _skills_context(request, item_form=form)
        return TemplateResponse(request, "growth/skills.html", context, status=400)
    item = form.save()
    item.sync_reminder()
    messages.success(request, f"Added to your learning plan: {item.title}.")
    if request.POST.get("from_gap") and item.skill_gap_id:
        return redirect(item.skill_gap)
    return redirect("growth:skills")


def _item_page(request, item: LearningItem, status: int = 200, **forms) -> TemplateResponse:
    logs = list(item.logs.select_related("activity"))
    context = {
        "item": item,
        "logs": logs,
        "edit_form": forms.get("edit_form") or LearningItemForm(instance=item, user=request.user),
        "log_form": forms.get("log_form") or LogTimeForm(user=request.user),
        "status_error": forms.get("status_error"),
        "statuses": ItemStatus.choices,
        "reminder": item.reminders.filter(done_at__isnull=True).first(),
    }
    return TemplateResponse(request, "growth/learning_item_detail.html", context, status=status)


@login_required
def item_detail(request, learning_item_id: int):
    return _item_page(request, _item(request, learning_item_id))


@login_required
@require_POST
def item_edit(request, learning_item_id: int):
    item = _item(request, learning_item_id)
    form = LearningItemForm(request.POST, instance=item, user=request.user)
    if not form.is_valid():
        # The form has written the rejected values onto ``item``: show the saved ones.
        saved = _item(request, learning_item_id)
        return _item_page(request, saved, status=400, edit_form=form)
    form.save()
    item.sync_reminder()
    messages.success(request, "Saved.")
    return redirect(item)


@login_required
@require_POST
def item_status(request, learning_item_id: int):
    item = _item(request, learning_item_id)
    form = ItemStatusForm(request.POST)
    if not form.is_valid():
        return _item_page(
            request, item, status=400, status_error="Choose planned, in progress or done."
        )
    item.move_to(form.cleaned_data["status"])
    messages.success(request, ITEM_MESSAGES[item.status])
    return redirect(item)


@login_required
@require_POST
def item_log(request, learning_item_id: int):
    """Log time on an item: it lands in the routine as learning hours, entered once."""
    item = _item(request, learning_item_id)
    form = LogTimeForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            item.log_time(data["hours"], data["on"], data["note"])
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
    if not form.is_valid():
        return _item_page(request, item, status=400, log_form=form)
    messages.success(request, "Logged. It counts towards this week's learning hours.")
    return redirect(item)


@login_required
@require_POST
def item_delete(request, learning_item_id: int):
    item = _item(request, learning_item_id)
    item.delete()
    messages.success(request, "Removed from your plan. Time you logged stays in your routine.")
    return redirect("growth:skills")
