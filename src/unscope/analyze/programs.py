"""Session-program constructs scan reports, with the verdict the program pass gives them.

The verdict is not guessed: it is the program pass's own decision (``unscope.program``, which
never imports TensorFlow), run on the file.  Where the pass converts the file's Session
program, every construct of that program is ``native`` and the table below says what it
becomes; where it keeps the program in TF1 form, its own finding is reported as it is and each
construct of the program is ``manual``, pointing at that finding; constructs outside any
program the pass converts (a library function that makes placeholders) are ``manual``.

    >>> src = ("import tensorflow as tf\\n"
    ...        "x = tf.placeholder(tf.float32, [None, 2])\\n"
    ...        "y = x * 2.0\\n"
    ...        "with tf.Session() as sess:\\n"
    ...        "    print(sess.run(y, feed_dict={x: [[1.0, 2.0]]}))\\n")
    >>> [f"{f.line}: {f.api}: {f.verdict}" for f in program_findings(ast.parse(src), src, "m.py")]
    ['2: tf.placeholder: native', '4: tf.Session: native', '5: tf.Session.run: native']
    >>> src = src.replace("sess.run(y,", "sess.run(x * 2.0,")  # a fetch the pass cannot name
    >>> print(program_findings(ast.parse(src), src, "m.py")[2])
    m.py:5:11: tf.Session.run: manual: the Session program is kept in TF1 form: a fetch that is not a name of the graph - rewrite it by hand or keep it on tf.compat.v1
"""
from __future__ import annotations

import ast
import re

from unscope.analyze.findings import Finding
from unscope.analyze.imports import ImportTable, canonical_api

__all__ = ["program_findings", "construct_of", "BECOMES", "OUTSIDE"]

# What each construct becomes when the program pass converts the program around it.
BECOMES = {
    "tf.placeholder": "an argument of the tf.function that runs it (input_signature from its "
                      "dtype and shape), or of the function that makes the pipeline it feeds at "
                      "each initializer run",
    "tf.placeholder_with_default": "an argument of the tf.function that runs it, given TF1's default "
                                   "where the run does not feed it",
    "tf.Session": "the program runs eagerly: the model built once, each distinct sess.run a tf.function",
    "tf.InteractiveSession": "the program runs eagerly",
    "tf.Session.run": "a call of a tf.function whose arguments are the placeholders it feeds",
    "optimizer": "the unscope.nn optimizer of the same name: TF1's update, slots named as TF1 named them",
    "minimize": "a tf.function train step with a tf.GradientTape and the unscope.nn optimizer",
    "compute_gradients": "tf.GradientTape.gradient in the train step",
    "apply_gradients": "the unscope.nn optimizer's apply_gradients in the train step",
    "tf.train.Saver": "tf.train.Checkpoint (+ CheckpointManager); restore also reads TF1 checkpoints",
    "tf.train.Saver.save": "CheckpointManager.save",
    "tf.train.Saver.restore": "unscope.program.restore (TF1 or TF2 checkpoints, optimizer slots included)",
    "global_step": "unscope.nn.create_global_step(), counted by apply_gradients",
    "schedule": "the unscope.nn.schedules schedule on the same global step",
    "initializer": "dropped: variables are initialized when their module builds",
    "summary": "TF1's serialized Summary from TF core's summary ops (family= gives TF1's "
               "family/family/name tag), written with tf.summary.create_file_writer at the step "
               "the program gives",
    "dataset_iterator": "iter(dataset): pulled once per run that needs it; an initializable one made "
                        "again at each initializer run (a pipeline fed from placeholders or shuffled "
                        "with a literal seed: made again from the fed values, its seeds restarting as "
                        "TF1's did); `while True: try ... except OutOfRangeError: break` -> a for loop",
    "estimator": "converted by the program pass",
    "monitored_session": "converted by the program pass",
    "queue": "converted by the program pass",
    "tf.py_func": "tf.numpy_function",
}

# Why a construct outside any Session program the pass converts is left to a person.
OUTSIDE = ("outside a Session program the program pass converts (`with tf.Session() as sess:` at "
           "module level, in the __main__ guard or in the function it calls); kept on tf.compat.v1 "
           "- move the training loop into such a program or port it by hand")

