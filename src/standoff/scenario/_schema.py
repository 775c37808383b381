"""The JSON Schema of the scenario format (draft 2020-12), built from the loader's own definitions.

Editors that check YAML against a JSON Schema (the yaml-language-server behind VS Code's YAML
extension, Neovim and Helix) use it to complete keys, show what each one holds and flag a
misspelt key, a value of the wrong type or a number out of range while a scenario is typed.
``standoff schema`` prints it, and the package ships it as ``scenario.schema.json``.

**Nothing is written twice.** The keys of every mapping, the description of each key and which
keys are required are the :class:`~standoff.scenario._keys.Keys` constants the section readers
check mappings against. The id pattern and the reserved words are the expression language's;
the format versions, the irreversibility values, the distribution forms, the uncertain inputs and
every strategy name, parameter, range and description are the loader's own constants; numeric
bounds come from :mod:`~standoff.scenario._limits` and the readers' limits (``MAX_STEPS``,
``MAX_RADIUS``, ...). What this module states itself is the *shape* of each value (a number, a
list of expressions, a mapping by party id, one of two forms), because the readers express it in
code rather than in data. :func:`_keyed` refuses a set of shapes that differs from a reader's
keys, so a key added to a reader fails the generation until its shape is given here.

**What it checks, and what it leaves to the loader.** Unknown keys, missing required keys,
types, the alternative forms of a value, fixed choices and numeric ranges are checked as the
loader checks them. Whatever depends on another part of the file is not: that a name in an
expression is an option or a state, that a party named under ``preferences`` has options, that
every party at the table has utilities, the bounds of a drawn deadline. ``standoff check`` reports
those. Text is any scalar (``title: 2017`` is valid, as it is for the loader).

**Editors.** The schema declares draft 2020-12 but uses only keywords that a draft-07 reader (the
yaml-language-server) reads the same way or ignores: ``$defs`` are reached by JSON pointer, and
a pair whose two items differ gives ``prefixItems`` for draft 2020-12 beside an ``items`` that
holds for both, never ``items: false``. Strategy names carry ``enumDescriptions``, an annotation
that VS Code shows and validators ignore.

``tests/test_schema.py`` fails while the shipped file differs from the generated one; after
changing the loader, regenerate it with ``standoff schema -o
src/standoff/scenario/scenario.schema.json`` (or ``STANDOFF_UPDATE_GOLDEN=1 .venv/bin/pytest
tests/test_schema.py``) and review the diff.

Examples
--------
>>> schema = scenario_schema()
>>> schema["required"]
['standoff', 'title', 'parties']
>>> list(schema["$defs"]["protocol"]["properties"])
['first', 'rounds', 'deadline', 'discount', 'breakdown', 'strategies', 'uncertain']
>>> schema["$defs"]["protocol"]["properties"]["rounds"]["maximum"] == MAX_ROUNDS
True
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from typing import Any

from standoff.scenario._batnas import ALTERNATIVE_KEYS, BATNA_KEYS
from standoff.scenario._compliance import COMMITMENT_KEYS, PARTY_COMPLIANCE_KEYS
from standoff.scenario._conflict import CONFLICT_KEYS, FORBIDDEN_MOVE_KEYS, IRREVERSIBILITY
from standoff.scenario._definitions import OPTION_KEYS, PARTY_KEYS
from standoff.scenario._expressions import IDENTIFIER, RESERVED_WORDS
from standoff.scenario._forecast import (
    FORECAST_ACTOR_KEYS,
    FORECAST_ISSUE_KEYS,
    FORECAST_KEYS,
    FORECAST_MODEL_KEYS,
    FORECAST_UNCERTAIN_INPUTS,
    MAX_CAPABILITY,
    MU_CHOICES,
    TIE_CHOICES,
)
from standoff.scenario._issues import MAX_STEPS, RANGE_KEYS
from standoff.scenario._keys import Keys
from standoff.scenario._limits import (
    MAX_MAGNITUDE,
    MAX_ROUNDS,
    MAX_SHORT_LABEL,
    MAX_STATEMENTS,
    MAX_WEIGHT,
)
from standoff.scenario._loader import SUPPORTED_FORMATS, TOP_KEYS
from standoff.scenario._negotiation import BELIEF_KEYS, NEGOTIATION_KEYS
from standoff.scenario._perceptions import PERCEPTION_KEYS, VIEW_KEYS
from standoff.scenario._preferences import RANKING_KEYS
from standoff.scenario._protocol import (
    DISTRIBUTION_KEYS,
    DISTRIBUTIONS,
    PROTOCOL_KEYS,
    UNCERTAIN_INPUTS,
)
from standoff.scenario._strategies import (
    PARAMETER_DESCRIPTIONS,
    PARAMETER_MAXIMA,
    PARAMETER_RULES,
    STRATEGY_DESCRIPTIONS,
    STRATEGY_PARAMETERS,
)
from standoff.scenario._uncertainty import (
    MAX_ALTERNATIVES,
    MAX_RADIUS,
    MAX_UNCERTAINTY_WEIGHT,
    PREFERENCE_ALTERNATIVE_KEYS,
    UNCERTAINTY_KEYS,
)
from standoff.scenario._utilities import UTILITY_KEYS

__all__ = ["DIALECT", "ID_PATTERN", "scenario_schema", "scenario_schema_json"]

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect the schema declares."""

