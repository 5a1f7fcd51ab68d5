"""Every row of an import checked against the project: its sites, the service
catalogue, the age bands, its vocabulary of quote topics, its interviews, and what
was imported before. Reads only; a fixed number of queries however many rows."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sites.models import CitizenService

from ..models import (
    ImportKind,
    Interview,
    InterviewLength,
    Quote,
    Term,
    Vocabulary,
)
from .columns import COLUMNS, Column, normalize
from .values import (
    LONG,
    NO,
    SHORT,
    YES,
    key_of,
    parse_age_band,
    parse_date,
    suggestion,
)

OK = "ok"
ERROR = "error"
DUPLICATE = "duplicate"


@dataclass
class RowResult:
    """One row: what will happen to it and why. `values` are what a confirmed
    import saves (model instances for sites and services)."""

    number: int
    status: str
    cells: dict[str, str]
    errors: list[str] = field(default_factory=list)
    note: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    import_key: str = ""
    # The row's cells in the order of the preview's columns.
    shown: list[str] = field(default_factory=list)


@dataclass
class Preview:
    kind: str
    columns: list[Column]
    results: list[RowResult]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def to_import(self) -> int:
        return self.count(OK)

    @property
    def with_errors(self) -> int:
        return self.count(ERROR)

    @property
    def duplicates(self) -> int:
        return self.count(DUPLICATE)

    @property
    def digest(self) -> str:
        """What the preview promised: each row's outcome. A confirmation sent from a
        preview that no longer holds (a service renamed meanwhile, the rows imported
        from another tab) is refused."""
        outcome = [(r.number, r.status, r.import_key) for r in self.results]
        return hashlib.sha256(json.dumps(outcome).encode()).hexdigest()[:32]


class Checker:
    """Reads what a project's rows are checked against once, then checks rows."""

    def __init__(self, *, project: Any, kind: str):
        self.project = project
        self.kind = ImportKind(kind)
        self.columns = {c.key: c for c in COLUMNS[self.kind]}
        self.sites = {normalize(s.name): s for s in project.sites.all()}
        self.services = {
            normalize(s.name): s for s in CitizenService.objects.order_by("name", "pk")
        }
        model = Interview if self.kind == ImportKind.INTERVIEWS else Quote
        self.existing_keys = set(
            model.objects.filter(project=project)
            .exclude(import_key="")
            .values_list("import_key", flat=True)
        )
        if self.kind == ImportKind.QUOTES:
            self.topics = {
                normalize(t.name): t
                for t in Term.objects.filter(
                    project=project, vocabulary=Vocabulary.QUOTE_TAG
                )
            }
            self.interviews = {
                i.import_key: i
                for i in Interview.objects.filter(
                    project=project, import_key__startswith="k:"
                ).select_related("site", "service")
            }

    # Messages

    def _error(self, result: RowResult, key: str, message: str) -> None:
        result.errors.append(
            _("Række %(row)s, %(column)s: %(message)s")
            % {
                "row": result.number,
                "column": self.columns[key].header,
                "message": message,
            }
        )

    # Cells

    def _text(self, result: RowResult, key: str) -> str:
        column = self.columns[key]
        value = result.cells.get(key, "")
        if "\x00" in value:
            self._error(
                result,
                key,
                _("Cellen indeholder et NUL-tegn, som ikke kan gemmes. Fjern det."),
            )
            return ""
        if len(value) > column.max_length:
            self._error(
                result,
                key,
                _("Teksten er for lang (%(length)s tegn; højst %(limit)s).")
                % {"length": len(value), "limit": column.max_length},
            )
            return ""
        if column.required and not value:
            self._error(result, key, _("Skal udfyldes."))
        return value

    def _site(self, result: RowResult, key: str = "site") -> Any:
        value = self._text(result, key)
        if not value:
            return None
        site = self.sites.get(normalize(value))
        if site is None:
            message = _("“%(value)s” er ikke et af forløbets steder.") % {
                "value": value
            }
            guess = suggestion(value, [s.name for s in self.sites.values()])
            if guess:
                message += " " + _("Mente du “%(name)s”?") % {"name": guess}
            self._error(result, key, message)
        return site

    def _service(self, result: RowResult) -> Any:
        value = self._text(result, "service")
        if not value:
            return None
        service = self.services.get(normalize(value))
        if service is None:
            message = _("“%(value)s” findes ikke i ydelseskataloget.") % {
                "value": value
            }
            guess = suggestion(value, [s.name for s in self.services.values()])
            if guess:
                message += " " + _("Mente du “%(name)s”?") % {"name": guess}
            self._error(result, "service", message)
        return service

    def _age_band(self, result: RowResult) -> str:
        value = self._text(result, "age_band")
        if not value:
            return ""
        band = parse_age_band(value)
        if band is None:
            self._error(
                result,
                "age_band",
                _(
                    "“%(value)s” er ikke en aldersgruppe. Skriv 0-17, 18-29, 30-49, "
                    "50-69, 70+ eller borgerens alder."
                )
                % {"value": value},
            )
            return ""
        return band

    def _date(self, result: RowResult) -> datetime.date | None:
        value = self._text(result, "held_on")
        if not value:
            return None
        day = parse_date(value)
        if day is None or day.year < 1900:
            self._error(
                result,
                "held_on",
                _("“%(value)s” er ikke en dato. Skriv den som dd-mm-åååå.")
                % {"value": value},
            )
            return None
        if day > timezone.localdate():
            self._error(result, "held_on", _("Datoen ligger i fremtiden."))
            return None
        return day

    def _length(self, result: RowResult) -> str:
        value = normalize(self._text(result, "length"))
        if not value or value in SHORT:
            return InterviewLength.SHORT
        if value in LONG:
            return InterviewLength.LONG
        self._error(result, "length", _("Skriv kort eller langt."))
        return InterviewLength.SHORT

    def _consent(self, result: RowResult) -> bool:
        value = normalize(self._text(result, "consent"))
        if value in YES:
            return True
        if value and value not in NO:
            self._error(result, "consent", _("Skriv ja eller nej."))
        return False

    def _topics(self, result: RowResult) -> list[Any]:
        value = self._text(result, "topics")
        separator = ";" if ";" in value or "\n" in value else ","
        names = [
            n.strip()
            for n in value.replace("\n", separator).split(separator)
            if n.strip()
        ]
        found = []
        for name in names:
            term = self.topics.get(normalize(name))
            if term is None:
                message = _(
                    "“%(value)s” er ikke et emne i forløbets ordliste “Emner for "
                    "citater”."
                ) % {"value": name}
                guess = suggestion(name, [t.name for t in self.topics.values()])
                if guess:
                    message += " " + _("Mente du “%(name)s”?") % {"name": guess}
                self._error(result, "topics", message)
            elif term not in found:
                found.append(term)
        return found

    def _interview(self, result: RowResult) -> Any:
        value = self._text(result, "interview")
        if not value:
            return None
        interview = self.interviews.get(key_of(value))
        if interview is None:
            self._error(
                result,
                "interview",
                _(
                    "Forløbet har intet interview med nøglen “%(value)s”. Importér "
                    "interviewene (med kolonnen “Nøgle”) først."
                )
                % {"value": value},
            )
        return interview

    # Rows

    def check(self, rows: list[tuple[int, dict[str, str]]]) -> Preview:
        results = [RowResult(number=n, status=OK, cells=cells) for n, cells in rows]
        for result in results:
            self._text(result, "key")
            if self.kind == ImportKind.INTERVIEWS:
                self._check_interview(result)
            else:
                self._check_quote(result)
        self._give_keys(results)
        return Preview(
            kind=self.kind, columns=list(self.columns.values()), results=results
        )

    def _check_interview(self, result: RowResult) -> None:
        result.values = {
            "site": self._site(result),
            "service": self._service(result),
            "age_band": self._age_band(result),
            "held_on": self._date(result),
            "length": self._length(result),
            "notes": self._text(result, "notes"),
        }

    def _check_quote(self, result: RowResult) -> None:
        values = {
            "text": self._text(result, "text"),
            "speaker_label": self._text(result, "speaker_label"),
            "consent_to_publish": self._consent(result),
            "age_band": self._age_band(result),
            "service": self._service(result),
            "site": self._site(result),
            "interview": self._interview(result),
            "tags": self._topics(result),
        }
        interview = values["interview"]
        if interview is not None:
            for name in ("site", "service"):
                if values[name] is None and not result.cells.get(name):
                    values[name] = getattr(interview, name)
                elif values[name] is not None and values[name] != getattr(
                    interview, name
                ):
                    self._error(
                        result,
                        name,
                        _("Passer ikke med interviewet (%(value)s).")
                        % {"value": getattr(interview, name)},
                    )
        result.values = values

    def _content(self, result: RowResult) -> str:
        """The row's content as compared between imports (without a key column)."""
        v = result.values
        if self.kind == ImportKind.INTERVIEWS:
            parts = [
                v["site"].pk,
                v["service"].pk,
                v["age_band"],
                v["held_on"].isoformat() if v["held_on"] else "",
                v["length"],
                " ".join(v["notes"].split()),
            ]
        else:
            parts = [" ".join(v["text"].split()), " ".join(v["speaker_label"].split())]
        return json.dumps(parts, ensure_ascii=False)

    def _give_keys(self, results: list[RowResult]) -> None:
        """Each valid row's key: its key column, else a hash of its content and of
        how many rows before it in the file have the same content (two citizens may
        give the same answers: both rows are imported, and again only once)."""
        seen_keys: dict[str, int] = {}
        same_content: Counter[str] = Counter()
        for result in results:
            if result.errors:
                result.status = ERROR
                continue
            given = result.cells.get("key", "")
            if given:
                key = key_of(given)
                if key in seen_keys:
                    result.status = ERROR
                    self._error(
                        result,
                        "key",
                        _("Nøglen “%(value)s” står også i række %(row)s.")
                        % {"value": given, "row": seen_keys[key]},
                    )
                    continue
                seen_keys[key] = result.number
            else:
                content = self._content(result)
                same_content[content] += 1
                digest = hashlib.sha256(
                    f"{content}#{same_content[content]}".encode()
                ).hexdigest()
                key = "h:" + digest[:40]
            result.import_key = key
            if key in self.existing_keys:
                result.status = DUPLICATE
                result.note = _("Allerede importeret – springes over.")
