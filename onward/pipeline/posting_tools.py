"""What a higher app adds to the new-application form when it was filled from a page with no
structured data (the assistant's "fill the fields with your local model"). Each tool answers
``(request, posting)`` (``posting`` as ``posting_views.imported`` gives it) with
``(template, context)``, or None when it has nothing to offer. Registered in the app's
``AppConfig.ready``, so the pipeline names no app above it."""

from collections.abc import Callable
from typing import Any

PostingTool = Callable[[Any, dict[str, Any]], tuple[str, dict] | None]
_posting_tools: list[PostingTool] = []


def register_posting_tool(tool: PostingTool) -> None:
    if tool not in _posting_tools:
        _posting_tools.append(tool)


def posting_tools(request, posting: dict[str, Any]) -> list[tuple[str, dict]]:
    return [found for tool in _posting_tools if (found := tool(request, posting))]
