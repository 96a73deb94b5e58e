"""What a pointing topic refers to in its document: "the plan", "the bill", "the ban".

A topic such as "the plan" or "the proposals" says which plan only through its document, so
its key is kept within the document ("plan@politics/078") and meets no other story's. Yet the
document usually says what it points at: an earlier noun phrase with the same head ("the
identity cards bill" before "the bill"), a frame before it ("plans to scrap tuition fees"),
or, failing both, the issue the document is about, as the topic dictionary counts it. Such a
topic takes the key of what it refers to; its text stays as written, the evidence. Where the
document says nothing clearly, the key stays within the document: a missed merge misleads
less than a wrong one. A topic that says whose it is ("IBM's move", "his policies") or points
with a demonstrative ("that idea") is that one's own, or what was just said: it takes an
earlier phrase's key, never the issue the story leads with.

The heads that point are the language profile's (`key_pointing_heads`). A pronoun standing
alone ("backed it") is not pointed so: it refers to the nearest thing named, seldom to the issue
of the story, and a wrong key misleads more than a missed one.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from stancekit.findings import Finding, TopicRef
from stancekit.keys import bare_key, dictionary_topic_of_key, topic_keyed_by_rules, topic_name
from stancekit.tagging import default_tagger, lemma
from stancekit.text.limits import ANTECEDENT_REACH_CHARS, MAX_SENTENCE_CHARS, WHOLE_DOCUMENT_CHARS
from stancekit.text.tokens import POSSESSIVE_MARKS, Token, tokenize

if TYPE_CHECKING:
    from stancekit.compiler.ruleset import CompiledRuleSet
    from stancekit.engine.profile import LanguageProfile

#: Tags of the words that may modify a noun before it ("the identity cards bill").
_MODIFIER_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
#: How many modifiers before a head, and words of a complement after it, an antecedent holds.
_MODIFIERS, _COMPLEMENT = 4, 8
#: How much more often than any other the dictionary must find an issue to call it the document's.
_DOMINANCE = 2
#: How many words open a document, its headline and lead, where the issue it is about is named.
_LEAD = 60
#: The actor dictionary's types of whose a plan or a policy may be ("the Tory plans").
_OWNER_TYPES = frozenset({"party", "body", "organisation"})


@dataclass(frozen=True)
class HeadedPhrase:
    """An earlier noun phrase a pointing topic may refer to: as a topic, its words in lower
    case, and whether the words before its head name another one of its kind."""

    topic: TopicRef
    words: frozenset[str]
    names_another_one: bool


@dataclass(frozen=True)
class DocumentText:
    """One document's text, tokenised and tagged once when a pointing topic needs it; or a
    stretch of a very long one (`start` to `end`), see `around`."""

    text: str
    compiled: CompiledRuleSet
    start: int = 0
    end: int | None = None
    #: The stretch last asked for by `around`, by its block: findings come in text order.
    _stretches: dict[int, DocumentText] = field(default_factory=dict, compare=False, repr=False)
    #: What the passes that key a document's findings work out once for it, by who asks: the
    #: places it names (`jurisdictions`), which the people's pass asks for too.
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def around(self, offset: int) -> DocumentText:
        """What a pointing topic at `offset` is looked up in: the whole document, unless it is
        longer than `WHOLE_DOCUMENT_CHARS`; then the block of `ANTECEDENT_REACH_CHARS`
        characters `offset` falls in with the block before it, so that the phrase referred to
        is looked for at least that far back while memory stays bounded and each character is
        read at most twice."""
        reach = ANTECEDENT_REACH_CHARS
        if len(self.text) <= WHOLE_DOCUMENT_CHARS:
            return self
        block = offset // reach
        found = self._stretches.get(block)
        if found is None:
            start = _space_from(self.text, (block - 1) * reach) if block else 0
            end = _space_from(self.text, (block + 1) * reach + MAX_SENTENCE_CHARS)
            found = DocumentText(self.text, self.compiled, start, end)
            self._stretches.clear()
            self._stretches[block] = found
        return found

    @property
    def lead(self) -> DocumentText:
        """The stretch the document's leading issue is counted in: all of it, unless it is
        read a stretch at a time; then its first two blocks."""
        if len(self.text) <= WHOLE_DOCUMENT_CHARS:
            return self  # not kept as a cached property: a document holding itself is a cycle
        return self._first_blocks

    @cached_property
    def _first_blocks(self) -> DocumentText:
        return DocumentText(self.text, self.compiled, 0, _space_from(self.text, 2 * ANTECEDENT_REACH_CHARS))

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text, self.start, self.end, profile=self.compiled.profile)

    @cached_property
    def token_ends(self) -> list[int]:
        """Where each token ends, in order: the tokens before an offset are found by bisection."""
        return [t.end for t in self.tokens]

    @cached_property
    def tags(self) -> Sequence[str]:
        """The tags of the whole text as one sequence, a stretch worked out when first read:
        a pointing topic is looked for back from its finding, and only the words that could
        be its antecedent need their tags."""
        return default_tagger().tags_read_lazily([t.text for t in self.tokens]) if self.tokens else []

    def same_noun_before(self, noun: str, before: int) -> list[int]:
        """The positions of the tokens before token `before` whose lemma as a noun, case-folded,
        is `noun`, in text order. Every pointing topic of a long document looks back through it:
        each token's lemma is worked out once, as far as a search has reached."""
        return self._noun_lemmas.positions(noun, before)

    @cached_property
    def _noun_lemmas(self) -> _NounLemmas:
        return _NounLemmas(self.tokens)

    def phrase_of_head(self, head: int) -> HeadedPhrase:
        """The noun phrase token `head` ends (see `_phrase_around`), worked out once: each
        pointing topic looks back through the same phrases."""
        found = self._headed_phrases.get(head)
        if found is None:
            tokens = self.tokens
            start, end = _phrase_around(head, self)
            text = self.text[tokens[start].start : tokens[end - 1].end]
            found = self._headed_phrases[head] = HeadedPhrase(
                TopicRef(text, tokens[start].start, tokens[end - 1].end, text, None),
                frozenset(token.lower for token in tokens[start:end]),
                _names_another_one(start, head, self),
            )
        return found

    @cached_property
    def _headed_phrases(self) -> dict[int, HeadedPhrase]:
        return {}

    @cached_property
    def dominant_issue(self) -> str | None:
        """The topic dictionary's issue the document is about: named in its headline or lead,
        found at least twice, and at least twice as often as any other; None when no issue
        leads so clearly, or when the leading one only sets the story (an election campaign is
        not what a plan in it is about)."""
        topics = self.compiled.topics
        if not topics or not self.tokens:
            return None
        matches = topics.distinct(topics.matches(self.tokens, self.text))
        found = Counter(topics.concept(m.id) for m in matches)
        ranked = found.most_common(2)
        if not ranked or ranked[0][1] < 2:
            return None
        second = ranked[1][1] if len(ranked) > 1 else 0
        leading = {topics.concept(m.id) for m in matches if m.start < _LEAD}
        issue = ranked[0][0]
        clear = found[issue] >= _DOMINANCE * second and issue in leading
        return issue if clear and issue not in self.compiled.profile.key_setting_topics else None


