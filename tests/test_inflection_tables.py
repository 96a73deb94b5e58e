"""LemmInflect is loaded without importing spaCy, where spaCy is installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: A stand-in for an installed spaCy: importing it leaves a mark on standard error.
FAKE_SPACY = 'import sys\nsys.stderr.write("spacy was imported\\n")\n__version__ = "3.7.0"\n'


def test_a_scan_does_not_import_spacy_where_it_is_installed(tmp_path: Path) -> None:
    package = tmp_path / "spacy"
    package.mkdir()
    (package / "__init__.py").write_text(FAKE_SPACY, encoding="utf-8")
    code = (
        "import sys\n"
        "from stancekit import Document, Matcher, load_rules\n"
        "Matcher(load_rules().compile()).scan(Document('d', 'The mayor strongly opposes the new tax.'))\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "", "HOME": str(tmp_path)},
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "False"
    assert "spacy was imported" not in done.stderr
