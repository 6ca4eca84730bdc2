"""Reading and writing the files migration changes: encodings kept, writes atomic.

A write goes to a temporary file in the same directory, is flushed to disk, gets the old
file's permissions, then replaces the old file with ``os.replace`` - a reader (or a crash)
sees the old file or the new one, never half of one.
"""
from __future__ import annotations

import codecs
import difflib
import io
import os
import stat
import tempfile
import tokenize

__all__ = ["read_source", "encode", "write_atomic", "unified_diff"]


def read_source(path: str) -> tuple[str | None, dict]:
    """``(text, encoding info)``; text is None when the file is neither UTF-8 nor declares a
    coding that decodes it."""
    with open(path, "rb") as fh:
        data = fh.read()
    return decode_bytes(data)


def decode_bytes(data: bytes) -> tuple[str | None, dict]:
    info = {"bom": data.startswith(codecs.BOM_UTF8), "encoding": "utf-8"}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError:
            return None, info
        if encoding in ("utf-8", "utf-8-sig"):
            return None, info
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            return None, info
        info["encoding"] = encoding
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, info


def encode(text: str, info: dict) -> bytes:
    data = text.encode(info.get("encoding", "utf-8"))
    return codecs.BOM_UTF8 + data if info.get("bom") else data


def write_atomic(path: str, data: bytes, mode_from: str | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the permissions of ``mode_from``
    (default: of ``path`` itself).  A symbolic link is written through, not replaced."""
    path = os.path.realpath(path)
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(mode_from or path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".unscope")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(old: str, new: str, path: str) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"{path}\t(original)", f"{path}\t(migrated)")
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
