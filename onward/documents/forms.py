from typing import cast

from django import forms

from onward.pipeline.models import Application

from .models import Document, DocumentKind


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices)
    name = forms.CharField(max_length=100, help_text="e.g. “Backend résumé”.")
    version = forms.CharField(
        max_length=100, required=False, help_text="e.g. “2026-03”, or “for startups”."
    )
    file = forms.FileField(
        help_text="PDF, DOCX, ODT or TXT.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
    )


class AttachForm(forms.Form):
    document = forms.ModelChoiceField(queryset=Document.objects.none(), label="Sent")

    def __init__(self, *args, user, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["document"])
        field.queryset = Document.objects.for_user(user).exclude(links__application=application)

    def offer(self) -> bool:
        """Fetch the choices once (rendering the select then costs no query); False if none."""
        field = cast(forms.ModelChoiceField, self.fields["document"])
        documents = list(field.queryset or ())
        field.choices = [(d.pk, f"{d} · {d.get_kind_display()}") for d in documents]
        return bool(documents)
