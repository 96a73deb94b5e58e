"""A quick reader for well-formed patterns, for rule sets of thousands of rules.

The grammar in `grammar/pattern.lark` defines the pattern language and Lark reads it; but
Lark's lexer and tree builder spend most of a millisecond on a typical pattern, which is
most of the cold compile of a 10,000-rule set. This reader walks the same grammar by hand
and builds the AST with the same node builders (`parser._ToAst`), so the two cannot
disagree on what a valid pattern means. It gives up (returns None) at anything it is not
sure about: a syntax error, a token whose reading depends on Lark's lexer priorities (a word
starting with an apostrophe), a pattern the node builders reject. The caller then parses
with Lark, which reports the error with its full explanation. `tests/test_fastparse.py`
checks on generated and bundled patterns that both readers give identical trees.
"""

from __future__ import annotations

import re
from functools import cache, partial
from types import SimpleNamespace

from lark import Token

from stancekit.dsl import ast

_WS = re.compile(r"[ \t\f\r\n]*")
_WORD = re.compile(r"[^\W_][\w'\u2019.\-]*")
_CLITIC_WORD = re.compile(r"['\u2019][^\W_][\w'\u2019.\-]*")  # 's, 're: a word with an apostrophe first
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_SINGLE_STRING = re.compile(r"'(?!s\b)(?:[^'\\\n]|\\.)*'")
_REGEX = re.compile(r"/(?:[^/\\\n]|\\.)+/[a-z]*")
_LEXICON = re.compile(r"@[A-Za-z_][\w.\-]*")
_MACRO = re.compile(r"\$[A-Za-z_][\w.\-]*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_RANGE = re.compile(r"\{[ \t]*[0-9]*[ \t]*(,[ \t]*[0-9]*[ \t]*)?\}")
_QUANTIFIERS = {"?": "OPTIONAL", "*": "STAR", "+": "PLUS"}


class _GiveUp(Exception):
    """Not a pattern this reader is sure of: Lark decides."""


def _meta(start: int, end: int) -> SimpleNamespace:
    return SimpleNamespace(start_pos=start, end_pos=end)


_BUILDERS = (
    "start alternation sequence item group capture token_class phrase_ref all_of negated sentence_start"
    " sentence_end macro literal regex lexicon word"
).split()


@cache
def _plain_builders(cls: type) -> dict:
    """The builder methods of `cls` as plain functions: Lark wraps each method of a
    Transformer in an object rebuilt on every attribute access, too slow for 10,000 rules."""
    found = {}
    for name in _BUILDERS:
        method = next(c.__dict__[name] for c in cls.__mro__ if name in c.__dict__)
        found[name] = getattr(method, "base_func", method)
    return found


class _Build:
    """`builder.word(meta, children)` and so on, calling the plain functions."""

    def __init__(self, builder):
        functions = _plain_builders(type(builder))
        for name, function in functions.items():
            setattr(self, name, partial(function, builder))


class _Reader:
    def __init__(self, pattern: str, builder):
        self.text = pattern
        self.pos = 0
        self.build = _Build(builder)

    def skip(self) -> None:
        self.pos = _WS.match(self.text, self.pos).end()

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos : self.pos + 1]

    def token(self, kind: str, regex: re.Pattern) -> Token:
        self.skip()
        m = regex.match(self.text, self.pos)
        if m is None:
            raise _GiveUp
        self.pos = m.end()
        return Token(kind, m.group(), start_pos=m.start(), end_pos=m.end())

    def expect(self, char: str) -> int:
        """Consume `char`; return where it ended."""
        if self.peek() != char:
            raise _GiveUp
        self.pos += 1
        return self.pos

    # -- grammar, as in pattern.lark ---------------------------------------------------------

    def alternation(self) -> tuple[ast.Node, int, int]:
        node, start, end = self.sequence()
        children = [node]
        while self.peek() == "|":
            self.pos += 1
            node, _, end = self.sequence()
            children.append(node)
        return self.build.alternation(_meta(start, end), children), start, end

    def sequence(self) -> tuple[ast.Node, int, int]:
        children = []
        start = end = None
        while True:
            char = self.peek()
            if not char or char in "|)":
                break
            node, item_start, end = self.item()
            start = item_start if start is None else start
            children.append(node)
        if not children:
            raise _GiveUp
        return self.build.sequence(_meta(start, end), children), start, end

    def item(self) -> tuple[ast.Node, int, int]:
        self.skip()
        start = self.pos
        node, end = self.part()
        if self.peek() == "&":
            parts = [node]
            while self.peek() == "&":
                self.pos += 1
                part, end = self.part()
                parts.append(part)
            node = self.build.all_of(_meta(start, end), parts)
        children: list = [node]
        quantifier = self.quantifier()
        if quantifier is not None:
            children.append(quantifier)
            end = quantifier.end_pos
        return self.build.item(_meta(start, end), children), start, end

    def part(self) -> tuple[ast.Node, int]:
        """One test of a conjunction: an atom, or `!` and an atom."""
        self.skip()
        start = self.pos
        if self.text.startswith("!", self.pos):
            self.pos += 1
            atom, end = self.atom()
            not_token = Token("NOT", "!", start_pos=start, end_pos=start + 1)
            return self.build.negated(_meta(start, end), [not_token, atom]), end
        return self.atom()

    def quantifier(self) -> Token | None:
        char = self.peek()
        if char in _QUANTIFIERS:
            self.pos += 1
            return Token(_QUANTIFIERS[char], char, start_pos=self.pos - 1, end_pos=self.pos)
        if char == "{":
            m = _RANGE.match(self.text, self.pos)
            if m is not None:  # as Lark's lexer: a repeat count wins over a capture's brace
                self.pos = m.end()
                return Token("RANGE", m.group(), start_pos=m.start(), end_pos=m.end())
        return None

    def atom(self) -> tuple[ast.Node, int]:
        char = self.peek()
        start = self.pos
        if char == "(":
            self.pos += 1
            inner, _, _ = self.alternation()
            end = self.expect(")")
            return self.build.group(_meta(start, end), [inner]), end
        if char == "{":
            self.pos += 1
            name = self.token("NAME", _NAME)
            self.expect(":")
            kind = self.token("NAME", _NAME)
            tests = []
            while self.peek() == "&":
                self.pos += 1
                test, _ = self.part()
                tests.append(test)
            end = self.expect("}")
            return self.build.capture(_meta(start, end), [name, kind, *tests]), end
        if char == "[":
            self.pos += 1
            name = self.token("NAME", _NAME)
            end = self.expect("]")
            return self.build.token_class(_meta(start, end), [name]), end
        if char == "<":
            self.pos += 1
            name = self.token("NAME", _NAME)
            end = self.expect(">")
            return self.build.phrase_ref(_meta(start, end), [name]), end
        if char == "^":
            self.pos += 1
            return self.build.sentence_start(_meta(start, self.pos), []), self.pos
        if char == "$":
            if _MACRO.match(self.text, self.pos):
                token = self.token("MACRO", _MACRO)
                return self.build.macro(_meta(token.start_pos, token.end_pos), [token]), token.end_pos
            self.pos += 1
            end_token = Token("END", "$", start_pos=start, end_pos=self.pos)
            return self.build.sentence_end(_meta(start, self.pos), [end_token]), self.pos
        for first, kind, regex, method in (
            ('"', "STRING", _STRING, self.build.literal),
            ("/", "REGEX", _REGEX, self.build.regex),
            ("@", "LEXICON", _LEXICON, self.build.lexicon),
        ):
            if char == first:
                token = self.token(kind, regex)
                return method(_meta(token.start_pos, token.end_pos), [token]), token.end_pos
        if char in ("'", "\u2019"):
            word = _CLITIC_WORD.match(self.text, self.pos)
            string = _SINGLE_STRING.match(self.text, self.pos) if char == "'" else None
            if word and string:
                raise _GiveUp  # read both ways: Lark's lexer priorities decide
            if string:
                token = self.token("STRING", _SINGLE_STRING)
                return self.build.literal(_meta(token.start_pos, token.end_pos), [token]), token.end_pos
            token = self.token("WORD", _CLITIC_WORD)
            return self.build.word(_meta(token.start_pos, token.end_pos), [token]), token.end_pos
        token = self.token("WORD", _WORD)
        return self.build.word(_meta(token.start_pos, token.end_pos), [token]), token.end_pos


def read_pattern(pattern: str, builder) -> ast.Node | None:
    """The AST of `pattern` built with `builder` (a `parser._ToAst`), or None to let Lark read it."""
    reader = _Reader(pattern, builder)
    try:
        node, _, _ = reader.alternation()
        reader.skip()
        if reader.pos != len(pattern):
            return None
        return reader.build.start(_meta(0, len(pattern)), [node])
    except Exception:  # _GiveUp, or a node builder that rejects the pattern: Lark explains
        return None
