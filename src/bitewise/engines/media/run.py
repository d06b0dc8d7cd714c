"""Run ffmpeg or ffprobe safely: an argument list (never a shell), a deadline, capped output;
and the arguments that name an input file so it cannot be read as anything else."""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bitewise.engines.media.data import DEMUXERS, MediaError

CHUNK = 1 << 16
FFMPEG = "ffmpeg"
FFPROBE = "ffprobe"


@dataclass(frozen=True)
class Completed:
    returncode: int | None  # None when the process was killed (deadline or output cap)
    stdout: bytearray
    stderr: bytes  # the last ``max_stderr`` bytes: ffmpeg prints its reason for failing last
    timed_out: bool = False
    overflowed: bool = False  # stdout passed ``max_stdout``; the process was killed

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and not self.overflowed


def run_bounded(
    args: Sequence[str], *, timeout: float, max_stdout: int, max_stderr: int = 16 * 1024
) -> Completed:
    """Run ``args`` with no stdin; kill it at ``timeout`` seconds or when it writes more than
    ``max_stdout`` bytes. Raises FileNotFoundError when the program is not installed."""
    deadline = time.monotonic() + timeout
    stdout, stderr = bytearray(), bytearray()
    timed_out = overflowed = False
    returncode: int | None = None
    process = subprocess.Popen(
        list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ, stdout)
            selector.register(process.stderr, selectors.EVENT_READ, stderr)
            while selector.get_map():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    timed_out = True
                    break
                for key, _ in selector.select(remaining):
                    chunk = os.read(key.fd, CHUNK)
                    if not chunk:
                        selector.unregister(key.fileobj)
                        continue
                    key.data.extend(chunk)
                    if key.data is stderr and len(stderr) > max_stderr:
                        del stderr[: len(stderr) - max_stderr]
                if len(stdout) > max_stdout:
                    overflowed = True
                    break
        if timed_out or overflowed:
            process.kill()
        try:
            returncode = process.wait(timeout=max(deadline - time.monotonic(), 1.0))
        except subprocess.TimeoutExpired:  # closed its pipes but did not exit
            timed_out = True
    finally:
        if process.poll() is None:  # an exception above, or wait() timed out
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    if timed_out or overflowed:
        returncode = None
    return Completed(returncode, stdout, bytes(stderr), timed_out, overflowed)


def input_args(path: Path, container: str) -> list[str]:
    """ffmpeg/ffprobe options naming one local file, read with the demuxer it was sniffed as.

    ``file:`` keeps a name such as ``-x`` or ``http:x`` from being read as an option or a
    protocol; the whitelist stops a demuxer from opening anything but local files."""
    return [
        "-protocol_whitelist",
        "file",
        "-f",
        DEMUXERS[container],
        "-i",
        "file:" + str(path.resolve()),
    ]


def reason(completed: Completed, path: Path) -> str:
    """ffmpeg's last complaint, without our server's file path."""
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    text = lines[-1] if lines else f"exit status {completed.returncode}"
    for name in (str(path.resolve()), str(path)):
        text = text.replace("file:" + name, "the file").replace(name, "the file")
    return text[:200].rstrip(". ")


def run_tool(args: list[str], *, timeout: float, max_stdout: int) -> Completed:
    try:
        return run_bounded(args, timeout=timeout, max_stdout=max_stdout)
    except FileNotFoundError as error:
        raise MediaError(f"{args[0]} is not installed on the server.") from error
