"""Lesson 05, exercises 5.1 to 5.5: the coca area between two turns, coding a frame and a voice, agreement and kappa."""

from __future__ import annotations

import pandas as pd

from ...answers import Choice, Number
from ...datacache import remembered  # for helpers of the data that the feedback asks for again
from ...passages import CATEGORY_COLUMNS, cohen_kappa, load_passages, side_by_side
from ...series import NATIONAL, VRAEM, load_coca_series
from ...timeline import load_events
from .. import Exercise, register
from ..shapes import (
    SHARE,
    fraction_for_percent,
    near_any_figure,
    near_figure,
    other_figure,
    percent_for_share,
    share_of_the_rest,
    sign_reversed,
)
from .data import (
    AGREEMENT_COLUMN,
    EVIDENCE,
    FRAME_PASSAGE,
    FRAMES,
    MILITARY_EVENT,
    PLAN_EVENT,
    VOICE_PASSAGES,
    lettered,
    passage_row,
)

# ---------------------------------------------------------------- 5.1 coca area between two policy turns


@remembered
def _event_date(event_id: str) -> pd.Timestamp:
    events = load_events().set_index("event_id")
    return events.loc[event_id, "start"]


@remembered
def _vraem_years() -> pd.Series:
    """The VRAEM column of the preferred series, indexed by survey year (gaps absent)."""
    series = load_coca_series()
    return series[series["region"] == VRAEM].set_index("year")["hectares"].astype(float)


def _survey_end(year: int) -> pd.Timestamp:
    # a survey measures the area at 31 December of its year (lesson 03)
    return pd.Timestamp(year=int(year), month=12, day=31)


@remembered
def survey_years_between_turns() -> tuple[int, int]:
    """The first VRAEM survey measured after Plan VRAEM, and the last one measured before the military lead."""
    plan, military = _event_date(PLAN_EVENT), _event_date(MILITARY_EVENT)
    years = _vraem_years().index
    after = min(year for year in years if _survey_end(year) > plan)
    before = max(year for year in years if _survey_end(year) < military)
    return int(after), int(before)


def _change(start: int, end: int, region_values: pd.Series | None = None) -> float:
    values = _vraem_years() if region_values is None else region_values
    return (values.loc[end] - values.loc[start]) / values.loc[start] * 100


def coca_change_between_turns() -> float:
    """Percent change of the VRAEM coca area between the two surveys of :func:`survey_years_between_turns`."""
    return _change(*survey_years_between_turns())


def _vrae_base_change() -> float:
    """The change measured from the last VRAE survey before the plan (another area, before the renaming)."""
    plan = _event_date(PLAN_EVENT)
    years = _vraem_years().index
    start = max(year for year in years if _survey_end(year) < plan)
    return _change(start, survey_years_between_turns()[1])


def _after_military_change() -> float:
    """The change to the first survey after the military lead instead of the last before it."""
    military = _event_date(MILITARY_EVENT)
    end = min(year for year in _vraem_years().index if _survey_end(year) > military)
    return _change(survey_years_between_turns()[0], end)


def _wrong_base_change() -> float:
    start, end = survey_years_between_turns()
    values = _vraem_years()
    return (values.loc[end] - values.loc[start]) / values.loc[end] * 100


def _hectare_change() -> float:
    start, end = survey_years_between_turns()
    values = _vraem_years()
    return float(values.loc[end] - values.loc[start])


def _national_change() -> float:
    series = load_coca_series()
    national = series[series["region"] == NATIONAL].set_index("year")["hectares"].astype(float)
    return _change(*survey_years_between_turns(), region_values=national)


