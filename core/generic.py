"""Shared generic pages (NetBox style): list, form and delete for every model.

Each concrete view states its `permission_required`; a test walks every URL and
fails when a view does not. Views stay thin: they check the permission, build a
form, call a service or selector, then render or redirect.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, models, router, transaction
from django.db.models.options import Options
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    FormView,
    ListView,
    UpdateView,
)
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import ModelFormMixin
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin

from core import form_saves, services
from core.merge_forms import conflict_shown, data_after_merge
from core.tables import SORT_PARAM, Table

if TYPE_CHECKING:
    # The mixins below are listed before the Django view they complete; for the type
    # checker they extend it, so that `super()` and the view's attributes are known.
    _SingleObjectBase = SingleObjectMixin[Any]
    _ModelFormBase = ModelFormMixin[Any, Any]
else:
    _SingleObjectBase = object
    _ModelFormBase = object


def audit_note(
    request: HttpRequest,
    *,
    instance: models.Model | None = None,
    fields: Sequence[str] | None = None,
    skip: bool = False,
) -> None:
    """Tell the audit trail (projects/audit.py reads these attributes of the request)
    which object the page created or changed and which of its fields, or that a
    redirect changed nothing (`skip`). Only what is given is set."""
    # HttpRequest declares no such attributes; the audit middleware reads them.
    if instance is not None:
        request.audit_instance = instance  # type: ignore[attr-defined]
    if fields is not None:
        request.audit_fields = fields  # type: ignore[attr-defined]
    if skip:
        request.audit_skip = True  # type: ignore[attr-defined]


def model_meta(model: type[models.Model] | None) -> Options[Any]:
    """The options of a generic page's model (every generic page names its model)."""
    if model is None:
        raise ImproperlyConfigured("A generic page names its model.")
    return model._meta


def visible[T](queryset: T, user: Any) -> T:
    """The rows of `queryset` that exist for this user on a page. A queryset whose
    model declares which rows a user may see narrows itself (`openable_by`, from the
    declaration in projects/scoping.py); anything else (a list, a model that declares
    nothing) is unchanged. The core does not know the rule, only asks for it."""
    openable_by = getattr(queryset, "openable_by", None)
    return openable_by(user) if openable_by is not None else queryset


class PermissionRequiredMixin(RulesPermissionRequiredMixin):
    """Checks `permission_required` (on the object, where there is one).

    Anonymous users are sent to the login page (LoginRequiredMiddleware does it
    before the view runs); signed-in users without the permission get 403.
    """


class VisibleRowsMixin(_SingleObjectBase):
    """The one place the generic pages narrow what they read: the object of a detail,
    edit, delete or action page, and the rows of a list, come only from the rows the
    user may see (`Model.objects.visible_to(user)`, declared per model in
    projects/scoping.py). Any other row does not exist for them (404)."""

    request: HttpRequest

    def get_object(self, queryset: models.QuerySet[Any] | None = None) -> Any:
        if queryset is None:
            queryset = self.get_queryset()
        return super().get_object(visible(queryset, self.request.user))


class OneObjectMixin(_SingleObjectBase):
    """The object is read once per request: the permission check and the page share it."""

    _object: Any

    def get_object(self, queryset: models.QuerySet[Any] | None = None) -> Any:
        if queryset is not None:
            return super().get_object(queryset)
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object


