"""Writes for the chain evidence → idea → decision → initiative.

Each state has one owner here: an idea's phase changes only through
`idea_move` and `idea_decide`, an initiative's status only through
`initiative_set_status` and the steering group's verdict,
`initiative_verdict_record`. Every change is recorded with who, when and why, and
is made with a conditional UPDATE on the state the user saw, so two people
acting at once cannot overwrite each other: the second gets `StateConflict`.

Services take plain values, never a form: the views pass `form.cleaned_data`, and
the demo loader and the benchmarks call the same functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.owned_state import ALL
from core.services import (
    ActionRefused,
    MergedSave,
    StateConflict,
    instance_merge_save,
)
from notifications.models import NotificationKind
from notifications.services import notify
from projects.models import Role
from projects.selectors import project_members

from .models import (
    STATUS_NEXT,
    STATUS_RANK,
    Decision,
    DecisionOutcome,
    FieldImport,
    Idea,
    IdeaPhase,
    IdeaScore,
    IdeaTransition,
    Initiative,
    InitiativeSite,
    InitiativeStatus,
    InitiativeTransition,
    Interview,
    Meeting,
    Quote,
    ScreeningCriterion,
    SolutionSpace,
    Term,
    TimelineItem,
    Verdict,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from projects.models import Project
    from sites.models import CitizenService, Site

# State whose every change goes through a service of this module; Django admin
# shows it read-only (core.owned_state). ALL: a log only these services write.
OWNED_STATE: dict[type[models.Model], tuple[str, ...] | str] = {
    Idea: ("phase", "outcome", "version", "proposer"),
    IdeaTransition: ALL,
    Decision: ALL,
    Initiative: ("status", "idea"),
    InitiativeTransition: ALL,
    Quote: ("reviewed", "reviewed_by", "import_key"),
    Interview: ("import_key",),
    # Held uploads of field notes: written only by initiatives/fieldimport/services.
    FieldImport: ALL,
}


# Evidence: quotes


def _quote_set(
    quote: Quote,
    *,
    user: User,
    text: str,
    speaker_label: str,
    age_band: str,
    service: CitizenService | None,
    site: Site | None,
    interview: Interview | None,
    tags: Iterable[Term],
    initiatives: Iterable[Initiative] | None,
    consent_to_publish: bool,
    reviewed: bool,
) -> Quote:
    if initiatives is not None:
        initiatives = list(initiatives)
        if any(i.project_id != quote.project_id for i in initiatives):
            raise ActionRefused(
                _("Et citat kan kun knyttes til tiltag i citatets eget forløb.")
            )
    quote.text = text
    quote.speaker_label = speaker_label
    quote.age_band = age_band
    quote.service = service
    quote.site = site
    quote.interview = interview
    quote.consent_to_publish = consent_to_publish
    quote.reviewed = reviewed
    if reviewed and not quote.reviewed_by_id:
        quote.reviewed_by = user
    elif not reviewed:
        quote.reviewed_by = None
    quote.save()
    quote.tags.set(tags)
    if initiatives is not None:
        quote.initiatives.set(initiatives)
    return quote


@transaction.atomic
def quote_create(
    *,
    project: Project,
    text: str,
    speaker_label: str,
    age_band: str = "",
    service: CitizenService | None = None,
    site: Site | None = None,
    interview: Interview | None = None,
    tags: Iterable[Term] = (),
    initiatives: Iterable[Initiative] | None = None,
    consent_to_publish: bool = False,
    reviewed: bool = False,
    test_week: datetime.date | None = None,
    import_key: str = "",
    user: User,
) -> Quote:
    """Record a citizen's words; ticking “reviewed” records who reviewed them.
    `initiatives`: the project's initiatives the quote says something about;
    `test_week`: the Monday of the test week the words were said in (a quote from a
    schema), None for the field work's; `import_key`: the row's key when it came
    from a spreadsheet (initiatives/fieldimport)."""
    return _quote_set(
        Quote(project=project, test_week=test_week, import_key=import_key),
        user=user,
        text=text,
        speaker_label=speaker_label,
        age_band=age_band,
        service=service,
        site=site,
        interview=interview,
        tags=tags,
        initiatives=initiatives,
        consent_to_publish=consent_to_publish,
        reviewed=reviewed,
    )


@transaction.atomic
def quote_update(
    *,
    quote: Quote,
    text: str,
    speaker_label: str,
    age_band: str = "",
    service: CitizenService | None = None,
    site: Site | None = None,
    interview: Interview | None = None,
    tags: Iterable[Term] = (),
    initiatives: Iterable[Initiative] | None = None,
    consent_to_publish: bool = False,
    reviewed: bool = False,
    user: User,
) -> Quote:
    """Change a quote; ticking “reviewed” records who reviewed it, unticking forgets.
    `initiatives` None leaves the quote's initiatives as they are."""
    return _quote_set(
        quote,
        user=user,
        text=text,
        speaker_label=speaker_label,
        age_band=age_band,
        service=service,
        site=site,
        interview=interview,
        tags=tags,
        initiatives=initiatives,
        consent_to_publish=consent_to_publish,
        reviewed=reviewed,
    )


