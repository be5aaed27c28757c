import pytest

from .fake_model import FakeModel


@pytest.fixture
def fake_model(settings):
    """A fake model server, and Onward configured to use it."""
    model = FakeModel()
    settings.ONWARD_LLM_URL = model.url
    settings.ONWARD_LLM_MODEL = "llama3.2:3b"
    settings.ONWARD_LLM_KEY = ""
    yield model
    model.close()
