"""``run_in_order``: native mode over a tree in one process pool, each file started as soon as
the files whose classes it may build are done (:mod:`unscope.native.project_graph`).

Files other files wait for go first, one per task, so their callers can start while the bulk
of the tree (batches, as in :func:`unscope.migrate.runner._run`) is still running; a file's
classes are described (:func:`unscope.native.project.describe`) in this process when its
outcome arrives.  A broken pool finishes the rest here, in order; Ctrl-C stops as the runner
does (tasks already running finish, queued ones never start).
"""
from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

__all__ = ["run_in_order"]


def run_in_order(todo, graph, waves, action, jobs, verbose, progress, nn_import, details, defer=frozenset()):
    """``(outcomes, foreign given to each file)``; the files of ``defer`` are migrated with
    ``diff`` (not written; see :func:`unscope.migrate.runner._run_project`)."""
    from unscope.migrate import runner
    from unscope.migrate.names import TFNames
    from unscope.native.project import describe
    from unscope.rules import rules

    rules("native")
    TFNames.load()
    key = {path: os.path.realpath(path) for path, _ in todo}
    level = {p: i for i, wave in enumerate(waves) for p in wave}
    needs = {key[path]: {d for d in graph.depends(key[path]) if level.get(d, 0) < level.get(key[path], 0)}
             for path, _ in todo}
    wanted = {d for ds in needs.values() for d in ds}   # files others wait for
    order = sorted(todo, key=lambda job: (level.get(key[job[0]], 0), key[job[0]] not in wanted))
    exports: dict = {}
    done: dict = {}
    foreign: dict = {}
    size = max(1, min(64, len(todo) // (jobs * 4) or 1))

    def finish(outcomes, jobs_list):
        for (path, _), outcome in zip(jobs_list, outcomes):
            k = key[path]
            done[k] = outcome
            if k in wanted and outcome.failure is None and outcome.classes:
                exports[k] = describe(graph.texts.get(k, ""), k, outcome.classes, foreign.get(k, ()))
        if progress is not None:
            progress(len(done), len(todo))

    def ready(submitted):
        jobs_list = [job for job in order if key[job[0]] not in submitted and needs[key[job[0]]] <= set(done)]
        for path, _ in jobs_list:
            foreign[key[path]] = graph.foreign_for(key[path], exports)
        alone = wanted | defer   # one per task: others wait for them; deferred ones run as diff
        first = [job for job in jobs_list if key[job[0]] in alone]
        rest = [job for job in jobs_list if key[job[0]] not in alone]
        return [[job] for job in first] + [rest[i:i + size] for i in range(0, len(rest), size)]

    def run_here(jobs_list):
        for path, _ in jobs_list:
            foreign.setdefault(key[path], graph.foreign_for(key[path], exports))
        for job in jobs_list:
            finish(runner._batch([job], "native", act(job), verbose, nn_import, details, graph.imported,
                                 {key[job[0]]: foreign[key[job[0]]]}), [job])

    def act(job):
        return "diff" if key[job[0]] in defer else action

    submitted: set = set()
    futures: dict = {}
    pool = None
    with runner._sigint_flag() as stop:
        try:
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=runner._context(),
                                       initializer=runner._ignore_sigint)

            def submit():
                for batch in ready(submitted):
                    submitted.update(key[p] for p, _ in batch)
                    futures[pool.submit(runner._batch, batch, "native", act(batch[0]), verbose, nn_import, details,
                                        runner._for_files(graph.imported, batch),
                                        {key[p]: foreign[key[p]] for p, _ in batch})] = batch

            submit()
            while futures and not stop.is_set():
                finished, _ = wait(set(futures), timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    batch = futures.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        raise
                    except Exception:
                        outcomes = None
                    if outcomes is None:
                        run_here(batch)
                    else:
                        finish(outcomes, batch)
                submit()
        except (OSError, BrokenProcessPool, RuntimeError):
            pass
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=stop.is_set())
        if stop.is_set():
            for future, batch in futures.items():
                if future.done() and not future.cancelled() and future.exception() is None:
                    for (path, _), outcome in zip(batch, future.result()):
                        done[key[path]] = outcome
            raise runner._Partial(list(done.values()))
    for future, batch in list(futures.items()):   # the pool broke: what it had not finished
        if future.done() and not future.cancelled() and future.exception() is None:
            finish(future.result(), batch)
    for path, out in order:                         # ... and what never started, in order
        if key[path] not in done:
            run_here([(path, out)])
    return [done[key[path]] for path, _ in todo], foreign
