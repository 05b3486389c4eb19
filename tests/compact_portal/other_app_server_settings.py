"""A second app server's settings for test_rate_limits: production settings, with the
rate-limit counters of the test that starts it."""

import os

from compact_portal.settings import *  # noqa: F403

RATELIMIT_CACHE_PREFIX = os.environ["TEST_RATELIMIT_CACHE_PREFIX"]
