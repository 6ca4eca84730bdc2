"""Run a command with stderr on a pseudo-terminal and read everything it drew there."""
from __future__ import annotations

import os
import pty
import subprocess


def run_on_terminal(argv, **kwargs) -> tuple[subprocess.CompletedProcess, str]:
    """``(process, text seen on the terminal)``; stdout is piped as usual."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=follower, **kwargs)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    return proc, b"".join(chunks).decode("utf-8", "replace")
