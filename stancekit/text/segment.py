"""Sentences, quotes and paragraphs with exact character offsets.

A regex splitter with an abbreviation list: fast (tens of MB/s) and tuned for the layouts of
news text. Every sentence is a span of the original string, so evidence can be cut out of
the source exactly; nothing is normalised or copied before offsets are fixed.

What it handles, because news is full of it:
- titles and abbreviations (`Mr.`, `Sen.`, `U.S.`, `Jan. 5`, `John F. Kennedy`), decimals;
- quotes that end a sentence (`."`, `?"`) and those that do not (`,"`, `?" he asked`);
- ellipses inside quotes; a single line break inside a sentence (hard-wrapped text);
- a blank line always ends a sentence; a headline line without a full stop ends one too;
- a dateline opening a paragraph ("WASHINGTON —", "New York (AFP) –") is left out of its
  sentence: it names where the story was filed, not who speaks or acts.

Text that is no prose (a scraped table, a page dumped on one line) can hold a "sentence" of
megabytes. A sentence over `limits.MAX_SENTENCE_CHARS` is cut into pieces no longer than
that, at a line break, punctuation or a space near the limit (see `_pieces`): everything
after segmentation costs more than linear time in a sentence's length, so bounding the
sentence bounds the scan. Past `limits.MAX_CUT_TEXT_CHARS` of such pieces in one text, the
rest of its overlong sentences is left out, so that a table of megabytes costs what its first
half million characters cost. Every step here is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from stancekit.text.limits import MAX_CUT_TEXT_CHARS, MAX_SENTENCE_CHARS

if TYPE_CHECKING:
    from stancekit.engine.profile import LanguageProfile


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: `text == document_text[start:end]`; `paragraph` counts from 0."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str


class Sentences(Sequence[Sentence]):
    """The sentences of one text in order, kept as arrays of offsets; each `Sentence` is made
    when it is asked for. A page dumped on one line can hold hundreds of thousands of
    sentences, and an object per sentence, with a copy of its text, weighed five times the
    text itself."""

    __slots__ = ("_paragraphs", "_text", "ends", "starts")

    def __init__(self, text: str) -> None:
        self._text = text
        #: Where each sentence starts and ends, in order: a sentence is found by bisection.
        self.starts = array("q")
        self.ends = array("q")
        self._paragraphs = array("q")

    def _add(self, start: int, end: int, paragraph: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self._paragraphs.append(paragraph)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Sentence: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Sentence, ...]: ...
    def __getitem__(self, i: int | slice) -> Sentence | tuple[Sentence, ...]:
        if isinstance(i, slice):
            return tuple(self._sentence(k) for k in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("sentence index out of range")
        return self._sentence(i)

    def _sentence(self, i: int) -> Sentence:
        start, end = self.starts[i], self.ends[i]
        return Sentence(i, start, end, self._paragraphs[i], self._text[start:end])

    def __iter__(self) -> Iterator[Sentence]:
        return (self._sentence(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Sentences({len(self)})"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A direct quote, from its opening mark to its closing mark (both included).

    `closed` is false when the paragraph ended before a closing mark; `continues` is true
    when the next paragraph opens with a quote mark, the news convention for one quote that
    runs over several paragraphs.
    """

    start: int
    end: int
    closed: bool = True
    continues: bool = False

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Sentences and quote spans of one text, both in text order.

    `cut_sentences` holds the start offset of each sentence that was longer than
    `limits.MAX_SENTENCE_CHARS` and so was cut into pieces (the pieces are in `sentences`);
    `unscanned` the (start, end) spans of such sentences past `limits.MAX_CUT_TEXT_CHARS`,
    which were not cut and are in no sentence.
    """

    sentences: Sentences
    quotes: tuple[QuoteSpan, ...]
    cut_sentences: tuple[int, ...] = ()
    unscanned: tuple[tuple[int, int], ...] = ()

    def scanned_spans(self, length: int) -> list[tuple[int, int]]:
        """The (start, end) spans of a text of `length` characters outside `unscanned`."""
        spans, position = [], 0
        for start, end in self.unscanned:
            if position < start:
                spans.append((position, start))
            position = end
        if position < length:
            spans.append((position, length))
        return spans

    # Quote spans are in text order and never overlap, so their ends are in order too: every
    # look-up below is a binary search. A document holds thousands of quotes, and a look-up
    # that walked them all for each finding made a large document's scan quadratic.

    def quote_at(self, offset: int) -> QuoteSpan | None:
        """The quote span containing `offset`, if any."""
        k = self.quote_index(offset)
        return None if k is None else self.quotes[k]

    def quote_index(self, offset: int) -> int | None:
        """The index of the quote span containing `offset`, if any."""
        k = bisect.bisect_right(self.quotes, offset, key=_start) - 1
        if k >= 0 and self.quotes[k].start <= offset < self.quotes[k].end:
            return k
        return None

    def quotes_within(self, start: int, end: int) -> tuple[QuoteSpan, ...]:
        """The quote spans that overlap `[start, end)`: all that a sentence there can sit in."""
        first = bisect.bisect_right(self.quotes, start, key=_end)
        return self.quotes[first : bisect.bisect_left(self.quotes, end, key=_start)]

    def quotes_starting(self, start: int, end: int) -> range:
        """The indices of the quote spans that start in `[start, end)`, in order."""
        return range(
            bisect.bisect_left(self.quotes, start, key=_start), bisect.bisect_left(self.quotes, end, key=_start)
        )


def _start(quote: QuoteSpan) -> int:
    return quote.start


def _end(quote: QuoteSpan) -> int:
    return quote.end


# Each of these regexes opens with one character class, which the regex engine looks for
# before it tries a match: an opening alternation ("(?:\.{2,}|\u2026|[.!?])+") was tried at
# every character of a document, three times slower on megabytes of text.
_TERMINAL_RE = re.compile(r"[.!?\u2026]+[)\]\"'\u201d\u2019]*(?=\s|$)")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE_RE = re.compile(r"\n")
#: A line break that ends a paragraph: after a blank line, or after a line that ended a sentence.
_PARAGRAPH_END_RE = re.compile(r"[.!?\u2026\"\u201d\u2019')\n][ \t\r]*\n")
#: Straight and curly double quotes, and two apostrophes, which some archives write for one;
#: two backticks open a quote that two apostrophes close (``...'', as the Congressional Record
#: and TeX-era archives write quotes). Written as one character class, then the second mark
#: of a pair: the regex engine skips to the next candidate character at once, where the
#: alternation of pairs first was tried at every position (a fifth of segmenting a text).
_QUOTE_MARK_RE = re.compile(r"[`'\"\u201c\u201d](?:(?<=`)`|(?<=')'|(?<=[\"\u201c\u201d]))")
_DOTTED_ABBREVIATION_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S" of "U.S.", "a.m" of "a.m."
_WORD_AFTER_RE = re.compile(r"\s*([\"'\u201c\u2018(\[]*)(\S*)")


@dataclass(frozen=True)
class _Words:
    """What the segmenter takes from a language profile, with its speech-verb regex built."""

    title_abbreviations: frozenset[str]
    other_abbreviations: frozenset[str]
    sentence_starters: frozenset[str]
    #: After a closing quote: a speaker and a speech verb, so the quote mark ends no sentence.
    speech_verb: re.Pattern


def _words(profile: LanguageProfile | None) -> _Words:
    from stancekit.engine.profile import derived

    return derived(profile, "segmenter words", _build_words)


def _build_words(profile: LanguageProfile) -> _Words:
    def alternatives(words: frozenset[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words)) or "(?!)"

    speech_verb = re.compile(
        rf"[ \t]+(?:[A-Z][\w.'\u2019-]*[ \t]+){{0,4}}(?:{alternatives(profile.quote_verbs)})\b"
        rf"|[ \t]+(?:{alternatives(profile.quote_pronouns)})[ \t]+(?:{alternatives(profile.quote_pronoun_verbs)})\b"
    )
    return _Words(profile.title_abbreviations, profile.other_abbreviations, profile.sentence_starters, speech_verb)


_OPEN_QUOTES = ("\u201c", "``")
_CLOSE_QUOTES = ("\u201d",)
_STRAIGHT_QUOTE = '"'


def segment(
    text: str,
    profile: LanguageProfile | None = None,
    max_sentence_chars: int = MAX_SENTENCE_CHARS,
    max_cut_text_chars: int = MAX_CUT_TEXT_CHARS,
) -> Segmentation:
    """Split `text` into sentences and find its quote spans; abbreviations and speech verbs
    come from `profile` (the bundled English one when None). A sentence longer than
    `max_sentence_chars` is cut into pieces (see `_pieces`), until the pieces hold
    `max_cut_text_chars` characters; the rest of such text is left out (`unscanned`)."""
    quotes = find_quotes(text)
    quote_starts = [q.start for q in quotes]
    boundaries = sorted(set(_boundaries(text, quotes, quote_starts, _words(profile))))
    sentences = Sentences(text)
    paragraph = 0
    previous_end = 0
    position = 0
    cut: list[int] = []
    unscanned: list[tuple[int, int]] = []
    cut_text_chars = 0
    for boundary in [*boundaries, len(text)]:
        start, end = _trim(text, position, boundary)
        position = boundary
        if start >= end:
            continue
        opens_paragraph = not sentences or "\n" in text[previous_end:start]
        if sentences and opens_paragraph:
            paragraph += 1
        if opens_paragraph:
            start = _after_dateline(text, start, end)
        if end - start > max_sentence_chars:
            cut.append(start)
            for piece_start, piece_end in _pieces(text, start, end, max_sentence_chars):
                if cut_text_chars >= max_cut_text_chars:
                    unscanned.append((piece_start, end))
                    break
                cut_text_chars += piece_end - piece_start
                sentences._add(piece_start, piece_end, paragraph)
        else:
            sentences._add(start, end, paragraph)
        previous_end = end
    return Segmentation(sentences, tuple(quotes), tuple(cut), tuple(unscanned))


#: Where an overlong sentence may be cut, best first: after a line break; after clause
#: punctuation (or a table's column bar) followed by a space; at a space.
_CLAUSE_PUNCT_RE = re.compile(r"[;:,|\u2013\u2014](?=\s)")


def _pieces(text: str, start: int, end: int, limit: int):
    """Yield trimmed (start, end) pieces of `text[start:end]`, none longer than `limit`.

    Each cut is made at the best fallback boundary in the second half of the piece, so that
    no piece is shorter than half the limit unless the sentence ends there: a line break,
    else clause punctuation followed by a space (the piece keeps the punctuation), else a
    space, else (a run of text with no space at all) at the limit itself.
    """
    while end - start > limit:
        window_start, window_end = start + max(1, limit // 2), start + limit
        newline = text.rfind("\n", window_start, window_end)
        if newline >= 0:
            cut = newline
        else:
            punct = [m.end() for m in _CLAUSE_PUNCT_RE.finditer(text, window_start, window_end)]
            if punct:
                cut = punct[-1]
            else:
                space = _last_space(text, window_start, window_end)
                cut = space if space is not None else window_end
        piece_start, piece_end = _trim(text, start, cut)
        if piece_start < piece_end:
            yield piece_start, piece_end
        start, end = _trim(text, cut, end)
    if start < end:
        yield start, end


def _last_space(text: str, start: int, end: int) -> int | None:
    """The offset of the last whitespace character in `text[start:end]`, if any."""
    for i in range(end - 1, start - 1, -1):
        if text[i].isspace():
            return i
    return None


#: A dateline: a place in capitals ("WASHINGTON", "ST. LOUIS, Mo.") or any place with a news
#: agency in brackets ("New York (AFP)"), then a dash.
_DATELINE = re.compile(
    r"""(?:
        [A-Z][A-Z.'\u2019\- ]+[A-Z.](?:,\s*[A-Z][A-Za-z.]+)?\s*(?:\([^()\n]{1,30}\)\s*)?
      | [A-Z][\w.'\-]*(?:[ ,]+[A-Z][\w.'\-]*){0,4}\s*\([^()\n]{1,30}\)\s*
    )[-\u2013\u2014]+[ \t]+(?=\S)""",
    re.VERBOSE,
)


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where a paragraph's first sentence starts once a dateline before it is left out."""
    found = _DATELINE.match(text, start, end)
    return found.end() if found and found.end() < end else start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside_quote(offset: int, quotes: list[QuoteSpan], quote_starts: list[int]) -> bool:
    i = bisect.bisect_right(quote_starts, offset) - 1
    return i >= 0 and quotes[i].start < offset < quotes[i].end


