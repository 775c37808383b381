"""The JSON Schema of the scenario format: generated from the loader, shipped, and as strict.

The schema is built from the loader's own key tables, limits and registries
(``standoff.scenario._schema``), so these tests pin the link rather than the content:

- the shipped ``scenario.schema.json`` is the generated one, and ``standoff schema`` prints it;
- every mapping of the schema with fixed keys has exactly the keys (and required keys) the loader
  checks there, and the loader checks the keys of no other mapping;
- every valid scenario of the repository is valid under the schema, and broken ones (a misspelt
  key, a wrong type, a number out of range, an unknown strategy, a missing required key) fail
  both the schema and the loader;
- properties: an unknown key anywhere, and any number in any bounded place, get the same verdict
  from the schema as from the loader.

After changing the loader, regenerate the shipped file with
``STANDOFF_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_schema.py`` (or ``standoff schema -o
src/standoff/scenario/scenario.schema.json``) and review the diff.
"""

from __future__ import annotations

import copy
import math
import os
import tomllib
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from standoff.cli import app
from standoff.errors import ScenarioError
from standoff.scenario import STRATEGY_PARAMETERS, loads, scenario_schema
from standoff.scenario._batnas import ALTERNATIVE_KEYS, BATNA_KEYS
from standoff.scenario._compliance import COMMITMENT_KEYS, PARTY_COMPLIANCE_KEYS
from standoff.scenario._conflict import CONFLICT_KEYS, FORBIDDEN_MOVE_KEYS
from standoff.scenario._definitions import OPTION_KEYS, PARTY_KEYS
from standoff.scenario._forecast import (
    FORECAST_ACTOR_KEYS,
    FORECAST_ISSUE_KEYS,
    FORECAST_KEYS,
    FORECAST_MODEL_KEYS,
)
from standoff.scenario._issues import RANGE_KEYS
from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_ROUNDS, MAX_STATEMENTS
from standoff.scenario._loader import TOP_KEYS
from standoff.scenario._negotiation import BELIEF_KEYS, NEGOTIATION_KEYS
from standoff.scenario._perceptions import PERCEPTION_KEYS, VIEW_KEYS
from standoff.scenario._preferences import RANKING_KEYS
from standoff.scenario._protocol import DISTRIBUTION_KEYS, PROTOCOL_KEYS
from standoff.scenario._schema import _keyed, scenario_schema_json
from standoff.scenario._source import SourceReader
from standoff.scenario._uncertainty import (
    MAX_RADIUS,
    PREFERENCE_ALTERNATIVE_KEYS,
    UNCERTAINTY_KEYS,
)
from standoff.scenario._utilities import UTILITY_KEYS

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "standoff" / "scenario" / "scenario.schema.json"
SCHEMA = scenario_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

