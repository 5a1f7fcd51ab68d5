import datetime

from django.utils import translation

from core.templatetags.synergy_tags import iso_week, iso_week_range


def test_iso_week_of_a_date():
    assert iso_week(datetime.date(2017, 8, 21)) == 34
    assert iso_week(datetime.date(2021, 1, 3)) == 53  # ISO: still week 53 of 2020
    assert iso_week(None) == ""


def test_iso_week_ranges_in_danish_and_english():
    with translation.override("da"):
        assert (
            iso_week_range(datetime.date(2017, 8, 21), datetime.date(2017, 12, 1))
            == "uge 34–48 2017"
        )
        assert (
            iso_week_range(datetime.date(2017, 9, 11), datetime.date(2017, 9, 15))
            == "uge 37 2017"
        )
        assert (
            iso_week_range(datetime.date(2017, 12, 11), datetime.date(2018, 1, 12))
            == "uge 50 2017 – uge 2 2018"
        )
    with translation.override("en"):
        assert (
            iso_week_range(datetime.date(2017, 8, 21), datetime.date(2017, 12, 1))
            == "weeks 34–48 2017"
        )


def test_week_label():
    from core.templatetags.synergy_tags import week_label

    with translation.override("da"):
        assert week_label("2017-W36") == "uge 36 2017"
        assert week_label("ikke en uge") == "ikke en uge"
