"""ONWARD_CACHE_URL: the per-user figures cached in Redis, shared by every server worker, and a
cache that is down costs time, never a page. Uses the Redis server at 127.0.0.1:6379 (CI and the
developer machines run one)."""

import os
import socket
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

from onward.accounts import freshness
from onward.settings import cache_settings

REDIS_URL = os.environ.get("ONWARD_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers() and os.environ.get("ONWARD_REQUIRE_ALL_LANES") != "1",
    reason="no Redis server at 127.0.0.1:6379",
)


def a_worker(url: str = REDIS_URL) -> RedisCache:
    """The cache one server worker would make from the settings (a key prefix of the test's
    own, so that runs at the same time never share keys)."""
    params = {**cache_settings(url), "KEY_PREFIX": f"onward-test-{uuid.uuid4().hex}"}
    return RedisCache(params.pop("LOCATION"), params)


def test_without_a_url_each_worker_keeps_its_own_cache():
    assert cache_settings("")["BACKEND"].endswith("LocMemCache")
    assert cache_settings(REDIS_URL)["BACKEND"].endswith("RedisCache")


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "127.0.0.1:6379", "redis"])
def test_a_url_that_is_not_redis_is_refused_by_name(url):
    with pytest.raises(ImproperlyConfigured, match="ONWARD_CACHE_URL should be a Redis address"):
        cache_settings(url)


@needs_redis
def test_a_figure_counted_in_one_worker_is_read_in_the_other(alice, monkeypatch):
    first = a_worker()
    second = RedisCache(REDIS_URL, {**cache_settings(REDIS_URL), "KEY_PREFIX": first.key_prefix})
    counted = []

    def count():
        counted.append(1)
        return 42

    try:
        monkeypatch.setattr(freshness, "cache", first)
        assert freshness.cached_for(alice, "streak", count) == 42
        monkeypatch.setattr(freshness, "cache", second)
        assert freshness.cached_for(alice, "streak", count) == 42
        assert len(counted) == 1  # counted in the first worker only

        # A write moves the user's version on: both workers count afresh, once between them.
        freshness.bump(alice.pk)
        assert freshness.cached_for(alice, "streak", count) == 42
        monkeypatch.setattr(freshness, "cache", first)
        assert freshness.cached_for(alice, "streak", count) == 42
        assert len(counted) == 2
    finally:
        first.clear()


def test_a_cache_that_does_not_answer_costs_time_not_the_page(alice, alice_client, monkeypatch):
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setattr(freshness, "cache", a_worker(f"redis://127.0.0.1:{port}/0"))

    assert freshness.cached_for(alice, "streak", lambda: 7) == 7
    assert alice_client.get("/today/").status_code == 200
