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

        from . import llm
        from .forms import PolishForm

        def lesson_panel(request, debrief, forms) -> dict:
            return {"debrief": debrief, "enabled": llm.is_configured()}

        # Both offer something only while a model is configured (read per request, so
        # turning it off needs no code path of its own).
        panels.register_panel(
            panels.Panel("lesson-suggestion", "assistant/_lesson_panel.html", lesson_panel)
        )

        def polish_tool(request) -> tuple[str, dict] | None:
            if not llm.is_configured():
                return None
            return "assistant/_polish.html", {"form": PolishForm()}

        register_draft_tool(polish_tool)
