"""The chart theme and the renderer that works offline."""

import altair as alt
import pandas as pd
import pytest

from vraem import setup_charts
from vraem.charts import PALETTE, ChartContractError, chart_problems
from vraem.contract import CHECK_MODE_VARIABLE


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_neighbouring_palette_colours_differ_in_greyscale():
    """Do the first five category colours stay apart when printed without colour?"""
    lightness = [_luminance(colour) for colour in PALETTE[:5]]
    for left, right in zip(lightness, lightness[1:], strict=False):
        assert abs(left - right) >= 0.1, (left, right)


def _chart(**properties):
    return (
        alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]}))
        .mark_line()
        .encode(x="x", y="y")
        .properties(**properties)
    )


def test_a_chart_without_title_source_or_description_is_flagged():
    """Does the contract name each missing part?"""
    assert len(chart_problems(_chart().to_dict())) == 3
    complete = _chart(title=alt.Title("T", subtitle="Source: test"), description="Two points.")
    assert chart_problems(complete.to_dict()) == []


def test_setup_renders_svg_with_no_network():
    """Does the course renderer give an SVG (drawn locally) rather than CDN-loading HTML?"""
    setup_charts()
    assert alt.renderers.active == "vraem-svg"
    bundle = alt.renderers.get()(
        _chart(title=alt.Title("T", subtitle="Source: t"), description="d").to_dict()
    )
    assert set(bundle) == {"text/html", "image/svg+xml"}
    assert bundle["image/svg+xml"].startswith("<svg") and "cdn" not in bundle["image/svg+xml"]
    assert "<script" not in bundle["text/html"] and "cdn" not in bundle["text/html"]


def _image_and_svg(bundle):
    """The <img> element of a chart's HTML output and the SVG it shows."""
    import base64

    from bs4 import BeautifulSoup

    image = BeautifulSoup(bundle["text/html"], "html.parser").find("img")
    prefix = "data:image/svg+xml;base64,"
    assert image["src"].startswith(prefix)
    return image, BeautifulSoup(
        base64.b64decode(image["src"][len(prefix) :]).decode("utf-8"), "html.parser"
    )


def test_the_description_is_the_images_text_alternative():
    """Is the chart's description the alt of its image and the label of its SVG, escaped safely?"""
    setup_charts()
    description = 'Two points: 3 & 4 "hectares" <rising>.'
    spec = _chart(title=alt.Title("T", subtitle="Source: t"), description=description).to_dict()
    bundle = alt.renderers.get()(spec)
    image, svg = _image_and_svg(bundle)
    assert image["alt"] == description
    root = svg.find("svg")
    assert root["aria-label"] == description and root["role"] == "img"
    assert root.find("desc").get_text() == description
    from bs4 import BeautifulSoup

    plain_svg = BeautifulSoup(bundle["image/svg+xml"], "html.parser").find("svg")
    assert plain_svg["aria-label"] == description  # the SVG output alone carries it too


def test_a_chart_without_a_description_still_gets_a_name(monkeypatch):
    """Is a learner's undescribed chart named by its title rather than left without alt?"""
    setup_charts()
    monkeypatch.delenv(CHECK_MODE_VARIABLE, raising=False)
    with pytest.warns(UserWarning):
        bundle = alt.renderers.get()(_chart(title="Coca by year").to_dict())
    image, _ = _image_and_svg(bundle)
    assert "Coca by year" in image["alt"]


def test_under_the_tests_an_incomplete_chart_is_an_error(monkeypatch):
    """Does the renderer refuse an undescribed chart when notebooks run in CI?"""
    setup_charts()
    monkeypatch.setenv(CHECK_MODE_VARIABLE, "solutions")
    with pytest.raises(ChartContractError, match="title"):
        alt.renderers.get()(_chart().to_dict())


def test_for_learners_an_incomplete_chart_still_draws_with_a_warning(monkeypatch):
    """Does a learner's bare chart still show, with a nudge?"""
    setup_charts()
    monkeypatch.delenv(CHECK_MODE_VARIABLE, raising=False)
    with pytest.warns(UserWarning, match="description"):
        bundle = alt.renderers.get()(_chart().to_dict())
    assert "image/svg+xml" in bundle


def test_interactive_mode_uses_the_offline_widget_renderer():
    """Does setup_charts(interactive=True) pick Altair's offline interactive renderer?"""
    setup_charts(interactive=True)
    assert alt.renderers.active == "jupyter"
    setup_charts()


def test_in_a_notebook_setup_prints_nothing_and_exported_html_carries_the_description(tmp_path):
    """Run a notebook for real: no stray output after setup_charts(), and nbconvert's HTML
    gives the chart its description as alt (not "No description has been provided")."""
    import nbformat
    from bs4 import BeautifulSoup
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    description = "A line rising from 3 to 4 between x = 1 and x = 2."
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from vraem import setup_charts\nimport altair as alt\n"
                "import pandas as pd\n\nsetup_charts()"
            ),
            nbformat.v4.new_code_cell(
                "alt.Chart(pd.DataFrame({'x': [1, 2], 'y': [3, 4]}), title=alt.Title('T', subtitle='Source: test'),\n"
                f"          description={description!r}).mark_line().encode(x='x', y='y')"
            ),
        ]
    )
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    assert notebook.cells[0].outputs == []
    page, _ = HTMLExporter().from_notebook_node(notebook)
    images = BeautifulSoup(page, "html.parser").select(".jp-OutputArea-output img")
    assert [image["alt"] for image in images] == [description]
    assert "No description has been provided" not in page


def test_a_spanish_source_line_counts_as_the_source_line():
    """Is a chart captioned in Spanish ("Fuente: ...", as source_line() writes it in a Spanish
    lesson) held to the same contract, not flagged for a missing source?"""
    spanish = _chart(title=alt.Title("T", subtitle="Fuente: prueba"), description="Dos puntos.")
    assert chart_problems(spanish.to_dict()) == []
    unsourced = _chart(title=alt.Title("T", subtitle="prueba"), description="Dos puntos.")
    assert len(chart_problems(unsourced.to_dict())) == 1
