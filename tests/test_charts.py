"""The chart theme and the renderer that works offline."""

import altair as alt
import pandas as pd
import pytest

from vraem import setup_charts
from vraem.charts import PALETTE, ChartContractError, chart_problems


def _luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_neighbouring_palette_colours_differ_in_greyscale():
    """Do the first five category colours stay apart when printed without colour?"""
    lightness = [_luminance(colour) for colour in PALETTE[:5]]
    for left, right in zip(lightness, lightness[1:], strict=False):
        assert abs(left - right) >= 0.1, (left, right)


def _chart(**properties):
    return alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_line().encode(x="x", y="y").properties(**properties)


def test_a_chart_without_title_source_or_description_is_flagged():
    """Does the contract name each missing part?"""
    assert len(chart_problems(_chart().to_dict())) == 3
    complete = _chart(title=alt.Title("T", subtitle="Source: test"), description="Two points.")
    assert chart_problems(complete.to_dict()) == []


def test_setup_renders_svg_with_no_network():
    """Does the course renderer give an SVG (drawn locally) rather than CDN-loading HTML?"""
    assert setup_charts().startswith("svg")
    bundle = alt.renderers.get()(_chart(title=alt.Title("T", subtitle="Source: t"), description="d").to_dict())
    assert set(bundle) == {"image/svg+xml"}
    assert bundle["image/svg+xml"].startswith("<svg") and "cdn" not in bundle["image/svg+xml"]


def test_under_the_tests_an_incomplete_chart_is_an_error(monkeypatch):
    """Does the renderer refuse an undescribed chart when notebooks run in CI?"""
    setup_charts()
    monkeypatch.setenv("VRAEM_CHECK_MODE", "solutions")
    with pytest.raises(ChartContractError, match="title"):
        alt.renderers.get()(_chart().to_dict())


def test_for_learners_an_incomplete_chart_still_draws_with_a_warning(monkeypatch):
    """Does a learner's bare chart still show, with a nudge?"""
    setup_charts()
    monkeypatch.delenv("VRAEM_CHECK_MODE", raising=False)
    with pytest.warns(UserWarning, match="description"):
        bundle = alt.renderers.get()(_chart().to_dict())
    assert "image/svg+xml" in bundle


def test_interactive_mode_uses_the_offline_widget_renderer():
    """Does setup_charts(interactive=True) pick Altair's offline interactive renderer?"""
    assert "interactive" in setup_charts(interactive=True)
    assert alt.renderers.active == "jupyter"
    setup_charts()
