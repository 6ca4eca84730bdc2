"""Build and run NEW (migrated TF2 code) in this process, with OLD's weights."""
from __future__ import annotations

import contextlib
import inspect
import traceback
from dataclasses import dataclass, field

import numpy as np

from unscope.verify.calls import callable_name, flatten, mode_kwargs
from unscope.verify.inputs import UsageError
from unscope.verify.names import Pairing, dtype_name, pair_variables, tf1_name
from unscope.verify.old import BuildError, Draw, OldResult
from unscope.verify.modelfile import load_file
from unscope.verify.targets import Target, parse_target


@dataclass
class NewModel:
    """NEW, built: a callable `tf.Module` (or Keras object) that owns its variables."""

    module: object
    description: str
    mode: dict
    inputs: dict
    notes: list = field(default_factory=list)  # what loading NEW's file left out
    function: bool = False  # NEW runs under tf.function (graph-only constructs need it)
    call: object = None     # what is called: the module, or tf.function(module)

    def __post_init__(self):
        if self.call is None:
            self.call = self.module


@dataclass
class NewResult:
    pairing: Pairing
    outputs: list[tuple[str, np.ndarray]]
    regularization: list[np.ndarray] | None   # None: NEW exposes no regularization losses
    gradients: dict[str, np.ndarray | None]   # by TF1 name, NEW's trainable variables only
    after: dict[str, np.ndarray] | None
    variables: list[tuple[str, tuple, str, bool]]  # (name, shape, dtype, trainable)
    more_draws: list[Draw] = field(default_factory=list)  # draws after the first

    def draws(self) -> list[Draw]:
        return [Draw({}, self.outputs, self.gradients, self.after), *self.more_draws]


def _fail(message: str) -> BuildError:
    return BuildError("NEW", message, traceback.format_exc())


def _one_line(exc: BaseException, explain=None) -> str:
    """``Type: first line``; a NameError for a name the loader skipped says why."""
    text = str(exc).strip()
    if text.startswith("in user code:"):  # tf.function's wrapping: the error is the last line
        text = text.splitlines()[-1].strip().removeprefix(f"{type(exc).__name__}: ")
    line = f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__
    if explain is not None and isinstance(exc, NameError) and getattr(exc, "name", None):
        why = explain(exc.name)
        if why:
            line += f" ({why})"
    return line


def _wrap_function(fn):
    try:
        from unscope.runtime import track
    except ImportError as exc:
        raise BuildError("NEW", f"{callable_name(fn)} is a function: wrapping it needs "
                                f"unscope.track, which is not importable ({_one_line(exc)})") \
            from None
    return track(fn)


def _instantiate(new, init):
    """A class is constructed with `init`; a function is wrapped with `unscope.track`.

    Returns ``(model, description, signature_of, notes, explain)``.
    """
    import tensorflow as tf

    notes = []
    if isinstance(new, (str, Target)):
        target = new if isinstance(new, Target) else parse_target(new)
        try:
            loaded = load_file(target.path, "new", eager=True)
        except UsageError:
            raise
        except BaseException as exc:  # SystemExit from a script's top level too
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise _fail(f"importing {target.path}: {_one_line(exc)}") from None
        if not tf.executing_eagerly():
            raise BuildError("NEW", f"importing {target.path} turned eager execution off "
                                    "(graph mode); NEW must run eagerly - move that call under "
                                    "`if __name__ == \"__main__\":`")
        obj, description = loaded.resolve(target.attr), target.short()
        notes = loaded.notes
        explain = loaded.explain
    else:
        obj, description = new, callable_name(new)
        explain = None
    if init and not inspect.isclass(obj):
        raise UsageError(f"--init is for a class; {description} is not a class")
    if inspect.isclass(obj):
        try:
            instance = obj(**(init or {}))
        except Exception as exc:
            raise _fail(f"constructing {description}: {_one_line(exc, explain)}") from None
        if init:
            description += "(" + ", ".join(f"{k}={v!r}" for k, v in init.items()) + ")"
        return instance, description, instance, notes, explain
    if isinstance(obj, tf.Module) or hasattr(obj, "trainable_variables"):
        return obj, description, obj, notes, explain
    if inspect.isfunction(obj) or inspect.ismethod(obj):
        return _wrap_function(obj), description, obj, notes, explain
    raise UsageError(f"{description} is neither a function, a class nor a tf.Module")


# What TF 2 raises for a graph-only Tensor attribute used eagerly (`tensor.name`, `.op`,
# `.graph`, `.consumers()`): such code runs under tf.function, where tensors are symbolic.
GRAPH_ONLY = "is undefined when eager execution is enabled"


def is_graph_only_error(exc: BaseException) -> bool:
    return isinstance(exc, (AttributeError, NotImplementedError)) and GRAPH_ONLY in str(exc)


