"""Settings for both lanes: hypothesis profiles (property tests run 500 examples each in
CI and by default; HYPOTHESIS_PROFILE=dev for a quick run)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
