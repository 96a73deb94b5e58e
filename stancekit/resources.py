"""Where the grammar and the bundled rule pack live.

A wheel carries them inside the package (`stancekit/_data/`); a source checkout keeps them at
the top of the repository. Both layouts resolve to real directories on disk, so that error
messages can name the file a rule came from.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"stancekit installation is incomplete: no '{name}' directory found")


def grammar_path() -> Path:
    """The Lark grammar of the pattern language."""
    return _data_dir("grammar") / "pattern.lark"


def bundled_rules_dir() -> Path:
    """The directory holding the bundled English rule pack."""
    return _data_dir("rules") / "en"