class _NounLemmas:
    """Where each noun lemma stands among a text's tokens, read from the start as far as asked."""

    def __init__(self, tokens: Sequence[Token]):
        self._tokens = tokens
        self._read = 0  # the tokens before this one are in `_where`
        self._where: dict[str, list[int]] = {}
        self._lemma_of: dict[str, str] = {}

    def positions(self, noun: str, before: int) -> list[int]:
        """The positions before `before` of the tokens whose noun lemma is `noun`, in order."""
        if before > self._read:
            where, lemma_of, tokens = self._where, self._lemma_of, self._tokens
            for k in range(self._read, before):
                text = tokens[k].text
                found = lemma_of.get(text)
                if found is None:
                    found = lemma_of[text] = lemma(text, "NOUN").casefold()
                where.setdefault(found, []).append(k)
            self._read = before
        found = self._where.get(noun, [])
        return found[: bisect.bisect_left(found, before)]


def _space_from(text: str, offset: int) -> int:
    """The first white space at or after `offset` (the end of `text` when none): a stretch cut
    there is tokenised as the whole text is."""
    at = min(offset, len(text))
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def pointing_head(key: str, compiled: CompiledRuleSet) -> str | None:
    """The pointing head of a key kept within its document ("plan" of "tory plan@doc"),
    or None: a key that holds a complement ("return of detainee") or ends in another noun
    says more than a pointer."""
    if "@" not in key:
        return None
    words = bare_key(key).split()
    pointing = compiled.profile.key_pointing_heads
    if not words or words[-1] not in pointing or compiled.profile.key_complement_links & set(words):
        return None
    return words[-1]


