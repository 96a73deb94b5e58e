"""stancekit: rule-based stance tracking.

Who supports or opposes what, with the sentence that shows it. Rules are YAML files whose
patterns use a small pattern language; they compile into one matcher that scans documents
and yields `Finding` records.

The library (`stancekit.lib`; the `stancekit` command is a thin shell over it)::

    import stancekit
    rules = stancekit.compile_rules()        # the bundled English pack, through the rule cache
    for finding in stancekit.scan_text("Germany supports the new sanctions package.", rules):
        print(finding.actor.text, finding.polarity, finding.topic.text)
    for item in stancekit.scan_corpus(["news/"], rules, jobs=4):
        ...                                  # a DocumentResult per document, or an InputProblem

- `compile_rules`, `load_rules`: rule files (the bundled pack by default), compiled through the
  cache, or loaded for checks and listings;
- `scan_text`, `scan_corpus`: findings in a text or document, or in a corpus (serial, in
  worker processes, or on a Dask cluster), with the input problems met;
- `explain_text`: why each sentence gave (or did not give) a finding;
- `load_gold`, `evaluate`: findings scored against gold annotations;
- `Matcher`: the scan itself, for scanning many texts with one compiled rule set; an
  `observer` hears its match trace (`stancekit.engine.trace`).
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names below are, for type checkers and editors
    from stancekit.dsl.loader import RuleSet, load_rules
    from stancekit.engine.matcher import Matcher
    from stancekit.findings import Finding
    from stancekit.lib import (
        CompiledRules,
        DocumentResult,
        Evaluation,
        Explanation,
        InputOptions,
        InputProblem,
        PartitionFailed,
        compile_rules,
        evaluate,
        explain_text,
        load_gold,
        scan_corpus,
        scan_text,
    )
    from stancekit.text.documents import Document

#: Where each public name is defined. They are imported when first used (PEP 562), so that
#: `stancekit check` on a rule file it refuses at once does not first load the matcher, the
#: taggers and their word models: a bare `import stancekit` costs next to nothing.
_PUBLIC = {
    "RuleSet": "stancekit.dsl.loader",
    "load_rules": "stancekit.dsl.loader",
    "Matcher": "stancekit.engine.matcher",
    "Finding": "stancekit.findings",
    "Document": "stancekit.text.documents",
    **dict.fromkeys(
        [
            "CompiledRules",
            "DocumentResult",
            "Evaluation",
            "Explanation",
            "InputOptions",
            "InputProblem",
            "PartitionFailed",
            "compile_rules",
            "evaluate",
            "explain_text",
            "load_gold",
            "scan_corpus",
            "scan_text",
        ],
        "stancekit.lib",
    ),
}


def __getattr__(name: str):
    """A public name, imported from its module on first use."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'stancekit' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])


__all__ = [
    "CompiledRules",
    "Document",
    "DocumentResult",
    "Evaluation",
    "Explanation",
    "Finding",
    "InputOptions",
    "InputProblem",
    "Matcher",
    "PartitionFailed",
    "RuleSet",
    "__version__",
    "compile_rules",
    "evaluate",
    "explain_text",
    "load_gold",
    "load_rules",
    "scan_corpus",
    "scan_text",
]
