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
from stancekit.dsl.fastparse import read_pattern
from stancekit.resources import grammar_path
from stancekit.rule_limits import MAX_REPEAT

#: `*` and `+` are bounded: a gap can never run away across a long sentence.
DEFAULT_REPEAT_CAP = 10
#: The largest repeat count a pattern may write explicitly.


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


def parse_pattern(pattern: str, style: str | None = None) -> ast.Node:
    """Parse one pattern string into its AST; raise `PatternSyntaxError` if it is malformed.

    `style` is how the pattern is written in its YAML file (`"`, `'`, `|`, `>` or None for
    unquoted), so that a hint shows what to type there: inside a double-quoted YAML string a
    backslash or a `"` must itself be escaped.
    """
    if not pattern.strip():
        raise PatternSyntaxError("pattern is empty", 0, "write at least one token test, e.g. support")
    quick = read_pattern(pattern, _ToAst(pattern, _Typist(style)))
    if quick is not None:
        return quick
    return parse_with_lark(pattern, style)


def parse_with_lark(pattern: str, style: str | None = None) -> ast.Node:
    """`parse_pattern` by Lark alone: the reference reading, and the one that explains errors."""
    try:
        tree = _parser().parse(pattern)
    except UnexpectedInput as exc:
        raise _syntax_error(pattern, exc, _Typist(style)) from None
    try:
        return _ToAst(pattern, _Typist(style)).transform(tree)
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


def typed(snippet: str, style: str | None) -> str:
    """`snippet` of pattern text as it must be typed inside a YAML value written in `style`."""
    if style == '"':
        return snippet.replace("\\", "\\\\").replace('"', '\\"')
    if style == "'":
        return snippet.replace("'", "''")
    return snippet


class _Typist:
    """Turns pattern text in hints into what to type in the YAML file, and says so when a
    backslash had to be doubled."""

    def __init__(self, style: str | None):
        self.style = style
        self.doubled = False

    def __call__(self, snippet: str) -> str:
        if self.style == '"' and "\\" in snippet:
            self.doubled = True
        return typed(snippet, self.style)

    def note(self, hint: str) -> str:
        if self.doubled:
            return hint + " (in a double-quoted YAML string, type each \\ as \\\\)"
        return hint


@v_args(meta=True)
class _ToAst(Transformer):
    def __init__(self, pattern: str, typist: _Typist):
        super().__init__()
        self.pattern = pattern
        self.typist = typist

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
            body = raw[1:last]
            positions = []  # where each character of `source` is written in `body`
            i = 0
            while i < len(body):
                positions.append(i)
                i += 2 if body.startswith("\\/", i) else 1
            pos = exc.pos or 0
            offset = children[0].start_pos + 1 + (positions[pos] if pos < len(positions) else len(body))
            message, hint, length = _regex_problem(exc.msg, source, pos, self.typist)
            raise PatternSyntaxError(message, offset, self.typist.note(hint), length) from None
        if _nested_repeat(source):
            raise PatternSyntaxError(
                "the regular expression repeats a part that repeats itself, which can take"
                " exponential time on a long word",
                children[0].start_pos,
                "repeat a part that can match in one way only: write (ab)+ rather than (a+b?)+, or [a-z]+ rather"
                " than ([a-z]+)+",
                len(raw),
            )
        return ast.Regex(_span_of(meta), source, flags)

    def lexicon(self, meta, children):
        return ast.LexiconRef(_span_of(meta), children[0].value[1:])

    def macro(self, meta, children):
        return ast.MacroRef(_span_of(meta), children[0].value[1:])

    def capture(self, meta, children):
        return ast.Capture(_span_of(meta), children[0].value, children[1].value, tuple(children[2:]))

    def token_class(self, meta, children):
        return ast.TokenClass(_span_of(meta), children[0].value)

    def phrase_ref(self, meta, children):
        return ast.PhraseRef(_span_of(meta), children[0].value)

    def negated(self, meta, children):
        return ast.Not(ast.Span(meta.start_pos, children[1].span.end), children[1])

    def all_of(self, meta, children):
        return ast.AllOf(_span_of(meta), tuple(children))

    def group(self, meta, children):
        return children[0]

    def sentence_start(self, meta, children):
        return ast.SentenceStart(_span_of(meta))

    def sentence_end(self, meta, children):
        return ast.SentenceEnd(_span_of(meta))


