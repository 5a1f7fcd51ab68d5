"""What a chapter's claims rest on: the sources the consultant cites, numbered for
the catalogue's notes and its sources appendix, and the sources a chapter may cite.

A source that is gone is gone from the notes: deleting it deletes the citation (the
foreign keys cascade), and a quote that has lost its consent or review, a schema that
is no longer sent, or a figure whose question is no longer asked is left out here.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.text import get_text_list

from dashboards.selectors import publishable_quotes
from initiatives.models import Decision, Initiative, Quote
from testing.models import AdvisoryVisit, PhoneInterview, Submission, TestRun

from ..models import CatalogueChapter, ChapterEvidence, Claim, EvidenceKind
from .facts import SENT


@dataclass
class Source:
    """One cited source, numbered in the order the catalogue first cites it."""

    number: int
    kind: str
    # The source itself: a Submission, a QuestionSummary (a figure), a Quote, an
    # AdvisoryVisit, a PhoneInterview or a Decision.
    item: Any
    chapter: CatalogueChapter
    claims: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"kilde-{self.number}"

    @property
    def claim_names(self) -> str:
        """The claims citing it, in Danish: "det virkede og anbefaling"."""
        return get_text_list(
            [str(Claim(claim).label).lower() for claim in self.claims], "og"
        )


@dataclass
class ChapterSources:
    """A chapter's citations: {claim: [Source]} in the order attached."""

    by_claim: dict[str, list[Source]] = field(default_factory=dict)

    def of(self, claim: str) -> list[Source]:
        return self.by_claim.get(claim, [])

    @property
    def what_worked(self) -> list[Source]:
        return self.of(Claim.WHAT_WORKED)

    @property
    def what_did_not(self) -> list[Source]:
        return self.of(Claim.WHAT_DID_NOT)

    @property
    def learnings(self) -> list[Source]:
        return self.of(Claim.LEARNINGS)

    @property
    def recommendation(self) -> list[Source]:
        return self.of(Claim.RECOMMENDATION)


def evidence_rows(*, chapter_ids: Iterable[int]) -> QuerySet[ChapterEvidence]:
    """The citations of some chapters with their sources (one query)."""
    return (
        ChapterEvidence.objects.filter(chapter_id__in=list(chapter_ids))
        .select_related(
            "submission__run__site",
            "submission__run__initiative",
            "quote__site",
            "quote__interview",
            "visit__site",
            "phone_interview__site",
            "decision__meeting",
        )
        .order_by("chapter_id", "created_at", "pk")
    )


CLAIM_ORDER = [Claim.WHAT_WORKED, Claim.WHAT_DID_NOT, Claim.LEARNINGS]


def citable(row: ChapterEvidence, figures: dict[str, Any]) -> Any | None:
    """The source a citation points at, or None when it may no longer be printed."""
    if row.kind == EvidenceKind.SUBMISSION:
        submission = row.submission
        if submission is None or submission.status not in SENT:
            return None
        return submission
    if row.kind == EvidenceKind.FIGURE:
        return figures.get(row.question_key)
    if row.kind == EvidenceKind.QUOTE:
        quote = row.quote
        if quote is None or not (quote.consent_to_publish and quote.reviewed):
            return None
        return quote
    if row.kind == EvidenceKind.VISIT:
        return row.visit
    if row.kind == EvidenceKind.PHONE_INTERVIEW:
        return row.phone_interview
    if row.kind == EvidenceKind.DECISION:
        return row.decision
    return None


def number_sources(
    chapters: Sequence[Any],
) -> tuple[dict[int, ChapterSources], list[Source]]:
    """Number the sources cited by the catalogue's chapters (ChapterContent, in
    order): ({chapter id: ChapterSources}, [Source] for the appendix). Within a
    chapter the claims are read in the order printed (what worked, what did not,
    learnings, the recommendation); a source cited twice keeps its first number.
    One query."""
    rows: dict[int, list[ChapterEvidence]] = defaultdict(list)
    for row in evidence_rows(chapter_ids=[c.chapter.pk for c in chapters]):
        rows[row.chapter_id].append(row)
    order: list[str] = [str(claim) for claim in (*CLAIM_ORDER, Claim.RECOMMENDATION)]
    appendix: list[Source] = []
    numbered: dict[tuple[int, str], Source] = {}
    found: dict[int, ChapterSources] = {}
    for content in chapters:
        figures = {
            question.key: question
            for question in (
                content.summary.figure_questions if content.summary else []
            )
        }
        sources = ChapterSources()
        chapter_rows = sorted(
            rows.get(content.chapter.pk, []), key=lambda r: order.index(r.claim)
        )
        for row in chapter_rows:
            item = citable(row, figures)
            if item is None:
                continue
            key = (content.chapter.pk, row.source_id)
            source = numbered.get(key)
            if source is None:
                source = Source(
                    number=len(appendix) + 1,
                    kind=row.kind,
                    item=item,
                    chapter=content.chapter,
                )
                numbered[key] = source
                appendix.append(source)
            if row.claim not in source.claims:
                source.claims.append(row.claim)
            cited = sources.by_claim.setdefault(row.claim, [])
            if source not in cited:
                cited.append(source)
        for cited in sources.by_claim.values():
            cited.sort(key=lambda source: source.number)  # "4,5", not "5,4"
        found[content.chapter.pk] = sources
    return found, appendix


