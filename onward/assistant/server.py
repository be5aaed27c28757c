"""The MCP server: the tools (``tools.py``) and two text resources (Today, the strategy
report), served over stdio for one user fixed when it starts, or over streamable HTTP where each
request's API token says whose data it reaches.

Read-only mode does not list the write tools at all. Before a write the user is asked through
MCP elicitation where the client can ask; writes also carry ``read_only_hint=False``, so
clients that confirm every change ask the user. A refusal (a model's ValidationError, an
unknown id, a bad argument) comes back as a tool error with the reason, never as a crash.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import NoBackChannelError
from mcp.types import ToolAnnotations
from pydantic import AnyHttpUrl, BaseModel, Field

from onward.accounts.models import ApiToken, TokenExpired, profile_for
from onward.debrief.models import DebriefStep

from . import texts
from .tools import Tools

READ = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)
WRITE = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)


def refused(exc: ValidationError) -> ToolError:
    """A model's refusal as one line naming each field, as the CLI words it."""
    if hasattr(exc, "error_dict"):
        reasons = [f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()]
    else:
        reasons = exc.messages
    return ToolError("Nothing was saved. " + "; ".join(reasons))


Owner = Callable[[], int]  # the asking user's id: fixed for stdio, the token's user over HTTP


class Confirm(BaseModel):
    go_ahead: bool = Field(description="Make this change in Onward?")


async def confirmed(ctx: Context, name: str, arguments: dict) -> None:
    """Ask the user before a change, when their client can ask (MCP elicitation). Clients
    that cannot rely on the tool's read_only_hint=False, which makes most of them ask."""
    capabilities = ctx.client_capabilities
    if capabilities is None or capabilities.elicitation is None:
        return
    given = ", ".join(f"{key}={value!r}" for key, value in arguments.items() if value is not None)
    try:
        answer = await ctx.elicit(f"Onward: {name.replace('_', ' ')} ({given})?", Confirm)
    except NoBackChannelError:
        return  # a connection the server cannot send requests on: as a client that cannot ask
    if answer.action != "accept" or not answer.data.go_ahead:
        raise ToolError("Not done: the change was not confirmed. Nothing was saved.")


def as_tool(owner: Owner, name: str, *, write: bool = False) -> Callable:
    """The method ``name`` of Tools as an async tool: run in Django's one sync thread (the ORM
    is not async), for the user asking, in their time zone, with a model's refusal turned into
    a tool error. A write first asks the user, where the client can."""
    method = getattr(Tools, name)

    def guarded(user_id: int, **kwargs):
        user = get_user_model().objects.get(pk=user_id)
        timezone.activate(profile_for(user).zone)
        try:
            return method(Tools(user), **kwargs)
        except ValidationError as exc:
            raise refused(exc) from exc
        except DebriefStep.DoesNotExist as exc:
            raise ToolError("That debrief has no such step.") from exc
        finally:
            timezone.deactivate()

    async def tool(ctx: Context, **kwargs):
        if write:
            await confirmed(ctx, name, kwargs)
        return await sync_to_async(guarded, thread_sensitive=True)(owner(), **kwargs)

    # The SDK reads the input schema from the signature: give the tool the method's, less
    # self, plus the context it injects (left out of the schema).
    signature = inspect.signature(method)
    context = inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context)
    tool.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*list(signature.parameters.values())[1:], context]
    )
    tool.__annotations__ = {
        **{k: v for k, v in method.__annotations__.items() if k != "return"},
        "ctx": Context,
        "return": dict,
    }
    tool.__name__ = name
    tool.__doc__ = method.__doc__
    return tool


INSTRUCTIONS = (
    "A job search in Onward: applications, debriefs after a rejection, lessons, reminders, "
    "weekly goals and insights. These are the user's private notes: use them for the user, and "
    "never put notes, reflections, ratings or lessons into text meant for someone else unless "
    "the user says so."
)


def build_server(
    user=None, *, read_only: bool = False, http: "HttpAuth | None" = None
) -> MCPServer:
    """The MCP server: read tools, write tools unless ``read_only``, and the Today page and the
    strategy report as text resources. Over stdio it serves ``user``; over HTTP (``http``) each
    request's API token says whose data it reads."""
    if http is None:

        def owner() -> int:
            return user.pk

        server = MCPServer(name="onward", title="Onward", instructions=INSTRUCTIONS)
    else:
        owner = token_owner
        server = MCPServer(
            name="onward",
            title="Onward",
            instructions=INSTRUCTIONS,
            token_verifier=ApiTokens(),
            # API tokens are not issued per resource: the verifier's lookup is the check.
            auth=AuthSettings(
                issuer_url=AnyHttpUrl(http.site_url),
                resource_server_url=AnyHttpUrl(http.endpoint),
                validate_token_resource=False,
            ),
        )
    for name in Tools.READS:
        server.add_tool(as_tool(owner, name), annotations=READ)
    if not read_only:
        for name in Tools.WRITES:
            server.add_tool(as_tool(owner, name, write=True), annotations=WRITE)

    def resource(uri: str, title: str, render: Callable[[Any], str]) -> None:
        async def read() -> str:
            return await sync_to_async(in_zone, thread_sensitive=True)(owner(), render)

        read.__name__ = uri.split("/")[-1].replace("-", "_")
        server.resource(uri, name=title, title=title, mime_type="text/plain")(read)

    resource("onward://today", "Today", texts.today)
    resource("onward://strategy-report", "Strategy report", texts.strategy_report)
    return server


def in_zone(user_id: int, render: Callable[[Any], str]) -> str:
    user = get_user_model().objects.get(pk=user_id)
    timezone.activate(profile_for(user).zone)
    try:
        return render(user)
    finally:
        timezone.deactivate()


# --- Over HTTP: the API's own tokens --------------------------------------------------------
@dataclass(frozen=True)
class HttpAuth:
    site_url: str  # where tokens come from (Settings -> API tokens)
    endpoint: str  # this server's MCP address


class ApiTokens(TokenVerifier):
    """A bearer token is one of the user's API tokens (Settings -> API tokens), as for the
    REST API; its user is the only one whose data the request reaches."""

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            user = await sync_to_async(ApiToken.user_for, thread_sensitive=True)(token)
        except TokenExpired:
            return None
        if user is None:
            return None
        return AccessToken(token=token, client_id="onward", scopes=[], subject=str(user.pk))


def token_owner() -> int:
    access = get_access_token()
    if access is None or access.subject is None:  # the SDK's middleware lets none through
        raise ToolError("Not authenticated.")
    return int(access.subject)


# Kept for the tests: which tools change data.
WRITE_TOOLS = frozenset(Tools.WRITES)
READ_TOOLS = frozenset(Tools.READS)
