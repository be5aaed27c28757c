from django import forms

from .models import MoodCheckIn, Win


class WinForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        # Its own ids: the mood form on the same page has a note too.
        kwargs.setdefault("auto_id", "win_%s")
        super().__init__(*args, **kwargs)

    class Meta:
        model = Win
        fields = ["title", "happened_on", "note"]
        widgets = {
            "happened_on": forms.DateInput(attrs={"type": "date"}),
            "title": forms.TextInput(
                attrs={"placeholder": "Finished the take-home I was dreading"}
            ),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class DecisionForm(forms.Form):
    key = forms.CharField(max_length=100)
    decision = forms.ChoiceField(choices=[("accept", "Add to my wins"), ("dismiss", "Dismiss")])


class MoodForm(forms.ModelForm):
    mood = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text="1 is low, 5 is good.",
    )
    energy = forms.TypedChoiceField(
        choices=[("", "Skip")] + [(n, str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Optional.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "mood_%s")  # the wins form beside it has a note too
        super().__init__(*args, **kwargs)

    class Meta:
        model = MoodCheckIn
        fields = ["mood", "energy", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"mood": "How do you feel?", "note": "A note, if you like"}
