"""The scan: documents in, findings out.

For each document: segment it; run the trigger automaton once over the lower-cased text;
tokenise only the sentences with a trigger hit; run only the rules those hits name; turn
matches into findings (captures trimmed, polarity modifiers applied); and resolve overlaps
so that each piece of evidence is reported once, by the most specific rule.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, KeysView, Mapping, Sequence
from dataclasses import dataclass, replace

from stancekit.antecedents import DocumentText, antecedent_keys
from stancekit.compiler.ruleset import CompiledRule, CompiledRuleSet
from stancekit.engine.attribution import DocumentContext
from stancekit.engine.discourse import DocumentDiscourse, discourse_rules, rules_outside, story_words
from stancekit.engine.options import DEFAULT_OPTIONS, READINGS, RuleOptions
from stancekit.engine.polarity import modifiers
from stancekit.engine.profile import LanguageProfile
from stancekit.engine.readings import WHY, culprit, misreading
from stancekit.engine.referents import FindingResolver, by_concept, document_day
from stancekit.engine.requirements import Needed, RequirementIndex
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.trace import (
    CandidateDropped,
    CandidateFound,
    FindingMade,
    MatchRejected,
    Observer,
    RuleTried,
    SentenceScanned,
)
from stancekit.engine.vm import RawMatch, TokenTests, find_matches, matches_at, neighbours_present
from stancekit.findings import Finding, RuleRef, TextSpan, finding_id
from stancekit.jurisdictions import jurisdiction_keys
from stancekit.keys import dictionary_people_keys, document_keys, keyed_as_actor, keyed_by_rules
from stancekit.metonyms import city_keys
from stancekit.people import DocumentPeople, people_keys
from stancekit.registry import actor_capture_types
from stancekit.tagging import Tagger
from stancekit.teams import team_keys
from stancekit.text.documents import Document, InputProblem
from stancekit.text.limits import MAX_CUT_TEXT_CHARS, MAX_DOCUMENT_CHARS, MAX_SENTENCE_CHARS
from stancekit.text.segment import Segmentation, Sentence, segment
from stancekit.text.tokens import Token, normalise

_TOPIC_TYPES = frozenset({"TOPIC"})
_TIME_SLOTS = ("weekdays", "months", "time_units", "time_words")
_TRIM = frozenset({"'s", "'", ",", ";", ":", "-", "--", "\u2014", "\u2013"})


@dataclass
class ScanStats:
    """Counts for the summary line of a scan."""

    documents: int = 0
    sentences: int = 0
    #: Sentences that held a trigger word: those matched against rules.
    candidate_sentences: int = 0
    findings: int = 0


@dataclass(frozen=True)
class Candidate:
    """A match turned into a finding-to-be, with what overlap resolution needs."""

    rule: CompiledRule
    match: RawMatch
    actor: tuple[int, int]  # token span
    topic: tuple[int, int]
    polarity: str
    negated: bool
    modality: str
    triggers: tuple[str, ...] = ()
    #: The list each trigger is an entry of (see `polarity.Modifiers.sources`).
    trigger_sources: tuple[str, ...] = ()

    @property
    def rank(self) -> tuple:
        return (-self.rule.priority, -self.match.literal_tokens, self.rule.order)


def spans_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two (start, end) spans share a position; a missing span overlaps nothing."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def same_evidence(c: Candidate, kept: Candidate) -> bool:
    """Two readings of the same evidence: the same cue, or the same actor, topic and polarity."""
    if spans_overlap(c.match.cue, kept.match.cue):
        return True
    return (c.actor, c.topic, c.polarity) == (kept.actor, kept.topic, kept.polarity)


def _cut_topic(c: Candidate, other: Candidate, tokens: Sequence[Token], lang: LanguageProfile) -> Candidate | None:
    """`c` with its topic ended before `other`'s cue, when the same actor's next stance sits
    inside it ("criticized X and praised Y"); None when nothing of the topic is left
    ("refused to endorse Y": the refusal is the negation of the endorsement, not a stance
    of its own)."""
    cue = other.match.cue
    if cue is None or not spans_overlap(c.actor, other.actor) or not (c.topic[0] <= cue[0] < c.topic[1]):
        return c
    cut = cue[0]
    while cut > c.topic[0] and (
        tokens[cut - 1].lower in lang.connectives or tokens[cut - 1].lower in lang.topic_bad_starts
    ):
        cut -= 1
    if cut <= c.topic[0]:
        return None
    return replace(c, topic=_trimmed(tokens, c.topic[0], cut, lang))


def most_specific_readings(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The first step of `resolve_overlaps`: of the candidates that read the same evidence
    (`same_evidence`), the most specific one, in rank order."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: c.rank):
        if not any(same_evidence(candidate, k) for k in kept):
            kept.append(candidate)
    return kept


def resolve_overlaps(
    candidates: Sequence[Candidate],
    tokens: Sequence[Token],
    lang: LanguageProfile,
    on_drop: Callable[[Candidate, Candidate | None], None] | None = None,
) -> list[Candidate]:
    """Keep the most specific reading of each piece of evidence (priority, literal tokens, rule
    order), then end each topic where the same actor's next stance begins.

    `on_drop(candidate, winner)` hears of each candidate dropped: `winner` read the same
    evidence, or is None when nothing of the topic was left once cut."""
    kept = most_specific_readings(candidates)
    if on_drop is not None:
        for candidate in candidates:
            if not any(candidate is k for k in kept):
                on_drop(candidate, next(k for k in kept if same_evidence(candidate, k)))
    final: list[Candidate] = []
    for candidate in kept:
        current: Candidate | None = candidate
        for other in kept:
            if current is None:
                break
            if other is not candidate:
                current = _cut_topic(current, other, tokens, lang)
        if current is not None:
            final.append(current)
        elif on_drop is not None:
            on_drop(candidate, None)
    return sorted(final, key=lambda c: ((c.match.cue or (c.match.start,))[0], c.actor, c.rule.order))


def _trimmed(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> tuple[int, int]:
    """A capture span without trailing commas, dashes, possessive marks or an unbalanced quote mark."""
    while end > start + 1 and tokens[end - 1].lower in _TRIM:
        end -= 1
    while start < end - 1 and tokens[start].lower in _TRIM:
        start += 1
    marks = [i for i in range(start, end) if tokens[i].text in lang.quote_marks]
    if len(marks) % 2 == 1:
        if marks[0] == start and end - start > 1:
            start += 1  # '" his remarks ... "closed shop"': the mark closed a quote before the topic
        elif marks[-1] == end - 1 and end - 1 > start:
            end -= 1
    while end > start + 1 and tokens[end - 1].lower in lang.coordinators:
        end -= 1  # "favoured the change and | ...": nothing of the topic follows the coordinator
    return start, end


def _quotes_closed_before(tokens: Sequence[Token], start: int, lang: LanguageProfile) -> bool:
    """Whether every quote opened before `start` was closed, so that a lone mark inside a
    topic opens a quote rather than closing one."""
    return sum(1 for t in tokens[:start] if t.text in lang.quote_marks) % 2 == 0


def _past_open_quote(tokens: Sequence[Token], start: int, end: int, opened: int, lang: LanguageProfile) -> int:
    """The end of a topic cut inside a quote it opened: past the closing mark ('a withdrawal
    "as soon as the situation | allows"'), or before the opening mark when the quote never
    closes in the sentence."""
    closing = next((k for k in range(end, len(tokens)) if tokens[k].text in lang.quote_marks), None)
    if closing is not None:
        return closing + 1
    return opened if opened > start else end


def _is_time_token(tokens: Sequence[Token], i: int, lang: LanguageProfile) -> bool:
    lower = tokens[i].lower
    if lower in lang.weekdays or lower in lang.months or lower in lang.time_units or lower in lang.time_words:
        return True
    if lower.isdigit():  # a year ("in 2030"), or a day after or before a month ("on June 5", "on 5 June")
        after = tokens[i + 1 : i + 4]  # "5 March", "4-6 March"
        before_month = next(
            (t.lower in lang.months for t in after if not (t.lower.isdigit() or t.text in "-\u2013")), False
        )
        day_of_month = (i > 0 and tokens[i - 1].lower in lang.months) or before_month
        return (len(lower) == 4 and lower[:2] in ("19", "20")) or day_of_month
    return False


def _rate_at(tokens: Sequence[Token], start: int, i: int, lang: LanguageProfile) -> bool:
    """Whether the time unit at `i` ends a rate after an amount ("$250,000 a year", "£3bn per
    month", "$8bn (£4.2bn) a year"): part of what the topic counts, not the time of the stance."""
    if i - 2 < start or tokens[i].lower not in lang.time_units or tokens[i - 1].lower not in lang.rate_words:
        return False
    k = i - 2
    if tokens[k].text == ")":
        k -= 1  # the amount's conversion in brackets
    while k > start and tokens[k].lower in lang.amount_magnitudes:
        k -= 1  # "$10 bn", "£3 million"
    return k >= start and any(c.isdigit() for c in tokens[k].text)


def _time_prefix(tokens: Sequence[Token], i: int, lang: LanguageProfile) -> bool:
    """Whether the word at `i` goes with the time words after it ("on", "last"; a count right
    before a time unit: "one day")."""
    lower = tokens[i].lower
    count = lower in lang.time_counts and i + 1 < len(tokens) and tokens[i + 1].lower in lang.time_units
    return lower in lang.time_prefixes or count


def _without_time(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> tuple[int, int]:
    """A topic span without time expressions at either end: "the zoning plan on Monday", "the
    treaty late last year", "Friday to set quotas" -> "the zoning plan", ..., "to set quotas"."""
    j = end
    while j > start and _is_time_token(tokens, j - 1, lang) and not _rate_at(tokens, start, j - 1, lang):
        k = j - 1
        while (
            k > start
            and (_is_time_token(tokens, k - 1, lang) or _time_prefix(tokens, k - 1, lang))
            and not _rate_at(tokens, start, k - 1, lang)
        ):
            k -= 1
        if k == j - 1 and tokens[k].lower in lang.time_units:
            break  # a bare "year" or "week" ends many noun phrases ("the fiscal year")
        j = k
        while j > start + 1 and (
            tokens[j - 1].lower in lang.dangling_prepositions or tokens[j - 1].lower in lang.coordinators
        ):
            j -= 1  # "doubling the fund by 2030" -> "doubling the fund", "X and later" -> "X"
    i = start
    while i < j - 1 and (_is_time_token(tokens, i, lang) and tokens[i].lower not in lang.time_units):
        i += 1
    return (i, j) if j > i else (start, end)


def _only_time(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether a topic is nothing but a time phrase ("protests every day", "campaigned against
    last week"): the verb took no object, so there is no stance to report."""
    span = range(start, end)
    return any(_is_time_token(tokens, k, lang) for k in span) and all(
        _is_time_token(tokens, k, lang) or tokens[k].lower in lang.time_prefixes for k in span
    )


#: The key of `REJECTIONS` for a match whose cue the rule's `unless:` pattern reads otherwise.
UNLESS = "unless"
#: Why a match gives no candidate finding, by the key `_rejection` returns.
REJECTIONS = {
    "no_actor": "the match captured no actor",
    "no_topic": "the match captured no topic",
    "time_only_topic": "its topic is only a time phrase ('protests every day'): the verb took no object",
    "adverb_only_topic": "its topic is only an adverb ('..., immediately drew criticism from')",
    "dangling_topic": "its topic ends on an article or a preposition ('stricter controls over'): it stops mid-phrase",
    "commerce_topic": "its topic is a deal, a verb of commerce after 'to' ('agreed to buy AT&T'): not a stance",
    UNLESS: "the rule's 'unless' pattern matches at its cue: the words are read in another sense",
    **WHY,
}


def explain_rejection(
    match: RawMatch, tokens: Sequence[Token], lang: LanguageProfile, options: RuleOptions = DEFAULT_OPTIONS
) -> tuple[str | None, tuple[str, str] | None]:
    """Why a match gives no candidate finding (no actor, no topic, a misreading of the words, a
    topic that is only a time phrase; a reading named as `options: {readings: ...}` names it),
    and the (slot, entry) of the language profile that made a reading drop it; (None, None)
    when the match gives a candidate."""
    actor, topic = _actor_and_topic(match)
    key = _rejection(match, tokens, actor, topic, lang, options.readings)
    if key is None:
        return None, None
    reason = f"{REJECTIONS[key]} (reading '{key}')" if key in READINGS else REJECTIONS[key]
    return reason, _culprit(key, match, tokens, actor, topic, lang)


def _culprit(key: str, match: RawMatch, tokens: Sequence[Token], actor, topic, lang: LanguageProfile):
    if key == "time_only_topic":
        for k in range(topic.start, topic.end):
            word = tokens[k].lower
            slot = next((s for s in _TIME_SLOTS if word in getattr(lang, s)), None)
            if slot is not None:
                return slot, word
        return None
    if key == "commerce_topic":
        return "commerce_verbs", tokens[topic.start].lower
    if key in WHY:
        return culprit(key, tokens, match, actor.end, lang)
    return None


def _actor_and_topic(match: RawMatch):
    return _capture(match, actor_capture_types(), "actor"), _capture(match, _TOPIC_TYPES, "topic")


def _rejection(
    match: RawMatch, tokens: Sequence[Token], actor, topic, lang: LanguageProfile, readings: frozenset[str]
) -> str | None:
    """A key of `REJECTIONS`, or None when the match gives a candidate finding."""
    if actor is None:
        return "no_actor"
    if topic is None:
        return "no_topic"
    if "dangling_topic" in readings and _dangles(tokens, _topic_span(tokens, topic, lang), lang):
        return "dangling_topic"
    if "commerce_topic" in readings and _a_deal(tokens, topic.start, topic.end, lang):
        return "commerce_topic"
    after_a_gap = match.cue is not None and topic.start > match.cue[1]
    if not after_a_gap:  # after "[any]{,3} {topic}" the rule itself chose where the topic starts
        if "time_only_topic" in readings and _only_time(tokens, topic.start, topic.end, lang):
            return "time_only_topic"
        if "adverb_only_topic" in readings and all(
            _adverb_or_be(tokens[k], lang) for k in range(topic.start, topic.end)
        ):
            return "adverb_only_topic"
    return misreading(tokens, match, actor.start, actor.end, lang, readings)


def _adverb_or_be(token: Token, lang: LanguageProfile) -> bool:
    """Whether a token of a topic names nothing a stance could be about: an adverb (by its
    form or one of the lone adverbs) or a form of "be" ("will | not be | supported by")."""
    return lang.is_adverb(token) or token.lower in lang.lone_adverbs or token.lower in lang.be_forms


def _a_deal(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> bool:
    """Whether a topic opens, after "to", with a verb of commerce ("agreed to buy AT&T"): a
    deal, not a stance."""
    return 0 < start < end and tokens[start - 1].lower == "to" and tokens[start].lower in lang.commerce_verbs


def _without_trailing_phrase(tokens: Sequence[Token], start: int, end: int, lang: LanguageProfile) -> int:
    """The end of a topic without an adverb of the clause after it ("liked the idea | too"),
    and without the comma that may stand before the adverb."""
    for phrase in lang.topic_trailing_phrases:
        size = len(phrase)
        if end - size > start and tuple(t.lower for t in tokens[end - size : end]) == phrase:
            return _trimmed(tokens, start, end - size, lang)[1]
    return end


def _topic_span(tokens: Sequence[Token], topic, lang: LanguageProfile) -> tuple[int, int]:
    """The token span a finding reports as its topic: the capture without time phrases at its
    ends, trailing punctuation or a quote it left open."""
    start, end = _trimmed(tokens, *_without_time(tokens, topic.start, topic.end, lang), lang)
    end = _without_trailing_phrase(tokens, start, end, lang)
    marks = [i for i in range(start, end) if tokens[i].text in lang.quote_marks]
    if len(marks) % 2 == 1 and marks[-1] > start and _quotes_closed_before(tokens, start, lang):
        end = _past_open_quote(tokens, start, end, marks[-1], lang)
    return start, end


def _dangles(tokens: Sequence[Token], span: tuple[int, int], lang: LanguageProfile) -> bool:
    """Whether a topic ends on a word that needs more after it ("stricter controls over |
    who ...", "to deceive the | returning officer"): the capture stopped mid-phrase. A word
    the sentence's words stop after is a particle ("we should move on."), left alone."""
    end = span[1]
    more_words = end < len(tokens) and tokens[end].text[:1].isalnum()
    return more_words and tokens[end - 1].lower in lang.topic_dangling_words


def _capture(match: RawMatch, capture_types: frozenset[str], preferred_name: str):
    """The capture that fills a finding field: the one named like the field, else the first of
    its types; a phrase capture (`{topic:NP}`) fills the field it is named after."""
    typed = [c for c in match.captures if c.type in capture_types or (c.phrase and c.name == preferred_name)]
    return next((c for c in typed if c.name == preferred_name), typed[0] if typed else None)


def actor_name(text: str, lang: LanguageProfile) -> str:
    """The display name of an actor mention: no leading article, no appositive."""
    name = text.split(",", 1)[0].strip()
    lowered = name.lower()
    for word in lang.articles:
        article = word + " "
        if lowered.startswith(article) and len(name) > len(article):
            return name[len(article) :]
    return name


#: Why `explain` says a finding was dropped for its holder (the `unresolved_holders` option).
UNRESOLVED_DROPPED = "dropped: its holder is left unresolved, and the rule says 'unresolved_holders: false'"


class Matcher:
    """Scans texts and documents with a compiled rule set.

    `prefilter=False` runs every rule on every sentence: slower, and the same findings; it
    exists so that this can be tested. `excerpts=True` reads each text as an excerpt of a
    document not given (rule examples and test cases): what only the whole document could show
    is taken as shown, so a rule of a discourse (the `discourse` option) is tried whatever the
    excerpt's words, and a holder left unresolved is kept (`unresolved_holders: false`), since the
    sentences it may refer back to are not there.
    """

    def __init__(
        self,
        compiled: CompiledRuleSet,
        *,
        prefilter: bool = True,
        notes: bool = False,
        tagger: Tagger | None = None,
        observer: Observer | None = None,
        excerpts: bool = False,
    ):
        self.compiled = compiled
        self.prefilter = prefilter
        #: The part-of-speech tagger for `[TAG]` tests and phrases; None: the one the rule set
        #: names, else the bundled one, loaded only when a sentence is first tagged.
        self.tagger = tagger
        self.stats = ScanStats()
        #: With `notes=True`, finding id -> the steps that named its actor, speaker and polarity.
        self.notes: dict[str, list[str]] | None = {} if notes else None
        #: Warnings about documents scanned (a sentence cut into pieces, text past the size
        #: cap), oldest first. Whoever reports them takes them (see `parallel.scan_one`).
        self.problems: list[InputProblem] = []
        #: Hears each step of the scan (see `engine.trace`); None: no event is made.
        self.observer = observer
        self.excerpts = excerpts
        #: The word sets the rules met so far require, numbered (see `RequirementIndex`).
        self._requirements = RequirementIndex()
        #: The rules tried only in documents of a discourse (the `discourse` option), by index.
        self._discourse_rules = (
            discourse_rules((i, rule.options) for i, rule in enumerate(compiled.rules)) if not excerpts else ()
        )

    def scan(self, source: str | Document, doc_id: str = "text") -> list[Finding]:
        """Findings in one text or document, in text order."""
        document = source if isinstance(source, Document) else Document(id=doc_id, text=source)
        return self.scan_document(document)

    def scan_documents(self, documents: Iterable[Document]) -> Iterator[Finding]:
        for document in documents:
            yield from self.scan_document(document)

    def trigger_hits(self, lowered: str) -> list[tuple[int, tuple[int, ...]]]:
        """(offset, rule indices) of every trigger word in the normalised document text."""
        return list(self.compiled.trigger_index.find(lowered))

    def candidate_rules(
        self, text: str, segmentation: Segmentation, hits: Iterable[tuple[int, tuple[int, ...]]] | None = None
    ) -> dict[int, frozenset[int]]:
        """Sentence index -> indices of the rules worth running on it (`hits`: the trigger
        words of `text`, when they have been looked up already).

        Sentences with the same rules share one set: a document of hundreds of thousands of
        sentences (a site dumped on one line) would otherwise hold a set for each, several
        times the size of its text. Hits come in text order, so a sentence's set is shared as
        soon as the next sentence is hit."""
        sentences = segmentation.sentences
        shared = _SharedSets()
        if not self.prefilter:
            every = shared(range(len(self.compiled.rules)))
            return dict.fromkeys(range(len(sentences)), every)
        if hits is None:
            hits = self.trigger_hits(normalise(text))
        starts, ends = sentences.starts, sentences.ends
        wanted: dict[int, frozenset[int]] = {}
        current, rules_of_current = -1, set()
        for offset, rules in hits:
            i = bisect.bisect_right(starts, offset) - 1
            if i < 0 or offset >= ends[i]:
                continue
            if i != current:
                if current >= 0:
                    wanted[current] = shared(rules_of_current)
                current, rules_of_current = i, set(wanted.get(i, ()))
            rules_of_current.update(rules)
        if current >= 0:
            wanted[current] = shared(rules_of_current)
        if self.compiled.untriggered:
            for i in range(len(sentences)):
                wanted[i] = shared(itertools.chain(wanted.get(i, ()), self.compiled.untriggered))
        return wanted

    def scan_document(self, document: Document) -> list[Finding]:
        text = _within_cap(document, self.problems)
        self.stats.documents += 1
        lowered = normalise(text) if self.prefilter else ""
        segmentation = segment(text, self.compiled.profile, max_cut_text_chars=MAX_CUT_TEXT_CHARS)
        self.stats.sentences += len(segmentation.sentences)
        if segmentation.cut_sentences:
            self.problems.append(_cut_warning(document, segmentation))
        if segmentation.unscanned:
            self.problems.append(_unscanned_warning(document, segmentation))
        # the hits are consumed as they are found: on a huge document the list of every
        # trigger word would outweigh the text
        spans = segmentation.scanned_spans(len(text)) if segmentation.unscanned else None
        found = self.compiled.trigger_index.find(lowered, spans=spans)
        first_hit = next(found, None)
        if self.prefilter and first_hit is None and not self.compiled.untriggered:
            return []  # no trigger word: no sentence is tokenised, no context is built
        hits = itertools.chain((first_hit,), found) if first_hit is not None else ()
        wanted = self.candidate_rules(text, segmentation, hits)
        del found, hits
        wanted = self._within_discourse(wanted, lowered or normalise(text))
        self.stats.candidate_sentences += len(wanted)
        context = DocumentContext(text, segmentation, self.compiled, document_day(document.date), lowered or None)
        resolver = FindingResolver(context, self.compiled, document.author, document.author_affiliation)
        # repeats are counted as sentences are scanned: a document that repeats itself
        # thousands of times (a page dumped with its boilerplate) holds each finding once
        repeats = RepeatCounter()
        for index in sorted(wanted):
            for finding in self._scan_sentence(document, segmentation, index, wanted[index], resolver):
                repeats.add(finding)
        self.stats.findings += len(repeats.findings)
        document_text = DocumentText(text, self.compiled)
        kept = document_keys(repeats.findings, self.compiled.profile)
        found = people_keys(kept, DocumentPeople(document_text, context))
        found = jurisdiction_keys(antecedent_keys(found, document_text), document_text)
        words = functools.cache(lambda: story_words(text))
        found = city_keys(found, words, self.compiled.actors, self.compiled.profile)
        return dictionary_people_keys(team_keys(found, words, self.compiled.profile), self.compiled)

    def _within_discourse(self, wanted: dict[int, frozenset[int]], lowered: str) -> dict[int, frozenset[int]]:
        """`wanted` without the rules whose discourse the document (`lowered`) does not hold."""
        if not self._discourse_rules:
            return wanted
        outside = rules_outside(self._discourse_rules, DocumentDiscourse(lowered))
        if not outside:
            return wanted
        shared = _SharedSets()
        kept = ((index, rules - outside) for index, rules in wanted.items())
        return {index: shared(rules) for index, rules in kept if rules}

    def _scan_sentence(
        self,
        document: Document,
        segmentation: Segmentation,
        index: int,
        rule_indices: frozenset[int],
        resolver: FindingResolver,
    ) -> list[Finding]:
        tokens = resolver.context.tokens(index)
        sentence = segmentation.sentences[index]
        observe = self.observer
        if observe is not None:
            tokens = tuple(tokens)
            observe(SentenceScanned(document, sentence, tokens, tuple(sorted(rule_indices))))
        if not tokens:
            return []
        context = self.sentence_context(tokens, segmentation, sentence)
        tests = TokenTests.of(context) if self.prefilter else None
        words = tests.lowers if tests is not None else None
        positions = tests.positions if tests is not None else {}
        present = positions.keys() if words is not None else None
        candidates: list[Candidate] = []
        rules = self.compiled.rules
        chosen = [(i, rules[i]) for i in sorted(rule_indices)]
        if present is not None:
            needed = [self._requirements.numbers_of(i, rule) for i, rule in chosen]
            cues_needed = [self._requirements.cue_numbers_of(i, rule) for i, rule in chosen]
            held = self._requirements.held(present)  # once every set the rules need has its number
        for k, (_, rule) in enumerate(chosen):
            last_start = None
            cues = rule.cues
            if present is not None:
                if rule.cue_requirements:
                    cues = _cues_allowed(cues, cues_needed[k], held)
                if (not cues and rule.cues) or not _words_allow(rule, needed[k], held, words, positions, context):
                    if observe is not None:
                        observe(RuleTried(sentence, rule, (), context))
                    continue
                if rule.requirements:
                    last_start = _last_start(rule.requirements, present, positions)
            matches: Iterable[RawMatch] = find_matches(
                rule.program,
                rule.entry,
                context,
                firsts=rule.firsts or None,
                last_start=last_start,
                anchor=rule.anchor,
                cues=cues if present is not None else (),
            )
            if observe is not None:
                matches = tuple(matches)
                observe(RuleTried(sentence, rule, matches, context))
            for match in matches:
                if rule.unless is not None and read_otherwise(rule, match, context):
                    if observe is not None:
                        observe(MatchRejected(sentence, rule, match, UNLESS))
                    continue
                candidate = self.candidate(rule, match, tokens)
                if observe is not None:
                    self._report_candidate(observe, sentence, rule, match, tokens, candidate)
                if candidate is not None:
                    candidates.append(candidate)
        on_drop = None
        if observe is not None:

            def on_drop(c: Candidate, winner: Candidate | None) -> None:
                observe(CandidateDropped(sentence, c, winner))

        findings = []
        for c in resolve_overlaps(candidates, tokens, self.compiled.profile, on_drop):
            made = self._finding(document, segmentation, sentence, tokens, c, resolver)
            if made.actor.unresolved and not (c.rule.options.unresolved_holders or self.excerpts):
                if observe is not None:
                    observe(CandidateDropped(sentence, c, None, why=UNRESOLVED_DROPPED))
                continue
            for read in by_concept(made, tokens, self.compiled.topics, self.compiled.profile):
                finding = keyed_by_rules(read, self.compiled)
                if read.topic.start == tokens[c.topic[0]].start:
                    referred = resolver.topic_actor(sentence.index, tokens, c.topic[0], made.actor.name)
                    finding = keyed_as_actor(finding, referred, self.compiled)
                if observe is not None:
                    observe(FindingMade(sentence, c, finding))
                findings.append(finding)
        if observe is None:
            context.release_phrases()
        return findings

    def _report_candidate(
        self,
        observe: Observer,
        sentence: Sentence,
        rule: CompiledRule,
        match: RawMatch,
        tokens: Sequence[Token],
        candidate: Candidate | None,
    ) -> None:
        """Tell the observer what became of one match: a candidate, or the reason it is none."""
        if candidate is not None:
            observe(CandidateFound(sentence, candidate, tuple(tokens)))
            return
        actor, topic = _actor_and_topic(match)
        reason = _rejection(match, tokens, actor, topic, self.compiled.profile, rule.options.readings)
        observe(MatchRejected(sentence, rule, match, reason or ""))

    def sentence_context(
        self, tokens: Sequence[Token], segmentation: Segmentation | None = None, sentence: Sentence | None = None
    ) -> SentenceContext:
        """A fresh context for one sentence: rules tried on it share its tags and phrases, and
        its extractors see the quotes of `segmentation` that overlap `sentence` (none without)."""
        quotes = segmentation.quotes_within(sentence.start, sentence.end) if segmentation and sentence else ()
        return SentenceContext(
            tokens,
            quotes,
            tagger=self.tagger,
            phrase_types=self.compiled.phrases,
            tagger_name=self.compiled.tagger,
            profile=self.compiled.profile,
        )

    def candidate(self, rule: CompiledRule, match: RawMatch, tokens: Sequence[Token]) -> Candidate | None:
        """The finding-to-be of one match of `rule` on `tokens` (captures trimmed, polarity
        modifiers applied), before overlap resolution; None when a reading drops the match
        (`explain_rejection` says why)."""
        lang = self.compiled.profile
        actor, topic = _actor_and_topic(match)
        if _rejection(match, tokens, actor, topic, lang, rule.options.readings) is not None:
            return None
        mods = modifiers(tokens, match, rule.polarity, lang, rule.options)
        return Candidate(
            rule,
            match,
            _trimmed(tokens, actor.start, actor.end, lang),
            _topic_span(tokens, topic, lang),
            mods.polarity,
            mods.negated,
            mods.modality,
            mods.triggers,
            mods.sources,
        )

    def _finding(
        self,
        document: Document,
        segmentation: Segmentation,
        sentence: Sentence,
        tokens: Sequence[Token],
        c: Candidate,
        resolver: FindingResolver,
    ) -> Finding:
        text = document.text
        cue = None
        if c.match.cue:
            start, end = tokens[c.match.cue[0]].start, tokens[c.match.cue[1] - 1].end
            cue = TextSpan(text[start:end], start, end)
        anchor = cue.start if cue else tokens[c.actor[0]].start
        quote = resolver.context.quote_index_at(anchor)
        options = c.rule.options
        speaker = None
        if options.speakers:
            speaker = resolver.speaker(sentence.index, quote, c.match.start, c.match.end, c.actor[0])
        actor = resolver.actor(
            sentence.index,
            tokens,
            *c.actor,
            speaker,
            quote is not None,
            options.resolve_pronouns,
            named_only=not options.unresolved_holders,
        )
        topic = resolver.topic(sentence.index, tokens, *c.topic, c.actor[0])
        sentence_span = TextSpan(sentence.text, sentence.start, sentence.end)
        rule = RuleRef(c.rule.id, c.rule.file, c.rule.line)
        finding_key = finding_id(document.id, sentence_span, rule.id, actor, topic)
        if self.notes is not None:
            self.notes[finding_key] = resolution_notes(
                c, actor, speaker, quote is not None, self.compiled.profile_sources
            )
        return Finding(
            id=finding_key,
            doc=document.id,
            date=document.date,
            sentence=sentence_span,
            actor=actor,
            topic=topic,
            polarity=c.polarity,
            kind=c.rule.kind,
            negated=c.negated,
            hedged=c.modality != "asserted",
            modality=c.modality,
            quoted=quote is not None,
            speaker=resolver.speaker_ref(speaker),
            rule=rule,
            ruleset=self.compiled.hash,
            cue=cue,
        )


def read_otherwise(rule: CompiledRule, match: RawMatch, context: SentenceContext) -> bool:
    """Whether the rule's `unless:` pattern matches at the match's cue: the cue's words are
    read in another sense there ("agreed | a new deal"), and the match gives no finding."""
    if rule.unless is None or match.cue is None:
        return False
    program, entry, firsts = rule.unless
    return matches_at(program, entry, context, match.cue[0], firsts)


def _words_allow(
    rule: CompiledRule,
    needed: Needed,
    held: set[int],
    words: Sequence[str],
    positions: Mapping[str, list[int]],
    context: SentenceContext,
) -> bool:
    """Whether a sentence holds what every match of `rule` holds: a word of each required set
    and of each set of one option of each of the rule's choices (`needed`: their numbers;
    `held`: those the sentence holds, see `RequirementIndex`), and each pair of neighbours; one
    missing, no match. Asked of every rule a sentence's words name, so written as plain loops."""
    numbers, choices = needed
    for number in numbers:
        if number not in held:
            return False
    for choice in choices:
        if not any(_all_held(option, held) for option in choice):
            return False
    return not rule.neighbours or all(neighbours_present(pair, words, positions, context) for pair in rule.neighbours)


def _cues_allowed(cues: tuple[int, ...], needed: tuple[tuple[int, ...], ...], held: set[int]) -> tuple[int, ...]:
    """The cues of those alternatives of a rule whose required word sets the sentence holds
    (`needed`: their numbers, per cue); none: no alternative can match."""
    return tuple(pc for pc, numbers in zip(cues, needed, strict=True) if _all_held(numbers, held))


def _all_held(numbers: tuple[int, ...], held: set[int]) -> bool:
    for number in numbers:  # noqa: SIM110 - a loop makes no generator per call
        if number not in held:
            return False
    return True


def _last_start(
    requirements: Sequence[frozenset[str]], present: KeysView[str], positions: Mapping[str, list[int]]
) -> int:
    """Where a match starts at the latest: no match starts after the last word of any
    required set (all of which the sentence holds)."""
    latest = -1
    for words_of in requirements:
        last = max(positions[w][-1] for w in words_of.intersection(present))
        if latest < 0 or last < latest:
            latest = last
    return latest


class _SharedSets:
    """One frozenset for each distinct set of rule indices it is given."""

    def __init__(self) -> None:
        self._sets: dict[frozenset[int], frozenset[int]] = {}

    def __call__(self, indices: Iterable[int]) -> frozenset[int]:
        key = frozenset(indices)
        return self._sets.setdefault(key, key)


def _within_cap(document: Document, problems: list[InputProblem]) -> str:
    """The text of `document` that is scanned: all of it, or up to a line break or space near
    `limits.MAX_DOCUMENT_CHARS` (said in a warning)."""
    text = document.text
    if len(text) <= MAX_DOCUMENT_CHARS:
        return text
    cut = max(
        text.rfind("\n", MAX_DOCUMENT_CHARS // 2, MAX_DOCUMENT_CHARS),
        text.rfind(" ", MAX_DOCUMENT_CHARS // 2, MAX_DOCUMENT_CHARS),
    )
    cut = cut if cut > 0 else MAX_DOCUMENT_CHARS
    problems.append(
        InputProblem(
            _where(document),
            f"longer than the cap of {MAX_DOCUMENT_CHARS:,} characters: only its first {cut:,} characters"
            f" of {len(text):,} were scanned",
            skipped=False,
        )
    )
    return text[:cut]


def _cut_warning(document: Document, segmentation: Segmentation) -> InputProblem:
    count = len(segmentation.cut_sentences)
    return InputProblem(
        _where(document),
        f"{count} sentence{'s' if count > 1 else ''} longer than {MAX_SENTENCE_CHARS:,} characters"
        f" (the first at character {segmentation.cut_sentences[0]:,}) scanned in pieces cut at line breaks,"
        " punctuation or spaces: no finding spans two pieces",
        skipped=False,
    )


def _unscanned_warning(document: Document, segmentation: Segmentation) -> InputProblem:
    unscanned = segmentation.unscanned
    chars = sum(end - start for start, end in unscanned)
    return InputProblem(
        _where(document),
        f"{chars:,} characters of text without a sentence end (from character {unscanned[0][0]:,}) were not"
        f" scanned: a document's sentences longer than {MAX_SENTENCE_CHARS:,} characters are scanned up to"
        f" {MAX_CUT_TEXT_CHARS:,} characters in all, its other sentences whole",
        skipped=False,
    )


def _where(document: Document) -> str:
    """How a warning names a document: its source (a file, a JSONL line), else its id."""
    if document.source is None:
        return document.id
    return document.source


def resolution_notes(
    c: Candidate, actor, speaker, quoted: bool, sources: Mapping[tuple[str, str], str] | None = None
) -> list[str]:
    """The steps from a match to its finding, in words, for `stancekit explain`; `sources`
    (where each language entry is written) lets a negation or hedge be traced to its entry."""
    notes = []
    options = c.rule.options.changed()
    if options:
        notes.append("rule options: " + ", ".join(f"{k}: {v}" for k, v in options.items()))
    if speaker is not None:
        where = "the quote the cue stands in" if quoted else "the reported speech"
        how = f" ({speaker.how})" if speaker.how else ""
        notes.append(f"speaker of {where}: {speaker.text!r} = {speaker.referent.name}{how}")
    if actor.via == "speaker":
        notes.append(f"actor {actor.text!r} is a first person in a quote: the speaker, {actor.name}")
    elif actor.via == "pronoun":
        notes.append(f"actor {actor.text!r} refers back to {actor.name}")
    elif actor.via == "author":
        notes.append(f"actor {actor.text!r} is a first person outside quotes: the document's author, {actor.name}")
    elif actor.via == "unresolved":
        notes.append(f"actor {actor.text!r} is unresolved: nothing names who it is, so it has no name")
    elif actor.via == "dictionary":
        notes.append(f"actor {actor.text!r} is {actor.name} ({actor.id}) in the actor dictionary")
    elif actor.name != actor.text:
        notes.append(f"actor {actor.text!r} is named {actor.name}" + (f" ({actor.id})" if actor.id else ""))
    if actor.affiliations:
        notes.append("affiliations: " + " > ".join(a.name for a in actor.affiliations))
    if c.negated:
        notes.append(f"negated by {_entries(c, sources)}: {c.rule.polarity} becomes {c.polarity}")
    if c.modality != "asserted":
        notes.append(f"modality {c.modality}" + (f" ({_entries(c, sources)})" if c.triggers and not c.negated else ""))
    elif c.triggers and not c.negated:
        notes.append(f"negations cancel out: {_entries(c, sources)}")
    return notes


def _entries(c: Candidate, sources: Mapping[tuple[str, str], str] | None) -> str:
    """Each trigger of a candidate with the list it is an entry of and where that entry is
    written: "n't (language.negations, rules/en/language/negation.yaml:9)"."""
    shown = []
    for k, word in enumerate(c.triggers):
        source = c.trigger_sources[k] if k < len(c.trigger_sources) else ""
        if not source:
            shown.append(repr(word))
            continue
        if source.startswith("@"):
            lists = (c.rule.options.negations, c.rule.options.hedges)
            where = next((w for w in lists if w and w.source == source), None)
            shown.append(f"{word!r} ({source}" + (f", {where.where})" if where and where.where else ")"))
            continue
        where = (sources or {}).get((source, word))
        shown.append(f"{word!r} (language.{source}" + (f", {where})" if where else ")"))
    return ", ".join(shown)


def count_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per repeated sentence: a paragraph printed twice gives one finding whose
    `count` says how often it was seen (the first occurrence's offsets are kept)."""
    repeats = RepeatCounter()
    for finding in findings:
        repeats.add(finding)
    return repeats.findings


class RepeatCounter:
    """`count_repeats`, fed one finding at a time, in text order.

    A sentence is known by a digest of its words, made once per sentence: keys holding each
    finding's sentence text took more memory than the text of a large document itself. Only
    the digest of the last sentence is kept for the findings after it: findings come in text
    order, and one kept for every sentence with a finding grew with the document."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._kept: dict[tuple, int] = {}
        self._last_sentence: tuple[str, int] | None = None
        self._last_digest = b""

    def add(self, finding: Finding) -> None:
        sentence = finding.sentence
        if self._last_sentence != (finding.doc, sentence.start):
            words = " ".join(sentence.text.split()).encode("utf-8", "surrogatepass")
            self._last_sentence = (finding.doc, sentence.start)
            self._last_digest = hashlib.blake2b(words, digest_size=16).digest()
        digest = self._last_digest
        key = (
            digest,
            finding.rule.id,
            finding.actor.start - sentence.start,
            finding.topic.start - sentence.start,
            finding.polarity,
        )
        first = self._kept.get(key)
        if first is not None:
            self.findings[first] = replace(self.findings[first], count=self.findings[first].count + 1)
            return
        self._kept[key] = len(self.findings)
        self.findings.append(finding)
