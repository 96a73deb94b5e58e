"""From a match to a finding: the actor named (through quotes, pronouns and the actor
dictionary), the speaker, the topic's dictionary entry.

The actor of a finding keeps its mention's own text and offsets ("We", "he") and gets the
name of who that mention turned out to be:

- a first person inside a quote is the quote's speaker (`via: speaker`), and "we" carries the
  speaker's affiliations (John Kirby, of the National Security Council, of the United States);
- "he", "she", "they", "it" and possessives ("its support") resolve to the most recent
  compatible mention (`via: pronoun`), "who"/"which" to the phrase before them;
- a short name ("Mr Kirby") takes the full name of an earlier mention;
- a name the actor dictionary knows gets its id and canonical name (`via: dictionary` when the
  dictionary supplied the name, as for "the Kremlin");
- a first person outside quotes ("I", "we", "my organisation") in a document whose author is
  known (testimony, a speech, an op-ed; `scan --speaker-field`) is that author (`via: author`);
- a pronoun or first person that nothing resolves, and a phrase it owns ("its report", "my
  committee", "whose party"), is `via: unresolved` with no name: a bare pronoun is no name, and
  a guess would be a wrong one.

When the topic dictionary holds concepts (entries that state `agreement`), `by_concept` makes
a finding once per concept its topic states, with the finding's agreement with each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from stancekit import registry
from stancekit.compiler.dictionaries import TopicIndex, TopicMatch
from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.engine.attribution import DocumentContext, Mention
from stancekit.engine.captures import noun_phrase_before
from stancekit.engine.mentions import PERSON, Referent, compatible, describe, join
from stancekit.engine.profile import LanguageProfile
from stancekit.findings import ActorRef, Affiliated, Finding, SpeakerRef, TextSpan, TopicRef, finding_id
from stancekit.text.tokens import Token, tokenize


def document_day(value: str | None) -> date | None:
    """The date of a document, when its date field starts with an ISO date."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class FindingResolver:
    """Names the actor, the speaker and the topic of the findings of one document."""

    def __init__(
        self,
        context: DocumentContext,
        compiled: CompiledRuleSet,
        author: str | None = None,
        author_affiliation: str | None = None,
    ):
        self.context = context
        self.compiled = compiled
        #: who wrote or spoke the document, when its metadata says: the "I" outside quotes,
        #: and the body that author speaks for
        self.author = author
        self.author_affiliation = author_affiliation

    def speaker(
        self, sentence: int, quote: int | None, match_start: int, match_end: int, actor_start: int
    ) -> Mention | None:
        if quote is not None:
            return self.context.speaker_of_quote(quote)
        return self.context.reporter(sentence, match_start, match_end, actor_start)

    def actor(
        self,
        sentence: int,
        tokens: Sequence[Token],
        start: int,
        end: int,
        speaker: Mention | None,
        quoted: bool,
        resolve_pronouns: bool = True,
        named_only: bool = False,
    ) -> ActorRef:
        """The holder of a finding: its mention and who that is. A pronoun or first person with
        nothing to resolve it to, or a phrase owned by one ("its report", "whose party"), is
        `unresolved`: its name is None rather than the pronoun or a guess. With `named_only`
        (a rule that wants its holders named), so is a holder that ends up a definite
        description nothing names ("the party", "the prime minister", a "he" that refers back
        to one): the story means someone, and the finding cannot say whom."""
        context = self.context
        lang = self.compiled.profile
        mention = context.mention(sentence, start, end)
        start = min(start, mention.start)  # a dictionary name the capture caught the tail of
        word = tokens[start].lower if end - start == 1 else ""
        via = "mention"
        if end - start == 1 and tokens[start].text in lang.quote_marks:
            mention, via = self._quote_speaker(mention, speaker if quoted else None, resolve_pronouns)
        elif word in lang.first_person:
            owner = context.owner(speaker) if quoted and speaker is not None and resolve_pronouns else None
            if owner is not None:
                mention, via = owner, "speaker"  # '"We ...," says its report': the body it refers to
            elif quoted and speaker is not None:
                # a speaker that is itself an unresolved pronoun ('"I ...," she said') names no one,
                # nor one owned by an unresolved pronoun ("its report")
                owned = _owned_by_pronoun(speaker.text, lang)
                mention, via = speaker, "unresolved" if speaker.referent.kind == "pronoun" or owned else "speaker"
            elif mention.referent.id is None:  # "US" outside a quote is the dictionary's, not "us"
                via = "unresolved"
        elif word in lang.relative_pronouns:
            via = "unresolved"
            antecedent = context.relative_antecedent(sentence, start) if resolve_pronouns else None
            if antecedent is not None:
                mention, via = antecedent, "pronoun"
        elif word in lang.possessive_pronouns or word in lang.third_person:
            via = "unresolved"
            if resolve_pronouns:
                pronoun = lang.possessive_subjects.get(word, word)
                resolved = context.resolve(_as_pronoun(mention, pronoun))
                if resolved.via == "pronoun":
                    mention, via = resolved, "pronoun"
        elif end - start > 1 and mention.referent.id is None and _owned_by_pronoun(mention.referent.name, lang):
            # "its report", "my committee", "whose party": the owner is not named (but "his
            # opponent, Rep. Alan Grayson" is named by the appositive), unless the owner's
            # party or body is known ("his party" of a Labour MP)
            via = "unresolved"
            body = context.owned_body(sentence, start, end) if resolve_pronouns else None
            if body is not None:
                mention, via = body, "pronoun"
        elif resolve_pronouns and (body := context.owned_body(sentence, start, end)) is not None:
            mention, via = body, "pronoun"  # "party" of "his party's calls"
        elif resolve_pronouns:
            mention = context.resolve(mention)
        referent = mention.referent
        if via == "mention" and referent.id is not None and _named_by_dictionary(referent, tokens, start, end):
            via = "dictionary"
        if referent.id is None and via == "mention":
            named = _by_plugin("actor", mention.text)
            if named is not None:
                referent, via = replace(referent, name=named[0], id=named[1]), "plugin"
        if named_only and via != "unresolved":
            principal = self._principal(referent)
            if principal is not None:
                referent = principal  # "a Home Office spokeswoman said ...": the Home Office
            elif self._names_no_one(referent, tokens, start, end):
                via = "unresolved"
        if via in ("mention", "dictionary") and self._where_not_who(referent, tokens, start):
            via = "unresolved"
        unresolved = via == "unresolved"
        holder = ActorRef(
            text=context.text[tokens[start].start : tokens[end - 1].end],
            start=tokens[start].start,
            end=tokens[end - 1].end,
            name=None if unresolved else referent.name,
            id=None if unresolved else referent.id,
            via=via,
            type=referent.kind,
            affiliations=self._affiliated(referent),  # from the text: "her Republican rivals"
        )
        return self._authored(holder, quoted)

    def _principal(self, referent: Referent) -> Referent | None:
        """The body an unnamed spokesperson speaks for, named with them ("Department of
        Homeland Security" of "a Department of Homeland Security spokeswoman", "Home Office" of
        "a spokesman for the Home Office", "Lib Dems" of "the Lib Dems' Treasury spokesman"):
        the capitalised words before the noun for a spokesperson, up to an owner's mark, else
        those after "for" it; None for a named person or a spokesperson of no named body."""
        lang = self.compiled.profile
        if referent.id is not None or (referent.kind == PERSON and referent.surname is not None):
            return None
        words = referent.name.split()
        at = next((k for k, w in enumerate(words) if w.lower() in lang.spokesperson_words), None)
        if at is None:
            return None
        before = [k for k in range(at) if words[k][:1].isupper()]
        after = [k for k in range(at + 2, len(words)) if words[k][:1].isupper()]
        if before:
            body = words[before[0] : before[-1] + 1]
            owner = next((k for k, w in enumerate(body) if w.endswith(("'s", "'"))), None)
            if owner is not None:  # "the Lib Dems' Treasury spokesman": the party's, not the Treasury's
                body = [*body[:owner], body[owner].removesuffix("'s").removesuffix("'")]
        elif after and words[at + 1].lower() in lang.appositive_links:
            body = words[after[0] : after[-1] + 1]
        else:
            return None
        name = " ".join(body)
        tokens = tokenize(name, 0, len(name), lang)
        named = describe(tokens, 0, len(tokens), self.compiled.actors, self.context.day, lang)
        return named if named.kind != PERSON else None

    def _names_no_one(self, referent: Referent, tokens: Sequence[Token], start: int, end: int) -> bool:
        """Whether a resolved holder is only a definite description of its kind (see
        `Referent.unnamed`), what is written rather than who writes it ("the Children Bill",
        "the report"), or a body noun owned by a pronoun that named no body ("party" of "his
        party's plan")."""
        if referent.id is not None or referent.surname is not None:
            return False
        lang = self.compiled.profile
        words = referent.name.lower().split()
        written = referent.kind != PERSON and bool(words) and words[-1] in lang.document_heads
        if referent.unnamed or written:
            return True
        owned = start > 0 and end - start == 1 and tokens[start - 1].lower in lang.possessive_pronouns
        return owned and tokens[start].lower in lang.body_kinds

    def _where_not_who(self, referent: Referent, tokens: Sequence[Token], start: int) -> bool:
        """Whether a holder that is no person is the object of a preposition of place, perhaps
        after one lower-case word ("homes in south Wales opposing the plan", "a station in the
        US has refused"): the words say where the stance was taken; the phrase the preposition
        hangs on took it. A person there still may hold it ("interested in Ana Ruiz opposing
        the plan"), and so may a pronoun resolved to anyone and a share of voters ("followed by
        Reyes at 22 percent")."""
        lang = self.compiled.profile
        if referent.kind in (PERSON, "pronoun") or start == 0 or tokens[start].lower in lang.third_person:
            return False
        if tokens[start].is_number or tokens[start].text.endswith("%"):
            return False  # a share of voters: "followed by Reyes at 22 percent", "resulted in 59% voting"
        before = start - 1
        if before > 0 and tokens[before].text.islower() and tokens[before].lower not in lang.function_words:
            before -= 1  # "in south Wales", "at bankrupt US Airways"
        return tokens[before].lower in lang.setting_prepositions

    def _quote_speaker(self, mark: Mention, speaker: Mention | None, resolve_pronouns: bool) -> tuple[Mention, str]:
        """The holder a rule names by capturing a quote mark: whoever speaks the quote its cue
        stands in. A quote's words about a third party ('"The plan is reckless," she said') are
        the speaker's evaluation though no word of the sentence names the speaker as subject.
        With no speaker (a cue outside any quote, a quote nobody is said to speak) it is
        unresolved, as an unresolved "I" is."""
        if speaker is None:
            return mark, "unresolved"
        owner = self.context.owner(speaker) if resolve_pronouns else None
        if owner is not None:
            return owner, "speaker"
        lang = self.compiled.profile
        unnamed = speaker.referent.kind == "pronoun" or _owned_by_pronoun(speaker.text, lang)
        return speaker, "unresolved" if unnamed else "speaker"

    def _authored(self, holder: ActorRef, quoted: bool) -> ActorRef:
        """An unresolved first person outside quotes ("I", "we", "our company") named as the
        document's author, when it has one: in testimony and speeches the author is speaking."""
        first_word = holder.text.split(maxsplit=1)[0].lower() if holder.text.strip() else ""
        if self.author is None or quoted or holder.via != "unresolved":
            return holder
        if first_word not in self.compiled.profile.first_person:
            return holder
        body = self.author_affiliation
        # keyed as tracking keys a name no dictionary knows, so that the body is one node
        affiliations = (Affiliated(body.casefold(), body),) if body else ()
        return replace(holder, name=self.author, id=None, via="author", type="person", affiliations=affiliations)

    def _affiliated(self, referent: Referent) -> tuple[Affiliated, ...]:
        actors = self.compiled.actors.actors
        return tuple(Affiliated(a, actors[a].name) for a in referent.affiliations if a in actors)

    @staticmethod
    def speaker_ref(speaker: Mention | None) -> SpeakerRef | None:
        """The speaker as a finding reports it; one named by an unresolved pronoun has no name."""
        if speaker is None:
            return None
        referent = speaker.referent
        name = None if referent.kind == "pronoun" else referent.name  # a pronoun nothing resolved
        return SpeakerRef(speaker.text, speaker.char_start, speaker.char_end, name, referent.id)

    def topic(self, sentence: int, tokens: Sequence[Token], start: int, end: int, actor_start: int) -> TopicRef:
        text = self.context.text
        span = TextSpan(text[tokens[start].start : tokens[end - 1].end], tokens[start].start, tokens[end - 1].end)
        topics = self.compiled.topics
        head_end = next(
            (k for k in range(start + 1, end) if tokens[k].lower in self.compiled.profile.adjunct_prepositions), end
        )
        head_text = text[tokens[start].start : tokens[head_end - 1].end]
        topic_id = topics.find(tokens[start:head_end], head_text) if topics else None
        if topic_id:
            name = topics.topics[topic_id][0]
        elif (named := _by_plugin("topic", span.text)) is not None:
            name, topic_id = named
        else:
            name = (
                self._named_actor(sentence, start, end)
                or self._named_opening(sentence, start, end, span)
                or self._owned(sentence, tokens, start, actor_start, span)
            )
            if end - start == 1 and tokens[start].lower in self.compiled.profile.relative_pronouns:
                name = self._relative_topic(sentence, tokens, start) or name
        return TopicRef(span.text, span.start, span.end, name, topic_id)

    def topic_actor(self, sentence: int, tokens: Sequence[Token], start: int, holder: str | None) -> ActorRef | None:
        """The person a topic opened by a third-person pronoun refers to ("Ms Vance attacked
        him", "urged her to resign"), resolved as a holder pronoun is but never to the finding's
        holder (named `holder`): who attacks "him" is not him. A topic is keyed by it across the
        collection, so only a person who is the one the pronoun agrees with in its sentence and
        the two before it (the holder aside) is taken; None when the word is no such pronoun
        or the person is not that sure."""
        lang = self.compiled.profile
        word = tokens[start].lower
        pronoun = lang.object_subjects.get(word, word)
        if pronoun not in lang.third_person:
            return None
        mention = self.context.mention(sentence, start, start + 1)
        resolved = self.context.resolve(_as_pronoun(mention, pronoun), not_name=holder)
        referent = resolved.referent
        if resolved.via != "pronoun" or not _named_person(referent, lang):
            return None
        if self.context.names_agreeing_before(mention, pronoun, _TOPIC_LOOKBACK) - {holder} != {referent.name}:
            return None  # "Sanders met Trump ... voters back him": either man
        return ActorRef(
            text=mention.text,
            start=mention.char_start,
            end=mention.char_end,
            name=referent.name,
            id=referent.id,
            via="pronoun",
            type=referent.kind,
        )

    def _relative_topic(self, sentence: int, tokens: Sequence[Token], start: int) -> str | None:
        """The name of a topic that is a relative pronoun: what it stands for ("the trade pact,
        which she once supported"), named as an actor when it is one."""
        found = noun_phrase_before(tokens, start, self.compiled.profile)
        if found is None:
            return None
        a, b = found
        return self._named_actor(sentence, a, b) or join(tokens[a:b])

    def _named_actor(self, sentence: int, start: int, end: int) -> str | None:
        """The canonical name of a topic that is itself an actor ("backs Mr. Trump", "opposes
        Beijing"): so that "Trump", "Mr. Trump" and "Donald Trump" are one topic over a corpus.
        The whole topic must be the mention; a pronoun is left as written."""
        for mention in self.context.mentions(sentence):
            if mention.start == start and mention.end == end and mention.referent.kind != "pronoun":
                resolved = self.context.resolve(mention)
                return resolved.referent.name
        return None

    def _named_opening(self, sentence: int, start: int, end: int, span: TextSpan) -> str | None:
        """The topic's text with the short name of a person that opens it written as the full
        name the document gives ("Trump of dodging the question" -> "Donald Trump of dodging
        the question"): so that the topic is that person's across the collection."""
        for mention in self.context.mentions(sentence):
            if mention.start != start or not start < mention.end < end or mention.referent.kind == "pronoun":
                continue
            resolved = self.context.resolve(mention).referent
            if resolved.full_name and resolved.name != mention.referent.name:
                return resolved.name + span.text[mention.char_end - span.start :]
        return None

    def _owned(self, sentence: int, tokens: Sequence[Token], start: int, actor_start: int, span: TextSpan) -> str:
        """The topic's text with a leading possessive pronoun named: "its defense" -> "Ukraine's
        defense", from the nearest compatible mention before it that is not the actor."""
        lang = self.compiled.profile
        word = tokens[start].lower
        if word not in lang.possessive_subjects or word in lang.first_person or span.end == tokens[start].end:
            return span.text  # a possessive alone ("groups opposing her") is an object, and owns nothing
        pronoun = lang.possessive_subjects[word]
        for mention in reversed(self.context.mentions(sentence)):
            before = mention.end <= start and mention.start != actor_start
            if before and mention.referent.kind != "pronoun" and compatible(pronoun, mention.referent, lang):
                owner = mention.referent.name
                return owner + ("'" if owner.endswith("s") else "'s") + span.text[len(tokens[start].text) :]
        return span.text