def _nested_repeat(source: str) -> bool:
    """Whether a regular expression repeats a part made only of a repeat (plus optional
    bits): the shape of (a+)+ and (a*b?)*, whose backtracking takes exponential time on a
    long word. A repeated part with something required besides its inner repeat, such as
    (\\w+-)+, can match a word in one way only and is left alone."""
    try:
        from re import _constants as sre_constants  # Python 3.11+
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]
    try:
        return _RepeatCheck(sre_parse, sre_constants).nested(sre_parse.parse(source))
    except Exception:  # not ours to judge: Python reports what it cannot parse
        return False


class _RepeatCheck:
    """The walk of `_nested_repeat` over a parsed regular expression. Methods, not functions
    nested in it: one that called itself through its closure was a reference cycle left to
    the cycle collector at every regex a rule set holds."""

    def __init__(self, sre_parse, sre_constants):
        self.sre_parse = sre_parse
        self.constants = sre_constants
        self.repeats = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)

    def nested(self, parsed) -> bool:
        for op, arg in parsed:
            if op in self.repeats and arg[1] > 1 and self._dangerous(arg[2]):
                return True
            if any(self.nested(part) for part in self._parts(op, arg)):
                return True
        return False

    def _body_items(self, body):
        """The items of a repeated body, looking through a group around all of it."""
        items = list(body)
        while len(items) == 1 and items[0][0] is self.constants.SUBPATTERN:
            items = list(items[0][1][-1])
        return body, items

    def _dangerous(self, body) -> bool:
        whole, items = self._body_items(body)
        for k, (op, arg) in enumerate(items):
            if op in self.repeats and arg[1] > 1:
                rest = self.sre_parse.SubPattern(whole.state, items[:k] + items[k + 1 :])
                if rest.getwidth()[0] == 0:
                    return True
        return False

    def _parts(self, op, arg) -> list:
        if op in self.repeats:
            return [arg[2]]
        if op is self.constants.SUBPATTERN:
            return [arg[-1]]
        if op is self.constants.BRANCH:
            return list(arg[1])
        return []


def _regex_problem(msg: str, source: str, pos: int, t: _Typist) -> tuple[str, str, int]:
    """A message, a hint and a caret width for a regular expression that Python rejects."""
    ch = source[pos] if pos < len(source) else ""
    if msg.startswith("missing ), unterminated subpattern"):
        return (
            "'(' in the regular expression is never closed",
            f"add ')' where the group ends, or write {t(chr(92) + '(')} to match '(' itself",
            1,
        )
    if msg == "unbalanced parenthesis":
        return (
            "')' in the regular expression has no '(' before it",
            f"remove it, or write {t(chr(92) + ')')} to match ')' itself",
            1,
        )
    if msg == "unterminated character set":
        return (
            "'[' in the regular expression is never closed",
            f"add ']' where the set of characters ends, or write {t(chr(92) + '[')} to match '[' itself",
            1,
        )
    if msg in ("nothing to repeat", "multiple repeat") and ch:
        problem = "has nothing to repeat" if msg == "nothing to repeat" else "follows another repeat"
        return (
            f"'{ch}' in the regular expression {problem}",
            f"put it right after what it repeats, or write {t(chr(92) + ch)} to match '{ch}' itself",
            1,
        )
    if msg == "bad escape (end of pattern)":
        return (
            "the regular expression ends with a lone backslash",
            f"remove it, or write {t(chr(92) * 2)} to match a backslash",
            1,
        )
    if msg.startswith("bad escape "):
        escape = msg[len("bad escape ") :]
        letter = escape[1:]
        return (
            f"'{escape}' is not an escape a regular expression knows",
            f"write {t(letter)} to match '{letter}', or {t(chr(92) * 2)} to match a backslash",
            len(escape),
        )
    if msg.startswith("bad character range "):
        span = msg[len("bad character range ") :]
        low, _, high = span.partition("-")
        return (
            f"the character range '{span}' runs backwards",
            f"write {t(high + '-' + low)}; to match '-' itself, put it first in the brackets",
            len(span),
        )
    return f"invalid regular expression: {msg}", "see Python's `re` syntax", 1


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


