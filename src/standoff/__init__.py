"""standoff: analyse strategic conflicts and negotiations."""

from standoff._version import __version__

__all__ = ["__version__"]
