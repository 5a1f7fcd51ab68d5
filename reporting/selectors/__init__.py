"""What the results catalogue reads: its chapters with their figures, quotes and
photos (the figures and the progress come from dashboards.selectors, the same as the
steering group's pages), the sites for its appendix, and the state of its PDFs.

The preview and the PDF read the same selectors, at a fixed number of queries for any
number of chapters.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Avg, Count, Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from core import worker
from dashboards.selectors import (
    InitiativeSummary,
    InitiativeVerdicts,
    initiative_summaries,
    initiative_verdicts,
    matrix,
    publishable_quotes,
)
from dashboards.selectors.buckets import AnswerData
from initiatives.models import (
    Decision,
    Idea,
    IdeaPhase,
    IdeaScore,
    Initiative,
    InitiativeStatus,
    Meeting,
    Quote,
    ScreeningCriterion,
)
from initiatives.selectors import latest_verdicts
from projects.models import Project
from sites.models import ServiceOffering, Site
from testing.models import AdvisoryVisit, Photo

from ..models import (
    Catalogue,
    CatalogueChapter,
    CatalogueLogo,
    CataloguePublication,
    CatalogueRender,
    MeetingPackRender,
    RenderFailure,
    RenderRecord,
    RenderStatus,
)
from .evidence import ChapterSources as ChapterSources
from .evidence import Source as Source
from .evidence import chapter_citations as chapter_citations
from .evidence import chapter_quote_choices as chapter_quote_choices
from .evidence import evidence_choices as evidence_choices
from .evidence import number_sources as number_sources
from .facts import MethodFacts as MethodFacts
from .facts import method_facts as method_facts
from .facts import restated_counts as restated_counts


def catalogue_of(*, project: Project) -> Catalogue | None:
    """The project's catalogue, or None before the consultant has created it."""
    return Catalogue.objects.filter(project=project).first()


# The consultant's page


def chapter_list(*, catalogue: Catalogue) -> QuerySet[CatalogueChapter]:
    """Every chapter in the consultant's order, with how many quotes and photos it has."""
    return (
        catalogue.chapters.select_related("initiative")
        .annotate(
            # What the catalogue prints: consented and reviewed quotes only.
            quote_count=Count(
                "quotes",
                filter=Q(quotes__consent_to_publish=True, quotes__reviewed=True),
                distinct=True,
            ),
            photo_count=Count("photos", distinct=True),
            evidence_count=Count("evidence", distinct=True),
        )
        .order_by("position", "pk")
    )


def initiatives_without_chapter(*, catalogue: Catalogue) -> QuerySet[Initiative]:
    """The project's initiatives that have no chapter yet (they can be added)."""
    return (
        Initiative.objects.filter(project=catalogue.project_id)
        .exclude(catalogue_chapters__catalogue=catalogue)
        .order_by("name")
    )


def chapter_initiatives(*, catalogue: Catalogue) -> QuerySet[Initiative]:
    """The initiatives a chapter of the catalogue may be about: its project's."""
    return Initiative.objects.filter(project=catalogue.project_id)


def visible_chapters(*, user: User) -> QuerySet[CatalogueChapter]:
    """The chapters of the catalogues of the user's projects (projects.scoping)."""
    return CatalogueChapter.objects.visible_to(user).select_related(
        "catalogue__project", "initiative"
    )


def chapter_verdicts(*, catalogue: Catalogue) -> dict[int, Decision]:
    """{initiative id: the steering group's latest verdict} for the catalogue's
    chapters whose initiative has one."""
    return latest_verdicts(
        initiative_ids=catalogue.chapters.values_list("initiative_id", flat=True)
    )


def chapter_verdict(*, chapter: CatalogueChapter) -> Decision | None:
    """The steering group's latest verdict on the chapter's initiative, or None."""
    return latest_verdicts(initiative_ids=[chapter.initiative_id]).get(
        chapter.initiative_id
    )


def chapter_photo_choices(*, chapter: CatalogueChapter) -> QuerySet[Photo]:
    """The photos a chapter may pick: those of its initiative's schemas."""
    return (
        Photo.objects.filter(submission__run__initiative=chapter.initiative_id)
        .select_related("submission__run__site")
        .order_by("created_at", "pk")
    )


