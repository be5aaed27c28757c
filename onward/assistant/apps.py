from django.apps import AppConfig


class AssistantConfig(AppConfig):
    """Onward in the user's own AI assistant: the MCP server (``onward mcp``) over the same
    domain functions as the web, the API and the CLI, and the optional local model (off unless
    ONWARD_LLM_URL is set) that suggests text on request. Nothing below imports it."""

    name = "onward.assistant"
    label = "assistant"
    verbose_name = "Assistant"

    def ready(self) -> None:
        from onward.core.draft_page import register_draft_tool
        from onward.debrief import panels
        from onward.inbox.signal_tools import register_signal_tool
        from onward.pipeline.posting_tools import register_posting_tool

        from . import llm
        from .forms import PolishForm

        def lesson_panel(request, debrief, forms) -> dict:
            return {"debrief": debrief, "enabled": llm.is_configured()}

        # Each offers something only while a model is configured (read per request, so
        # turning it off needs no code path of its own).
        panels.register_panel(
            panels.Panel("lesson-suggestion", "assistant/_lesson_panel.html", lesson_panel)
        )

        def polish_tool(request) -> tuple[str, dict] | None:
            if not llm.is_configured():
                return None
            return "assistant/_polish.html", {"form": PolishForm()}

        register_draft_tool(polish_tool)

        def posting_tool(request, posting) -> tuple[str, dict] | None:
            if not (llm.is_configured() and posting.get("has_text")):
                return None
            return "assistant/_posting_fields.html", {}

        register_posting_tool(posting_tool)

        def email_kind_tool(request) -> tuple[str, dict] | None:
            if not llm.is_configured():
                return None
            return "assistant/_email_kind.html", {}

        register_signal_tool(email_kind_tool)
