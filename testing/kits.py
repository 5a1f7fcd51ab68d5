"""The test kit document: one definition of what a kit holds, as stored and as a file.

A test kit is an initiative's test guide (with its success criteria as rules) and its
schema templates, as plain JSON. The library stores a kit as this document
(`TestKit.document`), the export is this document as a file, and the import reads a
file back through `read_document`, which checks every part and says, in Danish and
with the path to the part, what is wrong. docs/testkit-format.md describes the format.

    {"format": "synergi-testkit", "version": 1, "name": …, "description": …,
     "guide": {…the guide's texts…, "criteria": [...]},
     "schemas": [{"name": …, "description": …, "sections": [
         {"key": …, "title": …, "description": …, "repeats": false, "condition": {},
          "questions": [{"key": …, "kind": "integer", "text": …, …}]}]}]}

What a kit never holds: anything of a particular project or installation (sites,
people, answers, baselines measured at a site, the sites a condition names). Question
kinds are checked against testing/question_kinds.py, conditions against
testing/conditions.py, computed answers against testing/formulas.py and success
criteria against testing/criteria.py: the same definitions the schema builder uses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from . import conditions, criteria, formulas
from .criteria import Applies, Comparison, Measure, Period
from .models.guides import GUIDE_FIELDS
from .question_kinds import DEFINITIONS

if TYPE_CHECKING:
    from initiatives.models import Initiative

FORMAT = "synergi-testkit"
VERSION = 1
# A kit is a few kilobytes (the demo's largest is about 8 kB); a file past this is
# not a kit.
MAX_BYTES = 1_000_000
MAX_SCHEMAS = 20
MAX_SECTIONS = 50
MAX_QUESTIONS = 200
MAX_CHOICES = 50
MAX_CRITERIA = 50
MAX_LINES = 100
LARGEST_BOUND = Decimal("9999999999.99")

TEXT_GUIDE_FIELDS = [
    name for name, _label in GUIDE_FIELDS if name not in ("activities", "schedule")
]
QUESTION_FIELDS = (
    "key",
    "kind",
    "text",
    "help_text",
    "required",
    "holds_personal_data",
    "min_value",
    "max_value",
    "scale_low_label",
    "scale_high_label",
    "choices",
    "condition",
    "formula",
)


class KitProblems(ValueError):
    """The document is not a kit this installation can read; `problems` says why."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


# Writing: a kit from an initiative


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _condition_for_kit(stored: Any) -> dict[str, Any]:
    """A condition without the sites it names (they belong to one installation)."""
    parsed = conditions.parse(stored)
    return conditions.Condition(
        periods=parsed.periods, match=parsed.match, rules=parsed.rules
    ).to_stored()


def kit_document(
    *, initiative: Initiative, name: str, description: str = ""
) -> dict[str, Any]:
    """The document of a kit made from an initiative: its guide's draft (with the
    criteria, without the baselines measured at its sites) and the latest version of
    each of its schema templates."""
    from .models import SchemaTemplate, TestGuide

    guide = TestGuide.objects.filter(initiative=initiative).first()
    guide_part: dict[str, Any] = {name: "" for name in TEXT_GUIDE_FIELDS}
    guide_part.update(activities=[], schedule=[], criteria=[])
    if guide is not None:
        for field in TEXT_GUIDE_FIELDS:
            guide_part[field] = getattr(guide, field) or ""
        guide_part["activities"] = [str(a) for a in guide.activities or []]
        guide_part["schedule"] = [
            [str(week), str(text)] for week, text in guide.schedule or []
        ]
        guide_part["criteria"] = [
            _criterion_for_kit(c) for c in criteria.parse(guide.criteria)
        ]
    schemas = []
    templates = SchemaTemplate.objects.filter(initiative=initiative).order_by(
        "name", "pk"
    )
    for template in templates:
        latest = template.versions.order_by("-number").first()
        sections = []
        if latest is not None:
            for section in latest.sections.prefetch_related("questions"):
                sections.append(
                    {
                        "key": section.key,
                        "title": section.title,
                        "description": section.description,
                        "repeats": section.repeats,
                        "condition": _condition_for_kit(section.condition),
                        "questions": [
                            {
                                "key": q.key,
                                "kind": q.kind,
                                "text": q.text,
                                "help_text": q.help_text,
                                "required": q.required,
                                "holds_personal_data": q.holds_personal_data,
                                "min_value": _number(q.min_value),
                                "max_value": _number(q.max_value),
                                "scale_low_label": q.scale_low_label,
                                "scale_high_label": q.scale_high_label,
                                "choices": [str(c) for c in q.choices or []],
                                "condition": _condition_for_kit(q.condition),
                                "formula": q.formula or {},
                            }
                            for q in section.questions.all()
                        ],
                    }
                )
        schemas.append(
            {
                "name": template.name,
                "description": template.description,
                "sections": sections,
            }
        )
    document = {
        "format": FORMAT,
        "version": VERSION,
        "name": name.strip(),
        "description": description.strip(),
        "guide": guide_part,
        "schemas": schemas,
    }
    # Written through the reader, so a stored kit is always one the import accepts.
    return read_document(document)


