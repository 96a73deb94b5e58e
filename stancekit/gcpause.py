"""Loading and compiling a large rule set without pausing for the cycle collector, and
scanning with fewer of its passes.

Loading builds hundreds of thousands of small objects that all stay alive (nodes, located
strings, instructions); each of the collector's passes walks them all again, and with
10,000 rules that is a third of the compile time. The objects hold no reference cycles
worth collecting, so collection waits until the work is done.

A scan keeps the same kind of data for its whole run (the rules, the tagger's weights, the
word lists) and makes millions of short-lived objects (tokens, states, matches) that reference
counting frees: with Python's default thresholds the collector ran a full pass over all of it
again and again, 8-13% of a scan's time. Neither a compile nor a scan leaves reference cycles
(`tests/test_rule_set_lifetime.py`), so the collector's passes during a scan find nothing of
the engine's to free, and they are made seldom.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: The collector's thresholds while scanning: a pass over the youngest objects after this many
#: allocations (Python's default is 700), and a pass over older ones after 20 of those. With
#: 20,000, a quarter of BBC news took 16 passes and 2.5% of the scan; with 100,000, 3 passes
#: and 0.9%. Cyclic garbage a plugin makes waits that much longer: a few megabytes at most.
SCANNING_THRESHOLDS = (100_000, 20, 20)


def tuned_for_scanning() -> None:
    """Set this process's cycle collector for a scan: passes are made less often, so that the
    rules, weights and word lists alive for the whole run are walked by few full passes. For
    the processes the command line owns (any command: most scan documents) and a scan's
    workers, not for a library's caller."""
    gc.set_threshold(*SCANNING_THRESHOLDS)