register(
    Exercise(
        id="5.1",
        title="The VRAEM's coca area between two turns in policy",
        answer=Number(tolerance=0.005, absolute=0.01, unit="percent", decimals=2),
        expected=coca_change_between_turns,
        look_again=(
            "Find the first VRAEM survey year measured after Plan VRAEM was launched and the last "
            "one measured before the military was put in the lead; then (later - earlier) / "
            "earlier * 100."
        ),
        hints=(
            "A survey measures the area at the end of its year: a survey year counts as 'after' an event "
            "when 31 December of that year comes after the event's date.",
            "Use only years that have a VRAEM value, and only VRAEM values: before 2012 the column holds "
            "the VRAE, a smaller area.",
            "Percent change = (later - earlier) / earlier * 100, with two decimals.",
        ),
        misreadings=(
            near_figure(
                _vrae_base_change,
                "Your starting year is a VRAE survey from before the plan: the VRAE did not yet "
                "include the Mantaro valley, so the two figures cover different areas. Start "
                "from the first survey of the VRAEM measured after the launch.",
                relative=True,
                within=0.02,
                decimals=2,
            ),
            near_figure(
                _after_military_change,
                "Your end year was measured after the military took the lead, so it mixes the "
                "two periods. Take the last survey measured before the October 2016 announcement.",
                relative=True,
                within=0.02,
                decimals=2,
            ),
            near_figure(
                _wrong_base_change,
                "You divided by the later year's area. A change is measured against the starting "
                "point: divide by the earlier year's area.",
                relative=True,
                within=0.005,
                decimals=2,
            ),
            near_figure(
                _hectare_change,
                "That is the change in hectares. The exercise asks for a percent change.",
                relative=True,
                within=0.02,
            ),
            near_figure(
                _national_change,
                "That is the change in the national area. The exercise asks about the VRAEM.",
                relative=True,
                within=0.02,
                decimals=2,
            ),
            sign_reversed(
                "The sign is off: go from the earlier year to the later one (later minus earlier)."
            ),
            fraction_for_percent(
                "That is a fraction. The exercise asks for percent: multiply by a hundred."
            ),
        ),
    )
)


# ---------------------------------------------------------------- 5.2 code one passage's frame


def frame_letter() -> str:
    """The option letter of the reconciled coding's frame for the passage of exercise 5.2."""
    frame = passage_row(FRAME_PASSAGE)["frame"]
    return next(letter for letter, option in lettered(FRAMES).items() if option == frame)


register(
    Exercise(
        id="5.2",
        title="Code a passage: which frame?",
        answer=Choice(
            options=lettered(FRAMES),
            why_not={
                "a": (
                    "The passage names a militarized strategy, but the question is what it puts "
                    "forward. Read the tie-breakers: a passage that weighs two approaches is coded "
                    "with the one it favours."
                ),
                "b": (
                    "Read the passage again and ask which approach it presents as the government's "
                    "step forward, and which one it sets aside."
                ),
                "c": (
                    "The codebook keeps this value for a passage that gives real weight to both "
                    "approaches together. A passage that contrasts them and favours one is coded "
                    "with the one it favours."
                ),
                "d": (
                    "The passage names an approach to the VRAEM and judges it, so it does frame the "
                    "debate. This value is for passages that touch the debate without either framing."
                ),
            },
        ),
        expected=frame_letter,
        look_again="Read the frame rules and the tie-breakers in the codebook again.",
        hints=(
            "Ask the codebook's question: what does this passage put forward as the problem or the remedy?",
            "Both approaches are named. The first tie-breaker says what to do with a contrast.",
        ),
    )
)


# ---------------------------------------------------------------- 5.3 whose voice?


def outlet_letter() -> str:
    """The one option of exercise 5.3 whose passage the reconciled coding records in the outlet's own voice."""
    passages = load_passages().set_index("passage_id")
    letters = [
        letter
        for letter, passage_id in lettered(VOICE_PASSAGES).items()
        if passages.loc[passage_id, "voice"] == "outlet"
    ]
    if len(letters) != 1:
        raise ValueError(
            f"exercise 5.3 needs exactly one passage in the outlet's voice among {VOICE_PASSAGES}"
        )
    return letters[0]


_NAMED = (
    "This passage names someone and presents what they said or reported: look for the verb of "
    "saying and its subject."
)

register(
    Exercise(
        id="5.3",
        title="Whose voice? The outlet's own, or reported speech",
        answer=Choice(
            options={
                letter: f"passage {passage_id}"
                for letter, passage_id in lettered(VOICE_PASSAGES).items()
            },
            why_not={
                "a": _NAMED,
                "b": (
                    '"thought to number" hides who thinks so, but the sentence as a whole is what a '
                    "named news agency reported: look at the first words."
                ),
                "c": (
                    'Look for a named or described source whose words the passage presents. "Are '
                    'thought to" and "is considered" name nobody; read the codebook\'s voice rules '
                    "on passive claims."
                ),
                "d": _NAMED,
            },
        ),
        expected=outlet_letter,
        look_again="Look for who is speaking in each passage.",
        hints=(
            'Reported speech names a source: "said", "stated", "told", "reported", "according to".',
            'A passive phrase such as "is thought" hides the source. Read the voice rules in the codebook: '
            "which voice does a passive claim with no source get?",
        ),
    )
)


