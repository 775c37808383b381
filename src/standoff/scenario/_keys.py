"""The keys a mapping of a scenario file may hold: :class:`Keys`, each described where it is read.

Every reader that refuses unknown keys declares them in one :class:`Keys` constant beside the
code that reads them, and passes it to
:meth:`~standoff.scenario._source.SourceReader.mapping` (``reader.mapping(node, what, KEYS,
KEYS.required)``): the keys in the order messages list them, a short description of what each
holds, and which are required. The JSON Schema of the format
(:func:`~standoff.scenario._schema.scenario_schema`) is built from the same constants, so a key
the loader reads is a key of the schema, with the description written beside its reader.

Examples
--------
>>> keys = Keys({"range": "The lowest and highest value.", "unit": "How values read."}, ("range",))
>>> list(keys), keys.required, keys.described["unit"]
(['range', 'unit'], ('range',), 'How values read.')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["Keys"]


@dataclass(frozen=True)
class Keys:
    """The keys of one kind of mapping, in order, each with a description; which are required.

    Iterating over it gives the key names, so it is what ``reader.mapping`` takes as its allowed
    keys.

    Parameters
    ----------
    described
        Key -> a short description of what it holds (one or two sentences), in the order error
        messages list the keys.
    required
        The keys a mapping of this kind must have.

    Raises
    ------
    ValueError
        When a required key is not among the described ones.
    """

    described: Mapping[str, str]
    required: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = [key for key in self.required if key not in self.described]
        if unknown:
            raise ValueError(f"required keys {unknown} are not among {list(self.described)}")
        object.__setattr__(self, "described", MappingProxyType(dict(self.described)))

    def __iter__(self) -> Iterator[str]:
        return iter(self.described)
