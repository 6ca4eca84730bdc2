"""``migrate_paths``: migrate files and directories in a process pool; never raises on a bad file.

    >>> report = migrate_paths([], action="check")
    >>> report.summary["files"], report.failures
    (0, [])
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from unscope.analyze.files import discover
from unscope.analyze.findings import Failure
from unscope.analyze.runner import default_jobs
from unscope.migrate.engine import MODES, migrate_source
from unscope.migrate.files import (ChangedOnDisk, encode, read_only_reason, read_with_state, unified_diff,
                                   write_atomic)
from unscope.migrate.result import FileOutcome, Report

__all__ = ["migrate_paths", "migrate_file", "ACTIONS", "MigrationInterrupted"]


class MigrationInterrupted(KeyboardInterrupt):
    """Ctrl-C during :func:`migrate_paths`; ``report`` holds the files finished before it
    (each written completely, or not at all)."""

    def __init__(self, report: Report) -> None:
        super().__init__("interrupted")
        self.report = report


CHANGED_ON_DISK = "changed on disk while it was being migrated; left as saved - run migrate again"

ACTIONS = ("write", "check", "diff")
_MIN_FILES_FOR_POOL = 8


def migrate_file(path: str, mode: str = "compat", action: str = "write", out_path: str | None = None,
                 verbose: bool = False, nn_import: str | None = None, details: bool = False,
                 imported=frozenset(), foreign=()) -> FileOutcome:
    """Migrate one file: write it (in place, or to ``out_path``), or only check / diff it.

    ``details``: also fill ``FileOutcome.details`` for the report (diff, per-function verdicts).
    ``imported`` (native mode): the names other files of the run import from this one;
    ``foreign`` the classes other files made that this one may build.
    """
    outcome = FileOutcome(path)
    # The second run that proves a rewrite stable guards what is written or shown; --check
    # only answers "would it change?", which the first run answers exactly.
    stable = action != "check"
    try:
        try:
            text, info, state = read_with_state(path)
        except OSError as exc:
            outcome.failure = Failure(path, f"cannot read: {exc.strerror or exc}")
            return outcome
        if text is None:
            outcome.failure = Failure(path, "not UTF-8 (and no coding declaration that decodes it)")
            return outcome
        if path.endswith(".ipynb"):
            from unscope.migrate.notebook import migrate_notebook

            result = migrate_notebook(text, mode, path, check_stable=stable, nn_import=nn_import)
        else:
            result = migrate_source(text, mode, path=path, check_stable=stable, nn_import=nn_import,
                                    imported=imported, foreign=foreign)
        outcome.findings = result.findings
        outcome.classes = result.classes
        if result.error is not None:
            col = result.error_col if result.error_col and result.error_col > 0 else None
            outcome.failure = Failure(path, result.error, result.error_line, col)
            if details:
                from unscope.migrate.review import review_details

                outcome.details = review_details(text, text, path, mode, result.findings, [], result.error)
            if out_path is not None and action == "write":
                _write(outcome, out_path, encode(text, info), path)
            return outcome
        outcome.changed = result.changed
        if details:
            from unscope.migrate.review import review_details

            outcome.details = review_details(text, result.code, path, mode, result.findings, result.classes)
        if action == "write":
            if out_path is not None:
                outcome.written = _write(outcome, out_path, encode(result.code, info), path)
            elif result.changed:
                reason = read_only_reason(path)
                if reason is not None:
                    outcome.failure = Failure(path, reason)
                    return outcome
                outcome.written = _write(outcome, path, encode(result.code, info), None, state)
        elif action == "diff" and result.changed:
            outcome.diff = unified_diff(text, result.code, path)
    except Exception as exc:  # a bug must not stop the other files
        detail = "".join(traceback.format_exception(exc)) if verbose else ""
        outcome.failure = Failure(path, f"internal error: {type(exc).__name__}: {exc}" +
                                  (f"\n{detail}" if detail else ""))
    return outcome


def _write(outcome: FileOutcome, target: str, data: bytes, mode_from, expect=None) -> bool:
    """Write one result; a file that cannot be written becomes the outcome's failure."""
    try:
        write_atomic(target, data, mode_from=mode_from, expect=expect)
    except ChangedOnDisk:
        outcome.failure = Failure(outcome.path, CHANGED_ON_DISK)
        return False
    except OSError as exc:
        where = "" if target == outcome.path else f" {target}"
        outcome.failure = Failure(outcome.path, f"cannot write{where}: {exc.strerror or exc}")
        return False
    return True


def _batch(jobs_list: list[tuple], mode: str, action: str, verbose: bool,
           nn_import: str | None = None, details: bool = False, imported=None,
           foreign=None) -> list[FileOutcome]:
    imported = _for_files(imported, jobs_list)
    foreign = _for_files(foreign, jobs_list)
    return [migrate_file(path, mode, action, out, verbose, nn_import, details,
                         imported.get(os.path.realpath(path), frozenset()),
                         foreign.get(os.path.realpath(path), ())) for path, out in jobs_list]


