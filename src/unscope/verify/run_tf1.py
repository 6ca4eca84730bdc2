"""Run an unmodified TF1 script on TensorFlow 2 in TF1 graph mode.

    python -m unscope.verify.run_tf1 train.py --steps 100

The script's ``import tensorflow`` means ``tensorflow.compat.v1`` with v2 behaviour
disabled; ``tf.layers`` come from tf_keras when it is installed (else from
unscope.layers) and ``tf.contrib`` from unscope.contrib — the same environment
``unscope verify`` gives the OLD side.  Useful to produce checkpoints or reference
outputs from old code without a TF1 installation.
"""
from __future__ import annotations

import os
import runpy
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    script = os.path.abspath(argv[0])
    if not os.path.isfile(script):
        print(f"run_tf1: {argv[0]}: no such file", file=sys.stderr)
        return 2
    from unscope.verify.old import layers_source

    layers = layers_source("auto")
    if layers == "tf_keras" and "tensorflow" not in sys.modules:
        os.environ["TF_USE_LEGACY_KERAS"] = "1"  # before TensorFlow is imported
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from unscope.cli import import_tensorflow_quietly

    import_tensorflow_quietly()
    import tensorflow as tf

    from unscope.verify import old_imports

    tf.compat.v1.disable_v2_behavior()
    old_imports.install(layers)
    sys.argv = [script, *argv[1:]]
    sys.path.insert(0, os.path.dirname(script))
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
