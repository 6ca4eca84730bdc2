"""`HParams`: TF1's ``tf.contrib.training.HParams`` without TensorFlow.

    hp = HParams(learning_rate=0.1, layers=[64, 64], act="relu")
    hp.parse("learning_rate=0.3,layers=[32,32,32]")
    hp.learning_rate          # 0.3
    hp.to_json()              # '{"learning_rate": 0.3, "layers": [32, 32, 32], "act": "relu"}'

Types come from the constructor values (a list's type is its first element's);
`parse`, `parse_json`, `override_from_dict` and `set_hparam` check and cast
values with TF1's rules (an int may become a float, never the reverse; bools
and strings never mix with numbers).  The protocol-buffer form (`hparam_def=`,
`to_proto`) is not supported.
"""
from __future__ import annotations

import json
import numbers
import re

__all__ = ["HParams", "parse_values"]

# <name>[<index>]? = <single value> | [<list of values>], clauses separated by commas.
PARAM_RE = re.compile(
    r"""
  (?P<name>[a-zA-Z][\w\.]*)
  (\[\s*(?P<index>\d+)\s*\])?
  \s*=\s*
  ((?P<val>[^,\[]*)
   |
   \[(?P<vals>[^\]]*)\])
  ($|,\s*)""",
    re.VERBOSE,
)


def _parse_fail(name, var_type, value, values):
    raise ValueError(
        "Could not parse hparam '%s' of type '%s' with value '%s' in %s"
        % (name, var_type.__name__, value, values))


def _reuse_fail(name, values):
    raise ValueError("Multiple assignments to variable '%s' in %s" % (name, values))


def _process_scalar_value(name, parse_fn, var_type, m_dict, values, results):
    try:
        parsed = parse_fn(m_dict["val"])
    except ValueError:
        _parse_fail(name, var_type, m_dict["val"], values)
    if not m_dict["index"]:
        if name in results:
            _reuse_fail(name, values)
        results[name] = parsed
        return
    if name in results:
        if not isinstance(results[name], dict):
            _reuse_fail(name, values)
    else:
        results[name] = {}
    index = int(m_dict["index"])
    if index in results[name]:
        _reuse_fail("{}[{}]".format(name, index), values)
    results[name][index] = parsed


def _process_list_value(name, parse_fn, var_type, m_dict, values, results):
    if m_dict["index"] is not None:
        raise ValueError("Assignment of a list to a list index.")
    elements = [e for e in re.split("[ ,]", m_dict["vals"]) if e]
    if name in results:
        _reuse_fail(name, values)
    try:
        results[name] = [parse_fn(e) for e in elements]
    except ValueError:
        _parse_fail(name, var_type, m_dict["vals"], values)


def _cast_to_type_if_compatible(name, param_type, value):
    fail_msg = "Could not cast hparam '%s' of type '%s' from value %r" % (name, param_type, value)
    if type(value) == param_type:  # noqa: E721 - isinstance(True, int) must not pass
        return value
    if issubclass(param_type, type(None)):
        return value
    if issubclass(param_type, (str, bytes)) and not isinstance(value, (str, bytes)):
        raise ValueError(fail_msg)
    if issubclass(param_type, bool) != isinstance(value, bool):
        raise ValueError(fail_msg)
    if issubclass(param_type, numbers.Integral) and not isinstance(value, numbers.Integral):
        raise ValueError(fail_msg)
    if issubclass(param_type, numbers.Number) and not isinstance(value, numbers.Number):
        raise ValueError(fail_msg)
    return param_type(value)


def parse_values(values, type_map, ignore_unknown=False):
    """Parse ``"a=1,b=[1,2],c[0]=3"`` into ``{"a": 1, "b": [1, 2], "c": {0: 3}}``.

    `type_map` maps each name to its (element) type.  Raises ValueError on a
    malformed clause, an unknown name (unless `ignore_unknown`), a value that
    does not parse as its type, or a name assigned twice.
    """
    results: dict = {}
    pos = 0
    while pos < len(values):
        m = PARAM_RE.match(values, pos)
        if not m:
            raise ValueError("Malformed hyperparameter value: %s" % values[pos:])
        pos = m.end()
        m_dict = m.groupdict()
        name = m_dict["name"]
        if name not in type_map:
            if ignore_unknown:
                continue
            raise ValueError("Unknown hyperparameter type for %s" % name)
        type_ = type_map[name]
        if type_ == bool:
            def parse(value, name=name, type_=type_):
                if value in ("true", "True"):
                    return True
                if value in ("false", "False"):
                    return False
                try:
                    return bool(int(value))
                except ValueError:
                    _parse_fail(name, type_, value, values)
        else:
            parse = type_
        if m_dict["val"] is not None:
            _process_scalar_value(name, parse, type_, m_dict, values, results)
        elif m_dict["vals"] is not None:
            _process_list_value(name, parse, type_, m_dict, values, results)
        else:
            _parse_fail(name, type_, "", values)
    return results


