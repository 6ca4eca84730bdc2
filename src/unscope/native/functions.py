"""What native migration records about one function: the function itself, its scope frames,
its loops, and the events (variables, layers, module calls, templates, collection reads) a
walk of its body finds. Plain data; :mod:`unscope.native.walk` fills it in."""
from __future__ import annotations

import ast

__all__ = ["Fn", "OwnScope", "Loop", "Frame", "Event"]


class Fn:
    """A module-level function and what native migration learned about it."""

    def __init__(self, node: ast.FunctionDef) -> None:
        self.node = node
        self.name = node.name
        a = node.args
        self.params = [p.arg for p in a.posonlyargs + a.args]
        self.kwonly = [p.arg for p in a.kwonlyargs]
        self.arg_nodes = {p.arg: p for p in a.posonlyargs + a.args + a.kwonlyargs}
        defaults = {}
        positional = a.posonlyargs + a.args
        for p, d in zip(positional[len(positional) - len(a.defaults):], a.defaults):
            defaults[p.arg] = d
        for p, d in zip(a.kwonlyargs, a.kw_defaults):
            if d is not None:
                defaults[p.arg] = d
        self.defaults = defaults
        self.direct = False           # makes variables itself
        self.callees: list = []       # (name, call node) of module-level functions
        self.root = False
        self.reasons: list = []       # (node, api, message)
        self.own = None               # OwnScope when the body is one `with variable_scope(...)`
        self.events: list[Event] = []
        self.deletes: list = []       # statements removed (reuse_variables)
        self.unwraps: list = []       # (with stmt, dedent)
        self.footprint: list = []     # counter requests in the entry scope (callers resolve)
        self.uncounted = False        # a counter request the walk could not place (footprint partial)
        # params defaulting to None that only name layers by their default (None at every call):
        # param -> the Name nodes reading it (a layer's name, or passed on to such a param)
        self.none_names: dict[str, list] = {}
        self.loops: list[Loop] = []
        self.locals: set[str] = set()
        self.struct: dict = {}        # param -> node that needs it static (scope names...)
        self.tensor: dict = {}        # param -> node showing it is a tensor
        self.reuse_params: set[str] = set()
        self.kinds: dict[str, str] = {}  # param -> init | call | reuse | path
        self.docstring = None
        self.template_locals: dict = {}  # local name -> template Event
        self.auto_reuse: list = []       # tf.AUTO_REUSE read in the body (not as reuse=)
        self.inherited: dict = {}        # scope defaults its callers' scopes give it (Foreign)
        self.closure_args: set = set()   # ids of Names passed whole to a pinned closure parameter

    @property
    def all_params(self):
        return self.params + self.kwonly

    def fail(self, node, api, message):
        self.reasons.append((node, api, message))


class OwnScope:
    """``with tf.variable_scope(<name>):`` as a function's whole body: the module's path.

    ``param`` is the parameter naming it (None for a literal), ``literal`` the fixed name or
    the ``default_name`` used when the argument is None.  ``or_default``: the name is
    ``param or literal`` (``scope or "Linear"``), so ``""`` also means ``literal``.
    """

    def __init__(self, stmt, param, literal, default_is_uniq, or_default=False):
        self.stmt = stmt
        self.param = param
        self.literal = literal
        self.default_is_uniq = default_is_uniq
        self.or_default = or_default


class Loop:
    __slots__ = ("node", "target", "count", "range1", "recs", "index", "structural", "counting")

    def __init__(self, node, target, count, range1, counting=False):
        self.node = node
        self.target = target        # loop (index) variable name, or None
        self.count = count          # trip count when statically known
        self.range1 = range1        # `for t in range(<one argument>)`
        self.counting = counting    # the index runs 0, 1, 2, ... (range(n), enumerate(xs))
        self.recs: dict = {}        # id(frame) -> (frame, [counter requests])
        self.index = target         # the name used to index per-iteration attributes
        self.structural = False     # some attribute is a list/dict over this loop


class Frame:
    __slots__ = ("path", "counts", "kwargs", "ctl", "reuse")

    def __init__(self, path, counts, kwargs, ctl, reuse=False):
        self.path = path            # relative to the module's path
        self.counts = counts        # child name -> times opened; None: the caller's counters
        self.kwargs = kwargs        # scope-level initializer / regularizer / dtype nodes
        self.ctl = ctl              # length of the control stack when opened
        self.reuse = reuse          # reuse=True is in force for certain (set in this function)


class Event:
    """One variable, layer, module call, template, or collection read in a function body."""

    def __init__(self, kind, node, stmt, path, loops, cond, hoist, **extra):
        self.kind = kind
        self.node = node
        self.stmt = stmt
        self.path = path
        self.loops = loops
        self.cond = cond
        self.hoist = hoist
        self.bound = {}
        self.positional = []
        self.spec = None
        self.callee = None
        self.kwargs = {}
        self.loop = None             # the loop this event's attribute is indexed by
        self.resource = None
        self.reuse = False           # made under a constant reuse=True
        self.scope_kw = {}           # scope-level initializer / regularizer / dtype in force
        self.defaults = {}           # layers: nn keyword -> scope default its variables take
        self.__dict__.update(extra)
