"""When a section or a question is shown: conditions on other answers, the period, the site.

A condition is kept with its section or question (`condition`, a plain dict; {} means
"always"). It can say three things, all of which must hold:

- in which schemas: every schema, only the weekly ones or only the final evaluation;
- at which sites: every site, or only some;
- which answers: rules on earlier answers of the same schema ("Har I haft
  arrangementer?" is Ja; "Antal henvendelser" is at least 5; "Emne" has "Rejser"
  chosen), joined by "and" or "or". A rule may also be a group of rules with its own
  join, so (a and (b or c)) can be kept; the builder edits one level.

A rule may only look at questions before the one it belongs to, so the schema is read
once from the top: a question hidden by its condition counts as unanswered for the
questions after it. The server decides what is shown (`visible_keys`); the browser's
showing and hiding (static/js/schema-logic.js) is a convenience.

Hidden questions are neither required nor saved; an answer saved before its question
became hidden is kept, marked hidden, and not counted (Answer.hidden).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .question_kinds import SUMMARY_CHOICES, SUMMARY_YES_NO, kind_of

MAX_RULES = 10
MAX_DEPTH = 3


class Periods(models.TextChoices):
    ALL = "", gettext_lazy("I alle skemaer")
    WEEK = "week", gettext_lazy("Kun i ugeskemaerne")
    FINAL = "final", gettext_lazy("Kun i slutevalueringen")


class Match(models.TextChoices):
    ALL = "all", gettext_lazy("alle reglerne gælder (og)")
    ANY = "any", gettext_lazy("mindst én af reglerne gælder (eller)")


class RuleTest(models.TextChoices):
    YES = "yes", gettext_lazy("er “Ja”")
    NO = "no", gettext_lazy("er “Nej”")
    CHOSEN = "chosen", gettext_lazy("har valgt")
    NOT_CHOSEN = "not_chosen", gettext_lazy("har ikke valgt")
    EQ = "eq", gettext_lazy("er lig med (=)")
    NE = "ne", gettext_lazy("er forskellig fra (≠)")
    GT = "gt", gettext_lazy("er større end (>)")
    GE = "ge", gettext_lazy("er mindst (≥)")
    LT = "lt", gettext_lazy("er mindre end (<)")
    LE = "le", gettext_lazy("er højst (≤)")
    ANSWERED = "answered", gettext_lazy("er besvaret")
    UNANSWERED = "unanswered", gettext_lazy("er ikke besvaret")


NUMBER_TESTS = {
    RuleTest.EQ,
    RuleTest.NE,
    RuleTest.GT,
    RuleTest.GE,
    RuleTest.LT,
    RuleTest.LE,
}
CHOICE_TESTS = {RuleTest.CHOSEN, RuleTest.NOT_CHOSEN}
YES_NO_TESTS = {RuleTest.YES, RuleTest.NO}
ALWAYS_TESTS = {RuleTest.ANSWERED, RuleTest.UNANSWERED}
# Tests that compare with a value typed or picked in the builder.
VALUE_TESTS = NUMBER_TESTS | CHOICE_TESTS


def tests_for(kind: str) -> set[str]:
    """The tests a rule on a question of this kind may make."""
    definition = kind_of(kind)
    if definition.summary == SUMMARY_YES_NO:
        return YES_NO_TESTS | ALWAYS_TESTS
    if definition.summary == SUMMARY_CHOICES:
        return CHOICE_TESTS | ALWAYS_TESTS
    if definition.is_numeric:
        return NUMBER_TESTS | ALWAYS_TESTS
    if definition.column is None:  # photos: not part of the form
        return set()
    return set(ALWAYS_TESTS)


@dataclass(frozen=True)
class Rule:
    question: str
    test: str
    value: Any = None


@dataclass(frozen=True)
class Group:
    match: str = Match.ALL
    rules: tuple[Rule | Group, ...] = ()


@dataclass(frozen=True)
class Condition:
    periods: str = Periods.ALL
    sites: tuple[int, ...] = ()
    match: str = Match.ALL
    rules: tuple[Rule | Group, ...] = ()
    # What could not be read of the stored condition (shown in the builder).
    unreadable: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_always(self) -> bool:
        return not self.periods and not self.sites and not self.rules

    def to_stored(self) -> dict[str, Any]:
        if self.is_always:
            return {}
        stored: dict[str, Any] = {}
        if self.periods:
            stored["periods"] = self.periods
        if self.sites:
            stored["sites"] = sorted(self.sites)
        if self.rules:
            stored["match"] = self.match
            stored["rules"] = [_rule_to_stored(rule) for rule in self.rules]
        return stored

    def rule_keys(self) -> set[str]:
        return set(_keys(self.rules))


def _rule_to_stored(rule: Rule | Group) -> dict[str, Any]:
    if isinstance(rule, Group):
        return {"match": rule.match, "rules": [_rule_to_stored(r) for r in rule.rules]}
    stored: dict[str, Any] = {"question": rule.question, "test": rule.test}
    if rule.test in VALUE_TESTS:
        stored["value"] = rule.value
    return stored


def _keys(rules: Iterable[Rule | Group]) -> Iterable[str]:
    for rule in rules:
        if isinstance(rule, Group):
            yield from _keys(rule.rules)
        else:
            yield rule.question


def _parse_rules(
    raw: Any, depth: int, unreadable: list[str]
) -> tuple[Rule | Group, ...]:
    if not isinstance(raw, list):
        return ()
    rules: list[Rule | Group] = []
    for item in raw[:MAX_RULES]:
        if not isinstance(item, Mapping):
            unreadable.append(repr(item)[:60])
        elif "rules" in item:
            if depth >= MAX_DEPTH:
                unreadable.append(_("en for dyb gruppe af regler"))
                continue
            match = (
                str(item.get("match")) if item.get("match") in Match.values else "all"
            )
            rules.append(
                Group(
                    match=match,
                    rules=_parse_rules(item["rules"], depth + 1, unreadable),
                )
            )
        elif (
            isinstance(item.get("question"), str)
            and item.get("test") in RuleTest.values
        ):
            rules.append(
                Rule(
                    question=item["question"],
                    test=item["test"],
                    value=item.get("value"),
                )
            )
        else:
            unreadable.append(repr(dict(item))[:60])
    return tuple(rules)


def parse(stored: Any) -> Condition:
    """The condition kept with a section or question; "always" for {} or None.

    Never raises: what cannot be read is listed in `unreadable` (and the rest kept), so
    a damaged condition shows in the builder instead of breaking the schema."""
    if not isinstance(stored, Mapping) or not stored:
        return Condition()
    unreadable: list[str] = []
    periods = stored.get("periods", "")
    if periods not in Periods.values:
        unreadable.append(str(periods)[:60])
        periods = ""
    sites: list[int] = []
    for site in stored.get("sites") or []:
        if isinstance(site, int) and not isinstance(site, bool):
            sites.append(site)
        else:
            unreadable.append(str(site)[:60])
    match = str(stored["match"]) if stored.get("match") in Match.values else "all"
    rules = _parse_rules(stored.get("rules"), 1, unreadable)
    return Condition(
        periods=periods,
        sites=tuple(sites),
        match=match,
        rules=rules,
        unreadable=tuple(unreadable),
    )


# Evaluating


def number(value: Any) -> Decimal | None:
    """A rule's value or an answer as a number (Danish "2,5" too); None if it is none."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    text = str(value).strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        result = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _answered(value: Any) -> bool:
    return value not in (None, "", [])