@dataclass
class ChapterContent:
    """What one chapter of the catalogue shows, read once for the preview and the PDF.

    `verdict`: the steering group's latest verdict on the initiative (an
    initiatives.Decision), or None. When there is one, it is the recommendation the
    catalogue prints; the chapter's own `recommendation` is the consultant's proposal
    and is printed only while the steering group has not decided."""

    chapter: CatalogueChapter
    initiative: Initiative
    runs: list  # [RunProgress] per site
    figures: list  # [Figure]: what the charts draw
    quotes: list
    photos: list
    charts: list = field(default_factory=list)
    # Every question summarised as its kind says (the same as the results page).
    summary: InitiativeSummary | None = None
    verdict: Decision | None = None
    # Its success criteria judged per site (the steering group's table).
    criteria: InitiativeVerdicts | None = None
    # The sources its claims cite (numbered across the catalogue).
    sources: ChapterSources = field(default_factory=ChapterSources)

    @property
    def key_figure(self) -> Any | None:
        """The QuestionSummary the summary page prints one figure of: the chapter's
        chosen question, else the first question with a figure."""
        questions = self.summary.figure_questions if self.summary else []
        chosen = self.chapter.key_question
        for question in questions:
            if chosen and question.key == chosen:
                return question
        return questions[0] if questions else None

    @property
    def summary_sentence(self) -> str:
        """The summary page's sentence: the chapter's own, else the first sentence
        of the recommendation's text."""
        if self.chapter.summary_sentence:
            return self.chapter.summary_sentence
        return first_sentence(self.recommendation_text)

    @property
    def recommendation(self) -> str:
        """The value printed as the recommendation ("" for none)."""
        if self.verdict is not None:
            return self.verdict.outcome
        return self.chapter.recommendation

    @property
    def recommendation_label(self) -> str:
        if self.verdict is not None:
            return str(self.verdict.get_outcome_display())
        return str(self.chapter.get_recommendation_display())

    @property
    def recommendation_text(self) -> str:
        """The chapter's text for the recommendation, or else the steering group's
        rationale for its verdict."""
        if self.chapter.recommendation_text:
            return self.chapter.recommendation_text
        return self.verdict.rationale if self.verdict is not None else ""

    @property
    def sites(self) -> list[Site]:
        return [progress.run.site for progress in self.runs]

    @property
    def weeks(self) -> tuple[datetime.date, datetime.date] | None:
        """(first, last) Monday of the test at any of its sites, or None."""
        starts = [p.run.starts_week for p in self.runs]
        ends = [p.run.ends_week for p in self.runs]
        return (min(starts), max(ends)) if starts else None


def first_sentence(text: str) -> str:
    """The first sentence of a text (up to its first ". ", "! " or "? ")."""
    text = " ".join((text or "").split())
    for index, char in enumerate(text):
        if char in ".!?" and (index + 1 == len(text) or text[index + 1] == " "):
            return text[: index + 1]
    return text


def catalogue_chapters(*, catalogue: Catalogue) -> list[ChapterContent]:
    """The included chapters in the consultant's order, each with its figures, quotes
    and photos. A fixed number of queries for any number of chapters."""
    chapters = list(
        catalogue.chapters.filter(included=True)
        .select_related("initiative__solution_space__theme")
        .prefetch_related(
            Prefetch(
                "quotes",
                queryset=publishable_quotes(project=catalogue.project_id)
                .select_related("site", "interview")
                .order_by("pk"),
            ),
            Prefetch(
                "photos",
                queryset=Photo.objects.select_related("submission__run__site").order_by(
                    "pk"
                ),
            ),
        )
        .order_by("position", "pk")
    )
    initiatives = [c.initiative for c in chapters]
    ids = [i.pk for i in initiatives]
    runs = matrix(initiatives=initiatives, site_ids=None)
    data = AnswerData.load(initiative_ids=ids, site_ids=None)
    summaries = initiative_summaries(initiative_ids=ids, site_ids=None, data=data)
    criteria = initiative_verdicts(initiatives=initiatives, site_ids=None, data=data)
    verdicts = latest_verdicts(initiative_ids=ids)
    contents = [
        ChapterContent(
            chapter=chapter,
            initiative=chapter.initiative,
            runs=runs.get(chapter.initiative_id, []),
            figures=summaries[chapter.initiative_id].figures,
            quotes=list(chapter.quotes.all()),
            photos=list(chapter.photos.all()),
            summary=summaries[chapter.initiative_id],
            verdict=verdicts.get(chapter.initiative_id),
            criteria=criteria.get(chapter.initiative_id),
        )
        for chapter in chapters
    ]
    return contents