def antecedent_keys(findings: Sequence[Finding], document: DocumentText) -> list[Finding]:
    """One document's findings with each pointing topic keyed by what it refers to (see the
    module's docstring); other findings as they are."""
    return [_pointed(f, document) for f in findings]


def _pointed(finding: Finding, document: DocumentText) -> Finding:
    key = finding.topic.key or ""
    head = pointing_head(key, document.compiled)
    if head is None or not _points(finding.topic, head, document):
        return finding
    found = _same_head_key(finding, head, document.around(finding.topic.start))
    if found is None and not _owned_or_shown(finding.topic, head, document):
        found = _issue_of_its_kind(document.lead.dominant_issue, head, finding.topic, document.compiled)
    return replace(finding, topic=replace(finding.topic, key=found)) if found else finding


def _issue_of_its_kind(issue: str | None, head: str, topic: TopicRef, compiled: CompiledRuleSet) -> str | None:
    """The issue a story is about, for a pointing topic whose head may name it: a generic head
    names any issue ("the plan", "the bill"); another names only an issue the dictionary
    names with that word ("the ban" in a story about the smoking ban; "the war" in a story
    about immigration is no immigration policy), or one its own words name ("a ban on all
    forms of human cloning" in a story about cloning)."""
    if issue is None or head in compiled.profile.key_generic_heads:
        return issue
    if compiled.topics.names_with(issue, head):
        return issue
    tokens = tokenize(topic.text, profile=compiled.profile)
    named = {compiled.topics.concept(m.id) for m in compiled.topics.matches(tokens, topic.text)}
    return issue if issue in named else None


def _with_head(topic: TopicRef, head: str, profile: LanguageProfile) -> tuple[list[Token], int | None]:
    """A pointing topic's tokens and where its head stands among them (its first word whose
    noun lemma is `head`), None when no word is."""
    tokens = tokenize(topic.text, profile=profile)
    at = next((k for k, token in enumerate(tokens) if lemma(token.text, "NOUN").casefold() == head), None)
    return tokens, at


def _owned_or_shown(topic: TopicRef, head: str, document: DocumentText) -> bool:
    """Whether a pointing topic says whose it is or points at what was just said, before its
    head ("IBM's move", "his policies", "the club's decision", "that idea"): it is that one's
    own, or what the sentence before it names, which is seldom the issue the whole story
    leads with ("the plans", "the move" may be)."""
    profile = document.compiled.profile
    tokens, at = _with_head(topic, head, profile)
    before = [t.text for t in tokens[: len(tokens) if at is None else at]]
    if before and before[0].casefold() in profile.key_demonstratives | profile.possessive_pronouns:
        return True
    return any(word in POSSESSIVE_MARKS for word in before)


def _points(topic: TopicRef, head: str, document: DocumentText) -> bool:
    """Whether a topic with a pointing head points: only when no clause or infinitive says
    what it is ("the idea that ...", "measures to ...", "a law which ...") and nothing is
    coordinated with it ("law and order")."""
    profile = document.compiled.profile
    tokens, at = _with_head(topic, head, profile)
    words = [t.text for t in tokens]
    if at is None or at + 1 >= len(words):
        return True
    tags = default_tagger().tag(words)
    following = words[at + 1].casefold()
    opens_clause = (
        following in profile.relative_pronouns
        or following in profile.complementisers
        or following in profile.coordinators
    )
    return not opens_clause and tags[at + 1] not in ("PART", "SCONJ")


#: What `_same_head_key` finds when a nearer phrase with the same head names another one of
#: its kind ("his own bill", "a rival plan"): which one a pointing topic means is then not
#: clear, and neither an earlier phrase nor the story's issue says it.
_ANOTHER_ONE_NAMED = ""