def rule_holds(rule: Rule, values: Mapping[str, Any]) -> bool:
    """Whether one rule holds for `values` (question key → form value: "yes"/"no", a
    choice, a list of choices, a number, a text, a date; None when unanswered)."""
    value = values.get(rule.question)
    test = rule.test
    if test == RuleTest.ANSWERED:
        return _answered(value)
    if test == RuleTest.UNANSWERED:
        return not _answered(value)
    if test == RuleTest.YES:
        return value == "yes"
    if test == RuleTest.NO:
        return value == "no"
    if test in CHOICE_TESTS:
        chosen = value if isinstance(value, list) else [value] if value else []
        is_chosen = str(rule.value) in [str(c) for c in chosen]
        # "has not chosen" needs an answer: an unanswered choice says nothing yet.
        return is_chosen if test == RuleTest.CHOSEN else bool(chosen) and not is_chosen
    answer, target = number(value), number(rule.value)
    if answer is None or target is None:
        return False
    return {
        RuleTest.EQ: answer == target,
        RuleTest.NE: answer != target,
        RuleTest.GT: answer > target,
        RuleTest.GE: answer >= target,
        RuleTest.LT: answer < target,
        RuleTest.LE: answer <= target,
    }[RuleTest(test)]


def _holds(
    match: str, rules: Sequence[Rule | Group], values: Mapping[str, Any]
) -> bool:
    results = (
        _holds(r.match, r.rules, values)
        if isinstance(r, Group)
        else rule_holds(r, values)
        for r in rules
    )
    if not rules:
        return True
    return any(results) if match == Match.ANY else all(results)


