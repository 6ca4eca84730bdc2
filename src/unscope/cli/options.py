"""Argument types shared by the subcommands."""
from __future__ import annotations

import argparse


def jobs(text: str) -> int:
    """``-j N``: a positive number of worker processes."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
