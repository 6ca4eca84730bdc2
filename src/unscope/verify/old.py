"""Run OLD (TF1 code) in a worker process and read back what it computed."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

import numpy as np

from unscope.verify.inputs import UsageError
from unscope.verify.targets import Target

LAYERS_ENV = "UNSCOPE_VERIFY_OLD_LAYERS"
LAYER_SOURCES = ("auto", "tf_keras", "unscope")


class BuildError(RuntimeError):
    """OLD or NEW could not be built or run; `detail` holds the traceback."""

    def __init__(self, side: str, message: str, detail: str = ""):
        super().__init__(f"{side} could not be built: {message}")
        self.side = side
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class VariableInfo:
    name: str
    shape: tuple[int, ...]
    dtype: str
    trainable: bool


@dataclass
class Draw:
    """One input draw and what a side computed on it (from the same starting weights)."""

    inputs: dict[str, np.ndarray]
    outputs: list[tuple[str, np.ndarray]]
    gradients: dict[str, np.ndarray | None]
    after: dict[str, np.ndarray] | None


@dataclass
class OldResult:
    """What OLD computed in TF1 graph mode; arrays are numpy.

    `inputs`, `outputs`, `gradients` and `after` are the first input draw's; `draws()` lists
    every draw (`more_draws` holds the others).
    """

    target: Target
    variables: list[VariableInfo]
    values: dict[str, np.ndarray]
    outputs: list[tuple[str, np.ndarray]]
    regularization: list[np.ndarray]
    gradients: dict[str, np.ndarray | None]
    after: dict[str, np.ndarray] | None
    inputs: dict[str, np.ndarray]
    training: bool
    layers: str
    layers_used: bool
    mode_arg: str | None
    random_ops: list[str] = field(default_factory=list)
    update_ops: int = 0
    tf_version: str = ""
    seed: int = 0
    same_random: bool = False
    grads: bool = True
    checkpoint: str | None = None
    skipped_outputs: list[str] = field(default_factory=list)
    more_draws: list[Draw] = field(default_factory=list)
    contrib_used: bool = False
    notes: list[str] = field(default_factory=list)  # what loading OLD's file left out

    def draws(self) -> list[Draw]:
        return [Draw(self.inputs, self.outputs, self.gradients, self.after), *self.more_draws]

    @property
    def self_reference(self) -> bool:
        """OLD's tf.layers ran on unscope.layers: not an independent TF1 check."""
        return self.layers_used and self.layers == "unscope.layers"


def layers_source(requested: str = "auto") -> str:
    """Where OLD's ``tf.layers`` come from: ``"tf_keras"`` if importable, else ``"unscope"``.

    ``auto`` can be overridden with the environment variable UNSCOPE_VERIFY_OLD_LAYERS.
    """
    if requested == "auto":
        requested = os.environ.get(LAYERS_ENV, "auto") or "auto"
    if requested not in LAYER_SOURCES:
        raise UsageError(f"old layers must be one of {', '.join(LAYER_SOURCES)}, not {requested!r}")
    has_tf_keras = importlib.util.find_spec("tf_keras") is not None
    if requested == "auto":
        return "tf_keras" if has_tf_keras else "unscope"
    if requested == "tf_keras" and not has_tf_keras:
        raise UsageError("old layers from tf_keras were asked for, but tf_keras is not installed")
    return requested


def _worker_env(layers: str) -> dict:
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if layers == "tf_keras":
        env["TF_USE_LEGACY_KERAS"] = "1"  # must be set before TensorFlow is imported
    else:
        env.pop("TF_USE_LEGACY_KERAS", None)
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # .../src/unscope
    root = os.path.dirname(src)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


