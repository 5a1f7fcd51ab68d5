"""The three-way merge every page with shared text saves through (core/merge.py)."""

import datetime
from decimal import Decimal

import pytest
from django.utils.datastructures import MultiValueDict

from core.merge import canonical, posted_bases, posted_choices, three_way, token


@pytest.mark.parametrize(
    "a,b",
    [
        ("Tekst\r\nlinje 2 ", "Tekst\nlinje 2"),
        (Decimal("2.50"), Decimal("2.5")),
        (Decimal("100.00"), Decimal("100")),
        ("", None),
        ([], None),
        (["b", "a"], ["a", "b"]),
        (datetime.date(2017, 9, 18), datetime.date(2017, 9, 18)),
    ],
)
def test_equal_answers_have_equal_tokens(a, b):
    assert token(a) == token(b)


@pytest.mark.parametrize(
    "a,b",
    [("Tekst", "tekst"), (Decimal("2.5"), Decimal("25")), (0, None), ("no", "yes")],
)
def test_different_answers_have_different_tokens(a, b):
    assert token(a) != token(b)


def test_canonical_keeps_a_zero_and_false():
    assert canonical(0) == 0 and canonical(False) is False and canonical(Decimal(0))


def test_each_case_of_the_merge():
    base = {
        key: token(value) for key, value in {"a": 1, "b": 1, "c": 1, "d": 1}.items()
    }
    merge = three_way(
        mine={"a": 1, "b": 2, "c": 1, "d": 3},
        theirs={"a": 1, "b": 1, "c": 5, "d": 4},
        base=base,
    )
    assert merge.apply == {"b": 2}  # only the page changed it
    assert merge.refresh == {"c": 5}  # only the other side changed it
    assert list(merge.conflicts) == ["d"]  # both changed it, differently
    assert (merge.conflicts["d"].mine, merge.conflicts["d"].theirs) == (3, 4)
    assert merge.tokens == {"a": token(1), "b": token(2), "c": token(5)}


def test_both_sides_making_the_same_change_is_no_conflict():
    merge = three_way(mine={"a": "ja"}, theirs={"a": "ja"}, base={"a": token("nej")})
    assert not merge.conflicts and not merge.apply


def test_a_choice_counts_only_against_the_stored_value_it_was_made_against():
    base = {"a": token("start")}
    mine, theirs = {"a": "min"}, {"a": "deres"}
    keep_mine = three_way(
        mine=mine, theirs=theirs, base=base, choices={"a": ("mine", token("deres"))}
    )
    assert keep_mine.apply == {"a": "min"}
    keep_theirs = three_way(
        mine=mine, theirs=theirs, base=base, choices={"a": ("theirs", token("deres"))}
    )
    assert keep_theirs.refresh == {"a": "deres"} and not keep_theirs.apply
    # A third session saved again after the choice was shown: the choice is void.
    stale = three_way(
        mine=mine,
        theirs={"a": "tredje"},
        base=base,
        choices={"a": ("mine", token("deres"))},
    )
    assert list(stale.conflicts) == ["a"] and not stale.apply


def test_without_a_base_the_version_decides():
    same = three_way(mine={"a": 2}, theirs={"a": 1}, base={}, same_version=True)
    assert same.apply == {"a": 2}
    stale = three_way(mine={"a": 2}, theirs={"a": 1}, base={}, same_version=False)
    assert list(stale.conflicts) == ["a"]


def test_field_data_posts_a_choice_as_its_value_not_as_a_list():
    """A value stored meanwhile is put back into the form as a browser would post it;
    choice widgets format a value as a list, which must not become "['3']"."""
    from django import forms

    from core.merge_forms import field_data

    choice = forms.TypedChoiceField(choices=[(1, "en"), (3, "tre")], coerce=int)
    assert field_data(choice, 3) == ["3"]
    assert field_data(forms.CharField(), "tekst") == ["tekst"]
    assert field_data(forms.IntegerField(), None) == []


def test_a_posted_base_that_is_not_a_token_counts_as_none():
    """A tampered page's base (a NUL, a list, free text) is never stored or compared:
    PostgreSQL refused a NUL in the proposal's JSON with a server error."""
    real = token("Bibliotek")
    data = MultiValueDict(
        {
            "base-a": [real],
            "base-b": ["\x00"],
            "base-c": ["1", "abc"],
            "base-d": [real.upper()],
            "base-e": [real + "0"],
            "resolve-a": ["mine"],
            "seen-a": ["<script>"],
        }
    )
    assert posted_bases(data, ["a", "b", "c", "d", "e", "f"]) == {
        "a": real,
        "b": "",
        "c": "",
        "d": "",
        "e": "",
        "f": "",
    }
    assert posted_choices(data, ["a"]) == {"a": ("mine", "")}


def test_a_merged_form_with_exclude_merges_the_model_fields_it_shows():
    """Meta.fields is None when a ModelForm lists only `exclude` (or "__all__"); the
    merged fields are then the form's fields of the model (this used to raise
    TypeError: found by mypy)."""
    from django import forms
    from django.contrib.auth.models import Group

    from core.merge_forms import MergeModelFormMixin

    class GroupForm(MergeModelFormMixin, forms.ModelForm):
        note = forms.CharField(required=False)  # not a field of the model

        class Meta:
            model = Group
            exclude = ["permissions"]  # noqa: DJ006  (the case under test)

    form = GroupForm()
    assert form.merge_field_names() == ["name"]
    assert set(form.base_tokens) == {"name"}
