"""The display hook: how result records show themselves in a notebook.

Result records implement ``_repr_html_`` (the method Jupyter calls) as ``_display.html(self)``.
The core does not render, and it must not import the report layer that does (layers point one
way), so the report layer's renderer is registered here from above, by the package facade, with
:func:`set_html_renderer`. Until one is registered, a record shows as its ``repr``, escaped, in a
``<pre>`` block. This module imports nothing from standoff.

Examples
--------
>>> from standoff import _display
>>> previous = _display.html_renderer()
>>> _display.set_html_renderer(None)
>>> _display.html("a < b")
'<pre>&#x27;a &lt; b&#x27;</pre>'
>>> _display.set_html_renderer(lambda record: f"<b>{record}</b>")
>>> _display.html(42)
'<b>42</b>'
>>> _display.set_html_renderer(previous)
"""

from __future__ import annotations

import html as _html
from collections.abc import Callable

__all__ = ["HtmlRenderer", "Shown", "html", "html_renderer", "set_html_renderer"]

HtmlRenderer = Callable[[object], str]
"""Turns a result record into the HTML fragment a notebook shows."""

_renderer: HtmlRenderer | None = None


def set_html_renderer(renderer: HtmlRenderer | None) -> None:
    """Register ``renderer`` for :func:`html` (``None`` restores the plain fallback).

    Parameters
    ----------
    renderer
        Called with a result record; returns an HTML fragment. It replaces any renderer
        registered before.
    """
    global _renderer
    _renderer = renderer


def html_renderer() -> HtmlRenderer | None:
    """The renderer registered now, or ``None`` (so that a caller can restore it later)."""
    return _renderer


def html(record: object) -> str:
    """The HTML a notebook shows for ``record``.

    Parameters
    ----------
    record
        A result record (or any object).

    Returns
    -------
    str
        The registered renderer's fragment, or, when none is registered, ``<pre>`` with the
        record's ``repr``, HTML-escaped.
    """
    if _renderer is not None:
        return _renderer(record)
    return f"<pre>{_html.escape(repr(record))}</pre>"


class Shown:
    """A mixin for result records: Jupyter shows them through :func:`html`."""

    def _repr_html_(self) -> str:
        """The HTML Jupyter shows, from the renderer registered here."""
        return html(self)
