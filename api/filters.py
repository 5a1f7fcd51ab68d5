"""The list filters of the API: `project`, `site`, `initiative`, `week` (ISO, e.g.
2017-W39) and `updated_since` (ISO 8601 date-time), where a list has them.

A value that is not one (a word for an id, a week 54, a NUL byte, a number past 64
bits) answers 400 naming the parameter and what is expected, in Danish (English with
Accept-Language: en). A project or initiative the caller may not see answers 404, as
its page would: `?project=<another project>` says "not found", not "empty". A site is
part of the shared catalogue every member reads, so a site the caller does not
coordinate gives an empty list, not 404.

Each list view names its filters and the ORM path each filters on
(`filter_paths`); the week is a Monday (`week`: rows of that week) or a range of
weeks (`week_range`: runs whose weeks include it)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request

from core.params import LARGEST_ID
from initiatives.models import Initiative
from projects.models import Project
from sites.models import Site
from testing.models import SubmissionStatus

ISO_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")


def iso_week(day: datetime.date | None) -> str | None:
    """ "2017-W39" for any day of ISO week 39 of 2017."""
    if day is None:
        return None
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


class IdField(forms.CharField):
    """A row's id: a whole number from 1 to 2**63 - 1."""

    default_error_messages = {"invalid": _("Skriv et id: et helt tal større end 0.")}

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in (None, ""):
            return None
        if not (text.isascii() and text.isdigit() and len(text) <= 19):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        number = int(text)
        if not 1 <= number <= LARGEST_ID:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class IsoWeekField(forms.CharField):
    """An ISO week, "2017-W39"; cleaned to its Monday."""

    default_error_messages = {
        "invalid": _("Skriv ugen som ÅÅÅÅ-Www, fx 2017-W39."),
    }

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in (None, ""):
            return None
        match = ISO_WEEK.fullmatch(text)
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return datetime.date.fromisocalendar(
                int(match.group(1)), int(match.group(2)), 1
            )
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None


PLUS_AS_SPACE = re.compile(r"(T\d{2}(?::\d{2}){0,2}(?:[.,]\d+)?) (\d{2}(?::?\d{2})?)$")


class IsoDateTimeField(forms.CharField):
    """An ISO 8601 date or date-time; without an offset it is Danish time."""

    default_error_messages = {
        "invalid": _(
            "Skriv tidspunktet som ISO 8601, fx 2017-09-25T14:00:00+02:00 eller "
            "2017-09-25."
        ),
    }

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in (None, ""):
            return None
        # A "+01:00" typed into a URL arrives as " 01:00" (a + in a query is a space).
        text = PLUS_AS_SPACE.sub(r"\1+\2", text)
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            # The database compares in UTC: year 1 or 9999 may not reach it.
            moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        return moment


def _with_statuses(message: str) -> Any:
    """The message with the statuses filled in, translated when it is shown (a `%`
    on a lazy text would fix it in Danish when the module loads)."""
    return lazy(
        lambda: gettext(message) % {"choices": ", ".join(SubmissionStatus.values)},
        str,
    )()


class FilterForm(forms.Form):
    project = IdField(required=False)
    site = IdField(required=False)
    initiative = IdField(required=False)
    week = IsoWeekField(required=False)
    updated_since = IsoDateTimeField(required=False)
    status = forms.ChoiceField(
        required=False,
        choices=[("", "")] + list(SubmissionStatus.choices),
        error_messages={
            "invalid_choice": _with_statuses("Ukendt status. Brug en af: %(choices)s.")
        },
    )


DESCRIPTIONS: Mapping[str, Any] = {
    "project": (
        "integer",
        None,
        _(
            "Kun rækker fra dette forløb (id). Et forløb, du ikke har adgang til, "
            "giver 404."
        ),
    ),
    "site": ("integer", None, _("Kun rækker fra dette sted (id).")),
    "initiative": (
        "integer",
        None,
        _(
            "Kun rækker om dette tiltag (id). Et tiltag, du ikke har adgang til, "
            "giver 404."
        ),
    ),
    "week": ("string", "^[0-9]{4}-W[0-9]{2}$", _("ISO-uge, fx 2017-W39.")),
    "updated_since": (
        "string",
        None,
        _(
            "Kun rækker ændret siden dette tidspunkt (ISO 8601, fx 2017-09-25T14:00:00Z)."
        ),
    ),
    "status": (
        "string",
        None,
        _with_statuses(gettext_noop("Skemaets status: %(choices)s.")),
    ),
}


