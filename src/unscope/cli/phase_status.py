"""A one-line status of the current phase on stderr (verify, convert), only on a terminal.

    status = PhaseStatus("unscope verify")
    with status.phase("running OLD in TF1 graph mode"):
        ...   # stderr shows "unscope verify: running OLD in TF1 graph mode ... 12 s"

Piped or redirected, it writes nothing. The line is redrawn every half second from a daemon
thread and erased when the phase ends, so what is printed afterwards starts clean. (scan and
migrate count files: `unscope.cli.progress.ProgressBar`; these commands have phases.)
"""
from __future__ import annotations

import contextlib
import sys
import threading
import time


class PhaseStatus:
    def __init__(self, prefix: str, stream=None, interval: float = 0.5):
        self.prefix = prefix
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty is not None and isatty())
        self._lock = threading.Lock()
        self._text = ""
        self._shown = 0

    def _draw(self, text: str) -> None:
        with self._lock:
            self.stream.write("\r" + text.ljust(self._shown))
            self.stream.flush()
            self._shown = len(text)

    def _clear(self) -> None:
        with self._lock:
            if self._shown:
                self.stream.write("\r" + " " * self._shown + "\r")
                self.stream.flush()
                self._shown = 0

    def update(self, text: str) -> None:
        """Change the current phase's text (kept, and shown at the next tick)."""
        self._text = text

    @contextlib.contextmanager
    def phase(self, text: str):
        """Show `text` and the seconds spent while the block runs; nothing when disabled."""
        self._text = text
        if not self.enabled:
            yield self
            return
        start = time.monotonic()
        done = threading.Event()

        def tick():
            while not done.wait(self.interval):
                self._draw(f"{self.prefix}: {self._text} ... {time.monotonic() - start:.0f} s")

        self._draw(f"{self.prefix}: {text} ...")
        thread = threading.Thread(target=tick, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            done.set()
            thread.join()
            self._clear()
