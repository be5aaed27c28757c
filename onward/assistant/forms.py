from django import forms

TONE_CHOICES = [
    ("same", "Keep the tone"),
    ("warmer", "Warmer"),
    ("formal", "More formal"),
    ("confident", "More confident"),
]
LENGTH_CHOICES = [("same", "Same length"), ("shorter", "Shorter"), ("longer", "A little fuller")]


class PolishForm(forms.Form):
    """The draft's body as it stands on the page, and how to change it."""

    body = forms.CharField(widget=forms.Textarea, max_length=10_000)
    tone = forms.ChoiceField(choices=TONE_CHOICES, initial="same")
    length = forms.ChoiceField(choices=LENGTH_CHOICES, initial="same")
    extra = forms.CharField(
        label="A point to work in (optional; it will be sent)",
        max_length=300,
        required=False,
        help_text="Only what you type here is added: your notes and reflections are never sent.",
    )