def chapter_figures(*, chapter: CatalogueChapter) -> list:
    """The chapter's questions with figures (QuestionSummary), as the catalogue
    prints them: what a claim can cite as a figure, and the key figure's choices."""
    summaries = initiative_summaries(
        initiative_ids=[chapter.initiative_id], site_ids=None, by_week=False
    )
    return list(summaries[chapter.initiative_id].figure_questions)


def cover_photo_choices(*, catalogue: Catalogue) -> QuerySet[Photo]:
    """The photos the cover may show: those of the project's schemas."""
    return (
        Photo.objects.filter(submission__run__project=catalogue.project_id)
        .select_related("submission__run__site")
        .order_by("created_at", "pk")
    )


def cover_photo(*, catalogue: Catalogue) -> Photo | None:
    """The cover's photo with its schema's site, or None."""
    if catalogue.cover_photo_id is None:
        return None
    return (
        Photo.objects.select_related("submission__run__site")
        .filter(pk=catalogue.cover_photo_id)
        .first()
    )


def catalogue_restated_counts(*, catalogue: Catalogue) -> list[tuple[str, list[str]]]:
    """[(field label, [phrases])] where the catalogue's own texts restate a count
    the catalogue computes (facts.restated_counts)."""
    found = []
    for name in ("introduction", "method", "colophon"):
        phrases = restated_counts(getattr(catalogue, name))
        if phrases:
            label = getattr(Catalogue._meta.get_field(name), "verbose_name", name)
            found.append((str(label), phrases))
    return found


def catalogue_logos(*, catalogue: Catalogue) -> QuerySet[CatalogueLogo]:
    """The commissioners' logos for the cover, in order."""
    return catalogue.logos.order_by("position", "pk")


def catalogue_sites(*, project: Project) -> QuerySet[Site]:
    """The project's sites with the services they offer, for the appendix."""
    return project.sites.select_related("municipality").prefetch_related(
        Prefetch(
            "serviceoffering_set",
            queryset=ServiceOffering.objects.select_related("service").order_by(
                "service__name"
            ),
        )
    )


def latest_render(*, catalogue: Catalogue) -> CatalogueRender | None:
    return catalogue.renders.order_by("-created_at", "-pk").first()


def latest_finished_render(*, catalogue: Catalogue) -> CatalogueRender | None:
    return (
        catalogue.renders.filter(status=RenderStatus.DONE)
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )


def downloadable_renders(*, project: Project) -> QuerySet[CatalogueRender]:
    """The finished PDFs of the project's catalogue that have a file."""
    return CatalogueRender.objects.filter(
        catalogue__project=project, status=RenderStatus.DONE
    ).exclude(file="")


def finished_renders(
    *, catalogue: Catalogue, limit: int = 10
) -> QuerySet[CatalogueRender]:
    """The newest finished PDFs, for the list under the render's progress."""
    return (
        catalogue.renders.filter(status=RenderStatus.DONE)
        .exclude(file="")
        .order_by("-finished_at", "-pk")[:limit]
    )


# A PDF that will never finish, and one that waits for a worker


def render_stuck_reason(render: RenderRecord) -> str | None:
    """Why a pending render will never finish (a RenderFailure value), or None.

    Lost: its task's worker died (core/worker.py), its task ended without making it,
    or it was never queued. Stalled: running, but no progress for RENDER_STALL_SECONDS."""
    if not render.is_pending:
        return None
    now = timezone.now()
    state = worker.task_state(render.task_id)
    if state == worker.TaskState.LOST:
        return RenderFailure.INTERRUPTED
    if (
        render.status == RenderStatus.QUEUED
        and not render.task_id
        and render.created_at < now - worker.heartbeat_timeout()
    ):
        # Its task was never put in the queue (the queue was unreachable just then).
        return RenderFailure.INTERRUPTED
    if render.status == RenderStatus.RUNNING:
        last = render.progress_at or render.started_at or render.created_at
        if last < now - datetime.timedelta(seconds=settings.RENDER_STALL_SECONDS):
            return RenderFailure.STALLED
    return None


