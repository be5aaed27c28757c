"""The growth forms. Each takes the user, so every choice offered is the user's own."""

from decimal import Decimal

from django import forms

from onward.core.forms import DateInput, https_urls
from onward.debrief.models import Debrief
from onward.debrief.taxonomy import Competency
from onward.routine.models import validate_quarter_hours
from onward.routine.progress import user_today

from .models import GapStatus, ItemStatus, LearningItem, SkillGap

MAX_HOURS = Decimal("24")


class SkillGapForm(forms.ModelForm):
    class Meta:
        model = SkillGap
        fields = ["name", "why", "competency", "debrief"]
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": "System design under time pressure"}),
            "why": forms.Textarea(attrs={"rows": 2}),
            "debrief": forms.HiddenInput,
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("instance", SkillGap(user=user))
        super().__init__(*args, **kwargs)
        self.fields["debrief"].queryset = Debrief.objects.for_user(user)
        self.fields["competency"].choices = [("", "— none —"), *Competency.choices]
        self.fields["debrief"].error_messages["invalid_choice"] = (
            "That debrief could not be found. Name the gap by hand below."
        )


class GapStatusForm(forms.Form):
    status = forms.ChoiceField(choices=GapStatus.choices)


class LearningItemForm(forms.ModelForm):
    class Meta:
        model = LearningItem
        fields = ["title", "kind", "skill_gap", "url", "target_date", "notes"]
        formfield_callback = https_urls
        widgets = {
            "title": forms.TextInput(attrs={"placeholder": "Intro to system design, weeks 1–3"}),
            "target_date": DateInput,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "url": "Where to find it, e.g. https://example.org/course.",
            "target_date": "Onward reminds you on the morning of that day.",
        }

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("instance", LearningItem(user=user))
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["skill_gap"].queryset = SkillGap.objects.for_user(user)
        self.fields["skill_gap"].empty_label = "— none —"

    def clean_target_date(self):
        # A date that has passed may stay on an item; setting one in the past is a slip.
        target = self.cleaned_data["target_date"]
        if target and "target_date" in self.changed_data and target < user_today(self.user):
            raise forms.ValidationError("That date has passed: pick today or a later day.")
        return target


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ItemStatus.choices)


class LogTimeForm(forms.Form):
    hours = forms.DecimalField(
        max_digits=4,
        decimal_places=2,
        # The step counts from min: with min 0.25, 1, 1.5 and 2.75 are all valid in the browser.
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
        help_text="In hours: 1.5 is an hour and a half.",
    )
    on = forms.DateField(label="date", widget=DateInput)
    note = forms.CharField(
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": "Module 3: caching"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {"on": user_today(user)})
        super().__init__(*args, **kwargs)

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours <= 0:
            raise forms.ValidationError("Log the time you spent: more than 0 hours.")
        if hours > MAX_HOURS:
            raise forms.ValidationError("A day has 24 hours: log at most 24 at a time.")
        validate_quarter_hours(hours)
        return hours

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > user_today(self.user):
            raise forms.ValidationError("Log time you have spent, not time you plan to spend.")
        return on
