"""``standoff check`` covers the whole file: after the parties and the states it sums up, a line
each, the negotiation, the simulated talks, the perceptions and the preference uncertainty
(issue 15, item 6), without analysing anything."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from standoff.cli import app

WHOLE_FILE = """\
standoff: 1
title: Everything, a little
parties:
  A:
    label: Alphaland
    options: {push: Push, wait: Wait}
  B:
    label: Betaland
    options: {hold: Hold}
  C:
    label: Gammaland
conflict:
  preferences:
    A: [push, not hold]
    B: [hold, wait]
perceptions:
  B:
    unaware_of: [wait]
negotiation:
  parties: [A, B]
  issues:
    price: [low, mid, high]
    volume: {range: [0, 10], steps: 4}
  utilities:
    A: {values: {price: {low: 0, mid: 0.5, high: 1}}}
    B: {values: {price: {low: 1, mid: 0.5, high: 0}}}
  batna:
    A:
      alternatives:
        pressure: {utility: 0.5, needs: {C: 0.5}, otherwise: 0.1}
    B: 0.2
  beliefs:
    A:
      B: {batna: 0.1}
  protocol:
    first: B
    rounds: 30
    deadline: {A: 12}
    strategies:
      A: {boulware: {exponent: 0.3}}
      B: stall
    uncertain:
      batna.B: {uniform: [0.1, 0.3]}
uncertainty:
  A:
    radius: 1
"""

SUMMARY = [
    "The rest of the file",
    "• Negotiation: Alphaland and Betaland at the table, over 2 issues, 12 possible agreements.",
    "• Issues: price (3 levels), volume (4 levels).",
    "• BATNAs: Alphaland 0.3 (rests on Gammaland); Betaland 0.2.",
    "• Beliefs: held by Alphaland about Betaland.",
    "• Simulated talks: Betaland opens; at most 30 rounds; deadlines: Alphaland after round 12; "
    "strategies: Alphaland boulware(exponent=0.3) and Betaland stall; 1 uncertain input.",
    "• Perceptions: Betaland unaware of 1 option.",
    "• Preference uncertainty: for Alphaland (see 'standoff analyze').",
]


def test_check_ends_with_a_line_for_each_other_section(tmp_path: Path) -> None:
    path = tmp_path / "whole.yaml"
    path.write_text(WHOLE_FILE, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    tail = result.stdout.split("The rest of the file", 1)[1]
    items = [" ".join(item.split()) for item in tail.split("•")[1:]]  # lines unwrapped
    assert ["The rest of the file", *(f"• {item}" for item in items)] == SUMMARY


def test_a_file_with_only_a_conflict_has_no_summary() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    result = CliRunner().invoke(app, ["check", str(examples / "chicken.yaml")])
    assert result.exit_code == 0, result.output
    assert "The rest of the file" not in result.stdout