def applies_to(condition: Condition, *, period: str, site_id: int | None) -> bool:
    """The condition's period and sites allow a schema of `period` ("week"/"final")
    at `site_id` (what holds whatever is answered). An empty period or no site means
    any (the builder's preview of the whole schema)."""
    if condition.periods and period and condition.periods != period:
        return False
    return not condition.sites or site_id is None or site_id in condition.sites


def holds(
    condition: Condition,
    values: Mapping[str, Any],
    *,
    period: str,
    site_id: int | None,
) -> bool:
    """The whole condition holds for a schema of `period` at `site_id` with `values`."""
    if not applies_to(condition, period=period, site_id=site_id):
        return False
    return _holds(condition.match, condition.rules, values)


@dataclass(frozen=True)
class Item:
    """A question as the evaluation needs it, in schema order."""

    key: str
    section: int  # the section's id
    condition: Condition


def visible_keys(
    sections: Sequence[tuple[int, Condition]],
    items: Sequence[Item],
    values: Mapping[str, Any],
    *,
    period: str,
    site_id: int | None,
) -> set[str]:
    """The keys of the questions shown, reading the schema once from the top.

    `sections` are (section id, condition) in order, `items` the questions in order.
    A question is shown when its section's condition and its own hold; a hidden
    question counts as unanswered for every question after it."""
    seen: dict[str, Any] = {}
    shown: set[str] = set()
    section_conditions = dict(sections)
    for item in items:
        section_condition = section_conditions.get(item.section, Condition())
        if holds(section_condition, seen, period=period, site_id=site_id) and holds(
            item.condition, seen, period=period, site_id=site_id
        ):
            shown.add(item.key)
            seen[item.key] = values.get(item.key)
        else:
            seen[item.key] = None
    return shown


# The builder: what is wrong with a condition, and the condition in words


@dataclass(frozen=True)
class QuestionRef:
    """What a condition needs to know of a question it may look at."""

    key: str
    text: str
    kind: str
    choices: tuple[str, ...] = ()


def problems(
    condition: Condition,
    *,
    before: Mapping[str, QuestionRef],
    everywhere: Mapping[str, QuestionRef],
    sites: Mapping[int, str],
    own_key: str = "",
) -> list[str]:
    """What is wrong with a condition: a rule on a question removed from the schema or
    placed after this one, a test that does not fit the question, a choice the question
    no longer has, a number that is not one, a site no longer in the test.

    `before` holds the questions a rule may look at (those before), `everywhere` all of
    the schema version's questions, `sites` the sites of the initiative's test."""
    found = [
        _("En del af betingelsen kunne ikke læses og bliver ikke brugt: %(what)s.")
        % {"what": what}
        for what in condition.unreadable
    ]
    for site_id in condition.sites:
        if site_id not in sites:
            found.append(
                _("Betingelsen nævner et sted, der ikke længere er med i afprøvningen.")
            )
    found.extend(_rule_problems(condition.rules, before, everywhere, own_key))
    return found