ID_PATTERN = f"^(?:{IDENTIFIER.pattern})$"
"""An id of a party, an option, a state or an issue, anchored (the loader matches it whole)."""

_TEXT: Schema = {"type": ["string", "number", "boolean"]}
"""Text: the loader reads any scalar but an empty one as text, a number as written."""
_EXPRESSION: Schema = {
    **_TEXT,
    "description": "An expression over option ids and state names: not, and, or, if, iff, "
    "parentheses, true, false.",
}
_NUMBER: Schema = {"type": "number"}
_PROBABILITY: Schema = {"type": "number", "minimum": 0, "maximum": 1}
_DEFS = "#/$defs/"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file, format 1, as a new dict.

    Returns
    -------
    dict
        The schema, ready for :func:`json.dumps`; every reusable part is under ``$defs``.

    Raises
    ------
    ValueError
        When the shapes given here miss a key a reader checks, or name one it does not (a
        programming error that ``tests/test_schema.py`` catches).
    """
    top = _keyed(
        TOP_KEYS,
        {
            "standoff": {"type": "integer", "enum": list(SUPPORTED_FORMATS)},
            "title": _TEXT,
            "description": _nullable(_TEXT),
            "sources": _list(_TEXT),
            "parties": _by_id({"oneOf": [{"type": "null"}, _ref("party")]}, at_least_one=True),
            "conflict": _ref("conflict"),
            "perceptions": _nullable(_by_id(_ref("perception"))),
            "negotiation": _ref("negotiation"),
            "uncertainty": _nullable(_by_id(_ref("uncertainty"))),
            "forecast": _ref("forecast"),
        },
    )
    schema = {
        "$schema": DIALECT,
        "title": f"standoff scenario (format {', '.join(map(str, SUPPORTED_FORMATS))})",
        "description": "A strategic standoff: the parties and their options, the conflict "
        "(states, moves, preferences), perceptions, preference uncertainty and the "
        "negotiation. See docs/scenario-format.md; 'standoff check FILE' checks what a schema "
        "cannot (every name refers to something defined).",
        **top,
        "$defs": {
            **_parties(),
            **_conflict(),
            **_perceptions(),
            **_negotiation(),
            **_talks(),
            **_forecast(),
        },
    }
    return copy.deepcopy(schema)  # the building blocks are shared: the caller's copy is its own


def scenario_schema_json() -> str:
    """The schema as the package ships it: JSON indented by 2, non-ASCII kept, a final newline.

    >>> scenario_schema_json().startswith('{\\n  "$schema": "https://json-schema.org/draft/')
    True
    """
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


# -- the sections ----------------------------------------------------------------------------------


def _parties() -> dict[str, Schema]:
    return {
        "party": _keyed(
            PARTY_KEYS,
            {
                "label": _TEXT,
                "options": _nullable(_by_id({"oneOf": [{"type": "null"}, _TEXT, _ref("option")]})),
            },
        ),
        "option": _keyed(
            OPTION_KEYS,
            {"label": _TEXT, "short": {**_TEXT, "maxLength": MAX_SHORT_LABEL}},
        ),
    }


def _conflict() -> dict[str, Schema]:
    group = _list(_TEXT, at_least=1, distinct=True)
    return {
        "conflict": _keyed(
            CONFLICT_KEYS,
            {
                "infeasible": _nullable(_list(_EXPRESSION)),
                "mutually_exclusive": _nullable(_list(group)),
                "exactly_one": _nullable(_list(group)),
                "irreversible": _nullable(_by_id({"enum": list(IRREVERSIBILITY)})),
                "forbidden_moves": _nullable(_list(_ref("forbidden_move"))),
                "states": _nullable(_by_id(_EXPRESSION)),
                "status_quo": _EXPRESSION,
                "preferences": _by_id(_ref("preference")),
                "coalitions": _nullable(_list(_list(_TEXT, at_least=1, distinct=True))),
            },
        ),
        "forbidden_move": _keyed(
            FORBIDDEN_MOVE_KEYS, {"party": _TEXT, "from": _EXPRESSION, "to": _EXPRESSION}
        ),
        "preference": {
            "description": "A party's preferences: prioritization statements, or a ranking.",
            "oneOf": [
                {
                    **_list(_EXPRESSION, at_least=1, at_most=MAX_STATEMENTS),
                    "description": "Prioritization statements, most important first: each "
                    "outweighs all those below it combined.",
                },
                _ref("ranking"),
            ],
        },
        "ranking": _keyed(
            RANKING_KEYS,
            {
                "ranking": _list(
                    {"oneOf": [_EXPRESSION, _list(_EXPRESSION, at_least=1)]}, at_least=1
                )
            },
        ),
    }


def _perceptions() -> dict[str, Schema]:
    believed = _by_id(_ref("preference"))
    return {
        "perception": _keyed(
            PERCEPTION_KEYS,
            {
                "preferences": believed,
                "unaware_of": _nullable(_list(_TEXT)),
                "views": _by_id(_ref("view")),
            },
        ),
        "view": _keyed(VIEW_KEYS, {"preferences": believed}),
        "uncertainty": {
            **_keyed(
                UNCERTAINTY_KEYS,
                {
                    "radius": _integer(0, MAX_RADIUS),
                    "uncertain": _list(_TEXT, distinct=True),
                    "weight": _number(above=0, high=MAX_UNCERTAINTY_WEIGHT),
                    "alternatives": _list(_ref("preference_alternative"), at_most=MAX_ALTERNATIVES),
                },
            ),
            "minProperties": 1,
        },
        "preference_alternative": _keyed(
            PREFERENCE_ALTERNATIVE_KEYS,
            {
                "label": _TEXT,
                "weight": _number(above=0, high=MAX_UNCERTAINTY_WEIGHT),
                "preferences": _ref("preference"),
            },
        ),
    }


def _negotiation() -> dict[str, Schema]:
    point = _pair(_number(-MAX_MAGNITUDE, MAX_MAGNITUDE), _PROBABILITY)
    issue_values = {
        "oneOf": [
            {
                "type": "object",
                "additionalProperties": _PROBABILITY,
                "description": "A discrete issue: every level -> its value in [0, 1].",
            },
            {
                **_list(point, at_least=1),
                "description": "A range: piecewise-linear [x, value] points, x increasing.",
            },
        ]
    }
    return {
        "negotiation": _keyed(
            NEGOTIATION_KEYS,
            {
                "parties": _list(_TEXT, at_least=2, distinct=True),
                "issues": _by_id(_ref("issue"), at_least_one=True),
                "utilities": _by_id(_ref("utility")),
                "batna": _by_id(_ref("batna")),
                "beliefs": _by_id(_by_id(_ref("belief"))),
                "protocol": _ref("protocol"),
                "compliance": _by_id(_ref("party_compliance")),
                "infeasible": _nullable(_list(_EXPRESSION)),
                "red_lines": _by_id(_nullable(_list(_EXPRESSION))),
                "targets": _by_id(_PROBABILITY),
            },
        ),
        "issue": {
            "oneOf": [
                {
                    **_list(_TEXT, at_least=1, distinct=True),
                    "description": "A discrete issue: its levels, in order (any text or number).",
                },
                _ref("range"),
            ]
        },
        "range": _keyed(
            RANGE_KEYS,
            {
                "range": _pair(_number(-MAX_MAGNITUDE, MAX_MAGNITUDE)),
                "unit": _TEXT,
                "steps": _integer(1, MAX_STEPS),
            },
        ),
        "utility": _keyed(
            UTILITY_KEYS,
            {
                "weights": _by_id(_number(0, MAX_WEIGHT)),
                "values": _by_id(issue_values, at_least_one=True),
            },
        ),
        "batna": {
            "oneOf": [
                {**_PROBABILITY, "description": "The utility of one sure alternative."},
                _ref("batna_alternatives"),
            ]
        },
        "batna_alternatives": _keyed(
            BATNA_KEYS,
            {
                "alternatives": {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {
                        "oneOf": [
                            {**_PROBABILITY, "description": "A sure alternative: its utility."},
                            _ref("alternative"),
                        ]
                    },
                }
            },
        ),
        "alternative": _keyed(
            ALTERNATIVE_KEYS,
            {"utility": _PROBABILITY, "needs": _by_id(_PROBABILITY), "otherwise": _PROBABILITY},
        ),
        "belief": _keyed(
            BELIEF_KEYS,
            {
                "batna": _ref("batna"),
                "utilities": _ref("utility"),
                "red_lines": _nullable(_list(_EXPRESSION)),
                "deadline": {
                    "oneOf": [_integer(1, MAX_ROUNDS), {"type": "string", "enum": ["none"]}]
                },
            },
        ),
        **_compliance(point),
    }


def _compliance(point: Schema) -> dict[str, Schema]:
    per_level = {
        "oneOf": [
            {**_PROBABILITY, "description": "The same number at every level."},
            {
                "type": "object",
                "additionalProperties": _PROBABILITY,
                "description": "A discrete issue: level -> number in [0, 1].",
            },
            {
                **_list(point, at_least=1),
                "description": "A range: piecewise-linear [x, number] points, x increasing.",
            },
        ]
    }
    return {
        "party_compliance": _keyed(
            PARTY_COMPLIANCE_KEYS,
            {
                "issues": _by_id(_ref("commitment"), at_least_one=True),
                "discount": _number(above=0, high=1),
                "rounds": _integer(1, MAX_ROUNDS),
            },
        ),
        "commitment": _keyed(
            COMMITMENT_KEYS,
            {
                "gain": per_level,
                "detection": {
                    "oneOf": [
                        {**_PROBABILITY, "description": "The same probability whatever is agreed."},
                        {
                            **_by_id(per_level),
                            "minProperties": 1,
                            "maxProperties": 1,
                            "description": "One verification issue -> the probability at each "
                            "of its levels.",
                        },
                    ]
                },
                "penalty": {
                    "oneOf": [
                        {**_PROBABILITY, "description": "A sure penalty."},
                        _ref("alternative"),
                    ]
                },
                "loss": per_level,
                "inspection_cost": _PROBABILITY,
            },
        ),
    }


def _talks() -> dict[str, Schema]:
    inputs = "|".join(re.escape(kind) for kind in UNCERTAIN_INPUTS)
    # 'breakdown' is the one input drawn for both parties; the loader names it as a literal.
    uncertain = f"^(?:breakdown|(?:{inputs})\\.{IDENTIFIER.pattern})$"
    strategies = list(STRATEGY_PARAMETERS)
    return {
        "protocol": _keyed(
            PROTOCOL_KEYS,
            {
                "first": _TEXT,
                "rounds": _integer(1, MAX_ROUNDS),
                "deadline": _by_id(_integer(1, MAX_ROUNDS)),
                "discount": _by_id(_number(above=0, high=1)),
                "breakdown": _PROBABILITY,
                "strategies": _by_id(_ref("strategy")),
                "uncertain": {
                    "type": "object",
                    "patternProperties": {uncertain: _ref("distribution")},
                    "additionalProperties": False,
                },
            },
        ),
        "strategy": {
            "oneOf": [
                {
                    "type": "string",
                    "enum": strategies,
                    "enumDescriptions": [_described(STRATEGY_DESCRIPTIONS, n) for n in strategies],
                    "description": "A strategy by name, with its default parameters.",
                },
                {
                    "type": "object",
                    "properties": {name: _strategy_parameters(name) for name in strategies},
                    "additionalProperties": False,
                    "minProperties": 1,
                    "maxProperties": 1,
                    "description": "One strategy name -> its parameters.",
                },
            ]
        },
        "distribution": {
            **_keyed(
                DISTRIBUTION_KEYS,
                {
                    "uniform": _pair(_NUMBER),
                    "normal": _pair(_NUMBER, {"type": "number", "minimum": 0}),
                    "choice": _list(
                        {"oneOf": [_NUMBER, {"type": "string", "enum": ["none", *strategies]}]},
                        at_least=1,
                    ),
                    "p": _list(_PROBABILITY),
                },
            ),
            "oneOf": [{"required": [form]} for form in DISTRIBUTIONS],
            "dependentRequired": {"p": ["choice"]},
        },
    }


def _forecast() -> dict[str, Schema]:
    per_issue = {"oneOf": [_NUMBER, _by_id(_NUMBER)]}
    salience = _number(0, 100)
    kinds = "|".join(re.escape(kind) for kind in FORECAST_UNCERTAIN_INPUTS)
    name = IDENTIFIER.pattern
    uncertain = f"^(?:(?:{kinds})\\.{name}(?:\\.{name})?)$"
    return {
        "forecast": _keyed(
            FORECAST_KEYS,
            {
                "issues": _by_id(_ref("forecast_issue"), at_least_one=True),
                "actors": _by_id(_ref("forecast_actor"), at_least_one=True),
                "model": _ref("forecast_model"),
                "uncertain": {
                    "type": "object",
                    "patternProperties": {uncertain: _ref("distribution")},
                    "additionalProperties": False,
                },
            },
        ),
        "forecast_issue": _keyed(
            FORECAST_ISSUE_KEYS,
            {
                "label": _TEXT,
                "range": _pair(_number(-MAX_MAGNITUDE, MAX_MAGNITUDE)),
                "anchors": {"type": "object", "additionalProperties": _TEXT},
            },
        ),
        "forecast_actor": _keyed(
            FORECAST_ACTOR_KEYS,
            {
                "label": _TEXT,
                "capability": _number(0, MAX_CAPABILITY),
                "salience": {"oneOf": [salience, _by_id(salience)]},
                "position": per_issue,
            },
        ),
        "forecast_model": _keyed(
            FORECAST_MODEL_KEYS,
            {
                "rounds": _integer(1, MAX_ROUNDS),
                "tolerance": _number(0, below=1),
                "q": _PROBABILITY,
                "t": _PROBABILITY,
                "mu": {"enum": list(MU_CHOICES)},
                "ties": {"enum": list(TIE_CHOICES)},
                "risk": {"type": "boolean"},
                "silent_indifferent": {"type": "boolean"},
            },
        ),
    }


def _strategy_parameters(name: str) -> Schema:
    """The mapping of one strategy's parameters, each with the range the loader allows."""
    properties: Schema = {}
    for parameter in STRATEGY_PARAMETERS[name]:
        rule = PARAMETER_RULES[parameter]
        if isinstance(rule, int):
            shape = _integer(rule, PARAMETER_MAXIMA[parameter])
        else:
            low, high, kind = rule
            shape = _number(
                low=None if kind == "above" else low,
                above=low if kind == "above" else None,
                high=None if kind == "below" else high,
                below=high if kind == "below" else None,
            )
        properties[parameter] = {
            **shape,
            "description": _described(PARAMETER_DESCRIPTIONS, parameter),
        }
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "description": _described(STRATEGY_DESCRIPTIONS, name),
    }


