"""Settings every test shares."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_rule_cache(tmp_path_factory):
    """Compiled rule sets go to a cache folder of the test run, never to the user's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("STANCEKIT_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
    yield
    patch.undo()
