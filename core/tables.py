"""List tables (django-tables2) with our markup: one base class every list uses.

A list page's table is a subclass of `Table` in its app's tables.py, one column per
header, and it sets:

- `caption`: what the table holds, read by screen readers (a visually hidden
  `<caption>`);
- `row_header`: the column whose cells name the row (`<th scope="row">`), if any;
- `Meta.empty_text`: what the page says when there is nothing to list, and
  `empty_filtered_text`: what it says when the filter leaves nothing.

Columns cannot be sorted unless they say `orderable=True`. `ObjectListView`
(core/generic.py) sorts the queryset by `?sort=<column>` or `?sort=-<column>` before
it paginates, and ignores any other value; the sorted column's header carries
`aria-sort`, and every sort link keeps the page's filter parameters.

The markup is `templates/generic/table.html`: Bootstrap's table classes inside a
`.table-responsive` box, `<th scope="col">` headers, no inline script.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import django_tables2 as tables
from django.db import models
from django.http import HttpRequest, QueryDict
from django.template import Context, Template
from django.template.loader import get_template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import AttributeDict

SORT_PARAM = "sort"
_ALIAS = re.compile(r"-?[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class Header:
    """One `<th scope="col">`: the column, its sort link (None when it cannot be
    sorted) and its `aria-sort` value (only on the column the rows are sorted by)."""

    column: tables.columns.BoundColumn
    sort_url: str | None
    aria_sort: str | None

    @property
    def label(self) -> Any:
        return self.column.header

    @property
    def hidden(self) -> bool:
        """The header is for screen readers only (a column of buttons)."""
        return getattr(self.column.column, "header_hidden", False)

    @property
    def attrs(self) -> str:
        return AttributeDict(self.column.column.attrs.get("th", {})).as_html()


class Table(tables.Table):
    caption: str | Promise = ""
    row_header: str | None = None
    empty_filtered_text: str | Promise | None = None
    # Who sees the column "actions": a permission, checked against the page's
    # project when it has one (None: everyone who sees the table).
    actions_permission: str | None = None

    class Meta:
        template_name = "generic/table.html"
        attrs = {"class": "table align-middle"}
        orderable = False  # a column opts in with orderable=True
        default = ""

    def __init__(
        self,
        data: Any,
        *,
        caption: str | Promise | None = None,
        sorted_by: str | None = None,
        query: QueryDict | None = None,
        **kwargs: Any,
    ) -> None:
        """`sorted_by`: the (valid) sort the rows are in; `query`: the page's GET
        parameters without page and sort, or None when the table offers no sorting."""
        # The rows come in the order the view chose: the table never sorts them.
        kwargs.setdefault("order_by", ())
        super().__init__(data, **kwargs)
        if caption is not None:
            self.caption = caption
        self.sorted_by = sorted_by
        self.query = query

    @classmethod
    def sort_alias(cls, value: object) -> str | None:
        """`value` when it names a column that may be sorted (with "-" for
        descending), else None: anything else in `?sort=` is ignored."""
        if not isinstance(value, str) or not _ALIAS.match(value):
            return None
        column = cls.base_columns.get(value.removeprefix("-"))
        if column is None:
            return None
        orderable = column.orderable
        if orderable is None:
            orderable = cls._meta.orderable
        return value if orderable else None

    @classmethod
    def sorted_queryset(
        cls, queryset: models.QuerySet[Any], alias: str
    ) -> models.QuerySet[Any]:
        """The queryset sorted by a valid `alias`: django-tables2 sorts it (by the
        column's `order_by`, or the table's `order_<column>` method), then the primary
        key decides ties so that pages never overlap."""
        table = cls(queryset)
        table.order_by = (alias,)
        ordered = table.data.data
        return ordered.order_by(*ordered.query.order_by, "pk")

    @property
    def headers(self) -> Iterator[Header]:
        """The column headers (`Header`) of the visible columns."""
        page_query = self.query  # None: the table offers no sorting
        for column in self.columns:
            sort_url = aria_sort = None
            if page_query is not None and column.orderable:
                next_alias = column.name
                if self.sorted_by in (column.name, f"-{column.name}"):
                    descending = self.sorted_by == f"-{column.name}"
                    aria_sort = "descending" if descending else "ascending"
                    if not descending:
                        next_alias = f"-{column.name}"
                query = page_query.copy()
                query[SORT_PARAM] = next_alias
                sort_url = f"?{query.urlencode()}"
            yield Header(column, sort_url, aria_sort)

    def before_render(self, request: HttpRequest) -> None:
        if self.actions_permission and "actions" in self.columns.names():
            project = (getattr(self, "context", None) or {}).get("project")
            self.hide_unless(
                request.user.has_perm(self.actions_permission, project), "actions"
            )

    def hide_unless(self, allowed: bool, *names: str) -> None:
        """Hide the named columns (buttons) unless the user may use them."""
        if not allowed:
            for name in names:
                self.columns.hide(name)


class TemplateColumn(tables.TemplateColumn):
    """A cell drawn by a template, usually a partial of the app's `tables.html`
    (`template_name="sites/tables.html#municipality_actions"`), with the page's
    context plus `record` and `value`. The page's context is used as it is: the
    context processors do not run again for every cell."""

    def render(
        self, record: Any, table: Any, value: Any, bound_column: Any, **kwargs: Any
    ) -> str:
        context = getattr(table, "context", None) or Context()
        extra = self.get_context_data(
            record=record,
            table=table,
            value=value,
            bound_column=bound_column,
            **kwargs,
        )
        with context.update(extra):
            if self.template_code:
                return self.compiled_code.render(context)
            # The Django engine's template wraps the compiled one, which takes the
            # page's Context as it is (django-stubs types only the wrapper).
            wrapper: Any = get_template(self.template_name)
            return wrapper.template.render(context)

    @property
    def compiled_code(self) -> Template:
        """`template_code`, compiled once per table rather than once per cell."""
        if not hasattr(self, "_compiled"):
            self._compiled = Template(self.template_code)
        return self._compiled


class ActionsColumn(TemplateColumn):
    """The buttons at the end of a row; its header is for screen readers only."""

    header_hidden = True

    def __init__(self, template_name: str, **kwargs: Any) -> None:
        kwargs.setdefault("verbose_name", _("Handlinger"))
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}})
        super().__init__(template_name=template_name, orderable=False, **kwargs)


class DateColumn(TemplateColumn):
    """A date (or date and time, in local time) in Django's DATE_FORMAT or
    DATETIME_FORMAT, or "–" when there is none."""

    def __init__(
        self, *, with_time: bool = False, empty: str = "–", **kwargs: Any
    ) -> None:
        fmt = "DATETIME_FORMAT" if with_time else "DATE_FORMAT"
        code = f'{{{{ value|date:"{fmt}"|default:"{empty}" }}}}'
        super().__init__(template_code=code, **kwargs)
