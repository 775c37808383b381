"""The ``forecast:`` section: many actors on policy scales (see docs/scenario-format.md).

::

    forecast:
      issues:
        relief:
          label: Sanctions relief for denuclearisation
          range: [0, 100]
          anchors: {0: deal now, cheat later, 100: unconditional dismantlement}
      actors:
        US:                          # a party of the file, or an actor only of this section
          label: The White House
          capability: 100            # influence, on any scale (relative)
          salience: 80               # 0 to 100, for every issue, or {issue: salience}
          position: {relief: 70}     # on the issue's scale; a number when there is one issue
      model: {rounds: 50, tolerance: 0.000001, q: 1, t: 1, mu: median}
      uncertain:                     # inputs drawn anew in each Monte Carlo run
        position.US.relief: {uniform: [60, 80]}
        salience.US.relief: {normal: [80, 10]}
        capability.US: {choice: [80, 100], p: [0.5, 0.5]}

Checked here: issue and actor ids, a range whose low end is below its high end, anchors on the
scale, capability at least 0, salience from 0 to 100, positions on their issue's scale, every
issue held by at least one actor, model settings in range, well-formed distributions over inputs
that exist, and the limits :data:`~standoff.scenario._limits.MAX_FORECAST_ACTORS` and
:data:`~standoff.scenario._limits.MAX_FORECAST_ISSUES`.
"""

from __future__ import annotations

import math
from types import MappingProxyType

import yaml

from standoff.scenario._expressions import IDENTIFIER
from standoff.scenario._forecast_model import (
    ForecastActor,
    ForecastIssue,
    ForecastModel,
    ForecastSpec,
)
from standoff.scenario._keys import Keys
from standoff.scenario._limits import (
    MAX_FORECAST_ACTORS,
    MAX_FORECAST_ISSUES,
    MAX_MAGNITUDE,
    MAX_ROUNDS,
)
from standoff.scenario._negotiation_model import Distribution
from standoff.scenario._protocol import DISTRIBUTION_KEYS, DISTRIBUTIONS
from standoff.scenario._reader import SectionContext
from standoff.scenario._source import SourceReader, describe

__all__ = [
    "FORECAST_ACTOR_KEYS",
    "FORECAST_ISSUE_KEYS",
    "FORECAST_KEYS",
    "FORECAST_MODEL_KEYS",
    "FORECAST_UNCERTAIN_INPUTS",
    "MAX_CAPABILITY",
    "MU_CHOICES",
    "TIE_CHOICES",
    "read_forecast",
]

MAX_CAPABILITY = 1e12
"""The largest capability (capabilities are relative)."""
MU_CHOICES = ("median", "mean")
TIE_CHOICES = ("least_movement", "first_actor")
FORECAST_UNCERTAIN_INPUTS = ("position", "salience", "capability")
"""The inputs drawn per run: ``position.ACTOR.ISSUE``, ``salience.ACTOR.ISSUE``,
``capability.ACTOR``."""

