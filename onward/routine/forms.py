from django import forms

from .models import (
    DEFAULT_GOALS,
    ActivityLog,
    RestPeriod,
    RoutineSettings,
    WeeklyGoals,
    WeeklyReview,
)


class WeekStartForm(forms.ModelForm):
    class Meta:
        model = RoutineSettings
        fields = ["week_start"]


class GoalsForm(forms.ModelForm):
    class Meta:
        model = WeeklyGoals
        fields = list(DEFAULT_GOALS)
        widgets = {name: forms.NumberInput(attrs={"min": 0, "max": 100}) for name in DEFAULT_GOALS}
        help_texts = {"touches": "Interactions with contacts, plus networking events you log."}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ActivityLog
        fields = ["kind", "on", "hours", "note"]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}),
            "hours": forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
            "note": forms.TextInput(attrs={"placeholder": "Mock interview with a friend"}),
        }
        labels = {"kind": "What did you do?"}


class RestForm(forms.ModelForm):
    class Meta:
        model = RestPeriod
        fields = ["starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.TextInput(attrs={"placeholder": "A week off with family"}),
        }


class ReviewForm(forms.ModelForm):
    class Meta:
        model = WeeklyReview
        fields = ["reflection", "focus", "focus_note"]
        widgets = {"reflection": forms.Textarea(attrs={"rows": 3})}
