# Django finds the bottom layer's models here; each lives beside the code that uses it.
from .drafts import DraftTemplate  # noqa: F401
from .outbox import SentMail  # noqa: F401