FORECAST_KEYS = Keys(
    {
        "issues": "Issue id -> its scale: {range: [low, high], label: ..., anchors: {value: "
        "label}}. At least one.",
        "actors": "Actor id (a party of the file, or an actor only of this section) -> its "
        "capability, salience and position per issue. At least one.",
        "model": "The challenge model's settings: rounds, tolerance, q, t, mu, ties, risk, "
        "silent_indifferent.",
        "uncertain": "Input -> the distribution it is drawn from anew in each Monte Carlo run. "
        "Inputs: position.ACTOR.ISSUE, salience.ACTOR.ISSUE, capability.ACTOR.",
    },
    required=("issues", "actors"),
)
FORECAST_ISSUE_KEYS = Keys(
    {
        "label": "What the scale measures, as reports show it.",
        "range": "[low, high]: the ends of the scale, low < high.",
        "anchors": "Value -> what that point of the scale means (for example 0: deal now, "
        "cheat later).",
    },
    required=("range",),
)
FORECAST_ACTOR_KEYS = Keys(
    {
        "label": "The actor's name as reports show it (default: the party's label, or the id).",
        "capability": "Its influence: a number at least 0, on any scale (only ratios matter).",
        "salience": "How much it cares, 0 to 100: one number for every issue, or issue -> "
        "salience.",
        "position": "Issue -> its position on that issue's scale (a number when the section has "
        "one issue). An actor without a position on an issue takes no part in it.",
    },
    required=("capability", "salience", "position"),
)
FORECAST_MODEL_KEYS = Keys(
    {
        "rounds": "The round limit of the challenge model (default 50).",
        "tolerance": "The positions have converged when none moves by more than this share of "
        "the scale's range in a round (default 0.000001).",
        "q": "Q: the probability an actor expects the status quo to last if it does not "
        "challenge (default 1, as in Scholz et al. 2011).",
        "t": "T: the probability that, if it does not last, the expected outcome moves towards "
        "the actor (default 1).",
        "mu": "What an actor expects without a challenge: 'median' (the pairwise-vote position, "
        "default) or 'mean' (the weighted mean).",
        "ties": "Among offers of equal expected utility a target takes 'least_movement' "
        "(default) or 'first_actor' (the one listed first).",
        "risk": "Whether risk exponents are computed from the actors' security each round "
        "(true, default) or kept at 1 (false).",
        "silent_indifferent": "Whether actors with salience 0 make no offers and take no part "
        "in the risk computation (true, default).",
    }
)


def read_forecast(context: SectionContext, node: yaml.Node) -> ForecastSpec | None:
    """The validated ``forecast:`` section, or None (with diagnostics recorded)."""
    reader = context.reader
    fields = reader.mapping(node, "'forecast'", FORECAST_KEYS, FORECAST_KEYS.required)
    if fields is None:
        return None
    issues: dict[str, ForecastIssue] = {}
    named: set[str] = set()  # every issue key, valid or not: a broken issue is reported once
    if "issues" in fields:
        issues = _issues(reader, fields["issues"][1])
        entries = fields["issues"][1]
        if isinstance(entries, yaml.MappingNode):
            named = {str(key.value) for key, _ in entries.value}
    actors: dict[str, ForecastActor] = {}
    if "actors" in fields:
        actors = _actors(context, fields["actors"][1], issues, named)
    for issue in issues.values():
        if actors and not any(issue.id in actor.positions for actor in actors.values()):
            reader.error(issue.location, f"no actor has a position on issue '{issue.id}'")
    model = ForecastModel()
    if "model" in fields:
        model = _model(reader, fields["model"][1])
    uncertain: dict[str, Distribution] = {}
    if "uncertain" in fields:
        inputs = reader.mapping(fields["uncertain"][1], "'forecast.uncertain'") or {}
        for name, (key, value) in inputs.items():
            bounds = _input_bounds(reader, key, name, issues, actors)
            if bounds is not None:
                distribution = _distribution(reader, value, name, bounds)
                if distribution is not None:
                    uncertain[name] = distribution
    return ForecastSpec(
        issues=tuple(issues.values()),
        actors=tuple(actors.values()),
        model=model,
        uncertain=MappingProxyType(uncertain),
        location=reader.location(node),
    )


def _identifier(reader: SourceReader, key: yaml.Node, kind: str) -> str | None:
    name = str(key.value)
    if not IDENTIFIER.fullmatch(name):
        reader.error(key, f"'{name}' is not a valid {kind} id (expected letters, digits and '_', "
                     "not starting with a digit)")  # fmt: skip
        return None
    return name


