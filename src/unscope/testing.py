"""Test helpers for users' own suites.

`assert_equivalent` proves, inside pytest, that migrated code computes what the TF1 code
computed (the library form of ``unscope verify``)::

    from unscope.testing import assert_equivalent
    import model_tf1, model_tf2

    def test_migration():
        assert_equivalent(model_tf1.build, model_tf2.Model, {"x": np.ones([2, 4], "f4")})

``old`` must live at module level in a ``.py`` file: it is re-imported in a separate
process, where ``import tensorflow`` means ``tensorflow.compat.v1`` in graph mode.
"""
from __future__ import annotations


def assert_equivalent(old, new, inputs, **options):
    """Raise AssertionError, with the report's tables, unless OLD and NEW agree.

    `old`: a module-level TF1 function, ``"FILE.py:FUNC"``, or an `OldResult` (then pass
    ``inputs=None``); `new`: a function (wrapped with ``unscope.track``), a ``tf.Module``
    class or instance, or ``"FILE.py:ATTR"``; `inputs`: a dict of arrays, an ``.npz`` path
    or a SPEC such as ``"x:float32[2,4]"``. `options` are `unscope.verify.verify`'s:
    ``init``, ``checkpoint``, ``grads``, ``training``, ``rtol``, ``atol``, ``seed``,
    ``old_layers``, ``same_random``, ``timeout``. Returns the `Report` when they agree.
    A side that cannot be built raises `unscope.verify.BuildError` (with its traceback
    attached as a note).
    """
    from unscope.verify import BuildError, verify

    try:
        report = verify(old, new, inputs, **options)
    except BuildError as exc:
        if exc.detail and hasattr(exc, "add_note"):
            exc.add_note(exc.detail.rstrip())
        raise
    if not report.ok:
        raise AssertionError("OLD and NEW differ\n" + str(report))
    return report
