"""Cells that spreadsheets would run as formulas get a leading quote; everything else is left alone."""

import pytest

from cocreate.web.csv_cells import safe_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\0"])
def test_formula_starts_are_escaped(start):
    assert safe_cell(start + "SUM(A1:A9)") == "'" + start + "SUM(A1:A9)"


def test_other_values_pass_unchanged():
    assert [safe_cell(v) for v in ("Quiet zips", "", None, 3, 2.5, "a=b")] == [
        "Quiet zips",
        "",
        "",
        "3",
        "2.5",
        "a=b",
    ]
