"""``tf.placeholder`` and ``tf.placeholder_with_default``: the arguments of the functions that
need them."""
from __future__ import annotations

import ast

from unscope.program.plan import CannotConvert

__all__ = ["read_placeholder", "read_placeholder_with_default"]


def read_placeholder(call) -> dict:
    args = dict(zip(("dtype", "shape", "name"), call.args))
    args.update({k.arg: k.value for k in call.keywords})
    if "dtype" not in args or set(args) - {"dtype", "shape", "name"}:
        raise CannotConvert(call, "tf.placeholder", "tf.placeholder with arguments other than "
                            "dtype, shape and name")
    shape = args.get("shape")
    dims = None
    if shape is not None and not (isinstance(shape, ast.Constant) and shape.value is None):
        if not isinstance(shape, (ast.List, ast.Tuple)) or not all(
                isinstance(d, ast.Constant) and (d.value is None or type(d.value) is int)
                for d in shape.elts):
            raise CannotConvert(call, "tf.placeholder", "placeholder shape is not a literal list")
        dims = [d.value for d in shape.elts]
    return {"dtype": args["dtype"], "dims": dims, "tf1_name": args.get("name")}


_DEFAULT_DTYPES = {bool: "bool", int: "int32", float: "float32"}


def read_placeholder_with_default(call) -> dict:
    """``tf.placeholder_with_default(1.0, [])`` -> an argument of the functions that need it
    (its TensorSpec from the literal's TF1 dtype), given the default at each run that does not
    feed it: one trace for fed and defaulted runs alike, and a tensor as TF1 had (a bool that
    selects a tf.cond branch stays a tensor, as in TF1)."""
    args = dict(zip(("input", "shape", "name"), call.args))
    args.update({k.arg: k.value for k in call.keywords})
    default = args.get("input")
    if set(args) - {"input", "shape", "name"} or "shape" not in args or not (
            isinstance(default, ast.Constant) and type(default.value) in _DEFAULT_DTYPES):
        raise CannotConvert(call, "tf.placeholder_with_default", "a default that is not a bool, "
                            "int or float literal with a shape")
    dtype = ast.Attribute(ast.Name("tf", ast.Load()), _DEFAULT_DTYPES[type(default.value)], ast.Load())
    info = read_placeholder(ast.copy_location(ast.Call(call.func, [dtype, args["shape"]], [
        ast.keyword("name", args["name"])] if "name" in args else []), call))
    return {**info, "default": default}