EVERY_KEY = """\
standoff: 1
title: Every key
description: A scenario that gives every key of the format once.
sources: [docs/scenario-format.md]
parties:
  Ann:
    label: Ann Smith
    options:
      ann_go: Ann goes
      ann_stay: {label: Ann stays}
  Bob:
    options:
      bob_go:
  Cat:
conflict:
  infeasible: [ann_go and ann_stay]
  mutually_exclusive: [[ann_go, ann_stay]]
  exactly_one: [[bob_go]]
  irreversible: {ann_go: once_taken}
  forbidden_moves:
    - {party: Bob, from: bob_go, to: not bob_go}
  states: {start: not ann_go and not ann_stay and bob_go}
  status_quo: start
  preferences:
    Ann: [bob_go, ann_go]
    Bob:
      ranking: [start, [ann_go, ann_stay]]
  coalitions: [[Ann, Bob]]
perceptions:
  Ann:
    preferences: {Bob: [not ann_go]}
    unaware_of: [bob_go]
    views:
      Bob: {preferences: {Ann: [ann_go]}}
uncertainty:
  Ann:
    radius: 1
    uncertain: [bob_go]
    weight: 2
    alternatives:
      - {label: bolder, weight: 1, preferences: [ann_go, bob_go]}
negotiation:
  parties: [Ann, Bob]
  issues:
    price: {range: [0, 100], unit: "%", steps: 5}
    scope: [narrow, wide]
  utilities:
    Ann:
      weights: {price: 1, scope: 2}
      values: {price: [[0, 0], [100, 1]], scope: {narrow: 0, wide: 1}}
    Bob:
      values: {price: [[0, 1], [100, 0]]}
  batna:
    Ann:
      alternatives:
        court: {utility: 0.5, needs: {Cat: 0.5}, otherwise: 0.1}
        wait: 0.2
    Bob: 0.3
  beliefs:
    Ann:
      Bob: {batna: 0.4, utilities: {values: {scope: {narrow: 1, wide: 0}}}}
  protocol:
    first: Bob
    rounds: 20
    deadline: {Ann: 10}
    discount: {Ann: 0.99}
    breakdown: 0.01
    strategies:
      Ann: {boulware: {exponent: 0.5}}
      Bob: stall
    uncertain:
      batna.Bob: {uniform: [0.2, 0.4]}
      discount.Ann: {normal: [0.95, 0.01]}
      strategy.Bob: {choice: [stall, linear], p: [0.5, 0.5]}
      breakdown: {choice: [0, 0.05]}
  compliance:
    Bob:
      issues:
        scope:
          gain: {wide: 0.3}
          detection: {price: [[0, 0.1], [100, 0.9]]}
          penalty: {utility: 0.5, needs: {Cat: 0.5}, otherwise: 0.1}
          loss: 0.2
          inspection_cost: 0.05
      discount: 0.9
      rounds: 5
forecast:
  issues:
    relief:
      label: Relief for denuclearisation
      range: [0, 100]
      anchors: {0: deal now, 100: dismantle first}
  actors:
    Ann: {label: Ann's camp, capability: 2, salience: 80, position: {relief: 30}}
    Dan: {capability: 1, salience: {relief: 50}, position: 70}
  model:
    rounds: 10
    tolerance: 0.001
    q: 1
    t: 1
    mu: mean
    ties: first_actor
    risk: false
    silent_indifferent: true
  uncertain:
    position.Dan.relief: {uniform: [60, 80]}
    capability.Ann: {choice: [1, 2]}
"""
"""A valid scenario that reaches every mapping whose keys the loader checks."""

Path_ = tuple[str | int, ...]

KEYED: dict[str, tuple[Keys, Path_]] = {
    "#": (TOP_KEYS, ()),
    "#/$defs/party": (PARTY_KEYS, ("parties", "Ann")),
    "#/$defs/option": (OPTION_KEYS, ("parties", "Ann", "options", "ann_stay")),
    "#/$defs/conflict": (CONFLICT_KEYS, ("conflict",)),
    "#/$defs/forbidden_move": (FORBIDDEN_MOVE_KEYS, ("conflict", "forbidden_moves", 0)),
    "#/$defs/ranking": (RANKING_KEYS, ("conflict", "preferences", "Bob")),
    "#/$defs/perception": (PERCEPTION_KEYS, ("perceptions", "Ann")),
    "#/$defs/view": (VIEW_KEYS, ("perceptions", "Ann", "views", "Bob")),
    "#/$defs/uncertainty": (UNCERTAINTY_KEYS, ("uncertainty", "Ann")),
    "#/$defs/preference_alternative": (
        PREFERENCE_ALTERNATIVE_KEYS,
        ("uncertainty", "Ann", "alternatives", 0),
    ),
    "#/$defs/negotiation": (NEGOTIATION_KEYS, ("negotiation",)),
    "#/$defs/range": (RANGE_KEYS, ("negotiation", "issues", "price")),
    "#/$defs/utility": (UTILITY_KEYS, ("negotiation", "utilities", "Ann")),
    "#/$defs/batna_alternatives": (BATNA_KEYS, ("negotiation", "batna", "Ann")),
    "#/$defs/alternative": (
        ALTERNATIVE_KEYS,
        ("negotiation", "batna", "Ann", "alternatives", "court"),
    ),
    "#/$defs/belief": (BELIEF_KEYS, ("negotiation", "beliefs", "Ann", "Bob")),
    "#/$defs/protocol": (PROTOCOL_KEYS, ("negotiation", "protocol")),
    "#/$defs/party_compliance": (PARTY_COMPLIANCE_KEYS, ("negotiation", "compliance", "Bob")),
    "#/$defs/commitment": (
        COMMITMENT_KEYS,
        ("negotiation", "compliance", "Bob", "issues", "scope"),
    ),
    "#/$defs/forecast": (FORECAST_KEYS, ("forecast",)),
    "#/$defs/forecast_issue": (FORECAST_ISSUE_KEYS, ("forecast", "issues", "relief")),
    "#/$defs/forecast_actor": (FORECAST_ACTOR_KEYS, ("forecast", "actors", "Ann")),
    "#/$defs/forecast_model": (FORECAST_MODEL_KEYS, ("forecast", "model")),
    "#/$defs/distribution": (
        DISTRIBUTION_KEYS,
        ("negotiation", "protocol", "uncertain", "batna.Bob"),
    ),
}
"""Each mapping of the schema with fixed keys: the loader's keys for it, and where EVERY_KEY has
one."""