def _rule_problems(
    rules: Iterable[Rule | Group],
    before: Mapping[str, QuestionRef],
    everywhere: Mapping[str, QuestionRef],
    own_key: str,
) -> list[str]:
    found: list[str] = []
    for rule in rules:
        if isinstance(rule, Group):
            found.extend(_rule_problems(rule.rules, before, everywhere, own_key))
            continue
        ref = before.get(rule.question)
        if ref is None:
            if rule.question == own_key:
                found.append(_("Et spørgsmål kan ikke afhænge af sit eget svar."))
            elif rule.question in everywhere:
                found.append(
                    _(
                        "Betingelsen ser på “%(question)s”, som står længere nede i "
                        "skemaet. Flyt spørgsmålet op, eller vælg et andet."
                    )
                    % {"question": everywhere[rule.question].text}
                )
            else:
                found.append(
                    _(
                        "Betingelsen ser på et spørgsmål, der er fjernet fra skemaet "
                        "(nøgle “%(key)s”). Vælg et andet, eller fjern reglen."
                    )
                    % {"key": rule.question}
                )
            continue
        if rule.test not in tests_for(ref.kind):
            found.append(
                _("“%(test)s” passer ikke til spørgsmålet “%(question)s”.")
                % {"test": RuleTest(rule.test).label, "question": ref.text}
            )
        elif rule.test in CHOICE_TESTS and str(rule.value) not in ref.choices:
            found.append(
                _("“%(question)s” har ikke valgmuligheden “%(choice)s”.")
                % {"question": ref.text, "choice": rule.value}
            )
        elif rule.test in NUMBER_TESTS and number(rule.value) is None:
            found.append(
                _("Skriv et tal at sammenligne “%(question)s” med.")
                % {"question": ref.text}
            )
    return found


def _value_text(rule: Rule) -> str:
    if rule.test in NUMBER_TESTS:
        value = number(rule.value)
        return number_format(value, force_grouping=True) if value is not None else "?"
    if rule.test in CHOICE_TESTS:
        return f"“{rule.value}”"
    return ""


def _describe_rules(
    match: str, rules: Sequence[Rule | Group], questions: Mapping[str, QuestionRef]
) -> str:
    parts = []
    for rule in rules:
        if isinstance(rule, Group):
            parts.append(f"({_describe_rules(rule.match, rule.rules, questions)})")
            continue
        ref = questions.get(rule.question)
        name = f"“{ref.text}”" if ref else _("(et fjernet spørgsmål)")
        test = RuleTest(rule.test).label if rule.test in RuleTest.values else rule.test
        parts.append(" ".join(p for p in (name, str(test), _value_text(rule)) if p))
    joiner = _(" eller ") if match == Match.ANY else _(" og ")
    return joiner.join(parts)


def describe(
    condition: Condition,
    *,
    questions: Mapping[str, QuestionRef],
    sites: Mapping[int, str],
) -> str:
    """The condition in words: "Kun i ugeskemaerne · kun i Roskilde · når «Har I haft
    arrangementer?» er «Ja»"; "" for "always"."""
    parts = []
    if condition.periods:
        parts.append(str(Periods(condition.periods).label))
    if condition.sites:
        names = [sites.get(s, _("(et sted, der ikke er med)")) for s in condition.sites]
        parts.append(_("kun %(sites)s") % {"sites": ", ".join(sorted(names))})
    if condition.rules:
        parts.append(
            _("når %(rules)s")
            % {"rules": _describe_rules(condition.match, condition.rules, questions)}
        )
    return " · ".join(parts)
