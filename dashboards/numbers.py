"""Figures written the way the page's language writes them (Danish: 1.234; 2,5;
40 %), the same on the pages, in the chart summaries and in the catalogue.

"–" stands for no figure (no answers, or nothing to divide by)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

NONE = "–"


def _rounded(value: Decimal | float | int, places: int) -> Decimal:
    """Rounded half up (number_format itself cuts the digits off: 3,66 → "3,6")."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def figure(value: Decimal | float | int | None) -> str:
    """A count, sum or mean: whole numbers without decimals (1.234), others rounded
    to one (2,5; 4,3; 3,96 → "4")."""
    if value is None:
        return NONE
    rounded = _rounded(value, 1)
    if rounded == rounded.to_integral_value():
        return number_format(int(rounded), force_grouping=True)
    return number_format(rounded, decimal_pos=1, force_grouping=True)


def rate(value: Decimal | float | None) -> str:
    """A figure per open hour or per staff member: one decimal (3,4), two below one
    (0,08), so a small rate does not read as nothing."""
    if value is None:
        return NONE
    places = 2 if abs(float(value)) < 1 else 1
    return number_format(
        _rounded(value, places), decimal_pos=places, force_grouping=True
    )


def percent(share: float | None) -> str:
    """A share 0–1 as a whole percentage: 0.4 → "40 %"."""
    if share is None:
        return NONE
    return f"{number_format(round(share * 100), force_grouping=True)} %"
