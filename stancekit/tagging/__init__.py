"""Part-of-speech tags (Universal POS) and lemmas for the words stancekit's tokenizer gives.

The bundled tagger is a greedy averaged perceptron trained on Universal Dependencies English
EWT (CC BY-SA 4.0, see `model/README.md`), in pure Python so that it adds no dependency;
its model file ships inside the package. It is loaded on first use, once per process:

    >>> from stancekit.tagging import default_tagger, lemma
    >>> tagger = default_tagger()
    >>> tags = tagger.tag(["The", "senator", "has", "not", "endorsed", "the", "bill", "."])
    >>> [lemma(w, t) for w, t in zip(["has", "endorsed"], tags[2:5:2])]
    ['have', 'endorse']

Retraining (about 3 minutes for 8 iterations on one core; see README.md):

    python -m stancekit.tagging train [--train PATH] [--dev PATH] [--iterations N] [--seed N] [-o MODEL]
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path

from stancekit import registry
from stancekit.cachedir import default_cache_dir, read_pickle, write_pickle
from stancekit.gcpause import collector_paused
from stancekit.tagging import perceptron, tagger
from stancekit.tagging.conllu import ConlluError, ConlluSentence, ConlluWord, read_conllu, read_conllu_sentences
from stancekit.tagging.lemmas import lemma
from stancekit.tagging.protocol import Tagger
from stancekit.tagging.tag_scores import TagScore, TagScores, evaluate
from stancekit.tagging.tagger import BUNDLED_MODEL, ModelError, PerceptronTagger, load_model
from stancekit.tagging.tags import UPOS_DESCRIPTIONS, UPOS_TAGS

__all__ = [
    "BUNDLED_MODEL",
    "UPOS_DESCRIPTIONS",
    "UPOS_TAGS",
    "ConlluError",
    "ConlluSentence",
    "ConlluWord",
    "ModelError",
    "PerceptronTagger",
    "TagScore",
    "TagScores",
    "Tagger",
    "UnknownTagger",
    "default_tagger",
    "evaluate",
    "lemma",
    "load_model",
    "read_conllu",
    "read_conllu_sentences",
    "tagger_named",
    "tagger_names",
]

#: The name of the bundled tagger, for `--tagger` and `tagger_named`.
DEFAULT_TAGGER_NAME = "perceptron"


class UnknownTagger(KeyError):
    """No tagger of that name; the message lists the names there are."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


@cache
def default_tagger() -> Tagger:
    """The bundled perceptron tagger, read from the package on first call and kept.

    A worker process (fork or spawn) that tags reads it once, on its own first call. The
    collector waits while the model's hundred thousand weight tables are read."""
    with collector_paused():
        return _bundled_model()


def _bundled_model() -> PerceptronTagger:
    """The bundled model, as the cache folder keeps it once read: its weight tables unpickle
    in 0.08 s, where reading the JSON they ship as takes 0.36 s at the start of every scan.
    The entry is named by a digest of the model file and of the tagger's code, so a new model
    or a changed class is read afresh; a cache folder that cannot be read or written only
    costs the time."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for source in (BUNDLED_MODEL, Path(tagger.__file__), Path(perceptron.__file__)):
        digest.update(source.read_bytes())  # the model, and the classes its pickle holds
    path = default_cache_dir() / "tagger" / f"model-{digest.hexdigest()[:24]}.pickle"
    found = read_pickle(path)
    if isinstance(found, PerceptronTagger):
        return found
    model = load_model(BUNDLED_MODEL)
    write_pickle(path, model)
    return model


def tagger_names() -> tuple[str, ...]:
    """The names `tagger_named` knows: the bundled tagger's, then those plugins registered."""
    return (DEFAULT_TAGGER_NAME, *sorted(registry.tagger_names()))


def tagger_named(name: str) -> Tagger:
    """The tagger called `name`; raises `UnknownTagger` (a KeyError) listing the known names.

    A plugin's tagger is made by its factory once per process, on first use."""
    if name == DEFAULT_TAGGER_NAME:
        return default_tagger()
    if registry.tagger_factory(name) is not None:
        return _plugin_tagger(name)
    known = ", ".join(tagger_names())
    raise UnknownTagger(f"unknown tagger {name!r}; known taggers: {known}")


@cache
def _plugin_tagger(name: str) -> Tagger:
    return registry.tagger_factory(name)()
