"""Output files appear whole or not at all.

Findings are written to a temporary file beside the target and renamed over it when the
writer is closed, so a crash never leaves a half-written file where a reader expects a
complete one. An interrupted scan (Ctrl-C) still closes the writer: the file then holds
every document finished so far, as a valid file of its format. A pipe or a device named as
the output (`/dev/null`, a FIFO) is written to directly: there is nothing to replace.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


def _file_mode(target: Path) -> int:
    """The permissions the written file should have: those of the file it replaces, or what
    a plain `open(target, "w")` would give (0o666 less the umask). A temporary file is
    created private (0o600), and renaming it over the target would otherwise keep that."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_text_output(path: str | Path | None, *, keep_on_interrupt: bool = True) -> Iterator[TextIO]:
    """A text stream for `path` (stdout for None or '-') that replaces the file on success."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    if _is_special(target):
        # a pipe or a device (`-o /dev/null`): there is no file to replace, and renaming one
        # over it would turn the device into a plain file
        with target.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(temp_name, _file_mode(target))
    except BaseException:
        os.close(fd)
        os.unlink(temp_name)
        raise
    stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        yield stream
    except KeyboardInterrupt:
        _finish(stream, temp_name, target if keep_on_interrupt else None)
        raise
    except BaseException:
        _finish(stream, temp_name, None)
        raise
    else:
        _finish(stream, temp_name, target, sync=True)


def _is_special(target: Path) -> bool:
    """Whether `target` exists and is something other than a regular file."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _finish(stream: TextIO, temp_name: str, target: Path | None, *, sync: bool = False) -> None:
    """Close the temporary file and rename it over `target`, or remove it when `target` is None.
    When that fails (the target is a folder, the disk is full) the temporary file is removed
    too: it is never left beside the target."""
    try:
        if target is not None:
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        stream.close()
        if target is not None:
            os.replace(temp_name, target)
            return
    except BaseException:
        with contextlib.suppress(OSError):
            stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    os.unlink(temp_name)
