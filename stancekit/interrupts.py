"""Ctrl-C that stops a scan between two documents, never inside one.

A researcher who interrupts a long scan wants the findings of every document finished so
far, each document whole. While a `StopBetweenDocuments` is active the first Ctrl-C only
asks the scan to stop; the scan calls `check()` after writing each document and stops
there. A second Ctrl-C stops at once, for a scan stuck in one enormous document.
"""

from __future__ import annotations

import signal
import threading


class StopBetweenDocuments:
    def __init__(self) -> None:
        self.requested = False
        self._previous = None
        self._installed = False

    def __enter__(self) -> StopBetweenDocuments:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(self, *exc_info) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C was pressed since the scan began."""
        if self.requested:
            raise KeyboardInterrupt
