from __future__ import annotations

import sys
import time

from bitewise.engines.media.run import run_bounded

PYTHON = sys.executable


def test_it_returns_output_and_status() -> None:
    code = "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"
    completed = run_bounded([PYTHON, "-c", code], timeout=10.0, max_stdout=100)
    assert (completed.returncode, bytes(completed.stdout), completed.stderr) == (
        3,
        b"out\n",
        b"err\n",
    )
    assert not completed.ok


def test_it_kills_a_process_past_the_deadline() -> None:
    began = time.monotonic()
    completed = run_bounded([PYTHON, "-c", "import time; time.sleep(30)"], timeout=0.3,
                            max_stdout=100)  # fmt: skip
    assert completed.timed_out and completed.returncode is None
    assert time.monotonic() - began < 5


def test_it_kills_a_process_that_writes_too_much() -> None:
    code = "import sys\nwhile True: sys.stdout.write('x' * 4096)"
    completed = run_bounded([PYTHON, "-c", code], timeout=10.0, max_stdout=100_000)
    assert completed.overflowed and not completed.ok
    assert len(completed.stdout) < 100_000 + 2 * 65536


def test_it_keeps_only_the_end_of_a_long_complaint() -> None:
    code = "import sys; sys.stderr.write('a' * 50000 + 'the reason')"
    completed = run_bounded([PYTHON, "-c", code], timeout=10.0, max_stdout=10, max_stderr=100)
    assert len(completed.stderr) == 100 and completed.stderr.endswith(b"the reason")
