"""What the Python tests share with the C ones (tests/lk-test-wait.h): the
tenant's day and the one factor every time limit is scaled by.
"""
import os

# The tenant's day in every test: the sandbox's data is dated from it.
NOW = "2026-06-15T09:30:00Z"


def time_factor():
    """LK_TEST_TIME_FACTOR, else the build's default (raised for sanitizer builds)."""
    for name in ("LK_TEST_TIME_FACTOR", "LK_TEST_DEFAULT_TIME_FACTOR"):
        try:
            factor = float(os.environ.get(name, ""))
        except ValueError:
            continue
        if 1 <= factor <= 100:
            return factor
    return 1.0


def scaled(seconds):
    """@seconds on a quiet, plain build; this machine's equivalent."""
    return seconds * time_factor()
