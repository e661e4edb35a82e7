"""Reading kappa by Landis and Koch's bands, taken from the reference notes, item (m)."""

import math

import pytest

from vraem.kappa import CONVENTION, kappa_reading, kappa_scale
from vraem.provenance import reference_text


def test_the_scale_is_the_one_the_reference_notes_give():
    """Are the six bands, their ends and their names those of reference item (m)?"""
    scale = kappa_scale()
    assert scale["label"].tolist() == [
        "poor",
        "slight",
        "fair",
        "moderate",
        "substantial",
        "almost perfect",
    ]
    assert scale["low"].iloc[0] == -math.inf and scale["high"].iloc[0] == 0
    assert scale[["low", "high"]].iloc[1:].values.tolist() == [
        [0.0, 0.2],
        [0.21, 0.4],
        [0.41, 0.6],
        [0.61, 0.8],
        [0.81, 1.0],
    ]
    notes = reference_text()
    for band in scale.iloc[1:].itertuples():
        assert f"{band.low:.2f}–{band.high:.2f} {band.label}" in notes


@pytest.mark.parametrize(
    ("kappa", "label"),
    [
        (-0.1, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.205, "fair"),
        (0.55, "moderate"),
        (0.6, "moderate"),
        (0.61, "substantial"),
        (0.7, "substantial"),
        (0.97, "almost perfect"),
        (1.0, "almost perfect"),
        (float("nan"), "undefined"),
    ],
)
def test_a_kappa_is_read_into_its_band(kappa, label):
    """Does each kappa fall in the band the scale gives, upper ends included?"""
    assert kappa_reading(kappa) == label


def test_the_reading_says_it_is_a_convention_and_where_it_comes_from():
    """Does the sentence shown with a reading name the authors, the convention and the notes' item?"""
    assert (
        "Landis and Koch" in CONVENTION and "convention" in CONVENTION and "item (m)" in CONVENTION
    )
    assert "The scale is a convention, not a test" in reference_text()
