"""Tables of results as pandas data frames, for notebooks (``to_pandas()`` on result records).

pandas is an optional extra (``pip install 'standoff[notebook]'``): it is imported only when a
frame is asked for, and its absence is said in one sentence that names the extra. This module
imports nothing from standoff.

Examples
--------
>>> frame({"state": [1, 2], "stable": [True, False]}, index="state").loc[2, "stable"]
np.False_
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MissingExtraError", "frame"]


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message says which extra brings it."""


def frame(columns: Mapping[str, Sequence[Any] | Any], index: str | None = None) -> Any:
    """A ``pandas.DataFrame`` of ``columns`` (name -> values, in order), indexed by ``index``.

    Raises
    ------
    MissingExtraError
        When pandas is not installed.
    """
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError(
            "to_pandas() needs pandas, which standoff installs as an optional extra: "
            "pip install 'standoff[notebook]'"
        ) from None
    table = pandas.DataFrame(dict(columns))
    return table.set_index(index) if index is not None else table
