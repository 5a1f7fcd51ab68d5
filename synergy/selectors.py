"""Reads for the home page and the project pages."""

from itertools import groupby

from django.db.models import Count, Prefetch

from .models import Membership, Project, Role


def projects_visible_to(*, user):
    """Projects the user is a member of (every project for a superuser)."""
    projects = Project.objects.annotate(
        site_count=Count("sites", distinct=True),
        member_count=Count("memberships", distinct=True),
    ).order_by("-starts_on", "name")
    if user.is_superuser:
        return projects
    return projects.filter(memberships__user=user).distinct()


def project_detail(*, user):
    """The queryset the project page reads its project from, with sites and members."""
    members = Membership.objects.select_related("user", "site").order_by(
        "role", "site__name", "user__first_name", "user__username"
    )
    return projects_visible_to(user=user).prefetch_related(
        "sites__municipality",
        Prefetch("memberships", queryset=members, to_attr="member_list"),
    )


def members_by_role(*, project):
    """[(role label, [memberships])] in the order consultant, coordinator, steering group."""
    order = {role: i for i, role in enumerate(Role.values)}
    members = sorted(project.member_list, key=lambda m: order[m.role])
    return [
        (Role(role).label, list(group))
        for role, group in groupby(members, key=lambda m: m.role)
    ]


def home_projects(*, user):
    """For each of the user's projects: the project and the user's memberships in it."""
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("project", "site")
        .order_by("-project__starts_on", "project__name", "role")
    )
    return [
        (project, list(group))
        for project, group in groupby(memberships, key=lambda m: m.project)
    ]
