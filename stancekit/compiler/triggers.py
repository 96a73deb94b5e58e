"""Trigger words: the prefilter that lets a scan skip sentences no rule can match.

Every rule whose pattern requires a literal word gets a trigger set: words of which every
match must contain at least one. One Aho-Corasick automaton over all trigger words finds
them in a single pass over the lower-cased document text; only sentences with a hit are
tokenised and matched, and only against the rules that the hit names. Rules without a
required word are run on every sentence.

The prefilter never changes results, only speed: a trigger hit is checked against token
boundaries loosely enough (clitics such as `don't` -> `do` + `n't` split inside a word) that
every token the matcher could see is found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from stancekit.compiler.inflect import inflections
from stancekit.dsl import ast
from stancekit.dsl.validate import ExpandedMacro, ResolvedLexicon, ResolvedPhrase
from stancekit.text.tokens import split_words

#: Words too common to make good triggers: a rule anchored on one of them is tried on most
#: sentences. They are used only when a pattern offers nothing better.
STOPWORDS = frozenset(
    """a an the and or but nor so yet for of to in on at by with from as into onto upon about over
    under after before than then that this these those there here is are was were be been being am
    has have had having do does did doing will would shall should can could may might must not n't
    no never it its he she they we i you his her their our my your him them us me who whom which
    what when where why how all any both each few more most other some such only own same too very
    just also 's ' " , . ; : ? ! - ( )""".split()
)


#: Frequent words that are not stopwords: particles and light verbs of phrasal entries
#: ("speak out for", "push ahead with"). A phrase is anchored on another of its words if it can.
COMMON = frozenset(
    """out up down off away back ahead along around through get gets got getting make makes made
    take takes took taken taking go goes went gone going come comes came coming put puts give
    gives gave given set sets say says said new one two""".split()
)


def commonness(words: frozenset[str]) -> tuple[int, int]:
    """How often a word set can be expected in text; lower is better (rarer): fewer stopwords
    first, then fewer words."""
    return (sum(1 for w in words if w in STOPWORDS), len(words))


def _entry_score(words: frozenset[str]) -> tuple[int, int, int, int]:
    """Lower is better: no stopword, no common word, few forms, then the longer word (rarer)."""
    return (
        sum(1 for w in words if w in STOPWORDS),
        sum(1 for w in words if w in COMMON),
        len(words),
        -max(len(w) for w in words),
    )


@lru_cache(maxsize=65536)
def entry_trigger(entry: str, inflect: bool) -> frozenset[str]:
    """The trigger forms of one lexicon entry: the forms of its rarest-looking word. Only the
    first word of an entry is inflected, so "take part in" is anchored on "part", not on
    take/takes/took/taken/taking, and is tried on far fewer sentences."""
    words = entry_words(entry, inflect)
    return min(words, key=_entry_score) if words else frozenset()


@lru_cache(maxsize=65536)
def entry_words(entry: str, inflect: bool) -> tuple[frozenset[str], ...]:
    """The word sets a match of one lexicon entry holds a word of: its first word's forms
    (inflected when the lexicon is), then each other word (see `compiler.program.lexicon_table`)."""
    words = split_words(entry)
    if not words:
        return ()
    first = inflections(words[0]) if inflect else frozenset({words[0]})
    return (first, *(frozenset({word}) for word in words[1:]))


def guarantee(node: ast.Node) -> frozenset[str] | None:
    """Words of which every match of `node` contains at least one; None if there is no such set."""
    if isinstance(node, ast.Word):
        words = split_words(node.text)
        if len(words) == 1:
            return inflections(words[0])
        return min((frozenset({w}) for w in words), key=commonness)
    if isinstance(node, ast.Literal):
        return min((frozenset({w}) for w in split_words(node.text)), key=commonness)
    if isinstance(node, ResolvedLexicon):
        found: set[str] = set()
        for entry in node.lexicon.entries:
            found |= entry_trigger(entry, node.lexicon.inflect)
        return frozenset(found)
    if isinstance(node, ExpandedMacro):
        return guarantee(node.body)
    if isinstance(node, ast.AllOf):
        sets = [found for found in map(guarantee, node.parts) if found is not None]
        return min(sets, key=commonness) if sets else None
    if isinstance(node, ast.Repeat):
        return guarantee(node.body) if node.min > 0 else None
    if isinstance(node, ast.Alternation):
        sets = [guarantee(o) for o in node.options]
        if any(s is None for s in sets):
            return None
        return frozenset().union(*sets)
    if isinstance(node, ast.Sequence):
        return best_item(node.items)[1]
    return None


#: Phrase type key -> the word sets every phrase of that type holds (see `requirements`).
PhraseRequirements = Mapping[str, tuple[frozenset[str], ...]]


