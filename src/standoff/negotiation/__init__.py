"""Deprecated: the simulated talks live in :mod:`standoff.talks`.

``negotiation`` is the scenario section; the package that simulates the talks it describes is
:mod:`standoff.talks`. This alias keeps old imports working and warns once per import.
"""

import sys
import warnings

import standoff.talks

warnings.warn(
    "standoff.negotiation is deprecated: import standoff.talks instead",
    DeprecationWarning,
    stacklevel=2,
)
sys.modules[__name__] = standoff.talks
