"""The built-in capture types: which span `{x:ACTOR}` and `{x:TOPIC}` take.

A capture type is an extractor: given the tokens of a sentence and a start position, it
returns the positions where a capture starting there may end, preferred first. The matcher
tries them in that order, so a longer actor or topic is kept unless the rest of the pattern
needs a shorter one ("Trump's support for" gives the ACTOR "Trump" because `'s` must follow).

ACTOR: a pronoun; or a name: capitalised words with lower-case joiners and role words
("the United States", "National Security Council spokesman John Kirby", "the White House");
or a noun phrase headed by an actor noun ("Republican lawmakers", "the administration",
"dozens of papers"); optionally with a possessive ("Trump's campaign"), a prepositional
phrase naming an institution ("Republicans on the House Rules Committee") and an appositive
between commas ("Keron Blair, executive director of AROS,").

TOPIC: everything from the start up to a clause boundary: a comma, semicolon, dash or
bracket, the end of the sentence or of the quote it sits in, or a clause word such as
"but", "because" or "saying".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from stancekit import registry
from stancekit.engine import wordlists as W
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.verbforms import ing_forms, verb_only_forms
from stancekit.text.segment import QuoteSpan
from stancekit.text.tokens import Token

MAX_ACTOR_TOKENS = 14
MAX_TOPIC_TOKENS = 40
MAX_APPOSITIVE_TOKENS = 12
MAX_LIST_TOKENS = 24


#: An extractor: (tokens, start, context, final) -> the ends a capture from `start` may have,
#: preferred first. `final` says whether the capture ends the pattern: a topic at the end
#: of a rule runs to the clause boundary; one followed by more pattern stops at its verb.
Extractor = Callable[[Sequence[Token], int, SentenceContext, bool], tuple[int, ...]]

# -- token categories --------------------------------------------------------------------------

NAME, ROLE, NOUN, MODIFIER, JOINER, POSSESSIVE, DETERMINER, OTHER = range(8)


def _is_name(token: Token) -> bool:
    text = token.text
    first = text[:1]
    if not first.isupper() or text in W.CAPITALISED_NON_NAMES:
        return False
    if text[1:2].isupper() and token.lower in W.FUNCTION_WORDS and token.lower != "us" and text.isupper():
        return False  # a heading in capitals: "CONGRESS HAS INVESTIGATED HIM"
    return text.replace(".", "").replace("-", "").replace("'", "").replace("\u2019", "").isalnum()


def category(token: Token) -> int:
    lower = token.lower
    if _is_name(token):
        return NAME
    if lower in ("'s", "'"):
        return POSSESSIVE
    if lower in W.ROLE_WORDS:
        return ROLE
    if lower in W.ACTOR_NOUNS:
        return NOUN
    if lower in W.ACTOR_MODIFIERS:
        return MODIFIER
    if _agent_noun(token):
        return NOUN
    if lower in W.NAME_JOINERS:
        return JOINER
    if lower in W.DETERMINERS:
        return DETERMINER
    return OTHER


_HEADS = (NAME, ROLE, NOUN)


def _agent_noun(token: Token) -> bool:
    """A noun that names people by its ending: "providers", "organisers", "comedian"."""
    lower = token.lower
    return (
        len(lower) > 4
        and lower.isalpha()
        and token.text[:1].islower()
        and lower.endswith(W.AGENT_SUFFIXES)
        and not lower.endswith(("ever", "ther", "ster"))
        and lower not in W.NON_ACTOR_HEADS
        and lower not in W.FUNCTION_WORDS
        and lower not in W.COMPARATIVES
    )


def _loose_modifier(token: Token, determined: bool) -> bool:
    """An unlisted lower-case word that may still modify an actor noun: any word after a
    determiner ("the two largest unions"), else a hyphenated word or one with an adjective
    ending ("left-leaning economists", "centrist Democrats"); never a word that can only be a
    verb ("the audience cheered Clinton's attacks")."""
    lower = token.lower
    if not lower[:1].isalpha() or not token.text[:1].islower() or lower in W.FUNCTION_WORDS:
        return False
    if lower in verb_only_forms():
        return False
    return determined or "-" in lower or lower.endswith(W.ADJECTIVE_SUFFIXES)


def _plain_word(token: Token) -> bool:
    lower = token.lower
    return lower.replace("-", "").isalpha() and token.text[:1].islower() and lower not in W.FUNCTION_WORDS


def _compound_modifier(tokens: Sequence[Token], j: int, limit: int, after_name: bool) -> bool:
    """A lower-case noun used as a modifier, known by the actor noun right after it: "island"
    in "small island states", "rights" in "Human rights groups". After a name, a word in -s is
    more often a verb ("Trump attacks critics") and is only taken from a short list."""
    token = tokens[j]
    if not _plain_word(token) or token.lower in verb_only_forms():
        return False
    if after_name and token.lower.endswith("s") and token.lower not in W.PLURAL_MODIFIERS:
        return False
    for k in range(j + 1, min(limit, j + 3)):
        cat = category(tokens[k])
        if cat in (NOUN, ROLE):
            return True
        if cat != OTHER or not _plain_word(tokens[k]) or tokens[k].lower in ing_forms():
            return False  # "majorities favor letting people stay": a verb and its object
    return False


def _core_ends(tokens: Sequence[Token], i: int, limit: int, determined: bool) -> list[int]:
    """Ends of a name or actor noun phrase starting at `i` (after any determiner), shortest first."""
    ends: list[int] = []
    j = i
    previous = None
    loose = 0
    while j < limit:
        token = tokens[j]
        cat = category(token)
        if (
            cat == OTHER
            and loose < 3
            and (
                (previous not in _HEADS and _loose_modifier(token, determined))
                or _compound_modifier(tokens, j, limit, previous == NAME)
            )
        ):
            loose += 1
            j += 1
            previous = MODIFIER
            continue
        if cat in _HEADS:
            j += 1
            ends.append(j)
            if cat == NAME and j < limit and tokens[j].text == "(":
                tag_end = _parenthetical_end(tokens, j, limit)
                if tag_end:
                    j = tag_end
                    ends.append(j)
        elif cat == MODIFIER or (cat == POSSESSIVE and previous in _HEADS):
            j += 1  # a possessive needs a head after it: "Trump's campaign"
        elif cat == JOINER and previous in _HEADS:
            # a joiner must lead to a name ("Bank of England", "Secretary of the Treasury"); "and"
            # may also lead to a noun phrase ("Democrats and several big-city mayors")
            k = j + 1
            conjunction = tokens[j].lower in ("and", "&")
            if k < limit and (tokens[k].lower == "the" or (conjunction and tokens[k].lower in W.DETERMINERS)):
                k += 1
            if k >= limit:
                break
            following = category(tokens[k])
            if not (
                following == NAME
                or (conjunction and (following in (NOUN, ROLE) or _compound_modifier(tokens, k, limit, False)))
            ):
                break
            j = k
        else:
            break
        previous = cat
    if (
        not determined
        and ends
        and ends[0] == i + 1
        and category(tokens[i]) == ROLE
        and not tokens[i].lower.endswith("s")
    ):
        ends = ends[1:]  # a bare singular role word ("spokesman") is not an actor on its own
    return ends


def _parenthetical_end(tokens: Sequence[Token], open_at: int, limit: int) -> int | None:
    """The end of a short bracketed tag after a name: "Sen. Bernie Sanders (I-Vt.)"."""
    for k in range(open_at + 1, min(limit, open_at + 7)):
        if tokens[k].text == ")":
            return k + 1 if k > open_at + 1 else None
        if tokens[k].text in ("(", ","):
            return None
    return None


def actor_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = False) -> tuple[int, ...]:
    """Where an ACTOR starting at `start` may end, longest first."""
    limit = min(len(tokens), start + MAX_ACTOR_TOKENS)
    first = tokens[start]
    if first.lower in W.SUBJECT_PRONOUNS:
        return (start + 1,)
    if first.lower in W.RELATIVE_PRONOUNS:
        return (start + 1,) if antecedent(tokens, start) is not None else ()
    if first.is_number:
        return _share_ends(tokens, start, limit)
    if _clause_start(tokens, start) and first.text[:1].isupper() and first.lower in ing_forms():
        return ()  # "Making not voting synonymous with ...": a participle, not a name
    if first.lower in W.MONTHS and start > 0 and tokens[start - 1].lower in _BEFORE_DATES:
        return ()  # "in May", "since March": a month, not Theresa May
    pronoun_end: tuple[int, ...] = (start + 1,) if _partitive_pronoun(tokens, start) else ()
    i = start
    determined = False
    if first.lower in W.DETERMINERS and not _is_name(first):
        i += 1
        determined = True
        if i < limit and tokens[i].lower == "of" and first.lower in W.PARTITIVES:
            i += 1
            if i < limit and tokens[i].lower in W.DETERMINERS:
                i += 1
        elif i < limit and tokens[i].lower in W.DETERMINERS and tokens[i].lower != "the":
            i += 1
        elif i + 1 < limit and tokens[i].lower in W.PARTITIVES and tokens[i + 1].lower == "of":
            i += 2  # "a handful of council members", "a series of inquiries"
            if i < limit and tokens[i].lower in W.DETERMINERS:
                i += 1
    if i >= limit:
        return pronoun_end
    if not determined and category(tokens[i]) == OTHER and not _clause_start(tokens, start):
        return pronoun_end  # "... attacks critics": a bare modifier mid-clause starts no actor
    ends = _core_ends(tokens, i, limit, determined)
    if not ends:
        return pronoun_end
    extended: list[int] = []
    for end in ends:
        extended.extend(_participle_extensions(tokens, end, limit))
        extended.extend(_prepositional_extensions(tokens, end, limit))
        extended.extend(_appositive_extensions(tokens, end, len(tokens)))
        extended.extend(_list_extensions(tokens, end, min(len(tokens), start + MAX_LIST_TOKENS)))
    return tuple(sorted(set(ends) | set(extended) | set(pronoun_end), reverse=True))


_BEFORE_DATES = frozenset({"in", "since", "until", "by", "from", "through", "early", "late", "last", "next", "this"})

_AUXILIARY_AFTER_SUBJECT = frozenset(
    "have has had are were was is will would can could may might should must do did does also still now".split()
)
_OBJECT_STARTS = frozenset("the a an his her their its our my this these him them it us".split())


def _partitive_pronoun(tokens: Sequence[Token], start: int) -> bool:
    """ "Some accused Trump of ...", "most support Sanders", "others have criticized": a
    partitive standing for people, known by a verb after it (an auxiliary, or a word followed by
    its object); not "many disputes", "the most savage voices", "both the unions"."""
    if tokens[start].lower not in W.PARTITIVE_PRONOUNS or start + 1 >= len(tokens):
        return False
    if start > 0 and (tokens[start - 1].lower in W.DETERMINERS or tokens[start - 1].lower in ("'s", "'")):
        return False  # "one of history's most celebrated leaders": a superlative
    following = tokens[start + 1]
    if following.lower in _AUXILIARY_AFTER_SUBJECT or following.lower in verb_only_forms():
        return True
    if not following.text[:1].islower() or following.lower in W.DETERMINERS or start + 2 >= len(tokens):
        return False
    after = tokens[start + 2]
    return after.lower in _OBJECT_STARTS or category(after) == NAME or after.is_number


_CLAUSE_OPENERS = frozenset(
    {
        ",",
        ";",
        ":",
        "(",
        "--",
        "\u2014",
        "\u2013",
        "and",
        "but",
        "or",
        "that",
        '"',
        "\u201c",
        "by",
        "from",
        "among",
        "of",
    }
)


def _clause_start(tokens: Sequence[Token], start: int) -> bool:
    return start == 0 or tokens[start - 1].lower in _CLAUSE_OPENERS


def antecedent(tokens: Sequence[Token], relative: int) -> tuple[int, int] | None:
    """The actor phrase a relative pronoun refers back to: "the union, which ..." -> the union."""
    end = relative - 1 if relative > 0 and tokens[relative - 1].lower in (",", "--", "\u2014", "\u2013") else relative
    for start in range(max(0, end - MAX_ACTOR_TOKENS), end):
        token = tokens[start]
        if token.lower in W.RELATIVE_PRONOUNS or token.lower in W.SUBJECT_PRONOUNS:
            continue
        if end in actor_ends(tokens, start, SentenceContext(tokens), False):
            return start, end
    return None


def _share_ends(tokens: Sequence[Token], start: int, limit: int) -> tuple[int, ...]:
    """A share of a population in polls: "44 percent", "5% of voters", "1 per cent"."""
    k = start + 1
    if tokens[start].text.endswith("%"):
        pass
    elif k < limit and tokens[k].lower in ("percent", "%"):
        k += 1
    elif k + 1 < limit and tokens[k].lower == "per" and tokens[k + 1].lower == "cent":
        k += 2
    else:
        return ()
    return tuple(sorted({k, *_prepositional_extensions(tokens, k, limit)}, reverse=True))


def _prepositional_extensions(tokens: Sequence[Token], end: int, limit: int) -> list[int]:
    """'Republicans on the House Rules Committee', 'race organisers in several major cities',
    'a majority of voters': a prepositional phrase whose object is itself an actor phrase."""
    if end >= limit or tokens[end].lower not in ("of", "from", "on", "at", "in", "with"):
        return []
    k = end + 1
    determined = k < limit and tokens[k].lower in W.DETERMINERS
    if determined:
        k += 1
    if k >= limit:
        return []
    inner = _core_ends(tokens, k, limit, determined)
    if not inner and tokens[end].lower == "of" and category(tokens[end - 1]) in (NOUN, ROLE):
        # "the chamber of commerce", "members of the public": any short noun phrase
        inner = _plain_phrase(tokens, k, limit)
    return inner[-1:]


#: Participles that say which people a group noun stands for: "a union representing flight
#: attendants", "a coalition led by former officials".
_PARTICIPLE_LINKS = {
    "representing": (),
    "led": ("by",),
    "headed": ("by",),
    "run": ("by",),
    "funded": ("by",),
    "backed": ("by",),
    "founded": ("by",),
}


def _participle_extensions(tokens: Sequence[Token], end: int, limit: int) -> list[int]:
    """'a union representing flight attendants', 'a group led by former diplomats': a noun
    head with a participle phrase naming whom it represents or who leads it."""
    if end >= limit or tokens[end].lower not in _PARTICIPLE_LINKS:
        return []
    head = tokens[end - 1]
    if not (category(head) == NOUN or head.lower in W.ACTOR_NOUNS or head.lower.endswith(("ers", "ors", "ists"))):
        return []
    k = end + 1
    for word in _PARTICIPLE_LINKS[tokens[end].lower]:
        if k >= limit or tokens[k].lower != word:
            return []
        k += 1
    determined = k < limit and tokens[k].lower in W.DETERMINERS
    if determined:
        k += 1
    if k >= limit:
        return []
    inner = _core_ends(tokens, k, limit, determined) or _plain_phrase(tokens, k, limit)
    return inner[-1:]


def _plain_phrase(tokens: Sequence[Token], k: int, limit: int) -> list[int]:
    """The end of a short noun phrase of plain words ("flight attendants", "members of the
    public"), up to three words and never a verb form."""
    j = k
    while j < min(limit, k + 3) and _plain_word(tokens[j]) and tokens[j].lower not in verb_only_forms():
        j += 1
    return [j] if j > k else []


def _list_extensions(tokens: Sequence[Token], end: int, limit: int) -> list[int]:
    """'the United States, Britain and France': names separated by commas, closed by and/or."""
    j = end
    while j + 1 < limit and tokens[j].lower == ",":
        k = j + 1
        oxford = tokens[k].lower in ("and", "or")
        if oxford:
            k += 1
        if k < limit and tokens[k].lower == "the":
            k += 1
        if k >= limit or category(tokens[k]) != NAME:
            return []
        ends = _core_ends(tokens, k, limit, True)
        if not ends:
            return []
        j = ends[-1]
        if oxford or any(t.lower in ("and", "or") for t in tokens[k:j]):
            return [j]
    return []


def _appositive_extensions(tokens: Sequence[Token], end: int, n: int) -> list[int]:
    """'Hillary Clinton, a longtime member of the Senate Armed Services Committee,'; an age
    ('Marvin Teske, 53, a security guard,') may come first."""
    if end >= n or tokens[end].lower != ",":
        return []
    age = tokens[end + 1].text if end + 2 < n else ""
    if age.isdigit() and len(age) <= 3 and tokens[end + 2].text == ",":
        return [end + 3, *_appositive_extensions(tokens, end + 2, n)]
    has_head = False
    noun_phrase = end + 1 < n and tokens[end + 1].lower in ("a", "an", "the")  # "a security guard"
    for k in range(end + 1, min(n, end + 2 + MAX_APPOSITIVE_TOKENS)):
        token = tokens[k]
        if token.lower == ",":
            return [k + 1] if has_head and k > end + 1 else []
        cat = category(token)
        if cat in _HEADS or (noun_phrase and cat == OTHER and _noun_like(token)):
            has_head = True
        elif cat == OTHER and not token.is_number and token.lower not in _APPOSITIVE_LINKS and not _noun_like(token):
            return []
    return []


def _noun_like(token: Token) -> bool:
    """A plain lower-case word that is no verb form: "security" in "a security guard"."""
    return _plain_word(token) and token.lower not in verb_only_forms() and token.lower not in ing_forms()


#: Words an appositive may hold besides names, titles and actor nouns: "a security guard at a
#: Reno casino", "a member of the board".
_APPOSITIVE_LINKS = frozenset({"-", "at", "of", "in", "from", "for", "with", "on"})


def topic_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = True) -> tuple[int, ...]:
    """Where a TOPIC starting at `start` may end: at the clause boundary first, then shorter.

    A final topic ("X supports Y") may hold a relative clause without "that" ("a compromise
    it negotiated"); a topic with more pattern after it ("Y was backed by X", "Y, which X
    opposes") is a noun phrase and ends at the first verb."""
    n = len(tokens)
    first = tokens[start]
    if first.text in W.QUOTE_MARKS:
        following = tokens[start + 1] if start + 1 < n else None
        if following is None or following.is_punct or following.lower in W.TOPIC_BAD_STARTS:
            return ()  # "turning its back” on ...": the quote closes and no object follows
    elif (
        first.lower in W.TOPIC_STOP_WORDS
        or first.lower in W.TOPIC_BAD_STARTS
        or (first.is_punct and first.text not in "$£€#")
    ):
        return ()  # a clause word or a preposition starts no topic
    if not final and (not _starts_noun_phrase(tokens, start) or first.lower in verb_only_forms()):
        return ()  # "... went ahead under a plan approved by": the subject starts at "a plan"
    limit = min(n, start + MAX_TOPIC_TOKENS)
    closing = _closing_quote_offset(first, context.quotes)
    end = start + 1
    after_that = start > 0 and tokens[start - 1].lower in ("that", "whether")
    clause_open = first.lower in W.TOPIC_CLAUSE_OPENERS or after_that
    while end < limit:
        token = tokens[end]
        if token.lower in W.TOPIC_CLAUSE_OPENERS:
            clause_open = True
        elif not clause_open and (
            token.lower in W.TOPIC_FINITE_VERBS
            or (token.lower in verb_only_forms() and (not final or _ends_noun_phrase(tokens[end - 1])))
        ):
            break  # "support for the sanctions | surprised some diplomats"
        if token.lower in W.TOPIC_STOP_PUNCT or token.lower in W.TOPIC_STOP_WORDS:
            break
        if token.lower in ("and", "but", "or") and end + 1 < n and tokens[end + 1].lower in W.CLAUSE_STARTERS:
            break
        if token.lower in ("and", "but") and end + 1 < n and tokens[end + 1].lower in verb_only_forms():
            break  # "deals such as NAFTA | and called for tariffs": the subject's second verb phrase
        if token.text in W.QUOTE_MARKS and closing is not None and token.start >= closing - 1:
            break
        end += 1
    while end > start + 1 and tokens[end - 1].text in W.QUOTE_MARKS and _unbalanced_tail(tokens, start, end):
        end -= 1
    return tuple(range(end, start, -1))