def _criterion_for_kit(criterion: criteria.Criterion) -> dict[str, Any]:
    stored = criterion.to_stored()
    stored["baselines"] = {}
    return stored


def digest(document: Mapping[str, Any]) -> str:
    """The document's fingerprint: the same content gives the same digest."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def dumps(document: Mapping[str, Any]) -> bytes:
    """The document as the exported file (UTF-8 JSON, indented for reading)."""
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


# Reading: a file, then the document


def read_file(raw: bytes) -> dict[str, Any]:
    """The kit in an uploaded file, checked; KitProblems says what is wrong."""
    if not raw or not raw.strip():
        raise KitProblems([_("Filen er tom.")])
    if len(raw) > MAX_BYTES:
        raise KitProblems(
            [
                _(
                    "Filen er for stor (%(size)s kB); et testkit fylder højst %(max)s kB."
                )
                % {"size": len(raw) // 1000, "max": MAX_BYTES // 1000}
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KitProblems(
            [_("Filen er ikke tekst i UTF-8. Et testkit er en JSON-fil i UTF-8.")]
        ) from None
    if "\x00" in text:
        raise KitProblems([_("Filen indeholder NUL-tegn (\\u0000) og kan ikke læses.")])
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except ValueError as error:
        if not isinstance(error, json.JSONDecodeError) and "digits" in str(error):
            # Python reads at most 4,300 digits of a whole number.
            raise KitProblems(
                [
                    _(
                        "Filen har et tal med for mange cifre; intet tal i et testkit er så langt."
                    )
                ]
            ) from None
        raise KitProblems([_invalid_json(error)]) from None
    except RecursionError as error:
        raise KitProblems([_invalid_json(error)]) from None
    return read_document(data)


def _invalid_json(error: Exception) -> str:
    where = ""
    if isinstance(error, json.JSONDecodeError):
        where = _(" (linje %(line)s, tegn %(col)s)") % {
            "line": error.lineno,
            "col": error.colno,
        }
    return _("Filen er ikke gyldig JSON%(where)s.") % {"where": where}


def _has_nul(value: Any) -> bool:
    """A NUL character anywhere in the parsed document (keys too), however deep."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(name)