REVERSED_SIDES = {"support": "oppose", "oppose": "support"}


def by_concept(finding: Finding, tokens: Sequence[Token], topics: TopicIndex, lang: LanguageProfile) -> list[Finding]:
    """The finding once per concept its topic states, with its agreement with each.

    A topic that holds no concept leaves the finding as it is. One concept names the finding's
    topic (its span and id unchanged); several ("the wind farm and the rail link") give one
    finding each, whose topic is the concept's match and whose id is made from it, so each is
    stable and distinct. Concepts are looked for in the whole topic, and the longest match wins
    where matches overlap."""
    if not topics.agreements:
        return [finding]
    inside = [t for t in tokens if finding.topic.start <= t.start and t.end <= finding.topic.end]
    found = topics.distinct(topics.matches(inside, finding.topic.text, only=frozenset(topics.agreements)))
    firsts = _first_of_each(found, topics)
    if not firsts:
        return [finding]
    readings = []
    for match in firsts:
        negated = _negated_proposition(inside, match, found, lang)
        agreement = concept_agreement(finding.polarity, topics.agreements[match.id] == "disagree", negated)
        concept = topics.concept(match.id)
        name = topics.topics[concept][0]
        if len(firsts) == 1:
            topic = replace(finding.topic, name=name, id=concept)
            readings.append(replace(finding, topic=topic, agreement=agreement))
            continue
        first, last = inside[match.start], inside[match.end - 1]
        text = finding.topic.text[first.start - finding.topic.start : last.end - finding.topic.start]
        topic = TopicRef(text, first.start, last.end, name, concept)
        key = finding_id(finding.doc, finding.sentence, finding.rule.id, finding.actor, topic)
        readings.append(replace(finding, id=key, topic=topic, agreement=agreement))
    return readings


