"""``unscope.scan``: analyse a whole tree, in a process pool, never raising on a bad file.

    >>> result = scan([])
    >>> result.summary["files"], result.findings, result.failures
    (0, [], [])
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from unscope.analyze.files import discover
from unscope.analyze.findings import Finding, ScanResult, summarize
from unscope.analyze.source import scan_file

__all__ = ["scan", "default_jobs", "still_to_migrate"]

# below this many files a pool costs more than it saves
_MIN_FILES_FOR_POOL = 8


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _scan_files(paths: list[str], progress=None, done: int = 0, total: int = 0) -> list[tuple]:
    """scan_file for each path, with the cyclic GC paused: an ast is a heap of small acyclic
    objects, and collections triggered while parsing only cost time. What cyclic garbage the
    analysis leaves is collected every few files."""
    enabled = gc.isenabled()
    gc.disable()
    results = []
    try:
        for i, path in enumerate(paths, 1):
            results.append(scan_file(path))
            if i % 32 == 0:
                gc.collect(0)
            if progress is not None:
                progress(done + i, total)
    finally:
        if enabled:
            gc.enable()
    return results


def _scan_batch(paths: list[str]) -> list[tuple]:
    return _scan_files(paths)


def _batches(files: list[str], jobs: int) -> list[list[str]]:
    # about 4 batches per worker, so a slow file does not leave a worker idle for long
    size = max(1, min(64, len(files) // (jobs * 4) or 1))
    return [files[i:i + size] for i in range(0, len(files), size)]


def _context():
    # fork is cheapest, but forking a process that already runs TensorFlow's threads is not safe
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and "tensorflow" not in sys.modules:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; only the parent stops and reports it
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(files: list[str], jobs: int, progress) -> list[tuple]:
    total = len(files)
    if jobs <= 1 or total < _MIN_FILES_FOR_POOL:
        return _scan_files(files, progress, 0, total)
    batches = _batches(files, jobs)
    results_by_batch: dict[int, list] = {}
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=_context(),
                                 initializer=_ignore_sigint) as pool:
            futures = {pool.submit(_scan_batch, batch): i for i, batch in enumerate(batches)}
            done = 0
            for future in as_completed(futures):
                i = futures[future]
                try:
                    results_by_batch[i] = future.result()
                except BrokenProcessPool:
                    break
                except Exception:  # pickling trouble or a crashed worker: redo it here
                    results_by_batch[i] = _scan_batch(batches[i])
                done += len(batches[i])
                if progress is not None:
                    progress(done, total)
    except (OSError, BrokenProcessPool, RuntimeError):
        pass  # no pool on this system (or it died): finish in this process
    for i, batch in enumerate(batches):
        if i not in results_by_batch:
            results_by_batch[i] = _scan_batch(batch)
    return [r for i in range(len(batches)) for r in results_by_batch[i]]


def scan(paths, jobs: int | None = None, exclude=(), progress=None) -> ScanResult:
    """Scan files and directories for TF1 variable constructs.

    ``paths``: files or directories (a single path is accepted too); ``jobs``: worker processes
    (default: the CPUs this process may use; 1 scans in this process); ``exclude``: globs
    matched against paths relative to each directory given; ``progress``: optional
    ``callable(done, total)``. Never raises on a bad file: it becomes a failure.

        >>> import unscope
        >>> result = unscope.scan(["src/"], jobs=1)          # doctest: +SKIP
        >>> result.summary["manual"], result.findings[0]      # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if isinstance(exclude, str):
        exclude = [exclude]
    found = discover(list(paths), exclude)
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    findings: list[Finding] = []
    failures = list(found.failures)
    lines = 0
    for file_findings, file_failures, file_lines in _run(found.files, jobs, progress):
        findings.extend(file_findings)
        failures.extend(file_failures)
        lines += file_lines
    findings.sort(key=Finding.sort_key)
    failures.sort(key=lambda f: (f.path, -1 if f.cell is None else f.cell, f.line or 0, f.col or 0))
    summary = summarize(findings, failures, files=len(found.files), lines=lines, skipped=found.skipped)
    return ScanResult(findings, failures, summary)


def still_to_migrate(result: ScanResult, jobs: int | None = None) -> list[str]:
    """Files with findings that ``unscope migrate`` (compat) would still change, sorted.

    What ``scan --check`` asks: code already on the unscope runtime (``unscope.variable_scope``,
    ``unscope.layers.dense``, ``unscope.track``, the ``tf.compat.v1`` twins compat mode writes)
    still has findings, but nothing is left for migrate to do there.

        >>> still_to_migrate(ScanResult())
        []
    """
    paths = sorted({f.path for f in result.findings})
    if not paths:
        return []
    from unscope.migrate.runner import migrate_paths

    report = migrate_paths(paths, "compat", action="check", jobs=jobs)
    return sorted(o.path for o in report.files if o.changed and o.failure is None)
