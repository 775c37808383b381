"""Where the numbers come from: the standoff version, the scenario file and its hash, the date,
the seed, and the commands that give the same results.

>>> from standoff.pipeline import Request, run
>>> results = run("examples/chicken.yaml", Request(concepts=("nash", "seq"), horizons=(2, 3)))
>>> options(results.request)
' --concepts nash,seq --horizons 2,3'
"""

from __future__ import annotations

from standoff.pipeline import (
    DEFAULT_RUNS,
    DEFAULT_SEED,
    Request,
    Results,
    StabilityRecord,
    TalksRecord,
)
from standoff.report._blocks import Facts, Paragraph, Section, Span
from standoff.stability import CONCEPT_LABELS, CONCEPTS

__all__ = ["options", "provenance"]


def options(request: Request) -> str:
    """The command-line options that ask for ``request``'s analyses (not its rendering)."""
    given: list[str] = []
    if request.concepts != CONCEPTS:
        given.append(f"--concepts {','.join(request.concepts)}")
    if request.start is not None:
        given.append(f"--from {request.start}")
    if request.target is not None:
        given.append(f"--to {request.target}")
    if request.coalitions == "all":
        given.append("--coalitions")
    if request.horizons:
        given.append(f"--horizons {','.join(str(h) for h in request.horizons)}")
    return "".join(f" {option}" for option in given)


def provenance(results: Results) -> Section:
    """The standoff version, the scenario file and its hash, the date and the seed."""
    record = results.provenance
    facts = [
        ("standoff version", record.version),
        ("scenario file", record.file),
        ("SHA-256 of the file", record.sha256 or "(not read from a file)"),
        ("generated", record.generated_text),
        ("seed", str(record.seed) if record.seed is not None else "none: nothing random was run"),
    ]
    talks = results.get(TalksRecord)
    if talks is not None:
        facts.append(("simulated talks", f"{talks.simulation.runs:,} runs per variant"))
    stable = results.get(StabilityRecord)
    if stable is not None:
        facts.append(("concepts", ", ".join(CONCEPT_LABELS[c] for c in stable.analysis.concepts)))
    asked = options(results.request)
    replay = asked
    if talks is not None:  # the runs and the seed the talks were drawn with, unless defaults
        simulated = talks.simulation
        if simulated.runs != DEFAULT_RUNS:
            replay += f" --runs {simulated.runs}"
        if simulated.seed is not None and simulated.seed != DEFAULT_SEED:
            replay += f" --seed {simulated.seed}"
    note: list[str | Span] = [
        "Every number here comes from the scenario file with this hash, analysed by this version "
        "of standoff; ",
        Span(f"standoff analyze {record.file}{replay} --format json", "code"),
        " gives the same results as a JSON document.",
    ]
    if talks is not None:
        runs = talks.simulation.runs
        seed = "" if talks.simulation.seed is None else f" --seed {talks.simulation.seed}"
        note += [
            " The simulated talks are drawn from the seed above: ",
            Span(f"standoff simulate {record.file} --runs {runs}{seed}", "code"),
            " repeats them, and ",
            Span(f"standoff report {record.file}{asked} --runs {runs}{seed}", "code"),
            " this briefing.",
        ]
    return Section(
        "provenance",
        "Where the numbers come from",
        (Facts(tuple(facts)), Paragraph(tuple(note), note=True)),
    )