class OldRun:
    """A running worker; `result()` waits for it. Start it early and build NEW meanwhile."""

    def __init__(self, target: Target, inputs, *, checkpoint=None,
                 training=False, grads=True, seed=0, layers="auto", same_random=False,
                 timeout=600.0):
        self.target = target
        draws = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        self.inputs = draws[0]
        self.draws = draws
        self.training = training
        self.timeout = timeout
        self.layers = layers_source(layers)
        if checkpoint is not None and not os.path.exists(f"{checkpoint}.index") \
                and not os.path.exists(checkpoint):
            raise UsageError(f"{checkpoint}: no such TF1 checkpoint (expected {checkpoint}.index)")
        self._dir = tempfile.mkdtemp(prefix="unscope-verify-")
        paths = []
        for k, draw in enumerate(draws):
            paths.append(os.path.join(self._dir, f"inputs{k}.npz"))
            np.savez(paths[-1], **draw)
        request = {
            "path": target.path, "attr": target.attr, "draws": paths,
            "checkpoint": os.fspath(checkpoint) if checkpoint is not None else None,
            "training": bool(training), "grads": bool(grads), "seed": int(seed),
            "layers": self.layers, "same_random": bool(same_random), "out_dir": self._dir,
        }
        request_path = os.path.join(self._dir, "request.json")
        with open(request_path, "w") as f:
            json.dump(request, f)
        self._log = open(os.path.join(self._dir, "worker.log"), "wb")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "unscope.verify.worker", request_path],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            env=_worker_env(self.layers))

    def result(self) -> OldResult:
        try:
            try:
                code = self._proc.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
                raise BuildError("OLD", f"the TF1 worker did not finish in {self.timeout:g} s") \
                    from None
            except BaseException:  # Ctrl-C: leave no worker behind
                self._proc.kill()
                self._proc.wait()
                raise
            finally:
                self._log.close()
            return self._read(code)
        finally:
            shutil.rmtree(self._dir, ignore_errors=True)

    def cancel(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._log.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _read(self, code: int) -> OldResult:
        error_path = os.path.join(self._dir, "error.json")
        if os.path.exists(error_path):
            with open(error_path) as f:
                error = json.load(f)
            if error["kind"] == "usage":
                raise UsageError(error["message"])
            message = f"{error['type']}: {error['message']}" if error["message"] else error["type"]
            raise BuildError("OLD", message, error["traceback"])
        meta_path = os.path.join(self._dir, "result.json")
        if code != 0 or not os.path.exists(meta_path):
            with open(os.path.join(self._dir, "worker.log"), "rb") as f:
                log = f.read().decode(errors="replace")
            last = [line for line in log.splitlines() if line.strip()][-1:] or ["no output"]
            raise BuildError("OLD", f"the TF1 worker exited with code {code}: {last[0]}", log)
        with open(meta_path) as f:
            meta = json.load(f)
        with np.load(os.path.join(self._dir, "result.npz"), allow_pickle=False) as data:
            arrays = {k: np.asarray(data[k]) for k in data.files}
        return _result(self.target, self.draws, meta, arrays)


def _draw(meta, arrays, k: int, inputs) -> Draw:
    after = None
    if meta["training"]:
        after = {v["name"]: arrays[f"d{k}_a{i}"] for i, v in enumerate(meta["variables"])}
    gradients = {g["name"]: arrays.get(f"d{k}_g{i}") if g["present"] else None
                 for i, g in enumerate(meta["gradients"])}
    outputs = [(o["key"], arrays[f"d{k}_o{i}"]) for i, o in enumerate(meta["outputs"])]
    return Draw(inputs, outputs, gradients, after)


def _result(target, draws, meta, arrays) -> OldResult:
    variables, values = [], {}
    for i, v in enumerate(meta["variables"]):
        variables.append(VariableInfo(v["name"], tuple(v["shape"]), v["dtype"], v["trainable"]))
        values[v["name"]] = arrays[f"v{i}"]
    first, *more = [_draw(meta, arrays, k, inputs) for k, inputs in enumerate(draws)]
    return OldResult(
        target=target,
        variables=variables,
        values=values,
        outputs=first.outputs,
        regularization=[arrays[f"r{i}"] for i in range(meta["regularization"])],
        gradients=first.gradients,
        after=first.after,
        inputs=first.inputs,
        more_draws=more,
        contrib_used=meta["contrib_used"],
        notes=meta["notes"],
        training=meta["training"],
        layers=meta["layers"],
        layers_used=meta["layers_used"],
        mode_arg=meta["mode_arg"],
        random_ops=meta["random_ops"],
        update_ops=meta["update_ops"],
        tf_version=meta["tf_version"],
        seed=meta["seed"],
        same_random=meta["same_random"],
        grads=meta["grads"],
        checkpoint=meta["checkpoint"],
        skipped_outputs=meta["skipped_outputs"],
    )


def run_old(old, inputs, **options) -> OldResult:
    """Run OLD (a `Target`) in a TF1 worker process and wait for it."""
    return OldRun(old, inputs, **options).result()
