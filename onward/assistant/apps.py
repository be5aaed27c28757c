from django.apps import AppConfig


class AssistantConfig(AppConfig):
    """Onward in the user's own AI assistant: the MCP server (``onward mcp``) over the same
    domain functions as the web, the API and the CLI, and the optional local model (off unless
    ONWARD_LLM_URL is set) that suggests text on request. Nothing below imports it."""

    name = "onward.assistant"
    label = "assistant"
    verbose_name = "Assistant"
