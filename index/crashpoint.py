"""A test hook that kills the process at a named point of indexing.

``QA_TEST_CRASH_AT=NAME:N`` sends SIGKILL to the process the N-th time (default the first) it
reaches the point NAME, so a test can prove that a crash exactly there loses nothing. Unset,
as in normal use, it costs a dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_ENV = "QA_TEST_CRASH_AT"
_reached: Counter[str] = Counter()


def crashpoint(name: str) -> None:
    """Kill this process here when ``QA_TEST_CRASH_AT`` names this point and its count is up."""
    spec = os.environ.get(_ENV)
    if not spec:
        return
    point, _, count = spec.rpartition(":")
    if not count.isdigit():
        point, count = spec, "1"
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] >= int(count):
        os.kill(os.getpid(), signal.SIGKILL)
