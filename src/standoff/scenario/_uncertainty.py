"""The ``uncertainty:`` section: how sure the analyst is of each party's preferences.

::

    uncertainty:
      NK:
        radius: 1                  # every ordering of NK's statements within 1 adjacent swap
        uncertain:                 # statements (or ranking entries) that may move anywhere;
          - freeze iff relief      # statements may also drop out; by text or 1-based position
        weight: 3                  # weight of the stated preferences and their variants (1)
        alternatives:              # other preference sets NK may hold, each with a weight
          - label: trades a verified freeze
            weight: 1
            preferences: [...]     # as in conflict.preferences

Each party's variants are its stated preferences perturbed as asked (every ordering within
``radius`` adjacent swaps, with each ``uncertain`` judgement anywhere or, for statements, dropped),
all equally likely, plus each alternative; their weights say how likely each kind is. Parties
vary independently. Checked here: the party has preferences in ``conflict``, the radius is a whole
number from 0 to :data:`MAX_RADIUS`, weights are positive, uncertain judgements exist. Whether an
alternative ranking names every state once is checked by the conflict layer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._model import (
    ConflictSpec,
    PreferenceAlternative,
    PreferenceUncertainty,
    Prioritization,
)
from standoff.scenario._preferences import read_preference
from standoff.scenario._reader import SectionContext

__all__ = [
    "MAX_ALTERNATIVES",
    "MAX_RADIUS",
    "MAX_UNCERTAINTY_WEIGHT",
    "PREFERENCE_ALTERNATIVE_KEYS",
    "UNCERTAINTY_KEYS",
    "read_uncertainty",
]

MAX_RADIUS = 12
"""The largest ``radius``: beyond it the orderings are too many to mean "a little wrong"."""
MAX_ALTERNATIVES = 64
"""The most ``alternatives`` one party may list."""
MAX_UNCERTAINTY_WEIGHT = 1e9
"""The largest ``weight`` of the stated preferences or of an alternative (weights are relative)."""

UNCERTAINTY_KEYS = Keys(
    {
        "radius": "Every ordering of the party's certain statements (or ranking entries) within "
        "this many swaps of neighbours of the stated order (default 0).",
        "uncertain": "Statements or ranking entries that may sit anywhere in the order (a "
        "statement may also drop out), each by its text as written or its 1-based position.",
        "weight": "The weight of the stated preferences and all their variants together, "
        "against the alternatives: a positive number (default 1).",
        "alternatives": "Other preference sets the party may hold, each {label: ..., weight: "
        "..., preferences: ...}.",
    }
)
PREFERENCE_ALTERNATIVE_KEYS = Keys(
    {
        "label": "What the alternative stands for, as reports show it.",
        "weight": "Its weight against the stated preferences and the other alternatives: a "
        "positive number.",
        "preferences": "The preferences, written as in conflict.preferences: a list of "
        "statements or {ranking: [...]}.",
    },
    required=("weight", "preferences"),
)


def read_uncertainty(
    context: SectionContext, node: yaml.Node, conflict: ConflictSpec | None, key: yaml.Node
) -> Mapping[str, PreferenceUncertainty]:
    """Party -> how its preferences may vary, from the ``uncertainty:`` section."""
    reader = context.reader
    if conflict is None:
        reader.error(key, "'uncertainty' needs a 'conflict' section whose preferences it varies")
        return MappingProxyType({})
    if reader.is_null(node):
        return MappingProxyType({})
    result: dict[str, PreferenceUncertainty] = {}
    for party_node, value in (reader.mapping(node, "'uncertainty'") or {}).values():
        party = context.mover_reference(party_node, "'uncertainty'")
        if party is None:
            continue
        if party not in conflict.preferences:
            reader.error(party_node, f"'{party}' has no preferences in 'conflict' to vary")
            continue
        found = _party(context, party, value, conflict)
        if found is not None:
            result[party] = found
    return MappingProxyType(result)


def _party(
    context: SectionContext, party: str, node: yaml.Node, conflict: ConflictSpec
) -> PreferenceUncertainty | None:
    reader = context.reader
    fields = reader.mapping(node, f"the uncertainty of '{party}'", UNCERTAINTY_KEYS)
    if fields is None:
        return None
    if not fields:
        reader.error(node, f"the uncertainty of '{party}' says nothing (expected {_expected()})")
    stated = conflict.preferences[party]
    texts = _judgement_texts(stated)
    kind = "statements" if isinstance(stated, Prioritization) else "ranking entries"
    radius = 0
    if "radius" in fields:
        radius = reader.integer(fields["radius"][1], "'radius'", 0, MAX_RADIUS) or 0
    uncertain: list[int] = []
    if "uncertain" in fields:
        items = reader.sequence(fields["uncertain"][1], "'uncertain'") or []
        for item in items:
            index = _judgement(context, item, texts, party, kind)
            if index is None:
                continue
            if index in uncertain:
                reader.error(item, f"this judgement of '{party}' is already marked uncertain")
                continue
            uncertain.append(index)
    weight = 1.0
    if "weight" in fields:
        weight = _weight(context, fields["weight"][1]) or 1.0
    alternatives: list[PreferenceAlternative] = []
    if "alternatives" in fields:
        items = reader.sequence(fields["alternatives"][1], "'alternatives'") or []
        if len(items) > MAX_ALTERNATIVES:
            reader.error(
                fields["alternatives"][1],
                f"'{party}' lists {len(items)} alternatives, more than {MAX_ALTERNATIVES}",
            )
            items = []
        for item in items:
            alternative = _alternative(context, party, item)
            if alternative is not None:
                alternatives.append(alternative)
    return PreferenceUncertainty(
        party,
        radius,
        tuple(uncertain),
        weight,
        tuple(alternatives),
        reader.location(node),
    )


def _judgement_texts(stated: object) -> tuple[str, ...]:
    if isinstance(stated, Prioritization):
        return tuple(statement.text for statement in stated.statements)
    entries = getattr(stated, "entries", ())
    return tuple(" | ".join(member.text for member in entry.members) for entry in entries)


def _judgement(
    context: SectionContext, node: yaml.Node, texts: tuple[str, ...], party: str, kind: str
) -> int | None:
    """The 0-based index of the judgement ``node`` names: its text, or its 1-based position."""
    reader = context.reader
    if not isinstance(node, yaml.ScalarNode) or reader.is_null(node):
        reader.error(node, f"an uncertain judgement must be text or a position, found a {kind}")
        return None
    value = str(node.value)
    if node.style is None and value.isdigit():
        position = int(value)
        if 1 <= position <= len(texts):
            return position - 1
        reader.error(
            node, f"'{party}' has {len(texts)} {kind}, so a position must be 1 to {len(texts)}"
        )
        return None
    if value in texts:
        return texts.index(value)
    hint = reader.suggest(value, texts) or f" (its {kind} are numbered 1 to {len(texts)})"
    reader.error(node, f"'{value}' is not one of the {kind} of '{party}'{hint}")
    return None


def _weight(context: SectionContext, node: yaml.Node) -> float | None:
    value = context.reader.number(node, "a weight", -math.inf, MAX_UNCERTAINTY_WEIGHT)
    if value is not None and value <= 0:
        context.reader.error(node, f"a weight must be positive, found {value:g}")
        return None
    return value


def _alternative(
    context: SectionContext, party: str, node: yaml.Node
) -> PreferenceAlternative | None:
    reader = context.reader
    fields = reader.mapping(
        node,
        f"an alternative of '{party}'",
        PREFERENCE_ALTERNATIVE_KEYS,
        PREFERENCE_ALTERNATIVE_KEYS.required,
    )
    if fields is None or "preferences" not in fields:
        return None
    label = reader.text(fields["label"][1], "'label'") if "label" in fields else None
    weight = _weight(context, fields["weight"][1]) if "weight" in fields else None
    preference = read_preference(context, party, fields["preferences"][1])
    if weight is None or preference is None:
        return None
    return PreferenceAlternative(preference, weight, label, reader.location(node))


def _expected() -> str:
    return ", ".join(f"'{name}'" for name in UNCERTAINTY_KEYS)