def _starts_noun_phrase(tokens: Sequence[Token], start: int) -> bool:
    """Whether a noun phrase can begin at `start`: a determiner, a name, a number or a quote;
    or any word at the start of a clause ("..., and taxes were cut by ...")."""
    first = tokens[start]
    if first.lower in W.DETERMINERS or first.lower in W.POSSESSIVE_PRONOUNS or first.text[:1].isupper():
        return True
    if first.text[:1].isdigit() or first.text in W.QUOTE_MARKS or first.text in "$£€":
        return True
    if start == 0:
        return True
    before = tokens[start - 1]
    return before.is_punct or before.lower in W.FUNCTION_WORDS


def _ends_noun_phrase(token: Token) -> bool:
    """Whether a verb after `token` is likely the main verb: after a common noun, not after a
    pronoun or a name ("a compromise it negotiated", "the plan Trump announced")."""
    return token.text[:1].islower() and token.lower.isalpha() and token.lower not in W.FUNCTION_WORDS


def _closing_quote_offset(token: Token, quotes: Sequence[QuoteSpan]) -> int | None:
    """The end offset of the quote that `token` sits inside, if it sits inside one."""
    for quote in quotes:
        if quote.start < token.start < quote.end:
            return quote.end
    return None


def _unbalanced_tail(tokens: Sequence[Token], start: int, end: int) -> bool:
    marks = sum(1 for t in tokens[start:end] if t.text in W.QUOTE_MARKS)
    return marks % 2 == 1