def _issues(reader: SourceReader, node: yaml.Node) -> dict[str, ForecastIssue]:
    entries = reader.mapping(node, "'forecast.issues'")
    if entries is None:
        return {}
    if not entries:
        reader.error(node, "'forecast.issues' must name at least one issue")
    if len(entries) > MAX_FORECAST_ISSUES:
        reader.error(node, f"'forecast.issues' names {len(entries):,} issues, more than the "
                     f"limit of {MAX_FORECAST_ISSUES:,}")  # fmt: skip
        return {}
    found: dict[str, ForecastIssue] = {}
    for key, value in entries.values():
        name = _identifier(reader, key, "issue")
        what = f"issue '{key.value}'"
        fields = reader.mapping(value, what, FORECAST_ISSUE_KEYS, FORECAST_ISSUE_KEYS.required)
        if name is None or fields is None or "range" not in fields:
            continue
        ends = reader.pair(fields["range"][1], f"the range of {what}", -MAX_MAGNITUDE,
                           MAX_MAGNITUDE)  # fmt: skip
        if ends is None:
            continue
        low, high = ends
        if not low < high:
            reader.error(fields["range"][1], f"the range of {what} must go from a low end to a "
                         f"higher one, found [{low:g}, {high:g}]")  # fmt: skip
            continue
        label = name
        if "label" in fields:
            label = reader.text(fields["label"][1], f"the label of {what}") or name
        anchors: list[tuple[float, str]] = []
        if "anchors" in fields:
            points = reader.mapping(fields["anchors"][1], f"the anchors of {what}") or {}
            for point, text in points.values():
                value_at = reader.number(point, f"an anchor of {what}", low, high)
                words = reader.text(text, f"the label of an anchor of {what}")
                if value_at is not None and words is not None:
                    anchors.append((value_at, words))
        found[name] = ForecastIssue(name, label, low, high, tuple(sorted(anchors)),
                                    reader.location(key))  # fmt: skip
    return found


def _actors(
    context: SectionContext,
    node: yaml.Node,
    issues: dict[str, ForecastIssue],
    named: set[str],
) -> dict[str, ForecastActor]:
    reader = context.reader
    entries = reader.mapping(node, "'forecast.actors'")
    if entries is None:
        return {}
    if not entries:
        reader.error(node, "'forecast.actors' must name at least one actor")
    if len(entries) > MAX_FORECAST_ACTORS:
        reader.error(node, f"'forecast.actors' names {len(entries):,} actors, more than the "
                     f"limit of {MAX_FORECAST_ACTORS:,}")  # fmt: skip
        return {}
    found: dict[str, ForecastActor] = {}
    for key, value in entries.values():
        name = _identifier(reader, key, "actor")
        what = f"actor '{key.value}'"
        fields = reader.mapping(value, what, FORECAST_ACTOR_KEYS, FORECAST_ACTOR_KEYS.required)
        if name is None or fields is None:
            continue
        party = context.parties.get(name)
        label = party.label if party is not None else name
        if "label" in fields:
            label = reader.text(fields["label"][1], f"the label of {what}") or label
        capability = None
        if "capability" in fields:
            capability = _capability(reader, fields["capability"][1], what)
        salience = _per_issue(reader, fields.get("salience"), issues, named, what, "salience",
                              lambda n, w: _salience(reader, n, w))  # fmt: skip
        positions = _per_issue(reader, fields.get("position"), issues, named, what, "position",
                               lambda n, w: _position(reader, n, w, issues))  # fmt: skip
        if capability is None or salience is None or positions is None:
            continue
        found[name] = ForecastActor(
            id=name,
            label=label,
            party=None if party is None else party.id,
            capability=capability,
            salience=MappingProxyType(salience),
            positions=MappingProxyType(positions),
            location=reader.location(key),
        )
    return found


def _capability(reader: SourceReader, node: yaml.Node, what: str) -> float | None:
    value = reader.number(node, f"the capability of {what}", -math.inf, MAX_CAPABILITY)
    if value is not None and value < 0:
        reader.error(node, f"the capability of {what} cannot be negative, found {value:g}")
        return None
    return value


def _salience(reader: SourceReader, node: yaml.Node, what: str) -> float | None:
    value = reader.number(node, what, -math.inf, math.inf)
    if value is not None and not 0 <= value <= 100:
        reader.error(node, f"{what} must be from 0 to 100, found {value:g}")
        return None
    return None if value is None else value / 100


