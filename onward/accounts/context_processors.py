from django.conf import settings


def onward(request):
    # Both need to send email: without a mail server neither is offered.
    return {
        "allow_signup": settings.ONWARD_ALLOW_SIGNUP and settings.ONWARD_SMTP_ENABLED,
        "can_reset_password": settings.ONWARD_SMTP_ENABLED,
    }
