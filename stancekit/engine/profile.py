"""The language profile: every word list the engine consults, as one frozen value.

The engine knows mechanisms (how an actor phrase is built, how far a negation reaches, where a
topic ends); the words those mechanisms look for belong to the rule pack, under `language:`
in its rule files (the English ones are in `rules/en/language/`). This module only defines
the slots and what the engine does with each; `stancekit.dsl.language` reads and merges the
YAML, and the compiled rule set carries the result, so a profile is pickled and cached with
the rules.

Word slots hold comparison forms (lower case, straight apostrophes) unless their kind is
`CASED`; phrase slots hold tuples of such words; suffix slots are tuples for `str.endswith`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

from stancekit.identitymemo import IdentityMemo

if TYPE_CHECKING:
    from stancekit.text.tokens import Token

T = TypeVar("T")

#: Slot kinds: how a YAML list becomes the slot's value.
WORDS = "words"  # frozenset of lower-cased words (or multi-word strings compared whole)
CASED = "cased"  # frozenset of words compared exactly as written
PHRASES = "phrases"  # tuple of word tuples, each entry split on spaces
SUFFIXES = "suffixes"  # tuple of lower-case endings
MAPPING = "mapping"  # dict word -> word
WORD_MAPPING = "word mapping"  # dict word -> tuple of words (an entry may map to nothing)

KINDS = (WORDS, CASED, PHRASES, SUFFIXES, MAPPING, WORD_MAPPING)


def _slot(kind: str, doc: str) -> Any:
    if kind in (WORDS, CASED):
        return field(default=frozenset(), metadata={"kind": kind, "doc": doc})
    if kind in (PHRASES, SUFFIXES):
        return field(default=(), metadata={"kind": kind, "doc": doc})
    return field(default_factory=dict, metadata={"kind": kind, "doc": doc})


@dataclass(frozen=True)
class LanguageProfile:
    """One value per slot; `stancekit rules --language` prints each slot's documentation."""

    # -- pronouns ------------------------------------------------------------------------------
    subject_pronouns: frozenset[str] = _slot(WORDS, "A one-word ACTOR: a pronoun that holds a stance as a subject.")
    possessive_pronouns: frozenset[str] = _slot(
        WORDS, "A one-word HOLDER of a nominal stance; resolved like the subject pronoun it maps to."
    )
    relative_pronouns: frozenset[str] = _slot(
        WORDS, "An ACTOR only when an actor phrase stands right before it; the finding is named after that phrase."
    )
    complementisers: frozenset[str] = _slot(
        WORDS, "Relative pronouns that also open a reported clause: after a speech verb's object they refer to no one."
    )
    neuter_relatives: frozenset[str] = _slot(
        WORDS, "Relative pronouns for things and bodies: never a person's role before a preposition's object."
    )
    personal_relatives: frozenset[str] = _slot(
        WORDS, "Relative pronouns for people: after a description in apposition they refer to the person described."
    )
    clause_linkers: frozenset[str] = _slot(
        WORDS, "Open a linked clause: a subject pronoun right after one is the subject that opens its sentence."
    )
    possessive_relatives: frozenset[str] = _slot(
        WORDS, "Open a holder phrase whose owner is not named ('whose party'): the holder is unresolved."
    )
    first_person: frozenset[str] = _slot(WORDS, "Resolved to the speaker of the quote they stand in.")
    third_person: frozenset[str] = _slot(WORDS, "Resolved to an earlier mention that agrees with them.")
    possessive_subjects: Mapping[str, str] = _slot(
        MAPPING, "Possessive pronoun -> the subject pronoun whose agreement rules resolve it."
    )
    object_subjects: Mapping[str, str] = _slot(
        MAPPING, "Object pronoun -> the subject pronoun whose agreement rules resolve it ('him' like 'he')."
    )
    pronoun_referents: Mapping[str, str] = _slot(
        MAPPING, "Pronoun -> what it says of its referent before resolution: male, female, plural or neuter."
    )
    pronoun_agreement: Mapping[str, str] = _slot(
        MAPPING, "Pronoun -> the referents it may refer back to: male, female, plural or neuter."
    )
    partitive_pronouns: frozenset[str] = _slot(
        WORDS, "A one-word ACTOR when a verb follows it (a partitive standing for people)."
    )
    # -- actor phrases -------------------------------------------------------------------------
    determiners: frozenset[str] = _slot(WORDS, "May open an actor phrase, a topic noun phrase or an object.")
    articles: frozenset[str] = _slot(
        WORDS, "Open an appositive noun phrase; dropped from the start of a name before it is compared."
    )
    definite_articles: frozenset[str] = _slot(
        WORDS,
        "Before a role ('the Tory leader'): it is one known person, named after an earlier mention with that role.",
    )
    opening_partitives: frozenset[str] = _slot(
        WORDS,
        "Open a sentence with 'of' and a possessive ('One of his pupils was ...'): the sentence is about"
        " the possessive's person, as one opened by the possessive is.",
    )
    partitives: frozenset[str] = _slot(WORDS, "Followed by 'of' and a noun phrase inside an actor phrase.")
    name_joiners: frozenset[str] = _slot(WORDS, "Lower-case words that may join the capitalised parts of one name.")
    organisation_joiners: frozenset[str] = _slot(
        WORDS, "Lower-case words that join a name's parts right after an organisation word only."
    )
    role_words: frozenset[str] = _slot(
        WORDS, "Titles and roles: may stand inside a name or head an actor phrase; a bare singular one is no actor."
    )
    actor_nouns: frozenset[str] = _slot(WORDS, "Nouns that head an actor phrase (a collective, an institution).")
    actor_modifiers: frozenset[str] = _slot(WORDS, "Lower-case modifiers allowed before a role or actor noun.")
    function_words: frozenset[str] = _slot(
        WORDS, "Never part of an actor phrase, never a loose modifier; a word after one may start a noun phrase."
    )
    non_actor_heads: frozenset[str] = _slot(
        WORDS, "Nouns that never hold a stance, even with an agent ending (not taken as actor nouns)."
    )
    plural_modifiers: frozenset[str] = _slot(
        WORDS, "Plural nouns that may modify an actor noun right after a name (other -s words there are verbs)."
    )
    agent_suffixes: tuple[str, ...] = _slot(SUFFIXES, "Endings of lower-case nouns that name people: actor nouns.")
    agent_suffix_exceptions: tuple[str, ...] = _slot(SUFFIXES, "Endings that cancel an agent ending.")
    group_suffixes: tuple[str, ...] = _slot(
        SUFFIXES, "Endings of plural people nouns that may take a participle phrase ('... led by ...')."
    )
    comparatives: frozenset[str] = _slot(WORDS, "Words with an agent ending that name no one.")
    adjective_suffixes: tuple[str, ...] = _slot(
        SUFFIXES, "Endings of unlisted lower-case words accepted as modifiers of an actor noun without a determiner."
    )
    past_suffixes: tuple[str, ...] = _slot(
        SUFFIXES,
        "Endings of a verb in the past: such a word between a name and a role with a name ('Brown accused"
        " shadow chancellor Ana Ruiz') is a verb and its object, not a modifier of one actor.",
    )
    capitalised_non_names: frozenset[str] = _slot(CASED, "Capitalised words that never start or form a name.")
    participle_links: Mapping[str, tuple[str, ...]] = _slot(
        WORD_MAPPING, "Participle -> the words after it: extends a group noun by whom it represents or who leads it."
    )
    actor_prepositions: frozenset[str] = _slot(
        WORDS, "Prepositions whose object, an actor phrase, extends the actor phrase before them."
    )
    commerce_verbs: frozenset[str] = _slot(
        WORDS,
        'Verbs of a deal: a topic that opens with one after "to" ("agreed to buy AT&T") is'
        " commerce, not a stance (the reading commerce_topic).",
    )
    event_nouns: frozenset[str] = _slot(
        WORDS,
        'Plural nouns for violent events that a place\'s name may open ("the Paris attacks"): after'
        " an article and one name, and before no object, the cue is the event's noun, not a verb.",
    )
    non_name_suffixes: frozenset[str] = _slot(
        WORDS, "Endings of a capitalised word that opens no person's name though no list holds it ('Assuming')."
    )
    setting_prepositions: frozenset[str] = _slot(
        WORDS,
        "Prepositions whose object is where something happens: a place or body after one, perhaps"
        ' after a lower-case word ("in south Wales"), is where a stance was taken, not who took it.',
    )
    office_links: frozenset[str] = _slot(
        WORDS,
        "Join a capitalised title to the place or see it holds ('the Bishop of Durham'): such an office names"
        " one person, who may hold it unnamed.",
    )
    appositive_links: frozenset[str] = _slot(
        WORDS, "Words an appositive between commas may hold besides names, titles and actor nouns."
    )
    coordinators: frozenset[str] = _slot(
        WORDS, "Close a list of names; before a clause starter or a verb, they end a topic."
    )
    # -- people, titles, names, places ---------------------------------------------------------
    male_honorifics: frozenset[str] = _slot(WORDS, "Titles before a name that make the person male.")
    female_honorifics: frozenset[str] = _slot(WORDS, "Titles before a name that make the person female.")
    person_titles: frozenset[str] = _slot(
        WORDS, "Words that may stand before a person's name and are not part of it (honorifics included)."
    )
    person_nouns: frozenset[str] = _slot(
        WORDS,
        "Nouns that say what a person is, not an office ('billionaire', 'neurosurgeon'): 'the billionaire'"
        " is a person, the one named before it.",
    )
    member_nouns: frozenset[str] = _slot(
        WORDS,
        "Plural nouns for the members of a body: with nothing before them but the body's kind ('committee"
        " members', 'party members') they name no one.",
    )
    body_kinds: frozenset[str] = _slot(
        WORDS, "Nouns that call a body named before by its kind ('the party' after 'the Liberal Democrats')."
    )
    body_kind_heads: Mapping[str, tuple[str, ...]] = _slot(
        WORD_MAPPING,
        "A body noun -> the last words of the names it may stand for ('the watchdog' for a commission or an"
        " authority, 'the paper' for the Daily Telegraph); a noun not given stands for names ending in itself.",
    )
    title_spellings: Mapping[str, str] = _slot(
        MAPPING, "A title's short form -> the title ('sen.' -> 'senator'): one office, however it is written."
    )
    role_changing_modifiers: frozenset[str] = _slot(
        WORDS, "Words before a role that make it another office ('former', 'shadow'): never the same person's role."
    )
    role_keeping_modifiers: frozenset[str] = _slot(
        WORDS, "Words before a role that leave the office as it is ('new'): 'the home secretary' is the new one."
    )
    postnominal_titles: frozenset[str] = _slot(
        CASED, "Titles written after a person's full name ('Andrew Tyrie MP'): not part of the name."
    )
    adjectival_roles: frozenset[str] = _slot(
        WORDS, "Role words that are also adjectives: before a plain noun ('an official complaint') they head no actor."
    )
    male_names: frozenset[str] = _slot(WORDS, "First names that make a person male (for pronoun agreement).")
    female_names: frozenset[str] = _slot(WORDS, "First names that make a person female (for pronoun agreement).")
    organisation_words: frozenset[str] = _slot(
        WORDS, "Words that make a capitalised name an institution rather than a person."
    )
    non_person_heads: frozenset[str] = _slot(WORDS, "Last words of capitalised names that are things or places.")
    spokesperson_words: frozenset[str] = _slot(
        WORDS,
        "Nouns for one who speaks for a body ('a Home Office spokeswoman', 'a spokesman for UKIP'): an"
        " unnamed one's stance is the body's, for a rule that wants its holders named.",
    )
    definite_quantifiers: frozenset[str] = _slot(
        WORDS,
        "Words that open a plural holder meaning those named before ('both parties', 'all three"
        " candidates'): with no name in it, a holder no rule that wants its holders named reports.",
    )
    document_heads: frozenset[str] = _slot(
        WORDS,
        "Last words of what is written or enacted, not who writes it ('the Children Bill', 'the report'): a"
        " holder no rule that wants its holders named reports.",
    )
    places: frozenset[str] = _slot(
        WORDS, "Place names (whole, lower case) that are never what a personal pronoun refers back to."
    )
    place_abbreviations: frozenset[str] = _slot(
        WORDS, "Abbreviated place names (datelines); a place before or after one is a place too."
    )
    plurals_without_s: frozenset[str] = _slot(
        WORDS, "Plural nouns without -s: a name ending in one takes the bare verb."
    )
    # -- negation, hedges, conditions ----------------------------------------------------------
    negations: frozenset[str] = _slot(WORDS, "One-word negations: reverse a stance cue in their scope.")
    negation_phrases: tuple[tuple[str, ...], ...] = _slot(PHRASES, "Several-word negations before the cue.")
    pseudo_negations: tuple[tuple[str, ...], ...] = _slot(
        PHRASES, "Phrases that start with a negation and do not negate."
    )
    following_negations: tuple[tuple[str, ...], ...] = _slot(
        PHRASES, "Negations that follow the stance they negate, within the clause."
    )
    negation_terminators: frozenset[str] = _slot(
        WORDS, "A negation or hedge before one of these does not reach the cue after it."
    )
    relative_terminators: frozenset[str] = _slot(
        WORDS, "Terminators that do not end the search for a following negation."
    )
    hedges: frozenset[str] = _slot(WORDS, "One-word hedges: the stance stands but is marked hedged.")
    hedge_phrases: tuple[tuple[str, ...], ...] = _slot(PHRASES, "Several-word hedges before the cue.")
    opinion_frames: tuple[tuple[str, ...], ...] = _slot(
        PHRASES, "First-person opinion framings before the cue: they state a view and neither hedge nor negate."
    )
    conditions: frozenset[str] = _slot(WORDS, "Before the cue in its clause: the stance is conditional.")
    conditional_modals: frozenset[str] = _slot(
        WORDS, "In the negation scope, with a conditional clause word after the match: conditional."
    )
    conditional_clauses: frozenset[str] = _slot(WORDS, "Open a condition after a conditional modal.")
    inverted_conditions: tuple[tuple[str, ...], ...] = _slot(
        PHRASES, "Before the cue in its clause: an auxiliary before its subject ('had he known'): conditional."
    )
    indirect_questions: frozenset[str] = _slot(WORDS, "Before the cue in its clause: the stance is a question.")
    # -- verbs and auxiliaries -----------------------------------------------------------------
    passive_auxiliaries: frozenset[str] = _slot(
        WORDS, "Before a verb-only cue (after the actor): the match is a passive and gives no finding."
    )
    passive_gap: frozenset[str] = _slot(
        WORDS, "Words that may stand between a passive auxiliary and the cue (besides adverbs by their ending)."
    )
    be_forms: frozenset[str] = _slot(WORDS, "Before the cue 'back': it is an adverb, not a verb.")
    noun_complements: frozenset[str] = _slot(
        WORDS, "After a cue following a possessive marker: noun or verb, the stance is the same."
    )
    inflection_suffixes: tuple[str, ...] = _slot(
        SUFFIXES, "Endings of inflected verbs: a cue with one is read as a verb, not as a noun."
    )
    auxiliaries_before_subjects: frozenset[str] = _slot(
        WORDS, "Before a name, they open a question, so a bare cue after the name is a verb."
    )
    adverbs_before_verbs: frozenset[str] = _slot(
        WORDS, "May stand between a name and a bare cue that is then read as a noun the name modifies."
    )
    auxiliaries_after_subject: frozenset[str] = _slot(
        WORDS, "After a partitive pronoun: it stands for people and is the subject."
    )
    object_starts: frozenset[str] = _slot(WORDS, "Two words after a partitive pronoun: it is a subject with a verb.")
    # -- time ----------------------------------------------------------------------------------
    weekdays: frozenset[str] = _slot(WORDS, "Time words trimmed off the ends of a topic.")
    months: frozenset[str] = _slot(
        WORDS, "Time words trimmed off a topic; after a date preposition a month starts no actor."
    )
    time_units: frozenset[str] = _slot(WORDS, "Time words trimmed off a topic, except a bare one at its end.")
    time_words: frozenset[str] = _slot(WORDS, "Time words trimmed off the ends of a topic.")
    time_prefixes: frozenset[str] = _slot(WORDS, "Words trimmed with the time word after them.")
    time_counts: frozenset[str] = _slot(WORDS, "Counts trimmed with the time unit right after them ('one day').")
    rate_words: frozenset[str] = _slot(
        WORDS, "Between an amount and a time unit, make a rate kept in a topic ('$250,000 a year')."
    )
    amount_magnitudes: frozenset[str] = _slot(WORDS, "Follow the number of an amount ('$10 bn', '£3 million').")
    date_prepositions: frozenset[str] = _slot(WORDS, "Before a month: the month is a date, not a name.")
    dangling_prepositions: frozenset[str] = _slot(
        WORDS, "Trimmed off the end of a topic once a time phrase after them is gone."
    )
    # -- clause and topic boundaries -----------------------------------------------------------
    topic_dangling_words: frozenset[str] = _slot(
        WORDS, "A topic ending on one stopped mid-phrase: the reading 'dangling_topic' drops the match."
    )
    topic_stop_words: frozenset[str] = _slot(WORDS, "End a topic; a topic never starts with one.")
    topic_stop_phrases: tuple[tuple[str, ...], ...] = _slot(
        PHRASES,
        "Phrases that end a topic: adjuncts of the stance itself, not of its object ('defended the plan |"
        " against criticism', 'urged them to resign | in a letter').",
    )
    topic_stop_phrases_kept: tuple[tuple[str, ...], ...] = _slot(
        PHRASES, "Phrases in which a topic stop word does not end the topic ('such as', 'as well as')."
    )
    topic_stops_kept_after_verbs: frozenset[str] = _slot(
        WORDS, "Topic stop words that do not end a topic right after a verb ('remain as chancellor')."
    )
    topic_bad_starts: frozenset[str] = _slot(WORDS, "A topic never starts with one: the cue before it takes no object.")
    clause_starters: frozenset[str] = _slot(WORDS, "After a coordinator, start a new clause, which ends the topic.")
    topic_finite_verbs: frozenset[str] = _slot(
        WORDS, "End a noun-phrase topic (the main clause starts) unless a clause opener came first."
    )
    topic_clause_openers: frozenset[str] = _slot(
        WORDS, "Open a clause inside a topic, after which finite verbs no longer end it."
    )
    topic_stop_punct: frozenset[str] = _slot(WORDS, "Punctuation that ends a topic.")
    list_closers: frozenset[str] = _slot(
        WORDS, "Join the last item of a list a topic takes whole after a comma ('crime, asylum | and | taxes')."
    )
    topic_trailing_phrases: tuple[tuple[str, ...], ...] = _slot(
        PHRASES, "Trimmed off the end of a topic: adverbs that add the stance to another ('backed the idea | too')."
    )
    adverb_suffixes: tuple[str, ...] = _slot(
        SUFFIXES,
        "Endings of adverbs ('ly'): a word in lower case that ends so is read as an adverb (between a"
        " subject and its verb, after a speaker, as a topic); a name that ends so is written with a capital.",
    )
    lone_adverbs: frozenset[str] = _slot(
        WORDS,
        "Adverbs that are no topic on their own ('voted for yet', 'endorsed late'): a topic made only of"
        " them, of adverbs by their ending and of forms of 'be' says the verb took no object.",
    )
    quote_marks: frozenset[str] = _slot(WORDS, "Double quote marks as tokens.")
    clause_breaks: frozenset[str] = _slot(
        WORDS,
        "Punctuation that ends a clause inside a sentence (';', '...'): a pronoun opening the sentence"
        " may be a person named after one.",
    )
    clause_openers: frozenset[str] = _slot(
        WORDS, "Before a word, make it the start of a clause (where a bare actor phrase may begin)."
    )
    subject_openers: frozenset[str] = _slot(WORDS, "Before a capitalised word, make it a clause's subject.")
    connectives: frozenset[str] = _slot(
        WORDS, "May stand between a topic and the next stance of the same actor (the topics are cut apart)."
    )
    adjunct_prepositions: frozenset[str] = _slot(
        WORDS, "Start an adjunct of a topic: its dictionary entry is looked for before them."
    )
    # -- canonical keys of topics -------------------------------------------------------------
    key_dropped_openers: frozenset[str] = _slot(
        WORDS, "Dropped from the start of a topic's key besides determiners and possessives ('such', 'new', 'to')."
    )
    key_frames: tuple[tuple[str, ...], ...] = _slot(
        PHRASES, "Open a topic whose key is what follows them: 'calls for a ceasefire' is keyed 'ceasefire'."
    )
    key_frame_participles: tuple[str, ...] = _slot(
        SUFFIXES, "Endings of a verb's participle that may stand before a frame ('repeated calls for')."
    )
    key_cut_words: frozenset[str] = _slot(
        WORDS, "End the core of a topic's key (a trailing adjunct starts), besides relative pronouns and coordinators."
    )
    key_complement_links: frozenset[str] = _slot(
        WORDS, "Join a complement that stays in a topic's key: 'the return of the detainees' is 'return of detainee'."
    )
    key_kind_nouns: frozenset[str] = _slot(
        WORDS, "Nouns that only say what kind of thing a topic is: 'the immigration bill' is keyed 'immigration'."
    )
    key_generic_heads: frozenset[str] = _slot(
        WORDS, "Nouns that say which topic only with a modifier: a bare 'the plan' is keyed within its document."
    )
    key_pointing_heads: frozenset[str] = _slot(
        WORDS,
        "Heads of a topic that points at what its document names ('the plan', 'the bill'): keyed by"
        " what they refer to there.",
    )
    key_indefinite_actors: frozenset[str] = _slot(
        WORDS,
        "Indefinite pronouns that open an ACTOR ('anyone who ...', 'nobody'): a group only its document"
        " says the members of, keyed within it.",
    )
    key_common_acronyms: frozenset[str] = _slot(
        WORDS, "Common nouns written in capitals ('super PACs', 'MPs'): in a key they name no one, as 'voters' does."
    )
    key_group_nouns: frozenset[str] = _slot(
        WORDS,
        "Nouns for a group of people not written as plurals ('people', 'police'): an ACTOR they head is"
        " a group only its document says the members of.",
    )
    key_plural_names: frozenset[str] = _slot(
        WORDS,
        "Names of one body written as a plural after 'the' ('the Commons', 'the Times'): no nickname kept"
        " within its document.",
    )
    key_people_kinds: frozenset[str] = _slot(
        WORDS,
        "Plural nouns news capitalises for kinds of people, not bodies ('Millennials', 'Evangelicals'):"
        " an ACTOR they head is a group only its document says the members of.",
    )
    key_setting_topics: frozenset[str] = _slot(
        WORDS,
        "Topic dictionary ids that set a story rather than name what its plans and bills are about"
        " ('elections'): never the issue a pointing topic is keyed by.",
    )
    key_domestic_topics: frozenset[str] = _slot(
        WORDS,
        "Topic dictionary ids of issues each country decides for itself ('economy', 'health'), with the"
        " entries under them: keyed with the country their document or phrase names ('jobs/BRA').",
    )
    key_targeted_topics: frozenset[str] = _slot(
        WORDS,
        "Topic dictionary ids of measures one country aims at another ('sanctions', 'tariffs'), with the"
        " entries under them: keyed with the one country their phrase names ('sanctions/CUB').",
    )
    key_list_openers: frozenset[str] = _slot(
        WORDS,
        "Words that open a list or a choice ('either Clinton or Sanders', 'both Rubio and Cruz'): a TOPIC"
        " of names so opened is the list's, kept within its document.",
    )
    key_government_nouns: frozenset[str] = _slot(
        WORDS,
        "Nouns for a country's government ('government'): 'the government' of a story about one country,"
        " 'the Irish government' and 'India's government' are keyed as that country.",
    )
    key_demonstratives: frozenset[str] = _slot(
        WORDS,
        "Determiners that point at what was just said ('that idea', 'this plan'): such a topic is not"
        " keyed by the issue its story leads with.",
    )
    key_other_one_words: frozenset[str] = _slot(
        WORDS,
        "Words before a head that name another one of its kind ('his own bill', 'a rival plan'): a"
        " pointing topic after such a phrase is not keyed by what was named before it.",
    )
    # -- speech --------------------------------------------------------------------------------
    speech_verbs: frozenset[str] = _slot(WORDS, "Report speech: name the speaker of a quote or of reported speech.")
    addressee_verbs: frozenset[str] = _slot(WORDS, "Speech verbs whose object is the one spoken to.")
    speech_verb_complements: frozenset[str] = _slot(
        WORDS,
        "Open a short phrase between a speech verb and its quote ('said of the Tory leader: \"...\"',"
        " 'said on Monday: \"...\"'): the verb's subject still speaks the quote.",
    )
    subject_verbs: frozenset[str] = _slot(
        WORDS, "After a capitalised word, show that it is a clause's subject (a speaker candidate)."
    )
    speech_adverbs: frozenset[str] = _slot(WORDS, "May stand between a speaker and the speech verb after a quote.")
    speaker_links: frozenset[str] = _slot(
        WORDS, "May stand between a speaker named before a quote and its speech verb."
    )
    quote_verbs: frozenset[str] = _slot(
        WORDS, "After a closing quote and up to four capitalised words: the quote mark ends no sentence."
    )
    quote_pronoun_verbs: frozenset[str] = _slot(
        WORDS, "After a closing quote and a quote pronoun: the quote mark ends no sentence."
    )
    quote_pronouns: frozenset[str] = _slot(CASED, "Pronouns that may name the speaker right after a quote.")
    # -- discourse -----------------------------------------------------------------------------
    political_words: frozenset[str] = _slot(
        WORDS,
        "Words of political discourse: a rule with the option 'discourse: language.political_words' is tried"
        " only in a document that holds enough different ones of them.",
    )
    sport_words: frozenset[str] = _slot(
        WORDS,
        "Words of sports stories: in a document that holds enough different ones, a country named as an"
        " actor is keyed as its team.",
    )
    team_nations: frozenset[str] = _slot(
        WORDS, "Nations that field teams of their own but are no state in the actor dictionary ('Wales')."
    )
    # -- sentences and abbreviations -----------------------------------------------------------
    sentence_starters: frozenset[str] = _slot(
        CASED, "After an ambiguous abbreviation, one of these starts a new sentence."
    )
    title_abbreviations: frozenset[str] = _slot(
        CASED, "Abbreviations (without the period) that keep it as a token and never end a sentence."
    )
    other_abbreviations: frozenset[str] = _slot(
        CASED, "Abbreviations (without the period) that keep it as a token and may end a sentence."
    )

    def is_person_title(self, word: str) -> bool:
        """Whether a word is a title before a person's name, written out or in a short form of
        `title_spellings` ("Sen.", "Pres.", "Sec."): either way it is no part of the name."""
        folded = word.casefold()
        titles = self.person_titles
        return folded in titles or folded.rstrip(".") in titles or folded in self.title_spellings

    def is_adverb(self, token: Token) -> bool:
        """Whether a token is an adverb by its form: a word of letters in lower case with one
        of the `adverb_suffixes` ("strongly"; not "Italy" or "Kelly")."""
        lower = token.lower
        return token.text[:1].islower() and lower.isalpha() and lower.endswith(self.adverb_suffixes)

    def is_first_name(self, word: str) -> bool:
        """Whether a lower-case word is a first name of either list: a name it opens is a person's."""
        return word in self.male_names or word in self.female_names


