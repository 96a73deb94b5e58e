"""Which rules a sentence's words allow: every word set a rule requires holds one of them.

A candidate sentence is offered to a dozen rules or more, each requiring two or three word
sets (see `compiler.triggers.requirements`), and most sets are asked about in few sentences.
Asking each rule's sets of the sentence one by one repeats the same lookups for every rule;
instead each distinct set gets a number the first time a rule of it is met, each word the
numbers of the sets it belongs to, and a sentence the numbers its words give, once. A rule
is then allowed when all its numbers are among them, and all the numbers of one option of
each of its choices (see `compiler.triggers.requirement_choices`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stancekit.compiler.ruleset import CompiledRule

#: A rule's required set numbers, and those of each option of each of its choices.
Needed = tuple[tuple[int, ...], tuple[tuple[tuple[int, ...], ...], ...]]


class RequirementIndex:
    """Requirement word sets by number, and the sets each word is in; grown as rules are met
    (a large rule set is unpickled rule by rule, and most of its rules are never met)."""

    def __init__(self) -> None:
        self._numbers: dict[frozenset[str], int] = {}
        self._sets_of_word: dict[str, list[int]] = {}
        self._rules: dict[int, Needed] = {}
        self._cues: dict[int, tuple[tuple[int, ...], ...]] = {}

    def numbers_of(self, rule_index: int, rule: CompiledRule) -> Needed:
        """The numbers of the required word sets of one rule (`rule_index` in its rule set),
        and of the sets of each option of each of its choices, worked out the first time."""
        found = self._rules.get(rule_index)
        if found is None:
            choices = rule.requirement_choices
            found = self._rules[rule_index] = (
                tuple(self._number(words) for words in rule.requirements),
                tuple(tuple(tuple(self._number(w) for w in option) for option in choice) for choice in choices),
            )
        return found

    def cue_numbers_of(self, rule_index: int, rule: CompiledRule) -> tuple[tuple[int, ...], ...]:
        """For each cue of a rule made of alternatives, the numbers of the word sets its
        alternative requires (see `CompiledRule.cue_requirements`), worked out the first time."""
        found = self._cues.get(rule_index)
        if found is None:
            found = self._cues[rule_index] = tuple(
                tuple(self._number(words) for words in sets) for sets in rule.cue_requirements
            )
        return found

    def _number(self, words: frozenset[str]) -> int:
        number = self._numbers.get(words)
        if number is None:
            number = self._numbers[words] = len(self._numbers)
            for word in words:
                self._sets_of_word.setdefault(word, []).append(number)
        return number

    def held(self, words: Iterable[str]) -> set[int]:
        """The numbers of the sets `words` (a sentence's distinct words) hold a word of, among
        the sets numbered so far: number a sentence's rules before asking."""
        found: set[int] = set()
        sets_of_word = self._sets_of_word
        for word in words:
            numbers = sets_of_word.get(word)
            if numbers is not None:
                found.update(numbers)
        return found
