"""Sending a draft through the server's mail server, within the user's sending limits, and
the log of what was sent (when, to whom, the subject; never the body)."""

from datetime import datetime
from smtplib import SMTPException

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from onward.core import outbox
from onward.core.drafts import Draft

from .common import InSchema, Pagination, owner

router = Router(tags=["mail"])


class MailIn(InSchema):
    to: str = Field(max_length=254, description="The recipient's address.")
    to_name: str = Field("", max_length=200)
    subject: str = Field(max_length=200)
    body: str = Field(max_length=100_000)


class SentMailOut(Schema):
    id: int
    sent_at: datetime
    to: str
    to_name: str
    subject: str


class AllowanceOut(Schema):
    per: str = Field(description="hour or day (rolling windows)")
    limit: int
    sent: int
    left: int


class LimitReachedOut(Schema):
    detail: str
    retry_after: int = Field(description="Seconds until a message may be sent again.")
    retry_at: datetime | None


class MailErrorOut(Schema):
    detail: str


@router.post(
    "/mail",
    response={201: SentMailOut, 429: LimitReachedOut, 502: MailErrorOut},
    summary="Send a message through the server's mail server",
    description="Comes from the server's address, with replies to yours. At most "
    "ONWARD_MAIL_PER_HOUR and ONWARD_MAIL_PER_DAY messages (see GET /mail/limits); past "
    "that the answer is 429 with the time you can send again.",
)
def send_mail(request, payload: MailIn, response: HttpResponse):
    draft = Draft(
        to=payload.to.strip(), to_name=payload.to_name, subject=payload.subject, body=payload.body
    )
    try:
        return Status(201, outbox.send(owner(request), draft))
    except outbox.SendingLimitReached as refusal:
        if refusal.retry_at is not None:
            response["Retry-After"] = str(refusal.retry_after_seconds)
        return Status(
            429,
            {
                "detail": str(refusal),
                "retry_after": refusal.retry_after_seconds,
                "retry_at": refusal.retry_at,
            },
        )
    except (SMTPException, OSError) as exc:
        return Status(502, {"detail": f"The mail server refused the message: {exc}"})


@router.get("/mail/sent", response=list[SentMailOut])
@paginate(Pagination)
def list_sent_mail(request):
    return outbox.SentMail.objects.for_user(owner(request))


@router.get("/mail/sent/{sent_mail_id}", response=SentMailOut)
def get_sent_mail(request, sent_mail_id: int):
    return get_object_or_404(outbox.SentMail.objects.for_user(owner(request)), pk=sent_mail_id)


@router.get("/mail/limits", response=list[AllowanceOut])
def mail_limits(request):
    return [
        {"per": a.per, "limit": a.limit, "sent": a.sent, "left": a.left}
        for a in outbox.allowances(owner(request))
    ]
