"""The REST API: one NinjaAPI, one router module per domain, token auth."""

from datetime import UTC

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema, Swagger
from ninja.security import HttpBearer
from pydantic import ConfigDict

from onward.accounts.models import ApiToken, TokenExpired, profile_for


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
            # As the web's middleware does: dates without an offset are the user's local time.
            timezone.activate(profile_for(user).zone)
        return user


class Message(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")


class InputError(Schema):
    # Ninja's own errors (a malformed field) also say their type and context.
    model_config = ConfigDict(extra="allow")

    loc: list[str | int] = Field(description='Where: the field, e.g. ["body", "title"].')
    msg: str


class InputErrors(Schema):
    detail: list[InputError]


# The errors any operation may answer with, documented once for all of them: every error is
# JSON with a ``detail`` (also those answered outside the API's views: see middleware.py).
ERRORS: dict[str, tuple[str, type[Schema]]] = {
    "400": ("The body could not be read (not JSON, or too large).", Message),
    "401": ("No token, or a token that is not valid.", Message),
    "404": ("No such object of yours (someone else's is not found either).", Message),
    "422": ("The input is not valid: each error names its field.", InputErrors),
}


class OnwardAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for _, model in ERRORS.values():
            found = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(found.pop("$defs", {}))
            components[model.__name__] = found
        for operations in schema["paths"].values():
            for operation in operations.values():
                documented = operation["responses"]
                params = {param["in"] for param in operation.get("parameters", [])}
                wanted = []
                if params or "requestBody" in operation:
                    wanted.append("422")
                if "requestBody" in operation:
                    wanted.append("400")
                if operation.get("security"):
                    wanted.append("401")
                if "path" in params:
                    wanted.append("404")
                for status in wanted:
                    if status not in documented and int(status) not in documented:
                        description, model = ERRORS[status]
                        ref = {"$ref": f"#/components/schemas/{model.__name__}"}
                        documented[status] = {
                            "description": description,
                            "content": {"application/json": {"schema": ref}},
                        }
        return schema


api = OnwardAPI(
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