def build_new(new, inputs: dict, *, init=None, training=False, function="auto") -> NewModel:
    """Construct NEW and call it once with the inputs, so lazily built variables exist.

    `function`: False runs NEW eagerly; True under ``tf.function``; ``"auto"`` eagerly, and
    when that fails on a graph-only construct, a freshly built NEW under ``tf.function``
    (with a note saying why).
    """
    import tensorflow as tf

    if function not in (True, False, "auto"):
        raise UsageError(f"function must be True, False or 'auto', not {function!r}")
    module, description, signature_of, notes, explain = _instantiate(new, init)
    mode = mode_kwargs(signature_of, training, inputs)
    tensors = {k: tf.constant(v) for k, v in inputs.items()}
    call = tf.function(module) if function is True else module
    try:
        call(**tensors, **mode)
    except Exception as exc:
        if function != "auto" or not is_graph_only_error(exc):
            raise _fail(f"calling {description}: {_one_line(exc, explain)}") from None
        eager_error = _one_line(exc)
    else:
        return NewModel(module, description, mode, tensors, list(notes), function is True, call)
    # the failed eager call may have made some variables: start again from a fresh NEW
    fresh = module if isinstance(new, tf.Module) else _instantiate(new, init)[0]
    call = tf.function(fresh)
    try:
        call(**tensors, **mode)
    except Exception as exc:
        raise _fail(f"calling {description} under tf.function (eagerly: {eager_error}): "
                    f"{_one_line(exc, explain)}") from None
    notes = list(notes) + [f"NEW fails eagerly on a graph-only construct ({eager_error}): "
                           "it ran under tf.function"]
    return NewModel(fresh, description, mode, tensors, notes, True, call)


def module_variables(module) -> list:
    return list(getattr(module, "variables", None) or [])


def regularization_losses(module) -> list[np.ndarray] | None:
    """NEW's regularization losses: ``.regularization_losses`` (unscope), else ``.losses``."""
    for attr in ("regularization_losses", "losses"):
        if not hasattr(module, attr):
            continue
        losses = getattr(module, attr)
        if callable(losses) and not isinstance(losses, (list, tuple)):
            losses = losses()
        if losses is None:
            continue
        if not isinstance(losses, (list, tuple)):
            losses = [losses]
        return [np.asarray(loss() if callable(loss) else loss) for loss in losses]
    return None


def _load_old_values(pairing, variables, old: OldResult, bad: set) -> None:
    for name, variable in pairing.matched.items():
        if name not in bad:
            variable.assign(old.values[name])
    # a name NEW uses twice gets OLD's value in every copy: sharing is then judged by gradients
    for name in pairing.duplicated:
        if name in pairing.matched and name not in bad:
            for variable in variables:
                if variable is not pairing.matched[name] and _name(variable) == name:
                    variable.assign(old.values[name])


def _run_draw(model: NewModel, inputs: dict, pairing, trainables, old: OldResult) -> Draw:
    """Call NEW once under a tape on one input draw."""
    import tensorflow as tf

    if old.same_random:
        from unscope.verify.same_random import drawing_same_numbers

        draws = drawing_same_numbers(old.seed)
    else:
        draws = contextlib.nullcontext()
    with draws, tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(trainables)
        structure = model.call(**inputs, **model.mode)
        outputs = [(k, tf.convert_to_tensor(v)) for k, v in flatten(structure)]
        floats = [t for _, t in outputs if t.dtype.is_floating]
        target = None
        if floats:
            dtype = tf.float64 if any(t.dtype == tf.float64 for t in floats) else tf.float32
            target = tf.add_n([tf.cast(tf.reduce_sum(t), dtype) for t in floats])
    gradients = {}
    if target is not None and trainables and old.grads:
        for variable, grad in zip(trainables, tape.gradient(target, trainables)):
            name = _name(variable)
            if name in gradients:
                continue  # duplicated names are reported as such
            gradients[name] = None if grad is None else np.asarray(tf.convert_to_tensor(grad))
    after = {n: np.asarray(v.numpy()) for n, v in pairing.matched.items()} \
        if old.training else None
    return Draw(inputs, [(k, _plain(t.numpy())) for k, t in outputs], gradients, after)


def run_new(model: NewModel, old: OldResult) -> NewResult:
    """Load OLD's values into NEW by TF1 name, call NEW under a tape on each of OLD's input
    draws (each from OLD's values), read what it computed."""
    import tensorflow as tf

    variables = module_variables(model.module)
    pairing = pair_variables(old.variables, variables)
    # a trainability difference is reported but the value still loads; shape/dtype cannot
    bad = {name for name, what, *_ in pairing.mismatched if what in ("shape", "dtype")}
    trainables = [v for v in variables if getattr(v, "trainable", True)]
    runs = []
    try:
        for k, draw in enumerate(old.draws()):
            _load_old_values(pairing, variables, old, bad)
            inputs = model.inputs if k == 0 else {n: tf.constant(v) for n, v in draw.inputs.items()}
            runs.append(_run_draw(model, inputs, pairing, trainables, old))
        regularization = regularization_losses(model.module)
    except BuildError:
        raise
    except Exception as exc:
        raise _fail(f"calling {model.description}: {_one_line(exc)}") from None
    first = runs[0]
    return NewResult(
        pairing=pairing,
        outputs=first.outputs,
        regularization=regularization,
        gradients=first.gradients,
        after=first.after,
        variables=[(_name(v), tuple(int(d) for d in v.shape), dtype_name(v),
                    bool(getattr(v, "trainable", True))) for v in variables],
        more_draws=runs[1:],
    )


def _name(variable) -> str:
    return tf1_name(variable)


def _plain(array) -> np.ndarray:
    """bfloat16 as float32, as the worker stores OLD's."""
    array = np.asarray(array)
    return array.astype(np.float32) if array.dtype.name == "bfloat16" else array
