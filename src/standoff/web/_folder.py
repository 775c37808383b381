"""The workspace's folder: the only files the workspace reads and writes, and their versions.

A scenario is named by its path relative to the folder, with ``/`` between parts
(``forecast/eu.yaml``). A name is refused, before anything touches the disk, when it is absolute,
climbs out (``..``), names a hidden part (``.standoff``, ``.git``), is not a ``.yaml`` or ``.yml``
file, or leads out of the folder through a symbolic link.

Saving is atomic (:func:`standoff._files.write_atomically`) and guarded by the version the editor
started from: the SHA-256 of the file's bytes when it was opened. If the file changed on disk
since (another tab, an editor, ``git pull``), the save is refused with what is on disk, so that
the user can choose. Before a save replaces a file, its previous text is kept under
``FOLDER/.standoff/versions/NAME/`` as ``YYYYmmddTHHMMSSffffffZ-HASH.yaml`` (the time of the save
and the start of the previous text's SHA-256).

>>> import tempfile
>>> folder = Folder(Path(tempfile.mkdtemp()))
>>> first = folder.create("a.yaml", "standoff: 1\\n")
>>> second = folder.save("a.yaml", "standoff: 1\\ntitle: A\\n", base=first)
>>> [version.name for version in folder.versions("a.yaml")] == [folder.versions("a.yaml")[0].name]
True
>>> folder.save("a.yaml", "x", base=first)
Traceback (most recent call last):
...
standoff.web._folder.StaleSaveError: 'a.yaml' changed on disk since it was opened
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from standoff._files import write_atomically
from standoff._text import encodable
from standoff.errors import StandoffError
from standoff.scenario._limits import MAX_FILE_BYTES

__all__ = [
    "MAX_LISTED_FILES",
    "SUFFIXES",
    "VERSIONS",
    "Folder",
    "RefusedError",
    "StaleSaveError",
    "Version",
    "version_of",
]

SUFFIXES = (".yaml", ".yml")
"""The files the workspace shows and edits."""
VERSIONS = PurePosixPath(".standoff", "versions")
"""Where earlier versions are kept, inside the folder."""
MAX_LISTED_FILES = 500
"""The most scenario files the folder view lists."""
MAX_VERSIONS = 200
"""The most earlier versions kept per scenario; the oldest go first."""
_VERSION_NAME = re.compile(r"[0-9]{8}T[0-9]{12}Z-[0-9a-f]{12}")


class RefusedError(StandoffError, ValueError):
    """A request the workspace refuses: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


class StaleSaveError(StandoffError):
    """A save whose base version is not what is on disk; ``text`` and ``version`` are the
    disk's."""

    def __init__(self, name: str, text: str, version: str) -> None:
        self.text = text
        self.version = version
        super().__init__(f"'{name}' changed on disk since it was opened")


