"""A party's BATNA: its best alternative to a negotiated agreement (Fisher & Ury 1981, "Getting
to Yes").

::

    batna:                            # in negotiation:, one per party at the table
      NK: 0.55                        # a number: one sure alternative worth that utility
      US:                             # or alternatives, some relying on other parties
        alternatives:
          pressure: {utility: 0.45, needs: {China: 0.3}, otherwise: 0.15}
          wait: 0.3

An alternative that needs other parties is worth ``utility`` when each cooperates (independently,
with the given probability) and ``otherwise`` when one does not; the BATNA is worth the best
expected utility over the alternatives. Checked here: utilities and probabilities lie in [0, 1],
an alternative relies on known parties other than its own, and one that relies on any says what
it is worth ``otherwise``. Also used for the BATNA a party ascribes to another in ``beliefs``.
"""

from __future__ import annotations

from types import MappingProxyType

import yaml

from standoff.scenario._keys import Keys
from standoff.scenario._negotiation_model import Alternative, Batna
from standoff.scenario._reader import SectionContext

__all__ = ["ALTERNATIVE_KEYS", "BATNA_KEYS", "read_alternative", "read_batna"]

BATNA_KEYS = Keys(
    {
        "alternatives": "The party's alternatives to an agreement, by a name of your choice: "
        "each a utility in [0, 1], or {utility: ..., needs: ..., otherwise: ...}. At least one; "
        "the BATNA is worth the best.",
    },
    required=("alternatives",),
)
ALTERNATIVE_KEYS = Keys(
    {
        "utility": "What the alternative is worth to the party, in [0, 1], when every party it "
        "needs cooperates.",
        "needs": "Party id -> the probability, in [0, 1], that it cooperates (independently of "
        "the others). Any party but the BATNA's owner.",
        "otherwise": "What the alternative is worth, in [0, 1], when one of the needed parties "
        "does not cooperate; required with 'needs'.",
    },
    required=("utility",),
)


def read_batna(context: SectionContext, node: yaml.Node, party: str) -> Batna | None:
    """The BATNA of ``party`` in ``node`` (a number or a mapping), or None (with diagnostics)."""
    reader = context.reader
    where = reader.location(node)
    if isinstance(node, yaml.ScalarNode):
        sure = reader.number(node, f"the BATNA of '{party}'", 0.0, 1.0)
        if sure is None:
            return None
        return Batna((Alternative("batna", sure, MappingProxyType({}), sure, where),), where)
    fields = reader.mapping(
        node, f"the BATNA of '{party}' (a number or a mapping)", BATNA_KEYS, BATNA_KEYS.required
    )
    if not fields:
        return None
    entries = reader.mapping(fields["alternatives"][1], "'alternatives'")
    if entries is None:
        return None
    if not entries:
        reader.error(fields["alternatives"][1], f"'{party}' lists no alternatives")
    alternatives = []
    for name, (_key, value) in entries.items():
        alternative = read_alternative(context, name, value, party)
        if alternative is not None:
            alternatives.append(alternative)
    if len(alternatives) != len(entries) or not alternatives:
        return None
    return Batna(tuple(alternatives), where)


def read_alternative(
    context: SectionContext, name: str, node: yaml.Node, party: str
) -> Alternative | None:
    """One alternative of ``party`` named ``name`` (a number or a mapping), or None (with
    diagnostics). Also read for a penalty that rests on third parties (``compliance:``)."""
    reader = context.reader
    location = reader.location(node)
    if isinstance(node, yaml.ScalarNode):
        sure = reader.number(node, f"the utility of '{name}'", 0.0, 1.0)
        if sure is None:
            return None
        return Alternative(name, sure, MappingProxyType({}), sure, location)
    fields = reader.mapping(
        node, f"alternative '{name}'", ALTERNATIVE_KEYS, ALTERNATIVE_KEYS.required
    )
    if not fields or "utility" not in fields:
        return None
    utility = reader.number(fields["utility"][1], f"the utility of '{name}'", 0.0, 1.0)
    needs: dict[str, float] = {}
    if "needs" in fields:
        for other, (key, chance_node) in (
            reader.mapping(fields["needs"][1], "'needs'") or {}
        ).items():
            if other not in context.parties:
                hint = context.party_hint(other)
                reader.error(key, f"'{name}' needs '{other}', which is not a party{hint}")
                continue
            if other == party:
                reader.error(
                    key, f"'{name}' cannot need '{party}' itself: list the parties it relies on"
                )
                continue
            chance = reader.number(
                chance_node, f"the probability that '{other}' cooperates", 0.0, 1.0
            )
            if chance is not None:
                needs[other] = chance
        if needs and "otherwise" not in fields:
            reader.error(
                fields["needs"][0],
                f"'{name}' needs other parties, so it needs 'otherwise': its utility when "
                "one of them does not cooperate",
            )
            return None
    otherwise = utility
    if "otherwise" in fields:
        otherwise = reader.number(fields["otherwise"][1], f"'otherwise' of '{name}'", 0.0, 1.0)
    if utility is None or otherwise is None:
        return None
    return Alternative(name, utility, MappingProxyType(needs), otherwise, location)