class ObjectListView(PermissionRequiredMixin, ListView[Any]):
    """A paginated, optionally filtered list; the queryset comes from a selector.

    With a `table_class` (a core.tables.Table) the page is the generic list,
    generic/object_list.html: the table of the page's rows, sortable by the columns
    that allow it (`?sort=name`, `?sort=-name`; any other value is ignored), the
    filter form when there is a `filterset_class`, the empty state and pagination.
    The view gives the page its texts: `page_title` (and `page_heading` when the
    <h1> says more), `lead` under the heading, and `create_label` for the create
    button, shown to those who may add (`<app>:<model>_create`, checked against
    the project on project pages); `empty_create_label` repeats it in the empty state.
    """

    paginate_by: int | None = 25
    filterset_class: type[django_filters.FilterSet] | None = None
    table_class: type[Table] | None = None
    template_name: str | None = "generic/object_list.html"
    page_title: str | Promise | None = None
    page_heading: str | Promise | None = None
    lead: str | Promise | None = None
    create_label: str | Promise | None = None
    empty_create_label: str | Promise | None = None
    # Parameters that choose neither rows nor filters.
    not_filters: tuple[str, ...] = ("page", SORT_PARAM)
    filterset: django_filters.FilterSet | None
    sorted_by: str | None

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = self.get_filtered_queryset()
        self.sorted_by = self.get_sort()
        if self.sorted_by and self.table_class is not None:
            queryset = self.table_class.sorted_queryset(queryset, self.sorted_by)
        return queryset

    def get_filtered_queryset(self) -> models.QuerySet[Any]:
        queryset = visible(self.get_base_queryset(), self.request.user)
        if self.filterset_class is None:
            self.filterset = None
            return queryset
        self.filterset = self.filterset_class(
            self.request.GET or None,
            queryset=queryset,
            request=self.request,
            **self.get_filterset_kwargs(),
        )
        return self.filterset.qs

    def get_sort(self) -> str | None:
        """The valid `?sort=` value, or None."""
        if self.table_class is None or SORT_PARAM not in self.request.GET:
            return None
        return self.table_class.sort_alias(self.request.GET.get(SORT_PARAM))

    def is_filtered(self) -> bool:
        """Whether the page's parameters choose rows (sorting and paging do not)."""
        return any(key not in self.not_filters for key in self.request.GET)

    def get_filterset_kwargs(self) -> dict[str, Any]:
        return {}

    def get_base_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        context["model_meta"] = model_meta(self.model)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        if self.table_class is not None:
            context["object_list"] = self.get_table_rows(context["object_list"])
            context["table"] = self.get_table(context["object_list"])
            context.update(
                page_title=self.get_page_title(),
                page_heading=self.get_page_heading(),
                lead=self.get_lead(),
                is_filtered=self.is_filtered(),
                create_url=self.get_create_url(),
                create_label=self.create_label,
                empty_create_label=self.empty_create_label,
            )
        return context

    def get_table_rows(self, rows: Any) -> Any:
        """The rows of the page as the table shows them."""
        return list(rows)

    def get_table(self, rows: Any, **kwargs: Any) -> Table:
        if self.table_class is None:
            raise ImproperlyConfigured("Only a page with a table_class has a table.")
        query = self.request.GET.copy()
        for key in self.not_filters:
            query.pop(key, None)
        return self.table_class(rows, sorted_by=self.sorted_by, query=query, **kwargs)

    def get_page_title(self) -> str | Promise | None:
        return self.page_title or capfirst(model_meta(self.model).verbose_name_plural)

    def get_page_heading(self) -> str | Promise | None:
        return self.page_heading or self.get_page_title()

    def get_lead(self) -> str | Promise | None:
        return self.lead

    def get_create_url(self) -> str | None:
        """Where the create button leads, when the user may add (else None)."""
        if not self.create_label:
            return None
        meta = model_meta(self.model)
        get_project = getattr(self, "get_project", None)
        project = get_project() if get_project is not None else None
        if not self.request.user.has_perm(
            f"{meta.app_label}.add_{meta.model_name}", project
        ):
            return None
        args = [project.pk] if project is not None else []
        return reverse(f"{meta.app_label}:{meta.model_name}_create", args=args)


class ObjectDetailView(PermissionRequiredMixin, VisibleRowsMixin, DetailView[Any]):
    pass


def refused(view: Any, form: forms.BaseForm, refusal: Exception) -> HttpResponse:
    """Show a service's refusal as an error on the form; 409 when it was a conflict."""
    form.add_error(None, str(refusal))
    response = view.form_invalid(form)
    if isinstance(refusal, services.StateConflict):
        response.status_code = 409
    return response


