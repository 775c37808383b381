"""``standoff schema``: the JSON Schema of the scenario format, for editors.

An editor that checks YAML against a JSON Schema (VS Code with the YAML extension, Neovim or
Helix with the yaml-language-server) completes keys and flags mistakes while a scenario is typed
once the file's first line names the schema::

    # yaml-language-server: $schema=./scenario.schema.json

The schema is generated from the loader's own definitions
(:func:`standoff.scenario.scenario_schema`); it is the file the package ships as
``standoff/scenario/scenario.schema.json``, byte for byte.
"""

from __future__ import annotations

from standoff.cli._app import app
from standoff.cli._options import Debug, Output
from standoff.cli._run import destination

__all__ = ["schema"]


@app.command()
def schema(output: Output = None, debug: Debug = False) -> None:
    """The JSON Schema of the scenario format, for editors that check YAML as you type."""
    from standoff.scenario._schema import scenario_schema_json

    with destination(output, debug) as console:
        console.file.write(scenario_schema_json())