class _Reader:
    """Collects what is wrong, each with its path ("schemas[0].sections[2].title")."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(f"{path}: {message}" if path else message)

    def mapping(
        self, value: Any, path: str, allowed: Sequence[str]
    ) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.add(path, _("skal være et objekt ({…})"))
            return None
        for key in value:
            if key not in allowed:
                self.add(_join(path, str(key)), _("ukendt felt"))
        return value

    def text(
        self,
        value: Mapping[str, Any],
        key: str,
        path: str,
        *,
        max_length: int,
        required: bool = False,
    ) -> str:
        raw = value.get(key, "")
        where = _join(path, key)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            self.add(where, _("skal være en tekst"))
            return ""
        raw = raw.strip()
        if "\x00" in raw:
            self.add(where, _("indeholder NUL-tegn"))
            return ""
        if required and not raw:
            self.add(where, _("mangler"))
        if len(raw) > max_length:
            self.add(
                where,
                _("er for lang (%(n)s tegn; højst %(max)s)")
                % {"n": len(raw), "max": max_length},
            )
        return raw

    def boolean(self, value: Mapping[str, Any], key: str, path: str) -> bool:
        raw = value.get(key, False)
        if not isinstance(raw, bool):
            self.add(_join(path, key), _("skal være true eller false"))
            return False
        return raw

    def items(
        self, value: Mapping[str, Any], key: str, path: str, *, most: int
    ) -> list[Any]:
        raw = value.get(key, [])
        where = _join(path, key)
        if not isinstance(raw, list):
            self.add(where, _("skal være en liste ([…])"))
            return []
        if len(raw) > most:
            self.add(
                where, _("har for mange elementer (højst %(max)s)") % {"max": most}
            )
            return []
        return raw


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def read_document(data: Any) -> dict[str, Any]:
    """The kit in `data` (parsed JSON), checked and written the one way it is stored.
    KitProblems lists everything wrong, each with its path."""
    reader = _Reader()
    if _has_nul(data):
        # PostgreSQL refuses NUL in JSON text, wherever it is.
        raise KitProblems([_("Filen indeholder NUL-tegn (\\u0000) og kan ikke læses.")])
    if not isinstance(data, Mapping):
        raise KitProblems(
            [_("Filen er ikke et testkit: den skal være et JSON-objekt.")]
        )
    if data.get("format") != FORMAT:
        raise KitProblems(
            [
                _("format: filen er ikke et testkit fra Synergi (forventede “%(f)s”).")
                % {"f": FORMAT}
            ]
        )
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise KitProblems(
            [
                _(
                    "version: testkittets version %(v)s kan ikke læses her; denne "
                    "installation læser version %(known)s."
                )
                % {"v": json.dumps(version, default=str)[:20], "known": VERSION}
            ]
        )
    reader.mapping(
        data, "", ["format", "version", "name", "description", "guide", "schemas"]
    )
    name = reader.text(data, "name", "", max_length=200, required=True)
    description = reader.text(data, "description", "", max_length=5000)
    schemas = [
        _read_schema(reader, raw, f"schemas[{i}]")
        for i, raw in enumerate(reader.items(data, "schemas", "", most=MAX_SCHEMAS))
    ]
    refs = {
        q["key"]: criteria.QuestionRef(
            key=q["key"], text=q["text"], kind=q["kind"], choices=tuple(q["choices"])
        )
        for schema in schemas
        for section in schema["sections"]
        for q in section["questions"]
        if q["kind"] in DEFINITIONS
    }
    guide = _read_guide(reader, data.get("guide", {}), "guide", refs)
    if reader.problems:
        raise KitProblems(reader.problems)
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "description": description,
        "guide": guide,
        "schemas": schemas,
    }


def _read_guide(
    reader: _Reader,
    raw: Any,
    path: str,
    refs: Mapping[str, criteria.QuestionRef],
) -> dict[str, Any]:
    guide: dict[str, Any] = {}
    value = reader.mapping(
        raw, path, [*TEXT_GUIDE_FIELDS, "activities", "schedule", "criteria"]
    )
    if value is None:
        return guide
    for field in TEXT_GUIDE_FIELDS:
        guide[field] = reader.text(value, field, path, max_length=20000)
    activities = []
    for i, item in enumerate(reader.items(value, "activities", path, most=MAX_LINES)):
        if not isinstance(item, str) or "\x00" in item or len(item) > 1000:
            reader.add(f"{path}.activities[{i}]", _("skal være en tekst"))
        else:
            activities.append(item.strip())
    guide["activities"] = activities
    schedule = []
    for i, item in enumerate(reader.items(value, "schedule", path, most=MAX_LINES)):
        where = f"{path}.schedule[{i}]"
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(part, str) for part in item)
        ):
            reader.add(where, _('skal være [uge, tekst], fx ["2017-W37", "Start"]'))
            continue
        week, text = item[0].strip().upper(), item[1].strip()
        if _week_ok(week) is False or "\x00" in text or len(text) > 1000:
            reader.add(
                where, _("“%(week)s” er ikke en uge som 2017-W37") % {"week": week[:20]}
            )
            continue
        schedule.append([week, text])
    guide["schedule"] = schedule
    stored = []
    for i, item in enumerate(reader.items(value, "criteria", path, most=MAX_CRITERIA)):
        rule = _read_criterion(reader, item, f"{path}.criteria[{i}]", refs)
        if rule is not None:
            stored.append(rule)
    guide["criteria"] = stored
    return guide


def _week_ok(week: str) -> bool:
    import datetime

    try:
        year, number = week.split("-W")
        datetime.date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        return False
    return True


CRITERION_FIELDS = (
    "key",
    "measure",
    "comparison",
    "target",
    "target_high",
    "period",
    "applies",
    "question_key",
    "choice",
    "baselines",
    "baseline_note",
    "min_answers",
    "note",
)


def _read_criterion(
    reader: _Reader, raw: Any, path: str, refs: Mapping[str, criteria.QuestionRef]
) -> dict[str, Any] | None:
    value = reader.mapping(raw, path, CRITERION_FIELDS)
    if value is None:
        return None
    before = len(reader.problems)
    for key, choices in (
        ("measure", Measure),
        ("comparison", Comparison),
        ("period", Period),
        ("applies", Applies),
    ):
        if value.get(key) not in choices.values:
            reader.add(
                _join(path, key),
                _("ukendt værdi %(value)s") % {"value": _shown(value.get(key))},
            )
    for key in ("target", "target_high"):
        raw_number = value.get(key)
        if key == "target_high" and raw_number is None:
            continue
        if _decimal(raw_number) is None:
            reader.add(_join(path, key), _("skal være et tal"))
    if value.get("baselines") not in (None, {}):
        reader.add(
            _join(path, "baselines"),
            _("et testkit har ingen udgangspunkter pr. sted (skal være {})"),
        )
    min_answers = value.get("min_answers", 1)
    if (
        not isinstance(min_answers, int)
        or isinstance(min_answers, bool)
        or not 1 <= min_answers <= 1000
    ):
        reader.add(
            _join(path, "min_answers"), _("skal være et helt tal fra 1 til 1000")
        )
    for key in ("key", "question_key", "choice", "baseline_note", "note"):
        reader.text(value, key, path, max_length=300)
    if len(reader.problems) > before:
        return None
    criterion = criteria.Criterion.from_stored({**value, "baselines": {}})
    if not criterion.key:
        criterion = criteria.with_key(criterion)
    if (
        criterion.measure != criteria.Measure.SCHEMAS
        and criterion.question_key not in refs
    ):
        # Said of a file, not of a schema whose question was removed.
        reader.add(
            _join(path, "question_key"),
            _("intet spørgsmål i testkittets skemaer har nøglen %(key)s")
            % {"key": _shown(criterion.question_key)},
        )
        return None
    for problem in criteria.problems(criterion, refs):
        reader.add(path, problem)
    return criterion.to_stored()


def _shown(value: Any) -> str:
    return f"“{str(value)[:40]}”"


def _decimal(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or abs(value) > LARGEST_BOUND:
        return None
    return value


def _read_schema(reader: _Reader, raw: Any, path: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"name": "", "description": "", "sections": []}
    value = reader.mapping(raw, path, ["name", "description", "sections"])
    if value is None:
        return schema
    schema["name"] = reader.text(value, "name", path, max_length=200, required=True)
    schema["description"] = reader.text(value, "description", path, max_length=5000)
    seen_questions: dict[str, conditions.QuestionRef] = {}
    section_keys: set[str] = set()
    raw_sections = reader.items(value, "sections", path, most=MAX_SECTIONS)
    total = sum(
        len(s.get("questions") or [])
        for s in raw_sections
        if isinstance(s, Mapping) and isinstance(s.get("questions"), list)
    )
    if total > MAX_QUESTIONS:
        reader.add(
            _join(path, "sections"),
            _("skemaet har for mange spørgsmål (højst %(max)s)")
            % {"max": MAX_QUESTIONS},
        )
        return schema
    # Every question of the schema, for conditions that look further down.
    everywhere = {
        str(q.get("key")): conditions.QuestionRef(
            key=str(q.get("key")),
            text=str(q.get("text"))[:300],
            kind=str(q.get("kind")),
        )
        for s in raw_sections
        if isinstance(s, Mapping) and isinstance(s.get("questions"), list)
        for q in s["questions"]
        if isinstance(q, Mapping)
    }
    input_kinds = formulas.input_kinds()
    inputs = {
        key: formulas.InputRef(key=key, text=ref.text, kind=ref.kind)
        for key, ref in everywhere.items()
        if ref.kind in input_kinds
    }
    for i, raw_section in enumerate(raw_sections):
        where = f"{path}.sections[{i}]"
        section_value = reader.mapping(
            raw_section,
            where,
            ["key", "title", "description", "repeats", "condition", "questions"],
        )
        if section_value is None:
            continue
        key = _slug(reader, section_value, where, required=False)
        if key and key in section_keys:
            reader.add(
                _join(where, "key"), _("“%(key)s” findes to gange") % {"key": key}
            )
        section_keys.add(key)
        section: dict[str, Any] = {
            "key": key,
            "title": reader.text(
                section_value, "title", where, max_length=200, required=True
            ),
            "description": reader.text(
                section_value, "description", where, max_length=5000
            ),
            "repeats": reader.boolean(section_value, "repeats", where),
            "condition": _read_condition(
                reader,
                section_value.get("condition", {}),
                _join(where, "condition"),
                before=dict(seen_questions),
                everywhere=everywhere,
            ),
            "questions": [],
        }
        raw_questions = reader.items(
            section_value, "questions", where, most=MAX_QUESTIONS
        )
        for j, raw_question in enumerate(raw_questions):
            question = _read_question(
                reader,
                raw_question,
                f"{where}.questions[{j}]",
                before=seen_questions,
                everywhere=everywhere,
                inputs=inputs,
            )
            if question is None:
                continue
            section["questions"].append(question)
        schema["sections"].append(section)
    return schema


def _slug(
    reader: _Reader, value: Mapping[str, Any], path: str, *, required: bool
) -> str:
    key = reader.text(value, "key", path, max_length=60, required=required)
    if key and not all(c.isascii() and (c.isalnum() or c in "-_") for c in key):
        reader.add(
            _join(path, "key"),
            _("“%(key)s” må kun have bogstaverne a–z, tal, - og _") % {"key": key[:60]},
        )
    return key


def _read_condition(
    reader: _Reader,
    raw: Any,
    path: str,
    *,
    before: Mapping[str, conditions.QuestionRef],
    everywhere: Mapping[str, conditions.QuestionRef],
    own_key: str = "",
) -> dict[str, Any]:
    if raw in (None, {}):
        return {}
    if not isinstance(raw, Mapping):
        reader.add(path, _("skal være et objekt ({…})"))
        return {}
    for key in raw:
        if key not in ("periods", "match", "rules", "sites"):
            reader.add(_join(path, str(key)), _("ukendt felt"))
    if raw.get("sites"):
        reader.add(
            _join(path, "sites"),
            _("et testkit kan ikke nævne steder (de hører til én installation)"),
        )
    parsed = conditions.parse(raw)
    for problem in conditions.problems(
        parsed, before=before, everywhere=everywhere, sites={}, own_key=own_key
    ):
        reader.add(path, problem)
    return parsed.to_stored()


def _read_question(
    reader: _Reader,
    raw: Any,
    path: str,
    *,
    before: dict[str, conditions.QuestionRef],
    everywhere: Mapping[str, conditions.QuestionRef],
    inputs: Mapping[str, formulas.InputRef],
) -> dict[str, Any] | None:
    value = reader.mapping(raw, path, QUESTION_FIELDS)
    if value is None:
        return None
    key = _slug(reader, value, path, required=True)
    if key in before:
        reader.add(_join(path, "key"), _("“%(key)s” findes to gange") % {"key": key})
    kind = value.get("kind")
    definition = DEFINITIONS.get(kind) if isinstance(kind, str) else None
    if definition is None:
        reader.add(
            _join(path, "kind"),
            _("ukendt spørgsmålstype %(kind)s") % {"kind": _quoted(kind)},
        )
    text = reader.text(value, "text", path, max_length=300, required=True)
    question: dict[str, Any] = {
        "key": key,
        "kind": kind if definition is not None else "",
        "text": text,
        "help_text": reader.text(value, "help_text", path, max_length=300),
        "required": reader.boolean(value, "required", path),
        "holds_personal_data": reader.boolean(value, "holds_personal_data", path),
        "min_value": None,
        "max_value": None,
        "scale_low_label": reader.text(value, "scale_low_label", path, max_length=60),
        "scale_high_label": reader.text(value, "scale_high_label", path, max_length=60),
        "choices": [],
        "condition": _read_condition(
            reader,
            value.get("condition", {}),
            _join(path, "condition"),
            before=dict(before),
            everywhere=everywhere,
            own_key=key,
        ),
        "formula": {},
    }
    if definition is not None:
        _read_kind_parts(reader, value, path, question, definition, inputs)
    if key:
        before[key] = conditions.QuestionRef(
            key=key,
            text=text,
            kind=question["kind"],
            choices=tuple(question["choices"]),
        )
    return question


def _quoted(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value[:40]}'"
    return json.dumps(value, default=str)[:40]


def _read_kind_parts(
    reader: _Reader,
    value: Mapping[str, Any],
    path: str,
    question: dict[str, Any],
    definition: Any,
    inputs: Mapping[str, formulas.InputRef],
) -> None:
    """What the question's kind says about bounds, choices, personal data, formulas."""
    if question["holds_personal_data"] and not definition.may_hold_personal_data:
        reader.add(
            _join(path, "holds_personal_data"),
            _("kun tekstspørgsmål kan markeres som personoplysninger"),
        )
    bounds = {}
    for key in ("min_value", "max_value"):
        raw = value.get(key)
        if raw is None:
            continue
        if not definition.has_bounds:
            reader.add(_join(path, key), _("bruges ikke af denne spørgsmålstype"))
            continue
        number = _decimal(raw)
        if number is None or number != number.quantize(Decimal("0.01")):
            reader.add(_join(path, key), _("skal være et tal med højst to decimaler"))
            continue
        if definition.whole_bounds and number != number.to_integral_value():
            reader.add(_join(path, key), _("skal være et helt tal"))
            continue
        bounds[key] = number
        question[key] = _number(number)
    if len(bounds) == 2 and bounds["max_value"] < bounds["min_value"]:
        reader.add(
            _join(path, "max_value"),
            _("den største værdi skal være mindst den mindste"),
        )
    choices = reader.items(value, "choices", path, most=MAX_CHOICES)
    if definition.has_choices:
        cleaned = []
        for i, choice in enumerate(choices):
            if not isinstance(choice, str) or not choice.strip() or "\x00" in choice:
                reader.add(f"{path}.choices[{i}]", _("skal være en tekst"))
            elif len(choice) > 200:
                reader.add(f"{path}.choices[{i}]", _("er for lang (højst 200 tegn)"))
            else:
                cleaned.append(choice.strip())
        if len(cleaned) != len(set(cleaned)):
            reader.add(_join(path, "choices"), _("samme valgmulighed står to gange"))
        elif len(choices) < 2:
            reader.add(_join(path, "choices"), _("skal have mindst to valgmuligheder"))
        question["choices"] = cleaned
    elif choices:
        reader.add(_join(path, "choices"), _("bruges ikke af denne spørgsmålstype"))
    raw_formula = value.get("formula") or {}
    if definition.is_computed:
        formula = formulas.Formula.from_stored(raw_formula)
        for problem in formulas.problems(formula, inputs):
            reader.add(_join(path, "formula"), problem)
        if formula is not None:
            question["formula"] = formula.to_stored()
    elif raw_formula:
        reader.add(
            _join(path, "formula"), _("kun et beregnet spørgsmål har en beregning")
        )
