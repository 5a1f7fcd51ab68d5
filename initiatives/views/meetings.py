"""The steering group's meetings, and the decisions recorded from a meeting (an
idea's decision, an initiative's verdict: those pages return to the meeting)."""

from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.generic import MergedFormMixin, ObjectDetailView, ObjectListView
from projects.generic import (
    ProjectChildCreateView,
    ProjectObjectMixin,
    ProjectObjectUpdateView,
    ProjectScopedMixin,
)

from .. import selectors, services
from ..forms import MeetingForm
from ..models import Meeting
from ..tables import MeetingTable


class MeetingListView(ProjectScopedMixin, ObjectListView):
    permission_required = "initiatives.view_meeting"
    model = Meeting
    table_class = MeetingTable
    page_title = gettext_lazy("Styregruppemøder")
    lead = gettext_lazy(
        "Styregruppens møder, hvem der deltog, og de beslutninger, der blev truffet."
    )
    create_label = gettext_lazy("Nyt møde")
    empty_create_label = gettext_lazy("Opret det første møde.")
    project_section = "meetings"

    def get_base_queryset(self):
        return selectors.meeting_list(project=self.get_project())


class MeetingDetailView(ProjectObjectMixin, ObjectDetailView):
    """Who attended, the decisions recorded in the meeting, and what can be decided
    in it: the presented ideas and the initiatives in test or evaluated."""

    permission_required = "initiatives.view_meeting"
    model = Meeting
    template_name = "initiatives/meeting_detail.html"
    project_section = "meetings"

    def get_queryset(self):
        return selectors.meeting_detail().filter(
            pk__in=super().get_queryset().values("pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agenda"] = selectors.meeting_agenda(
            meeting=self.object, today=timezone.localdate()
        )
        return context


class MeetingCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_meeting"
    model = Meeting
    form_class = MeetingForm
    return_url_name = "initiatives:meeting_list"
    project_section = "meetings"

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def save_form(self, form):
        return services.meeting_create(
            project=self.get_project(), **form.cleaned_data, user=self.request.user
        )

    def get_page_title(self):
        return _("Nyt styregruppemøde")


class MeetingUpdateView(MergedFormMixin, ProjectObjectUpdateView):
    """Saved by merge per field: a second tab or person never overwrites unseen."""

    permission_required = "initiatives.change_meeting"
    model = Meeting
    form_class = MeetingForm
    project_section = "meetings"

    def save_form(self, form):
        return services.meeting_update(
            meeting=self.object,
            **form.merge_values(),
            bases=form.bases(),
            choices=form.choices(),
        )


class FromMeetingMixin:
    """A decision page (on an idea or an initiative, `self.object`) that may be
    opened from a meeting (`?meeting=<pk>`): the form offers the project's meetings
    with that one chosen, and after the decision the user returns to the meeting."""

    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            pk = self.request.GET.get("meeting", "")
            self._meeting = (
                selectors.meeting_choices(project=self.object.project_id)
                .filter(pk=pk)
                .first()
                if pk.isdigit()
                else None
            )
        return self._meeting

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.object.project_id}

    def get_initial(self):
        initial = super().get_initial()
        meeting = self.get_meeting()
        initial["decided_on"] = (
            meeting.held_on if meeting is not None else timezone.localdate()
        )
        if meeting is not None:
            initial["meeting"] = meeting.pk
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context["from_meeting"] = meeting
        if meeting is not None:
            context["cancel_url"] = meeting.get_absolute_url()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        meeting = self.get_meeting()
        if meeting is not None and isinstance(response, HttpResponseRedirect):
            return HttpResponseRedirect(meeting.get_absolute_url())
        return response
