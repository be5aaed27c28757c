from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError

from onward.pipeline.forms import https_urls

from .models import ApplicationContact, Contact, ContactRole


def check_linkedin(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    if url and not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        raise ValidationError(
            "Enter a LinkedIn address, such as https://www.linkedin.com/in/their-name."
        )
    return url


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "company_name", "email", "linkedin_url", "notes"]
        formfield_callback = https_urls
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"company_name": "Where they work now."}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("instance", Contact(user=user))
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError("Give the person's name.")
        return name

    def clean_linkedin_url(self):
        return check_linkedin(self.cleaned_data["linkedin_url"])


class ApplicationContactForm(forms.Form):
    """Link someone to an application: a contact you have, or a new one typed in here."""

    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(), required=False, empty_label="— choose —"
    )
    new_name = forms.CharField(label="…or someone new: name", max_length=200, required=False)
    new_email = forms.EmailField(label="Their email", required=False)
    new_title = forms.CharField(label="Their title", max_length=200, required=False)
    role = forms.ChoiceField(choices=ContactRole.choices)

    def __init__(self, *args, user, application, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.application = application
        self.fields["contact"].queryset = Contact.objects.for_user(user)
        if contacts is not None:
            # Already fetched: rendering the choices costs no query.
            self.fields["contact"].choices = [("", "— choose —")] + [
                (c.pk, str(c)) for c in contacts
            ]

    def clean(self):
        cleaned = super().clean()
        contact, name = cleaned.get("contact"), cleaned.get("new_name", "").strip()
        if contact is None and not name and "contact" not in self.errors:
            self.add_error("contact", "Choose a contact, or type the name of someone new.")
        if contact is not None and name:
            self.add_error("new_name", "Choose a contact or type a new name, not both.")
        role = cleaned.get("role")
        if contact is not None and role:
            taken = ApplicationContact.objects.filter(
                application=self.application, contact=contact, role=role
            ).exists()
            if taken:
                self.add_error("contact", f"{contact} is already linked here in that role.")
        return cleaned

    def save(self) -> ApplicationContact:
        contact = self.cleaned_data["contact"]
        if contact is None:
            contact = Contact.objects.create(
                user=self.user,
                name=self.cleaned_data["new_name"].strip(),
                email=self.cleaned_data["new_email"],
                title=self.cleaned_data["new_title"],
                company_name=self.application.company.name,
            )
        return ApplicationContact.objects.create(
            application=self.application, contact=contact, role=self.cleaned_data["role"]
        )
