"""Reading and writing the files migration changes: encodings kept, writes atomic.

A write goes to a temporary file in the same directory, is flushed to disk, gets the old
file's permissions, then replaces the old file with ``os.replace`` - a reader (or a crash)
sees the old file or the new one, never half of one.

A file saved by someone else while migration runs is never overwritten: the caller passes the
:class:`FileState` it read (content hash, size, mtime), and ``write_atomic`` compares it with
the file on disk just before the rename and raises :class:`ChangedOnDisk` if they differ.
"""
from __future__ import annotations

import codecs
import difflib
import hashlib
import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass

__all__ = ["read_source", "read_with_state", "FileState", "ChangedOnDisk", "read_only_reason",
           "encode", "write_atomic", "unified_diff"]


@dataclass(frozen=True)
class FileState:
    """What a file was when it was read: its content hash, size and modification time."""

    sha256: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, data: bytes, st: os.stat_result) -> "FileState":
        return cls(hashlib.sha256(data).hexdigest(), st.st_size, st.st_mtime_ns)


class ChangedOnDisk(OSError):
    """The file is no longer what was read: someone saved it in the meantime."""


def read_source(path: str) -> tuple[str | None, dict]:
    """``(text, encoding info)``; text is None when the file is neither UTF-8 nor declares a
    coding that decodes it."""
    text, info, _ = read_with_state(path)
    return text, info


def read_with_state(path: str) -> tuple[str | None, dict, FileState]:
    """:func:`read_source` plus the :class:`FileState` to pass to :func:`write_atomic`."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        data = fh.read()
    text, info = decode_bytes(data)
    return text, info, FileState.of(data, st)


def _current_state(path: str) -> FileState | None:
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            return FileState.of(fh.read(), st)
    except OSError:
        return None


def read_only_reason(path: str) -> str | None:
    """Why ``path`` must not be rewritten in place, or None.

    The mode bits are read directly: a process running as root may write anything, so
    ``os.access`` alone would let migration rewrite a file its owner made read-only.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"cannot stat: {exc.strerror or exc}"
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o222 or not os.access(path, os.W_OK):
        return (f"read-only (mode {mode:04o}); not rewritten - make it writable (chmod u+w) "
                "or write the result elsewhere with --out DIR")
    return None


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


def write_atomic(path: str, data: bytes, mode_from: str | None = None,
                 expect: FileState | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the permissions of ``mode_from``
    (default: of ``path`` itself).  A symbolic link is written through, not replaced.

    ``expect``: the state ``path`` was read in; if the file differs from it just before the
    rename, nothing is replaced and :class:`ChangedOnDisk` is raised."""
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
        if expect is not None and _current_state(path) != expect:
            raise ChangedOnDisk(f"{path}: changed on disk since it was read")
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