def _syntax_error(pattern: str, exc: UnexpectedInput, t: _Typist) -> PatternSyntaxError:
    if isinstance(exc, UnexpectedCharacters):
        return _bad_character(pattern, exc.pos_in_stream, t)
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
    capture = _capture_problem(pattern, offset, expected)
    if capture is not None:
        return capture
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
            return PatternSyntaxError("'(' is never closed", opened[-1], "add ')' where the group ends")
        if "RSQB" in expected:
            return PatternSyntaxError(
                "token class is not closed", max(before.rfind("["), 0), "write e.g. [cap] or [any]"
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


def _capture_type_for(name: str) -> str | None:
    from stancekit import registry

    types = registry.capture_type_names()
    return name.upper() if name.upper() in types else None


def _capture_problem(pattern: str, offset: int, expected: set[str]) -> PatternSyntaxError | None:
    """A malformed `{name:TYPE}` capture around `offset`, described by what it lacks."""
    if not expected & {"NAME", "COLON", "RBRACE"}:
        return None
    start = pattern.rfind("{", 0, offset + 1)
    if start == -1 or "}" in pattern[start:offset] or "[" in pattern[start:offset]:
        return None
    close = pattern.find("}", start)
    if close == -1:
        return PatternSyntaxError(
            "capture is not closed",
            start,
            "end it with '}': a capture is written {name:TYPE}, e.g. {actor:ACTOR}",
        )
    written = pattern[start : close + 1]
    length = len(written)
    body = written[1:-1]
    name, colon, kind = (part.strip() for part in body.partition(":"))
    types = _capture_types_text()
    if not name and not kind:
        return PatternSyntaxError(f"capture {written} is empty", start, f"write e.g. {{actor:ACTOR}}; {types}", length)
    if not colon and " " in name:
        first, _, rest = name.partition(" ")
        return PatternSyntaxError(
            f"capture {written} has no ':' between its name and type",
            start,
            f"write {{{first}:{rest.strip()}}}",
            length,
        )
    if not kind and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", name):
        suggested = _capture_type_for(name)
        hint = f"write {{{name}:{suggested}}}" if suggested else f"write {{{name}:TYPE}}; {types}"
        return PatternSyntaxError(f"capture {written} has no type", start, hint, length)
    if not name and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", kind):
        return PatternSyntaxError(f"capture {written} has no name", start, f"write {{{kind.lower()}:{kind}}}", length)
    return None


def _capture_types_text() -> str:
    from stancekit import registry

    return "the types are " + ", ".join(sorted(registry.capture_type_names()))


def _quoted_word_hint(pattern: str, offset: int, t: _Typist) -> str:
    quote = pattern[offset]
    word = re.match(r"\s*([^\s\"']*)", pattern[offset + 1 :]).group(1) or "word"
    if t.style == '"' and quote == '"':
        return (
            f'close it with \\" after its last word (inside a double-quoted YAML string, a " is typed \\");'
            f" simpler, quote words with single quotes inside patterns: '{word}'"
        )
    if t.style == "'" and quote == "'":
        return (
            f"close it with '' after its last word (inside a single-quoted YAML string, a ' is typed '');"
            f' simpler, quote words with double quotes inside patterns: "{word}"'
        )
    return f"end it with {t(quote)} on the same line; write {t(chr(92) + quote)} inside it"


def _bad_character(pattern: str, offset: int, t: _Typist) -> PatternSyntaxError:
    ch = pattern[offset]
    if ch in "\"'":
        return PatternSyntaxError("quoted word is not closed", offset, _quoted_word_hint(pattern, offset, t))
    if ch == "/":
        return PatternSyntaxError(
            "regular expression is not closed",
            offset,
            t.note(
                f"end it with '/' and write {t(chr(92) + '/')} for a slash inside it;"
                f" to match '/' as a word, quote it: {t(chr(39) + '/' + chr(39))}"
            ),
        )
    if ch == "@":
        return PatternSyntaxError("'@' must be followed by a lexicon name", offset, "write e.g. @support_verbs")
    if ch == "{":
        capture = _capture_problem(pattern, offset, {"NAME"})
        if capture is not None:
            return capture
        return PatternSyntaxError(
            "malformed capture or repeat count",
            offset,
            "a capture is {name:TYPE} (e.g. {actor:ACTOR}); a repeat count is {2} or {1,3}",
        )
    quoted = f"'{ch}'" if ch != "'" else '"\'"'
    return PatternSyntaxError(
        f"'{ch}' has no meaning in a pattern",
        offset,
        f"to match it as a token, quote it: {t(quoted)}",
    )
