"""What the perceptron sees of a word and its neighbours.

The feature set is the standard one for greedy averaged-perceptron taggers (Honnibal's
"A good part-of-speech tagger in about 200 lines of Python"): the word and its lower case,
prefix and suffixes, a character shape, the words and suffixes around it and the two tags
before it. Two additions are standard and robust on English web and news text:

- ambiguity classes: the set of tags a word had in training (`NOUN|VERB`), for the word and
  its neighbours. They let rare words share what frequent words with the same ambiguity
  taught, and they stand in for the unknown tags to the right;
- the parts of a hyphenated word (`long-term`, `state-run`): stancekit keeps such words
  whole while the treebank mostly splits them, so the last part speaks for the whole;
- an external lexicon, as MElt and Morfette use one: the word classes LemmInflect's
  dictionary knows a word as (`back`: adjective, adverb, noun or base verb), for the word and
  its neighbours, and whether it can be a base verb form combined with the tags and words
  before it (`will`, `not`, `to`, a plural noun). The dictionary knows words the treebank has
  rarely or never seen in a given use: news writes "unions back the deal" where the web
  treebank mostly has "came back".

Inputs are normalised first, so the text stancekit's tokenizer produces looks like the
treebank: curly quotes and apostrophes become straight, `` `` `` and `''` become `"`, dashes
become `--`, and numbers are one symbol apart from their shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from sys import intern

from stancekit.tagging.dictionary import UNKNOWN as UNKNOWN_CLASSES
from stancekit.tagging.dictionary import word_classes

#: Token -> the form the treebank writes for it.
_PUNCT_FORMS = {
    "``": '"',
    "''": '"',
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2019\u2019": '"',
    "\u2018\u2018": '"',
    "\u2018\u2019": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "`": "'",
    "\u2018": "'",
    "\u2019": "'",
    "\u2013": "--",
    "\u2014": "--",
    "\u2212": "-",
}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})

#: The ambiguity class of a word not seen (often enough) in training.
UNKNOWN = "?"
#: Word forms whose features a feature extractor keeps (about 600 bytes each).
LEXICAL_ENTRIES_KEPT = 30_000

#: Stand-ins for the words and tags beyond the ends of a sentence.
START = ("-S-", "-S2-")
END = ("-E-", "-E2-")


def normalise_word(word: str) -> str:
    """The form of `word` the treebank would have: straight quotes and apostrophes, `--` dashes."""
    if word.isalnum():
        return word  # most words: nothing in them to change
    form = _PUNCT_FORMS.get(word)
    if form is not None:
        return form
    return word.translate(_APOSTROPHES)


def word_key(form: str) -> str:
    """What the word features compare: the normalised form, with numbers reduced to a class
    (a four-digit year or other digits), so that unseen numbers look like seen ones."""
    if form[:1].isdigit():
        return "!YEAR" if len(form) == 4 and form.isdigit() else "!DIGITS"
    return form


def lexicon_class(form: str) -> tuple[str, str]:
    """What LemmInflect's dictionary knows of a word: (its class, its verb form).

    The class lists the Universal POS tags the dictionary has the word as, each marked `=` when
    the word is that tag's lemma (a base verb form, a singular noun) and `+` when it is an
    inflection of it (`backs` -> `NOUN+|VERB+`); `-` for a word it does not know. The verb form
    is `b` (base form: can follow a modal, `not` or `to`), `i` (inflected verb) or `n` (no verb).
    An external lexicon knows words the treebank has rarely or never seen in a given use."""
    found = word_classes(form.lower()) if form[:1].isalpha() else UNKNOWN_CLASSES  # looked up in lower case
    return found.classes, found.verb


def shape(word: str) -> str:
    """Character classes with repeats collapsed: `Trump` -> `Xx`, `U.S.` -> `X.X.`, `1,400` -> `d,d`."""
    out = []
    last = ""
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)[:8]


#: What a word contributes to its own and its neighbours' features (see `_lexicon_entry`).
Entry = tuple[str, str, str, tuple[str, ...], str, str, str]
#: What `static` gives for a position.
Position = tuple[tuple[str, ...], list[str], str, str, str, str]


class FeatureExtractor:
    """Turns the words of a sentence into feature strings.

    Word-level facts (lower case, suffix, shape, ambiguity class) are computed once per
    distinct word and kept, because a sentence asks for each word up to five times (as itself
    and as a neighbour) and a corpus repeats its words.
    """

    __slots__ = ("_ambiguity", "_lexical")

    def __init__(self, ambiguity: Mapping[str, str]):
        self._ambiguity = ambiguity
        self._lexical: dict[str, Entry] = {}

    def ambiguity(self, form: str) -> str:
        ambiguity = self._ambiguity
        found = ambiguity.get(form)
        if found is None:
            found = ambiguity.get(form.lower(), UNKNOWN)
        return found

    def _lexicon_entry(self, form: str) -> Entry:
        """(lower-case key, suffix of 3, ambiguity class, the word's own features, shape,
        lexicon class, verb form)."""
        key = word_key(form)
        lower = key.lower()
        amb = self.ambiguity(form)
        form_shape = shape(form)
        lex, verb = lexicon_class(form)
        own = [
            "b",
            "w " + key,
            "l " + lower,
            "p " + lower[:1],
            "h " + form_shape,
            "a " + amb,
            "x " + lex,
            "ax " + amb + " " + lex,
        ]
        for k in (1, 2, 3, 4):
            if len(lower) > k:
                own.append(f"s{k} {lower[-k:]}")
        if "-" in form[1:-1] and not key.startswith("!"):
            last = lower.rsplit("-", 1)[1]
            own.append("hl " + last)
            own.append("ha " + self.ambiguity(form.rsplit("-", 1)[1]))
            own.append("hf " + lower.split("-", 1)[0])
        # most of a word's features are shared with many words ("p t", "s1 s", "a NOUN"):
        # kept once each, a kept entry takes half the memory
        entry = (lower, lower[-3:], amb, tuple(map(intern, own)), form_shape, lex, verb)
        if len(self._lexical) < LEXICAL_ENTRIES_KEPT:
            self._lexical[form] = entry
        return entry

    def static(self, forms: Sequence[str]) -> list[Position]:
        """For each position: the features that do not depend on predicted tags (those of the
        word alone, which a tagger may score once per word, and those of its context), and what
        the tag features combine with (the word's lower-case key, the ambiguity class of the
        next word, the word's verb form and lexicon class).

        `forms` must already be normalised (`normalise_word`)."""
        window = self.window(forms)
        return [self.position(window, i) for i in range(len(forms))]

    def window(self, forms: Sequence[str]) -> list[Entry]:
        """What each word contributes, with two stand-ins before and after the sentence: what
        `position` reads the features of one position from."""
        lexical = self._lexical
        entries = [lexical.get(f) or self._lexicon_entry(f) for f in forms]
        return [*_PAD_START, *entries, *_PAD_END]

    @staticmethod
    def position(window: list[Entry], i: int) -> Position:
        """The static features of position `i` (see `static`), from the sentence's `window`."""
        j = i + 2
        lower, _, amb, own, form_shape, lex, verb = window[j]
        p1, p2, n1, n2 = window[j - 1], window[j - 2], window[j + 1], window[j + 2]
        context = [
            "-1w " + p1[0],
            "-2w " + p2[0],
            "+1w " + n1[0],
            "+2w " + n2[0],
            "-1s " + p1[1],
            "+1s " + n1[1],
            "-1a " + p1[2],
            "+1a " + n1[2],
            "+2a " + n2[2],
            "a+1a " + amb + " " + n1[2],
            "-1aa " + p1[2] + " " + amb,
            "l+1a " + lower + " " + n1[2],
            "-1h " + p1[4],
            "+1h " + n1[4],
            "h+1h " + form_shape + " " + n1[4],
            "-1x " + p1[5],
            "+1x " + n1[5],
            "x+1x " + lex + " " + n1[5],
            "-1wv " + p1[0] + " " + verb,
            "-2wv " + p2[0] + " " + verb,
        ]
        return (own, context, lower, n1[2], verb, lex)


#: The stand-ins for the words before and after a sentence, as `FeatureExtractor.window` has them.
_PAD_START: list[Entry] = [
    (START[1],) * 3 + ((), START[1], START[1], "n"),
    (START[0],) * 3 + ((), START[0], START[0], "n"),
]
_PAD_END: list[Entry] = [(END[0],) * 3 + ((), END[0], END[0], "n"), (END[1],) * 3 + ((), END[1], END[1], "n")]


def with_history(
    context: list[str], lower: str, next_amb: str, verb: str, lex: str, prev: str, prev2: str
) -> list[str]:
    """The context features of a position plus those of the tags predicted before it (the
    word's own features are added apart, see `static`)."""
    return [
        *context,
        "t " + prev,
        "t2 " + prev2,
        "tt " + prev + " " + prev2,
        "tl " + prev + " " + lower,
        "ta " + prev + " " + next_amb,
        "tv " + prev + " " + verb,
        "ttv " + prev + " " + prev2 + " " + verb,
        "tx " + prev + " " + lex,
    ]


def with_first_pass(
    context: list[str],
    lower: str,
    next_amb: str,
    verb: str,
    lex: str,
    prev: str,
    prev2: str,
    own: str,
    next1: str,
    next2: str,
) -> list[str]:
    """The features of the second pass: those of the first, plus the tags the first pass gave
    the word itself (`own`) and the two words after it, which the first pass could not see."""
    return [
        *with_history(context, lower, next_amb, verb, lex, prev, prev2),
        "0t " + own,
        "+1t " + next1,
        "+2t " + next2,
        "+1+2t " + next1 + " " + next2,
        "t+1t " + prev + " " + next1,
        "0t+1t " + own + " " + next1,
        "l+1t " + lower + " " + next1,
        "v+1t " + verb + " " + next1,
    ]
