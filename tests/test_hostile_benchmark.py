"""The hostile-input benchmark stops a case past its time limit, and all of it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def test_a_case_past_its_time_limit_leaves_no_process_running(tmp_path: Path, benchmark_script) -> None:
    pid_file = tmp_path / "pid"
    slow = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    seconds, _, code = benchmark_script("hostile").measure([sys.executable, "-c", slow], timeout=3)
    assert (seconds, code) == (3, -1)
    pid = int(pid_file.read_text())
    for _ in range(50):  # the kill is sent; give the system a moment to reap it
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"the timed-out scan (pid {pid}) is still running")