def requirements(node: ast.Node, phrases: PhraseRequirements | None = None) -> tuple[frozenset[str], ...]:
    """One word set per required part of a pattern: every match holds a word of each set.

    `guarantee` gives the single best set, for the trigger index; these are all of them, so
    that a sentence that lacks any one ("and" in "X opposes A and backs B") is not tried. A
    phrase the pattern requires (`{topic:ADVICE}`) requires what its type's pattern requires
    (`phrases`, by phrase type key: "should" or "must" for advice), so that a rule is not
    tried, and the sentence not tagged for it, where no phrase of that type can be."""
    if isinstance(node, ExpandedMacro):
        return requirements(node.body, phrases)
    if isinstance(node, ResolvedPhrase):
        return (*(phrases.get(node.key, ()) if phrases else ()), *_head_requirements(node.tests))
    if isinstance(node, ast.Capture):
        return _head_requirements(node.tests)
    if isinstance(node, ast.Sequence):
        return tuple(found for item in node.items for found in requirements(item, phrases))
    words = guarantee(node)
    found = (words,) if words is not None else ()
    if isinstance(node, ast.Alternation):
        found += _shared_by_every_option(node.options, words, phrases)
    return found


def _head_requirements(tests: tuple[ast.Node, ...]) -> tuple[frozenset[str], ...]:
    """The word sets the head of a capture holds a word of, by its tests (`{topic:NP &
    @recipient_heads}`): the head is a token of the sentence, so the sentence holds one."""
    return tuple(words for words in map(_head_words, tests) if words is not None)


def _head_words(test: ast.Node) -> frozenset[str] | None:
    """The lower-case forms one of which a token passing the one-token `test` is (as
    `compiler.program.token_test` reads it); None if the test lets other words pass."""
    if isinstance(test, ExpandedMacro):
        return _head_words(test.body)
    if isinstance(test, ast.Word):
        words = split_words(test.text)
        return inflections(words[0]) if len(words) == 1 else frozenset(words)
    if isinstance(test, ast.Literal):
        return frozenset(split_words(test.text))
    if isinstance(test, ResolvedLexicon):
        firsts = (entry_words(entry, test.lexicon.inflect) for entry in test.lexicon.entries)
        return frozenset().union(*(words[0] for words in firsts if words))
    if isinstance(test, ast.AllOf):
        sets = [words for words in map(_head_words, test.parts) if words is not None]
        return min(sets, key=len) if sets else None
    if isinstance(test, ast.Alternation):
        sets = [_head_words(option) for option in test.options]
        return None if None in sets else frozenset().union(*sets)
    return None


#: Options of which a match holds one: each option's word sets, a word of each of which it holds.
Choice = tuple[tuple[frozenset[str], ...], ...]


def requirement_choices(
    node: ast.Node, required: tuple[frozenset[str], ...], phrases: PhraseRequirements | None = None
) -> tuple[Choice, ...]:
    """Choices every match makes, besides the word sets it holds whatever it chooses
    (`required`, as `requirements` gives them): a sentence must hold a word of each set of one
    option of every choice. Two kinds are known:

    - the options of a pattern made of options at its top ("X finished third with N |
      followed by Y with N"), each with its own frame: a sentence with "first" but no "with"
      holds a word of every set the whole pattern requires, but no option's whole frame;
    - the entries of a lexicon of phrases every match holds (`@stand_by`: "stand by", "side
      with", "rally behind"): "behind" alone is no entry; the first word stands for its
      inflections when the lexicon is inflected, as the matcher reads entries.

    A choice that says no more than `required` is left out: one with an option that has no set
    of its own, and one whose options have a set each (a sentence holds a word of one of
    them wherever it holds a word of their union, which `requirements` has: a lexicon of
    single words)."""
    found = []
    options = options_of(node)
    if len(options) > 1:
        found.append(tuple(requirements(option, phrases) for option in options))
    else:
        for lexicon in _lexicons_held(node):
            found.append(tuple(entry_words(entry, lexicon.lexicon.inflect) for entry in lexicon.lexicon.entries))
    reduced = (_beyond(choice, required) for choice in found)
    return tuple(choice for choice in reduced if any(len(option) > 1 for option in choice))


def _beyond(choice: Choice, required: tuple[frozenset[str], ...]) -> Choice:
    """Each option's sets but those already required; nothing when an option has none left."""
    reduced = []
    for option in choice:
        own = tuple(words for words in dict.fromkeys(option) if words not in required)
        if not own:
            return ()
        reduced.append(own)
    return tuple(dict.fromkeys(reduced))


