"""The close-out page after a won application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .closeout import people_to_thank, withdrawals, wrap_up
from .models import StageKind
from .views import own_application


@login_required
def closeout(request, application_id):
    application = own_application(request, application_id)
    if application.stage.kind != StageKind.WON:
        messages.info(request, "The close-out opens once an application reaches a won stage.")
        return redirect(application)
    if request.method == "POST":
        wrap_up(application)
        messages.success(
            request, "Congratulations! Your weekly goals are paused and the win is saved."
        )
        return redirect("pipeline:closeout", application_id=application.pk)
    return TemplateResponse(
        request,
        "pipeline/closeout.html",
        {
            "application": application,
            "withdrawals": withdrawals(application),
            "thanks": people_to_thank(application),
        },
    )
