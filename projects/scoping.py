"""Which rows a user may see: declared once per model (NetBox's `restrict()`).

Every model that belongs to a project says how to reach its project, and, where
coordinators see only their own sites' rows, how to reach its site:

    class Submission(TimeStampedModel):
        scope = Scope(project="run__project", site="run__site")
        objects = ScopedQuerySet.as_manager()

From that one declaration come

- `Submission.objects.visible_to(user)`: the rows the user may see (one query for
  the user's memberships, read once per user object, never one per row);
- the object-level `view_<model>` rule and the project/site of an object that every
  rule in projects/permissions.py asks about;
- the generic views' narrowing (core/generic.py) and the GDPR purge paths.

Who sees what:
- a project's rows: every member of the project (any role);
- with `whole_project_only`: the consultants and the steering group of the project
  (the steering group's meetings), no coordinator;
- with `site`: the consultants and the steering group of the project see every row,
  a coordinator only the rows of the sites they coordinate in that project;
- `Scope.shared()` (the shared catalogue in sites/): every member of any project and
  the catalogue editors; who may change a record follows the catalogue's owners
  (projects.permissions);
- `Scope.admin_only()`: rows read in Django's admin only (active superusers);
- `Scope.consultants()`: rows of the installation that no project owns and that the
  consultants of any project share (the library of test kits): every user who is a
  consultant in some project; coordinators and the steering group see none;
- `Scope.personal(owner=…, project=…)`: a person's own rows (their notifications):
  the row's owner only, whatever their role; the project path is for the GDPR purge.
  What such a row is about is checked against that object's own scope by the app
  that shows it (notifications.selectors).
An active superuser sees every row. A model with a foreign-key path to a project and
no declaration fails the system check `synergy.E001` (so a new model is never
forgotten).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Self

from django.apps import AppConfig, apps
from django.core import checks
from django.db import models
from django.db.models import Q

# projects.models declares its own scopes with this module, so it is imported lazily.
CONSULTANT, COORDINATOR, STEERING = "consultant", "coordinator", "steering"

# The installation-wide permission of a catalogue editor (given in admin).
CATALOGUE_EDITOR_PERMISSION = "sites.change_shared_catalogue"

PROJECT = "project"
SHARED = "shared"
ADMIN_ONLY = "admin_only"
PERSONAL = "personal"
CONSULTANTS = "consultants"


@dataclass(frozen=True)
class Scope:
    """How a model's rows reach their project (`project`, an ORM path) and, where
    coordinators are limited to their sites, their site (`site`)."""

    project: str = ""
    site: str | None = None
    kind: str = PROJECT
    # Rows that only those who see the project whole (its consultants and steering
    # group) see; its coordinators see none of them (the steering group's meetings).
    whole_project_only: bool = False
    # For PERSONAL rows: the path to the user who owns the row.
    owner: str = ""

    @classmethod
    def personal(cls, *, owner: str, project: str) -> Scope:
        return cls(project=project, kind=PERSONAL, owner=owner)

    @classmethod
    def shared(cls) -> Scope:
        return cls(kind=SHARED)

    @classmethod
    def admin_only(cls) -> Scope:
        return cls(kind=ADMIN_ONLY)

    @classmethod
    def consultants(cls) -> Scope:
        return cls(kind=CONSULTANTS)

    def project_id_of(self, obj: Any) -> int | None:
        """The id of the object's project, following the declared path."""
        return _value_at(obj, self.project)

    def site_id_of(self, obj: Any) -> int | None:
        return _value_at(obj, self.site) if self.site else None


def _value_at(obj: Any, path: str) -> Any:
    """The value at the end of an ORM path on an object: the id for a foreign key
    (`run__project` gives `obj.run.project_id`, no query for the project itself)."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    if last == "pk":
        return obj.pk
    return getattr(obj, obj._meta.get_field(last).attname)


def scope_of(model: type[models.Model]) -> Scope | None:
    """The model's declaration (None when it declares none)."""
    scope = getattr(model, "scope", None)
    return scope if isinstance(scope, Scope) else None


