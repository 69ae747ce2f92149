"""Small reference tables (offices, categories, time-limit policies) kept in each process.

Every 1912 intake looked up its office, category and time-limit policy: three queries for
rows that change a few times a year. A RefCache holds such a table in the process and
reloads it when its version in the shared cache (Redis in production) has changed; saving
or deleting a watched model sets a new version, at once and again after commit (so a
process that reloaded in between, and saw the old rows, reloads once more).

Checking costs one cache GET, so a process checks at most every CHECK_EVERY seconds (a
change made in another process is seen within that second; one made in this process at
once). With a process-local cache backend (no CACHE_URL) other processes cannot see the
version change, so a copy is also dropped after MAX_AGE seconds.
Changes made with `QuerySet.update()` or raw SQL send no signal: call `invalidate()`."""

import time
import uuid
from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
MAX_AGE = 60.0
CHECK_EVERY = 1.0


_ALL: list["RefCache"] = []


def forget_all() -> None:
    """Drop every process-local copy (tests: the rows of a rolled-back test are gone)."""
    for ref in _ALL:
        ref._value = None


class RefCache(Generic[T]):
    def __init__(self, name: str, load: Callable[[], T]):
        _ALL.append(self)
        self.key = f"refcache:{name}"
        self.load = load
        self._version: str | None = None
        self._value: T | None = None
        self._loaded_at = 0.0
        self._checked_at = 0.0

    def get(self) -> T:
        now = time.monotonic()
        if self._value is not None and now - self._checked_at < CHECK_EVERY:
            return self._value
        self._checked_at = now
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, uuid.uuid4().hex, timeout=None)
            version = cache.get(self.key)
        stale = time.monotonic() - self._loaded_at > MAX_AGE
        if self._value is None or version != self._version or stale:
            self._value = self.load()
            self._version = version
            self._loaded_at = time.monotonic()
        return self._value

    def invalidate(self, **_signal_kwargs) -> None:
        self._bump()
        transaction.on_commit(self._bump)

    def _bump(self) -> None:
        self._value = None
        cache.set(self.key, uuid.uuid4().hex, timeout=None)

    def watch(self, *models) -> None:
        for model in models:
            uid = f"{self.key}:{model._meta.label}"
            post_save.connect(self.invalidate, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(self.invalidate, sender=model, weak=False, dispatch_uid=uid)
