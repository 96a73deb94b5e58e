"""Settings every test shares."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles. "small" is what CI and a plain `pytest` run: the property tests stay
# fast. "long" runs at least 10,000 examples per property (see docs/development.md, "Running the tests"):
#   HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py
# A test that sets its own max_examples keeps it under either profile.
settings.register_profile("small", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "small"))


@pytest.fixture(autouse=True, scope="session")
def _private_rule_cache(tmp_path_factory):
    """Compiled rule sets go to a cache folder of the test run, never to the user's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("STANCEKIT_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def _fixed_terminal_width():
    """The table output wraps at the terminal's width: every test sees 100 columns, whether
    the run has a terminal, a pipe or a worker process behind its standard output."""
    patch = pytest.MonkeyPatch()
    patch.setenv("COLUMNS", "100")
    yield
    patch.undo()


@pytest.fixture(scope="session")
def benchmark_script():
    """Loads a script of `benchmarks/` by name ("hostile") as a module, to test what it does."""
    import importlib.util
    import sys
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "benchmarks"

    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules.setdefault(name, module)  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        return module

    return load
