"""The public helpers are documented, and their docstrings open with a use."""

import inspect

import pytest

import vraem


@pytest.mark.parametrize("name", vraem.__all__)
def test_every_public_name_has_a_docstring(name):
    """Does each name learners import explain itself?"""
    assert inspect.getdoc(getattr(vraem, name))