# What a chapter may cite


def initiative_site_q(initiative: Initiative) -> Q:
    """Rows whose `site` is one where the initiative is (or was) tested."""
    return Q(site__in=initiative.test_sites.values("site_id")) | Q(
        site__in=TestRun.objects.filter(initiative=initiative).values("site_id")
    )


def chapter_quote_choices(*, chapter: CatalogueChapter) -> QuerySet[Quote]:
    """The quotes a chapter may print or cite: publishable ones linked to its
    initiative, said at one of the initiative's sites (or at no site in particular)."""
    initiative = chapter.initiative
    return (
        publishable_quotes(project=chapter.catalogue.project_id)
        .filter(initiatives=initiative)
        .filter(Q(site__isnull=True) | initiative_site_q(initiative))
        .select_related("site", "interview")
        .distinct()
        .order_by("-test_week", "-created_at", "pk")
    )


@dataclass
class EvidenceChoices:
    """What the consultant can attach to a chapter's claims, kind by kind."""

    submissions: list[Submission]
    figures: list[Any]  # [QuestionSummary]
    quotes: list[Quote]
    visits: list[AdvisoryVisit]
    phone_interviews: list[PhoneInterview]
    decisions: list[Decision]

    def groups(self) -> list[tuple[str, list[tuple[str, Any]]]]:
        """[(kind, [(source id "kind:id", item)])] for the form's grouped choices."""
        return [
            (
                EvidenceKind.SUBMISSION,
                [(f"submission:{s.pk}", s) for s in self.submissions],
            ),
            (EvidenceKind.FIGURE, [(f"figure:{q.key}", q) for q in self.figures]),
            (EvidenceKind.QUOTE, [(f"quote:{q.pk}", q) for q in self.quotes]),
            (EvidenceKind.VISIT, [(f"visit:{v.pk}", v) for v in self.visits]),
            (
                EvidenceKind.PHONE_INTERVIEW,
                [(f"phone:{p.pk}", p) for p in self.phone_interviews],
            ),
            (EvidenceKind.DECISION, [(f"decision:{d.pk}", d) for d in self.decisions]),
        ]


def evidence_choices(
    *, chapter: CatalogueChapter, figures: Sequence[Any]
) -> EvidenceChoices:
    """The sources a chapter may cite: its initiative's sent schemas, its figures
    (`figures`: the summary's figure questions), quotes (chapter_quote_choices), the
    advisory visits and phone interviews about it, and the steering group's
    decisions on it."""
    initiative = chapter.initiative
    return EvidenceChoices(
        submissions=list(
            Submission.objects.filter(run__initiative=initiative, status__in=SENT)
            .select_related("run__site")
            .order_by("run__site__name", "week", "kind", "pk")
        ),
        figures=list(figures),
        quotes=list(chapter_quote_choices(chapter=chapter)),
        visits=list(
            AdvisoryVisit.objects.filter(initiatives=initiative)
            .select_related("site")
            .order_by("visited_on", "pk")
        ),
        phone_interviews=list(
            PhoneInterview.objects.filter(initiatives=initiative)
            .select_related("site")
            .order_by("held_on", "pk")
        ),
        decisions=list(
            # Its verdicts, and the decision that selected the idea it came from.
            Decision.objects.filter(
                Q(initiative=initiative)
                | Q(idea_id=initiative.idea_id, idea__isnull=False)
            )
            .select_related("meeting")
            .order_by("decided_on", "pk")
        ),
    )


def chapter_citations(*, chapter: CatalogueChapter) -> dict[str, list[ChapterEvidence]]:
    """{claim: [ChapterEvidence]} of one chapter as attached, for the consultant's
    page (including sources the catalogue leaves out, so they can be removed)."""
    found: dict[str, list[ChapterEvidence]] = {claim: [] for claim in Claim.values}
    for row in evidence_rows(chapter_ids=[chapter.pk]):
        found[row.claim].append(row)
    return found
