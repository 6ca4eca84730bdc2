"""A progress bar on stderr for long runs of scan and migrate: shown only on a terminal, only
once a run has taken longer than ``DELAY_S``, and gone (transient) when the run ends."""
from __future__ import annotations

import time

__all__ = ["ProgressBar", "DELAY_S"]

DELAY_S = 1.0  # shorter runs show nothing, so a quick run does not flicker


class ProgressBar:
    """``callable(done, total)`` for the library's ``progress=`` argument.

    ``ProgressBar.for_stream(stream, "migrating")`` is None when ``stream`` is not a terminal,
    so piped or redirected output stays clean."""

    def __init__(self, stream, verb: str) -> None:
        self.stream = stream
        self.verb = verb
        self.start = time.monotonic()
        self._bar = None
        self._task = None

    @classmethod
    def for_stream(cls, stream, verb: str) -> "ProgressBar | None":
        isatty = getattr(stream, "isatty", None)
        return cls(stream, verb) if isatty is not None and isatty() else None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if time.monotonic() - self.start < DELAY_S:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            console = Console(file=self.stream, force_terminal=True)
            self._bar = Progress(TextColumn(self.verb), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("files"), TimeElapsedColumn(), console=console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.verb, total=total)
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
