"""Native migration: TF1 variable-scope functions become idiomatic TF2 ``tf.Module`` classes.

Variables are owned by modules and keep their exact TF1 names; sharing (``reuse=True``,
``AUTO_REUSE``, re-entered scopes, ``make_template``) becomes calling the same instance::

    from unscope.native import migrate_native
    result = migrate_native(open("model.py").read(), "model.py")
    result.code       # the module, with `class Model(nn.Module)` for `def model(...)`
    result.classes    # [{"function": "model", "class": "Model", "init_args": [...], "call_args": [...]}]
    result.findings   # functions kept in TF1 form, and why (verdict "compat")

Never imports TensorFlow. The output imports ``unscope.nn`` (or a vendored copy, see
:func:`vendor_nn`).
"""
from unscope.native.engine import DEFAULT_NN_IMPORT, NativeResult, migrate_native
from unscope.native.vendor import vendor_nn, vendored_import

__all__ = ["migrate_native", "NativeResult", "vendor_nn", "vendored_import", "DEFAULT_NN_IMPORT"]