def _position(
    reader: SourceReader, node: yaml.Node, what: str, issues: dict[str, ForecastIssue]
) -> float | None:
    value = reader.number(node, what, -math.inf, math.inf)
    issue = issues[what.rsplit("'", 2)[-2]]
    if value is not None and not issue.low <= value <= issue.high:
        reader.error(node, f"{what} is off the scale: {value:g} is not in [{issue.low:g}, "
                     f"{issue.high:g}]")  # fmt: skip
        return None
    return value


def _per_issue(
    reader: SourceReader,
    entry: tuple[yaml.Node, yaml.Node] | None,
    issues: dict[str, ForecastIssue],
    named: set[str],
    actor: str,
    kind: str,
    read: object,
) -> dict[str, float] | None:
    """Issue -> value, from a mapping by issue or (for every issue) one number."""
    if entry is None:
        return None
    convert = read  # a callable (node, what) -> float | None
    assert callable(convert)
    node = entry[1]
    found: dict[str, float] = {}
    if isinstance(node, yaml.ScalarNode) and not reader.is_null(node):
        if kind == "position" and len(issues) != 1:
            reader.error(
                node,
                f"the position of {actor} must be a mapping issue -> position when there are "
                f"{len(issues)} issues, found {describe(node)}",
            )
            return None
        for issue in issues:
            value = convert(node, f"the {kind} of {actor} on '{issue}'")
            if value is None:
                return None
            found[issue] = value
        return found
    entries = reader.mapping(node, f"the {kind} of {actor}")
    if entries is None:
        return None
    complete = True
    for name, (key, value_node) in entries.items():
        if name not in issues:
            if name in named:  # an issue already reported as broken
                complete = False
                continue
            hint = reader.suggest(name, issues) or (
                " (the issues are " + ", ".join(f"'{i}'" for i in issues) + ")"
            )
            reader.error(key, f"'{name}' is not an issue of the forecast{hint}")
            complete = False
            continue
        value = convert(value_node, f"the {kind} of {actor} on '{name}'")
        if value is None:
            complete = False
        else:
            found[name] = value
    return found if complete else None


def _model(reader: SourceReader, node: yaml.Node) -> ForecastModel:
    fields = reader.mapping(node, "'forecast.model'", FORECAST_MODEL_KEYS) or {}
    settings: dict[str, object] = {}
    if "rounds" in fields:
        settings["rounds"] = reader.integer(fields["rounds"][1], "'rounds'", 1, MAX_ROUNDS)
    if "tolerance" in fields:
        value = reader.number(fields["tolerance"][1], "'tolerance'", 0.0, 1.0)
        if value == 1.0:
            reader.error(fields["tolerance"][1], "'tolerance' must be below 1, found 1")
            value = None
        settings["tolerance"] = value
    for name in ("q", "t"):
        if name in fields:
            settings[name] = reader.number(fields[name][1], f"'{name}'", 0.0, 1.0)
    for name, choices in (("mu", MU_CHOICES), ("ties", TIE_CHOICES)):
        if name in fields:
            settings[name] = _choice(reader, fields[name][1], f"'{name}'", choices)
    for name in ("risk", "silent_indifferent"):
        if name in fields:
            settings[name] = _flag(reader, fields[name][1], f"'{name}'")
    given = {name: value for name, value in settings.items() if value is not None}
    return ForecastModel(**given)  # type: ignore[arg-type]


def _choice(reader: SourceReader, node: yaml.Node, what: str, choices: tuple[str, ...]
            ) -> str | None:  # fmt: skip
    value = reader.text(node, what)
    if value is not None and value not in choices:
        expected = ", ".join(f"'{c}'" for c in choices)
        reader.error(node, f"{what} must be one of {expected}, found '{value}'")
        return None
    return value


