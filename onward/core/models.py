# Django finds the bottom layer's one model here; it lives beside the code that uses it.
from .drafts import DraftTemplate  # noqa: F401
