"""stancekit: rule-based stance tracking.

Who supports or opposes what, with the sentence that shows it. Rules are YAML files whose
patterns use a small pattern language; they compile into one matcher that scans documents
and yields `Finding` records.

Public API::

    from stancekit import load_rules, Matcher
    rules = load_rules()                     # the bundled English pack
    matcher = Matcher(rules.compile())
    for finding in matcher.scan("Germany supports the new sanctions package."):
        print(finding.actor.text, finding.polarity, finding.topic.text)
"""

__version__ = "0.1.0"

from stancekit.dsl.loader import RuleSet, load_rules
from stancekit.engine.matcher import Matcher
from stancekit.findings import Finding
from stancekit.text.documents import Document

__all__ = ["Document", "Finding", "Matcher", "RuleSet", "__version__", "load_rules"]
