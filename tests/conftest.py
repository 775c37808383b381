"""Hypothesis profiles for the whole suite, chosen by the ``HYPOTHESIS_PROFILE`` variable.

- ``ci`` (the default, so a bare ``pytest`` runs at full strength): Hypothesis's own defaults,
  and every test keeps the ``max_examples`` its ``@settings`` asks for.
- ``dev`` (``make test-fast``): at most :data:`DEV_EXAMPLES` examples per property, for a quick
  check while working. A test's own ``@settings(max_examples=...)`` beats any profile in
  Hypothesis, so under ``dev`` those explicit budgets are capped here at collection time.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

DEV_EXAMPLES = 10

settings.register_profile("ci", settings.get_profile("default"))
settings.register_profile("dev", max_examples=DEV_EXAMPLES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``dev``, cap every property's own ``max_examples`` at the profile's."""
    # "dev-with-verbose-verbosity" and the like: what --hypothesis-verbosity makes of "dev"
    if not settings.get_current_profile_name().startswith("dev"):
        return
    cap = settings.default.max_examples
    for item in items:
        test = getattr(item, "obj", None)
        # where @settings leaves a test's settings, and where @given reads them at each call
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if isinstance(own, settings) and own.max_examples > cap:
            test._hypothesis_internal_use_settings = settings(own, max_examples=cap)
