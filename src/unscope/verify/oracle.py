"""Install verify's independent TF1 oracle next to the TensorFlow already installed.

    python -m unscope.verify.oracle            # pip install --no-deps tf_keras~=<TF x.y> + tf_slim
    python -m unscope.verify.oracle --dry-run  # print the pip command only

With ``tf_keras`` installed, `unscope verify` runs the original's ``tf.layers`` on the real
legacy Keras layers instead of ``unscope.layers`` (which would make unscope its own reference).
``tf_keras`` declares a dependency on the ``tensorflow`` distribution: installed normally
next to ``tensorflow-cpu`` or a CUDA build it would pull a second TensorFlow. So it is
installed with ``--no-deps``, pinned to the installed TensorFlow's major.minor (tf_keras
versions follow TensorFlow's). ``tf_slim`` only needs absl and is a plain dependency of the
``unscope[oracle]`` extra.
"""
from __future__ import annotations

import subprocess
import sys


def installed_tensorflow() -> str:
    """The installed TensorFlow's version, read without importing it."""
    from importlib import metadata

    for dist in ("tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-macos",
                 "tf-nightly", "tf-nightly-cpu"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    raise LookupError("no TensorFlow installation found: install TensorFlow first "
                      "(pip install 'unscope[cpu]', 'unscope[gpu]' or your own tensorflow>=2.16)")


def pip_commands(tf_version: str, python: str = sys.executable) -> list[list[str]]:
    """The pip invocations: tf_keras without dependencies, pinned; tf_slim with its own."""
    major, minor = tf_version.split(".")[:2]
    return [
        [python, "-m", "pip", "install", "--no-deps", f"tf_keras~={major}.{minor}.0"],
        [python, "-m", "pip", "install", "tf_slim>=1.1"],
    ]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip(), file=sys.stderr)
        return 0
    try:
        version = installed_tensorflow()
    except LookupError as exc:
        print(f"unscope oracle: error: {exc}", file=sys.stderr)
        return 2
    for command in pip_commands(version):
        print(" ".join(command), file=sys.stderr)
        if "--dry-run" not in argv:
            code = subprocess.call(command)
            if code:
                return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
