"""Where a result comes from: the :class:`Provenance` every :class:`Results` carries.

>>> from datetime import UTC, datetime
>>> from standoff.scenario import load
>>> record = provenance(load("examples/chicken.yaml"), datetime(2024, 1, 2, 3, 4, tzinfo=UTC))
>>> record.generated_text, len(record.sha256)
('2024-01-02 03:04 UTC', 64)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from standoff._version import __version__
from standoff.scenario import Scenario

__all__ = ["Provenance", "provenance"]


@dataclass(frozen=True)
class Provenance:
    """What makes every number of the results traceable.

    Attributes
    ----------
    version
        The standoff version that computed them.
    file
        The scenario file as given.
    sha256
        The SHA-256 of the file's bytes when the results were computed, or ``None`` when the
        scenario was not read from a file.
    generated
        When the results were computed (timezone-aware).
    seed
        The seed of the random draws, or ``None`` when nothing random was computed.
    parameters
        The request, as plain data (see :meth:`standoff.pipeline.Request.parameters`).
    """

    version: str
    file: str
    sha256: str | None
    generated: datetime
    seed: int | None = None
    parameters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def generated_text(self) -> str:
        """The date and time in UTC, to the minute: ``2019-10-05 14:30 UTC``."""
        return self.generated.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def provenance(
    scenario: Scenario,
    generated: datetime | None = None,
    seed: int | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> Provenance:
    """The provenance of results on ``scenario``, computed now (or at ``generated``).

    Without ``generated``, the time is that of ``SOURCE_DATE_EPOCH`` when the environment sets it
    (reproducible builds), else the current time.

    Raises
    ------
    ValueError
        If ``generated`` has no time zone.
    """
    if generated is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        generated = (
            datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
        )
    elif generated.tzinfo is None:
        raise ValueError("the generation time must be timezone-aware (for example tzinfo=UTC)")
    try:
        digest: str | None = hashlib.sha256(Path(scenario.file).read_bytes()).hexdigest()
    except OSError:
        digest = None
    return Provenance(
        __version__,
        scenario.file,
        digest,
        generated,
        seed,
        MappingProxyType(dict(parameters or {})),
    )