def _boundaries(text: str, quotes: list[QuoteSpan], quote_starts: list[int], words: _Words):
    """Yield the offsets at which a new sentence may start (after trimming whitespace)."""
    for m in _BLANK_LINE_RE.finditer(text):
        yield m.start()
    for m in _TERMINAL_RE.finditer(text):
        if _is_sentence_end(text, m, quotes, quote_starts, words):
            yield m.end()
    first_text = _first_text(text)
    for m in _NEWLINE_RE.finditer(text):
        if _is_headline_break(text, m.start(), first_text):
            yield m.start()


def _is_sentence_end(text: str, m: re.Match, quotes: list[QuoteSpan], quote_starts: list[int], words: _Words) -> bool:
    punct = m.group().rstrip(")]\"'\u201d\u2019")
    after = _WORD_AFTER_RE.match(text, m.end())
    gap, opener, next_word = text[m.end() : after.start(2)], after.group(1), after.group(2)
    if not next_word and not opener:
        return True  # end of text
    first = next_word[:1]
    newline_follows = "\n" in gap
    if first.islower() and not opener and not newline_follows:
        return False  # `?" he asks`, `... effectively the ratification`
    if punct[-1:] == "." and not punct.endswith(".."):
        before = text[max(0, m.start() - 30) : m.start() + 1].rsplit(None, 1)
        token = before[-1].lstrip("\"'(\u201c\u2018[") if before else ""
        if not _period_ends_sentence(token, next_word, opener, newline_follows, words):
            return False
    if ("\u2026" in punct or ".." in punct) and _inside_quote(m.start(), quotes, quote_starts):
        return False
    closing = m.group()[len(punct) :]
    return not (
        closing
        and punct[-1:] in "?!"
        and not newline_follows
        and words.speech_verb.match(text, m.end(), min(len(text), m.end() + 80))
    )


