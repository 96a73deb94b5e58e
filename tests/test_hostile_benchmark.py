"""The hostile-input benchmark stops a case past its time limit, and all of it."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "hostile.py"


def _hostile():
    spec = importlib.util.spec_from_file_location("hostile", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("hostile", module)  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_case_past_its_time_limit_leaves_no_process_running(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    slow = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    seconds, _, code = _hostile().measure([sys.executable, "-c", slow], timeout=3)
    assert (seconds, code) == (3, -1)
    pid = int(pid_file.read_text())
    for _ in range(50):  # the kill is sent; give the system a moment to reap it
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"the timed-out scan (pid {pid}) is still running")
