from django import forms

from .models import Win


class WinForm(forms.ModelForm):
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
