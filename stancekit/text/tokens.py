"""Tokens with exact character offsets.

The matcher compares lower-cased surface forms, so tokenisation only has to split text the
way rule authors think of words: clitics come off (`don't` -> `do` + `n't`, `Trump's` ->
`Trump` + `'s`), hyphenated words stay whole, abbreviations keep their period, curly
apostrophes compare equal to straight ones, and two apostrophes (`''`, a double quote mark in
some newspaper archives) compare equal to `"`. Nothing here lemmatises: bare words in rules are
expanded to their inflections at compile time instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from stancekit.engine.profile import LanguageProfile

_TOKEN_PATTERN = r"""
    (?P<abbr>GUARD(?:
        (?:[A-Za-z]\.){2,}(?![A-Za-z])          # U.S.  a.m.  U.S.A.
      | (?:ABBREVIATIONS)\.(?!\w)               # Mr.  Sen.  Jan.
      | No\.(?=\s*\d)                           # No. 1
      | [A-Z]\.(?=[ \t]*[A-Z])                  # initials: John F. Kennedy
    ))
  | (?P<quote>'')                            # two apostrophes: a double quote mark ('' ... '')
  | (?P<num>\d+(?:[.,:/]\d+)*(?:(?:%|st|nd|rd|th|s)(?![^\W\d_]))?)
        # 1,400  3.5%  9:30  1990s  2nd. The lookahead guards only the suffix: on the
        # whole number it made the regex backtrack into `100km` -> `10` and drop digits
        # (`5G`, `3.5bn`, `5p.m.` lost characters). Now `3.5bn` -> `3.5` + `bn`.
  | (?P<word>[^\W\d_]\w*(?:[-\u2010'\u2019](?=[^\W_])\w*)*)
        # a letter, then letters, digits and the hyphens and apostrophes inside a word: each
        # run of word characters in one step of the regex engine, not one per character
  | (?P<ellipsis>\.{2,}|\u2026)
  | (?P<dash>-{2,}|[\u2013\u2014])
  | (?P<punct>[^\w\s])
  | (?P<other>_+)
    """


@functools.lru_cache(maxsize=16)
def token_regex(abbreviations: frozenset[str]) -> re.Pattern:
    """The tokenizer's regex for a set of abbreviations (kept with their period), built once
    per set: each language profile has its own."""
    alternatives = "|".join(re.escape(a) for a in sorted(abbreviations, key=lambda a: (-len(a), a)))
    # Every abbreviation of letters alone: then each alternative of `abbr` starts with letters
    # and a period, and a word followed by anything else skips them all with one look ahead.
    guard = _ABBREVIATION_GUARD if all(_LETTERS.fullmatch(a) for a in abbreviations) else ""
    pattern = _TOKEN_PATTERN.replace("GUARD", guard).replace("ABBREVIATIONS", alternatives or "(?!)")
    return re.compile(pattern, re.VERBOSE)


_LETTERS = re.compile(r"[^\W\d_]+")
_ABBREVIATION_GUARD = r"(?=[^\W\d_]+\.)"


#: The possessive endings the tokenizer splits off a word ("company" "'s", "Jones" "'"), as
#: written: the lower forms of tokens make the curly ones straight.
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})

_CLITIC_RE = re.compile(r"(?i)^(.+)(['\u2019](?:s|re|ve|ll|d|m))$")
_NEGATIVE_CLITIC_RE = re.compile(r"(?i)^(.+?)(n['\u2019]t)$")


class Token(NamedTuple):
    """One token. A named tuple rather than a dataclass: the scan creates millions of them.

    `lower` is the form rules compare against: lower-cased, with curly apostrophes made
    straight. `start`/`end` are character offsets into the document text.
    """

    text: str
    lower: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()

    @property
    def is_punct(self) -> bool:
        return not self.text[:1].isalnum()


def normalise(text: str) -> str:
    """The comparison form of text: lower case, straight apostrophes, same length as `text`.

    Keeping the length means offsets into the normalised text are offsets into the original,
    which the trigger prefilter relies on. The rare characters whose lower case is longer
    (such as 'İ') are left as they are.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.replace("\u2019", "'")


def _split_word(text: str, start: int) -> list[tuple[str, int]]:
    """Split clitics off a word: `don't` -> `do`, `n't`; `Trump's` -> `Trump`, `'s`."""
    lowered = text.lower()
    if lowered == "cannot":
        return [(text[:3], start), (text[3:], start + 3)]
    m = _NEGATIVE_CLITIC_RE.match(text)
    if m and len(m.group(1)) >= 1 and "'" not in m.group(1) and "\u2019" not in m.group(1):
        head = m.group(1)
        return [(head, start), (m.group(2), start + len(head))]
    m = _CLITIC_RE.match(text)
    if m:
        head = m.group(1)
        return [(head, start), (m.group(2), start + len(head))]
    return [(text, start)]


def tokenize(text: str, start: int = 0, end: int | None = None, profile: LanguageProfile | None = None) -> list[Token]:
    """Tokenise `text[start:end]`, with offsets into the whole of `text`; abbreviations come
    from `profile` (the bundled English one when None).

    Each token's comparison form is cut from the comparison form of the whole stretch, made
    once (`normalise` keeps offsets): lowering word by word took as long as finding the words.
    Lower case depends on context only for the Greek capital sigma (final or not), so a
    stretch holding one is lowered token by token.

    No token holds white space (unless an abbreviation of the profile does), so the text is
    read a run of non-space characters at a time: a run of letters alone, most of running
    text, is one word, taken without the token regex; the regex reads the other runs, seeing
    the text after them as before (`No.` before a number, initials before a name)."""
    stop = len(text) if end is None else end
    stretch = text[start:stop]
    lowered = normalise(stretch) if "\u03a3" not in stretch else None
    tokens: list[Token] = []
    append = tokens.append
    regex, by_runs = _profile_reader(profile)
    if not by_runs:
        _append_matches(append, regex, text, start, stop, stop, lowered, start)
        return tokens
    new = tuple.__new__
    for run in _NON_SPACE.finditer(text, start, stop):
        a, b = run.span()
        surface = run.group()
        if not surface.isalpha():
            _append_matches(append, regex, text, a, b, stop, lowered, start)
            continue
        lower = lowered[a - start : b - start] if lowered is not None else normalise(surface)
        if lower[-3:] == "not":  # "cannot"
            _append_split(append, surface, a)
        else:
            append(new(Token, (surface, lower, a, b)))
    return tokens


_NON_SPACE = re.compile(r"\S+")


def _profile_reader(profile: LanguageProfile | None) -> tuple[re.Pattern, bool]:
    """The profile's token regex, and whether text may be read a run of non-space characters
    at a time (no abbreviation of the profile holds white space)."""
    from stancekit.engine.profile import derived

    def build(p: LanguageProfile) -> tuple[re.Pattern, bool]:
        abbreviations = p.title_abbreviations | p.other_abbreviations
        return token_regex(abbreviations), not any(_SPACE.search(a) for a in abbreviations)

    return derived(profile, "token reader", build)


_SPACE = re.compile(r"\s")


def _append_matches(
    append: Callable[[Token], None],
    regex: re.Pattern,
    text: str,
    begin: int,
    until: int,
    stop: int,
    lowered: str | None,
    start: int,
) -> None:
    """Append the tokens the regex finds from `begin` until `until`, reading the text up to
    `stop` (`lowered` is the comparison form of the text from `start`)."""
    new = tuple.__new__
    match = regex.match
    at = begin
    while at < until:
        m = match(text, at, stop)
        if m is None:
            at += 1  # white space: no token starts there
            continue
        a, b = m.span()
        at = b
        lower = lowered[a - start : b - start] if lowered is not None else normalise(text[a:b])
        # Only a word, an apostrophe alone or two of them (a quote mark) hold an apostrophe or
        # end in "not" (an abbreviation ends in its period), so the kind of token need not be
        # asked for (`lastgroup` is slow); `_split_word` leaves an apostrophe alone as it is.
        # The comparison form has straight apostrophes only, so one look finds either kind.
        if "'" in lower or lower[-3:] == "not":
            _append_split(append, text[a:b], a)
        else:
            append(new(Token, (text[a:b], lower, a, b)))


def _append_split(append: Callable[[Token], None], surface: str, a: int) -> None:
    """Append the tokens of a word that may carry a clitic ("don't", "Trump's"), or of two
    apostrophes standing for a quote mark."""
    if surface == "''":
        append(Token(surface, '"', a, a + 2))  # compares as the quote mark it stands for
        return
    for piece, offset in _split_word(surface, a):
        append(Token(piece, normalise(piece), offset, offset + len(piece)))


_STANDALONE_CLITIC_RE = re.compile(r"(?i)^(?:['\u2019](?:s|re|ve|ll|d|m)|n['\u2019]t)$")


def split_words(phrase: str) -> list[str]:
    """The comparison forms of the tokens of a phrase (used for rule literals).

    A clitic written on its own in a rule (`'s`, `n't`) is one token, as it is when the
    tokenizer splits it off a word in running text.
    """
    return list(_split_words(phrase))


@functools.lru_cache(maxsize=65536)
def _split_words(phrase: str) -> tuple[str, ...]:
    """`split_words`, worked out once per phrase: a large rule set names the same words (and
    the same lexicons, through its macros) thousands of times while it compiles."""
    words: list[str] = []
    for piece in phrase.split():
        if piece.isascii() and piece.isalpha() and piece.lower() != "cannot":
            words.append(piece.lower())  # one plain word is one token: most of a rule's words
        elif _STANDALONE_CLITIC_RE.match(piece):
            words.append(normalise(piece))
        else:
            words.extend(t.lower for t in tokenize(piece))
    return tuple(words)
