"""Files written whole or not at all: a temporary file beside the target, then a rename.

Every writer of standoff (the command line's outputs, the workspace's saves) goes through
:func:`write_atomically`, so a crash, a full device or a killed process never leaves half a file.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> write_atomically(folder / "note.txt", "whole")
>>> (folder / "note.txt").read_text()
'whole'
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from standoff._text import encodable

__all__ = ["write_atomically"]


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename).

    A lone surrogate in ``text`` is written as its escape. A path that exists and is not a
    regular file (``/dev/stdout``, a pipe, a device) is written in place, never replaced; a
    symbolic link is followed, so the file it points to is replaced.

    Raises
    ------
    OSError
        With a message naming the file when it cannot be written.
    """
    data = encodable(text).encode("utf-8")
    try:
        kind: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        kind = None
    except OSError as error:
        raise OSError(f"cannot write '{path}': {error.strerror}") from None
    if kind is not None and stat.S_ISDIR(kind):
        raise OSError(f"cannot write '{path}': it is a folder")
    if kind is not None and not stat.S_ISREG(kind):
        _write_in_place(path, data)
        return
    target = Path(os.path.realpath(path)) if kind is not None else path
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise OSError(f"cannot write '{path}': {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OSError(f"cannot write '{path}': {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_in_place(path: Path, data: bytes) -> None:
    """Write to a device or a pipe, which a rename would replace rather than write to."""
    try:
        with open(path, "wb") as file:
            file.write(data)
    except OSError as error:
        raise OSError(f"cannot write '{path}': {error.strerror or error}") from None
