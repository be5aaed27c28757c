"""The REST API: one NinjaAPI, one router module per domain, token auth."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.security import HttpBearer

from onward.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Onward API",
    version="1",
    description="Your job search, as JSON. Authenticate with `Authorization: Bearer <token>`; "
    "create tokens under Settings.",
    auth=TokenAuth(),
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


from onward.api import pipeline as pipeline_routes  # noqa: E402

api.add_router("/", pipeline_routes.router)
