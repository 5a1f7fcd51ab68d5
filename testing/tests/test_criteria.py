"""The success criteria editor: rules saved into the guide draft, published with it."""

import pytest
from django.urls import reverse

from testing import services
from testing.criteria import Criterion, describe, parse, problems
from testing.models import TestGuide
from testing.selectors import criterion_questions

pytestmark = pytest.mark.django_db


def form_data(world, rows, *, base=None, guide=None):
    data = {
        "base": base if base is not None else services.criteria_token(guide),
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": str(sum(1 for row in rows if row.get("key"))),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        defaults = {
            "key": "",
            "question_key": "antal",
            "measure": "sum",
            "choice": "",
            "period": "week",
            "applies": "each",
            "comparison": "gte",
            "target": "8",
            "target_high": "",
            "min_answers": "1",
            "baseline_note": "",
            "note": "",
        }
        for name, value in {**defaults, **row}.items():
            data[f"criteria-{index}-{name}"] = value
    return data


def url(world):
    return reverse("testing:testguide_criteria", args=[world.initiative.pk])


def test_the_consultant_saves_criteria_into_the_draft_and_publishes_them(
    client_for, world
):
    client = client_for("consultant")
    page = client.get(url(world))
    assert page.status_code == 200
    assert "Antal henvisninger" in page.content.decode()
    response = client.post(
        url(world),
        form_data(
            world,
            [
                {
                    "target": "8,5",
                    f"baseline_{world.site_a.pk}": "4",
                    "note": "Fra guiden",
                }
            ],
            guide=world.guide,
        ),
    )
    assert response.status_code == 302
    world.guide.refresh_from_db()
    (criterion,) = parse(world.guide.criteria)
    assert str(criterion.target) == "8.5" and criterion.key
    assert criterion.baselines == {str(world.site_a.pk): 4}
    detail = client.get(response["Location"]).content.decode()
    assert "Kladden har succeskriterier, der ikke er udgivet endnu" in detail
    version = services.guide_publish(
        guide=world.guide, user=world.users["consultant"], change_note=""
    )
    assert parse(version.criteria) == [criterion]
    detail = client.get(reverse("testing:testguide_detail", args=[world.initiative.pk]))
    text = detail.content.decode()
    assert (
        "Antal henvisninger: summen i gennemsnit pr. uge skal være mindst 8,5 på hvert sted"
        in text
    )
    assert "ikke udgivet endnu" not in text


def test_a_changed_target_is_a_new_version_shown_as_a_change(client_for, world):
    client = client_for("consultant")
    client.post(url(world), form_data(world, [{"target": "5"}], guide=world.guide))
    world.guide.refresh_from_db()
    services.guide_publish(
        guide=world.guide, user=world.users["consultant"], change_note=""
    )
    key = parse(world.guide.criteria)[0].key
    client.post(
        url(world),
        form_data(
            world,
            [{"key": key, "target": "6"}],
            guide=TestGuide.objects.get(pk=world.guide.pk),
        ),
    )
    world.guide.refresh_from_db()
    services.guide_publish(
        guide=world.guide, user=world.users["consultant"], change_note=""
    )
    text = client.get(
        reverse("testing:testguide_detail", args=[world.initiative.pk])
    ).content.decode()
    assert (
        "Ændret: Antal henvisninger: summen i gennemsnit pr. uge skal være mindst 5"
        in text
    )
    assert "mindst 6 på hvert sted" in text


def test_a_stale_tab_is_refused_and_keeps_what_was_typed(client_for, world):
    client = client_for("consultant")
    stale = services.criteria_token(world.guide)
    client.post(url(world), form_data(world, [{"target": "5"}], base=stale))
    response = client.post(url(world), form_data(world, [{"target": "7"}], base=stale))
    assert response.status_code == 409
    text = response.content.decode()
    assert "ændret et andet sted" in text
    assert 'value="7"' in text  # what this tab typed is still there
    world.guide.refresh_from_db()
    assert parse(world.guide.criteria)[0].target == 5
    # Saving again from the refused page counts as made against what is stored now.
    base = text.split('name="base" value="')[1].split('"')[0]
    again = client.post(url(world), form_data(world, [{"target": "7"}], base=base))
    assert again.status_code == 302
    world.guide.refresh_from_db()
    assert [c.target for c in parse(world.guide.criteria)] == [7]


