"""Home, sign-in, health check, and the project (forløb) with its members."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from core import panels
from core.generic import (
    ObjectChildCreateView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PermissionRequiredMixin,
    audit_note,
)
from core.services import ActionRefused
from projects import selectors, services
from projects.forms import InvitationAcceptForm, MembershipForm, ProjectForm
from projects.generic import ProjectScopedMixin
from projects.models import Invitation, Membership, Project, Role
from projects.tables import ProjectTable
from projects.tasks import send_invitation


class HomeView(PermissionRequiredMixin, TemplateView):
    """Takes each role to its work in each of the user's projects."""

    permission_required = "synergy.use_app"
    template_name = "projects/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["home_projects"] = [
            (
                project,
                memberships,
                panels.panels_for(
                    "home", user=user, project=project, memberships=memberships
                ),
            )
            for project, memberships in selectors.home_projects(user=user)
        ]
        context["Role"] = Role
        return context


class ProjectListView(ObjectListView):
    permission_required = "synergy.view_project"
    model = Project
    table_class = ProjectTable
    page_title = gettext_lazy("Forløb")
    create_label = gettext_lazy("Opret forløb")
    # Beside "Opret forløb": "Nyt forløb ud fra et tidligere" (testing/views/reuse.py).
    template_name = "projects/project_list.html"

    def get_base_queryset(self):
        return selectors.project_list(user=self.request.user)


class ProjectDetailView(ObjectDetailView):
    permission_required = "synergy.view_project"
    model = Project
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return selectors.project_detail(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members_by_role"] = selectors.members_by_role(project=self.object)
        context["invitations"] = selectors.pending_invitations(project=self.object)
        context["project"] = self.object
        context["project_section"] = "overview"
        return context


class ProjectCreateView(ObjectCreateView):
    permission_required = "synergy.add_project"
    model = Project
    form_class = ProjectForm

    def save_form(self, form):
        return services.project_create(
            **form.cleaned_data, consultant=self.request.user
        )


class ProjectUpdateView(ObjectUpdateView):
    permission_required = "synergy.change_project"
    model = Project
    form_class = ProjectForm

    def save_form(self, form):
        return services.project_update(project=self.object, **form.cleaned_data)


class ProjectDeleteView(ObjectDeleteView):
    permission_required = "synergy.delete_project"
    model = Project


class MembershipCreateView(ProjectScopedMixin, ObjectChildCreateView):
    permission_required = "synergy.add_membership"
    model = Membership
    form_class = MembershipForm
    parent_kwarg = "project"

    def get_parent(self):
        return self.get_project()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "chooser": self.request.user,
            "allow_invite": True,
        }

    def get_page_title(self):
        return _("Tilføj medlem til %(project)s") % {"project": self.get_project()}

    def save_form(self, form):
        data = form.cleaned_data
        if data.get("invite_email"):
            invitation = services.invitation_create(
                project=self.get_project(),
                email=data["invite_email"],
                role=data["role"],
                site=data["site"],
                invited_by=self.request.user,
            )
            domain, use_https = self.request.get_host(), self.request.is_secure()
            transaction.on_commit(
                lambda: send_invitation.enqueue(
                    invitation_id=invitation.pk, domain=domain, use_https=use_https
                )
            )
            return invitation
        return services.membership_create(
            project=self.get_project(),
            user=data["user"],
            role=data["role"],
            site=data["site"],
        )

    def get_success_message(self):
        if isinstance(self.object, Invitation):
            return _(
                "Invitationen er sendt til %(email)s. Linket virker i %(days)s dage."
            ) % {"email": self.object.email, "days": settings.INVITATION_VALID_DAYS}
        if self.request.POST.get("email", "").strip():
            return _(
                "%(email)s har allerede en konto og er nu med i forløbet som "
                "%(role)s. Der er ikke sendt nogen invitation."
            ) % {
                "email": self.request.POST["email"].strip(),
                "role": self.object.get_role_display().lower(),
            }
        return super().get_success_message()


class MembershipUpdateView(ObjectUpdateView):
    queryset = Membership.objects.select_related("project", "user", "site")
    permission_required = "synergy.change_membership"
    model = Membership
    form_class = MembershipForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "project": self.object.project,
            "chooser": self.request.user,
        }

    def get_success_url(self):
        return self.object.project.get_absolute_url()

    def save_form(self, form):
        data = form.cleaned_data
        return services.membership_update(
            membership=self.object,
            user=data["user"],
            role=data["role"],
            site=data["site"],
        )


class MembershipDeleteView(ObjectDeleteView):
    queryset = Membership.objects.select_related("project", "user", "site")
    permission_required = "synergy.delete_membership"
    model = Membership

    def get_success_url(self):
        return self.object.project.get_absolute_url()

    def form_valid(self, form):
        if not services.membership_may_delete(membership=self.object):
            messages.error(
                self.request,
                _(
                    "Et forløb skal have mindst én konsulent. Tilføj en anden konsulent først."
                ),
            )
            return HttpResponseRedirect(self.object.project.get_absolute_url())
        return super().form_valid(form)


