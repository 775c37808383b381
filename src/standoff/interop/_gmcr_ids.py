"""Ids for the parties and options of an imported conflict, made from their names.

A scenario's ids are identifiers (letters, digits and ``_``, not starting with a digit), unique
across parties and options, and never a reserved word. Ids appear in every expression of a
scenario, so they are kept short, as an analyst writes them by hand; the names stay as labels.

- An option's id is the first word of its name that says something, in lower case (``Modify the
  control order`` is ``modify``), with the next words added while it is too short (under three
  letters), a reserved word, a party's name or already taken (``Ann defects`` is ``ann_defects``
  when there is a party ``Ann``), up to :data:`MAX_ID_LENGTH` characters.
- A party's id is its name when that is already a short, valid id (``MoE``, ``Syria``), and its
  name in snake case otherwise.
- Accents are dropped; a name starting with a digit gets ``option_`` (or ``party_``) in front;
  an id that is still taken gets ``_2``, ``_3``, ….

>>> taken: set[str] = set()
>>> party_id("MoE", taken), party_id("Local government", taken), party_id("MoE", taken)
('MoE', 'local_government', 'MoE_2')
>>> option_id("Release water from the Thawra dam", taken), option_id("Release prisoners", taken)
('release', 'release_prisoners')
>>> option_id("Ann defects", taken, parties=["Ann"]), option_id("AttackDam", taken)
('ann_defects', 'attack')
>>> option_id("Not", taken), option_id("3 km buffer", taken), option_id("?!", taken)
('not_', 'option_3_km', 'option')
>>> option_id("Élection anticipée", taken), option_id("null", taken), option_id("Release", taken)
('election', 'null_', 'release_2')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from standoff.scenario._expressions import IDENTIFIER, RESERVED_WORDS

__all__ = ["MAX_ID_LENGTH", "option_id", "party_id"]

MAX_ID_LENGTH = 30
"""The longest id made from a name (a longer name is cut at a word boundary)."""

_YAML_NULLS = frozenset({"null", "Null", "NULL"})
"""Valid ids that YAML reads as an empty value when they are a key."""

_FILLERS = frozenset(
    {"a", "an", "the", "of", "to", "by", "on", "in", "at", "for", "from", "with", "and", "or"}
)
"""Words an option's id skips: they say nothing on their own."""


def _words(name: str) -> list[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    plain = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", plain)  # attackDam -> attack Dam
    return [word.lower() for word in re.findall(r"[A-Za-z0-9]+", plain)]


def _unique(text: str, taken: set[str]) -> str:
    if text in RESERVED_WORDS or text in _YAML_NULLS:
        text = f"{text}_"
    found = text
    suffix = 2
    while found in taken:
        found = f"{text}_{suffix}"
        suffix += 1
    taken.add(found)
    return found


def option_id(name: str, taken: set[str], *, parties: Iterable[str] = ()) -> str:
    """A new id for an option named ``name``; it is added to ``taken``. ``parties`` are the
    parties' names, which an id alone would be mistaken for."""
    words = _words(name)
    words = [word for word in words if word not in _FILLERS] or words
    if not words:
        return _unique("option", taken)
    numeric = words[0][0].isdigit()  # "3 km buffer": the number alone says nothing
    if numeric:
        words[0] = f"option_{words[0]}"
    avoided = {party.lower() for party in parties} | RESERVED_WORDS | {"null"}
    text = words[0][:MAX_ID_LENGTH]
    for word in words[1:]:
        if len(text) >= 3 and text not in avoided and text not in taken and not numeric:
            break
        numeric = False
        if len(text) + 1 + len(word) > MAX_ID_LENGTH:
            break
        text = f"{text}_{word}"
    return _unique(text, taken)


def party_id(name: str, taken: set[str]) -> str:
    """A new id for a party named ``name``; it is added to ``taken``."""
    if IDENTIFIER.fullmatch(name) and len(name) <= MAX_ID_LENGTH:
        return _unique(name, taken)
    text = ""
    for word in _words(name):
        if text and len(text) + 1 + len(word) > MAX_ID_LENGTH:
            break
        text = f"{text}_{word}" if text else word[:MAX_ID_LENGTH]
    if not text:
        text = "party"
    elif text[0].isdigit():
        text = f"party_{text}"
    return _unique(text, taken)