STRATEGIES = "#/$defs/strategy/oneOf/1"
"""The mapping from one strategy name to its parameters."""


def resolve(pointer: str) -> dict[str, Any]:
    node: Any = SCHEMA
    for part in pointer.removeprefix("#").strip("/").split("/"):
        if part:
            node = node[int(part)] if isinstance(node, list) else node[part]
    assert isinstance(node, dict)
    return node


def keyed_nodes(node: Any = SCHEMA, pointer: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema with ``properties`` (a mapping with fixed keys), by JSON pointer."""
    if isinstance(node, dict):
        if "properties" in node:
            yield pointer, node
        for key, value in node.items():
            if key != "properties":
                yield from keyed_nodes(value, f"{pointer}/{key}")
            else:  # the properties themselves are schemas, one per key
                for name, schema in value.items():
                    yield from keyed_nodes(schema, f"{pointer}/properties/{name}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from keyed_nodes(item, f"{pointer}/{index}")


_EVERY_KEY_TREE = yaml.safe_load(EVERY_KEY)
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def every_key() -> dict[str, Any]:
    """EVERY_KEY as plain data, a new copy each time."""
    tree = copy.deepcopy(_EVERY_KEY_TREE)
    assert isinstance(tree, dict)
    return tree


def at(tree: Any, path: Path_) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def flattened(errors: list[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """The errors and, for a value that matches none of several forms, why each form fails."""
    for error in errors:
        yield error
        yield from flattened(list(error.context or ()))


def loader_accepts(tree: Any) -> bool:
    try:
        loads(yaml.dump(tree, Dumper=_DUMPER, sort_keys=False, allow_unicode=True))
    except ScenarioError:
        return False
    return True


# -- the shipped file and the command ----------------------------------------------------------


def test_the_shipped_schema_is_the_generated_one() -> None:
    generated = scenario_schema_json()
    if os.environ.get("STANDOFF_UPDATE_GOLDEN") == "1":
        SHIPPED.write_text(generated, encoding="utf-8")
    assert SHIPPED.read_text(encoding="utf-8") == generated, (
        "the shipped schema is stale: run STANDOFF_UPDATE_GOLDEN=1 .venv/bin/pytest "
        "tests/test_schema.py and review the diff"
    )


def test_the_package_ships_the_schema() -> None:
    shipped = resources.files("standoff.scenario").joinpath("scenario.schema.json")
    assert shipped.read_text(encoding="utf-8") == scenario_schema_json()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = project["tool"]["setuptools"]["package-data"]["standoff"]
    assert "scenario/scenario.schema.json" in data


def test_the_schema_is_a_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_standoff_schema_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.stdout == SHIPPED.read_text(encoding="utf-8")


def test_standoff_schema_writes_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "scenario.schema.json"
    target.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")
    assert [path.name for path in tmp_path.iterdir()] == ["scenario.schema.json"]


def test_standoff_schema_reports_a_failure_to_write_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "scenario.schema.json"
    result = CliRunner().invoke(app, ["schema", "--output", str(target)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"standoff: error: cannot write '{target}': No such file or directory"
    ]


# -- the keys of every mapping are the loader's ------------------------------------------------


@pytest.mark.parametrize(("pointer", "keys"), [(p, k) for p, (k, _) in KEYED.items()], ids=KEYED)
def test_each_mapping_has_the_keys_the_loader_checks(pointer: str, keys: Keys) -> None:
    node = resolve(pointer)
    assert list(node["properties"]) == list(keys)
    assert node.get("required", []) == list(keys.required)
    assert node["additionalProperties"] is False
    for key, schema in node["properties"].items():
        assert schema["description"] == keys.described[key]
        assert schema["description"].endswith(".")


@pytest.mark.parametrize("name", list(STRATEGY_PARAMETERS))
def test_each_strategy_takes_the_parameters_of_the_registry(name: str) -> None:
    strategies = resolve(STRATEGIES)
    assert list(strategies["properties"]) == list(STRATEGY_PARAMETERS)
    assert resolve("#/$defs/strategy/oneOf/0")["enum"] == list(STRATEGY_PARAMETERS)
    parameters = strategies["properties"][name]
    assert list(parameters["properties"]) == list(STRATEGY_PARAMETERS[name])
    assert parameters["additionalProperties"] is False


def test_every_mapping_with_fixed_keys_is_one_the_tests_know() -> None:
    strategy_pointers = {STRATEGIES} | {f"{STRATEGIES}/properties/{n}" for n in STRATEGY_PARAMETERS}
    assert {pointer for pointer, _ in keyed_nodes()} == set(KEYED) | strategy_pointers


def test_the_loader_checks_the_keys_of_exactly_the_schemas_mappings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    original = SourceReader.mapping

    def spy(
        self: SourceReader, node: Any, what: str, allowed: Any = None, required: Any = ()
    ) -> Any:
        if allowed is not None:
            checked.add((tuple(allowed), tuple(required)))
        return original(self, node, what, allowed, required)

    monkeypatch.setattr(SourceReader, "mapping", spy)
    loads(EVERY_KEY)
    in_schema = {
        (tuple(node["properties"]), tuple(node.get("required", ())))
        for pointer, node in keyed_nodes()
        if not pointer.startswith(STRATEGIES)
    }
    assert checked == in_schema


def test_a_key_without_a_shape_stops_the_generation() -> None:
    keys = Keys({"range": "The ends.", "unit": "How values read."}, ("range",))
    with pytest.raises(
        ValueError, match=r"no shape for \['unit'\], a shape for unknown \['step'\]"
    ):
        _keyed(keys, {"range": {}, "step": {}})
    with pytest.raises(ValueError, match="required keys"):
        Keys({"range": "The ends."}, ("ranges",))


def test_a_strategy_without_a_description_stops_the_generation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("standoff.scenario._schema.STRATEGY_DESCRIPTIONS", {})
    with pytest.raises(ValueError, match="'boulware' has no description"):
        scenario_schema()


# -- valid files are valid, broken files are broken --------------------------------------------

VALID = sorted(ROOT.glob("examples/*.yaml")) + sorted(ROOT.glob("tests/cases/*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=[f"{p.parent.name}/{p.name}" for p in VALID])
def test_every_scenario_of_the_repository_is_valid(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    loads(text, str(path))
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(yaml.safe_load(text))
    ]
    assert errors == []


def test_the_scenario_with_every_key_is_valid() -> None:
    assert loader_accepts(every_key())
    assert list(VALIDATOR.iter_errors(every_key())) == []


DELETE = object()


def broken(case_id: str, path: Path_, value: Any = DELETE, *, rename: str | None = None) -> Any:
    """A table row: EVERY_KEY with the value at ``path`` set, deleted, or its key renamed."""
    return pytest.param(path, value, rename, id=case_id)


BROKEN = [
    broken("misspelt-key", ("conflict", "preferences"), rename="preference"),
    broken("misspelt-top-key", ("negotiation",), rename="negotiations"),
    broken("misspelt-protocol-key", ("negotiation", "protocol", "rounds"), rename="round"),
    broken("wrong-type-rounds", ("negotiation", "protocol", "rounds"), "forty"),
    broken("wrong-type-batna", ("negotiation", "batna", "Bob"), "0.3"),
    broken("wrong-type-preferences", ("conflict", "preferences", "Ann"), "bob_go"),
    broken("wrong-type-parties", ("parties",), ["Ann", "Bob", "Cat"]),
    broken("wrong-type-ranking-entry", ("conflict", "preferences", "Bob", "ranking", 0), {"a": 1}),
    broken("out-of-range-breakdown", ("negotiation", "protocol", "breakdown"), 1.5),
    broken("out-of-range-rounds", ("negotiation", "protocol", "rounds"), MAX_ROUNDS + 1),
    broken("out-of-range-steps", ("negotiation", "issues", "price", "steps"), 0),
    broken("out-of-range-radius", ("uncertainty", "Ann", "radius"), MAX_RADIUS + 1),
    broken("out-of-range-discount", ("negotiation", "protocol", "discount", "Ann"), 0),
    broken(
        "out-of-range-parameter",
        ("negotiation", "protocol", "strategies", "Ann"),
        {"boulware": {"exponent": 0}},
    ),
    broken(
        "too-many-statements",
        ("conflict", "preferences", "Ann"),
        [f"bob_go or ann_go or {'not ' * k}ann_stay" for k in range(MAX_STATEMENTS + 1)],
    ),
    broken("unknown-strategy", ("negotiation", "protocol", "strategies", "Bob"), "stal"),
    broken(
        "unknown-strategy-mapping",
        ("negotiation", "protocol", "strategies", "Ann"),
        {"boulwar": {"exponent": 0.5}},
    ),
    broken(
        "unknown-strategy-drawn",
        ("negotiation", "protocol", "uncertain", "strategy.Bob", "choice", 0),
        "stal",
    ),
    broken(
        "unknown-parameter",
        ("negotiation", "protocol", "strategies", "Bob"),
        {"stall": {"pace": 2}},
    ),
    broken(
        "two-strategies",
        ("negotiation", "protocol", "strategies", "Bob"),
        {"stall": {}, "linear": {}},
    ),
    broken("missing-title", ("title",)),
    broken("missing-rounds", ("negotiation", "protocol", "rounds")),
    broken("missing-to", ("conflict", "forbidden_moves", 0, "to")),
    broken("missing-utility", ("negotiation", "batna", "Ann", "alternatives", "court", "utility")),
    broken("missing-issues", ("negotiation", "issues")),
    broken("unsupported-format", ("standoff",), 2),
    broken("quoted-format", ("standoff",), "1"),
    broken("invalid-id", ("parties", "Cat"), rename="9lives"),
    broken("reserved-id", ("parties", "Cat"), rename="and"),
    broken("unknown-irreversibility", ("conflict", "irreversible", "ann_go"), "once"),
    broken(
        "unknown-uncertain-input",
        ("negotiation", "protocol", "uncertain", "batna.Bob"),
        rename="budget.Bob",
    ),
    broken(
        "two-distribution-forms",
        ("negotiation", "protocol", "uncertain", "batna.Bob", "normal"),
        [0.3, 0.1],
    ),
    broken("p-without-choice", ("negotiation", "protocol", "uncertain", "batna.Bob", "p"), [1]),
    broken(
        "negative-sd", ("negotiation", "protocol", "uncertain", "discount.Ann", "normal", 1), -1
    ),
    broken("empty-ranking", ("conflict", "preferences", "Bob", "ranking"), []),
    broken("one-party-at-table", ("negotiation", "parties"), ["Ann"]),
    broken("party-twice-at-table", ("negotiation", "parties"), ["Ann", "Ann"]),
    broken("no-parties", ("parties",), {}),
    broken("uncertainty-says-nothing", ("uncertainty", "Ann"), {}),
    broken(
        "point-value-out-of-range",
        ("negotiation", "utilities", "Bob", "values", "price", 0),
        [0, 2],
    ),
    broken("single-number-range", ("negotiation", "issues", "price", "range"), [0]),
]


def changed(path: Path_, value: Any, rename: str | None) -> dict[str, Any]:
    tree = every_key()
    parent, last = at(tree, path[:-1]), path[-1]
    if rename is not None:
        items = list(parent.items())
        parent.clear()
        parent.update((rename if key == last else key, item) for key, item in items)
    elif value is DELETE:
        del parent[last]
    else:
        parent[last] = copy.deepcopy(value)
    return tree


@pytest.mark.parametrize(("path", "value", "rename"), BROKEN)
def test_a_broken_file_fails_the_schema_and_the_loader(
    path: Path_, value: Any, rename: str | None
) -> None:
    tree = changed(path, value, rename)
    errors = list(VALIDATOR.iter_errors(tree))
    assert errors
    # the schema refuses the change where it is: at the changed value or at its mapping (for one
    # of several forms, the reason each form fails is in the error's context)
    located = [
        tuple(error.absolute_path)
        for error in flattened(errors)
        if tuple(path[: len(error.absolute_path)]) == tuple(error.absolute_path)
    ]
    assert [where for where in located if len(where) >= len(path) - 1], errors
    assert not loader_accepts(tree)


# -- properties: the schema's verdict is the loader's ------------------------------------------

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,11}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(where=st.sampled_from(sorted(KEYED)), key=NAMES)
def test_an_unknown_key_fails_the_schema_and_the_loader(where: str, key: str) -> None:
    keys, path = KEYED[where]
    if key in keys.described:
        key += "_x"
    tree = every_key()
    at(tree, path)[key] = 1
    assert not VALIDATOR.is_valid(tree)
    assert not loader_accepts(tree)


NUMBERS: list[Path_] = [
    ("negotiation", "protocol", "breakdown"),
    ("negotiation", "protocol", "discount", "Ann"),
    ("negotiation", "issues", "price", "steps"),
    ("negotiation", "utilities", "Ann", "weights", "scope"),
    ("negotiation", "utilities", "Ann", "values", "scope", "narrow"),
    ("negotiation", "utilities", "Ann", "values", "price", 1, 1),
    ("negotiation", "batna", "Bob"),
    ("negotiation", "batna", "Ann", "alternatives", "wait"),
    ("negotiation", "batna", "Ann", "alternatives", "court", "utility"),
    ("negotiation", "batna", "Ann", "alternatives", "court", "needs", "Cat"),
    ("negotiation", "batna", "Ann", "alternatives", "court", "otherwise"),
    ("negotiation", "beliefs", "Ann", "Bob", "batna"),
    ("negotiation", "protocol", "uncertain", "discount.Ann", "normal", 1),
    ("uncertainty", "Ann", "radius"),
    ("uncertainty", "Ann", "weight"),
    ("uncertainty", "Ann", "alternatives", 0, "weight"),
]
"""Places of EVERY_KEY whose number the loader bounds without looking at any other value."""

PARAMETERS = [(name, p) for name, parameters in STRATEGY_PARAMETERS.items() for p in parameters]
BOUNDS = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")
Change = Callable[[dict[str, Any], Any], None]
"""Sets a value somewhere in a copy of EVERY_KEY."""
OTHER_VALUES = [0.5, 2.5, -1e308, 1e308, "0.5", "x", True, None]
"""Values tried in every place besides those at the schema's bounds: a fraction, a number that
is not whole, numbers beyond any bound (which a bound missing from the schema would let
through), a quoted number, text, a boolean and nothing."""


def probes(path: Path_, change: Change) -> list[Any]:
    """Values to try at ``path`` (which ``change`` sets): each bound the schema sets there, the
    floats either side of it and the midpoints next to it (a whole-number bound has non-whole
    neighbours), then OTHER_VALUES. A bound the schema gets wrong is caught by the loader's
    verdict on one of them."""
    found: set[float] = set()
    for beyond in (1e308, -1e308):  # beyond every bound: the errors name the schema's bounds
        tree = every_key()
        change(tree, beyond)
        for error in flattened(list(VALIDATOR.iter_errors(tree))):
            if tuple(error.absolute_path) == path and error.validator in BOUNDS:
                found |= {error.schema[k] for k in BOUNDS if k in error.schema}
    assert found, f"the schema bounds no number at {path}"
    near = {
        value
        for bound in found
        for value in (
            bound,
            math.nextafter(bound, -math.inf),
            math.nextafter(bound, math.inf),
            bound - 0.5,
            bound + 0.5,
        )
    }
    return [*sorted(near), *OTHER_VALUES]


def disagreements(path: Path_, change: Change) -> list[tuple[Any, bool, bool]]:
    """The values at ``path`` on which the schema and the loader disagree: (value, schema's
    verdict, loader's verdict)."""
    found = []
    for value in probes(path, change):
        tree = every_key()
        change(tree, value)
        schema, loader = VALIDATOR.is_valid(tree), loader_accepts(tree)
        if schema != loader:
            found.append((value, schema, loader))
    return found


@pytest.mark.parametrize("path", NUMBERS, ids=[".".join(map(str, p)) for p in NUMBERS])
def test_a_number_is_valid_for_the_schema_when_it_is_for_the_loader(path: Path_) -> None:
    def change(tree: dict[str, Any], value: Any) -> None:
        at(tree, path[:-1])[path[-1]] = value

    assert disagreements(path, change) == []


@pytest.mark.parametrize(("name", "parameter"), PARAMETERS, ids=[f"{n}.{p}" for n, p in PARAMETERS])
def test_a_strategy_parameter_is_valid_for_the_schema_when_it_is_for_the_loader(
    name: str, parameter: str
) -> None:
    path = ("negotiation", "protocol", "strategies", "Ann", name, parameter)

    def change(tree: dict[str, Any], value: Any) -> None:
        tree["negotiation"]["protocol"]["strategies"]["Ann"] = {name: {parameter: value}}

    assert disagreements(path, change) == []
