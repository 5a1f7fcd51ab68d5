"""Writes for the chain evidence → idea → decision → initiative.

Each state has one owner here: an idea's phase changes only through
`idea_move` and `idea_decide`, an initiative's status only through
`initiative_set_status`. Every change is recorded with who, when and why, and
is made with a conditional UPDATE on the state the user saw, so two people
acting at once cannot overwrite each other: the second gets `StateConflict`.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ActionRefused, StateConflict

from .models import (
    STATUS_NEXT,
    STATUS_RANK,
    Decision,
    DecisionOutcome,
    Idea,
    IdeaPhase,
    IdeaScore,
    IdeaTransition,
    Initiative,
    InitiativeSite,
    InitiativeStatus,
    InitiativeTransition,
)


@transaction.atomic
def quote_save(*, form, user):
    """Save a quote; ticking “reviewed” records who reviewed it."""
    quote = form.save(commit=False)
    if quote.reviewed and not quote.reviewed_by_id:
        quote.reviewed_by = user
    elif not quote.reviewed:
        quote.reviewed_by = None
    quote.save()
    form.save_m2m()
    return quote


@transaction.atomic
def idea_create(*, form, user):
    idea = form.save(commit=False)
    idea.proposer = user
    idea.phase = IdeaPhase.PROPOSED
    idea.save()
    form.save_m2m()
    IdeaTransition.objects.create(
        idea=idea,
        from_state="",
        to_state=IdeaPhase.PROPOSED,
        by=user,
        reason=_("Foreslået"),
    )
    return idea


@transaction.atomic
def idea_scores_set(*, idea, user, scores):
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


def _move(idea, *, from_phase, to_phase, user, reason, outcome=""):
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
def idea_move(*, idea, to_phase, user, reason, expected_phase):
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
    return _move(
        idea, from_phase=idea.phase, to_phase=to_phase, user=user, reason=reason
    )


def _already_decided(idea):
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
def idea_decide(*, idea, outcome, rationale, decided_on, user):
    """Record the steering group's decision on a presented idea, once.

    When two people decide at the same moment the second gets `StateConflict`
    and the first decision stands.
    """
    rationale = rationale.strip()
    if not rationale:
        raise ActionRefused(_("Skriv styregruppens begrundelse."))
    if outcome not in DecisionOutcome.values:
        raise ActionRefused(_("Vælg en beslutning."))
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
        idea=idea,
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


def _set_test_sites(initiative, test_sites):
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
def initiative_create(*, form, idea, user):
    """Turn an idea the steering group selected into an initiative at its test sites."""
    if idea.phase != IdeaPhase.DECIDED or idea.outcome != DecisionOutcome.SELECTED:
        raise ActionRefused(
            _("Kun idéer, styregruppen har udvalgt til afprøvning, kan blive tiltag.")
        )
    initiative = form.save(commit=False)
    initiative.idea = idea
    initiative.status = InitiativeStatus.PLANNED
    try:
        with transaction.atomic():
            initiative.save()
    except IntegrityError as error:
        raise StateConflict(_("Idéen er allerede blevet til et tiltag.")) from error
    form.save_m2m()
    _set_test_sites(initiative, form.test_sites)
    InitiativeTransition.objects.create(
        initiative=initiative,
        from_state="",
        to_state=InitiativeStatus.PLANNED,
        by=user,
        reason=_("Oprettet fra idéen “%(idea)s”") % {"idea": idea.title},
    )
    return initiative


@transaction.atomic
def initiative_update(*, form):
    initiative = form.save()
    _set_test_sites(initiative, form.test_sites)
    return initiative


@transaction.atomic
def initiative_set_status(*, initiative, to_status, user, reason, expected_status):
    """planned → in test → evaluated → recommended / adjusted / stopped; back with a reason."""
    reason = reason.strip()
    current = initiative.status
    if expected_status != current:
        raise StateConflict(
            _(
                "Tiltagets status er ændret i mellemtiden: den er nu “%(status)s”. Genindlæs siden."
            )
            % {"status": initiative.get_status_display()}
        )
    if to_status == current:
        raise ActionRefused(_("Tiltaget har allerede denne status."))
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


def timeline_item_set_done(*, item, done):
    item.done = done
    item.save(update_fields=["done", "updated_at"])
    return item