def _for_files(imported, jobs_list) -> dict:
    """The entries of the native pre-pass for these files only (what a worker is sent)."""
    if not imported:
        return {}
    keys = {os.path.realpath(path) for path, _ in jobs_list}
    return {k: v for k, v in imported.items() if k in keys}


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and "tensorflow" not in sys.modules:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _targets(paths, exclude, out) -> tuple[list[tuple[str, str | None]], list[Failure], list[tuple[str, str]], int]:
    """``(file, output file or None)`` for every file under ``paths``, mirrored under ``out``;
    failures; the other files to copy under ``out``; how many files ignores/excludes skipped."""
    todo: list[tuple[str, str | None]] = []
    copies: list[tuple[str, str]] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    skipped = 0
    for given in paths:
        given = os.fspath(given)
        found = discover([given], exclude, others=out is not None)
        failures.extend(found.failures)
        skipped += found.skipped
        others = set(found.others)
        for path in found.files + found.others:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            target = None
            if out is not None:
                rel = os.path.basename(path) if os.path.isfile(given) else os.path.relpath(path, given)
                target = os.path.join(out, rel)
            if path in others:
                copies.append((path, target))
            else:
                todo.append((path, target))
    return todo, failures, copies, skipped


def _copy(source: str, target: str) -> Failure | None:
    try:
        with open(source, "rb") as fh:
            data = fh.read()
        write_atomic(target, data, mode_from=source)
    except OSError as exc:
        return Failure(source, f"cannot copy to {target}: {exc.strerror or exc}")
    return None


