"""Rule coverage: which rules are untested, which never fire, and which are shadowed.

`stancekit test --coverage [--corpus PATH]` reports, for the rules under test:

- rules **without examples** (no example that expects a finding; todo ones do not count);
- rules that **never fire**: no finding of theirs on their own examples, or (with a corpus)
  on the corpus;
- rules **shadowed** by others: they match, but every one of their matches is removed by
  overlap resolution in favour of another rule, on their own examples or on the corpus;
- with a corpus, the **concepts** no finding states and the **dictionary entries** that never
  fire: actors no finding is held by, topic entries that name no finding's topic (an entry that
  lists statements of a concept fires when it matches in a finding's topic, its own id unseen).

Method. A rule "matches" a sentence when its pattern matches there and the match becomes a
candidate finding (it has an actor and a topic and is not a passive reading): what the rule
would report if it were the only rule. It "fires" when one of its findings survives overlap
resolution in a scan with the full rule set: what it reports in a real scan. Both come from
one scan of each text with the full rule set: the ordinary `Matcher`, whose match trace
(`engine.trace`) names every candidate it builds, so nothing is matched twice and the findings
are exactly those of a scan. A rule that matches somewhere and fires nowhere is shadowed;
the rules whose findings took its words (the same cue, or a cue inside its topic) are named
as the ones shadowing it. Examples are scanned one by one, as `stancekit test` does; a
corpus is read like `stancekit scan` reads it (folders, JSONL, CSV).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.dsl.loader import RuleSet
from stancekit.engine.matcher import Matcher, spans_overlap
from stancekit.engine.trace import CandidateFound, TraceEvent
from stancekit.findings import Finding
from stancekit.text.documents import Document
from stancekit.text.tokens import tokenize

#: Rules listed by name in a section of the text report before it says "and N more".
MAX_LISTED = 40


class _CandidateRecorder:
    """Scans with a `Matcher` and keeps, from its trace, every candidate finding of the
    document scanned, with the character spans of its cue and topic."""

    def __init__(self, compiled: CompiledRuleSet):
        self.matcher = Matcher(compiled, observer=self._hear, excerpts=True)
        self.candidates: list[tuple[str, tuple[int, int] | None, tuple[int, int]]] = []

    def _hear(self, event: TraceEvent) -> None:
        if not isinstance(event, CandidateFound):
            return
        candidate, tokens = event.candidate, event.tokens
        cue = None
        if candidate.match.cue is not None:
            cue = (tokens[candidate.match.cue[0]].start, tokens[candidate.match.cue[1] - 1].end)
        topic = (tokens[candidate.topic[0]].start, tokens[candidate.topic[1] - 1].end)
        self.candidates.append((candidate.rule.id, cue, topic))

    def scan_recording(self, document: Document) -> tuple[list[Finding], list]:
        self.candidates = []
        findings = self.matcher.scan_document(document)
        return findings, self.candidates


@dataclass
class RuleUse:
    """What one rule did on its examples or on the corpus."""

    matched: int = 0  # texts (examples, or documents of the corpus) where it matched
    fired: int = 0  # findings it reported
    lost_to: Counter = field(default_factory=Counter)  # rule id -> matches it lost to that rule

    @property
    def shadowed(self) -> bool:
        return self.matched > 0 and self.fired == 0


@dataclass(frozen=True)
class DictionaryUse:
    """The concepts and dictionary entries that never fired on a corpus, in dictionary order."""

    concepts: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    rules: tuple[str, ...]
    without_examples: tuple[str, ...]
    on_examples: dict[str, RuleUse]
    on_corpus: dict[str, RuleUse] | None
    corpus_documents: int = 0
    #: With a corpus: what of the dictionaries never fired on it.
    unused_entries: DictionaryUse | None = None

    def never_fire_on_examples(self) -> list[str]:
        """Rules with examples, none of which gives them a finding."""
        return [r for r in self.rules if r not in self.without_examples and not self.on_examples[r].fired]

    def never_fire_on_corpus(self) -> list[str]:
        if self.on_corpus is None:
            return []
        return [r for r in self.rules if not self.on_corpus[r].fired]

    def shadowed(self, uses: dict[str, RuleUse] | None) -> list[tuple[str, RuleUse]]:
        if uses is None:
            return []
        return [(r, uses[r]) for r in self.rules if uses[r].shadowed]

    def to_dict(self) -> dict:
        def shadow_list(uses):
            return [
                {"rule": r, "matched": use.matched, "shadowed_by": dict(use.lost_to.most_common())}
                for r, use in self.shadowed(uses)
            ]

        found = {
            "rules": len(self.rules),
            "without_examples": list(self.without_examples),
            "never_fire_on_examples": self.never_fire_on_examples(),
            "shadowed_on_examples": shadow_list(self.on_examples),
        }
        if self.on_corpus is not None:
            found["corpus_documents"] = self.corpus_documents
            found["never_fire_on_corpus"] = self.never_fire_on_corpus()
            found["shadowed_on_corpus"] = shadow_list(self.on_corpus)
            found["findings_on_corpus"] = {r: self.on_corpus[r].fired for r in self.rules}
        if self.unused_entries is not None:
            found["concepts_never_stated_on_corpus"] = list(self.unused_entries.concepts)
            found["topic_entries_never_fire_on_corpus"] = list(self.unused_entries.topics)
            found["actor_entries_never_fire_on_corpus"] = list(self.unused_entries.actors)
        return found

    def report(self) -> list[str]:
        """The coverage section of the text report."""
        lines = [f"coverage of {len(self.rules)} rules:"]
        lines.extend(_section("without examples", list(self.without_examples)))
        lines.extend(_section("never fire on their examples", self.never_fire_on_examples()))
        lines.extend(_shadow_section("shadowed on their examples", self.shadowed(self.on_examples)))
        if self.on_corpus is not None:
            lines.extend(
                _section(f"never fire on the corpus ({self.corpus_documents} documents)", self.never_fire_on_corpus())
            )
            lines.extend(_shadow_section("shadowed on the corpus", self.shadowed(self.on_corpus)))
        if self.unused_entries is not None:
            lines.extend(_section("concepts no finding on the corpus states", self.unused_entries.concepts))
            lines.extend(_section("topic entries that never fire on the corpus", self.unused_entries.topics))
            lines.extend(_section("actor entries that never fire on the corpus", self.unused_entries.actors))
        return lines


def _section(title: str, rules: Sequence[str]) -> list[str]:
    if not rules:
        return [f"  {title}: none"]
    shown = ", ".join(rules[:MAX_LISTED]) + (f" and {len(rules) - MAX_LISTED} more" if len(rules) > MAX_LISTED else "")
    return [f"  {title} ({len(rules)}): {shown}"]


def _shadow_section(title: str, shadowed: Sequence[tuple[str, RuleUse]]) -> list[str]:
    if not shadowed:
        return [f"  {title}: none"]
    lines = [f"  {title} ({len(shadowed)}):"]
    for rule, use in shadowed[:MAX_LISTED]:
        winners = ", ".join(f"{r} ({n}x)" for r, n in use.lost_to.most_common()) or "overlap resolution"
        times = "once" if use.matched == 1 else f"{use.matched} times"
        lines.append(f"    {rule}: matched {times}, always lost to {winners}")
    return lines


def _tally(uses: dict[str, RuleUse], findings: Sequence[Finding], candidates: Iterable) -> None:
    """Count one text's candidates and findings into `uses` (rules not in it are ignored)."""
    kept = Counter(f.rule.id for f in findings)
    for rule_id, n in kept.items():
        if rule_id in uses:
            uses[rule_id].fired += n
    matched: dict[str, list] = {}
    for rule_id, cue, topic in candidates:
        matched.setdefault(rule_id, []).append((cue, topic))
    for rule_id, spans in matched.items():
        if rule_id not in uses:
            continue
        uses[rule_id].matched += 1
        if kept[rule_id]:
            continue
        for cue, topic in spans:
            for finding in findings:
                if finding.cue is None or finding.rule.id == rule_id:
                    continue
                at = (finding.cue.start, finding.cue.end)
                if spans_overlap(cue, at) or spans_overlap(topic, at):
                    uses[rule_id].lost_to[finding.rule.id] += 1
                    break