# -- building blocks -------------------------------------------------------------------------------


def _keyed(keys: Keys, shapes: Mapping[str, Schema]) -> Schema:
    """A mapping with exactly the keys a reader checks: ``shapes`` gives each key's value.

    Raises
    ------
    ValueError
        When ``shapes`` and ``keys`` do not name the same keys.
    """
    missing = [key for key in keys if key not in shapes]
    extra = [key for key in shapes if key not in keys.described]
    if missing or extra:
        raise ValueError(
            f"the schema's shapes do not match the loader's keys {list(keys)}: "
            f"no shape for {missing}, a shape for unknown {extra} (see standoff.scenario._schema)"
        )
    schema: Schema = {
        "type": "object",
        "properties": {key: {**shapes[key], "description": keys.described[key]} for key in keys},
    }
    if keys.required:
        schema["required"] = list(keys.required)
    schema["additionalProperties"] = False
    return schema


def _by_id(value: Schema, *, at_least_one: bool = False) -> Schema:
    """A mapping from ids (of parties, options, states or issues) to ``value``."""
    schema: Schema = {
        "type": "object",
        "patternProperties": {ID_PATTERN: value},
        "propertyNames": {"not": {"enum": sorted(RESERVED_WORDS)}},
        "additionalProperties": False,
    }
    if at_least_one:
        schema["minProperties"] = 1
    return schema


