"""Scope paths across the functions of one file: which call sites reach a function, with
what scope path, reuse mode and parameter values (its *contexts*), and the merge of a
construct's paths over all of them.

A function no one in the file calls is taken to be called outside any scope, with its
parameters' defaults; recursion stops at the first repeat; at most 64 contexts per function.
"""
from __future__ import annotations

import ast

from unscope.analyze.findings import Finding
from unscope.analyze.names import NameEnv, segment_of, substitute
from unscope.analyze.scopes import Context, combine_reuse, final_reuse, merge_paths, merge_reuse

__all__ = ["resolve_scopes"]


def _is_none(node) -> bool:
    return node is None or (type(node) is ast.Constant and node.value is None)


def _lookup(site, class_methods: dict):
    if site.via_self:
        cls = site.caller.cls
        return class_methods.get(cls, {}).get(site.name) if cls else None
    fn = site.caller
    while fn is not None:
        if site.name in fn.children:
            return fn.children[site.name]
        fn = fn.parent
    return None


def resolve_scopes(pending: list, sites: list, class_methods: dict, path: str) -> list[Finding]:
    """Findings with their scope paths and reuse modes resolved across every context."""
    callers: dict = {}
    for site in sites:
        callee = _lookup(site, class_methods)
        if callee is not None and callee is not site.caller:
            callers.setdefault(callee, []).append(site)
    memo: dict = {}
    visiting: set = set()

    default_memo: dict = {}

    def defaults(fn) -> dict:
        if fn in default_memo:
            return dict(default_memo[fn])
        out = {}
        for name, node in fn.env.params.items():
            if _is_none(node):
                out[name] = None if node is not None else False
            else:
                seg = segment_of(node, NameEnv(), strict=True)
                if seg is not None:
                    out[name] = seg
        default_memo[fn] = {k: v for k, v in out.items() if v is not False}
        return dict(default_memo[fn])

    def bindings(site, callee) -> dict:
        out = defaults(callee)
        if site.call is None:
            return out
        params = list(callee.env.params)
        if site.via_self and params:
            params = params[1:]
        for i, arg in enumerate(site.call.args):
            if type(arg) is ast.Starred:
                break
            if i < len(params):
                out[params[i]] = None if _is_none(arg) else segment_of(arg, site.env)
        for kw in site.call.keywords:
            if kw.arg in callee.env.params:
                out[kw.arg] = None if _is_none(kw.value) else segment_of(kw.value, site.env)
        return out

    def contexts(fn) -> list:
        if fn in memo:
            return memo[fn]
        sites = callers.get(fn)
        if not sites or fn in visiting:
            return [Context((), None, defaults(fn))]
        visiting.add(fn)
        out, seen = [], set()
        for site in sites:
            inner = bindings(site, fn)
            for ctx in contexts(site.caller):
                path = ctx.path + tuple(substitute(seg, ctx.bindings) for seg in site.vpath)
                bound = {k: (None if v is None else substitute(v, ctx.bindings)) for k, v in inner.items()}
                new = Context(path, combine_reuse(ctx.reuse, site.reuse), bound)
                key = new.key()
                if key not in seen:
                    seen.add(key)
                    out.append(new)
                if len(out) >= 64:
                    break
        visiting.discard(fn)
        memo[fn] = out
        return out

    findings = []
    for p in pending:
        scope = None
        reuse = None
        if p.rel_path is not None:
            ctxs = contexts(p.function)
            scope = merge_paths([ctx.path + tuple(substitute(seg, ctx.bindings) for seg in p.rel_path)
                                 for ctx in ctxs])
            if p.reuse is not False:
                reuse = merge_reuse([final_reuse(combine_reuse(ctx.reuse, p.reuse)) for ctx in ctxs])
        node = p.node
        findings.append(Finding(path, node.lineno, node.col_offset + 1, None, p.api, scope,
                                p.verdict, p.message, reuse))
    return findings