def _period_ends_sentence(token: str, next_word: str, opener: str, newline_follows: bool, words: _Words) -> bool:
    """Whether the period closing `token` ends a sentence, given what follows.

    "No." before a number ("ranked No. 1") is checked by itself: the tokenizer keeps it as an
    abbreviation only there, and it used to end the sentence.
    """
    bare = token[:-1]
    if bare in words.title_abbreviations:
        return False
    if bare == "No" and next_word[:1].isdigit():
        return False  # "No. 1": "No" is no abbreviation elsewhere, so it is not in the lists
    if len(bare) == 1 and bare.isupper():
        return newline_follows  # an initial: "John F. Kennedy"
    ambiguous = bare in words.other_abbreviations or _DOTTED_ABBREVIATION_RE.fullmatch(bare)
    if not ambiguous:
        return True
    if next_word[:1].isdigit():
        return False  # "Jan. 5", "No. 1"
    return newline_follows or bool(opener) or next_word in words.sentence_starters


def _is_headline_break(text: str, newline: int, first_text: int) -> bool:
    """A single line break ends a sentence only after a line that reads as a headline.

    The line after a headline starts a sentence, so it never starts in lower case. Without
    that check the first line of hard-wrapped text ("The minister said the plan was" /
    "sound and ...") was always taken for a headline and its sentence cut in two.
    """
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].strip()
    if not line or line[-1] in ".!?\u2026\"'\u201d\u2019:,;":
        return False  # blank, already ended, or a line that clearly continues
    following = text[newline + 1 : newline + 2]
    if following == "\n" or not following.strip():
        return False  # a blank line follows: handled as a paragraph break
    if text[newline + 1 : newline + 80].lstrip()[:1].islower():
        return False  # a body never starts in lower case: this is a hard-wrapped line
    if first_text >= line_start:
        return True  # the first line of the document
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", line)
    if len(words) < 2:
        return False
    if line.isupper():
        return True
    long_words = [w for w in words if len(w) >= 4]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return bool(long_words) and capitalised / len(long_words) >= 0.75 and words[-1][0].isupper()


