from django.utils import timezone

from .models import profile_for


class UserTimezoneMiddleware:
    """Show and read every date in the job seeker's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            timezone.activate(profile_for(request.user).zone)
        else:
            timezone.deactivate()
        return self.get_response(request)
