"""The scheduler's child processes (crawls, evidence captures): run them, and stop them at shutdown.

Every scheduled crawl runs as ``ecowarden crawl`` in its own process, exactly as a person would run
it: the crawl keeps its own reactor, signal handling and leases, and a crash there cannot take the
scheduler down. Children get a session of their own, so a Ctrl-C typed at the scheduler's terminal
reaches the scheduler only; the scheduler then forwards one SIGINT, which Scrapy treats as a
graceful pause (a second one would be a forced stop).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path


class ChildrenClosed(RuntimeError):
    """The scheduler is stopping: no new child process is started."""


@dataclass(frozen=True)
class Finished:
    argv: list[str]
    code: int
    stdout: str
    stderr: str

    def last_error_line(self) -> str:
        """The last non-empty line of stderr: where the CLI puts its one-line error."""
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return lines[-1] if lines else ""


class Children:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self._closed = False

    def run(self, argv: list[str]) -> Finished:
        """Run a command to its end and return its output; refused once :meth:`interrupt` was called."""
        with self._lock:
            if self._closed:
                raise ChildrenClosed("the scheduler is stopping")
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                start_new_session=True,
            )
            self._running.add(proc)
        try:
            stdout, stderr = proc.communicate()
        finally:
            with self._lock:
                self._running.discard(proc)
        return Finished(argv, proc.returncode, stdout, stderr)

    def interrupt(self) -> int:
        """Ask every running child to stop gracefully (SIGINT) and refuse new ones; returns how many."""
        with self._lock:
            self._closed = True
            running = list(self._running)
        for proc in running:
            _signal(proc, signal.SIGINT)
        return len(running)

    def kill(self) -> int:
        """Stop every running child now (SIGKILL); its crawl stays resumable from what it committed.

        Its descendants go too: a browser it started for rendering or evidence capture would
        otherwise outlive it, orphaned (Playwright starts browsers in a session of their own, so
        neither the child's process group nor its session reaches them)."""
        with self._lock:
            running = list(self._running)
        for proc in running:
            _kill_tree(proc)
        return len(running)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._running)


def _signal(proc: subprocess.Popen[str], signum: int) -> None:
    try:
        proc.send_signal(signum)
    except ProcessLookupError:  # it ended meanwhile
        pass


def _kill_tree(proc: subprocess.Popen[str]) -> None:
    if proc.returncode is not None:  # reaped already: its pid may be someone else's now
        return
    below = _descendants(proc.pid)  # before the kill: orphans are re-parented and lost from view
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # started with start_new_session: its group id is its pid
    except (ProcessLookupError, PermissionError):  # group gone (or not ours): the child alone
        _signal(proc, signal.SIGKILL)
    for pid in below:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from /proc (Linux; elsewhere none are found)."""
    below: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # ended while we looked
            continue
        fields = stat.rpartition(")")[2].split()  # after "pid (command)": state, ppid, ...
        if len(fields) > 1 and fields[1].isdigit():
            below.setdefault(int(fields[1]), []).append(int(entry))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in below.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found
