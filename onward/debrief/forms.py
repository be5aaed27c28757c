from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from onward.core.drafts import DRAFT_KINDS, DraftTemplate
from onward.core.forms import ModelMultipleChoiceField
from onward.network.models import CADENCE_CHOICES, Contact

from .models import Debrief, FeedbackState, Lesson, StepState
from .taxonomy import Competency, ReasonCategory

RATING_CHOICES = [("", "–")] + [(str(n), str(n)) for n in range(1, 6)]


class ReflectForm(forms.ModelForm):
    class Meta:
        model = Debrief
        fields = ["stage_reached", "went_well", "to_improve", "stumped_by", "thank_you_detail"]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 4}),
            "to_improve": forms.Textarea(attrs={"rows": 4}),
            "stumped_by": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"stage_reached": "Set from the stage history; correct it if it's wrong."}

    def __init__(self, *args, ratings: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = ratings or {}
        for value, label in Competency.choices:
            self.fields[f"rating_{value}"] = forms.TypedChoiceField(
                label=label,
                choices=RATING_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=ratings.get(value),
            )

    def rating_fields(self):
        return [self[f"rating_{value}"] for value in Competency.values]

    def text_fields(self):
        return [self[name] for name in ("went_well", "to_improve", "stumped_by")]

    def clean_thank_you_detail(self):
        # One line: it is quoted inside a sentence of the draft.
        return " ".join(self.cleaned_data["thank_you_detail"].split()).rstrip(" .!?;:")

    def ratings(self) -> dict[str, int | None]:
        return {value: self.cleaned_data.get(f"rating_{value}") for value in Competency.values}


class ReasonForm(forms.ModelForm):
    class Meta:
        model = Debrief
        fields = ["reason_given", "reason_category"]
        widgets = {"reason_given": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reason_given": "Paste it as they wrote it, if they gave one."}


class FeedbackForm(forms.Form):
    state = forms.ChoiceField(
        choices=[c for c in FeedbackState.choices if c[0] != FeedbackState.NOT_ASKED]
    )
    on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    contact: "forms.ModelChoiceField[Contact]" = forms.ModelChoiceField(
        queryset=None, required=False, label="Asked"
    )
    text = forms.CharField(
        label="The feedback, word for word", widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )  # fmt: skip
    category = forms.ChoiceField(choices=[("", "—")] + ReasonCategory.choices, required=False)

    def __init__(self, *args, contacts, **kwargs):
        # Its own ids: the lesson form on the debrief's page has a text and a category too.
        kwargs.setdefault("auto_id", "feedback_%s")
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts

    def clean_on(self):
        return self.cleaned_data.get("on") or timezone.localdate()


class StepForm(forms.Form):
    state = forms.ChoiceField(choices=StepState.choices)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    remind_on = forms.DateField(
        label="Remind me on", widget=forms.DateInput(attrs={"type": "date"}), required=False
    )


class LessonForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "lesson_%s")  # the feedback form has a text and category
        super().__init__(*args, **kwargs)

    class Meta:
        model = Lesson
        fields = ["text", "category", "stage", "next_time"]
        widgets = {"next_time": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"text": "One sentence: what did this teach you?"}


class CompleteForm(forms.Form):
    reconnect = forms.BooleanField(required=False, initial=True, label="Remind me to reconnect")
    reconnect_months = forms.IntegerField(
        min_value=1, max_value=24, initial=3, required=False, label="after months"
    )
    openings = forms.BooleanField(
        required=False, initial=True, label="Remind me to check for new openings"
    )
    openings_months = forms.IntegerField(
        min_value=1, max_value=24, initial=6, required=False, label="after months"
    )
    connect_linkedin = forms.BooleanField(
        required=False, initial=True, label="Add a 'connect on LinkedIn' task per interviewer"
    )


class DraftTemplateForm(forms.ModelForm):
    class Meta:
        model = DraftTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind not in DRAFT_KINDS:
            raise ValueError(kind)
        self.instance.kind = kind


class StayInTouchForm(forms.Form):
    """After a debrief: stay in touch with the interviewers, in one step."""

    contacts = ModelMultipleChoiceField(
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="The people who interviewed you",
    )
    connect_linkedin = forms.BooleanField(
        label="Add a “connect on LinkedIn” task for each", required=False, initial=True
    )
    cadence = forms.TypedChoiceField(
        label="Stay in touch",
        choices=[("", "No reminder")] + [(str(w), label) for w, label in CADENCE_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        initial="8",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = Contact.objects.filter(pk__in=[p.pk for p in people])
        self.fields["contacts"].initial = [p.pk for p in people]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("connect_linkedin") and not cleaned.get("cadence") and not self.errors:
            raise ValidationError("Choose a LinkedIn task, a stay-in-touch rhythm, or both.")
        return cleaned