# The user's memberships, and what they make visible


# A User or an AnonymousUser: the memberships and access are cached on the object
# itself (private attributes no user class declares), hence Any.
type AnyUser = Any


def memberships_of(user: AnyUser) -> tuple[Any, ...]:
    """The user's memberships, read once per user object (one query per request)."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, "_synergy_memberships", None)
    if cached is None:
        Membership = apps.get_model("synergy", "Membership")
        cached = tuple(
            Membership.objects.filter(user=user).only("project_id", "role", "site_id")
        )
        user._synergy_memberships = cached
    return cached


@dataclass(frozen=True)
class Access:
    """What a user's memberships open: projects (any role), projects seen whole
    (consultant or steering group), and (project, site) pairs they coordinate."""

    everything: bool
    projects: frozenset[int]
    whole_projects: frozenset[int]
    sites: frozenset[tuple[int, int]]


def access_of(user: AnyUser) -> Access:
    """The user's access, derived from their memberships once per user object."""
    cached = getattr(user, "_synergy_access", None)
    memberships = memberships_of(user)
    if cached is not None and cached[0] is memberships:
        return cached[1]
    access = Access(
        everything=bool(user.is_active and user.is_superuser),
        projects=frozenset(m.project_id for m in memberships),
        whole_projects=frozenset(
            m.project_id for m in memberships if m.role in (CONSULTANT, STEERING)
        ),
        sites=frozenset(
            (m.project_id, m.site_id) for m in memberships if m.role == COORDINATOR
        ),
    )
    if user.is_authenticated:
        user._synergy_access = (memberships, access)
    return access


def is_any_consultant(user: AnyUser) -> bool:
    """A consultant in some project (the library of test kits is theirs)."""
    return any(m.role == CONSULTANT for m in memberships_of(user))


def roles_in(user: AnyUser, project: models.Model) -> set[str]:
    """The set of roles the user holds in a project."""
    return {m.role for m in memberships_of(user) if m.project_id == project.pk}


def coordinator_site_ids(
    user: AnyUser, project: models.Model | None = None
) -> set[int]:
    """Ids of the sites the user coordinates (in one project, or in any)."""
    return {
        site_id
        for project_id, site_id in access_of(user).sites
        if project is None or project_id == project.pk
    }


def visible_site_ids(*, user: AnyUser, project: models.Model) -> set[int] | None:
    """None when the user sees every site of the project (for a model with a declared
    `site`); else the sites they coordinate in it."""
    access = access_of(user)
    if access.everything or project.pk in access.whole_projects:
        return None
    return coordinator_site_ids(user, project)


def may_view(user: AnyUser, obj: models.Model) -> bool:
    """The row rule `visible_to` applies, for one object (the `view` rules use it)."""
    scope = scope_of(type(obj))
    access = access_of(user)
    if scope is None or not user.is_authenticated:
        return False
    if access.everything:
        return True
    if scope.kind == ADMIN_ONLY:
        return False
    if scope.kind == SHARED:
        return bool(access.projects) or user.has_perm(CATALOGUE_EDITOR_PERMISSION)
    if scope.kind == PERSONAL:
        return _value_at(obj, scope.owner) == user.pk
    if scope.kind == CONSULTANTS:
        return is_any_consultant(user)
    project_id = scope.project_id_of(obj)
    if scope.whole_project_only:
        return project_id in access.whole_projects
    if scope.site is None:
        return project_id in access.projects
    return project_id in access.whole_projects or (
        (project_id, scope.site_id_of(obj)) in access.sites
    )