def version_of(data: bytes) -> str:
    """The version of a file's bytes: their SHA-256, in hexadecimal."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Version:
    """An earlier version of a scenario: its name (``time-hash``) and when it was replaced."""

    name: str
    saved: datetime
    size: int


class Folder:
    """The scenario files under ``root``, read and written only through checked names."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))

    def path(self, name: str) -> Path:
        """The file a name refers to, inside the folder.

        Raises
        ------
        RefusedError
            400 for a name that is not a scenario file's relative path or leads out of the
            folder.
        """
        if not name or "\x00" in name or "\\" in name or len(name) > 1_000:
            raise RefusedError(400, f"'{name[:200]}' is not a scenario file name")
        pure = PurePosixPath(name)
        if pure.is_absolute() or name.startswith("/"):
            raise RefusedError(400, f"'{name}' is an absolute path: name a file inside the folder")
        if any(part == ".." for part in pure.parts):
            raise RefusedError(400, f"'{name}' leads out of the workspace folder")
        if any(part.startswith(".") for part in pure.parts):
            raise RefusedError(400, f"'{name}' is hidden: the workspace shows no hidden files")
        if pure.suffix.lower() not in SUFFIXES:
            raise RefusedError(
                400, f"'{name}' is not a scenario file (expected a .yaml or .yml name)"
            )
        candidate = self.root.joinpath(*pure.parts)
        real = Path(os.path.realpath(candidate))
        if real != self.root and self.root not in real.parents:
            raise RefusedError(400, f"'{name}' leads out of the workspace folder")
        return candidate

    def names(self) -> list[str]:
        """The scenario files in the folder and its visible subfolders, sorted, at most
        :data:`MAX_LISTED_FILES`."""
        found: list[str] = []
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            relative = Path(folder).relative_to(self.root)
            for file in sorted(files):
                if file.startswith(".") or Path(file).suffix.lower() not in SUFFIXES:
                    continue
                name = (relative / file).as_posix()
                try:
                    if self.path(name).is_file():
                        found.append(name)
                except RefusedError:  # a link out of the folder is not listed
                    continue
                if len(found) >= MAX_LISTED_FILES:
                    return found
        return found

    def read(self, name: str) -> tuple[str, str]:
        """The text of a scenario and its version.

        Raises
        ------
        RefusedError
            404 when there is no such file, 413 when it is larger than a scenario may be,
            422 when it is not UTF-8 text.
        """
        data = self._bytes(name)
        try:
            return data.decode("utf-8"), version_of(data)
        except UnicodeDecodeError:
            raise RefusedError(422, f"'{name}' is not UTF-8 text") from None

    def _bytes(self, name: str) -> bytes:
        path = self.path(name)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise RefusedError(404, f"'{name}' is not a file")
            if size > MAX_FILE_BYTES:
                raise RefusedError(413, _too_large(name))
            return path.read_bytes()
        except FileNotFoundError:
            raise RefusedError(404, f"no scenario '{name}' in this folder") from None

    def create(self, name: str, text: str) -> str:
        """Write a new scenario; returns its version.

        Raises
        ------
        RefusedError
            409 when the file exists already, 413 when the text is too large.
        """
        path = self.path(name)
        data = _checked(name, text)
        if path.exists():
            raise RefusedError(409, f"'{name}' exists already: choose another name")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
        return version_of(data)

    def save(self, name: str, text: str, *, base: str) -> str:
        """Replace a scenario's text, if it is still the version ``base``; returns the new
        version. The previous text is kept (:meth:`versions`).

        Raises
        ------
        StaleSaveError
            When the file on disk is not version ``base``.
        RefusedError
            404 when the file does not exist, 413 when the text is too large.
        """
        data = _checked(name, text)
        old = self._bytes(name)
        current = version_of(old)
        if current != base:
            raise StaleSaveError(name, old.decode("utf-8", errors="replace"), current)
        new = version_of(data)
        if new == current:
            return current
        self._keep(name, old, current)
        write_atomically(self.path(name), text)
        return new

    def _keep(self, name: str, data: bytes, version: str) -> None:
        """Keep ``data`` as an earlier version of ``name``, dropping the oldest beyond
        :data:`MAX_VERSIONS`."""
        folder = self._versions_folder(name)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        write_atomically(folder / f"{stamp}-{version[:12]}.yaml", data.decode("utf-8", "replace"))
        kept = sorted(p for p in folder.iterdir() if _VERSION_NAME.fullmatch(p.stem))
        for old in kept[:-MAX_VERSIONS]:
            old.unlink(missing_ok=True)

    def _versions_folder(self, name: str) -> Path:
        self.path(name)  # checks the name
        return self.root.joinpath(*VERSIONS.parts, *PurePosixPath(name).parts)

    def versions(self, name: str) -> list[Version]:
        """The earlier versions of a scenario, newest first."""
        folder = self._versions_folder(name)
        if not folder.is_dir():
            return []
        found = []
        for path in folder.iterdir():
            if _VERSION_NAME.fullmatch(path.stem) and path.suffix == ".yaml":
                saved = datetime.strptime(path.stem[:22], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
                found.append(Version(path.stem, saved, path.stat().st_size))
        return sorted(found, key=lambda version: version.name, reverse=True)

    def version_text(self, name: str, version: str) -> str:
        """The text of an earlier version.

        Raises
        ------
        RefusedError
            400 for a malformed version name, 404 for one that is not kept.
        """
        if not _VERSION_NAME.fullmatch(version):
            raise RefusedError(400, f"'{version[:100]}' is not a version name")
        path = self._versions_folder(name) / f"{version}.yaml"
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RefusedError(404, f"no version '{version}' of '{name}'") from None

    def copy(self, name: str, new: str) -> str:
        """Duplicate a scenario as ``new`` (a variant to try a "what if" on)."""
        data = self._bytes(name)
        target = self.path(new)
        if target.exists():
            raise RefusedError(409, f"'{new}' exists already: choose another name")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path(name), target)
        return version_of(data)


def _too_large(name: str) -> str:
    return f"'{name}' is larger than a scenario may be ({MAX_FILE_BYTES:,} bytes)"


def _checked(name: str, text: str) -> bytes:
    data = encodable(text).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise RefusedError(413, _too_large(name))
    return data
