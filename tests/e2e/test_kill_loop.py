"""A few rounds of tests/e2e/kill_loop.py (run it with --kills 20 for the full loop)."""

from __future__ import annotations

import sys

import pytest

from tests.e2e.kill_loop import kill_loop


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads child processes from /proc")
def test_builds_killed_at_random_moments_never_change_the_warehouse():
    records = kill_loop(kills=4, seed=7, say=lambda line: None)
    killed = [r for r in records if not r["finished_first"]]
    assert killed, "every build finished before its kill"
    assert all(r["sha256_unchanged"] and r["articles"] == 2 and r["orphans"] == [] for r in killed)