_CALLS = {
    "tf.placeholder": "tf.placeholder", "tf.placeholder_with_default": "tf.placeholder_with_default",
    "tf.Session": "tf.Session",
    "tf.InteractiveSession": "tf.InteractiveSession", "tf.train.Saver": "tf.train.Saver",
    "tf.train.get_or_create_global_step": "global_step", "tf.train.create_global_step": "global_step",
    "tf.global_variables_initializer": "initializer", "tf.initialize_all_variables": "initializer",
    "tf.local_variables_initializer": "initializer", "tf.py_func": "tf.py_func",
    "tf.train.MonitoredTrainingSession": "monitored_session", "tf.train.MonitoredSession": "monitored_session",
    "tf.train.SingularMonitoredSession": "monitored_session", "tf.train.Supervisor": "monitored_session",
    "tf.train.start_queue_runners": "queue", "tf.train.QueueRunner": "queue",
    "tf.train.add_queue_runner": "queue", "tf.train.Coordinator": "queue",
    "tf.train.string_input_producer": "queue", "tf.train.input_producer": "queue",
    "tf.train.slice_input_producer": "queue", "tf.train.batch": "queue", "tf.train.shuffle_batch": "queue",
    "tf.data.make_one_shot_iterator": "dataset_iterator",
    "tf.data.make_initializable_iterator": "dataset_iterator",
    "tf.data.Iterator.from_structure": "dataset_iterator",
}
_SCHEDULES = frozenset(f"tf.train.{n}" for n in (
    "exponential_decay", "natural_exp_decay", "inverse_time_decay", "polynomial_decay", "cosine_decay",
    "piecewise_constant", "linear_cosine_decay", "noisy_linear_cosine_decay", "cosine_decay_restarts"))
_ESTIMATOR = frozenset({"EstimatorSpec", "TrainSpec", "EvalSpec", "RunConfig", "train_and_evaluate"})
_OPTIMIZER_METHODS = ("minimize", "compute_gradients", "apply_gradients")
_ITERATOR_METHODS = ("make_one_shot_iterator", "make_initializable_iterator")


def construct_of(api: str | None) -> str | None:
    """The construct (a key of ``BECOMES``) a call of canonical ``api`` is, or None.

    >>> construct_of("tf.train.AdamOptimizer"), construct_of("tf.summary.FileWriter")
    ('optimizer', 'summary')
    """
    if not api:
        return None
    if api in _CALLS:
        return _CALLS[api]
    if api in _SCHEDULES:
        return "schedule"
    head, _, leaf = api.rpartition(".")
    if head == "tf.train" and leaf.endswith("Optimizer") and leaf != "Optimizer":
        return "optimizer"
    if head == "tf.summary" or head.startswith("tf.summary."):
        return "summary"
    if head == "tf.estimator" or head.startswith("tf.estimator."):
        return "estimator" if leaf in _ESTIMATOR or leaf.endswith(("Estimator", "Classifier", "Regressor")) else None
    return None


def _leaves() -> "re.Pattern":
    """Every name a construct's last component can be spelled with: a file that contains none
    of them has no construct (an import or an attribute must spell it), so it is not walked."""
    names = {api.rpartition(".")[2] for api in (*_CALLS, *_SCHEDULES)}
    names |= {"summary", "estimator", "Estimator", *_ITERATOR_METHODS}
    # optimizers end in "Optimizer" (AdamOptimizer), so that one is matched as a suffix
    return re.compile(r"Optimizer\b|\b(?:" + "|".join(sorted(map(re.escape, names))) + r")\b")


_ANY_LEAF = _leaves()


_SKIP = (ast.Name, ast.Constant, ast.Load, ast.Store, ast.operator, ast.cmpop, ast.unaryop, ast.boolop)
_KEEP = (ast.Call, ast.Assign, ast.withitem)


def _calls_and_bindings(tree: ast.Module) -> list:
    """Every Call, single-name Assign and ``with ... as`` item; a plain stack walk (``ast.walk``
    costs twice as much, and this runs on every TF file scan reads)."""
    out, stack = [], [tree]
    pop, push, skip, keep = stack.pop, stack.append, _SKIP, _KEEP
    while stack:
        node = pop()
        if isinstance(node, skip) or not isinstance(node, ast.AST):
            continue
        if isinstance(node, keep):
            out.append(node)
        for field in node._fields:
            value = getattr(node, field, None)
            if type(value) is list:
                stack.extend(value)
            elif isinstance(value, ast.AST):
                push(value)
    return out


def _api(func, table: ImportTable, tf_names: frozenset) -> str | None:
    """Canonical API of a call's function; only names rooted at a TF import can have one."""
    root = func
    while type(root) is ast.Attribute:
        root = root.value
    if type(root) is not ast.Name or root.id not in tf_names:
        return None
    return canonical_api(table.resolve(func) or "")


