"""The ``perceptions:`` section: how each party sees the conflict (a hypergame).

::

    perceptions:
      US:                          # the conflict as the US sees it
        preferences:
          NK: [...]                # what the US believes NK wants (as in conflict.preferences)
        unaware_of: [invade]       # options of others the US does not know exist
        views:                     # second level: what the US believes another party believes
          NK:
            preferences:
              US: [...]            # what the US believes NK believes the US wants

Whatever a view does not override is as in the view above it (the true conflict at the first
level). Checked here: the viewer and every party named are parties with options, nobody holds a
belief about its own preferences or a view of its own view, and ``unaware_of`` names options of
other parties.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._model import Perception, Preference
from standoff.scenario._preferences import read_preference
from standoff.scenario._reader import SectionContext

__all__ = ["PERCEPTION_KEYS", "VIEW_KEYS", "read_perceptions"]

PERCEPTION_KEYS = Keys(
    {
        "preferences": "What the viewer believes other parties want, by party with options: "
        "preferences written as in conflict.preferences (statements or a ranking).",
        "unaware_of": "Options of other parties that the viewer does not know exist.",
        "views": "What the viewer believes another party believes, by party with options: "
        "{preferences: ...}.",
    }
)
VIEW_KEYS = Keys(
    {
        "preferences": "What the viewer believes this party believes the others want, by party: "
        "preferences written as in conflict.preferences.",
    }
)


def read_perceptions(context: SectionContext, node: yaml.Node) -> tuple[Perception, ...]:
    """Every viewer's perception, in file order."""
    reader = context.reader
    if reader.is_null(node):
        return ()
    entries = reader.mapping(node, "'perceptions'")
    found = []
    for key_node, value in (entries or {}).values():
        viewer = context.mover_reference(key_node, "a perception")
        if viewer is None:
            continue
        fields = reader.mapping(value, f"the perception of '{viewer}'", PERCEPTION_KEYS)
        if fields is None:
            continue
        beliefs = _beliefs(context, viewer, fields.get("preferences"), f"'{viewer}'")
        unaware = _unaware(context, viewer, fields.get("unaware_of"))
        views = {}
        if "views" in fields:
            for holder_node, view in (reader.mapping(fields["views"][1], "'views'") or {}).values():
                holder = context.mover_reference(holder_node, "a view")
                if holder is None:
                    continue
                if holder == viewer:
                    reader.error(
                        holder_node,
                        f"'{viewer}' cannot hold a view of its own view (views are what "
                        f"'{viewer}' believes other parties believe)",
                    )
                    continue
                inner = reader.mapping(view, f"the view of '{holder}'", VIEW_KEYS)
                if inner is not None:
                    views[holder] = _beliefs(
                        context, holder, inner.get("preferences"), f"'{viewer}' about '{holder}'"
                    )
        found.append(
            Perception(
                viewer,
                beliefs,
                unaware,
                MappingProxyType(views),
                reader.location(key_node),
            )
        )
    return tuple(found)


def _beliefs(
    context: SectionContext, holder: str, entry: tuple[yaml.Node, yaml.Node] | None, whose: str
) -> Mapping[str, Preference]:
    """Preferences ``holder`` is believed to ascribe to other parties."""
    beliefs: dict[str, Preference] = {}
    if entry is None:
        return MappingProxyType(beliefs)
    reader = context.reader
    for key_node, value in (reader.mapping(entry[1], f"the beliefs of {whose}") or {}).values():
        party = context.mover_reference(key_node, "a belief")
        if party is None:
            continue
        if party == holder:
            reader.error(
                key_node,
                f"'{holder}' cannot hold a belief about its own preferences: they are its real "
                "preferences (remove this entry)",
            )
            continue
        preference = read_preference(context, party, value)
        if preference is not None:
            beliefs[party] = preference
    return MappingProxyType(beliefs)


def _unaware(
    context: SectionContext, viewer: str, entry: tuple[yaml.Node, yaml.Node] | None
) -> tuple[str, ...]:
    if entry is None or context.reader.is_null(entry[1]):
        return ()
    options = []
    for item in context.reader.sequence(entry[1], "'unaware_of'") or []:
        option = context.option_reference(item, "'unaware_of'")
        if option is None:
            continue
        if context.options[option].party == viewer:
            context.reader.error(
                item, f"'{option}' is an option of '{viewer}' itself: a party knows its own options"
            )
            continue
        options.append(option)
    return tuple(options)
