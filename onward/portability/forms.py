from django import forms


class ArchiveForm(forms.Form):
    file = forms.FileField(label="Onward export (.zip)")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
