"""The buckets every summary and criterion is computed from."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest

from dashboards.selectors.buckets import (
    FINAL,
    answer_buckets,
    question_infos,
    run_weeks,
)

pytestmark = pytest.mark.django_db


def test_buckets_add_up_counted_answers_of_every_kind(every_kind):
    initiative, ringsted, roskilde = every_kind
    buckets = answer_buckets(initiative_ids=[initiative.pk], site_ids=None)
    r = lambda key: buckets[initiative.pk, ringsted.pk, key]  # noqa: E731
    assert set(r("antal")) == {37, 38}  # week 39 is a draft: not counted
    assert (r("antal")[37].total, r("antal")[38].total) == (3, 5)
    assert r("timer")[37].total == Decimal("2.5") and r("timer")[37].low == Decimal(
        "2.5"
    )
    assert r("oplevelse")[37].values == Counter({4: 1})
    assert (r("justering")[37].yes, r("justering")[37].answers) == (1, 1)
    assert (r("justering")[38].yes, r("justering")[38].answers) == (0, 1)
    assert r("reaktion")[38].values == Counter({"Negativt": 1})
    assert r("kanaler")[37].values == Counter({"Skranke": 1, "Telefon": 1})
    assert r("kanaler")[37].answers == 1
    assert r("dato")[37].answers == 1 and 38 not in r("dato")
    assert r("noter")[37].answers == 1 and 38 not in r("noter")
    assert (initiative.pk, ringsted.pk, "foto") not in buckets
    k = buckets[initiative.pk, roskilde.pk, "antal"]
    assert set(k) == {37} and k[37].total == 7


def test_buckets_for_one_site_only(every_kind):
    initiative, ringsted, _roskilde = every_kind
    buckets = answer_buckets(initiative_ids=[initiative.pk], site_ids={ringsted.pk})
    assert {site for _i, site, _k in buckets} == {ringsted.pk}


def test_run_weeks_say_which_weeks_were_counted(every_kind):
    initiative, ringsted, roskilde = every_kind
    weeks = run_weeks(initiative_ids=[initiative.pk], site_ids=None)
    ring = weeks[initiative.pk, ringsted.pk]
    assert ring.weeks == [37, 38, 39] and not ring.has_final
    assert ring.counted == {37, 38}
    assert weeks[initiative.pk, roskilde.pk].counted == {37}
    assert isinstance(ring.due[37], datetime.date)
    assert FINAL not in ring.counted


def test_question_infos_follow_the_newest_version(every_kind):
    initiative, *_ = every_kind
    infos = question_infos(initiative_ids=[initiative.pk])[initiative.pk]
    assert list(infos)[:3] == ["antal", "timer", "oplevelse"]
    assert infos["citater"].holds_personal_data
    assert infos["reaktion"].choices == ("Positivt", "Negativt")
    assert "foto" not in infos