def _flag(reader: SourceReader, node: yaml.Node, what: str) -> bool | None:
    if isinstance(node, yaml.ScalarNode) and node.style is None:
        if node.value in ("true", "True"):
            return True
        if node.value in ("false", "False"):
            return False
    reader.error(node, f"{what} must be true or false, found {describe(node)}")
    return None


def _input_bounds(
    reader: SourceReader,
    key: yaml.Node,
    name: str,
    issues: dict[str, ForecastIssue],
    actors: dict[str, ForecastActor],
) -> tuple[float, float] | None:
    """The bounds of an uncertain input on the file's scale, or None (with a diagnostic)."""
    parts = name.split(".")
    kind = parts[0]
    shapes = {"position": 3, "salience": 3, "capability": 2}
    if kind not in shapes or len(parts) != shapes[kind]:
        reader.error(key, f"unknown uncertain input '{name}' (expected position.ACTOR.ISSUE, "
                     "salience.ACTOR.ISSUE or capability.ACTOR)")  # fmt: skip
        return None
    actor = actors.get(parts[1])
    if actor is None:
        reader.error(key, f"'{parts[1]}' in '{name}' is not an actor of the forecast"
                     f"{reader.suggest(parts[1], actors)}")  # fmt: skip
        return None
    if kind == "capability":
        return (0.0, MAX_CAPABILITY)
    if parts[2] not in actor.positions:
        reader.error(key, f"'{parts[1]}' has no position on '{parts[2]}' to vary in '{name}'")
        return None
    if kind == "salience":
        return (0.0, 100.0)
    issue = issues[parts[2]]
    return (issue.low, issue.high)


def _distribution(
    reader: SourceReader, node: yaml.Node, name: str, bounds: tuple[float, float]
) -> Distribution | None:
    what = f"the distribution of '{name}'"
    fields = reader.mapping(node, what, DISTRIBUTION_KEYS)
    if fields is None:
        return None
    forms = [form for form in DISTRIBUTIONS if form in fields]
    if len(forms) != 1:
        reader.error(node, f"{what} must give exactly one of 'uniform', 'normal' or 'choice'")
        return None
    (form,) = forms
    where = reader.location(node)
    low, high = bounds
    if form != "choice":
        if "p" in fields:
            reader.error(fields["p"][0], "'p' goes with 'choice' only")
            return None
        pair = reader.pair(fields[form][1], f"the parameters of '{form}'")
        if pair is None:
            return None
        first, second = pair
        if form == "uniform" and not low <= first <= second <= high:
            reader.error(fields[form][1], f"'uniform' needs {low:g} <= a <= b <= {high:g} for "
                         f"'{name}', found [{first:g}, {second:g}]")  # fmt: skip
            return None
        if form == "normal" and second < 0:
            reader.error(fields[form][1], f"a standard deviation cannot be negative, found "
                         f"{second:g}")  # fmt: skip
            return None
        return Distribution(form, (first, second), (), (), where)
    items = reader.sequence(fields["choice"][1], "'choice' (a list of numbers)") or []
    if not items:
        reader.error(fields["choice"][1], "'choice' must list at least one value")
        return None
    values = [reader.number(item, f"a value of '{name}'", low, high) for item in items]
    if None in values:
        return None
    probabilities = tuple(1 / len(values) for _ in values)
    if "p" in fields:
        chances = [reader.number(item, "a probability", 0.0, 1.0)
                   for item in reader.sequence(fields["p"][1], "'p'") or []]  # fmt: skip
        if None in chances:
            return None
        if len(chances) != len(values):
            reader.error(fields["p"][1], f"'p' gives {len(chances)} probabilities for "
                         f"{len(values)} choices")  # fmt: skip
            return None
        total = sum(c for c in chances if c is not None)
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            reader.error(fields["p"][1], f"the probabilities in 'p' must sum to 1, found "
                         f"{total:g}")  # fmt: skip
            return None
        probabilities = tuple(c for c in chances if c is not None)
    numbers = tuple(v for v in values if v is not None)
    return Distribution("choice", (), numbers, probabilities, where)