def _first_of_each(matches: Sequence[TopicMatch], topics: TopicIndex) -> list[TopicMatch]:
    """The first match of each concept, in text order: a concept named twice is one finding."""
    seen: dict[str, TopicMatch] = {}
    for match in matches:
        seen.setdefault(topics.concept(match.id), match)
    return list(seen.values())


def concept_agreement(polarity: str, disagrees: bool, negated: bool) -> str:
    """A finding's side on a concept: its polarity, reversed by an entry that disagrees with the
    concept and again by a negation inside the matched proposition; neutral stays neutral."""
    if disagrees == negated:
        return polarity
    return REVERSED_SIDES.get(polarity, polarity)


def _negated_proposition(
    tokens: Sequence[Token], match: TopicMatch, matches: Sequence[TopicMatch], lang: LanguageProfile
) -> bool:
    """Whether the proposition a concept matched is negated against its pattern: an odd number
    of negations in the clause that leads to it ("the bill would *not* harm the economy", back
    to a terminator such as a comma or "and", or to the match before) or inside a pattern's
    match where the pattern itself has none ("will not hurt" for `/will (\\w+ )?hurt/`)."""
    floor = max((m.end for m in matches if m.end <= match.start), default=0)
    begin = match.start
    while begin > floor and tokens[begin - 1].lower not in lang.negation_terminators:
        begin -= 1
    written = _pattern_words(match.pattern) if match.pattern else None
    count = 0
    for i in range(begin, match.end):
        inside_match = i >= match.start
        if inside_match and (written is None or tokens[i].lower in written):
            continue  # the alias or the pattern says it: the concept's own words
        if _phrase_at(tokens, i, lang.pseudo_negations):
            continue
        if tokens[i].lower in lang.negations or _phrase_at(tokens, i, lang.negation_phrases):
            count += 1
    return count % 2 == 1