def _same_head_key(finding: Finding, head: str, document: DocumentText) -> str | None:
    """The key of the nearest earlier noun phrase with the same head that says which one
    ("the tuition fees plan", "plans to scrap the tax" before "the plan"); None when none does,
    `_ANOTHER_ONE_NAMED` when a nearer one names another one of its kind. A phrase keyed as
    the head alone is ("the tax" again, taxation at large) points as this one does and is
    passed over: it does not say which tax the story has named. So is one keyed by an issue
    that only sets the story ("election laws" are the elections): it does not say what a law
    in the story is about."""
    wanted = lemma(head, "NOUN").casefold()
    head_alone = dictionary_topic_of_key(wanted, document.compiled) if document.compiled.topics else None
    setting = document.compiled.profile.key_setting_topics
    before = bisect.bisect_right(document.token_ends, finding.topic.start)
    names = _names_before_head(finding.topic, wanted, document)
    for k in reversed(document.same_noun_before(wanted, before)):
        if document.tags[k] != "NOUN":  # the document is tagged only when a word could be the one
            continue
        phrase = document.phrase_of_head(k)
        if not names <= phrase.words:
            continue  # "the Tory plans" are not the plans Labour was said to set out
        key = _phrase_key(finding, phrase.topic, document)
        if key is not None and (key == head_alone or key in setting):
            continue
        if _says_which(key, wanted, phrase.topic, document):
            return key
        if phrase.names_another_one:
            return _ANOTHER_ONE_NAMED
    return None


def _names_before_head(topic: TopicRef, head: str, document: DocumentText) -> set[str]:
    """The words of a party or a body the actor dictionary finds written before a pointing
    topic's head, not as its possessor ("tory" of "the Tory plans"), in lower case: whose
    plans they are, which an earlier phrase must say too. A possessor ("Trump's plan") is
    the story's subject as often as not, and a country ("UK policy") says where, not whose."""
    compiled = document.compiled
    tokens, at = _with_head(topic, head, compiled.profile)
    if not compiled.actors or not at:
        return set()
    names: set[str] = set()
    for match in compiled.actors.find(tokens, 0, at):
        owner = match.end < len(tokens) and tokens[match.end].text in POSSESSIVE_MARKS
        if compiled.actors.actors[match.id].type in _OWNER_TYPES and not owner:
            names |= {token.lower for token in tokens[match.start : match.end]}
    return names


def _names_another_one(start: int, head: int, document: DocumentText) -> bool:
    """Whether the words before a head, from `start` or the word just before it, name another
    one of its kind ("his own bill", "a rival plan", "another proposal")."""
    others = document.compiled.profile.key_other_one_words
    return any(token.lower in others for token in document.tokens[max(0, start - 1) : head])


def _phrase_around(head: int, document: DocumentText) -> tuple[int, int]:
    """The token range of the noun phrase a head ends: its modifiers before it, and a
    complement after it that a preposition or "to" opens ("plans to scrap the tax", "the bill
    on smoking"), up to the next punctuation (the key's reductions keep what names the topic)."""
    tokens, tags = document.tokens, document.tags
    start = head
    while start > 0 and head - start < _MODIFIERS and tags[start - 1] in _MODIFIER_TAGS:
        start -= 1
    end = head + 1
    opens = end < len(tokens) and tags[end] in ("ADP", "PART", "SCONJ")
    if opens and tokens[end].lower not in document.compiled.profile.complementisers:
        while end < len(tokens) and end - head <= _COMPLEMENT and tokens[end].text[:1].isalnum():
            end += 1
    return start, end


def _says_which(key: str | None, head: str, topic: TopicRef, document: DocumentText) -> bool:
    """Whether an earlier phrase's key says which one a pointing topic means: a key the
    whole collection shares, that the head is no longer part of, of two words or more unless
    the topic dictionary knows it, and no name ("Mr Kennedy's policies" are his, and which of
    them the phrase does not say)."""
    if not key or "@" in key or head in key.split():
        return False  # "the bill on Thursday" is still only a bill
    known = bool(document.compiled.topics) and key in document.compiled.topics.topics
    if " " not in key and not known:
        return False  # "a tracing and returns scheme" is keyed "return": no issue of its own
    return topic_name(topic, document.compiled.profile) is None


def _phrase_key(finding: Finding, topic: TopicRef, document: DocumentText) -> str | None:
    """The key a finding would have with `topic` as its topic."""
    return topic_keyed_by_rules(topic, finding.sentence, finding.doc, document.compiled)
