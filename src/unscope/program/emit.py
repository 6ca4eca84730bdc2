"""Write the eager program: objects where the graph made them, one ``tf.function`` per
distinct ``sess.run``, the Session body dedented in place of the ``with``."""
from __future__ import annotations

import ast

from unscope.program.graph import CannotConvert, GraphPlan
from unscope.program.session import SessionRewrite

__all__ = ["emit_program", "statement_lines", "reindent"]

INDENT = "    "


def statement_lines(lines, stmt):
    return lines[stmt.lineno - 1:stmt.end_lineno]


def reindent(text_lines, old: int, new: str):
    out = []
    for line in text_lines:
        head = line[:old]
        out.append(new + line[old:] if not head.strip() else new + line.lstrip())
    return [line if line.strip() else "" for line in out]


class ProgramWriter:
    def __init__(self, source, graph: GraphPlan, session: SessionRewrite, classes, nn, indent, names):
        self.lines = source.splitlines()
        self.source = source
        self.graph, self.session, self.classes, self.nn = graph, session, classes, nn
        self.indent, self.names = indent, names
        self.models = {}        # function name -> instance name (the same name)
        self.optimizers = []    # the optimizers' names, in the order TF1 made their slots
        self.step = None

    # ---------------------------------------------------------------- objects
    def emit(self) -> list[str]:
        out = []
        for item in self.graph.items:
            out.extend(getattr(self, f"_{item.kind}")(item))
        return out

    def _python(self, item):
        return reindent(statement_lines(self.lines, item.node), item.node.col_offset, self.indent)

    def _seed(self, item):
        """``tf.set_random_seed(0)`` -> ``tf.random.set_seed(0)`` (eagerly the same global seed)."""
        return [f"{self.indent}tf.random.set_seed({_args(item.info['call'], self._text)})"]

    def _placeholder(self, item):
        return []

    _init = _placeholder

    def _tensor(self, item):
        out = []
        for call in item.info["model_calls"]:
            out.extend(self._model(item, call))
        return out

    def _model(self, item, call):
        function = call.func.id
        info = self.classes[function]
        reuse = _reuse(call, info)
        if set(info["init_args"]) - {"name"}:
            raise CannotConvert(item.node, None, f"`{function}` is called with structural arguments")
        if function in self.models:
            if reuse not in ("True", "AUTO_REUSE"):
                raise CannotConvert(item.node, None, f"`{function}` is called again without "
                                    "reuse=True (TF1 raises: Variable ... already exists)")
            return []  # the same object: sharing is holding it
        if reuse == "True":
            raise CannotConvert(item.node, None, f"`{function}` is first called with reuse=True "
                                "(TF1 raises: Variable ... does not exist)")
        keywords = [k for k in call.keywords if k.arg != "reuse" or "reuse" in info["call_args"]]
        if len(call.args) > len(info["call_args"]) or any(
                k.arg not in info["call_args"] for k in keywords):
            raise CannotConvert(item.node, None, f"the call of `{function}` does not match "
                                f"{info['class']}'s __call__")
        self.models[function] = function
        build = [self._example(a, info) for a in call.args] + [
            f"{k.arg}={self._example(k.value, info)}" for k in keywords]
        return [f"{self.indent}{function} = {info['class']}()",
                f"{self.indent}{function}({', '.join(build)})  # makes the variables now, as TF1's "
                "graph did"]

    def _example(self, node, info=None):
        if info and info.get("batch_norm") and isinstance(node, ast.Constant) and node.value is True:
            return "False"  # building must not update the moving averages (TF1's did not)
        if isinstance(node, ast.Name) and node.id in self.graph.by_name:
            item = self.graph.by_name[node.id]
            if item.kind == "next":  # zeros of the element's spec: no iterator is advanced (a
                # second one would also move a reshuffling dataset's seeds)
                index = f"[{item.info['names'].index(node.id)}]" if item.info["tuple"] else ""
                spec = f"{item.info['spec_source']}.element_spec{index}"
                return f"tf.zeros([d or 1 for d in {spec}.shape], {spec}.dtype)"
            made = item.node.value if isinstance(item.node, ast.Assign) and item.kind == "tensor" else None
            if (isinstance(made, ast.Call) and isinstance(made.func, ast.Name)
                    and made.func.id in self.models and item.info["names"] == [node.id]):
                return self._built_output(made)  # h = encoder(x); head(h)
            if item.kind != "placeholder":
                raise CannotConvert(node, None, f"a model input computed in the graph (`{node.id}`)")
            dims = item.info["dims"]
            if dims is None:
                raise CannotConvert(item.node, "tf.placeholder", "a model input of unknown rank")
            shape = "[" + ", ".join("1" if d is None else str(d) for d in dims) + "]"
            return f"tf.zeros({shape}, {self._text(item.info['dtype'])})"
        if isinstance(node, (ast.Name, ast.Constant)):
            return self._text(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.models:
            return self._built_output(node)
        raise CannotConvert(node, None, "a model input that is neither a placeholder, a name nor "
                            "another model's output")

    def _built_output(self, call):
        """A model input that is another (already built) model's output: that model called on
        its own example inputs (``head(encoder(tf.zeros(...)))``); it makes no variable again."""
        info = self.classes[call.func.id]
        args = [self._example(a, info) for a in call.args] + [
            f"{k.arg}={self._example(k.value, info)}" for k in call.keywords
            if k.arg != "reuse" or "reuse" in info["call_args"]]
        return f"{call.func.id}({', '.join(args)})"

    def _global_step(self, item):
        self.step = item.name
        return [f"{self.indent}{item.name} = {self.nn}.create_global_step()"]

    def _schedule(self, item):
        return [f"{self.indent}{item.name} = {self.nn}.schedules.{item.info['fn']}("
                f"{_args(item.info['call'], self._text)})"]

    def _optimizer(self, item):
        return [f"{self.indent}{item.name} = {self._made(item.info)}"]

    def _made(self, info):
        """``nn.Adam(0.01)``, or the file's own class as it is called (``SignSGD(0.01)``)."""
        module = "" if "user" in info else f"{self.nn}."
        return f"{module}{info['cls']}({_args(info['call'], self._text)})"

    def _train(self, item):
        out = []
        name = item.info["optimizer"]
        if "inline" in item.info:
            out.append(f"{self.indent}{name} = {self._made(item.info['inline'])}")
        if name not in self.optimizers:
            self.optimizers.append(name)
        # a second train op of the optimizer adds the slots of its variables; its state (Adam's
        # beta powers) and the slots of variables both train are shared, as in TF1
        made = self.graph.by_name.get(name)
        user = "user" in item.info.get("inline", made.info if made is not None else {})
        build = "_create_slots" if user else "build"  # a tf.compat.v1 optimizer: TF1's own hook
        out.append(f"{self.indent}{name}.{build}({self._trained(item)})  # slots now, as TF1's "
                   "minimize() made them")
        return out

    def _trained(self, train):
        """The variables a train op updates: its var_list, or every model's."""
        if "apply" in train.info:
            return train.info["gradients"].info["variables"] or self._var_list(train)
        return train.info["var_list"] or self._var_list(train)

    def _writer(self, item):
        return [f"{self.indent}{item.name} = tf.summary.create_file_writer({self._text(item.info['logdir'])})"]

    def _dataset(self, item):
        if any(item in i.info.get("chain", ()) for i in self.graph.of_kind("iterator")):
            return []  # in the function that makes the pipeline at each initializer run
        return self._statement(item, self.indent)

    def _iterator(self, item):
        if "chain" in item.info:
            return self._maker(item)
        if item.info.get("initializable"):
            return []  # made by each sess.run(it.initializer): iter(dataset), TF1's re-initialization
        return [f"{self.indent}{item.name} = iter({self._text(item.info['dataset'])})"]

    def _maker(self, item):
        """The pipeline of a fed or seeded initializable iterator as a function of its
        placeholders, called at each ``sess.run(it.initializer)``; an empty pipeline of the
        placeholders' shapes stands where TF1's was, for its element_spec."""
        i, ii = self.indent, self.indent + INDENT
        gap = [""] if i else ["", ""]
        feeds = item.info["feeds"]
        why = " from the values fed to its placeholders" if feeds else ", its shuffle seeds restarting there"
        out = [*gap, f"{i}def {item.info['maker']}({', '.join(feeds)}):",
               f'{ii}"""The pipeline TF1 made at each run of {item.name}.initializer{why}."""']
        for name in feeds:
            dtype = self._text(self.graph.by_name[name].info["dtype"])
            out.append(f"{ii}{name} = tf.convert_to_tensor({name}, {dtype})  # as feed_dict converted it")
        for dataset in item.info["chain"]:
            out.extend(self._statement(dataset, ii))
        dataset = self._text(item.info["dataset"])
        out.append(f"{ii}return {dataset}")
        empty = []
        for name in feeds:
            info = self.graph.by_name[name].info
            empty.append(f"tf.zeros([{', '.join('0' if d is None else str(d) for d in info['dims'])}], "
                         f"{self._text(info['dtype'])})")
        why = "  # empty: for its element_spec" if feeds else "  # for its element_spec"
        out.extend([*gap, f"{i}{dataset} = {item.info['maker']}({', '.join(empty)}){why}"])
        return out

    def _next(self, item):
        if isinstance(item.info["iterator"], str):
            return []
        return [f"{self.indent}{item.info['iterator_name']} = iter({self._text(item.info['iterator'])})"]

    def _update_ops(self, item):
        return []  # batch norm updates its moving averages in its training call

    def _gradients(self, item):
        return []  # taken on the tape, in the train step

    def _variables(self, item):
        """``tvars = tf.trainable_variables()``: the models' trainable variables, in TF1's
        order, selected by TF1's scope filter."""
        if item.info.get("python"):
            return self._python(item)
        if not self.models:
            raise CannotConvert(item.node, None, "variables selected before any model made them")
        models = list(dict.fromkeys(self.models.values()))
        models = models[0] if len(models) == 1 else "[" + ", ".join(models) + "]"
        scope = item.info["scope"]
        return [f"{self.indent}{item.name} = {self.nn}.variables_under({models}"
                + (f", {_quoted(scope)})" if scope is not None else ")")]

    def _var_list(self, item):
        if not self.models:
            raise CannotConvert(item.node, "minimize", "no model function owns the trained variables")
        parts = [f"{m}.trainable_variables" for m in self.models.values()]
        return parts[0] if len(parts) == 1 else "[" + ", ".join("*" + p for p in parts) + "]"

    def _saver(self, item):
        if not self.models:
            raise CannotConvert(item.node, "tf.train.Saver", "a Saver needs a model made before it")
        if "save" not in self.session.uses:
            return []  # restore() needs no Checkpoint object
        roots = [f"model={_one_or_list(list(dict.fromkeys(self.models.values())))}"]
        if self.optimizers:
            roots.append(f"optimizer={_one_or_list(self.optimizers)}")
        if self.step is not None:
            roots.append(f"global_step={self.step}")
        checkpoint, manager = self.names["checkpoint"], self.names["manager"]
        out = [f"{self.indent}{checkpoint} = tf.train.Checkpoint({', '.join(roots)})"]
        paths = set(self.session.save_paths)
        if len(paths) > 1:
            raise CannotConvert(item.node, "tf.train.Saver", "numbered saves to different paths")
        if paths:
            directory, name = _split_path(ast.parse(paths.pop(), mode="eval").body)
            keep = item.info["max_to_keep"]
            keep = "5" if keep is None else ast.unparse(keep)
            keep = "None" if keep in ("0", "None") else keep
            out.append(f"{self.indent}{manager} = tf.train.CheckpointManager(")
            out.append(f"{self.indent}{INDENT}{checkpoint}, {directory}, max_to_keep={keep}, "
                       f"checkpoint_name={name})")
        return out

    def _scoped(self, item):
        out = []
        made = self.__dict__.setdefault("_scoped_made", {})
        for entry in item.info["entries"]:
            name, existing = entry["tf1_name"], made.get(entry["tf1_name"])
            if existing is not None and (entry["reuse"] or entry["api"] == "tf.AUTO_REUSE"):
                out.append(f"{self.indent}{entry['target']} = {existing}  # the same variable "
                           "(reuse=True)")
                continue
            if existing is not None or entry["reuse"] and entry["api"] != "tf.AUTO_REUSE":
                raise CannotConvert(item.node, "tf.get_variable", f"Variable {name} "
                                    + ("already exists" if existing else "does not exist")
                                    + " (TF1 raises here)")
            call = entry["call"]
            args = [ast.unparse(a) for a in call.args[1:4]] + [
                f"{k.arg}={ast.unparse(k.value)}" for k in call.keywords]
            if len(call.args) > 4 or any(k.arg not in {"shape", "dtype", "initializer", "trainable"}
                                         for k in call.keywords):
                raise CannotConvert(item.node, "tf.get_variable", "get_variable options other than "
                                    "shape, dtype, initializer and trainable")
            made[name] = entry["target"]
            out.append(f"{self.indent}{entry['target']} = {self.nn}.variable({', '.join([_quoted(name), *args])})")
        return out

    # ---------------------------------------------------------------- functions
    def _session(self, item):
        gap = [""] if self.indent else ["", ""]  # PEP 8: two blank lines around top-level functions
        out = []
        for fetch in self.session.fetches.values():
            out.extend(gap + self._function(fetch))
        out.extend(gap if self.session.fetches else [])
        out.extend(self._session_body(item.node))
        return out

    def _function(self, fetch):
        i, ii = self.indent, self.indent + INDENT
        out = []
        if fetch.args:
            out.append(f"{i}@tf.function(input_signature=[")
            for name in fetch.args:
                item = self.graph.by_name[name]
                if item.kind == "next":  # the dataset's own element spec, once per element
                    if name == item.info["names"][0]:
                        star = "*" if item.info["tuple"] else ""
                        out.append(f"{ii}{star}{item.info['spec_source']}.element_spec,")
                    continue
                out.append(f"{ii}{self._spec(item)},")
            out.append(f"{i}])")
        else:
            out.append(f"{i}@tf.function")
        out.append(f"{i}def {fetch.name}({', '.join(fetch.args)}):")
        wanted = [n for n in fetch.fetches if n != fetch.train]
        if fetch.train:
            train = self.graph.by_name[fetch.train]
            wanted = [train.info["loss"], *wanted]
        body = [s for s in self.graph.closure(wanted) if s.kind == "tensor"]
        returned = [n for n in fetch.fetches if n != fetch.train]
        if fetch.train and "apply" in train.info:
            out.extend(self._apply_step(train, wanted, ii))
        elif fetch.train:
            out.append(f"{ii}with tf.GradientTape() as tape:")
            for stmt in body:
                out.extend(self._statement(stmt, ii + INDENT))
            loss, var_list = train.info["loss"], self._trained(train)
            opt = train.info["optimizer"]
            out.append(f"{ii}variables = {var_list}")
            out.append(f"{ii}grads = tape.gradient({loss}, variables)")
            step = train.info["global_step"]
            out.append(f"{ii}{opt}.apply_gradients(zip(grads, variables)"
                       + (f", global_step={step})" if step else ")"))
        else:
            for stmt in body:
                out.extend(self._statement(stmt, ii))
        if returned:
            out.append(f"{ii}return {', '.join(returned)}")
        return out

    def _statement(self, item, indent):
        """A graph statement's lines at ``indent``; the regularization-loss collection becomes
        the models' ``regularization_losses``."""
        node = item.node
        if "text" in item.info:  # a statement the plan wrote anew (merged summaries)
            return [indent + item.info["text"]]
        if "summary" in item.info:  # TF1's summary op is TF core's raw op of the same name
            op, key, tag, value, full = item.info["summary"]
            text = self._text(tag)
            text = text if full is None else text[0] + full + text[0]  # family/family/name, the author's quotes
            return [f"{indent}{item.name} = tf.raw_ops.{op}({key}={text}, values={self._text(value)})"]
        edits = list(item.info.get("renames", ()))
        for call in item.info.get("regularization", ()):
            models = [self.models[m] for m in item.info["models_before"] if m in self.models]
            parts = [f"{m}.regularization_losses" for m in models]
            edits.append((call, parts[0] if len(parts) == 1 else "[" + ", ".join("*" + p for p in parts) + "]"))
        for call in item.info.get("model_calls", ()):
            info = self.classes[call.func.id]
            if _reuse(call, info) is not None:  # the class takes no reuse=: holding it is sharing
                kept = [self._text(a) for a in call.args] + [
                    f"{k.arg}={self._text(k.value)}" for k in call.keywords if k.arg != "reuse"]
                edits.append((call, f"{call.func.id}({', '.join(kept)})"))
        lines = [line.encode() for line in statement_lines(self.lines, node)]
        for call, text in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
            a, b = call.lineno - node.lineno, call.end_lineno - node.lineno
            lines[a:b + 1] = [lines[a][:call.col_offset] + text.encode() + lines[b][call.end_col_offset:]]
        return reindent([line.decode() for line in lines], node.col_offset, indent)

    def _apply_step(self, train, wanted, ii):
        """compute_gradients -> edits -> apply_gradients: the forward pass on the tape, the
        gradients from it, the program's own edits of them, then the update."""
        gradients = train.info["gradients"]
        need = self.graph.closure([*train.deps, *wanted])
        after = {id(gradients)}
        for item in need:  # program order: an item after the gradients if it reads one
            if any(id(self.graph.by_name[d]) in after for d in item.deps if d in self.graph.by_name):
                after.add(id(item))
        forward = [i for i in need if i.kind == "tensor" and id(i) not in after]
        edits = [i for i in need if i.kind == "tensor" and id(i) in after]
        out = [f"{ii}with tf.GradientTape() as tape:"]
        for item in forward:
            out.extend(self._statement(item, ii + INDENT))
        loss = gradients.info["loss"]
        if gradients.info["pairs"]:
            variables = gradients.info["variables"] or self._var_list(gradients)
            out.append(f"{ii}{gradients.name} = list(zip(tape.gradient({loss}, {variables}), {variables}))")
        else:
            out.append(f"{ii}{gradients.name} = tape.gradient({loss}, {gradients.info['variables']})")
        for item in edits:
            out.extend(self._statement(item, ii))
        step = train.info["global_step"]
        out.append(f"{ii}{train.info['optimizer']}.apply_gradients({self._text(train.info['apply'])}"
                   + (f", global_step={step})" if step else ")"))
        return out

    def _spec(self, item):
        dims = item.info["dims"]
        shape = "None" if dims is None else "[" + ", ".join(map(str, dims)) + "]"
        name = item.info["tf1_name"]
        return f"tf.TensorSpec({shape}, {self._text(item.info['dtype'])}" + (
            f", name={self._text(name)})" if name is not None else ")")

    def _text(self, node):
        """The node as the author wrote it (quotes kept), when it is on one line."""
        text = ast.get_source_segment(self.source, node)
        return text if text is not None and "\n" not in text else ast.unparse(node)

    def _session_body(self, with_node):
        edits = _with_empty_blocks(with_node, self.session.edits)
        for loop in self.session.loops.values():
            edits = self._loop(loop, edits)
        first, last = with_node.body[0], with_node.body[-1]
        lines = _apply(self.lines[first.lineno - 1:last.end_lineno], first.lineno, edits)
        return reindent(lines, first.col_offset, self.indent)

    def _loop(self, loop, edits):
        """The ``while True``/``try`` as ``for <element> in <iterator>:`` over the try body (its
        own edits made first); the edits elsewhere in the ``while`` go with it."""
        start, end = loop.body[0], loop.body[-1]
        span = (loop.node.lineno, loop.node.end_lineno)
        inside = [e for e in edits if start.lineno <= e[0].lineno and e[0].end_lineno <= end.end_lineno]
        body = _apply(self.lines[start.lineno - 1:end.end_lineno], start.lineno, inside)
        body = reindent(body, start.col_offset, " " * (loop.node.col_offset + len(INDENT)))
        text = "\n".join([loop.header, *(line for line in body)])
        kept = [e for e in edits if not span[0] <= e[0].lineno <= span[1]]
        return kept + [(loop.node, text)]


def _apply(text, offset0, edits):
    """``text`` (lines from line ``offset0``) with ``edits`` made, last to first (UTF-8 columns
    from ast); a None replacement deletes the node's lines."""
    buf = [line.encode() for line in text]
    for node, replacement in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        a, b = node.lineno - offset0, node.end_lineno - offset0
        if replacement is None:
            del buf[a:b + 1]
            continue
        head, tail = buf[a][:node.col_offset], buf[b][node.end_col_offset:]
        new = replacement.encode().split(b"\n")
        buf[a:b + 1] = [head + new[0], *new[1:-1], *([new[-1] + tail] if len(new) > 1 else [])]
        if len(new) == 1:
            buf[a] = buf[a] + tail
    return [line.decode() for line in buf]


def _with_empty_blocks(with_node, edits):
    deleted = {id(node) for node, text in edits if text is None}
    edits = list(edits)

    def visit(block):
        if block and all(id(s) in deleted for s in block):
            edits.remove((block[0], None))
            edits.append((block[0], "pass"))
        for stmt in block:
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    visit(inner)

    visit(with_node.body)
    return edits


def _reuse(call, info):
    """``reuse=`` of a model call the class does not take: "True", "AUTO_REUSE", "False", or None."""
    reuse = next((k.value for k in call.keywords if k.arg == "reuse"), None)
    if reuse is None or "reuse" in info["call_args"]:
        return None
    if isinstance(reuse, ast.Constant) and reuse.value in (True, False, None):
        return str(bool(reuse.value))
    if ast.unparse(reuse) in ("tf.AUTO_REUSE", "tf.compat.v1.AUTO_REUSE"):
        return "AUTO_REUSE"
    raise CannotConvert(call, None, f"`{call.func.id}` is called with a reuse= that is not a literal")


def _one_or_list(names):
    return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"


def _quoted(text):
    return '"' + text + '"' if '"' not in text and "\\" not in text else repr(text)


def _split_path(node):
    """The CheckpointManager's directory and checkpoint_name for a Saver path."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "/" in node.value:
        directory, name = node.value.rsplit("/", 1)
        return _quoted(directory or "/"), _quoted(name)
    if (isinstance(node, ast.Call) and ast.unparse(node.func) == "os.path.join" and len(node.args) >= 2
            and isinstance(node.args[-1], ast.Constant) and isinstance(node.args[-1].value, str)
            and "/" not in node.args[-1].value and not node.keywords):
        head = node.args[:-1]
        directory = ast.unparse(head[0]) if len(head) == 1 else f"os.path.join({', '.join(map(ast.unparse, head))})"
        return directory, _quoted(node.args[-1].value)
    text = ast.unparse(node)
    return f"os.path.dirname({text})", f"os.path.basename({text})"


def _args(call, text=ast.unparse) -> str:
    return ", ".join([text(a) for a in call.args] + [f"{k.arg}={text(k.value)}" for k in call.keywords])


def emit_program(source, graph, session, classes, nn, indent, names):
    return ProgramWriter(source, graph, session, classes, nn, indent, names).emit()
