from django.apps import AppConfig


class CliConfig(AppConfig):
    """The project-wide commands (init, serve, demo, work): they compose every app, so they
    sit at the top, above everything they set up or run."""

    name = "onward.cli"
    label = "cli"
