"""Pattern strings -> AST, with syntax errors that say what went wrong and how to fix it.

The grammar is `grammar/pattern.lark` (LALR). Lark's exceptions carry a position and the set
of expected terminals; `PatternSyntaxError` turns them into one offset in the pattern, a
sentence a rule author understands, and a hint.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from stancekit.dsl import ast
from stancekit.resources import grammar_path

#: `*` and `+` are bounded: a gap can never run away across a long sentence.
DEFAULT_REPEAT_CAP = 10
#: The largest repeat count a pattern may write explicitly.
MAX_REPEAT = 50


class PatternSyntaxError(Exception):
    """A pattern that does not parse. `offset` indexes the pattern string."""

    def __init__(self, message: str, offset: int, hint: str | None = None, length: int = 1):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint
        self.length = length


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=False,
    )


def parse_pattern(pattern: str) -> ast.Node:
    """Parse one pattern string into its AST; raise `PatternSyntaxError` if it is malformed."""
    if not pattern.strip():
        raise PatternSyntaxError("pattern is empty", 0, "write at least one token test, e.g. support")
    try:
        tree = _parser().parse(pattern)
    except UnexpectedInput as exc:
        raise _syntax_error(pattern, exc) from None
    try:
        return _ToAst(pattern).transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, PatternSyntaxError):
            raise exc.orig_exc from None
        raise


def _span_of(meta_or_token) -> ast.Span:
    if isinstance(meta_or_token, Token):
        return ast.Span(meta_or_token.start_pos, meta_or_token.end_pos)
    return ast.Span(meta_or_token.start_pos, meta_or_token.end_pos)


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", r"\1", body)


@v_args(meta=True)
class _ToAst(Transformer):
    def __init__(self, pattern: str):
        super().__init__()
        self.pattern = pattern

    def start(self, meta, children):
        return children[0]

    def alternation(self, meta, children):
        if len(children) == 1:
            return children[0]
        return ast.Alternation(_span_of(meta), tuple(children))

    def sequence(self, meta, children):
        if len(children) == 1:
            return children[0]
        return ast.Sequence(_span_of(meta), tuple(children))

    def item(self, meta, children):
        negated = isinstance(children[0], Token) and children[0].type == "NOT"
        if negated:
            children = children[1:]
        node = children[0]
        if negated:
            node = ast.Not(ast.Span(meta.start_pos, node.span.end), node)
        if len(children) > 1:
            node = self._repeat(node, children[1], meta)
        return node

    def _repeat(self, node: ast.Node, token: Token, meta) -> ast.Repeat:
        span = ast.Span(meta.start_pos, token.end_pos)
        if token.type == "OPTIONAL":
            return ast.Repeat(span, node, 0, 1)
        if token.type == "STAR":
            return ast.Repeat(span, node, 0, DEFAULT_REPEAT_CAP, explicit_max=False)
        if token.type == "PLUS":
            return ast.Repeat(span, node, 1, DEFAULT_REPEAT_CAP, explicit_max=False)
        body = token.value[1:-1].replace(" ", "").replace("\t", "")
        low_text, comma, high_text = body.partition(",")
        if not low_text and not high_text:
            raise PatternSyntaxError("repeat count is empty", token.start_pos, "write {2} or {1,3}", len(token.value))
        low = int(low_text) if low_text else 0
        if not comma:
            high, explicit = low, True
        elif high_text:
            high, explicit = int(high_text), True
        else:
            high, explicit = max(low, DEFAULT_REPEAT_CAP), False
        if high < low:
            raise PatternSyntaxError(
                f"repeat {{{low},{high}}} has its bounds the wrong way round",
                token.start_pos,
                f"write {{{high},{low}}}",
                len(token.value),
            )
        if high == 0:
            raise PatternSyntaxError(
                "repeat count 0 matches nothing", token.start_pos, "remove the element", len(token.value)
            )
        if high > MAX_REPEAT:
            raise PatternSyntaxError(
                f"repeat count {high} is larger than the maximum of {MAX_REPEAT}",
                token.start_pos,
                "long gaps make rules slow and imprecise; use a smaller bound",
                len(token.value),
            )
        return ast.Repeat(span, node, low, high, explicit_max=explicit)

    def word(self, meta, children):
        return ast.Word(_span_of(meta), children[0].value)

    def literal(self, meta, children):
        raw = children[0].value
        text = _unescape(raw[1:-1])
        if not text.strip():
            raise PatternSyntaxError("quoted word is empty", meta.start_pos, "remove it or put a word inside")
        return ast.Literal(_span_of(meta), text)

    def regex(self, meta, children):
        raw = children[0].value
        last = raw.rindex("/")
        source, flags = raw[1:last].replace("\\/", "/"), raw[last + 1 :]
        bad = [f for f in flags if f not in "i"]
        if bad:
            raise PatternSyntaxError(
                f"unknown regular expression flag '{bad[0]}'",
                children[0].start_pos + last + 1 + flags.index(bad[0]),
                "the only flag is 'i' (ignore case)",
            )
        try:
            re.compile(source)
        except re.error as exc:
            offset = children[0].start_pos + 1 + (exc.pos or 0)
            raise PatternSyntaxError(
                f"invalid regular expression: {exc.msg}", offset, "see Python's `re` syntax"
            ) from None
        return ast.Regex(_span_of(meta), source, flags)

    def lexicon(self, meta, children):
        return ast.LexiconRef(_span_of(meta), children[0].value[1:])

    def macro(self, meta, children):
        return ast.MacroRef(_span_of(meta), children[0].value[1:])

    def capture(self, meta, children):
        return ast.Capture(_span_of(meta), children[0].value, children[1].value)

    def token_class(self, meta, children):
        return ast.TokenClass(_span_of(meta), children[0].value)

    def group(self, meta, children):
        return children[0]

    def sentence_start(self, meta, children):
        return ast.SentenceStart(_span_of(meta))

    def sentence_end(self, meta, children):
        return ast.SentenceEnd(_span_of(meta))


_TERMINAL_NAMES = {
    "WORD": "a word",
    "STRING": "a quoted word",
    "REGEX": "a /regex/",
    "LEXICON": "a @lexicon",
    "MACRO": "a $macro",
    "NAME": "a name",
    "LPAR": "'('",
    "RPAR": "')'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LSQB": "'['",
    "RSQB": "']'",
    "COLON": "':'",
    "VBAR": "'|'",
    "NOT": "'!'",
    "CIRCUMFLEX": "'^'",
    "END": "'$'",
    "OPTIONAL": "'?'",
    "STAR": "'*'",
    "PLUS": "'+'",
    "RANGE": "a repeat count",
    "$END": "the end of the pattern",
}
_QUANTIFIERS = {"OPTIONAL", "STAR", "PLUS", "RANGE"}


def _describe(token: Token) -> str:
    if token.type == "$END":
        return "end of pattern"
    return f"'{token.value}'"


def _open_groups(pattern: str, upto: int) -> list[int]:
    """Offsets of the '(' still open at `upto`, skipping quoted words and regexes."""
    stack: list[int] = []
    i = 0
    while i < upto:
        ch = pattern[i]
        if ch in "\"'/":
            close = pattern.find(ch, i + 1)
            while close != -1 and pattern[close - 1] == "\\":
                close = pattern.find(ch, close + 1)
            i = (close if close != -1 else upto) + 1
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            stack.pop()
        i += 1
    return stack


def _syntax_error(pattern: str, exc: UnexpectedInput) -> PatternSyntaxError:
    if isinstance(exc, UnexpectedCharacters):
        return _bad_character(pattern, exc.pos_in_stream)
    token = exc.token if isinstance(exc, UnexpectedToken) else Token("$END", "")
    if isinstance(exc, UnexpectedEOF) or token.type == "$END":
        offset = len(pattern.rstrip())
        token = Token("$END", "")
    else:
        offset = token.start_pos
    expected = set(getattr(exc, "expected", set()) or set())
    before = pattern[:offset].rstrip()
    previous = before[-1:] if before else ""
    if token.type in _QUANTIFIERS and (not previous or previous in "(|!"):
        return PatternSyntaxError(
            f"'{token.value}' has nothing to repeat",
            offset,
            "a repeat follows the element it repeats: write word?, (a b)* or [any]{0,3}",
        )
    if token.type == "RPAR":
        return PatternSyntaxError(
            "unexpected ')': no group is open here" if not _open_groups(pattern, offset) else "empty group '()'",
            offset,
            "remove the ')' or open a group with '('"
            if not _open_groups(pattern, offset)
            else "put something inside the group or remove it",
        )
    if token.type == "VBAR" and (not previous or previous in "(|"):
        return PatternSyntaxError(
            "empty alternative before '|'", offset, "write something on both sides of '|', e.g. (back | support)"
        )
    if token.type == "$END":
        if previous == "|":
            return PatternSyntaxError(
                "empty alternative after '|'", max(0, len(before) - 1), "write something after '|' or remove it"
            )
        if previous == "!":
            return PatternSyntaxError(
                "'!' is not followed by anything to negate", len(before) - 1, "write !word, !@lexicon or ![punct]"
            )
        opened = _open_groups(pattern, len(pattern))
        if opened:
            return PatternSyntaxError(
                f"group opened at column {opened[-1] + 1} of the pattern is never closed",
                opened[-1],
                "add ')' where the group ends",
            )
        if "RBRACE" in expected or "COLON" in expected or "NAME" in expected:
            start = before.rfind("{")
            return PatternSyntaxError(
                "capture is not closed", max(start, 0), "a capture is written {name:TYPE}, e.g. {actor:ACTOR}"
            )
        if "RSQB" in expected:
            return PatternSyntaxError(
                "token class is not closed", max(before.rfind("["), 0), "write e.g. [cap] or [any]"
            )
    if expected & {"COLON"} and token.type in ("RBRACE", "NAME", "WORD"):
        return PatternSyntaxError(
            "a capture needs a type after ':'", offset, "write {name:TYPE}, e.g. {actor:ACTOR} or {topic:TOPIC}"
        )
    if expected <= {"NAME"} and expected:
        return PatternSyntaxError(
            f"expected a name here, found {_describe(token)}",
            offset,
            "captures are {name:TYPE} and token classes are [name]; names are letters, digits and _",
        )
    wanted = sorted({_TERMINAL_NAMES.get(t, t) for t in expected if not t.startswith("__")})
    hint = f"expected {', '.join(wanted[:6])}" if wanted else None
    return PatternSyntaxError(f"unexpected {_describe(token)} in pattern", offset, hint)


def _bad_character(pattern: str, offset: int) -> PatternSyntaxError:
    ch = pattern[offset]
    if ch in "\"'":
        return PatternSyntaxError(
            "quoted word is not closed", offset, f"end it with {ch} on the same line; write \\{ch} inside it"
        )
    if ch == "/":
        return PatternSyntaxError(
            "regular expression is not closed", offset, "end it with '/'; write \\/ for a slash inside it"
        )
    if ch == "@":
        return PatternSyntaxError("'@' must be followed by a lexicon name", offset, "write e.g. @support_verbs")
    if ch == "{":
        return PatternSyntaxError(
            "malformed capture or repeat count",
            offset,
            "a capture is {name:TYPE} (e.g. {actor:ACTOR}); a repeat count is {2} or {1,3}",
        )
    return PatternSyntaxError(
        f"'{ch}' has no meaning in a pattern",
        offset,
        f"to match it as a token, quote it: '{ch}'" if ch != "'" else 'to match it, quote it: "\'"',
    )
