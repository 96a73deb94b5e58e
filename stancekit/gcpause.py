"""Loading and compiling a large rule set without pausing for the cycle collector.

Loading builds hundreds of thousands of small objects that all stay alive (nodes, located
strings, instructions); each of the collector's passes walks them all again, and with
10,000 rules that is a third of the compile time. The objects hold no reference cycles
worth collecting, so collection waits until the work is done.
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
