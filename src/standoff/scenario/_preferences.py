"""Preferences: what each party wants, as prioritization statements or as a ranking.

::

    preferences:
      Ann:                          # option prioritization: statements, most important first
        - not crash
        - ann_straight
      Bob:
        ranking:                    # or a ranking of states, most preferred first;
          - not crash               # a list is one group of tied states
          - [ann_straight, crash]

Used by ``conflict.preferences`` and by the beliefs of ``perceptions:``. Checked here: every key is
a party with options, every party with options has preferences, lists are not empty, and every
expression is valid (:meth:`~standoff.scenario._reader.SectionContext.formula`). Whether a ranking
names every state once is checked by the conflict layer, which enumerates the states.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._limits import MAX_STATEMENTS
from standoff.scenario._model import Preference, Prioritization, Ranking, RankingEntry
from standoff.scenario._reader import SectionContext

__all__ = ["RANKING_KEYS", "read_preference", "read_preferences"]

RANKING_KEYS = Keys(
    {
        "ranking": "The states, most preferred first: each entry an expression (all the states "
        "it matches, tied) or a list of expressions (one group of tied states).",
    },
    required=("ranking",),
)


def read_preferences(
    context: SectionContext, conflict: yaml.Node, entry: tuple[yaml.Node, yaml.Node] | None
) -> Mapping[str, Preference]:
    """Party -> its preferences, from ``conflict.preferences`` (``entry``: its key and value).

    Every party with options must have an entry; when the key is absent, that is reported at the
    ``conflict`` node.
    """
    reader = context.reader
    result: dict[str, Preference] = {}
    fields = reader.mapping(entry[1], "'preferences'") if entry is not None else {}
    for key, value in (fields or {}).items():
        key_node, value_node = value
        if key not in context.parties:
            reader.error(key_node, f"'{key}' is not a party{context.party_hint(key)}")
            continue
        if not context.parties[key].options:
            reader.error(key_node, f"party '{key}' has no options, so it takes no preferences here")
            continue
        preference = read_preference(context, key, value_node)
        if preference is not None:
            result[key] = preference
    misspelt = entry is None and "preferences" in reader.meant  # reported as an unknown key
    if fields is not None and not misspelt:
        where = entry[0] if entry is not None else conflict
        for party in context.parties.values():
            if party.options and party.id not in (fields or {}) and party.id not in reader.meant:
                reader.error(
                    where,
                    f"party '{party.id}' has options but no preferences "
                    f"(add '{party.id}:' under 'preferences')",
                )
    return MappingProxyType(result)


def read_preference(context: SectionContext, party: str, node: yaml.Node) -> Preference | None:
    """One party's preferences: a list of statements, or a mapping with a ``ranking``."""
    if isinstance(node, yaml.MappingNode):
        return _ranking(context, party, node)
    reader = context.reader
    items = reader.sequence(
        node,
        f"the preferences of '{party}' (a list of prioritization statements, "
        "or a mapping with 'ranking')",
    )
    if items is None:
        return None
    if not items:
        reader.error(node, f"the preferences of '{party}' list no statements")
    if len(items) > MAX_STATEMENTS:
        reader.error(
            node,
            f"the preferences of '{party}' list {len(items)} statements, more than the limit of "
            f"{MAX_STATEMENTS} (merge statements, or give a ranking)",
        )
        return None
    statements = [context.formula(item, "a prioritization statement") for item in items]
    return Prioritization(tuple(s for s in statements if s is not None), reader.location(node))


def _ranking(context: SectionContext, party: str, node: yaml.MappingNode) -> Ranking | None:
    reader = context.reader
    fields = reader.mapping(
        node, f"the preferences of '{party}'", RANKING_KEYS, RANKING_KEYS.required
    )
    if not fields:
        return None
    entries_node = fields["ranking"][1]
    items = reader.sequence(entries_node, f"the ranking of '{party}'")
    if items is None:
        return None
    if not items:
        reader.error(entries_node, f"the ranking of '{party}' is empty")
    entries = []
    for item in items:
        members = (
            reader.sequence(item, "a tie group") if isinstance(item, yaml.SequenceNode) else [item]
        )
        if not members:
            reader.error(item, "a tie group must list at least one expression")
            continue
        formulas = [context.formula(member, "a ranking entry") for member in members]
        if all(formula is not None for formula in formulas):
            entries.append(
                RankingEntry(tuple(f for f in formulas if f is not None), reader.location(item))
            )
    return Ranking(tuple(entries), reader.location(node))