def _ref(name: str) -> Schema:
    return {"$ref": _DEFS + name}


def _nullable(schema: Schema) -> Schema:
    """``schema``, or nothing (``key:`` with no value), which the loader reads as empty."""
    kind = schema.get("type")
    if kind is None:
        return {"oneOf": [schema, {"type": "null"}]}
    return {**schema, "type": [*([kind] if isinstance(kind, str) else kind), "null"]}


def _list(
    items: Schema, *, at_least: int = 0, at_most: int | None = None, distinct: bool = False
) -> Schema:
    schema: Schema = {"type": "array", "items": items}
    if at_least:
        schema["minItems"] = at_least
    if at_most is not None:
        schema["maxItems"] = at_most
    if distinct:  # the loader refuses an item listed twice
        schema["uniqueItems"] = True
    return schema


def _pair(first: Schema, second: Schema | None = None) -> Schema:
    """Two items; when they differ, ``prefixItems`` gives each and ``items`` what both are."""
    if second is None:
        return {"type": "array", "items": first, "minItems": 2, "maxItems": 2}
    return {
        "type": "array",
        "prefixItems": [first, second],
        "items": _NUMBER,
        "minItems": 2,
        "maxItems": 2,
    }


def _integer(low: int, high: int) -> Schema:
    return {"type": "integer", "minimum": low, "maximum": high}


def _number(
    low: float | None = None,
    high: float | None = None,
    *,
    above: float | None = None,
    below: float | None = None,
) -> Schema:
    """A number within bounds: ``low``/``high`` included, ``above``/``below`` excluded."""
    schema: Schema = {"type": "number"}
    for keyword, bound in (
        ("minimum", low),
        ("exclusiveMinimum", above),
        ("maximum", high),
        ("exclusiveMaximum", below),
    ):
        if bound is not None:
            schema[keyword] = bound
    return schema


def _described(descriptions: Mapping[str, str], name: str) -> str:
    if name not in descriptions:
        raise ValueError(f"'{name}' has no description in standoff.scenario._strategies")
    return descriptions[name]
