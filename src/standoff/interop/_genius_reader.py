"""The readers behind :func:`~standoff.interop.read_genius`: one walks a domain's issues
(:mod:`standoff.interop._genius_domain`), one a party's profile
(:mod:`standoff.interop._genius_profile`), each recording every problem with its
``FILE:LINE:COLUMN`` (conventions in :mod:`standoff.interop._genius` and docs/genius.md).
"""

from standoff.interop._genius_domain import GENIUS_ISSUE_TYPES, DomainIssue, DomainReader, issue_id
from standoff.interop._genius_profile import ProfileReader

__all__ = ["GENIUS_ISSUE_TYPES", "DomainIssue", "DomainReader", "ProfileReader", "issue_id"]
