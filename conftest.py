"""Test-suite set-up shared by the unit tests and the notebook runs (nbval)."""

import os

import pytest

from vraem.contract import (
    CHECK_MODE_VARIABLE as MODE_VARIABLE,  # read by vraem.checks in each notebook's kernel
)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Tell each notebook's kernel what its checks must see, before the kernel starts.

    nbval starts one kernel per notebook, which inherits this process's
    environment: solution notebooks must answer every exercise correctly,
    lessons must leave every exercise unanswered.
    """
    folder = item.path.parent.name
    if folder == "es":  # solutions/es and lessons/es, the Spanish edition, run as their English
        folder = item.path.parent.parent.name
    if item.path.suffix == ".ipynb" and folder in ("solutions", "lessons"):
        os.environ[MODE_VARIABLE] = folder
    else:  # unit tests see the learner's default unless they set a mode themselves
        os.environ.pop(MODE_VARIABLE, None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Make nbval's ``raises-exception`` tag demand an error, not merely allow one."""
    result = yield
    options = getattr(item, "options", None)
    if options and options.get("check_exception") and type(item).__name__ == "IPyNbCell":
        outputs = getattr(item, "test_outputs", None) or []
        if not any(output.get("output_type") == "error" for output in outputs):
            pytest.fail(f"{item.nodeid}: tagged raises-exception but raised nothing", pytrace=False)
    return result