# Ideas


IDEA_TEXT_FIELDS = ["title", "description", "solution_space", "site", "group_name"]


def _idea_set(
    idea: Idea,
    *,
    title: str,
    description: str,
    solution_space: SolutionSpace | None,
    services: Iterable[CitizenService],
    target_groups: Iterable[Term],
    evidence: Iterable[Quote],
    site: Site | None,
    group_name: str,
) -> Idea:
    idea.title = title
    idea.description = description
    idea.solution_space = solution_space
    idea.site = site
    idea.group_name = group_name
    if idea.pk:  # the phase may have moved meanwhile: write only what this says
        idea.save(update_fields=[*IDEA_TEXT_FIELDS, "updated_at"])
    else:
        idea.save()
    idea.services.set(services)
    idea.target_groups.set(target_groups)
    idea.evidence.set(evidence)
    return idea


@transaction.atomic
def idea_create(
    *,
    project: Project,
    title: str,
    description: str,
    solution_space: SolutionSpace | None = None,
    services: Iterable[CitizenService] = (),
    target_groups: Iterable[Term] = (),
    evidence: Iterable[Quote] = (),
    site: Site | None = None,
    group_name: str = "",
    proposer: User,
    reason: str = "",
) -> Idea:
    """Propose an idea: it starts in the first phase, and the log says who proposed
    it (`reason`: how, by default “Foreslået”)."""
    idea = _idea_set(
        Idea(project=project, proposer=proposer, phase=IdeaPhase.PROPOSED),
        title=title,
        description=description,
        solution_space=solution_space,
        services=services,
        target_groups=target_groups,
        evidence=evidence,
        site=site,
        group_name=group_name,
    )
    IdeaTransition.objects.create(
        idea=idea,
        from_state="",
        to_state=IdeaPhase.PROPOSED,
        by=proposer,
        reason=reason or _("Foreslået"),
    )
    return idea


@transaction.atomic
def idea_update(
    *,
    idea: Idea,
    title: str,
    description: str,
    solution_space: SolutionSpace | None = None,
    services: Iterable[CitizenService] = (),
    target_groups: Iterable[Term] = (),
    evidence: Iterable[Quote] = (),
    site: Site | None = None,
    group_name: str = "",
) -> Idea:
    """Change what an idea says; its phase and outcome change only by moving and
    deciding it."""
    return _idea_set(
        idea,
        title=title,
        description=description,
        solution_space=solution_space,
        services=services,
        target_groups=target_groups,
        evidence=evidence,
        site=site,
        group_name=group_name,
    )


@transaction.atomic
def idea_scores_set(
    *, idea: Idea, user: User, scores: Mapping[ScreeningCriterion, int]
) -> None:
    """Record the user's scores {criterion: value}; a new score replaces their old one."""
    if idea.phase not in (IdeaPhase.PROPOSED, IdeaPhase.SCREENED):
        raise ActionRefused(_("Idéen er ikke længere i screening."))
    for criterion, value in scores.items():
        if not criterion.scale_min <= value <= criterion.scale_max:
            raise ActionRefused(
                _("Scoren for %(criterion)s skal være mellem %(low)s og %(high)s.")
                % {
                    "criterion": criterion,
                    "low": criterion.scale_min,
                    "high": criterion.scale_max,
                }
            )
        IdeaScore.objects.update_or_create(
            idea=idea, criterion=criterion, scorer=user, defaults={"value": value}
        )


