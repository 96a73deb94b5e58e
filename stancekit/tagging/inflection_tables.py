"""LemmInflect's English tables, imported without its spaCy hook.

When spaCy can be imported, LemmInflect registers itself as a spaCy extension on import,
and so imports spaCy: about a second and 60 MB in every stancekit process on a machine that
has spaCy installed (a research machine often does), for a hook stancekit never uses. While
LemmInflect is first imported, spaCy is reported missing to it. A process that imported
spaCy before keeps the hook, at no further cost.
"""

from __future__ import annotations

import importlib.abc
import sys
from types import ModuleType


class _WithoutSpacy(importlib.abc.MetaPathFinder):
    """Reports spaCy as not installed to an import made while it is on `sys.meta_path`."""

    def find_spec(self, name: str, path=None, target=None):
        if name == "spacy" or name.startswith("spacy."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def _import_lemminflect() -> ModuleType:
    if "lemminflect" in sys.modules or "spacy" in sys.modules:
        import lemminflect

        return lemminflect
    finder = _WithoutSpacy()
    sys.meta_path.insert(0, finder)
    try:
        import lemminflect
    finally:
        sys.meta_path.remove(finder)
    return lemminflect


lemminflect = _import_lemminflect()
