"""The REST API: one NinjaAPI, one router module per domain, token auth."""

from datetime import UTC

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Swagger
from ninja.security import HttpBearer

from onward.accounts.models import ApiToken, TokenExpired, profile_for


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
            # As the web's middleware does: dates without an offset are the user's local time.
            timezone.activate(profile_for(user).zone)
        return user


api = NinjaAPI(
    title="Onward API",
    version="1",
    description="Your job search, as JSON. Authenticate with `Authorization: Bearer <token>`; "
    "create tokens under Settings.",
    auth=TokenAuth(),
    urls_namespace="api",
    # Swagger UI from django-ninja's own static files ("ninja" is an installed app), and no
    # validator badge: the docs page asks nothing of any other site.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(TokenExpired)
def token_expired(request, exc):
    """Raised by TokenAuth: say the token expired, not merely that it is wrong."""
    day = exc.token.expires_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    response = api.create_response(
        request,
        {"detail": f"This API token expired on {day}. Make a new one under Settings → API tokens."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer error="invalid_token", error_description="expired"'
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """The models' own validation (clean(), move_to()) as a 422, in the shape of ninja's own
    input errors: ``{"detail": [{"loc": [field], "msg": message}]}``."""
    if hasattr(exc, "error_dict"):
        errors = [
            {"loc": [] if field == NON_FIELD_ERRORS else [field], "msg": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"loc": [], "msg": message} for message in exc.messages]
    return api.create_response(request, {"detail": errors}, status=422)


from onward.api import debriefs as debrief_routes  # noqa: E402
from onward.api import growth as growth_routes  # noqa: E402
from onward.api import insights as insight_routes  # noqa: E402
from onward.api import mail as mail_routes  # noqa: E402
from onward.api import network as network_routes  # noqa: E402
from onward.api import pipeline as pipeline_routes  # noqa: E402
from onward.api import portability as portability_routes  # noqa: E402
from onward.api import postings as posting_routes  # noqa: E402
from onward.api import reminders as reminder_routes  # noqa: E402
from onward.api import routine as routine_routes  # noqa: E402
from onward.api import strategy as strategy_routes  # noqa: E402

api.add_router("/", pipeline_routes.router)
api.add_router("/", posting_routes.router)
api.add_router("/", network_routes.router)
api.add_router("/", debrief_routes.router)
api.add_router("/", reminder_routes.router)
api.add_router("/", routine_routes.router)
api.add_router("/", insight_routes.router)
api.add_router("/", strategy_routes.router)
api.add_router("/", growth_routes.router)
api.add_router("/", portability_routes.router)
api.add_router("/", mail_routes.router)