class InvitationActionView(PermissionRequiredMixin, View):
    """A POST button on the member list: send an invitation again, or revoke it."""

    permission_required = "synergy.add_membership"
    http_method_names = ["post"]

    def get_permission_object(self):
        return self.get_invitation().project

    def get_invitation(self) -> Invitation:
        if not hasattr(self, "_invitation"):
            self._invitation = get_object_or_404(
                Invitation.objects.visible_to(self.request.user).select_related(
                    "project", "site"
                ),
                pk=self.kwargs["pk"],
            )
        return self._invitation

    def post(self, request, *args, **kwargs):
        invitation = self.get_invitation()
        try:
            message = self.act(invitation)
        except ActionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            audit_note(request, instance=invitation, fields=[])
            messages.success(request, message)
        return HttpResponseRedirect(invitation.project.get_absolute_url())


class InvitationResendView(InvitationActionView):
    def act(self, invitation: Invitation) -> str:
        invitation = services.invitation_renew(invitation=invitation)
        domain, use_https = self.request.get_host(), self.request.is_secure()
        transaction.on_commit(
            lambda: send_invitation.enqueue(
                invitation_id=invitation.pk, domain=domain, use_https=use_https
            )
        )
        return _(
            "Invitationen er sendt igen til %(email)s med et nyt link. Det gamle link "
            "virker ikke længere."
        ) % {"email": invitation.email}


class InvitationRevokeView(InvitationActionView):
    def act(self, invitation: Invitation) -> str:
        services.invitation_revoke(invitation=invitation)
        return _("Invitationen til %(email)s er trukket tilbage.") % {
            "email": invitation.email
        }


@method_decorator(login_not_required, name="dispatch")
class InvitationAcceptView(FormView):
    """The invitation's link (no sign-in needed): the invited person chooses a name
    and a password, or signs in with single sign-on. A link that is unknown, altered
    or replaced by a newer one answers 404; a used, revoked or expired one says so."""

    public = True
    template_name = "projects/invitation_accept.html"
    form_class = InvitationAcceptForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = selectors.invitation_by_key(key=kwargs["key"])
        if self.invitation is None:
            return render(request, "projects/invitation_unknown.html", status=404)
        self.closed_reason = services.invitation_closed_reason(
            invitation=self.invitation
        )
        if self.closed_reason:
            return render(
                request,
                "projects/invitation_closed.html",
                {"invitation": self.invitation, "reason": self.closed_reason},
                status=410,
            )
        self.existing = selectors.active_user_by_email(email=self.invitation.email)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "email": self.invitation.email}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.invitation
        context["password_login"] = settings.PASSWORD_LOGIN_ENABLED
        context["username"] = selectors.username_for(email=self.invitation.email)
        context["existing_account"] = self.existing is not None
        context["signed_in_as_other"] = (
            self.request.user.is_authenticated
            and self.request.user.email.lower() != self.invitation.email.lower()
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.existing is not None:
            return self.accept_for_existing()
        return super().post(request, *args, **kwargs)

    def accept_for_existing(self):
        """An account with the address appeared after the invitation was sent (another
        project invited them first): the role goes to it, and they sign in with it."""
        try:
            services.invitation_accept(invitation=self.invitation, user=self.existing)
        except ActionRefused as refusal:
            messages.error(self.request, str(refusal))
        else:
            messages.success(
                self.request,
                _(
                    "Du har allerede en konto med adressen %(email)s. Log ind med den; "
                    "forløbet %(project)s er lagt til."
                )
                % {"email": self.invitation.email, "project": self.invitation.project},
            )
        return HttpResponseRedirect(reverse("login"))

    def form_valid(self, form):
        if not settings.PASSWORD_LOGIN_ENABLED:
            # Single sign-on only: no account with a password is made.
            return HttpResponseRedirect(self.request.path)
        data = form.cleaned_data
        try:
            user = services.user_create_for_invitation(
                invitation=self.invitation,
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ActionRefused as refusal:
            return render(
                self.request,
                "projects/invitation_closed.html",
                {"invitation": self.invitation, "reason": str(refusal)},
                status=410,
            )
        auth_login(self.request, user, backend="core.backends.ThrottledModelBackend")
        messages.success(
            self.request,
            _(
                "Velkommen til Synergi. Du er nu med i forløbet %(project)s. Du logger "
                "ind med brugernavnet %(username)s."
            )
            % {"project": self.invitation.project, "username": user.get_username()},
        )
        return HttpResponseRedirect(self.invitation.project.get_absolute_url())