def test_a_double_click_saves_once(client_for, world):
    client = client_for("consultant")
    data = form_data(world, [{"target": "5", "key": "abc123"}], guide=world.guide)
    assert client.post(url(world), data).status_code == 302
    assert client.post(url(world), data).status_code == 302
    world.guide.refresh_from_db()
    assert len(world.guide.criteria) == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"question_key": "foto"}, "Vælg en af mulighederne på listen."),
        ({"measure": "share_yes"}, "kan ikke beregnes for spørgsmålet"),
        ({"comparison": "between", "target_high": "2"}, "Angiv et interval"),
        (
            {"comparison": "above_baseline", "applies": "all"},
            "Et udgangspunkt gælder pr. sted",
        ),
        ({"question_key": ""}, "Vælg det spørgsmål, der måles på."),
        ({"target": "1e400"}, "Tallet er for stort."),
        ({"target": "otte"}, "Skriv et tal, fx 8 eller 2,5."),
        ({"target": "NaN"}, ""),
        ({"measure": "<script>"}, "Vælg en af mulighederne på listen."),
        (
            {"measure": "schemas", "question_key": "", "target": "2,5"},
            "Et antal skemaer er et helt tal på 0 eller mere.",
        ),
        (
            {"measure": "schemas", "question_key": "", "target": "-1"},
            "Et antal skemaer er et helt tal på 0 eller mere.",
        ),
    ],
)
def test_bad_criteria_get_a_clear_error_and_nothing_is_saved(
    client_for, world, row, message
):
    client = client_for("consultant")
    response = client.post(url(world), form_data(world, [row], guide=world.guide))
    assert response.status_code == 200
    assert "Kriterierne blev ikke gemt" in response.content.decode()
    if message:
        assert message in response.content.decode()
    world.guide.refresh_from_db()
    assert world.guide.criteria == []


def test_impossible_targets_are_refused(world):
    from testing.criteria import QuestionRef

    questions = {
        "ja": QuestionRef("ja", "Ja?", "yes_no"),
        "skala": QuestionRef("skala", "Oplevelse", "scale"),
    }

    def rule(**kw):
        return Criterion(key="k", comparison="gte", **kw)

    assert problems(rule(measure="share_yes", question_key="ja", target=150), questions)
    assert problems(rule(measure="share_yes", question_key="ja", target=-20), questions)
    assert problems(rule(measure="mean", question_key="skala", target=9), questions)
    assert not problems(rule(measure="mean", question_key="skala", target=3), questions)
    assert not problems(
        rule(measure="share_yes", question_key="ja", target=50), questions
    )


def test_a_criterion_naming_a_removed_question_is_flagged(world):
    questions = criterion_questions(initiative_ids=[world.initiative.pk])[
        world.initiative.pk
    ]
    gone = Criterion(
        key="k", measure="sum", comparison="gte", target=1, question_key="fjernet"
    )
    assert problems(gone, questions) == [
        "Spørgsmålet findes ikke længere i skemaet (nøgle “fjernet”)."
    ]
    assert describe(gone, questions).startswith("fjernet:")


def test_the_page_says_when_a_criterion_names_a_removed_question(client_for, world):
    TestGuide.objects.filter(pk=world.guide.pk).update(
        criteria=[
            {
                "key": "k",
                "measure": "sum",
                "comparison": "gte",
                "target": "1",
                "question_key": "fjernet",
            }
        ]
    )
    text = client_for("consultant").get(url(world)).content.decode()
    assert "Nogle kriterier passer ikke længere til testskemaet" in text
    assert "Kriterie 1: Spørgsmålet findes ikke længere i skemaet" in text
    assert "(fjernet fra skemaet: fjernet)" in text


def test_only_the_consultant_edits_criteria(client_for, world):
    for role in ("coordinator_a", "steering"):
        assert client_for(role).get(url(world)).status_code == 403
    assert client_for("outsider").get(url(world)).status_code == 404


def test_stored_criteria_that_are_broken_are_read_without_a_500(client_for, world):
    TestGuide.objects.filter(pk=world.guide.pk).update(
        criteria=[{"target": "x", "measure": "?"}, "junk", {"baselines": {"1": "nan"}}]
    )
    assert client_for("consultant").get(url(world)).status_code == 200
    detail = reverse("testing:testguide_detail", args=[world.initiative.pk])
    assert client_for("consultant").get(detail).status_code == 200
