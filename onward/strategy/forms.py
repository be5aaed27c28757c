from django import forms

from .models import Experiment, TitleGroup


class DateInput(forms.DateInput):
    input_type = "date"


class ExperimentForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = [
            "title",
            "change_kind",
            "description",
            "expectation",
            "started_on",
            "ended_on",
            "conclusion",
        ]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "expectation": forms.Textarea(attrs={"rows": 3}),
            "conclusion": forms.Textarea(attrs={"rows": 3}),
        }


class TitleGroupForm(forms.ModelForm):
    position = forms.IntegerField(
        label="Order",
        required=False,
        min_value=0,
        max_value=999,
        help_text="Lower numbers are matched first when a title fits two groups.",
    )

    class Meta:
        model = TitleGroup
        fields = ["name", "keywords", "position"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = TitleGroup.objects.for_user(self.instance.user).filter(name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("You already have a group with that name.")
        return name

    def clean_position(self):
        return self.cleaned_data.get("position") or 0
