"""Interoperability: negotiations to and from GENIUS (the XML of GENIUS and the ANAC competitions),
scenario text for an imported negotiation, conflicts from GMCR+ save files (``.gmcr``), and
actor tables (CSV) as the ``forecast:`` section of a scenario.

>>> import tempfile
>>> from standoff.scenario import load, loads
>>> korea = load("examples/korea_2017.yaml").negotiation
>>> with tempfile.TemporaryDirectory() as directory:
...     domain, *profiles = write_genius(korea, directory)
...     genius = read_genius(domain, dict(zip(["US", "NK"], profiles)))
>>> scenario = loads(to_yaml(genius.negotiation, "Korea, 2017, from GENIUS"))
>>> scenario.negotiation.parties
('US', 'NK')
"""

from standoff.interop._actor_scenario import ActorImport, actor_table_scenario
from standoff.interop._actor_table import ActorRow, ActorTable, read_actor_table
from standoff.interop._genius import GENIUS_ISSUE_TYPES, GeniusNegotiation, read_genius
from standoff.interop._genius_write import write_genius
from standoff.interop._gmcr_model import GmcrCondition, GmcrDecisionMaker, GmcrModel, GmcrOption
from standoff.interop._gmcr_read import read_gmcr
from standoff.interop._gmcr_scenario import GmcrImport, gmcr_scenario
from standoff.interop._yaml import to_yaml

__all__ = [
    "GENIUS_ISSUE_TYPES",
    "ActorImport",
    "ActorRow",
    "ActorTable",
    "GeniusNegotiation",
    "GmcrCondition",
    "GmcrDecisionMaker",
    "GmcrImport",
    "GmcrModel",
    "GmcrOption",
    "actor_table_scenario",
    "gmcr_scenario",
    "read_actor_table",
    "read_genius",
    "read_gmcr",
    "to_yaml",
    "write_genius",
]
