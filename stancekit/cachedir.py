"""Where stancekit keeps what it can rebuild but would rather not: compiled rule sets and
word tables derived from LemmInflect."""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any


def default_cache_dir() -> Path:
    """$STANCEKIT_CACHE_DIR, else the user's cache folder ($XDG_CACHE_HOME, ~/.cache, or
    %LOCALAPPDATA% on Windows) + /stancekit."""
    explicit = os.environ.get("STANCEKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "stancekit" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stancekit"


def write_pickle(path: Path, value: Any) -> bool:
    """Pickle `value` to `path` atomically; False (and nothing left behind) when the folder
    cannot be written: a cache that cannot be kept costs speed, never correctness."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.stem[:16]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError:
        return False
    return True


def read_pickle(path: Path) -> Any | None:
    """The value pickled at `path`, or None when it is missing or damaged."""
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # a damaged entry is a miss, whatever unpickling it raised
        return None
