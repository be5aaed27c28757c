from django.conf import settings


def onward(request):
    return {"allow_signup": settings.ONWARD_ALLOW_SIGNUP}
