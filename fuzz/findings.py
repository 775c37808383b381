"""The findings of a run: one per (kind, exception type, frame), each with a reproducer.

A reproducer is a folder: ``scenario.yaml`` (the input, byte for byte), ``command.txt`` (the
command that breaks on it, to run in that folder) and ``finding.txt`` (what broke, where, the
traceback or the stack). ``finding.json`` holds the same for ``fuzz.py --replay``. When the same
finding comes again with a smaller input, the smaller one replaces it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from inputs import INPUT, Case
from judge import Verdict, printable

__all__ = ["Finding", "Findings"]


@dataclass
class Finding:
    """A distinct broken promise, how often it came, and its smallest reproducer so far."""

    verdict: Verdict
    case: Case
    index: int
    folder: Path
    count: int = 1

    def describe(self) -> str:
        """One line: kind, type, where, message, reproducer."""
        v = self.verdict
        return (
            f"{v.kind:8} {v.type} at {printable(v.frame)} ({self.count}×)\n"
            f"         {printable(v.message)[:400]}\n"
            f"         reproducer: {self.folder}  ({self.case.display()})"
        )


def _folder_name(verdict: Verdict) -> str:
    digest = hashlib.sha1(repr(verdict.key).encode("utf-8", "replace")).hexdigest()[:8]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{verdict.type}-{verdict.frame}").strip("-")[:60]
    return f"{verdict.kind}-{slug}-{digest}"


class Findings:
    """The findings of a run, saved under ``out`` as they come."""

    def __init__(self, out: Path, run_seed: int) -> None:
        self.out = out
        self.run_seed = run_seed
        self.found: dict[tuple[str, str, str], Finding] = {}
        out.mkdir(parents=True, exist_ok=True)
        for old in out.iterdir():  # a run starts afresh: earlier reproducers of ours go
            if (old / "finding.json").is_file():
                shutil.rmtree(old)

    def add(self, verdict: Verdict, case: Case, index: int) -> bool:
        """Record a verdict; whether it is a new finding."""
        known = self.found.get(verdict.key)
        if known is not None:
            known.count += 1
            if len(case.data) < len(known.case.data):
                known.case, known.index, known.verdict = case, index, verdict
                self._save(known)
            return False
        finding = Finding(verdict, case, index, self.out / _folder_name(verdict))
        self.found[verdict.key] = finding
        self._save(finding)
        return True

    def _save(self, finding: Finding) -> None:
        folder = finding.folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / INPUT).write_bytes(finding.case.data)
        command = finding.case.command()
        notes = ""
        if finding.case.argv[1] == "FIFO":
            notes = "mkfifo FIFO  # the file argument is a named pipe\n"
        (folder / "command.txt").write_text(
            f"{notes}{command}\n", encoding="utf-8", errors="surrogateescape"
        )
        v = finding.verdict
        text = (
            f"kind:     {v.kind}\n"
            f"type:     {v.type}\n"
            f"where:    {v.frame}\n"
            f"message:  {v.message}\n"
            f"command:  {finding.case.display()}   (run in this folder)\n"
            f"input:    {INPUT}, {len(finding.case.data)} bytes, from {finding.case.origin}\n"
            f"run:      seed {self.run_seed}, input {finding.index}; seen {finding.count}×\n"
            f"replay:   python fuzz/fuzz.py --replay {folder}\n\n{v.details}\n"
        )
        (folder / "finding.txt").write_text(text, encoding="utf-8", errors="replace")
        record = {
            "kind": v.kind,
            "type": v.type,
            "frame": v.frame,
            "message": v.message,
            "argv": [a.encode("utf-8", "surrogateescape").hex() for a in finding.case.argv],
            "origin": finding.case.origin,
            "seed": self.run_seed,
            "index": finding.index,
        }
        (folder / "finding.json").write_text(json.dumps(record, indent=2) + "\n")

    def update_counts(self) -> None:
        """Write the final counts into each reproducer."""
        for finding in self.found.values():
            self._save(finding)


def load_case(folder: Path) -> Case:
    """The input of a saved reproducer."""
    record = json.loads((folder / "finding.json").read_text())
    argv = tuple(bytes.fromhex(a).decode("utf-8", "surrogateescape") for a in record["argv"])
    return Case((folder / INPUT).read_bytes(), argv, f"replay of {folder}")