def _sites(tree: ast.Module, table: ImportTable) -> list[tuple[ast.AST, str, str]]:
    """``(node, api, construct)`` for every Session-program construct, in source order."""
    sessions, optimizers, savers = set(), set(), set()
    calls, tf_names = [], table.tensorflow_names()
    for node in _calls_and_bindings(tree):
        if type(node) is ast.Call:
            api = _api(node.func, table, tf_names)
            calls.append((node, api, construct_of(api)))
            continue
        if isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
            value, name = node.context_expr, node.optional_vars.id
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value, name = node.value, node.targets[0].id
        else:
            continue
        if isinstance(value, ast.Call):
            kind = construct_of(_api(value.func, table, tf_names))
            if kind in ("tf.Session", "tf.InteractiveSession", "monitored_session"):
                sessions.add(name)
            elif kind == "optimizer":
                optimizers.add(name)
            elif kind == "tf.train.Saver":
                savers.add(name)
    kinds = {id(node): kind for node, _, kind in calls}
    out = []
    for node, api, kind in calls:
        func = node.func
        if kind is not None:
            out.append((node, api, kind))
        elif isinstance(func, ast.Attribute):
            owner = func.value
            owner_kind = kinds.get(id(owner)) if isinstance(owner, ast.Call) else None
            named = owner.id if isinstance(owner, ast.Name) else None
            if func.attr == "run" and named in sessions:
                out.append((node, "tf.Session.run", "tf.Session.run"))
            elif func.attr in _OPTIMIZER_METHODS and (named in optimizers or owner_kind == "optimizer"):
                out.append((node, f"tf.train.Optimizer.{func.attr}", func.attr))
            elif func.attr in ("save", "restore") and named in savers:
                out.append((node, f"tf.train.Saver.{func.attr}", f"tf.train.Saver.{func.attr}"))
            elif func.attr in _ITERATOR_METHODS:
                out.append((node, f"tf.data.Dataset.{func.attr}", "dataset_iterator"))
    return sorted(out, key=lambda site: (site[0].lineno, site[0].col_offset))


def _decision(source: str, path: str):
    """The program pass on this file: ``(converted, its findings)``."""
    from unscope.native import migrate_native
    from unscope.program import migrate_program

    result, findings = migrate_program(source, path=path, native=migrate_native)
    return result is not None, findings


def _program_lines(tree: ast.Module, table: ImportTable) -> tuple[int, int] | None:
    """First and last line of the statements that make up the file's Session program."""
    from unscope.program.engine import program_statements
    from unscope.program.entry import find_entry

    entry = find_entry(tree, table)
    if entry is None:
        return None
    body = program_statements(tree, entry)
    return body[0].lineno, body[-1].end_lineno


# the kinds of what the pass keeps in TF1 form by name even without a Session program
_KEPT_KINDS = frozenset({"monitored_session", "queue", "estimator"})


def program_findings(tree: ast.Module, source: str, path: str, table: ImportTable | None = None) -> list[Finding]:
    """Findings for the Session-program constructs of one module, with the program pass's
    verdicts (see the module docstring); the pass's own findings where it keeps the program."""
    if not _ANY_LEAF.search(source):
        return []
    if table is None:
        table = ImportTable.from_tree(tree)
    sites = _sites(tree, table)
    if not sites:
        return []
    span = _program_lines(tree, table)
    if span is None and not any(kind in _KEPT_KINDS for _, _, kind in sites):
        # the pass has no program to convert here and nothing it keeps by name: no need to ask it
        return sorted((Finding(path, node.lineno, node.col_offset + 1, None, api, None, "manual", OUTSIDE)
                       for node, api, _ in sites), key=Finding.sort_key)
    try:
        converted, kept = _decision(source, path)
    except Exception as exc:  # the pass failed: nothing is proven, a person decides
        converted, kept = False, [Finding(path, 1, 1, None, "tf.Session", None, "manual",
                                          f"the program pass could not decide ({type(exc).__name__}: "
                                          f"{exc}); kept in TF1 form - please report this file")]
    out = list(kept)
    taken = {(f.line, f.api) for f in kept}  # the pass names the statement, scan the call
    first = min(kept, key=lambda f: f.line, default=None)
    for node, api, kind in sites:
        line, col = node.lineno, node.col_offset + 1
        if (line, api) in taken:
            continue
        inside = span is not None and span[0] <= line <= span[1]
        if converted and inside:
            verdict, message = "native", BECOMES[kind]
        elif first is not None and (inside or span is None):
            verdict, message = "manual", (f"part of the program kept in TF1 form (line {first.line}: "
                                          "see that finding)")
        else:
            verdict, message = "manual", OUTSIDE
        out.append(Finding(path, line, col, None, api, None, verdict, message))
    return sorted(out, key=Finding.sort_key)