_LEADING_SPACE_RE = re.compile(r"\s*")


def _first_text(text: str) -> int:
    """The offset of the first character of `text` that is not whitespace (`len(text)` if none).

    Found with a regex rather than by stripping a copy of everything before a line: that
    copy, made for each line, made a long document's segmentation quadratic."""
    return _LEADING_SPACE_RE.match(text).end()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Direct quote spans marked by straight or curly double quotes (or `''`, or ``` ``...'' ```).

    Quotes are closed at the end of their paragraph: a quote that runs on opens again with
    a new mark in the next paragraph (`continues=True` on the first span), and a stray mark
    never turns the rest of an article into a quote.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    paragraph_ends = [m.end() - 1 for m in _PARAGRAPH_END_RE.finditer(text)]
    marks = [(m.start(), m.group()) for m in _QUOTE_MARK_RE.finditer(text)]
    for i, ch in marks:
        if open_at is not None:
            p = bisect.bisect_left(paragraph_ends, open_at)
            if p < len(paragraph_ends) and paragraph_ends[p] < i:
                end = paragraph_ends[p]
                spans.append(QuoteSpan(open_at, end, closed=False, continues=_opens_quote(text, end)))
                open_at = None
        if open_at is None:
            if ch in _CLOSE_QUOTES:
                continue  # a stray closing mark
            open_at = i
        elif ch in _OPEN_QUOTES and not _looks_closing(text, i):
            open_at = i  # an unmatched opening mark: start again here
        elif _opens_after_sentence(text, i):
            # '"First sentence. "Second one."': each sentence of a long quote opens with a mark
            # and only the last closes, so the quote before ends with its sentence
            spans.append(QuoteSpan(open_at, _end_before_space(text, i), closed=False))
            open_at = i
        else:
            spans.append(QuoteSpan(open_at, i + len(ch)))
            open_at = None
    if open_at is not None:
        p = bisect.bisect_left(paragraph_ends, open_at)
        end = paragraph_ends[p] if p < len(paragraph_ends) else _trim(text, open_at, len(text))[1]
        spans.append(QuoteSpan(open_at, max(end, open_at + 1), closed=False))
    return spans


def _opens_after_sentence(text: str, i: int) -> bool:
    """Whether the straight mark at `i` opens a quote while one is open: it stands between
    a sentence's end and a space ('... dead. "The ...'), not after a word it closes."""
    end = _end_before_space(text, i)
    return end < i and text[i] == '"' and text[end - 1 : end] in (".", "?", "!") and (text[i + 1 : i + 2].isalnum())


def _end_before_space(text: str, i: int) -> int:
    """The end of the text before `i` without the spaces and tabs right before it."""
    end = i
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return end


def _looks_closing(text: str, i: int) -> bool:
    before = text[i - 1 : i]
    return bool(before) and not before.isspace()


def _opens_quote(text: str, paragraph_end: int) -> bool:
    rest = text[paragraph_end : paragraph_end + 20].lstrip()
    return rest[:1] in ('"', "\u201c") or rest.startswith(("''", "``"))