def holder_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = False) -> tuple[int, ...]:
    """Where a HOLDER starting at `start` may end: a possessive pronoun ("its"), or an actor
    phrase with its possessive marker ("Germany's", "the unions'")."""
    if tokens[start].lower in W.POSSESSIVE_PRONOUNS:
        return (start + 1,)
    n = len(tokens)
    return tuple(end + 1 for end in actor_ends(tokens, start, context) if end < n and tokens[end].lower in ("'s", "'"))


MAX_NAME_TOKENS = 4


def name_ends(tokens: Sequence[Token], start: int, context: SentenceContext, final: bool = False) -> tuple[int, ...]:
    """Where a NAME starting at `start` may end: capitalised words and nothing else ("US",
    "Chinese", "White House"), the way a holder stands before a noun in "US support for".
    A lower-case word there is an adjective or a noun ("their firm commitment", "public
    support", "voter support"), not who holds the stance; at the start of a sentence or a
    quote every word is capitalised, so no NAME starts there."""
    if start == 0 or tokens[start - 1].text in W.QUOTE_MARKS or tokens[start - 1].text in (":", "(", "--", "\u2014"):
        return ()
    end = start
    limit = min(len(tokens), start + MAX_NAME_TOKENS)
    while end < limit and category(tokens[end]) == NAME:
        end += 1
    return tuple(range(end, start, -1))


BUILTIN_EXTRACTORS: dict[str, Extractor] = {
    "ACTOR": actor_ends,
    "HOLDER": holder_ends,
    "NAME": name_ends,
    "TOPIC": topic_ends,
}


def extractor_for(capture_type: str) -> Extractor:
    """The extractor for a capture type, built in or registered by a plugin."""
    found = BUILTIN_EXTRACTORS.get(capture_type) or registry.extra_capture_type(capture_type)
    if found is None:
        raise KeyError(f"no extractor for capture type {capture_type}")
    return found
