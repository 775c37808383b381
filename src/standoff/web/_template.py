"""The text of a new scenario: the smallest complete conflict, to be edited into one's own.

>>> from standoff.scenario import loads
>>> [party.id for party in loads(TEMPLATE, "new.yaml").parties]
['Us', 'Them']
"""

from __future__ import annotations

__all__ = ["TEMPLATE"]

TEMPLATE = """\
standoff: 1
title: A new standoff
description: |
  **The situation.** What is at stake, who the parties are, and what each can do.
sources:
  - Where the judgements below come from
parties:
  Us:
    label: Our side
    options:
      concede: {label: We concede, short: concede}
  Them:
    label: The other side
    options:
      escalate: {label: They escalate, short: escalate}
conflict:
  states:
    status_quo: not concede and not escalate
  status_quo: status_quo
  preferences:
    # most important first: each line is a statement the party wants to be true
    Us:
    - not escalate
    - not concede
    Them:
    - concede
    - not escalate
"""
"""A two-party conflict with one option each and a status quo."""