def slot_kinds() -> dict[str, str]:
    """Slot name -> its kind, in definition order."""
    return {f.name: f.metadata["kind"] for f in fields(LanguageProfile)}


def slot_docs() -> dict[str, str]:
    """Slot name -> what the engine does with it, in definition order."""
    return {f.name: f.metadata["doc"] for f in fields(LanguageProfile)}


def comparison_form(word: str) -> str:
    """How a word of a lower-case slot is compared: lower case, straight apostrophes."""
    return " ".join(word.replace("\u2019", "'").lower().split())


def slot_value(kind: str, entries: list[Any]) -> Any:
    """The value of a slot of `kind` from its entries as read from YAML (strings, or (key,
    value) pairs of strings for a mapping)."""
    if kind == WORDS:
        return frozenset(comparison_form(e) for e in entries)
    if kind == CASED:
        return frozenset(" ".join(e.split()) for e in entries)
    if kind == PHRASES:
        return tuple(tuple(comparison_form(e).split()) for e in entries)
    if kind == SUFFIXES:
        return tuple(comparison_form(e) for e in entries)
    if kind == MAPPING:
        return {comparison_form(k): comparison_form(v) for k, v in entries}
    return {comparison_form(k): tuple(comparison_form(v).split()) for k, v in entries}


def default_profile() -> LanguageProfile:
    """The bundled English profile, for callers given none (read once per process)."""
    from stancekit.dsl.language import bundled_profile

    return bundled_profile()


