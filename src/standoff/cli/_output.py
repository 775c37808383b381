"""Results drawn in the format asked for: text (the terminal), JSON, Markdown or HTML."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from standoff.cli._options import Format

if TYPE_CHECKING:
    from rich.console import Console

    from standoff.pipeline import Results

__all__ = ["show"]


def show(
    console: Console,
    results: Results,
    output_format: Format,
    *,
    sections: Collection[str] | None = None,
    parties: bool = True,
) -> None:
    """Write ``results`` to ``console``: every section, or only ``sections`` (by key) in text;
    the key ``contents`` adds the summary of the file's other sections that ``check`` ends with."""
    if output_format is Format.json:
        from standoff.report import json_document

        document = json_document(results, parties=parties)
        console.file.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif output_format is Format.markdown:
        from standoff.report import briefing_markdown

        console.file.write(briefing_markdown(results))
    elif output_format is Format.html:
        from standoff.report import briefing_html

        console.file.write(briefing_html(results))
    else:
        from standoff.report import render_terminal
        from standoff.report._document import build_document
        from standoff.report._sections._contents import contents

        drawn = build_document(results)
        if sections is not None:
            kept = [s for s in drawn.sections if s.key in sections]
            if "contents" in sections and (summary := contents(results)) is not None:
                kept.append(summary)
            drawn = replace(drawn, sections=tuple(kept))
        console.print(render_terminal(drawn))