def render_waiting_too_long(render: RenderRecord | None) -> bool:
    """True when a queued PDF has waited longer than expected and no worker is alive."""
    if render is None or render.status != RenderStatus.QUEUED:
        return False
    waited = timezone.now() - render.created_at
    if waited.total_seconds() < settings.RENDER_QUEUE_WARNING_SECONDS:
        return False
    return not worker.workers_alive()


def render_state(render: RenderRecord | None) -> dict:
    """What a page's PDF area says of its newest PDF (any kind): pending, stuck and
    why, waiting for a worker that is down."""
    stuck = render_stuck_reason(render) if render is not None else None
    return {
        "render": render,
        "render_stuck": stuck,
        "render_pending": render is not None and render.is_pending and stuck is None,
        "worker_down": stuck is None and render_waiting_too_long(render),
        "RenderFailure": RenderFailure,  # the template compares the failure with it
    }


def render_area(*, catalogue: Catalogue) -> dict:
    """What the catalogue page's render area shows (render_status.html)."""
    return {
        **render_state(latest_render(catalogue=catalogue)),
        "finished": finished_renders(catalogue=catalogue),
    }


# The web edition (published with a token)


def live_publication(*, catalogue: Catalogue | None) -> CataloguePublication | None:
    """The catalogue's web edition as published now, or None (never published, or
    revoked)."""
    if catalogue is None:
        return None
    return (
        catalogue.publications.filter(revoked_at__isnull=True)
        .select_related("published_by", "render")
        .first()
    )


def publication_by_token(*, token: str) -> CataloguePublication | None:
    """The live publication with this token, or None: an unknown, revoked or
    malformed token all take the same one query and give the same None (a token is
    256 random bits, found by the database's unique index, never compared in
    Python)."""
    return (
        CataloguePublication.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("catalogue__project")
        .first()
    )


def publication_pdf(*, publication: CataloguePublication) -> CatalogueRender | None:
    """The PDF offered with a publication: the one it was published with, else the
    newest finished PDF of the same content (made after publishing); None while
    none is made (or its file is gone)."""
    render = publication.render
    if render is not None and render.is_done and render.file:
        return render
    if not publication.pdf_hash:
        return None
    return (
        CatalogueRender.objects.filter(
            catalogue_id=publication.catalogue_id,
            status=RenderStatus.DONE,
            content_hash=publication.pdf_hash,
        )
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )


def publication_photo(
    *, publication: CataloguePublication, photo_id: int
) -> Photo | None:
    """A photo the publication shows (and of its project), or None."""
    if photo_id not in publication.photo_ids:
        return None
    return Photo.objects.filter(
        pk=photo_id, submission__run__project_id=publication.catalogue.project_id
    ).first()


def publication_area(*, catalogue: Catalogue) -> dict:
    """What the catalogue page's web edition area shows."""
    publication = live_publication(catalogue=catalogue)
    return {
        "publication": publication,
        "publication_pdf": (
            publication_pdf(publication=publication) if publication else None
        ),
    }


# The steering group's meeting pack


@dataclass
class CriterionScores:
    """How one idea was scored on one screening criterion: the spread of the scores."""

    name: str
    mean: float | None
    low: int | None
    high: int | None
    count: int
    scale: tuple[int, int]


@dataclass
class PackIdea:
    idea: Idea
    scores: list[CriterionScores]
    evidence: list[Quote]
    decision: Decision | None  # recorded in this meeting


@dataclass
class PackInitiative:
    initiative: Initiative
    verdicts: InitiativeVerdicts
    summary: InitiativeSummary
    runs: list  # [RunProgress]
    quotes: list[Quote]
    visits: list[AdvisoryVisit]
    proposal: CatalogueChapter | None  # the consultant's proposed recommendation
    decision: Decision | None  # the steering group's latest verdict
    chart: object = None  # a dashboards.charts.Chart, set by the view


@dataclass
class MeetingPack:
    meeting: Meeting
    attendees: list
    ideas: list[PackIdea]
    initiatives: list[PackInitiative]


