"""TF1's names for unnamed things, counted as TF1 counts them.

An unnamed layer is ``dense``, then ``dense_1``, ...; a ``variable_scope(None,
default_name="block")`` is ``block``, ``block_1``, ... The count is per scope *entry*: a scope
opened by name starts from zero each time, so a function with its own scope always names its
layers the same way. Names made in a function's entry scope depend on the caller
(:class:`~unscope.native.paths.Slot`, resolved at each call site); inside a ``for`` loop over
``range(N)`` the requests repeat N times (:class:`~unscope.native.paths.Uniq`).
"""
from __future__ import annotations

from unscope.native.paths import Slot, Uniq

__all__ = ["Counting", "take"]


class Counting:
    """The counting half of :class:`unscope.native.walk.Walker` (needs ``frame``, ``control``,
    ``after_exit``, ``fn`` and ``fail``)."""

    def _counter_target(self, frame, node, api):
        """Where a counter request of ``frame`` goes: None (now), a Loop (deferred), or
        False (cannot be known)."""
        ctl = self.control[frame.ctl:]
        if self.after_exit or any(kind == "dyn" for kind, _ in ctl):
            self.fail(node, api, "an unnamed layer or default_name scope under an if/while/try: "
                      "its TF1 name depends on run-time control flow")
            self.fn.uncounted = True
            return False
        loops = [item for kind, item in ctl if kind == "loop"]
        if len(loops) > 1:
            self.fail(node, api, "an unnamed layer or default_name scope in nested loops; "
                      "name it to migrate natively")
            self.fn.uncounted = True
            return False
        return loops[0] if loops else None

    def request(self, base: str, node, api):
        """A uniquified child name of the current frame (an unnamed layer, default_name)."""
        frame = self.frame
        target = self._counter_target(frame, node, api)
        if target is False:
            return Uniq(base)
        if target is not None:
            piece = Uniq(base, target)
            target.recs.setdefault(id(frame), (frame, []))[1].append(("uniq", base, piece))
            return piece
        if frame.counts is None:
            slot = Slot(base)
            self.fn.footprint.append(("uniq", base, slot))
            return slot
        return take(frame.counts, base)

    def opened(self, name: str) -> None:
        frame = self.frame
        ctl = self.control[frame.ctl:]
        loops = [item for kind, item in ctl if kind == "loop"]
        if loops and not any(kind == "dyn" for kind, _ in ctl) and len(loops) == 1:
            loops[0].recs.setdefault(id(frame), (frame, []))[1].append(("open", name))
        elif frame.counts is None:
            self.fn.footprint.append(("open", name))
        elif not loops:
            frame.counts[name] = frame.counts.get(name, 0) + 1

    def apply_footprint(self, entries, node, api) -> None:
        """A callee without its own scope makes names in the current frame."""
        if not entries:
            return
        frame = self.frame
        if any(kind == "uniq" for kind, *_ in entries):
            target = self._counter_target(frame, node, api)
            if target is False:
                return
        else:
            target = None
        for entry in entries:
            if entry[0] == "open":
                self.opened(entry[1])
            elif target is not None:
                target.recs.setdefault(id(frame), (frame, []))[1].append(("slot", entry[1], entry[2]))
            elif frame.counts is None:
                self.fn.footprint.append(entry)
            else:
                entry[2].assign(take(frame.counts, entry[1]))

    def _close_loop(self, loop: Loop) -> None:
        for frame, entries in loop.recs.values():
            if not any(e[0] != "open" for e in entries):
                continue
            if loop.count is None or frame.counts is None:
                self.fn.uncounted = True
                self.fail(loop.node, "for", "unnamed layers or default_name scopes in a loop whose "
                          "length is not a constant (or in the function's entry scope); name them "
                          "with the loop variable to migrate natively")
                continue
            counts = frame.counts
            for _ in range(loop.count):
                for entry in entries:
                    if entry[0] == "open":
                        counts[entry[1]] = counts.get(entry[1], 0) + 1
                    elif entry[0] == "uniq":
                        uniq = entry[2]
                        uniq.names = (uniq.names or []) + [take(counts, entry[1])]
                    else:
                        entry[2].assign(take(counts, entry[1]))


def take(counts: dict, base: str) -> str:
    """TF1's ``_get_unique_variable_scope``: the first of base, base_1, ... not yet opened."""
    name = base
    if counts.get(name, 0):
        i = 1
        while counts.get(f"{base}_{i}", 0):
            i += 1
        name = f"{base}_{i}"
    counts[name] = counts.get(name, 0) + 1
    return name