def _move(
    idea: Idea,
    *,
    from_phase: str,
    to_phase: str,
    user: User,
    reason: str,
    outcome: str = "",
) -> Idea:
    updated = Idea.objects.filter(pk=idea.pk, phase=from_phase).update(
        phase=to_phase,
        outcome=outcome,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        current = (
            Idea.objects.filter(pk=idea.pk).values_list("phase", flat=True).first()
        )
        raise StateConflict(
            _("Idéen er ændret i mellemtiden: den er nu “%(phase)s”. Genindlæs siden.")
            % {"phase": IdeaPhase(current).label if current else "?"}
        )
    IdeaTransition.objects.create(
        idea=idea, from_state=from_phase, to_state=to_phase, by=user, reason=reason
    )
    idea.refresh_from_db()
    return idea


@transaction.atomic
def idea_move(
    *, idea: Idea, to_phase: str, user: User, reason: str, expected_phase: str
) -> Idea:
    """Move an idea one phase forward, or back to any earlier phase with a reason.

    A decision is made with `idea_decide`, never here. Moving a decided idea back
    undoes its decision (kept in the log), unless it has become an initiative.
    """
    reason = reason.strip()
    if expected_phase != idea.phase:
        raise StateConflict(
            _("Idéen er ændret i mellemtiden: den er nu “%(phase)s”. Genindlæs siden.")
            % {"phase": idea.get_phase_display()}
        )
    if to_phase == IdeaPhase.DECIDED:
        raise ActionRefused(
            _("En beslutning registreres med styregruppens beslutning.")
        )
    current, target = IdeaPhase.index(idea.phase), IdeaPhase.index(to_phase)
    if target == current:
        raise ActionRefused(_("Idéen er allerede i denne fase."))
    if target > current + 1:
        raise ActionRefused(
            _("En idé kan kun flyttes én fase frem ad gangen (næste fase: “%(next)s”).")
            % {"next": IdeaPhase(IdeaPhase.values[current + 1]).label}
        )
    if target < current:
        if not reason:
            raise ActionRefused(_("Skriv en begrundelse, når idéen flyttes tilbage."))
        if Initiative.objects.filter(idea=idea).exists():
            raise ActionRefused(
                _("Idéen er blevet til et tiltag og kan ikke flyttes tilbage.")
            )
    idea = _move(
        idea, from_phase=idea.phase, to_phase=to_phase, user=user, reason=reason
    )
    if to_phase == IdeaPhase.PRESENTED:
        notify(
            kind=NotificationKind.IDEA_FOR_DECISION,
            recipients=project_members(project=idea.project, role=Role.STEERING),
            project=idea.project,
            target=idea,
            actor=user,
        )
    return idea


def _already_decided(idea: Idea) -> str:
    decision = Decision.objects.filter(idea=idea).select_related("decided_by").first()
    if decision is None:
        return _("Idéen er ændret i mellemtiden. Genindlæs siden.")
    who = decision.decided_by
    return _(
        "Idéen er allerede besluttet af %(who)s: “%(outcome)s”. Intet er overskrevet."
    ) % {
        "who": (who.get_full_name() or who.get_username()) if who else _("en anden"),
        "outcome": decision.get_outcome_display(),
    }


@transaction.atomic
def idea_decide(
    *,
    idea: Idea,
    outcome: str,
    rationale: str,
    decided_on: datetime.date,
    user: User,
    meeting: Meeting | None = None,
) -> Decision:
    """Record the steering group's decision on a presented idea, once (at
    `meeting`, one of the project's meetings, when it was made at one).

    When two people decide at the same moment the second gets `StateConflict`
    and the first decision stands.
    """
    _check_decision_date(decided_on)
    rationale = rationale.strip()
    if not rationale:
        raise ActionRefused(_("Skriv styregruppens begrundelse."))
    if outcome not in DecisionOutcome.values:
        raise ActionRefused(_("Vælg en beslutning."))
    if meeting is not None and meeting.project_id != idea.project_id:
        raise ActionRefused(_("Mødet hører ikke til idéens forløb."))
    if idea.phase == IdeaPhase.DECIDED:
        raise StateConflict(_already_decided(idea))
    if idea.phase != IdeaPhase.PRESENTED:
        raise ActionRefused(
            _("Kun idéer, der er præsenteret for styregruppen, kan besluttes.")
        )
    updated = Idea.objects.filter(pk=idea.pk, phase=IdeaPhase.PRESENTED).update(
        phase=IdeaPhase.DECIDED,
        outcome=outcome,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise StateConflict(_already_decided(idea))
    decision = Decision.objects.create(
        project_id=idea.project_id,
        idea=idea,
        meeting=meeting,
        outcome=outcome,
        rationale=rationale,
        decided_on=decided_on,
        decided_by=user,
    )
    IdeaTransition.objects.create(
        idea=idea,
        from_state=IdeaPhase.PRESENTED,
        to_state=IdeaPhase.DECIDED,
        by=user,
        reason=f"{decision.get_outcome_display()}: {rationale}",
    )
    idea.refresh_from_db()
    return decision


def _set_test_sites(initiative: Initiative, test_sites: Mapping[Site, User]) -> None:
    """Make the initiative's test sites exactly {site: coordinator}."""
    current = {ts.site_id: ts for ts in initiative.test_sites.all()}
    wanted = {site.pk: (site, user) for site, user in test_sites.items()}
    InitiativeSite.objects.filter(
        initiative=initiative, site_id__in=set(current) - set(wanted)
    ).delete()
    for site_id, (site, user) in wanted.items():
        existing = current.get(site_id)
        if existing is None:
            InitiativeSite.objects.create(
                initiative=initiative, site=site, coordinator=user
            )
        elif existing.coordinator_id != user.pk:
            existing.coordinator = user
            existing.save(update_fields=["coordinator", "updated_at"])


@transaction.atomic
def initiative_create(
    *,
    idea: Idea,
    name: str,
    description: str,
    solution_space: SolutionSpace | None = None,
    services: Iterable[CitizenService] = (),
    target_groups: Iterable[Term] = (),
    test_sites: Mapping[Site, User],
    user: User,
) -> Initiative:
    """Turn an idea the steering group selected into an initiative at its test sites
    ({site: coordinator there})."""
    if idea.phase != IdeaPhase.DECIDED or idea.outcome != DecisionOutcome.SELECTED:
        raise ActionRefused(
            _("Kun idéer, styregruppen har udvalgt til afprøvning, kan blive tiltag.")
        )
    initiative = Initiative(
        project_id=idea.project_id,
        idea=idea,
        name=name,
        description=description,
        solution_space=solution_space,
        status=InitiativeStatus.PLANNED,
    )
    try:
        with transaction.atomic():
            initiative.save()
    except IntegrityError as error:
        raise StateConflict(_("Idéen er allerede blevet til et tiltag.")) from error
    initiative.services.set(services)
    initiative.target_groups.set(target_groups)
    _set_test_sites(initiative, test_sites)
    InitiativeTransition.objects.create(
        initiative=initiative,
        from_state="",
        to_state=InitiativeStatus.PLANNED,
        by=user,
        reason=_("Oprettet fra idéen “%(idea)s”") % {"idea": idea.title},
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    name: str,
    description: str,
    solution_space: SolutionSpace | None = None,
    services: Iterable[CitizenService] = (),
    target_groups: Iterable[Term] = (),
    test_sites: Mapping[Site, User],
) -> Initiative:
    """Change what an initiative is and where it is tested; its status changes only
    through initiative_set_status."""
    initiative.name = name
    initiative.description = description
    initiative.solution_space = solution_space
    # The status may have changed meanwhile: write only what this says.
    initiative.save(
        update_fields=["name", "description", "solution_space", "updated_at"]
    )
    initiative.services.set(services)
    initiative.target_groups.set(target_groups)
    _set_test_sites(initiative, test_sites)
    return initiative


@transaction.atomic
def initiative_set_status(
    *,
    initiative: Initiative,
    to_status: str,
    user: User,
    reason: str,
    expected_status: str,
) -> Initiative:
    """planned → in test → evaluated → recommended / adjusted / stopped; back with a reason."""
    reason = reason.strip()
    current = InitiativeStatus(initiative.status)
    if expected_status != current:
        raise StateConflict(
            _(
                "Tiltagets status er ændret i mellemtiden: den er nu “%(status)s”. Genindlæs siden."
            )
            % {"status": initiative.get_status_display()}
        )
    if to_status == current:
        raise ActionRefused(_("Tiltaget har allerede denne status."))
    to_status = InitiativeStatus(to_status)
    going_back = STATUS_RANK[to_status] < STATUS_RANK[current] or (
        STATUS_RANK[to_status] == STATUS_RANK[current]
    )
    if going_back:
        if not reason:
            raise ActionRefused(
                _("Skriv en begrundelse, når status sættes tilbage eller ændres.")
            )
    elif to_status not in STATUS_NEXT[current]:
        raise ActionRefused(
            _("Fra “%(current)s” kan status kun gå til: %(allowed)s.")
            % {
                "current": initiative.get_status_display(),
                "allowed": ", ".join(
                    f"“{InitiativeStatus(s).label}”" for s in STATUS_NEXT[current]
                ),
            }
        )
    updated = Initiative.objects.filter(pk=initiative.pk, status=current).update(
        status=to_status, updated_at=timezone.now()
    )
    if not updated:
        raise StateConflict(
            _("Tiltagets status er ændret i mellemtiden. Genindlæs siden.")
        )
    InitiativeTransition.objects.create(
        initiative=initiative,
        from_state=current,
        to_state=to_status,
        by=user,
        reason=reason,
    )
    initiative.refresh_from_db()
    return initiative


# The steering group's verdicts on tested initiatives


# The status each verdict gives the initiative.
VERDICT_STATUS = {
    Verdict.CONTINUE: InitiativeStatus.RECOMMENDED,
    Verdict.ADJUST: InitiativeStatus.ADJUSTED,
    Verdict.STOP: InitiativeStatus.STOPPED,
}
# A verdict is given on a test that has run (or runs): not on a planned initiative.
VERDICT_FROM = (
    InitiativeStatus.IN_TEST,
    InitiativeStatus.EVALUATED,
    *VERDICT_STATUS.values(),
)


def latest_verdict(initiative_id: int) -> Decision | None:
    """The steering group's latest verdict on the initiative (by date, then by when
    it was recorded), or None."""
    return (
        Decision.objects.filter(initiative_id=initiative_id)
        .select_related("decided_by")
        .order_by("-decided_on", "-created_at", "-pk")
        .first()
    )


def _by(decision: Decision) -> str:
    who = decision.decided_by
    if who is None:
        return _("en anden")
    return who.get_full_name() or who.get_username()


@transaction.atomic
def initiative_verdict_record(
    *,
    initiative_id: int,
    outcome: str,
    rationale: str,
    decided_on: datetime.date,
    meeting_id: int | None,
    user: User,
    expected_status: str | None = None,
    expected_verdict_id: int | None = None,
) -> Decision:
    """Record the steering group's verdict on an initiative whose test has run: it
    continues (→ recommended), is adjusted and continues (→ adjusted) or stops
    (→ stopped). From “in test” it passes “evaluated”; a later verdict supersedes an
    earlier one, with its rationale as the reason. Refused for a planned initiative.

    The initiative's row is locked while the verdict is recorded. A page passes what
    it showed: `expected_status` and `expected_verdict_id` (the latest verdict's id,
    0 for none); when either has changed meanwhile the verdict is refused
    (`StateConflict`), unless the latest verdict is this very one sent twice (a double
    click), which is returned unchanged.
    """
    _check_decision_date(decided_on)
    rationale = rationale.strip()
    if not rationale:
        raise ActionRefused(_("Skriv styregruppens begrundelse for beslutningen."))
    if outcome not in Verdict.values:
        raise ActionRefused(
            _("Vælg styregruppens beslutning: fortsæt, justér og fortsæt eller stop.")
        )
    initiative = Initiative.objects.select_for_update().filter(pk=initiative_id).first()
    if initiative is None:
        raise ActionRefused(_("Tiltaget findes ikke længere."))
    meeting = None
    if meeting_id is not None:
        meeting = Meeting.objects.filter(
            pk=meeting_id, project=initiative.project_id
        ).first()
        if meeting is None:
            raise ActionRefused(_("Mødet hører ikke til tiltagets forløb."))
    latest = latest_verdict(initiative.pk)
    if expected_verdict_id is not None and expected_verdict_id != (
        latest.pk if latest else 0
    ):
        if (
            latest is not None
            and latest.decided_by_id == user.pk
            and (latest.outcome, latest.rationale, latest.decided_on)
            == (outcome, rationale, decided_on)
            and latest.meeting_id == meeting_id
        ):
            return latest  # the same verdict sent twice: recorded once
        if latest is None:
            raise StateConflict(_("Tiltaget er ændret i mellemtiden. Genindlæs siden."))
        raise StateConflict(
            _(
                "%(who)s har registreret styregruppens beslutning “%(outcome)s” i "
                "mellemtiden. Intet er overskrevet: genindlæs siden, og se om der "
                "stadig skal registreres en ny."
            )
            % {"who": _by(latest), "outcome": latest.get_outcome_display()}
        )
    current = InitiativeStatus(initiative.status)
    if expected_status is not None and expected_status != current:
        raise StateConflict(
            _(
                "Tiltagets status er ændret i mellemtiden: den er nu “%(status)s”. "
                "Genindlæs siden."
            )
            % {"status": current.label}
        )
    if current not in VERDICT_FROM:
        raise ActionRefused(
            _(
                "Tiltaget er kun planlagt. Styregruppen kan tage stilling, når det er "
                "i afprøvning eller afprøvet."
            )
        )
    if latest is not None and decided_on < latest.decided_on:
        raise ActionRefused(
            _(
                "Styregruppen har allerede taget stilling til tiltaget den %(date)s. "
                "En ny beslutning kan ikke dateres før den."
            )
            % {"date": formats.date_format(latest.decided_on, "DATE_FORMAT")}
        )
    decision = Decision.objects.create(
        project_id=initiative.project_id,
        initiative=initiative,
        meeting=meeting,
        outcome=outcome,
        rationale=rationale,
        decided_on=decided_on,
        decided_by=user,
    )
    target = VERDICT_STATUS[Verdict(outcome)]
    steps: list[tuple[str, str, str]] = []
    state = current
    if state == InitiativeStatus.IN_TEST:
        steps.append(
            (state, InitiativeStatus.EVALUATED, _("Afprøvningen er vurderet."))
        )
        state = InitiativeStatus.EVALUATED
    if state != target:
        steps.append((state, target, rationale))
    if steps:
        Initiative.objects.filter(pk=initiative.pk).update(
            status=target, updated_at=timezone.now()
        )
    for from_state, to_state, reason in steps:
        InitiativeTransition.objects.create(
            initiative=initiative,
            from_state=from_state,
            to_state=to_state,
            by=user,
            reason=reason,
        )
    return decision


# The steering group's meetings


# Dates a user may give a meeting or a decision: not before the app's first studies,
# and a decision not after today (a mistyped year reads as a meeting in year 1).
EARLIEST_YEAR = 2000


def _check_meeting_date(held_on: datetime.date) -> None:
    latest = timezone.localdate().year + 5
    if not EARLIEST_YEAR <= held_on.year <= latest:
        raise ActionRefused(
            _("Skriv en dato mellem år %(first)s og %(last)s.")
            % {"first": EARLIEST_YEAR, "last": latest}
        )


def _check_decision_date(decided_on: datetime.date) -> None:
    if decided_on > timezone.localdate():
        raise ActionRefused(_("En beslutning kan ikke dateres efter i dag."))
    if decided_on.year < EARLIEST_YEAR:
        raise ActionRefused(
            _("Skriv en dato fra år %(first)s og frem.") % {"first": EARLIEST_YEAR}
        )


def _check_attendees(project: Project, attendees: list[User]) -> None:
    members = set(
        project.memberships.filter(
            user__in=[user.pk for user in attendees]
        ).values_list("user_id", flat=True)
    )
    if any(user.pk not in members for user in attendees):
        raise ActionRefused(_("Kun forløbets deltagere kan være med i mødet."))


@transaction.atomic
def meeting_create(
    *,
    project: Project,
    title: str,
    held_on: datetime.date,
    attendees: Iterable[User] = (),
    notes: str = "",
    user: User,
) -> Meeting:
    """A meeting of the project's steering group; `attendees` are project members."""
    attendees = list(attendees)
    _check_attendees(project, attendees)
    _check_meeting_date(held_on)
    meeting = Meeting(
        project=project, title=title, held_on=held_on, notes=notes, created_by=user
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    title: str,
    held_on: datetime.date,
    attendees: Iterable[User] = (),
    notes: str = "",
    bases: Mapping[str, str] | None = None,
    choices: Mapping[str, tuple[str, str]] | None = None,
) -> MergedSave:
    """Change a meeting's title, date, attendees and notes (its decisions are kept),
    merged per field with what was saved after the page showing `bases` was loaded:
    a field both changed is not written but comes back as a conflict (two tabs, two
    people). Without base tokens (no page, a test client) the values are written
    as given."""
    attendees = list(attendees)
    _check_attendees(meeting.project, attendees)
    _check_meeting_date(held_on)
    return instance_merge_save(
        instance=meeting,
        values={
            "title": title,
            "held_on": held_on,
            "attendees": attendees,
            "notes": notes,
        },
        bases=bases or {},
        choices=choices,
        same_version=not bases,
    )


def timeline_item_set_done(*, item: TimelineItem, done: bool) -> TimelineItem:
    item.done = done
    item.save(update_fields=["done", "updated_at"])
    return item