def restrict[QS: models.QuerySet[Any]](queryset: QS, user: AnyUser) -> QS:
    """The rows of `queryset` the user may see (see the module's docstring)."""
    scope = scope_of(queryset.model)
    if scope is None:
        raise TypeError(f"{queryset.model._meta.label} declares no scope")
    if not user.is_authenticated:
        return queryset.none()
    access = access_of(user)
    if access.everything:
        return queryset
    if scope.kind == ADMIN_ONLY:
        return queryset.none()
    if scope.kind == SHARED:
        if access.projects or user.has_perm(CATALOGUE_EDITOR_PERMISSION):
            return queryset
        return queryset.none()
    if scope.kind == PERSONAL:
        return queryset.filter(**{scope.owner: user.pk})
    if scope.kind == CONSULTANTS:
        return queryset if is_any_consultant(user) else queryset.none()
    if scope.whole_project_only:
        return queryset.filter(
            **{f"{scope.project}__in": sorted(access.whole_projects)}
        )
    if scope.site is None:
        return queryset.filter(**{f"{scope.project}__in": sorted(access.projects)})
    condition = Q(**{f"{scope.project}__in": sorted(access.whole_projects)})
    for project_id, site_id in sorted(access.sites):
        condition |= Q(**{scope.project: project_id, scope.site: site_id})
    return queryset.filter(condition)


def visible[T](queryset: T, user: AnyUser) -> T:
    """`restrict` for a queryset of a project's rows; anything else (a list, a model
    of the shared catalogue or without a scope) unchanged. The generic views call
    this: a row of another project does not exist for the user (404), while a
    catalogue record exists for everyone and its permission refuses (403)."""
    if isinstance(queryset, models.QuerySet):
        scope = scope_of(queryset.model)
        if scope is not None and scope.kind in (PROJECT, PERSONAL, CONSULTANTS):
            return restrict(queryset, user)
    return queryset


class ScopedQuerySet(models.QuerySet):
    """The queryset (and, with `as_manager()`, the manager) of every declared model."""

    def visible_to(self, user: AnyUser) -> Self:
        return restrict(self, user)

    def openable_by(self, user: AnyUser) -> Self:
        """What the generic pages read (core.generic.visible): see `visible`."""
        return visible(self, user)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


# Which models must declare


def points_at_project(model: type[models.Model]) -> bool:
    """The model reaches synergy.Project through foreign keys (or is it)."""
    Project = apps.get_model("synergy", "Project")
    seen: set[type[models.Model]] = set()

    def walk(current: Any) -> bool:
        if current is Project:
            return True
        if current in seen:
            return False
        seen.add(current)
        return any(
            walk(field.related_model)
            for field in current._meta.concrete_fields
            if field.is_relation
            and field.related_model is not None
            and field.related_model._meta.app_label != "auth"
        )

    return walk(model)


LOCAL_APPS = (
    "synergy",
    "notifications",
    "sites",
    "initiatives",
    "testing",
    "reporting",
)


def declared_models() -> list[type[models.Model]]:
    """Every model that declares a scope."""
    return [m for m in apps.get_models() if scope_of(m) is not None]


def check_scopes(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """synergy.E001: a model of the app that points at a project declares its scope;
    synergy.E002: a declared model's default manager has `visible_to`;
    synergy.E003: the declared paths exist."""
    return scope_errors(m for m in apps.get_models() if m._meta.app_label in LOCAL_APPS)


def scope_errors(
    model_list: Iterable[type[models.Model]],
) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for model in model_list:
        scope = scope_of(model)
        if scope is None:
            if points_at_project(model):
                errors.append(
                    checks.Error(
                        f"{model._meta.label} points at a project but declares no "
                        "`scope` (projects.scoping.Scope).",
                        obj=model,
                        id="synergy.E001",
                    )
                )
            continue
        if not hasattr(model._default_manager, "visible_to"):
            errors.append(
                checks.Error(
                    f"{model._meta.label} declares a scope but its default manager "
                    "has no visible_to (use ScopedQuerySet.as_manager()).",
                    obj=model,
                    id="synergy.E002",
                )
            )
        for path in filter(None, (scope.project, scope.site, scope.owner)):
            try:
                model._default_manager.filter(**{f"{path}__isnull": True}).query  # noqa: B018
            except Exception as error:
                errors.append(
                    checks.Error(
                        f"{model._meta.label}: scope path {path!r}: {error}",
                        obj=model,
                        id="synergy.E003",
                    )
                )
    return errors
