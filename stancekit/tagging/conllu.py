"""Reading CoNLL-U files: the training data of the tagger and the gold of `stancekit tag --eval`.

Only what tagging needs is kept (form, lemma, UPOS, head, relation, misc). Multiword-token
ranges (`1-2`) and empty nodes (`1.1`) are skipped, so the words are the syntactic words a
tagger is scored on. A malformed line raises `ConlluError` naming file:line, because a gold
file with a broken line should fail loudly rather than shift every score after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stancekit.tagging.tags import UPOS_TAGS

_KNOWN_TAGS = frozenset(UPOS_TAGS)


class ConlluError(ValueError):
    """A CoNLL-U file that cannot be read: missing, unreadable or malformed (with file:line)."""


@dataclass(frozen=True, slots=True)
class ConlluWord:
    """One syntactic word of a sentence; `head` is 0 for the root, -1 when not given."""

    index: int
    form: str
    lemma: str
    upos: str
    head: int
    deprel: str
    misc: str

    @property
    def space_after(self) -> bool:
        return "SpaceAfter=No" not in self.misc.split("|")


@dataclass(frozen=True, slots=True)
class ConlluSentence:
    """A sentence with its `# sent_id` and `# text` comments (empty when absent)."""

    sent_id: str
    text: str
    words: tuple[ConlluWord, ...]

    def tagged(self) -> list[tuple[str, str]]:
        return [(w.form, w.upos) for w in self.words]


def read_conllu_sentences(path: str | Path) -> Iterator[ConlluSentence]:
    """The sentences of a CoNLL-U file, with the fields tagging uses."""
    try:
        stream = open(path, encoding="utf-8-sig")  # noqa: SIM115 - closed below, the generator owns it
    except OSError as exc:
        raise ConlluError(f"cannot read {path}: {exc.strerror or exc}") from None
    with stream:
        sent_id = text = ""
        words: list[ConlluWord] = []
        line_number = 0
        try:
            for line_number, raw in enumerate(stream, 1):
                line = raw.rstrip("\r\n")
                if not line.strip():
                    if words:
                        yield ConlluSentence(sent_id, text, tuple(words))
                    sent_id = text = ""
                    words = []
                    continue
                if line.startswith("#"):
                    key, _, value = line[1:].partition("=")
                    if key.strip() == "sent_id":
                        sent_id = value.strip()
                    elif key.strip() == "text":
                        text = value.strip()
                    continue
                word = _parse_word(line, path, line_number)
                if word is not None:
                    words.append(word)
        except UnicodeDecodeError as exc:
            raise ConlluError(f"{path}:{line_number + 1}: not UTF-8 text ({exc.reason})") from None
        except OSError as exc:
            raise ConlluError(f"cannot read {path}: {exc.strerror or exc}") from None
        if words:
            yield ConlluSentence(sent_id, text, tuple(words))


def read_conllu(path: str | Path) -> Iterator[list[tuple[str, str]]]:
    """Each sentence of a CoNLL-U file as (word, gold UPOS) pairs."""
    for sentence in read_conllu_sentences(path):
        yield sentence.tagged()


def _parse_word(line: str, path: str | Path, line_number: int) -> ConlluWord | None:
    columns = line.split("\t")
    if len(columns) != 10:
        raise ConlluError(f"{path}:{line_number}: expected 10 tab-separated columns, found {len(columns)}")
    index = columns[0]
    if "-" in index or "." in index:
        return None  # a multiword-token range or an empty node: not a word the tagger sees
    if not index.isdigit():
        raise ConlluError(f"{path}:{line_number}: the word index {index!r} is not a number")
    upos = columns[3]
    if upos not in _KNOWN_TAGS:
        raise ConlluError(f"{path}:{line_number}: {upos!r} is not a Universal POS tag")
    head = int(columns[6]) if columns[6].isdigit() else -1
    return ConlluWord(int(index), columns[1], columns[2], upos, head, columns[7], columns[9])
