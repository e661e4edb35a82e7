"""The course's chart style and renderer: call ``setup_charts()`` once per notebook."""

from __future__ import annotations

import base64
import html
import os
import warnings

import altair as alt
from altair.vegalite.v6.display import svg_renderer

from .contract import CHECK_MODE_VARIABLE, RENDERER_VARIABLE
from .i18n import N_, _

#: Okabe–Ito colours, ordered so that neighbours also differ in lightness
#: (they stay apart when printed in greyscale).
PALETTE = ["#0072B2", "#E69F00", "#000000", "#56B4E9", "#D55E00", "#009E73", "#CC79A7", "#F0E442"]
#: Shapes for points, so categories differ by more than colour.
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
FONT = "Helvetica, Arial, sans-serif"
# RENDERER_VARIABLE (vraem.contract) chooses the renderer: "svg" (default) or "interactive".


class ChartContractError(ValueError):
    """A course chart was drawn without a title, a description or a source."""


@alt.theme.register("vraem", enable=False)
def vraem_theme() -> alt.theme.ThemeConfig:
    """The course theme: readable sizes, colour-blind-safe colours, light grid."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 520, "continuousHeight": 280, "stroke": None},
            "title": {
                "fontSize": 16,
                "subtitleFontSize": 12,
                "anchor": "start",
                "subtitleColor": "#444444",
                "offset": 10,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "gridColor": "#e6e6e6",
                "domainColor": "#666666",
                "tickColor": "#666666",
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "range": {"category": PALETTE, "symbol": SHAPES},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 70, "filled": True},
        }
    }


def chart_problems(spec: dict) -> list[str]:
    """List what a chart spec lacks: a title, a description, a "Source:" line.

    ``chart_problems(chart.to_dict())`` is ``[]`` for a chart that meets the
    course's contract. The source goes in the title's subtitle. The problems are in
    English (marked with ``N_``); ``_(problem)`` shows one in the learner's language.
    """
    problems = []
    title = spec.get("title")
    if isinstance(title, str):
        title = {"text": title}
    if not title or not title.get("text"):
        problems.append(
            N_('a title (alt.Chart(..., title=alt.Title("...", subtitle="Source: ...")))')
        )
    subtitle = (title or {}).get("subtitle") or ""
    subtitle = " ".join(subtitle) if isinstance(subtitle, list) else subtitle
    # "Fuente:" is the same line in a Spanish lesson (source_line() writes it in the learner's language)
    if not any(word in subtitle.lower() for word in ("source", "fuente")):
        problems.append(N_('a source line in the subtitle ("Source: ...")'))
    if not str(spec.get("description") or "").strip():
        problems.append(
            N_(
                'a text description (alt.Chart(..., description="...")) for readers who cannot '
                "see it"
            )
        )
    return problems


def text_alternative(spec: dict) -> str:
    """The words that stand in for a chart for readers who cannot see it.

    ``text_alternative(chart.to_dict())`` is the chart's ``description``; a
    chart without one falls back to its title, so an image is never unnamed.
    """
    description = str(spec.get("description") or "").strip()
    if description:
        return description
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    text = " ".join(text) if isinstance(text, list) else str(text or "").strip()
    if text:
        return _("Chart: {title} (no description was given)").format(title=text)
    return _("A chart with no description")


def described_bundle(svg: str, alternative: str) -> dict[str, str]:
    """The output of one chart: SVG labelled with its description, and HTML with an ``alt``.

    JupyterLab, nbconvert and MyST-NB all prefer ``text/html`` to ``image/svg+xml``,
    and draw an SVG output as an ``<img>`` without ``alt``; the HTML is that same
    image with the description as its text alternative. The SVG itself carries
    it too (``role="img"``, ``aria-label``, ``<desc>``) for tools that inline it.
    """
    label = html.escape(alternative, quote=True)
    start = svg.find("<svg")
    end = svg.find(">", start)
    if start >= 0 and end > start:
        svg = (
            svg[:end]
            + f' role="img" aria-label="{label}">'
            + f"<desc>{label}</desc>"
            + svg[end + 1 :]
        )
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    image = f'<img src="data:image/svg+xml;base64,{encoded}" alt="{label}">'
    return {"text/html": image, "image/svg+xml": svg}


def _checked_svg(spec: dict, **kwargs) -> dict[str, str]:
    problems = chart_problems(spec)
    if problems:
        message = _("This chart still needs {missing}.").format(
            missing="; ".join(_(problem) for problem in problems)
        )
        if os.environ.get(CHECK_MODE_VARIABLE):
            raise ChartContractError(message)
        warnings.warn(message, stacklevel=2)
    bundle = svg_renderer(spec, **kwargs)
    return described_bundle(bundle["image/svg+xml"], text_alternative(spec))


# Altair's own SVG renderer (vl-convert, no network), behind the contract check.
alt.renderers.register("vraem-svg", _checked_svg)


def setup_charts(interactive: bool | None = None) -> None:
    """Switch on the course theme and a renderer that works with no network.

    ``setup_charts()`` at the top of a notebook makes every chart render as
    SVG: visible in JupyterLab offline, in exported HTML and in saved
    notebooks, with the chart's description as the image's text alternative.
    ``setup_charts(interactive=True)`` (or ``VRAEM_RENDERER=interactive``)
    uses Altair's offline interactive renderer instead, for tooltips and zoom
    while the kernel runs. Returns nothing, so the set-up cell shows no output;
    ``alt.renderers.active`` names the renderer in use.
    """
    if interactive is None:
        interactive = os.environ.get(RENDERER_VARIABLE, "svg").lower() == "interactive"
    alt.theme.enable("vraem")
    if interactive:
        alt.renderers.enable("jupyter", offline=True)
    else:
        alt.renderers.enable("vraem-svg")
