"""Generate ``data/renames.json`` from the TensorFlow wheel, reading its files as data.

Run by hand when TensorFlow is upgraded (never at migration time)::

    python -m unscope.migrate.build_tables [--tensorflow DIR] [--check]

Sources, all parsed with ``ast`` (nothing from TensorFlow is imported):

- ``tensorflow/__init__.py`` and ``tensorflow/_api/v2/**/__init__.py``: the TF2 API, each
  public name with the private function or class it is (its *origin*);
- ``tensorflow/_api/v2/compat/v1/**/__init__.py``: the TF1 API as TF 2.x still ships it;
- ``tools/compatibility/{renames_v2,all_renames_v2,tf_upgrade_v2}.py``: TensorFlow's own
  upgrade tables (symbol renames and keyword renames);
- the TF Python sources of a short list of functions, for their signatures.

Decision for each TF1 name ``P`` (``tf.`` meaning ``tensorflow.compat.v1``):

- TF2 has a name for the *same object* (same origin): use that name (``tf.log`` ->
  ``tf.math.log``, ``tf.nn.relu`` unchanged);
- TF2 has the name but a different object, and ``P`` is in :data:`EQUIVALENT_CALLS` (a
  reviewed list of functions whose TF2 version computes the same once deprecated keywords are
  renamed and positional arguments are passed by keyword): a conditional entry in ``calls``
  that the migration applies per call site, falling back to the ``tf.compat.v1`` twin;
- otherwise the ``tf.compat.v1`` twin, which TF 2.x still ships and which behaves as TF1.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import sys

# TF1 functions whose TF2 function of the same (or TF-renamed) name computes the same result
# for a call once keywords are renamed and arguments re-ordered (checked per call site against
# both signatures).  Functions whose TF2 twin differs in behaviour are deliberately absent:
# cond / case / while_loop (singleton unpacking), embedding_lookup (partition strategy),
# where (broadcasting), initializers, summaries, image resizing, Dataset classes, ...
EQUIVALENT_CALLS = (
    "argmax", "argmin", "arg_max", "arg_min", "math.argmax", "math.argmin",
    "reduce_all", "reduce_any", "reduce_logsumexp", "reduce_max", "reduce_mean",
    "reduce_min", "reduce_prod", "reduce_sum",
    "math.reduce_all", "math.reduce_any", "math.reduce_logsumexp", "math.reduce_max",
    "math.reduce_mean", "math.reduce_min", "math.reduce_prod", "math.reduce_sum",
    "count_nonzero", "math.count_nonzero", "boolean_mask", "expand_dims", "squeeze",
    "shape", "size", "transpose", "gather", "gather_nd", "manip.gather_nd",
    "convert_to_tensor", "norm", "linalg.norm",
    "nn.softmax", "nn.log_softmax", "math.softmax", "math.log_softmax",
    "nn.l2_normalize", "math.l2_normalize", "linalg.l2_normalize",
    "nn.moments", "nn.sufficient_statistics", "nn.weighted_moments",
    "nn.conv1d", "nn.conv2d", "nn.conv3d", "nn.conv2d_transpose", "nn.conv3d_transpose",
    "nn.convolution", "nn.pool", "nn.separable_conv2d", "nn.depthwise_conv2d",
    "nn.max_pool", "nn.avg_pool", "nn.avg_pool2d",
    "nn.sigmoid_cross_entropy_with_logits", "nn.sparse_softmax_cross_entropy_with_logits",
    "nn.softmax_cross_entropy_with_logits_v2", "nn.weighted_cross_entropy_with_logits",
    "nn.crelu", "nn.depth_to_space", "nn.space_to_depth", "depth_to_space", "space_to_depth",
    "math.in_top_k", "nn.in_top_k", "pad", "reverse_sequence", "scalar_mul", "math.scalar_mul",
    "gradients", "map_fn", "foldl", "foldr", "scan", "tuple",
    "parse_example", "parse_single_example", "io.parse_example", "io.parse_single_example",
    "sparse.reduce_sum", "sparse_reduce_sum", "sparse.reduce_max", "sparse_reduce_max",
    "zeros_like", "ones_like", "multinomial", "random.multinomial",
    # tf.Variable: TF2's creates a resource variable where TF1 graph mode made a ref variable;
    # same value, name, collections and trainability (calls using collections=,
    # expected_shape=, use_resource= keep the TF1 class)
    "Variable",
)

# TF1 classes whose TF2 namesake is their base class: a use that is not a call
# (``isinstance(v, tf.Variable)``) keeps the TF2 name, which also matches what TF2 creates
# (``isinstance(tf.Variable(1.), tf.compat.v1.Variable)`` is False).
V2_BASE_CLASSES = ("Variable",)

# Reviewed parameters whose TF1 and TF2 defaults differ in spelling only: (TF2 name, TF1
# default, TF2 default); "<required>" marks a parameter without a default.
SAME_DEFAULTS = {
    ("keepdims", "None", "False"),
    ("out_type", "dtypes.int32", "None"),
    ("data_format", "None", "'NWC'"),
    ("dilations", "[1, 1, 1, 1]", "None"),
    ("dilations", "[1, 1, 1, 1, 1]", "None"),
    ("padding", "<required>", "'VALID'"),  # nn.convolution / nn.pool: TF1 requires padding
    ("axis", "None", "-1"),              # softmax_cross_entropy_with_logits_v2: None means -1
}
# Reviewed TF1-only parameters whose default is what TF2 always does: (TF1 name, default).
TF2_ALWAYS = {("optimize", "True")}
REQUIRED = "<required>"

# TF1 modules that TF 2.x ships only through Keras 2 (tf_keras): unusable with Keras 3.
KERAS2_ONLY = {
    "layers": "tf.layers needs Keras 2 (tf_keras); use unscope.layers",
    "nn.rnn_cell": "tf.nn.rnn_cell needs Keras 2 (tf_keras); TF 2.21 with Keras 3 has no twin",
}

# Names TensorFlow attaches at import time (not listed in the generated __init__ files).
V1_EXTRA_SYMBOLS = ("flags", "app.flags", "keras", "__version__", "VERSION")
V2_EXTRA_SYMBOLS = ("keras", "losses", "metrics", "optimizers", "initializers", "__version__")


def _api_tree(base: str, root_init: str | None, skip_compat: bool):
    """{public path: origin} and the set of module paths under one API root."""
    symbols: dict[str, str] = {}
    modules: set[str] = set()
    for dirpath, dirnames, files in os.walk(base):
        dirnames.sort()
        rel = os.path.relpath(dirpath, base)
        parts = [] if rel == "." else rel.split(os.sep)
        if "__pycache__" in parts or "__init__.py" not in files:
            continue
        if skip_compat and parts[:1] == ["compat"]:
            continue
        if parts and parts[0] == "compat":
            continue  # tf.compat.* inside an API root is spelled explicitly, never renamed
        if parts and parts[0] == "__internal__":
            continue
        init = root_init if (not parts and root_init) else os.path.join(dirpath, "__init__.py")
        module = ".".join(parts)
        modules.add(module)
        with open(init, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module:
                if stmt.module.startswith("tensorflow._api"):
                    continue  # submodule import
                for alias in stmt.names:
                    name = alias.asname or alias.name
                    if not name.startswith("_"):
                        symbols[f"{module}.{name}".lstrip(".")] = f"{stmt.module}.{alias.name}"
    modules.discard("")
    return symbols, modules


def _literal_assign(path: str, name: str):
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            target = node.targets[0]
            tname = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
            if tname == name:
                return ast.literal_eval(node.value)
    raise LookupError(f"{name} not found in {path}")


def _signature(tf_dir: str, origin: str):
    """(positional parameter names, {name: default source}, has **kwargs) of a TF function."""
    module, _, func = origin.rpartition(".")
    rel = module.split(".")[1:]  # drop "tensorflow"
    path = os.path.join(tf_dir, *rel) + ".py"
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == func:
            init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
            if init is None:
                return None
            node = init
            node.args.args = node.args.args[1:]  # self
        if isinstance(node, ast.FunctionDef) and node.name in (func, "__init__"):
            args = node.args
            names = [a.arg for a in args.posonlyargs + args.args]
            defaults = {}
            for a, d in zip(reversed(args.args), reversed(args.defaults)):
                defaults[a.arg] = ast.unparse(d)
            for a, d in zip(args.kwonlyargs, args.kw_defaults):
                if d is not None:
                    defaults[a.arg] = ast.unparse(d)
            kwonly = [a.arg for a in args.kwonlyargs]
            return names, kwonly, defaults, args.kwarg is not None
    return None


def build(tf_dir: str) -> dict:
    api = os.path.join(tf_dir, "_api", "v2")
    v2, v2_modules = _api_tree(api, os.path.join(tf_dir, "__init__.py"), skip_compat=True)
    v1, v1_modules = _api_tree(os.path.join(api, "compat", "v1"), None, skip_compat=False)
    for name in V1_EXTRA_SYMBOLS:
        v1.setdefault(name, f"<lazy>.{name}")
    for name in V2_EXTRA_SYMBOLS:
        v2.setdefault(name, f"<lazy>.{name}")
    v1_modules.update(KERAS2_ONLY)
    compat = os.path.join(tf_dir, "tools", "compatibility")
    tf_renames = dict(_literal_assign(os.path.join(compat, "renames_v2.py"), "renames"))
    tf_renames.update(_literal_assign(os.path.join(compat, "all_renames_v2.py"), "manual_symbol_renames"))
    keyword_renames = _literal_assign(os.path.join(compat, "tf_upgrade_v2.py"), "function_keyword_renames")
    version = _literal_assign(os.path.join(tf_dir, "tools", "pip_package", "setup.py"), "_VERSION") \
        if os.path.exists(os.path.join(tf_dir, "tools", "pip_package", "setup.py")) else _tf_version(tf_dir)

    def v2_has(path: str) -> bool:
        return path in v2 or path in v2_modules

    rename: dict[str, str] = {}
    calls: dict[str, dict] = {}
    review: list[str] = []
    for p, origin in sorted(v1.items()):
        if p.startswith("raw_ops.") or any(p == m or p.startswith(m + ".") for m in KERAS2_ONLY):
            continue
        target = None
        candidate = None
        t0 = tf_renames.get("tf." + p)
        if p in v2 and v2[p] == origin:
            target = p  # TF2 has this very function under the same name
        elif t0 is not None:
            t0 = t0[3:]
            if t0.startswith("compat.v2."):
                t0 = t0[len("compat.v2."):]
            if t0.startswith("compat.v1."):
                target = t0 if (t0[10:] in v1 or t0[10:] in v1_modules) else "compat.v1." + p
            elif t0 in v2 and v2[t0] == origin:
                target = t0
            elif t0 in v2:
                candidate = t0
            elif t0 in v2_modules:
                target = t0
            else:
                target = "compat.v1." + p
        elif p in v2:
            if v2[p] == origin:
                target = p
            else:
                candidate = p
        else:
            target = "compat.v1." + p
        if target is not None and not target.startswith("compat.") and target != p \
                and target in v1 and v1[target] != v2.get(target):
            # the TF2 name is also a TF1 name for another function (tf.where_v2 -> tf.where):
            # a second run would read it as TF1, so keep the twin instead
            target = "compat.v1." + p
        if candidate is not None:
            target = "compat.v1." + p
            if p in EQUIVALENT_CALLS:
                entry = _call_entry(tf_dir, p, origin, candidate, v2[candidate], keyword_renames, review)
                if entry is not None:
                    calls[p] = entry
        if target != p:
            rename[p] = target
    for m in sorted(v1_modules):
        if m not in v2_modules and m not in rename and m not in KERAS2_ONLY:
            rename[m] = "compat.v1." + m
    missing = sorted(set(EQUIVALENT_CALLS) - set(calls))
    # tf.contrib symbols that TensorFlow itself moved into core TF 2 (tf.contrib is gone).
    contrib = {}
    for key, t0 in sorted(tf_renames.items()):
        if not key.startswith("tf.contrib.") or key.startswith("tf.contrib.summary."):
            continue  # contrib.summary's TF2 twins take other arguments (step=...)
        t0 = t0[3:]
        if t0.startswith("compat.v2."):
            t0 = t0[len("compat.v2."):]
        if t0.startswith("compat.v1."):
            ok = t0[10:] in v1 and not any(t0[10:] == m or t0[10:].startswith(m + ".") for m in KERAS2_ONLY)
        else:
            ok = t0 in v2 or t0 in v2_modules
        if ok:
            contrib[key[3:]] = t0
    return {
        "tensorflow": version,
        "generated_by": "python -m unscope.migrate.build_tables",
        "v1_symbols": sorted(p for p in v1 if not p.startswith("raw_ops.")),
        "v1_modules": sorted(v1_modules),
        "v2_symbols": sorted(p for p in v2 if not p.startswith("raw_ops.")),
        "v2_modules": sorted(v2_modules),
        "same_in_v1_and_v2": sorted(p for p in v1 if p in v2 and v1[p] == v2[p] and not p.startswith("raw_ops.")),
        "rename": rename,
        "calls": calls,
        "keras2_only": KERAS2_ONLY,
        "contrib": contrib,
        "v2_base_classes": list(V2_BASE_CLASSES),
        "_review": review,
        "_equivalent_calls_without_entry": missing,
    }


def build_internal(tf_dir: str, version: str) -> dict:
    """``tensorflow.python.*`` / ``tensorflow.core.*`` modules and their top-level names.

    Test modules (``*_test.py``, ``kernel_tests/``) are left out; an extension module (``.so``)
    is listed with ``None`` (its names cannot be read without importing it), and so are
    protobuf modules and modules with a module-level ``__getattr__``.
    """
    modules: dict[str, str | None] = {}
    for root in ("python", "core"):
        for dirpath, dirnames, files in os.walk(os.path.join(tf_dir, root)):
            dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "kernel_tests"))
            for name in sorted(files):
                stem, _, ext = name.partition(".")
                if ext not in ("py", "so") and not ext.endswith(".so") or stem.endswith("_test"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, stem), tf_dir).split(os.sep)
                if rel[-1] == "__init__":
                    rel = rel[:-1]
                module = ".".join(["tensorflow", *rel])
                if ext != "py":
                    modules.setdefault(module, None)
                    continue
                with open(os.path.join(dirpath, name), encoding="utf-8") as fh:
                    tree = ast.parse(fh.read())
                names = _top_level_names(tree)
                # protobuf modules make their classes through globals(); a module-level
                # __getattr__ answers any name: neither can be listed
                dynamic = stem.endswith("_pb2") or "__getattr__" in names
                modules[module] = None if dynamic else " ".join(sorted(names))
    for module in list(modules):  # packages without an __init__.py still import
        parts = module.split(".")
        for n in range(2, len(parts)):
            modules.setdefault(".".join(parts[:n]), "")
    return {"tensorflow": version, "generated_by": "python -m unscope.migrate.build_tables",
            "modules": dict(sorted(modules.items()))}


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for stmt in tree.body:
        for node in _guarded(stmt):
            kind = type(node)
            if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                names.add(node.name)
            elif kind in (ast.Assign, ast.AnnAssign, ast.AugAssign):
                targets = node.targets if kind is ast.Assign else [node.target]
                for target in targets:
                    for t in ast.walk(target):
                        if type(t) is ast.Name:
                            names.add(t.id)
            elif kind in (ast.Import, ast.ImportFrom):
                for alias in node.names:
                    names.add(alias.asname or alias.name.partition(".")[0])
    return names


def _guarded(stmt: ast.stmt):
    """``stmt`` and, for module-level ``if`` / ``try`` blocks, the statements inside them."""
    yield stmt
    if type(stmt) in (ast.If, ast.Try):
        blocks = [stmt.body, stmt.orelse] + [getattr(stmt, "finalbody", [])]
        blocks += [h.body for h in getattr(stmt, "handlers", [])]
        for block in blocks:
            for inner in block:
                yield from _guarded(inner)


def _tf_version(tf_dir: str) -> str:
    site = os.path.dirname(tf_dir)
    for entry in sorted(os.listdir(site)):
        for prefix in ("tensorflow_cpu-", "tensorflow-"):
            if entry.startswith(prefix) and entry.endswith(".dist-info"):
                return entry[len(prefix):-len(".dist-info")]
    return "unknown"


def _call_entry(tf_dir, p, v1_origin, target, v2_origin, keyword_renames, review):
    old = _signature(tf_dir, v1_origin)
    new = _signature(tf_dir, v2_origin)
    if old is None or new is None:
        review.append(f"{p}: no signature ({v1_origin} / {v2_origin})")
        return None
    old_pos, old_kwonly, old_defaults, _ = old
    new_pos, new_kwonly, new_defaults, new_varkw = new
    renames = dict(keyword_renames.get("tf." + p, {}))
    new_names = set(new_pos) | set(new_kwonly)
    # A TF1 parameter the call leaves at its default must mean the same in TF2.
    required = []
    for name in old_pos + old_kwonly:
        mapped = renames.get(name, name)
        if mapped is None or name == "name":
            continue
        old_d = old_defaults.get(name, REQUIRED)
        new_d = new_defaults.get(mapped, REQUIRED)
        if mapped not in new_names:
            if old_d in ("None", "False") or name in renames or (name, old_d) in TF2_ALWAYS:
                continue  # deprecated TF1-only parameter whose default is what TF2 does
            review.append(f"{p}: TF1 parameter {name}={old_d} missing in TF2")
            required.append(name)
            continue
        if REQUIRED in (old_d, new_d) and "None" in (old_d, new_d):
            continue  # TF1 spelled "required" as None
        if old_d.split(".")[-2:] == new_d.split(".")[-2:]:
            continue  # variables.VariableSynchronization.AUTO == VariableSynchronization.AUTO
        if old_d != new_d and (mapped, old_d, new_d) not in SAME_DEFAULTS:
            review.append(f"{p}: default of {name}: TF1 {old_d} / TF2 {new_d}")
            required.append(name)
    return {
        "target": target,
        "params": old_pos,
        "keywords": renames,
        "v2_params": new_pos,
        "v2_keyword_only": new_kwonly,
        "v2_varkw": new_varkw,
        "explicit": required,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tensorflow", help="the installed tensorflow package directory")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "data", "renames.json"))
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed table is stale")
    args = parser.parse_args(argv)
    tf_dir = args.tensorflow
    if tf_dir is None:
        import importlib.util

        spec = importlib.util.find_spec("tensorflow")  # locates the package without importing it
        if spec is None or not spec.submodule_search_locations:
            print("build_tables: tensorflow is not installed", file=sys.stderr)
            return 2
        tf_dir = list(spec.submodule_search_locations)[0]
    table = build(tf_dir)
    text = json.dumps(table, indent=1, sort_keys=True) + "\n"
    internal = build_internal(tf_dir, table["tensorflow"])
    internal_text = json.dumps(internal, indent=0, sort_keys=True) + "\n"  # one module a line
    internal_out = os.path.join(os.path.dirname(args.out), "tf_internal.json")
    if args.check:
        stale = False
        for path, want in ((args.out, text), (internal_out, internal_text)):
            with open(path, encoding="utf-8") as fh:
                stale = stale or fh.read() != want
        return 1 if stale else 0
    for path, content in ((args.out, text), (internal_out, internal_text)):
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)  # atomic: a reader never sees half a table
    print(f"build_tables: {len(table['rename'])} renames, {len(table['calls'])} conditional calls, "
          f"{len(table['_review'])} review notes -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
