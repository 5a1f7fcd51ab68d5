"""A schema version's logic: which questions are shown, and what is computed.

Built once from a version's sections and questions (`SchemaLogic.of(sections)`, the
sections with their questions prefetched), then asked by the form, the save service
and the pages: `visible(values, ...)` gives the keys of the questions shown for
some answers, in a weekly or final schema at a site (testing/conditions.py), and
`computed(values, visible)` the value of every computed question
(testing/formulas.py). No database access here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import conditions, formulas


@dataclass(frozen=True)
class SchemaLogic:
    sections: tuple[tuple[int, conditions.Condition], ...]
    items: tuple[conditions.Item, ...]
    formulas: dict[str, formulas.Formula | None]
    # The keys of the questions in repeated sections (answered once per entry).
    repeat_keys: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sections: Iterable[Any]) -> SchemaLogic:
        """From sections (in order) whose `questions.all()` are prefetched in order."""
        section_rows = []
        items = []
        computed: dict[str, formulas.Formula | None] = {}
        repeat_keys: set[str] = set()
        for section in sections:
            section_rows.append((section.pk, conditions.parse(section.condition)))
            for question in section.questions.all():
                if section.repeats:
                    # Asked once per entry: shown with its section; not computed.
                    repeat_keys.add(question.key)
                items.append(
                    conditions.Item(
                        key=question.key,
                        section=section.pk,
                        condition=conditions.parse(question.condition),
                    )
                )
                if question.definition.is_computed and not section.repeats:
                    computed[question.key] = formulas.Formula.from_stored(
                        question.formula
                    )
        return cls(
            sections=tuple(section_rows),
            items=tuple(items),
            formulas=computed,
            repeat_keys=frozenset(repeat_keys),
        )

    @property
    def is_plain(self) -> bool:
        """No condition anywhere: every question is always shown."""
        return all(c.is_always for _pk, c in self.sections) and all(
            item.condition.is_always for item in self.items
        )

    def applicable_keys(self, *, period: str, site_id: int | None) -> set[str]:
        """The questions that can be shown at all in a schema of `period` at
        `site_id`, whatever is answered (the others are left out of the page)."""
        sections = {
            pk: conditions.applies_to(c, period=period, site_id=site_id)
            for pk, c in self.sections
        }
        return {
            item.key
            for item in self.items
            if sections.get(item.section, True)
            and conditions.applies_to(item.condition, period=period, site_id=site_id)
        }

    def applicable_sections(self, *, period: str, site_id: int | None) -> set[int]:
        return {
            pk
            for pk, c in self.sections
            if conditions.applies_to(c, period=period, site_id=site_id)
        }

    def visible(
        self, values: Mapping[str, Any], *, period: str, site_id: int | None
    ) -> set[str]:
        """The keys of the questions shown for `values` (key → form value)."""
        if self.is_plain:
            return {item.key for item in self.items}
        return conditions.visible_keys(
            self.sections, self.items, values, period=period, site_id=site_id
        )

    def computed(
        self, values: Mapping[str, Any], visible: set[str]
    ) -> dict[str, Decimal | None]:
        """{key: value} of every computed question shown; a hidden input counts as
        missing (so the result is "–")."""
        shown = {key: value for key, value in values.items() if key in visible}
        return {
            key: formulas.compute(formula, shown)
            for key, formula in self.formulas.items()
            if key in visible
        }

    def client_rules(self) -> dict[str, Any]:
        """What the page script needs to show and hide while typing: per question and
        section, the rules on answers (the period and site are settled by the server,
        which leaves out what does not apply)."""
        return {
            "sections": {str(pk): _client(c) for pk, c in self.sections if c.rules},
            "questions": {
                item.key: _client(item.condition)
                for item in self.items
                if item.condition.rules
            },
            "order": [[item.key, str(item.section)] for item in self.items],
        }


def _client(condition: conditions.Condition) -> dict[str, Any]:
    stored = condition.to_stored()
    return {"match": stored.get("match", "all"), "rules": stored.get("rules", [])}