def _pattern_words(pattern: str) -> frozenset[str]:
    """The words written in a regex, as tokens compare ("won't" also gives the clitic "n't")."""
    words = set(re.findall(r"[\w']+", pattern.lower()))
    clitics = {w[-3:] for w in words if len(w) > 3 and w[-3:].startswith("n'")}
    return frozenset(words | clitics)


def _phrase_at(tokens: Sequence[Token], i: int, phrases: Sequence[Sequence[str]]) -> bool:
    """Whether one of the several-word `phrases` starts at token i (one word is a word list's job)."""
    return any(
        len(phrase) > 1 and tuple(t.lower for t in tokens[i : i + len(phrase)]) == tuple(phrase) for phrase in phrases
    )


def _by_plugin(kind: str, text: str) -> tuple[str, str | None] | None:
    """What the first plugin resolver of `kind` that knows `text` names it: (name, id)."""
    for resolver in registry.resolvers(kind):
        named = resolver(text)
        if named:
            return named[0], named[1]
    return None


def _named_person(referent: Referent, lang: LanguageProfile) -> bool:
    """Whether a referent is a person named by a first name and a surname ("Maria Lopez"),
    not a description ("a mainstream candidate") or a body written like a name."""
    first = referent.name.split(maxsplit=1)[0].casefold() if referent.name else ""
    return referent.full_name and lang.is_first_name(first)


#: How many sentences before a pronoun topic must name no other person it could mean.
_TOPIC_LOOKBACK = 2


def _as_pronoun(mention: Mention, pronoun: str) -> Mention:
    from dataclasses import replace

    return replace(mention, text=pronoun, referent=Referent(pronoun, "pronoun"))


def _owned_by_pronoun(name: str, lang: LanguageProfile) -> bool:
    """Whether a holder named `name` belongs to an unnamed owner ("its report")."""
    first = name.split(maxsplit=1)[0].lower() if name.strip() else ""
    return first in lang.possessive_pronouns or first in lang.possessive_relatives


def _named_by_dictionary(referent: Referent, tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the dictionary's name differs from what the text says ("the Kremlin" -> Russia)."""
    written = join(tokens[start:end]).lower()
    return referent.name.lower() not in written
