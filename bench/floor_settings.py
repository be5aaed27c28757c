"""Onward's settings with the floor page added (bench/floor_urls.py)."""

from onward.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
