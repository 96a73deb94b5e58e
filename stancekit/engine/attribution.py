"""Attribution: who speaks a quote, who a pronoun or a short name is, who reports a stance.

News gives stances through quotes and pronouns: `"We don't support ...," National Security
Council spokesman John Kirby told reporters`, then `"...," he said`. The document context
works out, on demand and only for sentences that hold a finding (looking back as needed):

- the speaker of each direct quote, in the layouts news uses: `"...," X said`, `"...," said
  X`, `X said: "..."`, `"...," X told reporters`, a quote split around its speaker, a quote
  over several sentences, a paragraph of quote that continues the previous speaker's;
- what a pronoun refers to: the most recent compatible mention, speakers and subjects first;
- the full name behind a short one ("Mr Kirby", "Kirby") from an earlier mention;
- the one person a role names ("the Tory leader": "Tory leader Michael Howard", "Michael
  Howard, the Tory leader", also later in the story for a headline or lead), and the body a
  noun of its kind names ("the party" after "the Liberal Democrats", "his party" of a Liberal
  Democrat spokesman); a role given to two people, or two parties named together, name no one;
- the speaker of reported speech ("X said (that) Y opposes Z" is Y's stance, reported by X).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from stancekit.compiler.ruleset import CompiledRuleSet
from stancekit.engine.captures import NAME, NOUN, actor_ends, antecedent, category
from stancekit.engine.mentions import GROUP, ORGANISATION, PERSON, UNKNOWN, Referent, compatible, describe
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.verbforms import ing_forms
from stancekit.tagging import lemma
from stancekit.text.limits import CONTEXT_CHARS, CONTEXT_SENTENCES, LOOKBACK_CHARS, LOOKBACK_SENTENCES
from stancekit.text.segment import Segmentation, Sentences
from stancekit.text.tokens import Token, normalise, tokenize

#: How many words before a mention a dictionary name that ends with it may start.
MAX_NAME_LEAD = 6

#: How many sentences back a pronoun or a quote's speaker is looked for.
LOOKBACK = 8

#: How many sentences after an unnamed role the person given it is looked for (a headline's
#: "The Tory leader" is named in the story below it).
FORWARD = 12

#: The last paragraph of a story's opening (the headline is the first): a role there may be
#: named only below it.
LEAD_PARAGRAPH = 1

#: How many sentences below a headline its lead is read for the person a headline's role
#: stands for ("Donor attacks ..." over "... has prompted a donor to ... Ann Lee said ...").
HEADLINE_LEAD = 3

#: How many words the one spoken to may take between a speech verb and a quote ('told
#: BBC Radio 4's Today programme: "..."').
ADDRESSEE_WORDS = 6

SUBJECT, SPEAKER, OTHER = "subject", "speaker", "other"

#: Tags of the words of a common noun phrase before its head ("the new reporting threshold").
_NOUN_PHRASE_TAGS = frozenset({"DET", "ADJ", "NOUN", "NUM"})
#: Tags of the first word of what a possessive owns ("Dyno's new calls").
_OWNED_TAGS = frozenset({"NOUN", "ADJ", "PROPN", "NUM"})
#: Tags of a verb that follows its subject.
_VERB_TAGS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Mention:
    """A mention of an actor in a sentence, with what it names (after resolution)."""

    sentence: int
    start: int  # token positions in the sentence
    end: int
    char_start: int
    char_end: int
    text: str
    referent: Referent
    role: str = OTHER
    via: str = "mention"
    #: How it was found or resolved, in words ("named after the quote", "refers back to ...").
    how: str = ""


#: Who the mentions of a sentence give an office to: word for word, a narrower office of the
#: same kind, the office of a court or place (see `DocumentContext._role_holders`).
Holders = tuple[tuple[Mention, ...], tuple[Mention, ...], tuple[Mention, ...]]
_NO_HOLDERS: Holders = ((), (), ())
#: Results about one sentence, quote or mention that a document's context keeps (the people
#: each sentence names, who it gives an office to, per office; the speaker of each quote; the
#: body a common noun stands for): enough for the `LOOKBACK_SENTENCES` a search looks back
#: over, for several offices at a time. Kept for every sentence of a document of hundreds of
#: thousands, they would outgrow its text.
RECENT_RESULTS_KEPT = 8 * LOOKBACK_SENTENCES


def _most_exact(found: Iterable[Holders]) -> list[Mention]:
    """The holders given an office word for word, in the order found; failing those, the
    ones given a narrower office of its kind; failing those, the ones given it by place."""
    exact: list[Mention] = []
    narrower: list[Mention] = []
    placed: list[Mention] = []
    for holders in found:
        exact.extend(holders[0])
        narrower.extend(holders[1])
        placed.extend(holders[2])
    return exact or narrower or placed


def _one_person(holders: Sequence[Mention]) -> Mention | None:
    """The one person all of `holders` name (nearest first), by the fullest mention of them,
    or None when they name none or more than one. One name that is the last word of the one
    full name among them is that person ("President Obama" and "President Barack Obama")."""
    if not holders:
        return None
    full = [h for h in holders if h.referent.full_name]
    if len({h.referent.name for h in full}) > 1:
        return None
    if not full:
        return holders[0] if len({h.referent.name for h in holders}) == 1 else None
    last = full[0].referent.name.split()[-1]
    return full[0] if all(h.referent.full_name or h.referent.name == last for h in holders) else None


class RecentSentences:
    """Results about a document's latest sentences (their tokens, their mentions), up to
    `CONTEXT_SENTENCES` sentences and `CONTEXT_CHARS` characters of their text; the oldest
    is dropped first. Kept by characters too: a scraped table cut into sentences of thousands
    of characters holds far more tokens per sentence than news does."""

    def __init__(self, sentences: Sentences):
        self._sentences = sentences
        self._kept: dict[int, object] = {}
        self._chars = 0

    def __contains__(self, i: int) -> bool:
        return i in self._kept

    def __getitem__(self, i: int):
        return self._kept[i]

    def keep(self, i: int, value) -> None:
        """Keep `value` for sentence i, unless a value is kept for it already."""
        if i in self._kept:
            return
        self._kept[i] = value
        self._chars += self._length(i)
        while len(self._kept) > 1 and (len(self._kept) > CONTEXT_SENTENCES or self._chars > CONTEXT_CHARS):
            oldest = next(iter(self._kept))
            del self._kept[oldest]
            self._chars -= self._length(oldest)

    def _length(self, i: int) -> int:
        return self._sentences.ends[i] - self._sentences.starts[i]


class DocumentContext:
    """Lazily built knowledge about one document, shared by all findings in it."""

    def __init__(
        self,
        text: str,
        segmentation: Segmentation,
        compiled: CompiledRuleSet,
        day: date | None = None,
        lowered: str | None = None,
    ):
        self.text = text
        self.segmentation = segmentation
        self.sentences = segmentation.sentences
        self.index = compiled.actors
        self.lang = compiled.profile
        self.day = day
        # Tokens and mentions are kept for the most recent sentences only and made again when
        # an older one is needed: on a document of millions of tokens, keeping every sentence's
        # would take many times the memory of its text.
        self._tokens = RecentSentences(self.sentences)
        self._mentions = RecentSentences(self.sentences)
        self._speakers: dict[int, Mention | None] = {}
        #: Pronouns whose chain is being followed: a chain that comes back to one ends there.
        self._chaining: set[tuple[int, int]] = set()
        #: The body each common noun for one stands for ("the commission"), by its position.
        self._common_bodies: dict[tuple[int, int], Mention | None] = {}
        #: (sentence, office, whether before the mention asking) -> who its mentions give the office.
        self._holders_in: dict[tuple, Holders] = {}
        #: Sentence -> its mentions that name someone, with that person (see `_people_in`).
        self._people: dict[int, tuple[tuple[Mention, Mention], ...]] = {}
        #: Sentence -> the people it names, by surname too, but those whose office a word
        #: before them changes (see `office_holders`).
        self._office_people: dict[int, tuple[tuple[Mention, Mention], ...]] = {}
        #: `lowered`, when the caller made it already (see `text.tokens.normalise`).
        self._lowered: str | None = lowered

    @property
    def lowered(self) -> str:
        """The document text in comparison form (see `text.tokens.normalise`), made once."""
        if self._lowered is None:
            self._lowered = normalise(self.text)
        return self._lowered

    # -- sentences ---------------------------------------------------------------------------

    def tokens(self, i: int) -> list[Token]:
        if i not in self._tokens:
            sentence = self.sentences[i]
            tokens = tokenize(self.text, sentence.start, sentence.end, self.lang)
            self._tokens.keep(i, tokens)
            return tokens
        return self._tokens[i]

    def remember_tokens(self, i: int, tokens: list[Token]) -> None:
        self._tokens.keep(i, tokens)

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentences.starts, offset) - 1)

    def _lookback_floor(self, sentence: int) -> int:
        """The earliest sentence a search back from `sentence` looks at (see
        `LOOKBACK_SENTENCES` and `LOOKBACK_CHARS`)."""
        reach = self.sentences.starts[sentence] - LOOKBACK_CHARS
        return max(0, sentence - LOOKBACK_SENTENCES, bisect.bisect_left(self.sentences.starts, reach))

    def mention(self, i: int, start: int, end: int, role: str = OTHER) -> Mention:
        tokens = self.tokens(i)
        # "rejected by Ana Ruiz, who said: ...": a relative pronoun names what its antecedent names
        relative = end - start == 1 and tokens[start].lower in self.lang.relative_pronouns
        span = antecedent(tokens, start, self.lang) if relative else None
        if span is None:
            start = self._dictionary_start(tokens, start, end)
        referent = describe(tokens, *(span or (start, end)), self.index, self.day, self.lang)
        return Mention(
            i,
            start,
            end,
            tokens[start].start,
            tokens[end - 1].end,
            self.text[tokens[start].start : tokens[end - 1].end],
            referent,
            role,
        )

    def _dictionary_start(self, tokens: Sequence[Token], start: int, end: int) -> int:
        """Where a mention starts when a dictionary name ends with it and starts before it:
        the rule caught the tail of a name with a lower-case word inside ("Save the Bay" of
        "Citizens to Save the Bay"), and the dictionary knows the whole."""
        if not self.index:
            return start
        for match in self.index.find(tokens, max(0, start - MAX_NAME_LEAD), end):
            if match.start < start < match.end and match.end == end:
                return match.start
        return start

    def mentions(self, i: int) -> list[Mention]:
        """The named and pronominal mentions of sentence i, left to right, with their roles."""
        if i in self._mentions:
            return self._mentions[i]
        tokens = self.tokens(i)
        context = self._sentence_context(i, tokens)
        found: list[Mention] = []
        j = 0
        while j < len(tokens):
            token = tokens[j]
            if token.lower in self.lang.third_person or token.lower in self.lang.first_person:
                found.append(
                    Mention(
                        i,
                        j,
                        j + 1,
                        token.start,
                        token.end,
                        token.text,
                        Referent(token.text, "pronoun"),
                        self._role(tokens, j, j + 1),
                    )
                )
                j += 1
                continue
            following = tokens[j + 1].lower if j + 1 < len(tokens) else ""
            share = token.text.endswith("%") or (token.is_number and following in ("percent", "%", "per"))
            kind = category(token, self.lang)
            # people named by a plural noun alone ("pensioners", "most voters") are what a
            # "they" may refer back to
            named_phrase = kind == NAME or token.lower in ("the", "a") or share
            # ("thousands of people", "a poll of 1,000 people": people after "of" or a count
            # are part of a phrase, and no subject)
            after_preposition = j > 0 and (
                tokens[j - 1].lower in self.lang.actor_prepositions or tokens[j - 1].is_number
            )
            plural_people = (
                not named_phrase
                and not after_preposition
                and (kind == NOUN or token.lower in self.lang.partitive_pronouns)
            )
            ends = actor_ends(tokens, j, context) if named_phrase or plural_people else ()
            if plural_people:
                named = [e for e in ends if self._plural_people(tokens[e - 1])]
            else:
                named = [
                    e
                    for e in ends
                    if share
                    or any(category(t, self.lang) == NAME for t in tokens[j:e])
                    or tokens[e - 1].lower in self.lang.actor_nouns
                ]
            if named:
                end = max(named)
                found.append(self.mention(i, j, end, self._role(tokens, j, end)))
                j = end
            else:
                j += 1
        found = [m for k, m in enumerate(found) if not self._titles_next(tokens, m, found[k + 1 : k + 2])]
        self._mentions.keep(i, found)
        return found

    def _titles_next(self, tokens: Sequence[Token], mention: Mention, following: list[Mention]) -> bool:
        """Whether an unnamed person is the title of the person named just after it, with the
        remit between them ("Shadow spokesman for sport Ana Ruiz"): one person, whom a "she"
        after it refers to by her name. "A spokesman for Ana Ruiz" is someone else."""
        referent = mention.referent
        if not following or not referent.is_person or referent.surname is not None or referent.id is not None:
            return False
        after = following[0]
        remit = tokens[mention.end + 1 : after.start]
        return (
            after.referent.is_person
            and after.referent.surname is not None
            and mention.end < after.start
            and tokens[mention.end].lower in self.lang.appositive_links
            and 0 < len(remit) <= 3
            and all(t.text.isalpha() and t.text.islower() and t.lower not in self.lang.determiners for t in remit)
        )

    def _plural_people(self, token: Token) -> bool:
        """Whether a noun names people in the plural ("pensioners", "people")."""
        lower = token.lower
        plural = lower.endswith("s") and not lower.endswith("ss")
        return category(token, self.lang) == NOUN and (plural or lower in self.lang.plurals_without_s)

    def _role(self, tokens: Sequence[Token], start: int, end: int) -> str:
        """A speaker (subject of a speech verb), a subject (starts its clause), or other."""
        after = [t.lower for t in tokens[end : end + 3]]
        if any(w in self.lang.speech_verbs for w in after[:2]) or (
            start > 0 and tokens[start - 1].lower in self.lang.speech_verbs
        ):
            return SPEAKER
        if start == 0 or tokens[start - 1].text in self.lang.subject_openers:
            return SUBJECT
        return OTHER

    # -- quotes ------------------------------------------------------------------------------

    def speaker_of_quote(self, quote_index: int) -> Mention | None:
        """The resolved speaker of a direct quote, or None when the text does not say."""
        if quote_index not in self._speakers:
            # guards against loops through inherited speakers
            self._remember(self._speakers, quote_index, None)
            found = self._attributed(quote_index)
            if found is None:
                found = self._inherited(quote_index)
                if found is not None:
                    found = replace(found, how="kept from the quote before, which it continues")
            else:
                found = replace(found, how="named beside the quote")
                if found.referent.kind == "pronoun" or self._is_short_name(found) or self._is_role(found):
                    resolved = self.resolve(found, prefer_speaker=True)
                    found = replace(
                        resolved, how=f"named beside the quote; {resolved.how}" if resolved.how else resolved.how
                    )
            self._remember(self._speakers, quote_index, found)
            return found
        return self._speakers[quote_index]

    def quote_index_at(self, offset: int) -> int | None:
        return self.segmentation.quote_index(offset)

    def _quotes_starting_in(self, i: int) -> range:
        """The indices of the quotes that `sentence_of` puts in sentence i (those starting from
        its start up to the next sentence's)."""
        start = self.sentences[i].start if i > 0 else 0
        end = self.sentences[i + 1].start if i + 1 < len(self.sentences) else len(self.text) + 1
        return self.segmentation.quotes_starting(start, end)

    def _sentence_context(self, i: int, tokens: Sequence[Token]) -> SentenceContext:
        """The context extractors see for sentence i: its tokens and the quotes it overlaps."""
        sentence = self.sentences[i]
        return SentenceContext(tokens, self.segmentation.quotes_within(sentence.start, sentence.end), profile=self.lang)

    def _attributed(self, k: int) -> Mention | None:
        quote = self.segmentation.quotes[k]
        for i in dict.fromkeys((self.sentence_of(max(quote.end - 1, quote.start)), self.sentence_of(quote.start))):
            tokens = self.tokens(i)
            # after the quote: '"...," X said' / '"...," said X' / '"...," X told reporters'
            after = next((p for p, t in enumerate(tokens) if t.start >= quote.end), None)
            found = self._attribution_from(i, after) if after is not None else None
            if found is not None:
                return found
            # before the quote: 'X said: "..."'
            before = next((p for p in range(len(tokens) - 1, -1, -1) if tokens[p].end <= quote.start), None)
            if before is not None:
                found = self._subject_of_speech_before(i, before)
                if found is not None:
                    return found
            # a quote split around its speaker: '"A," X said, "B."'
            for other_index in self._quotes_starting_in(i):
                other = self.segmentation.quotes[other_index]
                if other_index != k and other.end <= quote.start:
                    after = next((p for p, t in enumerate(tokens) if t.start >= other.end), None)
                    found = self._attribution_from(i, after) if after is not None else None
                    if found is not None:
                        return found
        return None

    def _attribution_from(self, i: int, p: int) -> Mention | None:
        tokens = self.tokens(i)
        n = len(tokens)
        while p < n and tokens[p].text in (",", "--", "\u2014", "\u2013"):
            p += 1
        if p >= n:
            return None
        if tokens[p].lower in self.lang.speech_verbs:
            return self._mention_at(i, p + 1, SPEAKER) if self._reports_before(tokens[p]) else None
        if tokens[p].lower == "according" and p + 1 < n and tokens[p + 1].lower == "to":
            return self._mention_at(i, p + 2, SPEAKER)
        if tokens[p].lower in self.lang.third_person or tokens[p].lower in self.lang.first_person:
            ends: tuple[int, ...] = (p + 1,)
        else:
            ends = actor_ends(tokens, p, self._sentence_context(i, tokens))
        for end in ends:  # longest first: the speaker is the phrase the speech verb follows
            if (end < n and self._reports_before(tokens[end])) or (
                end + 1 < n and self._reports_before(tokens[end + 1]) and tokens[end].lower in self.lang.speaker_links
            ):
                return self._mention_at(i, p, SPEAKER, end)
        return None

    def _reports_before(self, token: Token) -> bool:
        """Whether a speech verb after a quote or a clause reports what came before it ('"...,"
        said X', '..., X said'). A participle ('..., saying it was fair', '..., Leeds saying
        ...') opens a clause of its own whose object follows it: the word after it starts what
        is said, and whoever it names said nothing before."""
        return token.lower in self.lang.speech_verbs and token.lower not in ing_forms()

    def _mention_at(self, i: int, p: int, role: str, end: int | None = None) -> Mention | None:
        tokens = self.tokens(i)
        if p >= len(tokens):
            return None
        if tokens[p].lower in self.lang.third_person or tokens[p].lower in self.lang.first_person:
            t = tokens[p]
            return Mention(i, p, p + 1, t.start, t.end, t.text, Referent(t.text, "pronoun"), role)
        if end is None:
            ends = actor_ends(tokens, p, self._sentence_context(i, tokens))
            if not ends:
                return None
            end = max(ends)
        return self.mention(i, p, end, role)

    def _subject_of_speech_before(self, i: int, before: int) -> Mention | None:
        tokens = self.tokens(i)
        p = before
        while p >= 0 and tokens[p].text in (",", ":", "\u2014", "--"):
            p -= 1
        if p >= 0 and tokens[p].lower not in self.lang.speech_verbs:
            p = self._speech_verb_before(tokens, p)
        if p < 0 or tokens[p].lower not in self.lang.speech_verbs:
            return None
        return self._subject_before(i, p)

    def _speech_verb_before(self, tokens: Sequence[Token], end: int) -> int:
        """The verb that ends with its addressee or a short phrase at `end` ('X told the BBC:
        "..."', 'X told Radio 4's Today programme: "..."', 'X said of her rival: "..."', 'X said
        on Monday: "..."'): its position, or -1 when the words before are no speech verb and
        its object or phrase."""
        for p in range(end, max(-1, end - ADDRESSEE_WORDS - 1), -1):
            if tokens[p].lower in self.lang.addressee_verbs:
                return p
            if (
                p < end
                and tokens[p].lower in self.lang.speech_verbs
                and tokens[p + 1].lower in self.lang.speech_verb_complements
            ):
                return p
            if not tokens[p].text[:1].isalnum() and tokens[p].lower not in ("'s", "'"):
                return -1
        return -1

    def _subject_before(self, i: int, verb: int) -> Mention | None:
        """The mention that is the subject of the verb at `verb`: the last one ending within a few
        tokens before it ("Kirby also said", "the minister told Parliament on Monday")."""
        tokens = self.tokens(i)
        p = verb - 1
        while p >= 0 and (self.lang.is_adverb(tokens[p]) or tokens[p].lower in self.lang.speech_adverbs):
            p -= 1
        if p >= 0 and tokens[p].text == ",":
            # "Andrew Ryder, of the nurses' union, said": the comma closes the name's appositive
            apposed = next((m for m in self.mentions(i) if m.end == p + 1), None)
            if apposed is not None:
                return replace(apposed, role=SPEAKER)
        if p >= 0 and tokens[p].lower in ("and", "but", ","):
            # "X did A, and said ...": the speaker is the subject of the first clause, which may
            # be one of speech itself after a conjunction ("X said A but argued: ..."); before a
            # comma alone, one who speaks is someone else ("..., Ana Ruiz said Tom Reyes, ...")
            joined = tokens[p].lower != ","
            subjects = [
                m for m in self.mentions(i) if m.end <= p and (m.role == SUBJECT or (joined and m.role == SPEAKER))
            ]
            return replace(subjects[0], role=SPEAKER) if subjects else None
        candidates = [m for m in self.mentions(i) if m.end <= verb and verb - m.end <= 4]
        if not candidates:
            return None
        return replace(candidates[-1], role=SPEAKER)

    def _inherited(self, k: int) -> Mention | None:
        """A quote without attribution keeps the speaker of the quote before it, when that one is
        in the same or the previous paragraph (news runs a speaker's quotes on)."""
        quotes = self.segmentation.quotes
        if k == 0:
            return None
        here = self.sentences[self.sentence_of(quotes[k].start)].paragraph
        previous = quotes[k - 1]
        there = self.sentences[self.sentence_of(previous.start)].paragraph
        if here - there > 1:
            return None
        return self.speaker_of_quote(k - 1)

    # -- pronouns and short names ------------------------------------------------------------

    def _is_short_name(self, mention: Mention) -> bool:
        referent = mention.referent
        return (
            referent.kind in (PERSON, UNKNOWN)
            and referent.id is None
            and referent.surname is not None
            and (" " not in referent.name)
        )

    def resolve(
        self, mention: Mention, prefer_speaker: bool = False, floor: int | None = None, not_name: str | None = None
    ) -> Mention:
        """The mention a pronoun or a short name stands for, marked with how it was reached;
        the mention itself when there is nothing to resolve or nothing compatible is found.
        A pronoun is looked for back to sentence `floor` (by default `LOOKBACK` sentences), and
        never resolved to `not_name` (the holder of a finding whose topic is "him")."""
        word = mention.text.lower()
        if mention.referent.kind == "pronoun" and word in self.lang.third_person:
            low = max(0, mention.sentence - LOOKBACK) if floor is None else floor
            target = self._antecedent(mention, word, prefer_speaker, low, not_name)
            if (
                target is not None
                and self._they_of_one_body(word, target)
                and self._things_act_between(target, mention)
            ):
                target = None
            if target is not None:
                how = f"{mention.text!r} refers back to {target.text!r} ({target.role})"
                return replace(mention, referent=target.referent, via="pronoun", how=how)
            return mention
        if self._is_short_name(mention):
            full = self._full_name(mention) or self._full_name_below(mention)
            if full is not None:
                how = f"{mention.text!r} is the short name of {full.text!r}"
                # "Liam Fox ... Mr Fox": the title tells what the first name did not, and "she"
                # after it is someone else
                referent = replace(full.referent, gender=full.referent.gender or mention.referent.gender)
                return replace(mention, referent=referent, via="mention", how=how)
            if self._in_headline(mention) and word in self.lang.role_words:
                named = self._named_in_lead(mention, (word,))  # "Donor attacks ...": a role, no surname
                if named is not None:
                    return named
        if self._is_role(mention):
            holders = self._role_holders(mention)
            holder = _one_person(holders)
            if not holders and self._in_headline(mention):
                holder = self._lead_person(mention, self._office(mention))
            elif not holders and not self._titles_only(mention):
                holder = self._person_in_focus(mention)
            if holder is not None:
                how = f"{mention.text!r} is the role of {holder.text!r}"
                return replace(mention, referent=holder.referent, via="mention", how=how)
        if self._is_headline_role(mention):
            named = self._named_in_lead(mention, self._office_words(self._words_of(mention)))
            if named is not None:
                return named
        if self._is_lead_description(mention):
            named = self._named_in_lead(mention, self._office_words(self._owned_words(mention)), described=True)
            if named is not None:
                return named
        if self._is_common_body(mention):
            body = self._body_named_before(mention)
            if body is not None:
                how = f"{mention.text!r} is {body.text!r}, named before"
                return replace(mention, referent=body.referent, via="mention", how=how)
        if self._is_lead_body(mention):
            body = self._body_named_below(mention)
            if body is not None:
                how = f"{mention.text!r} is {body.text!r}, named below it"
                return replace(mention, referent=body.referent, via="mention", how=how)
        return mention

    def _is_common_body(self, mention: Mention) -> bool:
        """A body named by a definite common noun alone ("the party", "the committee"): news
        names it first ("the Liberal Democrats", "the Home Affairs Committee"), then calls it
        by its kind."""
        tokens = self.tokens(mention.sentence)
        words = tokens[mention.start : mention.end]
        return (
            mention.referent.id is None
            and mention.referent.kind == ORGANISATION
            and len(words) == 2
            and words[0].lower in self.lang.definite_articles
            and words[1].lower in self.lang.body_kinds
            and category(words[1], self.lang) != NAME
        )

    def _is_lead_body(self, mention: Mention) -> bool:
        """A body the headline or the story's first sentence calls by its kind alone, with
        words in lower case that say what it does ("the elections watchdog has said ..."), and
        that the story names only below ("... the Electoral Commission says ..."). A bare "the
        party" there refers back, to a party the sentence named before it."""
        if not (self._in_headline(mention) or self._opens_story(mention.sentence)):
            return False
        words = self.tokens(mention.sentence)[mention.start : mention.end]
        modifiers = words[1:-1]
        return (
            mention.referent.id is None
            and mention.referent.kind == ORGANISATION
            and 3 <= len(words) <= 4
            and words[0].lower in self.lang.definite_articles
            and words[-1].lower in self.lang.body_kinds
            and all(t.text.isalpha() and t.text.islower() for t in words[1:])
            and all(t.lower not in self.lang.determiners for t in modifiers)
        )

    def _body_named_below(self, mention: Mention) -> Mention | None:
        """The one body of the noun's kind named first in the `HEADLINE_LEAD` sentences below
        a lead's description of it; None when the first sentence that names one names two."""
        kind = self.tokens(mention.sentence)[mention.end - 1].lower
        last = min(len(self.sentences), mention.sentence + 1 + HEADLINE_LEAD)
        for i in range(mention.sentence + 1, last):
            bodies: dict[str, Mention] = {}
            for m in self.mentions(i):
                if not self._is_common_body(m):
                    bodies.update((body.name, replace(m, referent=body)) for body in self._bodies_of_kind(m, kind))
            if bodies:
                return next(iter(bodies.values())) if len(bodies) == 1 else None
        return None

    def _body_named_before(self, mention: Mention) -> Mention | None:
        """The body of the common noun's kind named nearest before it (its dictionary type is
        the noun, as "party" for the Tories and for "Democratic leaders", or its name ends in
        the noun, as the Electoral Commission for "the commission"), as a mention of that body;
        None when the nearest sentence that names one names two (which one the noun means,
        the words do not say)."""
        key = (mention.sentence, mention.start)
        if key not in self._common_bodies:
            self._remember(self._common_bodies, key, None)  # a chain that comes back to itself ends there
            found = self._nearest_body_of_kind(mention)
            self._remember(self._common_bodies, key, found)
            return found
        return self._common_bodies[key]

    def _nearest_body_of_kind(self, mention: Mention) -> Mention | None:
        """The body `_body_named_before` looks for; an earlier common noun that stands for a
        body stands for it here too ("the Electoral Commission ... the commission ... the
        commission", each within a few sentences of the one before)."""
        tokens = self.tokens(mention.sentence)
        kind = tokens[mention.end - 1].lower
        for i in range(mention.sentence, max(0, mention.sentence - LOOKBACK) - 1, -1):
            bodies: dict[str, Mention] = {}
            for m in self.mentions(i):
                if i < mention.sentence or m.end <= mention.start:
                    named = self._body_named_before(m) if self._is_common_body(m) else m
                    if named is not None:
                        bodies.update(
                            (body.name, replace(m, referent=body)) for body in self._bodies_of_kind(named, kind)
                        )
            if bodies:
                return next(iter(bodies.values())) if len(bodies) == 1 else None
        return None

    def owner(self, mention: Mention) -> Mention | None:
        """Whom a third-person possessive that opens a mention refers to ("its report" of
        the Electoral Commission named before): the resolved pronoun, or None."""
        tokens = self.tokens(mention.sentence)
        t = tokens[mention.start]
        subject = self.lang.possessive_subjects.get(t.lower, "")
        if mention.end - mention.start < 2 or subject not in self.lang.third_person:
            return None
        pronoun = Mention(
            mention.sentence, mention.start, mention.start + 1, t.start, t.end, subject, Referent(subject, "pronoun")
        )
        resolved = self.resolve(pronoun)
        return resolved if resolved.via == "pronoun" else None

    def owned_body(self, i: int, start: int, end: int) -> Mention | None:
        """The body a third-person possessive names ("his party" of a Liberal Democrat
        spokesman, "their party" of the Tories): the body of the noun's kind that the
        pronoun's person belongs to or is, when there is one; None otherwise."""
        tokens = self.tokens(i)
        owner = start if tokens[start].lower in self.lang.possessive_subjects else start - 1
        kind = tokens[end - 1].lower
        if kind not in self.lang.body_kinds or owner < 0 or owner != end - 2:
            return None
        subject = self.lang.possessive_subjects.get(tokens[owner].lower, "")
        if subject not in self.lang.third_person:
            return None
        t = tokens[owner]
        resolved = self.resolve(Mention(i, owner, owner + 1, t.start, t.end, subject, Referent(subject, "pronoun")))
        if resolved.via != "pronoun":
            return None
        bodies = {body.name: body for body in self._bodies_of_kind(replace(resolved, text=""), kind)}
        if len(bodies) != 1:
            return None
        [body] = bodies.values()
        return replace(resolved, referent=body, how=f"{resolved.how}; {kind} of {resolved.referent.name!r}")

    def _bodies_of_kind(self, m: Mention, kind: str) -> list[Referent]:
        """The bodies of a kind ("party") a mention names: itself when the dictionary gives it
        that type, else the bodies of that type it is affiliated to ("Democratic leaders",
        "Labour MP Ana Ruiz", two for "Labour and Tory MPs"), else itself when its name of
        more than one word ends in the noun ("the Electoral Commission") or in a word the noun
        stands for (`body_kind_heads`: a commission for "the watchdog", "the Telegraph" for
        "the paper")."""
        referent = m.referent
        if referent.kind == "pronoun":
            return []
        heads = self.lang.body_kind_heads.get(kind, (kind,))
        own = self.index.actors.get(referent.id) if referent.id is not None else None
        if own is not None and own.type in heads and referent.kind != PERSON:
            return [referent]
        affiliated = [
            Referent(info.name, ORGANISATION, info.id, affiliations=tuple(self.index.chain(info.id, self.day)))
            for info in (self.index.actors.get(a) for a in referent.affiliations)
            if info is not None and info.type in heads
        ]
        if affiliated or referent.id is not None:
            return affiliated
        name = self._proper_part(referent.name.split())
        if referent.kind in (ORGANISATION, GROUP) and len(name) > 1 and name[-1].lower() in heads:
            return [replace(referent, name=" ".join(name))]
        # "the Telegraph ... the newspaper": a name of one word the noun stands for
        short = len(name) == 1 and name[0].lower() in heads and name[0].lower() != kind
        if short and referent.kind in (ORGANISATION, UNKNOWN):
            return [replace(referent, kind=ORGANISATION)]
        return []

    def _proper_part(self, words: list[str]) -> list[str]:
        """The words of a body's name from its first capitalised one: "the influential Commons
        home affairs committee" is the Commons home affairs committee, as news writes a body's
        name in lower case after the capitalised word that says whose it is; no words when none
        is capitalised ("a new committee" is no body's name), or when a preposition that joins
        no name follows it ("Faced with the committee" opens a sentence, and names no body)."""
        first = next((k for k, w in enumerate(words) if w[:1].isupper()), len(words))
        links = self.lang.appositive_links - self.lang.name_joiners
        return [] if any(w in links for w in words[first:]) else words[first:]

    @staticmethod
    def _is_role(mention: Mention) -> bool:
        """An unnamed person known only by a definite role ("the Tory leader")."""
        referent = mention.referent
        return referent.is_person and referent.surname is None and referent.id is None and referent.role is not None

    def _role_holder(self, mention: Mention) -> Mention | None:
        """The one named person the document gives the role of `mention`, or None when it
        gives it to no one or to more than one (see `_role_holders`)."""
        return _one_person(self._role_holders(mention))

    def _role_holders(self, mention: Mention) -> list[Mention]:
        """The mentions of named people the document gives the role of `mention`, nearest
        first: with the same office ("Tory leader Michael Howard", "Ana Ruiz, the Tory leader"
        for "the Tory leader"), before it or in the sentences after it (a headline or a lead
        names its people later). Those given the office word for word are taken first; then,
        for a role qualified by more than titles ("the Tory spokesman"), those given a
        narrower office of the same kind ("the Tory foreign affairs spokesman"). A role
        given with another qualifier ("Italian Prime Minister ..." for "the prime minister",
        "former home secretary ..." for "the home secretary") is another role. More than one
        name among them means the role is shared, and no one of them is guessed."""
        office = self._office(mention)
        if not office:
            return []
        return _most_exact(self._holders_around(mention, office))

    def _holders_around(self, mention: Mention, office: tuple[str, ...]) -> Iterator[Holders]:
        """Who each sentence around `mention` gives `office` to, nearest first (see
        `_role_holders`)."""
        spellings = self._spellings(office)
        for i in self._sentences_around(mention):
            if i == mention.sentence:
                if not self._holds_any(i, spellings):
                    continue
                here = self.mentions(i)
                nearest_first = [
                    *(m for m in reversed(here) if m.start < mention.start),
                    *(m for m in here if m.start > mention.start),
                ]
                holders = self._holders_among(self._people_among(nearest_first), office)
            else:
                # the same sentence is looked at again for every finding after it that names the
                # same office: whether it can give the office, and to whom, is worked out once
                key = (i, office, i < mention.sentence)
                holders = self._holders_in.get(key)
                if holders is None:
                    holders = _NO_HOLDERS
                    if self._holds_any(i, spellings):
                        people = self._people_in(i)
                        holders = self._holders_among(people if i > mention.sentence else people[::-1], office)
                    self._remember(self._holders_in, key, holders)
            yield holders

    def _spellings(self, office: tuple[str, ...]) -> set[str]:
        """The ways the head of an office is written ("secretary", "sec."): a sentence that holds
        none of them gives the office to no one."""
        head = office[-1]
        return {head, *(short for short, title in self.lang.title_spellings.items() if title == head)}

    def office_holders(self, role: Sequence[Token], start: int = 0, end: int | None = None) -> list[Mention]:
        """The mentions of named people the document (or its text from character `start` to
        `end`) gives the office a role names ("the prime minister": "Prime Minister Tony
        Blair", "Tony Blair, the prime minister", and "President Lee" with a surname alone), in
        text order, those given it word for word first (see `_role_holders`); none when the
        words name no office. A role's holder found for a finding is looked for near it; who
        the role stands for across the story, for its key, is whoever the story gives the
        office to anywhere."""
        office = self._office_words(role)
        if not office:
            return []
        spellings = self._spellings(office)
        last = len(self.sentences) - 1 if end is None else self.sentence_of(end)
        return _most_exact(
            self._holders_among(self._office_people_in(i), office)
            for i in range(self.sentence_of(start), last + 1)
            if self._holds_any(i, spellings)
        )

    def _office_people_in(self, i: int) -> tuple[tuple[Mention, Mention], ...]:
        """The people sentence i names who may hold an office (see `office_holders`), worked
        out once per sentence: each office asked about reads the whole story, and a story of
        long sentences keeps the mentions of only some of them (see `RecentSentences`)."""
        found = self._office_people.get(i)
        if found is None:
            found = self._people_among([m for m in self.mentions(i) if not self._changed_before(m)], surnames=True)
            self._remember(self._office_people, i, found)
        return found

    def _changed_before(self, m: Mention) -> bool:
        """Whether a word just before a mention makes its office another ("former Justice Ana
        Ruiz")."""
        tokens = self.tokens(m.sentence)
        return m.start > 0 and tokens[m.start - 1].lower in self.lang.role_changing_modifiers

    @staticmethod
    def _remember(cache: dict, key, value) -> None:
        """Keep a result about one sentence, quote or mention, dropping the oldest beyond
        `RECENT_RESULTS_KEPT`."""
        cache[key] = value
        if len(cache) > RECENT_RESULTS_KEPT:
            del cache[next(iter(cache))]

    def _people_in(self, i: int) -> tuple[tuple[Mention, Mention], ...]:
        """(mention, the named person it is or stands in apposition to) for the mentions of
        sentence i that name someone, in text order; worked out once per sentence, whatever
        office is asked about."""
        found = self._people.get(i)
        if found is None:
            found = self._people_among(self.mentions(i))
            self._remember(self._people, i, found)
        return found

    def _people_among(self, mentions: Iterable[Mention], surnames: bool = False) -> tuple[tuple[Mention, Mention], ...]:
        """(mention, the named person it is or stands in apposition to) for the mentions that
        name someone by a full name or by one name after the title of an office ("Prince
        Omar", "Pope Leo"), or, with `surnames`, by a surname alone too ("Mr Lee")."""

        def named(m: Mention) -> bool:
            if m.referent.full_name:
                return True
            one_name = m.referent.is_person and m.referent.surname is not None
            return one_name and (surnames or bool(self._office(m)))

        people = ((m, m if named(m) else self._apposed_person(m) if self._is_role(m) else None) for m in mentions)
        return tuple((m, person) for m, person in people if person is not None)

    def _holds_any(self, i: int, words: set[str]) -> bool:
        """Whether the text of sentence i holds one of `words`: only such sentences are tokenised."""
        sentence = self.sentences[i]
        lowered = self.lowered
        return any(lowered.find(word, sentence.start, sentence.end) >= 0 for word in words)

    def _holders_among(self, people: Iterable[tuple[Mention, Mention]], office: tuple[str, ...]) -> Holders:
        """The named people among `people` (see `_people_in`, in their order) given `office` word
        for word, a narrower office of the same kind, or the office of a court or place (see
        `_role_holders`)."""
        exact: list[Mention] = []
        narrower: list[Mention] = []
        placed: list[Mention] = []
        for m, person in people:
            given = self._office(m)
            if self._same_office(office, given):
                exact.append(person)
            elif self._narrower_office(office, given):
                narrower.append(person)
            elif self._office_of_a_court_or_place(office, given, person):
                placed.append(person)
        return (tuple(exact), tuple(narrower), tuple(placed)) if exact or narrower or placed else _NO_HOLDERS

    def _apposed_person(self, m: Mention) -> Mention | None:
        """The named person a role stands in apposition to ("Ana Ruiz, the Tory leader"):
        the mention right before it, across a comma."""
        tokens = self.tokens(m.sentence)
        if m.start < 2 or tokens[m.start - 1].text != ",":
            return None
        before = next((p for p in self.mentions(m.sentence) if p.end == m.start - 1), None)
        return before if before is not None and before.referent.full_name else None

    def _same_office(self, office: tuple[str, ...], given: tuple[str, ...]) -> bool:
        """Whether `given` is `office`, up to words that keep an office ("new") and the place
        the office is held for ("Vermont Sen. Ana Ruiz" is the one "the senator" names)."""
        if not given or given[-1] != office[-1] or not set(office) <= set(given):
            return False
        if set(given) - set(office) <= self.lang.role_keeping_modifiers:
            return True
        return " ".join(w for w in given if w not in office) in self.lang.places

    def _office_of_a_court_or_place(self, office: tuple[str, ...], given: tuple[str, ...], person: Mention) -> bool:
        """Whether a bare role ("the judge") names a person given it for a court or a place the
        text names ("Manhattan Supreme Court Justice Frank Nervo"): the same head, no word that
        makes it another office ("former"), and no qualifier that names a body of its own
        ("Italian Prime Minister ..." is Italy's, not the one "the prime minister" names)."""
        if len(office) != 1 or not given or given[-1] != office[-1]:
            return False
        return not set(given) & self.lang.role_changing_modifiers and not person.referent.affiliations

    def _narrower_office(self, office: tuple[str, ...], given: tuple[str, ...]) -> bool:
        """Whether `given` narrows a qualified `office` ("tory foreign affairs spokesman" of
        "tory spokesman"), adding no word that makes it another office ("shadow")."""
        qualified = any(word not in self.lang.person_titles for word in office[:-1])
        if not qualified or not given or given[-1] != office[-1] or not set(office) <= set(given):
            return False
        return not (set(given) - set(office)) & self.lang.role_changing_modifiers

    def _office(self, m: Mention) -> tuple[str, ...]:
        """The words of the office a mention gives, in lower case without articles and
        honorifics: of an unnamed role ("the Tory leader"), of the titles before a person's
        name ("Tory leader Michael Howard") or of an appositive after it ("Michael Howard,
        the Tory leader,"). Empty when the words end in no role or title, or when the
        office is owned or bounded by a phrase ("the prime minister's spokesman", "the
        chairman of the commission"), which the words alone do not tell."""
        tokens = self.tokens(m.sentence)
        if self._is_role(m):
            return self._office_words(tokens[m.start : m.end])
        first = self._name_start(m)
        if first is None:
            return ()
        before = self._office_words(tokens[m.start : first])
        if before:
            return before
        comma = next((k for k in range(first, m.end) if tokens[k].text == ","), None)
        if comma is None:
            return ()
        close = next((k for k in range(comma + 1, m.end) if tokens[k].text == ","), m.end)
        return self._office_words(tokens[comma + 1 : close])

    def office(self, role: Sequence[Token]) -> str:
        """The office a role names, in lower case ("the Prime Minister": "prime minister"); ""
        when its words name no office."""
        return " ".join(self._office_words(role))

    def _office_words(self, tokens: Sequence[Token]) -> tuple[str, ...]:
        lang = self.lang
        # "Mr" is no office, but "Prince Omar" is the one "the prince" names: an honorific that
        # is also a role word stays
        honorifics = (lang.male_honorifics | lang.female_honorifics) - lang.role_words
        words = [t.lower for t in tokens if t.text[:1].isalnum() or t.lower in ("'s", "'")]
        words = [lang.title_spellings.get(w, w) for w in words if w not in lang.articles and w not in honorifics]
        if not words or any(w in ("'s", "'") or w in lang.function_words for w in words):
            return ()
        if words[-1] not in lang.role_words and words[-1] not in lang.person_titles:
            return ()
        return tuple(words)

    def _name_start(self, m: Mention) -> int | None:
        """Where the person's name starts in a mention of a named person."""
        tokens = self.tokens(m.sentence)
        first_name = m.referent.name.split(" ", 1)[0]
        return next((k for k in range(m.start, m.end) if tokens[k].text == first_name), None)

    def _sentences_around(self, mention: Mention) -> Iterator[int]:
        """The sentences that may give the role of `mention` to someone, nearest first: its
        own, those before it (up to `LOOKBACK_SENTENCES`), then, for a mention in the headline
        or the lead, the `FORWARD` sentences after it (further down, a role not yet given to
        anyone is someone the story has not named)."""
        lead = self.sentences[mention.sentence].paragraph <= LEAD_PARAGRAPH
        last = min(len(self.sentences) - 1, mention.sentence + FORWARD) if lead else mention.sentence
        yield from range(mention.sentence, self._lookback_floor(mention.sentence) - 1, -1)
        yield from range(mention.sentence + 1, last + 1)

    def _titles_only(self, mention: Mention) -> bool:
        """Whether a role is made of titles alone ("the cardinal", "the prime minister"): it is
        named only after a person given those titles, never guessed from the story's focus."""
        titles = self.lang.person_titles - self.lang.person_nouns  # "the billionaire" describes a person
        return all(word in titles for word in (mention.referent.role or "").split())

    def _person_in_focus(self, mention: Mention) -> Mention | None:
        """The person a definite role never given with a name stands for: news introduces
        someone by name ("Pedro Alvarez will visit Leeds. He will ...") and then calls them by
        their office ("The Tory leader backs ..."). That is the nearest person who speaks or
        opens a clause in the sentences before, when the text gives them no other role. The
        nearest such person decides: one given another role ("Foreign Secretary X" before "the
        chancellor") or one named by a role alone means the role is someone else, and it stays
        unnamed. A role inside a quote is the speaker's word for someone else, and one owned by
        another ("the prime minister's spokesman") is not the owner. A description of what a
        person is rather than an office ("the New York billionaire") looks at the sentence
        right before it only."""
        if self.quote_index_at(mention.char_start) is not None or self._owned(mention):
            return None
        agreement = self.lang.pronoun_agreement
        opening = (m for m in self.mentions(mention.sentence) if self.quote_index_at(m.char_start) is None)
        if any(m.end <= mention.start and m.role != OTHER for m in opening):
            return None  # "Ms Ruiz said the chancellor's plan ...": the role is someone she names
        # a description of what someone is ("the Swiss star") picks up the sentence before it
        # only, or who speaks it when it is a quote: further back, the story may have turned to
        # someone it does not fit
        described = self._unnamed_description(mention)
        reach = 1 if described else LOOKBACK
        for i in range(mention.sentence - 1, max(0, mention.sentence - reach) - 1, -1):
            candidates = sorted(self._candidates(i, outside=True), key=lambda m: m.start)
            quote = self.quote_index_at(self.sentences[i].start) if described else None
            if quote is not None:
                candidates = [m for m in (self.speaker_of_quote(quote),) if m is not None] + candidates
            for m in candidates:
                if m.role == OTHER:
                    continue
                if m.referent.kind == "pronoun":
                    word = m.text.lower()
                    subject = self.lang.possessive_subjects.get(word, word)
                    if agreement.get(subject) not in ("male", "female") or subject not in self.lang.third_person:
                        continue
                    candidate: Mention | None = self.resolve(replace(m, text=subject))
                    if candidate is None or candidate.via != "pronoun":
                        return None  # the person in focus is not known
                elif self._is_role(m):
                    candidate = self._role_holder(m)
                    if candidate is None:
                        return None
                else:
                    if self._not_given_the_office(m, mention):
                        return None  # "Chancellor Tom Reyes ... The Bishop of Durham": someone else
                    candidate = self._settled(m)
                person = candidate.referent
                if not person.is_person or person.plural:
                    continue
                named = person.surname is not None and person.role in (None, mention.referent.role)
                return candidate if named else None
        return None

    def _not_given_the_office(self, person: Mention, office_holder: Mention) -> bool:
        """Whether `office_holder` names an office of a place ("the Bishop of Durham") and
        `person` is not given its title: such an office names one person, the one the text gave
        it ("Bristol Mayor Ana Ruiz" for "the Mayor of Bristol"), never whoever was in focus."""
        words = (office_holder.referent.role or "").split()
        if len(words) < 3 or words[1] not in self.lang.office_links:
            return False
        title = self.lang.title_spellings.get(words[0], words[0])
        given = {
            self.lang.title_spellings.get(t.lower, t.lower)
            for t in self.tokens(person.sentence)[person.start : person.end]
        }
        return title not in given

    def _in_headline(self, mention: Mention) -> bool:
        """Whether a mention is in a headline: a first sentence that is a paragraph of its own."""
        sentences = self.sentences
        return mention.sentence == 0 and len(sentences) > 1 and sentences[1].paragraph > sentences[0].paragraph

    def _titled(self, m: Mention, title: str) -> bool:
        """Whether the text gives a named person `title` as their office, not a former or
        other one ("Gov. Ana Ruiz", not "Former Governor Ana Ruiz")."""
        office = self._office(m)
        return office[-1:] == (title,) and not set(office) & self.lang.role_changing_modifiers

    def _is_headline_role(self, mention: Mention) -> bool:
        """A person known by a role alone in a headline, which drops the article ("Mayor ally
        rejects ...", "Police chief backs ...")."""
        referent = mention.referent
        return (
            self._in_headline(mention)
            and referent.is_person
            and not referent.plural
            and referent.role is None
            and referent.surname is None
            and referent.id is None
        )

    def _is_lead_description(self, mention: Mention) -> bool:
        """A person the story's first sentence introduces by a description alone and names
        only after it ("A New York judge has rejected ... Justice Frank Nervo ...", "The
        chancellor's closest ally has denied ... Ed Balls ... said"): the subject of the
        sentence that opens the story, outside quotes, one unnamed person."""
        referent = mention.referent
        return (
            self._opens_story(mention.sentence)
            and mention.start == 0
            and self.quote_index_at(mention.char_start) is None
            and referent.is_person
            and not referent.plural
            and (referent.role is None or self._owned(mention))
            and referent.surname is None
            and referent.id is None
        )

    def _opens_story(self, i: int) -> bool:
        """Whether sentence i is the first of the story below its headline."""
        sentences = self.sentences
        return i == 1 and sentences[1].paragraph > sentences[0].paragraph

    def _owned_words(self, mention: Mention) -> list[Token]:
        """The words of a mention after its last possessive mark: "closest ally" of "the
        chancellor's closest ally", all of "a New York judge"."""
        words = self._words_of(mention)
        marks = [k for k, t in enumerate(words) if t.lower in ("'s", "'")]
        return words[marks[-1] + 1 :] if marks else words

    def _words_of(self, mention: Mention) -> list[Token]:
        return self.tokens(mention.sentence)[mention.start : mention.end]

    def _named_in_lead(self, mention: Mention, role: tuple[str, ...], described: bool = False) -> Mention | None:
        """A headline's role as the person its lead names for it (see `_lead_person`), marked
        with how it was reached; None when the lead names no one for it."""
        holder = self._lead_person(mention, role, described)
        if holder is None:
            return None
        how = f"{mention.text!r} is the role of {holder.text!r}, named in the lead"
        return replace(mention, referent=holder.referent, via="mention", how=how)

    def _lead_person(self, mention: Mention, role: tuple[str, ...], described: bool = False) -> Mention | None:
        """The person a headline's role stands for when the story never states the role with a
        name: a headline restates the lead ("Mayor ally rejects fare rise" over "The mayor's
        closest ally has rejected ...  Tomas Berg, who chairs ..., said"), so it is the first
        named person who opens a clause or speaks, outside quotes, in the first
        `HEADLINE_LEAD` sentences below it (below the lead's first sentence, for a person it
        introduces by a description); not an owner ("the mayor's", the one named in the role)
        and not one the text
        gives an office that shares no word with the role `role` (its words), or a word that
        makes it another office ("former"): that person is someone else, and no one is named.
        A person the lead gives the role's title ("the endorsement of Gov. Ana Ruiz" under
        "Texas governor endorses ...") is taken first. For a description in the story's first
        sentence (`described`), the one who follows it must be given no office at all: a lead
        that says "a senior Labour MP" and then "Labour leader Ana Ruiz" has not named the MP."""
        if not role:
            return None
        lead = range(mention.sentence + 1, min(len(self.sentences), mention.sentence + 1 + HEADLINE_LEAD))
        owners = {t.text for t in self._words_of(mention)}  # "Brown" of "Gordon Brown's closest ally"
        titled = {
            m.referent.name: m
            for i in lead
            for m in self.mentions(i)
            if m.referent.is_person and m.referent.full_name and self._titled(m, role[-1])
        }
        if titled:
            return next(iter(titled.values())) if len(titled) == 1 else None
        words = set(role)
        for i in lead:
            for m in sorted(self.mentions(i), key=lambda m: m.start):
                person = m.referent
                if m.role == OTHER or not (person.is_person and person.full_name) or person.plural:
                    continue
                if self.quote_index_at(m.char_start) is not None:
                    continue
                if self._possessive(m) or person.surname in owners:
                    continue
                office = set(self._office(m))
                other = described or not office & words or office & self.lang.role_changing_modifiers
                return None if office and other else m
        return None

    def _full_name_below(self, mention: Mention) -> Mention | None:
        """The full name of a short name in a headline or lead that the story gives only below
        it ("Okafor backs rail strike" over "Union leader Grace Okafor has backed ..."): the
        one full name ending in that surname in the `FORWARD` sentences after it; None when
        there are two (a headline does not say which)."""
        if self.sentences[mention.sentence].paragraph > LEAD_PARAGRAPH:
            return None
        key, fuller = self._fuller_name(mention)
        found: dict[str, Mention] = {}
        starts, ends = self.sentences.starts, self.sentences.ends
        for i in range(mention.sentence + 1, min(len(self.sentences), mention.sentence + 1 + FORWARD)):
            if self.lowered.find(key, starts[i], ends[i]) < 0:
                continue
            for m in self.mentions(i):
                if fuller(m):
                    found.setdefault(m.referent.name, m)
        return next(iter(found.values())) if len(found) == 1 else None

    def _owned(self, mention: Mention) -> bool:
        """Whether a mention is owned by a name inside it ("the prime minister's spokesman")."""
        tokens = self.tokens(mention.sentence)
        return any(t.lower in ("'s", "'") for t in tokens[mention.start : mention.end - 1])

    def _antecedent(
        self, mention: Mention, pronoun: str, prefer_speaker: bool, floor: int, not_name: str | None = None
    ) -> Mention | None:
        here = mention.sentence
        if not_name is None:
            not_name = self._relative_head_before(mention)
        own_quote = self.quote_index_at(mention.char_start)
        same = [
            m
            for m in self.mentions(here)
            if m.end <= mention.start
            and m.referent.kind != "pronoun"
            and self.quote_index_at(m.char_start) in (None, own_quote)
        ]  # '"... Obama ...," he said': a name inside the quote is not its speaker
        speaking = self._speaker_name(own_quote, here, same)
        adjunct = self._opening_participle(mention)
        if adjunct is not None:
            same = [m for m in same if m.start < adjunct]
        if self._reports_the_clause_before(mention):
            same = []  # "Mr Brown's plan would fail, he said": who says it is not whom it names
        same = [m for m in same if not self._in_relative_aside(m, mention.start)]

        @cache
        def named_after() -> Callable[[str | None], bool]:  # worked out when a candidate first asks
            return self._named_later_by_its_subject(mention, pronoun)

        def allowed(name: str | None) -> bool:
            return name != speaking and (not_name is None or name != not_name) and not named_after()(name)

        repeated = self._coordinated_possessive(mention, pronoun)
        if repeated is not None:
            return self._antecedent(repeated, pronoun, prefer_speaker, floor, not_name)
        decided, subject = self._linked_clause_subject(mention, pronoun, same)
        if decided:
            return subject if subject is None or allowed(subject.referent.name) else None
        passed_a_name = False
        for m in reversed(same):
            settled = self._settled(m)
            if speaking is not None and settled.referent.name == speaking:
                continue  # 'Ana Ruiz said: "He let us down"': who speaks calls herself "I", not "he"
            if not_name is not None and settled.referent.name == not_name:
                continue  # "Ana Ruiz criticised him": him is not Ana Ruiz
            if self._unnamed_description(settled):
                continue
            if compatible(pronoun, settled.referent, self.lang):
                # "While saying he admired Blair's work, he ...": one who owns a thing named
                # after an agreeing pronoun is not that pronoun's person
                earlier_pronoun = self._owner_after_pronoun(pronoun, m)
                if earlier_pronoun is not None:
                    return self._chained(pronoun, earlier_pronoun, floor)
                return settled
            if not passed_a_name and self._named_subject(pronoun, settled):
                return settled
            if self._bare_name_for_a_body(pronoun, settled):
                # "Dyno said it ...", "take Dyno's calls until it agrees": Dyno, a body, for "it";
                # for "they" it may be Dyno or not, but no one named before it
                neuter = self.lang.pronoun_agreement.get(pronoun) == "neuter"
                if not neuter or self._after_a_capitalised_word(m):
                    return None  # "Kids First Manitoba said it": the tail of a longer name
                return replace(settled, referent=replace(settled.referent, kind=ORGANISATION))
            # "Cameron criticised Trump over his call": with another bare name nearer, the
            # subject is no safer a guess than that name
            passed_a_name = passed_a_name or settled.referent.kind == UNKNOWN
        earlier = range(here - 1, floor - 1, -1)
        outside = own_quote is None
        if prefer_speaker:
            for i in earlier:
                for m in self._candidates(i, outside):
                    if m.role != SPEAKER:
                        continue
                    if m.referent.kind == "pronoun":
                        chained = self._chained(pronoun, m, floor)
                        if chained is not None:
                            return chained
                    elif self._compatible_settled(pronoun, m) and allowed(self._settled(m).referent.name):
                        return self._settled(m)
                if self._names_a_person(pronoun, i, outside):
                    break  # "The report was welcomed by Tom Reyes. '...,' he said": the one named last
                quote = self._quote_speaker_in(i)
                if quote is not None and compatible(pronoun, quote.referent, self.lang):
                    return quote if allowed(quote.referent.name) else None
        for i in earlier:
            for m in self._ranked(i, outside):
                if m.referent.kind == "pronoun":
                    chained = self._chained(pronoun, m, floor)
                    if chained is not None and allowed(chained.referent.name):
                        return chained
                elif self._compatible_settled(pronoun, m) and allowed(self._settled(m).referent.name):
                    return self._settled(m)
                elif self._surname_acting(pronoun, m) and allowed(self._settled(m).referent.name):
                    return self._settled(m)  # "Obama has done ... . He used ...": Obama
        return None

    def _relative_head_before(self, mention: Mention) -> str | None:
        """Who a relative pronoun just before a pronoun stands for ("Tom Hale, whom he
        blasted"), the one the pronoun cannot be: the relative is the object of the pronoun's
        own verb, and a subject is not its own object ("he blasted Hale"). A "that" after the
        one spoken to is read so too ("told a reporter that he planned to ..."): the
        pronoun is the teller. None when no relative pronoun stands there."""
        if mention.start == 0:
            return None
        tokens = self.tokens(mention.sentence)
        if tokens[mention.start - 1].lower not in self.lang.relative_pronouns:
            return None
        head = self.relative_antecedent(mention.sentence, mention.start - 1)
        return None if head is None else self._settled(head).referent.name

    def _named_later_by_its_subject(self, mention: Mention, pronoun: str) -> Callable[[str | None], bool]:
        """Whether a name is one of the people a "he" or "she" that opens its sentence cannot
        be: those its own clause names after it. A subject pronoun and a name in its clause are
        two people ("He backed Obama's plan" is not Obama's backing); a pronoun that opens a
        clause set before the main one ("When he spoke, Obama ...") and a name in a clause
        coordinated after a comma ("He admits ..., but Prager thinks ...") or written as a
        modifier ("thanks to the Grayson name") may be the same person. A surname alone
        rules out the full names it ends."""
        if self.lang.pronoun_agreement.get(pronoun) not in ("male", "female"):
            return _rules_out_no_one
        tokens = self.tokens(mention.sentence)
        opening = self.lang.quote_marks | self.lang.coordinators
        if any(t.text not in opening and t.lower not in opening for t in tokens[: mention.start]):
            return _rules_out_no_one
        end = next(
            (
                k
                for k in range(mention.end, len(tokens))
                if tokens[k].text in self.lang.clause_breaks
                or (tokens[k].lower in self.lang.coordinators and tokens[k - 1].text == ",")
            ),
            len(tokens),
        )
        later = [
            m
            for m in self.mentions(mention.sentence)
            if mention.end <= m.start < end
            and m.referent.kind != "pronoun"
            and tokens[m.start].lower not in self.lang.articles
            and not (m.start > 0 and tokens[m.start - 1].lower in self.lang.articles)
        ]
        full = {name for m in later if (name := self._settled(m).referent.name)}
        surnames = {name.casefold() for name in full if " " not in name}
        for m in later:  # "Randolph and state Sen. Darren Soto": each one listed
            surnames.update(
                tokens[k - 1].lower
                for k in range(m.start + 1, m.end)
                if tokens[k].lower in self.lang.coordinators and tokens[k - 1].text[:1].isupper()
            )

        def named_after(name: str | None) -> bool:
            return bool(name) and (name in full or name.rpartition(" ")[2].casefold() in surnames)

        return named_after

    def _surname_acting(self, pronoun: str, m: Mention) -> bool:
        """Whether a mention of an earlier sentence is one capitalised word that opens its
        clause and is followed by its verb ("Obama has done ..."), no earlier full name saying
        what it is: a "he" or "she" after it refers to it sooner than to one named before."""
        settled = self._settled(m)
        referent = settled.referent
        gendered = self.lang.pronoun_agreement.get(pronoun) in ("male", "female")
        if not gendered or m.role == OTHER or referent.kind != UNKNOWN or referent.surname is None:
            return False
        tokens = self.tokens(m.sentence)
        if m.end >= len(tokens) or self._possessive(m) or tokens[m.start].lower in self.lang.function_words:
            return False
        acts = (
            m.role == SPEAKER  # '"...," said Okafor': a person who speaks
            or tokens[m.end].lower in self.lang.speech_verbs
            or self._sentence_context(m.sentence, tokens).tags[m.end] in _VERB_TAGS
        )
        return acts and self._capitalised_inside_a_sentence(tokens[m.start].text, m.sentence)

    def _capitalised_inside_a_sentence(self, word: str, i: int) -> bool:
        """Whether `word` is written, capitalised, after the first word of sentence i or of one of
        the sentences before it: a name, not a common noun capitalised only because it opens its
        sentence ("Unity is a two-way street")."""
        for k in range(max(0, i - LOOKBACK), i + 1):
            tokens = self.tokens(k)
            for p in range(1, len(tokens)):
                before = tokens[p - 1].text
                opening = before in self.lang.quote_marks or before in (".", ":", "?", "!")
                if tokens[p].text == word and not opening:
                    return True
        return False

    def _linked_clause_subject(
        self, mention: Mention, pronoun: str, same: Sequence[Mention]
    ) -> tuple[bool, Mention | None]:
        """For a subject pronoun right after a clause linker ("..., though he", "so they", "when
        it"), whether the subject that opens its sentence decides whom it refers to, and whom:
        that subject when it is a mention that agrees ("Reyes met Alvarez when he ..." is Reyes,
        "The ministry fears a stall in Congress, so they ..." the ministry), None when it
        agrees but names no one ("The striker thought ... when he", "The threshold angered
        investors as it ...": the striker, the threshold, not a name nearer or further back).
        (False, None) when the pronoun opens no linked clause or the subject does not agree."""
        tokens = self.tokens(mention.sentence)
        at = mention.start
        linked = (
            at > 0 and tokens[at - 1].lower in self.lang.clause_linkers and not self._tells_of_a_time(tokens, at - 1)
        )
        if not linked or tokens[at].lower not in self.lang.third_person:
            return False, None
        opening = self._subject_start(tokens, at)
        if opening is None or self.quote_index_at(tokens[opening].start) != self.quote_index_at(mention.char_start):
            return False, None
        subject = self._relative_subject(mention, opening) or next((m for m in same if m.start == opening), None)
        if subject is not None and self._possessive(subject):
            return False, None  # "The party's platform ... unless they": the platform's, not the party
        if subject is not None:
            settled = self._settled(subject)
            if self._surname_acting(pronoun, subject):
                return True, settled  # "Trump will dominate ..., as he was against ...": Trump
            if not compatible(pronoun, settled.referent, self.lang):
                return False, None
            return True, None if self._unnamed_description(settled) else settled
        head = self._thing_subject_head(mention.sentence, opening, at)
        return (head is not None and self._noun_agrees(pronoun, tokens[head])), None

    def _tells_of_a_time(self, tokens: Sequence[Token], linker: int) -> bool:
        """Whether a linker follows a time after a comma ("a press conference on Monday, when
        he ..."): it says what happened then, to whomever the words before name, not what the
        sentence's subject did."""
        if linker < 2 or tokens[linker - 1].text != ",":
            return False
        word = tokens[linker - 2].lower
        lang = self.lang
        return word in lang.weekdays or word in lang.months or word in lang.time_units or word in lang.time_words

    def _relative_subject(self, mention: Mention, opening: int) -> Mention | None:
        """The antecedent of the last relative pronoun between a sentence's opening and a
        pronoun ("Ana Ruiz backed Tom Reyes, who quit because he ..."): the subject of the clause
        the pronoun's clause is linked to."""
        tokens = self.tokens(mention.sentence)
        relatives = self.lang.relative_pronouns - self.lang.complementisers
        last = next((k for k in range(mention.start - 1, opening, -1) if tokens[k].lower in relatives), None)
        return self.relative_antecedent(mention.sentence, last) if last is not None else None

    def _subject_start(self, tokens: Sequence[Token], before: int) -> int | None:
        """Where the subject that opens a sentence starts, past openers such as a quote mark or
        "And"; None when nothing is left before token `before`."""
        p = 0
        while p < before and (tokens[p].lower in self.lang.subject_openers or tokens[p].text in self.lang.quote_marks):
            p += 1
        return p if p < before else None

    def _thing_subject_head(self, i: int, start: int, before: int) -> int | None:
        """The head of a common noun phrase that starts at token `start` of sentence i and is
        followed by its verb ("The new reporting threshold angered ..."), before token `before`;
        None when the words there are no such subject."""
        tokens = self.tokens(i)
        tags = self._sentence_context(i, tokens).tags
        k = start
        while k < before and (tags[k] in _NOUN_PHRASE_TAGS or tokens[k].text == "-"):
            k += 1  # "the 300-member threshold": the hyphen of a compound
        head = k - 1
        while k < before and tags[k] == "ADV":
            k += 1  # "obviously recognises"
        if head < start or tags[head] != "NOUN" or k >= before or tags[k] not in _VERB_TAGS:
            return None
        return head

    def _noun_agrees(self, pronoun: str, noun: Token) -> bool:
        """Whether a common noun that names no one may be what `pronoun` stands for: a noun for
        people ("striker", "voters") for "he", "she" or "they"; a thing in the singular for "it",
        in the plural for "they"."""
        agreement = self.lang.pronoun_agreement.get(pronoun)
        people = self._people_noun(noun)
        plural = self._plural_noun(noun)
        if agreement in ("male", "female"):
            return people and not plural
        if agreement == "plural":
            return plural
        return agreement == "neuter" and not plural and not people

    def _people_noun(self, noun: Token) -> bool:
        """Whether a common noun names a person or people: a role, a person noun, or a noun with
        the ending of one ("striker", "organisers")."""
        lang = self.lang
        word = noun.lower
        listed = word in lang.role_words or word in lang.person_nouns or word in lang.plurals_without_s
        agent = word.endswith(lang.agent_suffixes) and not word.endswith(lang.agent_suffix_exceptions)
        return listed or (agent and word not in lang.non_actor_heads and word not in lang.comparatives)

    def _plural_noun(self, noun: Token) -> bool:
        """Whether a common noun is in the plural ("worms", "people")."""
        word = noun.lower
        return word in self.lang.plurals_without_s or lemma(noun.text, "NOUN").lower() != word

    def _after_a_capitalised_word(self, m: Mention) -> bool:
        """Whether a mention follows a capitalised word that does not open its sentence: it is
        then the tail of a longer name the mentions split ("Kids First Manitoba")."""
        tokens = self.tokens(m.sentence)
        return m.start > 1 and tokens[m.start - 1].text[:1].isupper()

    def _bare_name_for_a_body(self, pronoun: str, m: Mention) -> bool:
        """Whether a mention of the pronoun's sentence is one capitalised word that owns
        something, opens its clause or speaks ("Dyno's calls", "Brill has", "Corda said"), and
        that no earlier full name explains: nobody says what it is, so an "it" or "they" after
        it is likelier it than a body named sentences before."""
        agreement = self.lang.pronoun_agreement.get(pronoun)
        referent = m.referent
        if agreement not in ("neuter", "plural") or referent.kind != UNKNOWN or " " in referent.name:
            return False
        tokens = self.tokens(m.sentence)
        tags = self._sentence_context(m.sentence, tokens).tags
        if self._possessive(m):
            owned = m.end + (tokens[m.end - 1].lower not in ("'s", "'") and not m.text.endswith(("'s", "'")))
            return owned < len(tokens) and tags[owned] in _OWNED_TAGS  # "Dyno's calls"; not "told Dyno's that"
        if m.role == OTHER or m.end >= len(tokens):
            return False
        # a verb right after it: "Dyno said it", "Brill has"; not "Super Tuesday said"
        return tokens[m.end].lower in self.lang.speech_verbs or tags[m.end] in _VERB_TAGS

    def _they_of_one_body(self, pronoun: str, target: Mention) -> bool:
        """Whether a "they" was resolved to one body in the singular ("the regulator"): a
        reading news allows, but a weaker one than things named in the plural nearer it."""
        referent = target.referent
        return self.lang.pronoun_agreement.get(pronoun) == "plural" and not referent.plural and referent.kind != GROUP

    def _things_act_between(self, target: Mention, mention: Mention) -> bool:
        """Whether, between a single body a "they" was resolved to and that "they", a plural
        common noun for things does something ("warned about the worms but said the worms do
        little harm. Instead they ..."): those things are the nearer "they"."""
        for i in range(target.sentence, mention.sentence + 1):
            tokens = self.tokens(i)
            tags = self._sentence_context(i, tokens).tags
            start = target.end if i == target.sentence else 0
            end = mention.start if i == mention.sentence else len(tokens)
            for k in range(start, min(end, len(tokens) - 1)):
                noun = tokens[k]
                acts = tags[k] == "NOUN" and tags[k + 1] in _VERB_TAGS
                if acts and self._plural_noun(noun) and not self._people_noun(noun) and noun.text.islower():
                    return True
        return False

    def _in_relative_aside(self, m: Mention, before: int) -> bool:
        """Whether `m` stands in a relative clause set off by commas after another mention and
        closed before token `before`: "Ana Ruiz, whose tutor was Tom Reyes, said he ..." is
        about Ana Ruiz, and the name inside describes her; "he" is the sentence's subject."""
        tokens = self.tokens(m.sentence)
        relatives = self.lang.relative_pronouns | self.lang.possessive_relatives
        opener = next((k for k in range(m.start - 1, 0, -1) if tokens[k].text == ","), None)
        if opener is None or opener + 1 >= m.start or tokens[opener + 1].lower not in relatives:
            return False
        closed = any(tokens[k].text == "," for k in range(m.end, before))
        named_before = any(other.end <= opener for other in self.mentions(m.sentence))
        return closed and named_before

    def _opening_participle(self, mention: Mention) -> int | None:
        """Where a participle phrase that opens the sentence starts, when the subject pronoun
        `mention` comes right after it ("Standing next to Mr Blair he added", "But after
        meeting Ana Ruiz, she said"): the pronoun's person is the participle's subject, and
        whom the phrase names is someone that person met or stood beside. None otherwise, as
        when a verb stands right before the pronoun ("Meeting Ana Ruiz, Tom said she ...")."""
        lang = self.lang
        if mention.text.lower() not in lang.third_person:
            return None
        tokens = self.tokens(mention.sentence)
        p = 0
        while p < mention.start and tokens[p].lower in lang.subject_openers:
            p += 1
        if p + 1 < mention.start and tokens[p].lower in lang.function_words:
            p += 1  # "after meeting ...", "while visiting ..."
        if p >= mention.start or tokens[p].lower not in ing_forms():
            return None
        before = tokens[mention.start - 1]
        named_before = any(m.end == mention.start for m in self.mentions(mention.sentence))
        return p if before.text == "," or named_before else None

    def _reports_the_clause_before(self, mention: Mention) -> bool:
        """Whether a pronoun speaks the clause before it, after a comma ("..., he said"): it is
        the speaker of what that clause says, and the names in it are whom the speaker talks
        about, as names inside a quote are."""
        tokens = self.tokens(mention.sentence)
        after = mention.end
        return (
            mention.start > 0
            and tokens[mention.start - 1].text == ","
            and after < len(tokens)
            and self._reports_before(tokens[after])
        )

    def _names_a_person(self, pronoun: str, i: int, outside: bool) -> bool:
        """Whether sentence i names, by full name, a person `pronoun` may refer to: a speaker
        said only further back is no likelier than the person just introduced ("Oxfam's Tom
        Reyes welcomed the plan. But he added: ..." is Reyes, whoever spoke before)."""
        return any(
            m.referent.kind != "pronoun"
            and self._compatible_settled(pronoun, m)
            and self._settled(m).referent.full_name
            for m in self._candidates(i, outside)
        )

    def _speaker_name(self, quote: int | None, mention_sentence: int, before: Sequence[Mention]) -> str | None:
        """The name of whoever speaks a quote that opens in sentence `mention_sentence`, whom a
        third-person pronoun inside it is not: its attributed speaker, else the subject that
        opens its sentence outside it ('The Tory leader went on: "He ..."'); None outside
        quotes or when no one is named."""
        if quote is None or self.segmentation.quotes[quote].start < self.sentences[mention_sentence].start:
            return None  # a quote opened sentences before may be a stray mark's: who speaks is less sure
        speaker = self.speaker_of_quote(quote)
        if speaker is None:
            opening = [m for m in before if m.role != OTHER and self.quote_index_at(m.char_start) is None]
            speaker = self._settled(opening[0]) if opening else None
        if speaker is None or speaker.referent.kind == "pronoun":
            return None
        return speaker.referent.name

    def _possessive(self, m: Mention) -> bool:
        """Whether a mention owns what follows it ("Blair's", "the mayor's")."""
        tokens = self.tokens(m.sentence)
        return m.text.endswith(("'s", "'")) or (m.end < len(tokens) and tokens[m.end].lower in ("'s", "'"))

    def _coordinated_possessive(self, mention: Mention, pronoun: str) -> Mention | None:
        """The same possessive earlier in the sentence that a coordinated one repeats ("to
        defend his praise of the Chinese leader, Xi Jinping, and his call for tariffs"): both
        are one person's, whoever the first one's phrase names; None when the possessive
        does not follow a coordinator or says it first."""
        tokens = self.tokens(mention.sentence)
        written = tokens[mention.start].lower
        before = mention.start - 1
        if written not in self.lang.possessive_subjects or before < 0:
            return None
        if tokens[before].lower not in self.lang.coordinators:
            return None
        for k in range(before - 1, -1, -1):
            if tokens[k].lower == written:
                token = tokens[k]
                return replace(mention, start=k, end=k + 1, char_start=token.start, char_end=token.end)
        return None

    def _owner_after_pronoun(self, pronoun: str, m: Mention) -> Mention | None:
        """The agreeing pronoun that speaks or opens a clause before `m` in its sentence, when
        `m` is a possessive ("Blair's"): the pronoun, else None."""
        if not self._possessive(m):
            return None
        agreement = self.lang.pronoun_agreement
        for other in self.mentions(m.sentence):
            if other.end > m.start:
                break
            word = other.text.lower()
            if (
                other.referent.kind == "pronoun"
                and other.role != OTHER
                and agreement.get(word) == agreement.get(pronoun)
            ):
                return other
        return None

    def names_agreeing_before(self, mention: Mention, pronoun: str, sentences: int) -> set[str]:
        """The names of the mentions a third-person `pronoun` at `mention` agrees with, in its
        sentence before it and in the `sentences` before that, short names and roles settled:
        more than one, and which one it means is a guess."""
        names: set[str] = set()
        for i in range(max(0, mention.sentence - sentences), mention.sentence + 1):
            for m in self.mentions(i):
                if m.referent.kind == "pronoun" or (i == mention.sentence and m.end > mention.start):
                    continue
                settled = self._settled(m)
                if compatible(pronoun, settled.referent, self.lang):
                    names.add(settled.referent.name)
        return names

    def _candidates(self, i: int, outside: bool) -> list[Mention]:
        """The mentions of an earlier sentence that a pronoun may refer back to: for a pronoun
        outside quotes, none inside a quote ('"Reyes let us down," he said. He ...' is not Reyes)."""
        mentions = self.mentions(i)
        if not outside:
            return mentions
        return [m for m in mentions if self.quote_index_at(m.char_start) is None]

    def _ranked(self, i: int, outside: bool) -> list[Mention]:
        """The candidates of an earlier sentence, likeliest first: the speaker of a quote there
        (for a pronoun outside quotes), a pronoun or possessive that opens the sentence (the
        chain of one person's sentences), speakers and subjects, then the rest, left to right."""
        ranked = sorted(self._candidates(i, outside), key=lambda m: (m.role == OTHER, m.start))
        opening = self._opening_possessive(i)
        if opening is not None:
            ranked.insert(0, opening)
        if outside:
            quote = self._quote_speaker_in(i)
            if quote is not None and self.quote_index_at(self.sentences[i].start) is not None:
                ranked.insert(0, quote)
        return ranked

    def _opening_possessive(self, i: int) -> Mention | None:
        """A possessive pronoun that opens sentence i ("His party wants ..."): the sentence is
        about whom it refers to, as a subject pronoun would say."""
        tokens = self.tokens(i)
        at = 2 if self._opens_with_a_part_of(tokens) else 0
        if len(tokens) <= at or tokens[at].lower not in self.lang.possessive_subjects:
            return None
        t = tokens[at]
        return Mention(i, at, at + 1, t.start, t.end, t.text, Referent(t.text, "pronoun"), SUBJECT)

    def _opens_with_a_part_of(self, tokens: Sequence[Token]) -> bool:
        """Whether a sentence opens "One of ..." / "Some of ...": a possessive after it ("One of
        his pupils was ...") says whom the sentence is about, as an opening "His" does."""
        return len(tokens) > 2 and tokens[0].lower in self.lang.opening_partitives and tokens[1].lower == "of"

    def _chained(self, pronoun: str, m: Mention, floor: int) -> Mention | None:
        """What an earlier pronoun that agrees with `pronoun` and opens its clause or speaks
        refers to: "Alvarez spoke. He said ... . He backs ..." is one chain back to Alvarez."""
        word = m.text.lower()
        agreement = self.lang.pronoun_agreement
        if m.role == OTHER or word in self.lang.first_person or agreement.get(word) != agreement.get(pronoun):
            return None
        subject = self.lang.possessive_subjects.get(word, word)
        if subject not in self.lang.third_person:
            return None
        key = (m.sentence, m.start)
        if key in self._chaining:
            return None  # through quote speakers the chain came back to a pronoun it started from
        as_subject = m if subject == word else replace(m, text=subject)
        self._chaining.add(key)
        try:
            resolved = self.resolve(as_subject, floor=floor)
        finally:
            self._chaining.discard(key)
        return resolved if resolved.via == "pronoun" else None

    def _named_subject(self, pronoun: str, m: Mention) -> bool:
        """A one-word name that starts its clause or speaks, in the pronoun's own sentence:
        "Trump was defending his support", "Sandoval said he had voted". Without a full name
        earlier it is not known to be a person, but in the same sentence it is the likeliest one."""
        if pronoun not in ("he", "she") or m.referent.kind != UNKNOWN or m.referent.surname is None:
            return False
        tokens = self.tokens(m.sentence)
        before = tokens[m.start - 1].lower if m.start > 0 else ""
        following = tokens[m.end].lower if m.end < len(tokens) else ""
        if before in ("said", "says"):
            return True  # '"...," said Sandoval'
        if following in self.lang.speech_verbs:
            return before not in self.lang.addressee_verbs  # "Nicolas told me"; not "told Politico that he"
        verb_follows = following in self.lang.subject_verbs or (following.endswith("ed") and following.isalpha())
        # "Democratic calls for ...": an adjective, not a subject; "This Morning she said": a title
        return m.role == SUBJECT and verb_follows

    def _quote_speaker_in(self, i: int) -> Mention | None:
        sentence = self.sentences[i]
        for k in self.segmentation.quotes_starting(sentence.start, sentence.end):
            speaker = self.speaker_of_quote(k)
            if speaker is not None:
                return speaker
        return None

    def _compatible_settled(self, pronoun: str, m: Mention) -> bool:
        if m.referent.kind == "pronoun":
            return False
        settled = self._settled(m)
        return compatible(pronoun, settled.referent, self.lang) and not self._unnamed_description(settled)

    def _unnamed_description(self, m: Mention) -> bool:
        """Whether a mention describes a person by what they are ("the comedian") and no name
        was found for it: a pronoun after it refers to whom it describes, and names no one if
        it stops there; the name may be the one before ("Ana Ruiz's new show, the comedian
        said. She ...")."""
        referent = m.referent
        words = (referent.role or "").split()
        return self._is_role(m) and bool(words) and words[-1] in self.lang.person_nouns

    def _settled(self, m: Mention) -> Mention:
        """A mention with its short name or its role expanded (a pronoun antecedent named "Kirby"
        is John Kirby, one named "the Tory leader" the Tory leader named before)."""
        settle = self._is_short_name(m) or self._is_role(m) or self._is_common_body(m) or self._is_lead_body(m)
        return self.resolve(m) if settle else m

    def _full_name(self, mention: Mention) -> Mention | None:
        """The latest earlier mention of a person with a full name ending in this short name's
        surname, of a gender that does not contradict its title. When the story has named two
        such people ("Hillary Clinton", then her husband "Bill Clinton"), the surname alone is
        the one it named first: news gives the person it is about the short name and keeps
        naming the other in full or by title ("Mr. Clinton"), so the nearest full name is
        often the one the surname does not mean. Only names written as a person's (a first
        name, at most one middle name) are counted so: a headline in title case runs words
        into a name ("Senator Says Trump"), and is where a story names first."""
        key, fuller = self._fuller_name(mention)
        latest: dict[str, Mention] = {}
        nearest = first_named = None
        starts, ends = self.sentences.starts, self.sentences.ends
        for i in range(mention.sentence, self._lookback_floor(mention.sentence) - 1, -1):
            if self.lowered.find(key, starts[i], ends[i]) < 0:
                continue
            for m in reversed(self.mentions(i)):
                if (i < mention.sentence or m.start < mention.start) and fuller(m):
                    latest.setdefault(m.referent.name, m)
                    nearest = nearest or m
                    if self._written_as_a_person(m.referent.name):
                        first_named = m.referent.name
        return latest[first_named] if first_named is not None else nearest

    def _written_as_a_person(self, name: str) -> bool:
        """Whether a full name opens with a known first name and holds at most one middle
        name besides initials ("Donald J. Trump", "Hillary Rodham Clinton")."""
        words = name.split()
        middle = [word for word in words[1:-1] if len(word.rstrip(".")) > 1]
        return self.lang.is_first_name(words[0].casefold()) and len(middle) <= 1

    @staticmethod
    def _fuller_name(mention: Mention) -> tuple[str, Callable[[Mention], bool]]:
        """What a short name's full name is found by: the surname as it reads in lower-cased
        text, and a test of a mention for a full name ending in that surname, of a gender that
        does not contradict the short name's title."""
        surname = mention.referent.surname or mention.referent.name
        gender = mention.referent.gender

        def fuller(m: Mention) -> bool:
            r = m.referent
            return r.full_name and r.surname == surname and (gender is None or r.gender in (None, gender))

        return normalise(surname), fuller

    # -- reported speech ---------------------------------------------------------------------

    def reporter(self, i: int, match_start: int, match_end: int, actor_start: int) -> Mention | None:
        """The speaker of reported speech around a stance: "X said (that) Y opposes Z", "Y
        opposes Z, X said"; None when the stance is not reported speech."""
        tokens = self.tokens(i)
        p = actor_start - 1
        if p >= 0 and tokens[p].lower == "that":
            p -= 1
        if p >= 0 and tokens[p].lower in self.lang.speech_verbs:
            found = self._subject_before(i, p)
            if found is not None:
                return self.resolve(found, prefer_speaker=True)
        q = match_end
        while q < len(tokens) and tokens[q].text in (",", "--", "\u2014"):
            q += 1
        if q < len(tokens) and q > match_end:
            found = self._attribution_from(i, q)
            if found is not None:
                return self.resolve(found, prefer_speaker=True)
        return None

    def relative_antecedent(self, i: int, position: int) -> Mention | None:
        tokens = self.tokens(i)
        span = antecedent(tokens, position, self.lang)
        if span is None:
            return None
        return self.mention(i, *span)


def _rules_out_no_one(name: str | None) -> bool:
    return False