# ---------------------------------------------------------------- 5.4 simple agreement


def agreement(column: str = AGREEMENT_COLUMN) -> float:
    """Share (0 to 1) of passages on which coders A and B give the same value of ``column``."""
    wide = side_by_side(column)
    return float((wide["A"] == wide["B"]).mean())


def _agreement_count() -> int:
    wide = side_by_side(AGREEMENT_COLUMN)
    return int((wide["A"] == wide["B"]).sum())


def _other_column_agreement() -> list[float]:
    return [agreement(column) for column in CATEGORY_COLUMNS if column != AGREEMENT_COLUMN]


register(
    Exercise(
        id="5.4",
        title="How often do the two coders agree on the evidence?",
        answer=SHARE,
        expected=agreement,
        look_again=(
            "Put the two codings of the evidence side by side (one column per coder), compare the "
            "columns row by row, and take the mean of the True/False result."
        ),
        hints=(
            'codings.pivot(index="passage_id", columns="coder", values="evidence") gives columns A and B.',
            'wide["A"] == wide["B"] is True where the two coders agree.',
            "The mean of a True/False column is the share of True values. Give a share between 0 and 1.",
        ),
        misreadings=(
            other_figure(
                _agreement_count,
                "That is a count of passages. The question asks for a share: divide by the number of passages.",
            ),
            percent_for_share(),
            share_of_the_rest(
                "That is the share of passages where the coders disagree. Flip the comparison."
            ),
            near_any_figure(
                _other_column_agreement,
                "That is the agreement on another column. This exercise is about the evidence.",
                within=0.005,
            ),
        ),
    )
)


# ---------------------------------------------------------------- 5.5 Cohen's kappa


def evidence_kappa() -> float:
    """Cohen's kappa between coders A and B on the evidence."""
    wide = side_by_side(AGREEMENT_COLUMN)
    return cohen_kappa(wide["A"], wide["B"])


def chance_agreement(column: str = AGREEMENT_COLUMN) -> float:
    """The agreement two coders with these shares of each value would reach by chance."""
    wide = side_by_side(column)
    shares = pd.concat(
        [wide["A"].value_counts(normalize=True), wide["B"].value_counts(normalize=True)], axis=1
    ).fillna(0)
    return float((shares.iloc[:, 0] * shares.iloc[:, 1]).sum())


def _uniform_chance_kappa() -> float:
    """Kappa with chance agreement 1/4 (as if each of the four values were equally likely)."""
    chance = 1 / len(EVIDENCE)
    return (agreement() - chance) / (1 - chance)


def _frame_kappa() -> float:
    wide = side_by_side("frame")
    return cohen_kappa(wide["A"], wide["B"])


#: Kappa is asked for with three decimals: some slips land within a hundredth of the key.
KAPPA_MARGIN = 0.0005


register(
    Exercise(
        id="5.5",
        title="Cohen's kappa for the evidence",
        answer=Number(tolerance=0, absolute=KAPPA_MARGIN, decimals=3),
        expected=evidence_kappa,
        look_again=(
            "kappa = (observed agreement - chance agreement) / (1 - chance agreement). Chance "
            "agreement is, for each kind of evidence, coder A's share of it times coder B's share "
            "of it, summed over the kinds."
        ),
        hints=(
            "The observed agreement is your answer to exercise 5.4.",
            'wide["A"].value_counts(normalize=True) gives coder A\'s share of each value; do the same '
            "for B, multiply the two (pandas lines them up by value) and .sum().",
            "Then (observed - chance) / (1 - chance). The result is at most 1, and 0 means no better "
            "than chance. Give three decimals.",
        ),
        misreadings=(
            near_figure(
                agreement,
                "That is the observed agreement. Kappa corrects it for the "
                "agreement two coders would reach by chance.",
                within=KAPPA_MARGIN,
                decimals=3,
            ),
            near_figure(
                chance_agreement,
                "That is the chance agreement, one step of the calculation. "
                "Kappa is (observed - chance) / (1 - chance).",
                within=KAPPA_MARGIN,
                decimals=3,
            ),
            near_figure(
                _uniform_chance_kappa,
                "Chance agreement depends on how often each coder "
                "used each value, not on the number of values: use the coders' shares.",
                within=KAPPA_MARGIN,
                decimals=3,
            ),
            near_figure(
                _frame_kappa,
                "That is kappa for the frame. This exercise is about the evidence.",
                within=KAPPA_MARGIN,
                decimals=3,
            ),
        ),
    )
)