def _score_spread(
    ideas: Sequence[Idea], project_id: int
) -> dict[int, list[CriterionScores]]:
    """{idea id: [CriterionScores per screening criterion]} (two queries)."""
    criteria = list(
        ScreeningCriterion.objects.filter(project=project_id).order_by(
            "position", "name"
        )
    )
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for row in (
        IdeaScore.objects.filter(idea__in=ideas)
        .values("idea_id", "criterion_id")
        .annotate(
            mean=Avg("value"), low=Min("value"), high=Max("value"), count=Count("pk")
        )
        .order_by()
    ):
        found[row["idea_id"], row["criterion_id"]] = dict(row)
    return {
        idea.pk: [
            CriterionScores(
                criterion.name,
                found.get((idea.pk, criterion.pk), {}).get("mean"),
                found.get((idea.pk, criterion.pk), {}).get("low"),
                found.get((idea.pk, criterion.pk), {}).get("high"),
                found.get((idea.pk, criterion.pk), {}).get("count", 0),
                (criterion.scale_min, criterion.scale_max),
            )
            for criterion in criteria
        ]
        for idea in ideas
    }


def meeting_pack(
    *, meeting: Meeting, today: datetime.date | None = None
) -> MeetingPack:
    """Everything the steering group reads before a meeting, the same for the page and
    the PDF: the ideas to decide (their scores' spread and the citizens' words they
    build on), and each tested initiative with its criteria judged per site, its key
    figures, the quotes and visit notes about it, the consultant's proposal and any
    verdict. A fixed number of queries for any number of ideas, initiatives and
    schemas. Only consented and reviewed quotes are printed."""
    today = today or timezone.localdate()
    project_id = meeting.project_id
    decided_here = list(
        Decision.objects.filter(meeting=meeting).order_by("created_at", "pk")
    )
    by_idea = {d.idea_id: d for d in decided_here if d.idea_id}
    by_initiative = {d.initiative_id: d for d in decided_here if d.initiative_id}
    quotes = (
        publishable_quotes(project=project_id).select_related("site").order_by("pk")
    )
    ideas = list(
        Idea.objects.filter(project=project_id)
        .filter(Q(phase=IdeaPhase.PRESENTED) | Q(pk__in=list(by_idea)))
        .select_related("site")
        .prefetch_related(Prefetch("evidence", queryset=quotes))
        .order_by("title", "pk")
    )
    spread = _score_spread(ideas, project_id)
    initiatives = list(
        Initiative.objects.filter(project=project_id)
        .filter(
            Q(status__in=[InitiativeStatus.IN_TEST, InitiativeStatus.EVALUATED])
            | Q(pk__in=list(by_initiative))
            | Q(decisions__meeting=meeting)
        )
        .distinct()
        .prefetch_related(
            Prefetch("quotes", queryset=quotes),
            Prefetch(
                "advisory_visits",
                queryset=AdvisoryVisit.objects.select_related("site").order_by(
                    "visited_on", "pk"
                ),
            ),
        )
        .order_by("name", "pk")
    )
    ids = [i.pk for i in initiatives]
    data = AnswerData.load(initiative_ids=ids, site_ids=None)
    summaries = initiative_summaries(
        initiative_ids=ids, site_ids=None, data=data, by_week=False
    )
    verdicts = initiative_verdicts(
        initiatives=initiatives, site_ids=None, data=data, today=today
    )
    runs = matrix(initiatives=initiatives, site_ids=None, today=today)
    proposals = {
        chapter.initiative_id: chapter
        for chapter in CatalogueChapter.objects.filter(
            catalogue__project=project_id, initiative_id__in=ids
        )
    }
    latest = latest_verdicts(initiative_ids=ids)
    return MeetingPack(
        meeting=meeting,
        attendees=list(meeting.attendees.order_by("first_name", "username")),
        ideas=[
            PackIdea(
                idea=idea,
                scores=spread[idea.pk],
                evidence=list(idea.evidence.all()),
                decision=by_idea.get(idea.pk),
            )
            for idea in ideas
        ],
        initiatives=[
            PackInitiative(
                initiative=initiative,
                verdicts=verdicts[initiative.pk],
                summary=summaries[initiative.pk],
                runs=runs.get(initiative.pk, []),
                quotes=list(initiative.quotes.all()),
                visits=list(initiative.advisory_visits.all()),
                proposal=proposals.get(initiative.pk),
                decision=latest.get(initiative.pk),
            )
            for initiative in initiatives
        ],
    )


def latest_pack_render(*, meeting: Meeting) -> MeetingPackRender | None:
    return meeting.pack_renders.order_by("-created_at", "-pk").first()


def pack_render_area(*, meeting: Meeting) -> dict:
    """What the meeting pack page's PDF area shows (pdf_status.html)."""
    return render_state(latest_pack_render(meeting=meeting))