def options_of(node: ast.Node) -> tuple[ast.Node, ...]:
    """The options of a pattern that is a choice at its top (through macros), each on its own."""
    if isinstance(node, ExpandedMacro):
        return options_of(node.body)
    if isinstance(node, ast.Alternation):
        return tuple(found for option in node.options for found in options_of(option))
    return (node,)


def _lexicons_held(node: ast.Node) -> list[ResolvedLexicon]:
    """The lexicons every match of `node` reads an entry of, token by token: those of a
    sequence and of a repeat done at least once (not one tested in `&`, which reads one token)."""
    if isinstance(node, ExpandedMacro):
        return _lexicons_held(node.body)
    if isinstance(node, ResolvedLexicon):
        return [node]
    if isinstance(node, ast.Sequence):
        return [found for item in node.items for found in _lexicons_held(item)]
    if isinstance(node, ast.Repeat) and node.min > 0:
        return _lexicons_held(node.body)
    return []


def _shared_by_every_option(
    options: tuple[ast.Node, ...], known: frozenset[str] | None, phrases: PhraseRequirements | None = None
) -> tuple[frozenset[str], ...]:
    """The word sets every option of an alternation requires (besides `known`): patterns often
    repeat one frame with a different ending ("X, with 40 percent support | X, with 40 percent
    of the vote"), and a sentence without the frame's own words ("with") cannot match either."""
    per_option = [requirements(option, phrases) for option in options]
    if not per_option:
        return ()
    found = []
    for words in per_option[0]:
        if words != known and words not in found and all(words in others for others in per_option[1:]):
            found.append(words)
    return tuple(found)


def best_item(items: tuple[ast.Node, ...]) -> tuple[int | None, frozenset[str] | None]:
    """The index of the item that makes the best trigger, and its trigger set."""
    best: tuple[int | None, frozenset[str] | None] = (None, None)
    for i, item in enumerate(items):
        words = guarantee(item)
        if words is not None and (best[1] is None or commonness(words) < commonness(best[1])):
            best = (i, words)
    return best


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


#: Characters of a document given to the trigger automaton at a time (see `TriggerIndex.find`).
_STRETCH_CHARS = 1_000_000


class TriggerIndex:
    """Trigger word -> the rules it can start, searchable with one automaton pass."""

    def __init__(self, triggers: Mapping[str, tuple[int, ...]]):
        self.triggers = dict(triggers)
        self._automaton = None
        self._longest = 0

    def __getstate__(self) -> dict:
        return {"triggers": self.triggers}

    def __setstate__(self, state: dict) -> None:
        self.triggers = state["triggers"]
        self._automaton = None
        self._longest = 0

    def _build(self):
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word, rules in self.triggers.items():
            automaton.add_word(word, (word, rules))
        if self.triggers:
            automaton.make_automaton()
        self._automaton = automaton
        self._longest = max(map(len, self.triggers), default=0)
        return automaton

    def find(
        self,
        lowered: str,
        stretch_chars: int = _STRETCH_CHARS,
        spans: Iterable[tuple[int, int]] | None = None,
    ) -> Iterator[tuple[int, tuple[int, ...]]]:
        """(start offset, rule indices) for each trigger word found at a token boundary, in
        text order; only words that start within `spans` ((start, end) in order) when given.

        The text is given to the automaton `stretch_chars` characters at a time (each with
        the longest trigger word's length of the next): the automaton copies what it is given
        at four bytes a character, and a document of 50 MB given whole took 200 MB more for
        the copy. A word is counted in the stretch it starts in, so none is found twice."""
        if not self.triggers:
            return
        automaton = self._automaton or self._build()
        overlap = self._longest - 1
        for span_start, span_end in spans if spans is not None else ((0, len(lowered)),):
            for stretch in range(span_start, span_end, stretch_chars):
                stop = min(stretch + stretch_chars, span_end)
                for end_index, (word, rules) in automaton.iter(lowered[stretch : stop + overlap]):
                    start = stretch + end_index + 1 - len(word)
                    if start < stop and _whole_token(lowered, start, word):
                        yield start, rules


def _whole_token(lowered: str, start: int, word: str) -> bool:
    """Whether the trigger `word` found at `start` is a whole token of `lowered`, or a
    contraction's part ("n't", "can" and "not" of "cannot")."""
    end = start + len(word)
    clitic = word == "n't" or (word == "not" and lowered[max(0, start - 3) : start] == "can")
    if start > 0 and _is_word_char(word[0]) and _is_word_char(lowered[start - 1]) and not clitic:
        return False
    if end < len(lowered) and _is_word_char(word[-1]) and _is_word_char(lowered[end]):
        rest = lowered[end : end + 3]
        return rest == "n't" or (word == "can" and rest == "not")
    return True