class ObjectFormMixin(_ModelFormBase):
    """Create and update share one template, the save service and the messages."""

    template_name: str | None = "generic/object_form.html"
    request: HttpRequest

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            with transaction.atomic():
                self.object = self.save_form(form)
        except services.ActionRefused as refusal:
            return refused(self, form, refusal)
        except IntegrityError:
            return self.form_invalid(self.form_after_clash(form))
        # For the audit trail (projects/audit.py): which object, which fields.
        audit_note(self.request, instance=self.object, fields=form.changed_data)
        messages.success(self.request, self.get_success_message())
        return HttpResponseRedirect(self.get_success_url())

    def save_form(self, form: Any) -> Any:
        return form_saves.model_form_save(form=form)

    def form_after_clash(self, form: Any) -> Any:
        """The form again after the database refused its save: two saves at once (a
        double click, two tabs) both passed the form's checks before either was
        written. Checked again, the form now names the clash beside its field (a
        name in use); if not, it says so above the form. Nothing was saved."""
        again = self.get_form()
        if again.is_valid():
            again.add_error(
                None,
                _(
                    "Det blev ikke gemt: det støder sammen med noget, der blev gemt "
                    "samtidig. Se efter, om det allerede findes, og prøv igen."
                ),
            )
        return again

    def get_success_message(self) -> str:
        return _("“%(object)s” er gemt.") % {"object": self.object}

    def get_cancel_url(self) -> str:
        if getattr(self, "object", None) is not None and self.object.pk:
            return str(self.object.get_absolute_url())
        return self.get_list_url()

    def get_list_url(self) -> str:
        meta = model_meta(self.model)
        return reverse(f"{meta.app_label}:{meta.model_name}_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["model_meta"] = model_meta(self.model)
        context["cancel_url"] = self.get_cancel_url()
        context["page_title"] = self.get_page_title()
        return context

    def get_page_title(self) -> str:
        if getattr(self, "object", None) is not None and self.object.pk:
            return _("Redigér %(object)s") % {"object": self.object}
        return _("Opret %(model)s") % {"model": model_meta(self.model).verbose_name}


if TYPE_CHECKING:
    _ObjectFormBase = ObjectFormMixin
else:
    _ObjectFormBase = object


class MergedFormMixin(_ObjectFormBase):
    """Edit pages whose form saves by three-way merge (core/merge_forms.py).

    `save_form` returns a `services.MergedSave`. Fields both sides changed come back
    (409) with both versions beside them and nothing of them written; the rest is
    saved. List it before ObjectUpdateView among the bases.
    """

    template_name: str | None = "generic/object_form_merged.html"
    conflict_message = gettext_lazy(
        "Nogen har gemt ændringer her, siden du åbnede siden. Ved de markerede felter "
        "står begge versioner: vælg, hvilken der skal gælde, og gem igen. Intet af "
        "det er overskrevet; det øvrige er gemt."
    )

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            result = self.save_form(form)
        except services.ActionRefused as refusal:
            return refused(self, form, refusal)
        self.object = result.instance
        audit_note(
            self.request, instance=self.object, fields=sorted(result.merge.apply)
        )
        if result.merge.conflicts:
            self.error_heading = _("Ikke alt er gemt. Se venligst:")
            form = self.form_after_merge(form, result)
            form.add_error(None, str(self.conflict_message))
            response = self.form_invalid(form)
            response.status_code = 409
            return response
        messages.success(self.request, self.get_success_message())
        return HttpResponseRedirect(self.get_success_url())

    error_heading: str | Promise | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["error_heading"] = self.error_heading
        return context

    def form_after_merge(self, form: Any, result: services.MergedSave) -> Any:
        """The form shown again: the person's values, values saved elsewhere where the
        page was out of date, and the conflicts beside their fields."""
        data = data_after_merge(form.data, fields=form.fields, merge=result.merge)
        kwargs = {**self.get_form_kwargs(), "data": data, "instance": result.instance}
        fresh = self.get_form_class()(**kwargs)
        fresh.is_valid()
        updated_at = getattr(result.instance, "updated_at", None)
        fresh.conflicts = {
            name: conflict_shown(fresh, name, conflict, saved_at=updated_at)
            for name, conflict in result.merge.conflicts.items()
        }
        return fresh


@method_decorator(never_cache, name="dispatch")
class ObjectCreateView(PermissionRequiredMixin, ObjectFormMixin, CreateView[Any, Any]):
    pass


@method_decorator(never_cache, name="dispatch")
class ObjectUpdateView(
    PermissionRequiredMixin, VisibleRowsMixin, ObjectFormMixin, UpdateView[Any, Any]
):
    pass


class ObjectChildCreateView(ObjectCreateView):
    """Create an object that belongs to a parent named in the URL (a site, a project).

    The parent reaches the form as the keyword `parent_kwarg`, never from POST data,
    and the user returns to the parent's page afterwards.
    """

    parent_kwarg: str | None = None

    def get_parent(self) -> Any:
        raise NotImplementedError

    def get_form_kwargs(self) -> dict[str, Any]:
        if self.parent_kwarg is None:
            raise ImproperlyConfigured("A child create page names its parent_kwarg.")
        return {**super().get_form_kwargs(), self.parent_kwarg: self.get_parent()}

    def get_success_url(self) -> str:
        return str(self.get_parent().get_absolute_url())

    def get_cancel_url(self) -> str:
        return str(self.get_parent().get_absolute_url())


def deletion_impact(
    obj: models.Model, user: Any = None
) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    """What deleting `obj` would take with it, and what stops it.

    Returns (`affected`, `protected`): `affected` lists (count, name) for every
    other kind of row deleted with it; `protected` lists (kind, label) of the
    rows that refer to `obj` and block the delete. With a `user`, a blocking row
    they may not see (another project's interview that uses a shared site) is not
    named: such rows are counted per kind instead.
    """
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    affected: list[tuple[int, str]] = []
    # Django keys model_objs by model class (django-stubs says str).
    model_objs = cast(dict[type[models.Model], set[models.Model]], collector.model_objs)
    for model, objs in model_objs.items():
        if model is type(obj):
            objs = objs - {obj}
        if objs and not model._meta.auto_created:
            meta = model._meta
            name = meta.verbose_name if len(objs) == 1 else meta.verbose_name_plural
            affected.append((len(objs), str(name)))
    affected.sort(key=lambda item: item[1])
    protected = sorted(_protected_labels(collector.protected, user))
    return affected, protected


def _protected_labels(rows: Any, user: Any) -> list[tuple[str, str]]:
    """(kind, label) of each blocking row the user may see, and per kind a count of
    those they may not (one query per kind)."""
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    labels = []
    for model, objs in by_model.items():
        kind = str(capfirst(model._meta.verbose_name))
        if user is None:
            seen = {o.pk for o in objs}
        else:
            queryset = model._default_manager.filter(pk__in=[o.pk for o in objs])
            seen = set(visible(queryset, user).values_list("pk", flat=True))
        labels += [(kind, str(o)) for o in objs if o.pk in seen]
        hidden = len(objs) - len([o for o in objs if o.pk in seen])
        if hidden:
            labels.append(
                (
                    kind,
                    ngettext(
                        "%(count)d i et forløb, du ikke er med i",
                        "%(count)d i forløb, du ikke er med i",
                        hidden,
                    )
                    % {"count": hidden},
                )
            )
    return labels


@method_decorator(never_cache, name="dispatch")
class ObjectDeleteView(PermissionRequiredMixin, VisibleRowsMixin, DeleteView[Any, Any]):
    """Confirmation page that says what the delete affects; POST deletes."""

    template_name: str | None = "generic/object_confirm_delete.html"

    def get_impact(self) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
        """(affected, protected) as `deletion_impact` gives them."""
        return deletion_impact(self.object, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        affected, protected = self.get_impact()
        context.update(
            model_meta=model_meta(self.model),
            affected=affected,
            protected=protected,
            extra_impact=self.get_extra_impact(),
            cancel_url=self.object.get_absolute_url(),
        )
        return context

    def get_extra_impact(self) -> list[str]:
        """Sentences about side effects the row counts do not show."""
        return []

    def perform_delete(self) -> bool:
        """Delete the object; False when other rows protect it."""
        return services.object_delete(instance=self.object)

    def form_valid(self, form: Any) -> HttpResponse:
        label = str(self.object)
        deleted = self.perform_delete()
        if not deleted:
            audit_note(self.request, skip=True)  # nothing changed: no audit event
            messages.error(
                self.request,
                _("“%(object)s” kan ikke slettes, fordi andre data henviser til det.")
                % {"object": label},
            )
            return HttpResponseRedirect(self.request.path)
        messages.success(
            self.request, _("“%(object)s” er slettet.") % {"object": label}
        )
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        meta = model_meta(self.model)
        return reverse(f"{meta.app_label}:{meta.model_name}_list")


class ObjectActionView(
    PermissionRequiredMixin, VisibleRowsMixin, SingleObjectMixin[Any], FormView[Any]
):
    """A form that does one thing to one object through a service (score, move,
    decide). A refusal comes back as an error on the form, a conflict as 409;
    success returns to the object's page with `success_message`."""

    template_name: str | None = "generic/object_action_form.html"
    submit_label: str | Promise = gettext_lazy("Gem")

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title()
        context["cancel_url"] = self.object.get_absolute_url()
        context["submit_label"] = self.submit_label
        return context

    def get_page_title(self) -> str:
        return str(self.object)

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.act(form)
        except services.ActionRefused as refusal:
            return refused(self, form, refusal)
        audit_note(self.request, fields=form.changed_data)
        messages.success(self.request, self.get_success_message())
        return HttpResponseRedirect(self.object.get_absolute_url())

    def act(self, form: Any) -> None:
        raise NotImplementedError

    def get_success_message(self) -> str:
        raise NotImplementedError