def read_filters(request: Request, names: Iterable[str]) -> dict[str, Any]:
    """The view's filters from the query string, cleaned: {name: value}; 400 for a
    value that is not one, 404 for a project or initiative the caller cannot see."""
    names = list(names)
    data = {name: request.query_params.get(name) for name in names}
    form = FilterForm(data={k: v for k, v in data.items() if v is not None})
    if not form.is_valid():
        raise ValidationError(
            {
                name: [str(message) for message in messages]
                for name, messages in form.errors.items()
                if name in names
            }
        )
    cleaned = {
        name: form.cleaned_data[name]
        for name in names
        if form.cleaned_data.get(name) not in (None, "")
    }
    user = request.user
    if "project" in cleaned and not (
        Project.objects.visible_to(user).filter(pk=cleaned["project"]).exists()
    ):
        raise NotFound(_("Forløbet findes ikke, eller du har ikke adgang til det."))
    if "initiative" in cleaned and not (
        Initiative.objects.visible_to(user).filter(pk=cleaned["initiative"]).exists()
    ):
        raise NotFound(_("Tiltaget findes ikke, eller du har ikke adgang til det."))
    if "site" in cleaned and not (
        Site.objects.visible_to(user).filter(pk=cleaned["site"]).exists()
    ):
        raise NotFound(_("Stedet findes ikke, eller du har ikke adgang til det."))
    return cleaned


def apply_filters(
    queryset: QuerySet[Any], cleaned: Mapping[str, Any], paths: Mapping[str, str]
) -> QuerySet[Any]:
    """Narrow the queryset by the cleaned filters, each on its ORM path. A path that
    crosses a many-valued relation ("many:test_sites__site") is matched in a
    subquery, so no row comes twice."""
    for name, value in cleaned.items():
        path = paths.get(name)
        if path is None:
            continue
        many = path.startswith("many:")
        path = path.removeprefix("many:")
        if name == "updated_since":
            condition = Q(**{f"{path}__gte": value})
        elif name == "week" and path.startswith("range:"):
            starts, ends = path.removeprefix("range:").split(",")
            condition = Q(**{f"{starts}__lte": value}) & Q(**{f"{ends}__gte": value})
        else:
            condition = Q(**{path: value})
        if many:
            matching = queryset.model._default_manager.filter(condition)
            queryset = queryset.filter(pk__in=matching.values("pk"))
        else:
            queryset = queryset.filter(condition)
    return queryset


class ApiFilters(BaseFilterBackend):
    """The filters a list view names (`filters`, `filter_paths`), applied to its
    queryset and described in the OpenAPI document."""

    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        names = getattr(view, "filters", ())
        if not names:
            return queryset
        cleaned = read_filters(request, names)
        view.cleaned_filters = cleaned
        return apply_filters(queryset, cleaned, getattr(view, "filter_paths", {}))

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return filter_parameters(getattr(view, "filters", ()))


def filter_parameters(names: Iterable[str]) -> list[dict[str, Any]]:
    parameters = []
    for name in names:
        kind, pattern, description = DESCRIPTIONS[name]
        schema: dict[str, Any] = {"type": kind}
        if kind == "integer":
            schema.update(minimum=1, maximum=LARGEST_ID)
        if pattern:
            schema["pattern"] = pattern
        if name == "updated_since":
            schema["format"] = "date-time"
        # (status: the values are in its description; an enum makes Swagger UI
        # draw a select without a label.)
        parameters.append(
            {
                "name": name,
                "required": False,
                "in": "query",
                "description": str(description),
                "schema": schema,
            }
        )
    return parameters