def measure(ruleset: RuleSet, compiled: CompiledRuleSet, corpus: Iterable[Document] | None = None) -> Coverage:
    """Coverage of every rule of `ruleset` on its own examples and on `corpus` (if any)."""
    matcher = _CandidateRecorder(compiled)
    rules = tuple(r.id for r in ruleset.rules)
    without = tuple(r.id for r in ruleset.rules if not any(not e.counter and e.todo is None for e in r.examples))
    on_examples = {r: RuleUse() for r in rules}
    for rule in ruleset.rules:
        own = {rule.id: on_examples[rule.id]}
        for example in rule.examples:
            if example.counter:
                continue
            findings, candidates = matcher.scan_recording(
                Document(id=f"{rule.id}@{example.location.line}", text=example.text)
            )
            _tally(own, findings, candidates)
    on_corpus = None
    unused = None
    documents = 0
    if corpus is not None:
        on_corpus = {r: RuleUse() for r in rules}
        fired = _FiredEntries(compiled)
        for document in corpus:
            documents += 1
            findings, candidates = matcher.scan_recording(document)
            _tally(on_corpus, findings, candidates)
            fired.add(findings)
        unused = fired.unused(ruleset)
    return Coverage(rules, without, on_examples, on_corpus, documents, unused)


class _FiredEntries:
    """The actor and topic entries the findings of a corpus came from, and the concepts they state."""

    def __init__(self, compiled: CompiledRuleSet):
        self.compiled = compiled
        self.actors: set[str] = set()
        self.topics: set[str] = set()

    def add(self, findings: Iterable[Finding]) -> None:
        index = self.compiled.topics
        for finding in findings:
            if finding.actor.id:
                self.actors.add(finding.actor.id)
            if finding.topic.id:
                self.topics.add(finding.topic.id)
            if index:
                # every entry that matches in the topic: one listing statements of a concept
                # is counted under the concept's id in the finding
                tokens = tokenize(finding.topic.text, profile=self.compiled.profile)
                self.topics.update(m.id for m in index.distinct(index.matches(tokens, finding.topic.text)))

    def unused(self, ruleset: RuleSet) -> DictionaryUse:
        index = self.compiled.topics
        stated = {index.concept(topic_id) for topic_id in self.topics}
        concepts = [t.id for t in ruleset.topics if t.id in index.agreements and t.id not in index.concept_of]
        return DictionaryUse(
            concepts=tuple(c for c in concepts if c not in stated),
            topics=tuple(t.id for t in ruleset.topics if t.id not in self.topics),
            actors=tuple(a.id for a in ruleset.actors if a.id not in self.actors),
        )