#: Per profile: what -> the value built from it.
_DERIVED: IdentityMemo[dict[str, Any]] = IdentityMemo()
_NOT_BUILT = object()


def derived(profile: LanguageProfile | None, what: str, build: Callable[[LanguageProfile], T]) -> T:
    """A value built from a profile (a compiled regex), built once per profile and kind: the
    tokenizer and the segmenter look theirs up for every sentence. None is the bundled profile."""
    if profile is None:
        profile = default_profile()
    built = _DERIVED.get(profile, dict)
    found = built.get(what, _NOT_BUILT)
    if found is _NOT_BUILT:
        found = built[what] = build(profile)
    return found


def describe_profile(profile: LanguageProfile, sources: Mapping[tuple[str, str], str]) -> list[str]:
    """Each slot as `stancekit rules --language` lists it: name, kind, what the engine does with
    it, how many entries it has, where the first is written, and the first few entries."""
    lines: list[str] = []
    for slot in fields(LanguageProfile):
        value = getattr(profile, slot.name)
        entries = [" ".join(e) if isinstance(e, tuple) else str(e) for e in sorted(value, key=str)]
        where = next((sources[(slot.name, e)] for e in entries if (slot.name, e) in sources), "")
        preview = ", ".join(entries[:8]) + (", ..." if len(entries) > 8 else "")
        lines.append(f"{slot.name} ({slot.metadata['kind']}, {len(entries)} entries{', ' + where if where else ''})")
        lines.append(f"    {slot.metadata['doc']}")
        if entries:
            lines.append(f"    {preview}")
    return lines
