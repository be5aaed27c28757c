"""What a higher app adds beside a message the classifier was unsure about (the assistant's
"ask your local model"). Each tool answers a request with ``(template, context)``, or None when
it has nothing to offer; the inbox page asks once per page, not once per message. Registered in
the app's ``AppConfig.ready``, so the inbox names no app above it."""

from collections.abc import Callable

SignalTool = Callable[[object], tuple[str, dict] | None]
_signal_tools: list[SignalTool] = []


def register_signal_tool(tool: SignalTool) -> None:
    if tool not in _signal_tools:
        _signal_tools.append(tool)


def signal_tools(request) -> list[tuple[str, dict]]:
    return [found for tool in _signal_tools if (found := tool(request))]
