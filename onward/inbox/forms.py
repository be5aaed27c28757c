from django import forms

from .models import Mailbox


class MailboxForm(forms.ModelForm):
    """Connect or change the mailbox. The stored password is never shown again: leave the field
    empty to keep it."""

    password = forms.CharField(
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        required=False,
        strip=False,
        max_length=500,
        help_text="Many providers want an app password here, not your usual one.",
    )

    class Meta:
        model = Mailbox
        fields = ["host", "port", "username", "password", "folder", "enabled"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["password"].help_text = "Leave empty to keep the password you saved."

    def clean_host(self) -> str:
        host = self.cleaned_data["host"].strip().lower()
        if "://" in host or "/" in host or " " in host:
            raise forms.ValidationError("Give the server name only, such as imap.example.com.")
        return host

    def clean_folder(self) -> str:
        return self.cleaned_data["folder"].strip() or "INBOX"

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password and not self.instance.pk:
            raise forms.ValidationError("Enter the mailbox password.")
        return password

    def save(self, commit: bool = True) -> Mailbox:
        mailbox = super().save(commit=False)
        if self.cleaned_data["password"]:
            mailbox.set_password(self.cleaned_data["password"])
        if {"host", "port", "username", "folder"} & set(self.changed_data):
            # Another mailbox or folder: its UIDs mean nothing to the old position.
            mailbox.start_over()
        mailbox.last_error = ""
        if commit:
            mailbox.save()
        return mailbox