def migrate_paths(paths, mode: str = "compat", *, action: str = "write", out: str | None = None,
                  jobs: int | None = None, exclude=(), verbose: bool = False, progress=None,
                  nn_import: str | None = None, details: bool = False) -> Report:
    """Migrate ``.py`` / ``.ipynb`` files under ``paths``.

    ``action``: ``"write"`` (in place, or the whole tree mirrored under ``out``: other files
    are copied there too), ``"check"`` or ``"diff"`` (never write; ``FileOutcome.diff`` holds
    the diff).  ``jobs``: worker processes (default: the CPUs this process may use).
    ``exclude``: globs as for scan.  Files that cannot be read, parsed or written become
    ``Report.failures``; the others are migrated.  A file changed on disk between reading and
    writing is left as it is and reported failed.  ``nn_import`` (native mode): the import line
    for vendored layers (see ``--vendor``).  ``details``: each file's report row also carries its
    diff, size and per-function verdicts.  Ctrl-C raises :class:`MigrationInterrupted`
    carrying the report of the files finished so far.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if isinstance(exclude, str):
        exclude = [exclude]
    todo, failures, copies, skipped = _targets(paths, exclude, out if action == "write" else None)
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    report = Report(mode=mode, skipped=skipped)
    report.failures = failures
    try:
        if mode == "native":  # the tree is the program: see _run_project
            outcomes = _run_project(todo, action, jobs, verbose, progress, nn_import, details)
        else:
            outcomes = _run(todo, mode, action, jobs, verbose, progress, nn_import, details)
    except _Partial as partial:
        _collect(report, partial.outcomes)
        raise MigrationInterrupted(report) from None
    _collect(report, outcomes)
    for source, target in copies:
        failure = _copy(source, target)
        if failure is None:
            report.copied += 1
        else:
            report.failures.append(failure)
    report.failures.sort(key=lambda f: (f.path, f.line or 0, f.col or 0))
    return report


def _collect(report: Report, outcomes) -> None:
    for o in outcomes:
        report.files.append(o)
        if o.failure is not None:
            report.failures.append(o.failure)


class _Partial(Exception):
    def __init__(self, outcomes) -> None:
        super().__init__("interrupted")
        self.outcomes = outcomes


@contextlib.contextmanager
def _sigint_flag():
    """While the pool runs, Ctrl-C (once or many times) only sets a flag the loop polls, so the
    clean-up after it cannot itself be interrupted."""
    stop = threading.Event()
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
    except ValueError:  # not the main thread: Ctrl-C goes to the main thread's handler anyway
        yield stop
        return
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; the parent alone stops the run and reports it
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_project(todo, action, jobs, verbose, progress, nn_import, details) -> list[FileOutcome]:
    """Native mode over a tree: one look at every file first (which names the others import,
    kept; how each names the others' functions), then the files callees first, each given the
    classes the files before it made (:mod:`unscope.native.project_graph`).

    A file others wait for that is rewritten in place is first migrated without writing
    (``diff``: the rewrite proven stable) and written last: until then it is on disk as it
    was for every file that reads it (the program pass reads the model files it imports)."""
    from unscope.native.project_graph import read_project

    graph = read_project([path for path, _ in todo])
    waves = graph.waves()
    if len(waves) <= 1:
        return _run(todo, "native", action, jobs, verbose, progress, nn_import, details, graph.imported)
    waited = {d for path, _ in todo for d in graph.depends(os.path.realpath(path))}
    defer = {os.path.realpath(path) for path, out in todo
             if action == "write" and out is None and os.path.realpath(path) in waited}
    if jobs > 1 and len(todo) >= _MIN_FILES_FOR_POOL:
        from unscope.migrate.schedule import run_in_order

        outcomes, foreign = run_in_order(todo, graph, waves, action, jobs, verbose, progress, nn_import,
                                         details, defer)
    else:
        outcomes, foreign = _in_waves(todo, graph, waves, action, jobs, verbose, progress, nn_import,
                                      details, defer)
    last = [job for job in todo if os.path.realpath(job[0]) in defer]
    if last:
        written = _run(last, "native", action, jobs, verbose, None, nn_import, details, graph.imported, foreign)
        by_path = dict(zip((path for path, _ in last), written))
        outcomes = [by_path.get(path, o) for (path, _), o in zip(todo, outcomes)]
    return outcomes


def _in_waves(todo, graph, waves, action, jobs, verbose, progress, nn_import, details, defer):
    """The files wave by wave in this process: ``(outcomes, foreign given to each file)``."""
    from unscope.native.project import describe

    wave_of = {path: i for i, wave in enumerate(waves) for path in wave}
    exports: dict = {}
    done: dict = {}
    given: dict = {}
    for i in range(len(waves)):
        part = [job for job in todo if wave_of.get(os.path.realpath(job[0]), 0) == i]
        foreign = {key: graph.foreign_for(key, exports)
                   for key in (os.path.realpath(path) for path, _ in part)}
        given.update(foreign)
        base = len(done)
        step = None if progress is None else (lambda n, total, base=base: progress(base + n, len(todo)))
        outcomes = []
        try:
            for first in (True, False):   # deferred files: migrated, not written (see _run_project)
                jobs_list = [job for job in part if (os.path.realpath(job[0]) in defer) == first]
                outcomes += _run(jobs_list, "native", "diff" if first else action, jobs, verbose, step,
                                 nn_import, details, graph.imported, foreign)
        except _Partial as partial:
            raise _Partial(list(done.values()) + outcomes + partial.outcomes) from None
        order = [job for job in part if os.path.realpath(job[0]) in defer] + \
                [job for job in part if os.path.realpath(job[0]) not in defer]
        for (path, _), outcome in zip(order, outcomes):
            key = os.path.realpath(path)
            done[key] = outcome
            if key in graph.texts and outcome.failure is None and outcome.classes:
                exports[key] = describe(graph.texts[key], key, outcome.classes, foreign.get(key, ()))
    return [done[os.path.realpath(path)] for path, _ in todo], given


def _run(todo, mode, action, jobs, verbose, progress, nn_import=None, details=False,
         imported=None, foreign=None) -> list[FileOutcome]:
    total = len(todo)
    if jobs <= 1 or total < _MIN_FILES_FOR_POOL:
        results = []
        try:
            for i, (path, out) in enumerate(todo, 1):
                key = os.path.realpath(path)
                results.append(migrate_file(path, mode, action, out, verbose, nn_import, details,
                                            (imported or {}).get(key, frozenset()),
                                            (foreign or {}).get(key, ())))
                if progress is not None:
                    progress(i, total)
        except KeyboardInterrupt:
            raise _Partial(results) from None
        return results
    # load the rules and the name table once, before forking, so workers inherit them
    from unscope.migrate.names import TFNames
    from unscope.rules import rules

    rules(mode)
    TFNames.load()
    size = max(1, min(64, total // (jobs * 4) or 1))
    batches = [todo[i:i + size] for i in range(0, total, size)]
    by_batch: dict[int, list] = {}
    pool = None
    futures: dict = {}
    with _sigint_flag() as stop:
        try:
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=_context(),
                                       initializer=_ignore_sigint)
            futures = {pool.submit(_batch, b, mode, action, verbose, nn_import, details,
                                   _for_files(imported, b), _for_files(foreign, b)): i
                       for i, b in enumerate(batches)}
            pending, done = set(futures), 0
            while pending and not stop.is_set():
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    i = futures[future]
                    try:
                        by_batch[i] = future.result()
                    except BrokenProcessPool:
                        pending = set()
                        break
                    except Exception:
                        by_batch[i] = _batch(batches[i], mode, action, verbose, nn_import, details, imported,
                                             foreign)
                    done += len(batches[i])
                    if progress is not None:
                        progress(done, total)
        except (OSError, BrokenProcessPool, RuntimeError):
            pass
        finally:
            if pool is not None:
                # after Ctrl-C: batches already running finish (each write is atomic), queued ones never start
                pool.shutdown(wait=True, cancel_futures=stop.is_set())
        if stop.is_set():
            finished = [o for f in futures if f.done() and not f.cancelled() and f.exception() is None
                        for o in f.result()]
            raise _Partial(finished)
    for i, b in enumerate(batches):
        if i not in by_batch:
            by_batch[i] = _batch(b, mode, action, verbose, nn_import, details, imported, foreign)
    return [o for i in range(len(batches)) for o in by_batch[i]]
