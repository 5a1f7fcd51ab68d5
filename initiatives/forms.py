"""Forms for the analysis, the evidence, the ideas and the initiatives.

Every form that belongs to a project takes `project` as a keyword: it limits the
choices (sites, themes, terms) to that project and sets it on the instance, so a
project can never be chosen or smuggled in through POST data.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    DateInput,
    LinesField,
    OptionalPositionMixin,
    UniqueNameMixin,
    WeekField,
)
from core.merge_forms import MergeModelFormMixin
from projects.models import Membership, Role
from projects.permissions import coordinator_site_ids
from sites.models import CitizenService

from .models import (
    CommunicationChannel,
    DecisionOutcome,
    Idea,
    IdeaPhase,
    Initiative,
    InitiativeStatus,
    Interview,
    Meeting,
    Quote,
    ScreeningCriterion,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
    Verdict,
    Vocabulary,
)

# A rationale or a meeting's notes fill a page, not a book: longer is a paste gone wrong.
RATIONALE_LENGTH = 5000
NOTES_LENGTH = 20000


class ProjectFormMixin(OptionalPositionMixin):
    """Takes the project from the view, sets it on the instance, limits choices to it."""

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            model = queryset.model
            if model._meta.label == "sites.Site":
                field.queryset = project.sites.order_by("name")
            elif any(f.name == "project" for f in model._meta.concrete_fields):
                field.queryset = queryset.filter(project=project)
        for name, vocabulary in self.term_fields.items():
            if name in self.fields:
                self.fields[name].queryset = Term.objects.filter(
                    project=project, vocabulary=vocabulary
                )

    term_fields: dict[str, str] = {}  # form field name → the terms' vocabulary


class TermForm(ProjectFormMixin, UniqueNameMixin, forms.ModelForm):
    unique_name_scope = ("project", "vocabulary")
    duplicate_name_message = _("Ordlisten har allerede dette begreb.")

    class Meta:
        model = Term
        fields = ["vocabulary", "name", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ThemeForm(ProjectFormMixin, UniqueNameMixin, forms.ModelForm):
    unique_name_scope = ("project",)
    duplicate_name_message = _("Forløbet har allerede et tema med dette navn.")

    class Meta:
        model = Theme
        fields = ["name", "synergy", "barriers", "position"]
        widgets = {
            "synergy": forms.Textarea(attrs={"rows": 3}),
            "barriers": forms.Textarea(attrs={"rows": 3}),
        }


class SolutionSpaceForm(ProjectFormMixin, UniqueNameMixin, forms.ModelForm):
    unique_name_scope = ("project",)
    duplicate_name_message = _("Forløbet har allerede et løsningsrum med dette navn.")
    recommendations = LinesField(
        label=_("Anbefalinger og løsningsforslag"),
        required=False,
        help_text=_("Én anbefaling pr. linje, i den rækkefølge de skal stå."),
    )

    class Meta:
        model = SolutionSpace
        fields = [
            "theme",
            "name",
            "guiding_question",
            "description",
            "recommendations",
            "sites",
            "services",
            "position",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "sites": forms.CheckboxSelectMultiple(),
            "services": forms.CheckboxSelectMultiple(),
        }

    def clean_guiding_question(self):
        question = self.cleaned_data["guiding_question"].strip()
        if not question.endswith("?"):
            raise ValidationError(
                _(
                    "Formulér det styrende spørgsmål som et spørgsmål, fx “Hvordan kan vi …?”"
                ),
                code="not_a_question",
            )
        return question


class ServiceSynergyCardForm(ProjectFormMixin, forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Kommunikationskanaler"),
        choices=CommunicationChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(),
    )

    class Meta:
        model = ServiceSynergyCard
        fields = [
            "service",
            "title",
            "the_service",
            "the_citizen",
            "library_synergy",
            "channels",
            "communication",
            "challenge",
            "position",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "the_service",
                "the_citizen",
                "library_synergy",
                "communication",
                "challenge",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Tom: ydelsens navn.")

    def clean(self):
        cleaned_data = super().clean()
        service = cleaned_data.get("service")
        if not cleaned_data.get("title"):
            if service is None:
                self.add_error(
                    "title",
                    ValidationError(
                        _("Giv kortet en titel, når det ikke handler om én ydelse."),
                        code="title_required",
                    ),
                )
            else:
                cleaned_data["title"] = service.name
        if service is not None:
            clash = ServiceSynergyCard.objects.filter(
                project=self.project, service=service
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "service",
                    ValidationError(
                        _("Forløbet har allerede et kort for denne ydelse."),
                        code="duplicate",
                    ),
                )
        return cleaned_data


class InterviewForm(ProjectFormMixin, forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["site", "service", "age_band", "held_on", "length", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_held_on(self):
        held_on = self.cleaned_data.get("held_on")
        if held_on and held_on > timezone.localdate():
            raise ValidationError(_("Datoen ligger i fremtiden."), code="future_date")
        return held_on


class QuoteForm(ProjectFormMixin, forms.ModelForm):
    term_fields = {"tags": Vocabulary.QUOTE_TAG}

    class Meta:
        model = Quote
        fields = [
            "text",
            "speaker_label",
            "age_band",
            "service",
            "site",
            "interview",
            "tags",
            "consent_to_publish",
            "reviewed",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "tags": forms.CheckboxSelectMultiple(),
        }

    def clean(self):
        cleaned_data = super().clean()
        interview = cleaned_data.get("interview")
        if interview is not None:
            for name in ("site", "service"):
                chosen = cleaned_data.get(name)
                if chosen is not None and chosen != getattr(interview, name):
                    self.add_error(
                        name,
                        ValidationError(
                            _("Passer ikke med interviewet (%(value)s)."),
                            code="interview_mismatch",
                            params={"value": getattr(interview, name)},
                        ),
                    )
        return cleaned_data


class QuoteWithInitiativesForm(QuoteForm):
    """The consultant's quote form: the quote and the project's initiatives it says
    something about (QuoteForm without them is the base of testing's form for a
    quote made of an answer)."""

    class Meta(QuoteForm.Meta):
        fields = [
            *QuoteForm.Meta.fields[: QuoteForm.Meta.fields.index("tags") + 1],
            "initiatives",
            *QuoteForm.Meta.fields[QuoteForm.Meta.fields.index("tags") + 1 :],
        ]
        widgets = {
            **QuoteForm.Meta.widgets,
            "initiatives": forms.CheckboxSelectMultiple(),
        }
        error_messages = {
            "initiatives": {
                "invalid_choice": _(
                    "Citatet kan kun knyttes til tiltag i dette forløb."
                ),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ProjectFormMixin has limited them to the project's initiatives.
        field = self.fields["initiatives"]
        field.queryset = field.queryset.order_by("name", "pk")


class ScreeningCriterionForm(ProjectFormMixin, UniqueNameMixin, forms.ModelForm):
    unique_name_scope = ("project",)
    duplicate_name_message = _("Forløbet har allerede et kriterie med dette navn.")

    class Meta:
        model = ScreeningCriterion
        fields = ["name", "description", "scale_min", "scale_max", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned_data = super().clean()
        low, high = cleaned_data.get("scale_min"), cleaned_data.get("scale_max")
        if low is None or high is None:
            return cleaned_data
        if high <= low:
            self.add_error(
                "scale_max",
                ValidationError(
                    _("Den højeste score skal være større end den laveste."),
                    code="scale",
                ),
            )
        elif self.instance.pk:
            outside = self.instance.scores.exclude(
                value__gte=low, value__lte=high
            ).count()
            if outside:
                self.add_error(
                    "scale_max",
                    ValidationError(
                        _("%(count)s afgivne scorer ligger uden for den nye skala."),
                        code="scores_outside",
                        params={"count": outside},
                    ),
                )
        return cleaned_data


class IdeaForm(ProjectFormMixin, forms.ModelForm):
    """A workshop idea. Coordinators may only name their own site(s)."""

    term_fields = {"target_groups": Vocabulary.TARGET_GROUP}

    class Meta:
        model = Idea
        fields = [
            "title",
            "description",
            "solution_space",
            "services",
            "target_groups",
            "evidence",
            "site",
            "group_name",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "services": forms.CheckboxSelectMultiple(),
            "target_groups": forms.CheckboxSelectMultiple(),
            "evidence": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, project, user, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        self.fields["services"].queryset = CitizenService.objects.order_by("name")
        self.fields["evidence"].queryset = Quote.objects.filter(
            project=project
        ).order_by("text")
        if not user.has_perm("synergy.change_project", project):
            own_sites = coordinator_site_ids(user, project)
            self.fields["site"].queryset = project.sites.filter(pk__in=own_sites)

    def clean(self):
        cleaned_data = super().clean()
        if (
            "site" not in self.errors
            and not cleaned_data.get("site")
            and not cleaned_data.get("group_name", "").strip()
        ):
            self.add_error(
                "site",
                ValidationError(
                    _("Angiv stedet eller workshopgruppen, idéen kommer fra."),
                    code="origin",
                ),
            )
        return cleaned_data


class IdeaScoresForm(forms.Form):
    """One score per criterion for the signed-in user; the scale is the criterion's."""

    def __init__(self, *args, criteria, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                required=False,
                min_value=criterion.scale_min,
                max_value=criterion.scale_max,
                initial=current.get(criterion.pk),
                help_text=_("%(low)s–%(high)s")
                % {"low": criterion.scale_min, "high": criterion.scale_max},
                error_messages={
                    "min_value": _("Scoren skal være mellem %(low)s og %(high)s.")
                    % {"low": criterion.scale_min, "high": criterion.scale_max},
                    "max_value": _("Scoren skal være mellem %(low)s og %(high)s.")
                    % {"low": criterion.scale_min, "high": criterion.scale_max},
                    "invalid": _("Skriv et helt tal."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and all(v is None for v in cleaned_data.values()):
            raise ValidationError(_("Giv mindst én score."), code="empty")
        return cleaned_data

    def scores(self):
        """{criterion: value} for the criteria given a score."""
        return {
            c: self.cleaned_data[f"criterion_{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"criterion_{c.pk}") is not None
        }


class IdeaMoveForm(forms.Form):
    """Move an idea to another workshop phase; `expected_phase` is the phase the user saw."""

    to_phase = forms.ChoiceField(
        label=_("Ny fase"),
        choices=[
            (v, label) for v, label in IdeaPhase.choices if v != IdeaPhase.DECIDED
        ],
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skal udfyldes, når idéen flyttes tilbage."),
    )
    expected_phase = forms.CharField(widget=forms.HiddenInput())


class MeetingChoiceMixin(forms.Form):
    """A decision's optional meeting: one of the project's meetings (`project`)."""

    meeting = forms.ModelChoiceField(
        label=_("Møde"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Ikke på et møde"),
        help_text=_("Styregruppemødet, hvor beslutningen blev truffet."),
        error_messages={
            "invalid_choice": _("Mødet hører ikke til forløbet. Vælg et andet.")
        },
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            project=project
        ).order_by("-held_on", "-pk")

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise ValidationError(_("Datoen ligger i fremtiden."), code="future_date")
        return decided_on


class DecisionForm(MeetingChoiceMixin):
    """The steering group's decision on a presented idea."""

    outcome = forms.ChoiceField(
        label=_("Beslutning"),
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect(),
    )
    rationale = forms.CharField(
        label=_("Begrundelse"),
        max_length=RATIONALE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv styregruppens begrundelse.")},
    )
    decided_on = forms.DateField(label=_("Besluttet den"), widget=DateInput())

    field_order = ["outcome", "rationale", "decided_on", "meeting"]


class VerdictForm(MeetingChoiceMixin):
    """The steering group's verdict on a tested initiative. The hidden fields carry
    what the page showed, so a verdict recorded meanwhile is not overwritten."""

    outcome = forms.ChoiceField(
        label=_("Styregruppens beslutning"),
        choices=Verdict.choices,
        widget=forms.RadioSelect(),
        error_messages={"required": _("Vælg styregruppens beslutning.")},
    )
    rationale = forms.CharField(
        label=_("Begrundelse"),
        max_length=RATIONALE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Skriv styregruppens begrundelse for beslutningen.")
        },
    )
    decided_on = forms.DateField(label=_("Besluttet den"), widget=DateInput())
    expected_status = forms.CharField(widget=forms.HiddenInput())
    expected_verdict = forms.IntegerField(widget=forms.HiddenInput(), min_value=0)

    field_order = ["outcome", "rationale", "decided_on", "meeting"]


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class MeetingForm(MergeModelFormMixin, ProjectFormMixin, forms.ModelForm):
    """A steering group meeting; only the project's members can be attendees."""

    attendees = MemberChoiceField(
        label=_("Deltagere"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(),
        help_text=_("Forløbets deltagere, der var med i mødet."),
        error_messages={
            "invalid_choice": _("Kun forløbets deltagere kan være med i mødet.")
        },
    )

    class Meta:
        model = Meeting
        fields = ["title", "held_on", "attendees", "notes"]
        widgets = {
            "held_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        notes = self.fields["notes"]
        notes.max_length = NOTES_LENGTH
        notes.validators.append(MaxLengthValidator(NOTES_LENGTH))
        notes.widget.attrs["maxlength"] = str(NOTES_LENGTH)
        self.fields["attendees"].queryset = (
            get_user_model()
            .objects.filter(memberships__project=self.project)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )


class InitiativeForm(ProjectFormMixin, forms.ModelForm):
    """An initiative with the sites it is tested at: a checkbox and a coordinator per site."""

    term_fields = {"target_groups": Vocabulary.TARGET_GROUP}

    class Meta:
        model = Initiative
        fields = ["name", "description", "solution_space", "services", "target_groups"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "services": forms.CheckboxSelectMultiple(),
            "target_groups": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        self.fields["services"].queryset = CitizenService.objects.order_by("name")
        current = {}
        if self.instance.pk:
            current = {
                ts.site_id: ts.coordinator_id for ts in self.instance.test_sites.all()
            }
        coordinators = {}
        for membership in (
            Membership.objects.filter(project=project, role=Role.COORDINATOR)
            .select_related("user")
            .order_by("user__first_name", "user__username")
        ):
            coordinators.setdefault(membership.site_id, []).append(membership.user)
        self.site_rows = []
        for site in project.sites.order_by("name"):
            users = coordinators.get(site.pk, [])
            tested = forms.BooleanField(
                label=_("Afprøves på %(site)s") % {"site": site.name},
                required=False,
                initial=site.pk in current,
            )
            coordinator = forms.TypedChoiceField(
                label=_("Tovholder på %(site)s") % {"site": site.name},
                choices=[("", "—")]
                + [(u.pk, u.get_full_name() or u.get_username()) for u in users],
                coerce=int,
                required=False,
                initial=current.get(site.pk)
                or (users[0].pk if len(users) == 1 else ""),
            )
            self.fields[f"site_{site.pk}"] = tested
            self.fields[f"coordinator_{site.pk}"] = coordinator
            self.site_rows.append(
                (site, self[f"site_{site.pk}"], self[f"coordinator_{site.pk}"])
            )
        self._coordinators = coordinators

    def clean(self):
        cleaned_data = super().clean()
        self.test_sites = {}
        for site, _tested, _coordinator in self.site_rows:
            if not cleaned_data.get(f"site_{site.pk}"):
                continue
            user_id = cleaned_data.get(f"coordinator_{site.pk}")
            users = {u.pk: u for u in self._coordinators.get(site.pk, [])}
            if not users:
                self.add_error(
                    f"coordinator_{site.pk}",
                    ValidationError(
                        _(
                            "%(site)s har ingen tovholder i forløbet. Tilføj en under Deltagere."
                        ),
                        code="no_coordinator",
                        params={"site": site.name},
                    ),
                )
            elif user_id not in users:
                self.add_error(
                    f"coordinator_{site.pk}",
                    ValidationError(
                        _("Vælg tovholderen på stedet."), code="coordinator_required"
                    ),
                )
            else:
                self.test_sites[site] = users[user_id]
        if not self.errors and not self.test_sites:
            raise ValidationError(
                _("Vælg mindst ét sted, hvor tiltaget afprøves."), code="no_site"
            )
        return cleaned_data


class InitiativeStatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("Ny status"), choices=InitiativeStatus.choices
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skal udfyldes, når status sættes tilbage."),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput())


class TimelineItemForm(ProjectFormMixin, forms.ModelForm):
    starts_week = WeekField(label=_("Fra uge"))
    ends_week = WeekField(label=_("Til og med uge"))

    class Meta:
        model = TimelineItem
        fields = [
            "title",
            "description",
            "kind",
            "starts_week",
            "ends_week",
            "responsible_role",
            "responsible_note",
            "tracks",
            "done",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned_data = super().clean()
        starts, ends = cleaned_data.get("starts_week"), cleaned_data.get("ends_week")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_week",
                ValidationError(
                    _("Slutugen kan ikke ligge før startugen."),
                    code="ends_before_start",
                ),
            )
        return cleaned_data


class FieldImportForm(forms.Form):
    """The spreadsheet of field notes to import (initiatives/fieldimport)."""

    file = forms.FileField(
        label=_("Regneark"),
        help_text=_("CSV eller Excel (.xlsx), højst 5 MB og 2.000 rækker."),
        error_messages={
            "required": _("Vælg filen med feltnoterne."),
            "empty": _("Filen er tom."),
        },
    )

    def clean_file(self):
        from .fieldimport.reading import MAX_FILE_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("Filen er for stor. Den må højst fylde %(limit)s MB."),
                code="too_big",
                params={"limit": MAX_FILE_BYTES // 1024 // 1024},
            )
        return upload
