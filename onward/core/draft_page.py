"""The part every draft page shares (debrief drafts, and the network's support drafts): fill the
form from a draft, and carry out what the user chose to do with the edited text."""

from collections.abc import Callable
from smtplib import SMTPException

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse

from . import drafts, outbox
from .drafts import validate_header, validate_recipient

# What a higher app adds to every draft page, inside the draft's form (the assistant's "polish
# with your local model"): each entry answers a request with (template, context), or None when
# it has nothing to offer. Registered in the app's AppConfig.ready and read by the context
# processor below, so the draft pages name no app above them.
DraftTool = Callable[[object], tuple[str, dict] | None]
_draft_tools: list[DraftTool] = []


def register_draft_tool(tool: DraftTool) -> None:
    if tool not in _draft_tools:
        _draft_tools.append(tool)


def draft_tools(request) -> dict:
    return {"draft_tools": [found for tool in _draft_tools if (found := tool(request))]}


class DraftForm(forms.Form):
    to = forms.CharField(label="To (email address)", max_length=254)
    to_name = forms.CharField(label="Recipient's name", max_length=200, required=False)
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}))

    def clean_to(self):
        to = self.cleaned_data["to"].strip()
        validate_recipient(to)
        return to

    def clean_to_name(self):
        name = self.cleaned_data["to_name"]
        validate_header(name, "The recipient's name")
        return name

    def clean_body(self):
        return self.cleaned_data["body"].replace("\r\n", "\n") + "\n"

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        validate_header(subject, "The subject")
        return subject


def draft_form(draft: drafts.Draft) -> tuple[DraftForm, str]:
    """The form pre-filled with a fresh draft, and its mailto link (none for a no-reply)."""
    form = DraftForm(
        initial={
            "to": draft.to,
            "to_name": draft.to_name,
            "subject": draft.subject,
            "body": draft.body,
        }
    )
    usable = draft.to and not drafts.is_no_reply(draft.to)
    return form, drafts.mailto_url(draft) if usable else ""


def use_draft(
    request, form: DraftForm, on_sent: Callable[[str | None], HttpResponse]
) -> HttpResponse | str:
    """Carry out the posted action on an edited draft.

    Returns a response to send back (the .eml download, or whatever ``on_sent`` returns once
    the message was sent, with the recipient, or marked as sent by the user, with None), else
    the mailto link to show, with any problem added to ``form``.
    """
    if not form.is_valid():
        return ""
    action = request.POST.get("action", "")
    draft = drafts.Draft(
        to=form.cleaned_data["to"],
        to_name=form.cleaned_data["to_name"],
        subject=form.cleaned_data["subject"],
        body=form.cleaned_data["body"],
        from_email=request.user.email,
    )
    if action == "eml":
        response = HttpResponse(drafts.build_eml(draft), content_type="message/rfc822")
        response["Content-Disposition"] = f'attachment; filename="{drafts.eml_filename(draft)}"'
        return response
    if action == "send":
        try:
            outbox.send(request.user, draft)
        except ValidationError as exc:
            form.add_error(None, exc)
            return ""
        except outbox.SendingLimitReached as exc:
            form.add_error(None, str(exc))
            return ""
        except (SMTPException, OSError) as exc:
            form.add_error(None, f"The mail server refused the message: {exc}")
            return ""
        return on_sent(draft.to)
    if action == "mark_sent":
        return on_sent(None)
    if action == "preview":
        return drafts.mailto_url(draft)
    form.add_error(None, "Choose what to do with the draft.")
    return ""
