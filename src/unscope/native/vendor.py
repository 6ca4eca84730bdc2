"""``vendor_nn``: copy `unscope.nn` into a user's tree, so native output needs only TensorFlow.

    folder = vendor_nn("src/mymodel")                       # src/mymodel/unscope_nn/*.py
    result = migrate_native(code, nn_import=vendored_import())   # "import unscope_nn as nn"

The package's files import one another relatively, so the copy works under any name; it is
not imported here (copying does not import TensorFlow).
"""
from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["vendor_nn", "vendored_import", "NN_PACKAGE"]

NN_PACKAGE = Path(__file__).resolve().parent.parent / "nn"


def vendor_nn(directory, package: str = "unscope_nn") -> Path:
    """Copy ``unscope/nn/*.py`` into ``directory/package/``; returns that folder.

    Files already there are replaced; other files in it are left alone.
    """
    if not package.isidentifier():
        raise ValueError(f"package name {package!r} is not a Python identifier")
    dest = Path(directory) / package
    dest.mkdir(parents=True, exist_ok=True)
    for source in sorted(NN_PACKAGE.glob("*.py")):
        shutil.copyfile(source, dest / source.name)
    return dest


def vendored_import(package: str = "unscope_nn") -> str:
    """The ``nn_import`` statement for a copy made by :func:`vendor_nn`."""
    return f"import {package} as nn"
