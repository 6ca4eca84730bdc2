"""``read_project``: one look at every file of a native run - which names other files import
(kept), how each file names functions of the others (:class:`Reference`), and the order to
migrate them in so that a file is migrated after the files whose classes it may build.

The order is a topological one of the import graph, in waves (the files of one wave run in
parallel); files in an import cycle go in the same wave and get none of each other's classes
(as when each file is migrated alone).  Only a reference to a function that may make
variables (one not proven plain, :mod:`unscope.native.project_helpers`) makes a file wait
for another, so most trees run in one or two waves.

    >>> import os, tempfile
    >>> root = tempfile.mkdtemp()
    >>> os.makedirs(os.path.join(root, "pkg"))
    >>> layers = "import tensorflow as tf\\ndef dense(x):\\n    with tf.variable_scope('d'): pass\\n"
    >>> for name, text in {"__init__.py": "", "layers.py": layers,
    ...                    "model.py": "from .layers import dense\\n"}.items():
    ...     with open(os.path.join(root, "pkg", name), "w") as fh:
    ...         _ = fh.write(text)
    >>> graph = read_project([os.path.join(root, "pkg", n) for n in ("model.py", "layers.py")])
    >>> [[os.path.basename(p) for p in wave] for wave in graph.waves()]
    [['layers.py'], ['model.py']]
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field

from unscope.migrate.parses import walk
from unscope.native.exports import _dotted_names, _imports, _package, _parse_bytes
from unscope.native.project import PLAIN, Reference
from unscope.native.project_helpers import bound_names, maker_facts, module_functions, plain_functions
from unscope.native.project_stars import star_imports

__all__ = ["ProjectGraph", "read_project"]


@dataclass
class ProjectGraph:
    """``imported``: realpath -> names other files import from it; ``references``: realpath
    -> the :class:`Reference` s it makes to functions of other files; ``texts``: the source
    of every file another one may build classes of (read once, before anything is written)."""

    files: list = field(default_factory=list)
    imported: dict = field(default_factory=dict)
    references: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    plain: dict = field(default_factory=dict)   # realpath -> functions that make no variables
    candidates: dict = field(default_factory=dict)  # realpath -> functions that may become classes
    helpers: dict = field(default_factory=dict)   # (realpath, class) -> ForeignHelper (classes_helpers)

    def depends(self, path: str) -> set:
        return {r.owner for r in self.references.get(path, ())
                if r.owner in self.texts and r.function in self.candidates.get(r.owner, ())}

    def waves(self) -> list[list[str]]:
        """The files in waves: each after every file it depends on outside its import cycle."""
        comp = _components(self.files, self.depends)
        level: dict[int, int] = {}

        def depth(c):   # components come out of Tarjan's algorithm callees first
            return level[c]

        for c in sorted(set(comp.values())):
            members = [p for p in self.files if comp[p] == c]
            deps = {comp[d] for p in members for d in self.depends(p) if comp[d] != c}
            level[c] = 1 + max((depth(d) for d in deps), default=-1)
        out: list[list[str]] = [[] for _ in range(1 + max(level.values(), default=-1))]
        for p in self.files:
            out[level[comp[p]]].append(p)
        return out

    def foreign_for(self, path: str, exports: dict) -> tuple:
        """``((Reference, target), ...)`` for every name ``path`` takes from another file of
        the run; the target is the class made of it (``exports``: realpath -> {function:
        ForeignClass}), ``PLAIN`` for a function that makes no variables, or None."""
        return tuple((r, PLAIN if r.function in self.plain.get(r.owner, ()) else
                      _lifted(exports.get(r.owner, {}).get(r.function)) or self.helpers.get((r.owner, r.function))
                      or exports.get(r.owner, {}).get(r.function))
                     for r in self.references.get(path, ()))


def _lifted(target):
    """A model class whose ``__init__`` became a module (it is no helper to carry over)."""
    return target if getattr(target, "builds", None) else None


def read_project(paths) -> ProjectGraph:
    """Read and parse every ``.py`` file of ``paths`` once; see :class:`ProjectGraph`."""
    from unscope.migrate.engine import _collector_paused
    from unscope.migrate.parses import shared_parses

    # the trees live until the end: the cycle collector would walk them again and again; each
    # is walked once for the imports, the references and the helpers' facts (shared_parses)
    with _collector_paused(), shared_parses():
        return _read_project(paths)


def _read_project(paths) -> ProjectGraph:
    files = []
    for p in paths:
        p = os.fspath(p)
        if p.endswith(".py"):
            real = os.path.realpath(p)
            if real not in files:
                files.append(real)
    by_module: dict[str, list] = {}
    for path in files:
        for dotted in _dotted_names(path):
            by_module.setdefault(dotted, []).append(path)
    reachable = {".".join(parts[:i]) for dotted in by_module
                 for parts in [dotted.split(".")] for i in range(1, len(parts) + 1)}
    graph = ProjectGraph(files=files)
    found: dict[str, set] = {path: set() for path in files}
    raw: dict[str, bytes] = {}
    trees: dict[str, ast.Module] = {}   # kept while the pass runs: the callees' are read again
    tops = {dotted.partition(".")[0] for dotted in by_module}
    names_the_run = _mentions(tops)
    unread = set()   # files that name no module of the run: parsed only if another file reads them

    def parse(path):   # a file a star import reads (maybe before its turn, maybe unread)
        if path not in trees:
            data, tree = _parse_bytes(path)
            if tree is None:
                return None
            raw[path], trees[path] = data, tree
        return trees[path]

    for path in files:
        if names_the_run is not None and not names_the_run(path):
            unread.add(path)
            continue
        tree = parse(path)
        if tree is None:
            continue
        for target, name in _imports(tree, path, reachable):
            for owner in by_module.get(target, ()):
                if owner != path:
                    found[owner].add(name)
        try:
            refs = _references(tree, path, by_module, reachable, parse)
        except Exception:   # an analysis bug: this file builds no other file's class
            refs = ()
        if refs:
            graph.references[path] = refs
        for r in refs:   # names a star import brings are imported too
            found[r.owner].add(r.function)
    graph.imported = {path: frozenset(names) for path, names in found.items() if names}
    for owner in sorted({r.owner for refs in graph.references.values() for r in refs} & unread):
        data, tree = _parse_bytes(owner)
        if tree is not None:
            raw[owner], trees[owner] = data, tree
    for owner in sorted({r.owner for refs in graph.references.values() for r in refs}):
        tree = trees.get(owner)
        if tree is not None:
            try:
                graph.plain[owner] = plain_functions(tree, tops)
            except Exception:   # an analysis bug: no helper of that file is trusted
                pass
    graph.candidates = _makers(graph, trees)
    graph.helpers = _helper_classes(graph, trees)
    for refs in graph.references.values():
        for r in refs:
            data = raw.get(r.owner)
            if r.owner not in graph.texts and data is not None \
                    and r.function in graph.candidates.get(r.owner, ()):
                try:
                    graph.texts[r.owner] = data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
    return graph


def _helper_classes(graph: ProjectGraph, trees: dict) -> dict:
    """The top-level classes other files name (``batch_norm`` through ``from ops import *``),
    as :class:`~unscope.native.classes_helpers.ForeignHelper` s: whether one is a callable
    helper a caller can carry over is the caller's to decide (methods.lift)."""
    from unscope.native.classes_helpers import ForeignHelper, import_map

    out = {}
    for r in (r for refs in graph.references.values() for r in refs):
        tree = trees.get(r.owner)
        raw = graph.texts.get(r.owner)
        if tree is None or (r.owner, r.function) in out:
            continue
        cls = next((s for s in tree.body if type(s) is ast.ClassDef and s.name == r.function), None)
        if cls is None:
            continue
        try:
            text = raw if raw is not None else open(r.owner, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        source = ast.get_source_segment(text, cls)
        if source is not None and not cls.decorator_list:
            out[(r.owner, r.function)] = ForeignHelper(r.owner, r.function, source, import_map(tree))
    return out


def _mentions(tops):
    """A test of a file's bytes: whether it may import from the run - a line with ``import``
    on it (lines joined at a backslash, as Python joins them) spells one of ``tops`` (the first
    names of the run's modules; a module's first name never follows a dot) or a relative
    import; a file that is not plain ASCII (identifiers are NFKC-normalized) or has a CR is
    always read.  None when a top name is not ASCII (every file is read)."""
    if not all(t.isascii() for t in tops):
        return None
    firsts = {t.encode() for t in tops}

    def test(path):
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            return True   # parsed as before: it fails there
        if not data.isascii() or b"\r" in data:
            return True
        lines = b"\n".join(_IMPORT_LINE.findall(data.replace(b"\\\n", b" ")))
        return _RELATIVE.search(lines) is not None or not firsts.isdisjoint(_FIRST_NAME.findall(lines))
    return test


_IMPORT_LINE = re.compile(rb"^.*\bimport\b.*$", re.M)
_FIRST_NAME = re.compile(rb"(?<![.\w])[A-Za-z_]\w*")
_RELATIVE = re.compile(rb"\bfrom\s*\.")


def _makers(graph: ProjectGraph, trees: dict) -> dict:
    """realpath -> the functions other files call that may make TF1 variables: through a
    call of their own, of their file, or of another file's such function (a fixpoint over
    the run; only files with references are read)."""
    facts: dict = {}
    todo = sorted({r.owner for refs in graph.references.values() for r in refs})
    while todo:
        path = todo.pop()
        if path in facts or path not in trees:
            continue
        try:
            facts[path] = {**maker_facts(trees[path]), **_init_facts(trees[path])}
        except Exception:   # an analysis bug: every function of the file may make variables
            facts[path] = None
            continue
        by_text = {r.text: r for r in graph.references.get(path, ())}
        todo.extend(r.owner for r in by_text.values() if r.owner not in facts)
    making = {(p, name) for p, table in facts.items() if table is not None
              for name, (makes, _, _) in table.items() if makes}
    changed = True
    while changed:
        changed = False
        for path, table in facts.items():
            if table is None:
                continue
            by_text = {r.text: r for r in graph.references.get(path, ())}
            for name, (_, same, other) in table.items():
                if (path, name) in making:
                    continue
                if any((path, s) in making for s in same) or any(
                        (by_text[t].owner, by_text[t].function) in making or facts.get(by_text[t].owner, 0) is None
                        for t in other if t in by_text):
                    making.add((path, name))
                    changed = True
    out: dict = {}
    for path, name in making:
        out.setdefault(path, set()).add(name)
    for path, table in facts.items():
        if table is None:
            out[path] = set(module_functions(trees[path]))
    return {path: frozenset(names) for path, names in out.items()}


def _init_facts(tree: ast.Module) -> dict:
    """:func:`maker_facts` of each top-level class's ``__init__``, under the class's name: a
    class whose constructor makes variables (BERT's ``modeling.BertModel``) is built by its
    callers as a function is called (its file is migrated first, its lifted module offered)."""
    inits = []
    for cls in (s for s in tree.body if type(s) is ast.ClassDef):
        init = next((m for m in cls.body if type(m) is ast.FunctionDef and m.name == "__init__"), None)
        if init is not None:
            inits.append(ast.FunctionDef(name=cls.name, args=init.args, body=init.body, decorator_list=[],
                                         returns=None, type_params=[], lineno=init.lineno))
    if not inits:
        return {}
    rest = [s for s in tree.body if type(s) is not ast.ClassDef]
    return {name: found for name, found in maker_facts(ast.Module(body=rest + inits, type_ignores=[])).items()
            if name in {f.name for f in inits}}


def _references(tree: ast.Module, path: str, by_module: dict, reachable=frozenset(), parse=None) -> tuple:
    """How this file names functions of other files: ``f`` bound once by a module-level
    ``from m import f`` (or brought by ``from m import *``, when ``parse`` reads m's file:
    :mod:`unscope.native.project_stars`), ``m.f`` through ``import m as m`` / ``from pkg
    import m``, and ``pkg.m.f`` through ``import pkg.m``; a name two files could mean is left out."""
    bound: dict[str, int] = {}
    for stmt in tree.body:
        for name in bound_names(stmt):
            bound[name] = bound.get(name, 0) + 1

    here = os.path.dirname(path)

    def owner(module):
        found = {o for o in by_module.get(module, ()) if o != path}
        if len(found) > 1:   # two model.py: the one beside this file (a script's folder is on sys.path)
            found = {o for o in found if os.path.dirname(o) == here and "." not in module}
        return found.pop() if len(found) == 1 else None

    out: dict[str, Reference] = {}
    modules: dict[str, str] = {}     # local name -> dotted module it is bound to
    packages: set[str] = set()       # `import pkg.m`: pkg.m.f is read through pkg
    for stmt in tree.body:
        if type(stmt) is ast.ImportFrom:
            if stmt.level:
                bases = [f"{b}.{stmt.module}" if stmt.module else b for b in _package(path, stmt.level)]
            else:
                bases = [stmt.module]
            for alias in stmt.names:
                local = alias.asname or alias.name
                if alias.name == "*" or bound.get(local) != 1:
                    continue
                subs = [f"{b}.{alias.name}" for b in bases if owner(f"{b}.{alias.name}")]
                if len({owner(sub) for sub in subs}) == 1:   # a module of the run: m.f names its functions
                    modules[local] = subs[0]
                    continue
                owners = {owner(b) for b in bases} - {None}
                if len(owners) == 1 and not subs:
                    out[local] = Reference(local, owners.pop(), alias.name,
                                           "." * stmt.level + (stmt.module or ""))
        elif type(stmt) is ast.Import:
            for alias in stmt.names:
                if alias.asname:
                    if bound.get(alias.asname) == 1:
                        modules[alias.asname] = alias.name
                elif "." in alias.name:
                    packages.add(alias.name.partition(".")[0])
                elif bound.get(alias.name) == 1:
                    modules[alias.name] = alias.name
    if parse is not None:
        for name, found, module in star_imports(tree, bound, owner, parse):
            out.setdefault(name, Reference(name, found, name, module))
    # only aliases that can name a module of the run (tf, np cannot) are followed
    modules = {k: v for k, v in modules.items() if v in reachable}
    packages &= reachable
    if modules or packages:
        for node in walk(tree):   # shared with the export pass's walk of it
            if type(node) is not ast.Attribute:
                continue
            chain = [node.attr]
            root = node.value
            while type(root) is ast.Attribute:
                chain.append(root.attr)
                root = root.value
            if type(root) is not ast.Name or not (root.id in modules or root.id in packages):
                continue
            chain.reverse()
            module = modules.get(root.id, root.id)
            dotted = ".".join([module] + chain[:-1])
            text = ".".join([root.id] + chain)
            found = owner(dotted)
            if found is not None and text not in out and f"{dotted}.{chain[-1]}" not in by_module:
                out[text] = Reference(text, found, chain[-1])
    return tuple(out[k] for k in sorted(out))


def _components(files, depends) -> dict:
    """Strongly connected components (Tarjan, iterative), numbered callees first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    comp: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    counter = [0, 0]
    for start in files:
        if start in index:
            continue
        work = [(start, iter(sorted(depends(start))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(depends(nxt)))))
                    advanced = True
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on.discard(member)
                    comp[member] = counter[1]
                    if member == node:
                        break
                counter[1] += 1
    return comp