class HParams:
    """Hyperparameters as typed attributes (TF1 ``tf.contrib.training.HParams``).

        hp = HParams(batch_size=32, dropout=0.1)
        hp.set_hparam("dropout", 0.2)
        hp.add_hparam("optimizer", "adam")
        "optimizer" in hp          # True
    """

    _HAS_DYNAMIC_ATTRIBUTES = True

    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._hparam_types = {}
        self._model_structure = model_structure
        if hparam_def:
            raise NotImplementedError(
                "HParams(hparam_def=...) needs TF1's hparam_pb2 protocol buffer, which TF2 "
                "does not ship; build HParams from keyword arguments or from JSON (parse_json) instead")
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        """Add a new hyperparameter; its type is taken from `value`."""
        # A name that is an existing attribute (a method, say) is refused.
        if getattr(self, name, None) is not None:
            raise ValueError("Hyperparameter name is reserved: %s" % name)
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("Multi-valued hyperparameters cannot be empty: %s" % name)
            self._hparam_types[name] = (type(value[0]), True)
        else:
            self._hparam_types[name] = (type(value), False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        """Set an existing hyperparameter, checking and casting its type (KeyError if unknown)."""
        param_type, is_list = self._hparam_types[name]
        if isinstance(value, list):
            if not is_list:
                raise ValueError("Must not pass a list for single-valued parameter: %s" % name)
            setattr(self, name, [_cast_to_type_if_compatible(name, param_type, v) for v in value])
        else:
            if is_list:
                raise ValueError("Must pass a list for multi-valued parameter: %s." % name)
            setattr(self, name, _cast_to_type_if_compatible(name, param_type, value))

    def del_hparam(self, name):
        """Remove a hyperparameter; nothing happens if it is absent."""
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        """Override values from ``"name=value,list=[1,2]"``; returns self."""
        type_map = {name: t for name, (t, _) in self._hparam_types.items()}
        return self.override_from_dict(parse_values(values, type_map))

    def override_from_dict(self, values_dict):
        """Override values from a dict (KeyError for an unknown name); returns self."""
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def set_from_map(self, values_map):
        """Deprecated in TF1: use `override_from_dict`."""
        return self.override_from_dict(values_dict=values_map)

    def set_model_structure(self, model_structure):
        self._model_structure = model_structure

    def get_model_structure(self):
        return self._model_structure

    def to_json(self, indent=None, separators=None, sort_keys=False):
        """The values as a JSON object string."""
        return json.dumps(self.values(), indent=indent, separators=separators, sort_keys=sort_keys)

    def parse_json(self, values_json):
        """Override values from a JSON object string; returns self."""
        return self.override_from_dict(json.loads(values_json))

    def values(self):
        """The values as a dict, in insertion order."""
        return {n: getattr(self, n) for n in self._hparam_types}

    def get(self, key, default=None):
        """The value of `key`, or `default` (which must fit the type) if absent."""
        if key not in self._hparam_types:
            return default
        if default is not None:
            param_type, is_param_list = self._hparam_types[key]
            type_str = "list<%s>" % param_type if is_param_list else str(param_type)
            fail_msg = "Hparam '%s' of type '%s' is incompatible with default=%s" % (
                key, type_str, default)
            is_default_list = isinstance(default, list)
            if is_param_list != is_default_list:
                raise ValueError(fail_msg)
            try:
                for value in (default if is_default_list else [default]):
                    _cast_to_type_if_compatible(key, param_type, value)
            except ValueError as e:
                raise ValueError("%s. %s" % (fail_msg, e)) from None
        return getattr(self, key)

    def __contains__(self, key):
        return key in self._hparam_types

    def __str__(self):
        return ",".join("{}={}".format(k, v) for k, v in self.values().items())

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, str(sorted(self.values().items())))

    def to_proto(self, export_scope=None):
        raise NotImplementedError(
            "HParams.to_proto needs TF1's hparam_pb2 protocol buffer, which TF2 does not ship; "
            "use to_json() instead")
