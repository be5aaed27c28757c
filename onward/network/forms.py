from typing import Any, cast
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from onward.core.forms import https_urls

from .models import CADENCE_CHOICES, Contact, Interaction, Tag, parse_tags

# Uploads larger than this are not a contact list.
CUSTOM = "custom"


def check_linkedin(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    if url and not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        raise ValidationError(
            "Enter a LinkedIn address, such as https://www.linkedin.com/in/their-name."
        )
    return url


class CadenceFields(forms.Form):
    """ "Stay in touch every N weeks": a common choice, or a custom number of weeks."""

    cadence = forms.ChoiceField(
        label="Stay in touch",
        choices=[("", "No reminder")]
        + [(str(w), label) for w, label in CADENCE_CHOICES]
        + [(CUSTOM, "Custom…")],
        required=False,
    )
    custom_weeks = forms.IntegerField(
        label="Custom: every … weeks", min_value=1, max_value=104, required=False
    )

    def cadence_initial(self, weeks: int | None) -> dict:
        if not weeks:
            return {"cadence": ""}
        if weeks in dict(CADENCE_CHOICES):
            return {"cadence": str(weeks)}
        return {"cadence": CUSTOM, "custom_weeks": weeks}

    def resolve_cadence(self, cleaned: dict) -> None:
        choice = cleaned.get("cadence", "")
        if choice == CUSTOM:
            if not cleaned.get("custom_weeks"):
                self.add_error("custom_weeks", "Give the number of weeks (1 to 104).")
            cleaned["cadence_weeks"] = cleaned.get("custom_weeks")
        else:
            cleaned["cadence_weeks"] = int(choice) if choice else None


class ContactForm(CadenceFields, forms.ModelForm):
    field_order = [
        "name", "title", "company_name", "relationship", "tags_text", "support_circle",
        "email", "phone", "linkedin_url", "how_we_met", "cadence", "custom_weeks", "notes",
    ]  # fmt: skip
    tags_text = forms.CharField(
        label="Tags",
        required=False,
        max_length=500,
        help_text="Separated by commas, e.g. python, berlin, alumni.",
    )

    class Meta:
        model = Contact
        fields = [
            "name",
            "title",
            "company_name",
            "relationship",
            "email",
            "phone",
            "linkedin_url",
            "how_we_met",
            "support_circle",
            "notes",
        ]
        formfield_callback = https_urls
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"company_name": "Where they work now."}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("instance", Contact(user=user))
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.initial.setdefault(
                "tags_text", ", ".join(t.name for t in self.instance.tags.all())
            )
            for name, value in self.cadence_initial(self.instance.cadence_weeks).items():
                self.initial.setdefault(name, value)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError("Give the person's name.")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not any(ch.isdigit() for ch in phone):
            raise ValidationError("A phone number needs digits.")
        return phone

    def clean_linkedin_url(self):
        return check_linkedin(self.cleaned_data["linkedin_url"])

    def clean(self):
        cleaned = super().clean()
        self.resolve_cadence(cleaned)
        return cleaned

    def save(self, commit: bool = True) -> Contact:
        contact = super().save(commit=True)
        contact.tags.set(Tag.objects.named(self.user, parse_tags(self.cleaned_data["tags_text"])))
        contact.set_cadence(self.cleaned_data["cadence_weeks"])
        return contact


class CadenceForm(CadenceFields):
    def clean(self):
        cleaned = super().clean()
        self.resolve_cadence(cleaned)
        return cleaned


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["happened_on", "channel", "summary", "application"]
        widgets = {
            "happened_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"summary": "What you talked about", "application": "About an application"}

    def __init__(self, *args, contact: Contact, **kwargs):
        kwargs.setdefault("instance", Interaction(contact=contact))
        super().__init__(*args, **kwargs)
        # A foreign key's form field is a ModelChoiceField.
        application = cast(forms.ModelChoiceField, self.fields["application"])
        # The FK's own model: the network names the pipeline only as a string.
        model: Any = Interaction._meta.get_field("application").related_model
        application.queryset = model.objects.for_user(contact.user).select_related("company")
        application.required = False


class ImportForm(forms.Form):
    file = forms.FileField(label="File")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ONWARD_MAX_REQUEST_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"That file is over {limit / (1 << 20):g} MB, the largest this server accepts."
            )
        return upload
