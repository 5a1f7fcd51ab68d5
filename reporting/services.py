"""Writes of the results catalogue: curating it, and asking for its PDF.

Every write takes plain values (the views pass a form's cleaned data; the demo loader,
the benchmarks and the tests pass their own). The PDF is made by the task worker
(tasks.py runs rendering.render_run): services → tasks → rendering, never back.
"""

import datetime
import io
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image

from core.services import ActionRefused, MergedSave, instance_merge_save
from initiatives.models import Initiative, InitiativeStatus, Meeting, Quote
from projects.models import Project
from testing.models import Photo
from testing.services.photos import photo_reencode

from . import pdf, rendering, selectors, tasks
from .models import (
    EVIDENCE_FIELDS,
    AccentColour,
    Catalogue,
    CatalogueChapter,
    CatalogueLogo,
    CataloguePublication,
    CatalogueRender,
    ChapterEvidence,
    Claim,
    EvidenceKind,
    MeetingPackRender,
    RenderStatus,
)

# Initiatives that have been (or are being) tested get a chapter when the catalogue
# is created; others can be added by hand.
TESTED = [
    InitiativeStatus.IN_TEST,
    InitiativeStatus.EVALUATED,
    InitiativeStatus.RECOMMENDED,
    InitiativeStatus.ADJUSTED,
    InitiativeStatus.STOPPED,
]


@dataclass(frozen=True)
class LoadedPage:
    """What the page a person saves from had loaded (core.merge): the token of
    each value it showed, the conflict choices it posted, and the version
    (`updated_at`, ISO) it was loaded at. With it, a save is merged per field with
    what others saved since; without it (None: the demo loader, a script) the values
    given are written over what is stored."""

    bases: Mapping[str, str] = field(default_factory=dict)
    choices: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    loaded_at: str = ""


@transaction.atomic
def catalogue_create(*, project: Project) -> Catalogue:
    """The project's catalogue with a chapter per tested initiative (idempotent)."""
    catalogue, created = Catalogue.objects.get_or_create(
        project=project,
        defaults={
            # The guiding question is the summary's lead: not repeated here.
            "introduction": project.purpose,
        },
    )
    if created:
        CatalogueChapter.objects.bulk_create(
            CatalogueChapter(
                catalogue=catalogue,
                initiative=initiative,
                position=position,
                why_and_what=initiative.description,
            )
            for position, initiative in enumerate(
                Initiative.objects.filter(project=project, status__in=TESTED).order_by(
                    "name"
                ),
                start=1,
            )
        )
    return catalogue


@transaction.atomic
def catalogue_update(
    *,
    catalogue: Catalogue,
    title: str | None = None,
    subtitle: str | None = None,
    period: str | None = None,
    author: str | None = None,
    introduction: str | None = None,
    method: str | None = None,
    colophon: str | None = None,
    commissioners: str | None = None,
    accent_colour: str | None = None,
    issued_on: datetime.date | None = None,
    cover_photo: Photo | None = None,
    page: LoadedPage | None = None,
) -> MergedSave:
    """Save the catalogue's texts and looks (None: leave as stored), merged with what
    was saved after `page` was loaded: a text both changed is not written but comes
    back as a conflict, so nobody's text is overwritten without a choice. The cover
    photo must be one of the project's schemas' photos."""
    if accent_colour is not None and accent_colour not in AccentColour.values:
        raise ActionRefused(_("Vælg en af accentfarverne."))
    if cover_photo is not None:
        _refuse_foreign(
            [cover_photo],
            selectors.cover_photo_choices(catalogue=catalogue),
            _("Forsidefotoet skal være et foto fra forløbets testskemaer."),
        )
    return _merged_update(
        catalogue,
        {
            "commissioners": commissioners,
            "accent_colour": accent_colour,
            "issued_on": issued_on,
            "cover_photo": cover_photo,
            "title": title,
            "subtitle": subtitle,
            "period": period,
            "author": author,
            "introduction": introduction,
            "method": method,
            "colophon": colophon,
        },
        page,
    )


@transaction.atomic
def chapter_update(
    *,
    chapter: CatalogueChapter,
    included: bool | None = None,
    why_and_what: str | None = None,
    where_and_how: str | None = None,
    what_worked: str | None = None,
    what_did_not: str | None = None,
    resources: str | None = None,
    learnings: str | None = None,
    recommendation: str | None = None,
    recommendation_text: str | None = None,
    getting_started: str | None = None,
    summary_sentence: str | None = None,
    key_question: str | None = None,
    quotes: Iterable[Quote] | None = None,
    photos: Iterable[Photo] | None = None,
    page: LoadedPage | None = None,
) -> MergedSave:
    """Save a chapter's texts and picks (None: leave as stored), merged like
    catalogue_update. Only publishable quotes of the project and photos of the
    initiative's own schemas can be picked (selectors.chapter_*_choices)."""
    if quotes is not None:
        quotes = list(quotes)
        _refuse_foreign(
            quotes,
            selectors.chapter_quote_choices(chapter=chapter),
            _("Kun citater med samtykke, som er gennemgået, kan vælges."),
        )
    if photos is not None:
        photos = list(photos)
        _refuse_foreign(
            photos,
            selectors.chapter_photo_choices(chapter=chapter),
            _("Fotoet hører ikke til dette tiltags testskemaer."),
        )
    return _merged_update(
        chapter,
        {
            "included": included,
            "why_and_what": why_and_what,
            "where_and_how": where_and_how,
            "what_worked": what_worked,
            "what_did_not": what_did_not,
            "resources": resources,
            "learnings": learnings,
            "recommendation": recommendation,
            "recommendation_text": recommendation_text,
            "getting_started": getting_started,
            "summary_sentence": summary_sentence,
            "key_question": key_question,
            "quotes": quotes,
            "photos": photos,
        },
        page,
    )


def _refuse_foreign(
    picked: Iterable[Model], allowed: QuerySet[Any], message: str
) -> None:
    ids = {item.pk for item in picked}
    if ids and allowed.filter(pk__in=ids).count() != len(ids):
        raise ActionRefused(message)


def _merged_update(
    instance: Model, values: dict, page: LoadedPage | None
) -> MergedSave:
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is None:
        raise ActionRefused(_("Det, du redigerer, findes ikke længere."))
    values = {name: value for name, value in values.items() if value is not None}
    if page is None:
        # Nobody's page: what is stored now is the base, so every value given is written.
        return instance_merge_save(
            instance=instance, values=values, bases={}, choices={}, same_version=True
        )
    return instance_merge_save(
        instance=instance,
        values=values,
        bases=page.bases,
        choices=page.choices,
        same_version=page.loaded_at == current.isoformat(),
    )


def chapter_add(*, catalogue: Catalogue, initiative: Initiative) -> CatalogueChapter:
    if initiative.project_id != catalogue.project_id:
        raise ActionRefused(_("Tiltaget hører ikke til dette forløb."))
    last = catalogue.chapters.aggregate(last=Max("position"))["last"] or 0
    chapter, created = CatalogueChapter.objects.get_or_create(
        catalogue=catalogue,
        initiative=initiative,
        defaults={"position": last + 1, "why_and_what": initiative.description},
    )
    if not created:
        raise ActionRefused(_("Tiltaget har allerede et kapitel."))
    return chapter


@transaction.atomic
def chapter_move(*, chapter: CatalogueChapter, direction: int) -> None:
    """Swap the chapter with its neighbour above (-1) or below (+1)."""
    siblings = list(
        CatalogueChapter.objects.select_for_update()
        .filter(catalogue_id=chapter.catalogue_id)
        .order_by("position", "pk")
    )
    index = next(i for i, c in enumerate(siblings) if c.pk == chapter.pk)
    other = index + direction
    if not 0 <= other < len(siblings):
        raise ActionRefused(
            _("Kapitlet er allerede først.")
            if direction < 0
            else _("Kapitlet er allerede sidst.")
        )
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            CatalogueChapter.objects.filter(pk=sibling.pk).update(position=position)


# Identity: the logos on the cover


LOGO_LONG_SIDE = 800
LOGO_SHORT_SIDE_MIN = 24


def _logo_bytes(upload: UploadedFile) -> tuple[bytes, str]:
    """An uploaded logo checked and re-encoded like a photo (only pixels kept), at
    most LOGO_LONG_SIDE pixels on its long side. Returns (bytes, file extension)."""
    content, content_type, width, height = photo_reencode(upload)
    if min(width, height) < LOGO_SHORT_SIDE_MIN:
        raise ActionRefused(
            _(
                "Logoet er for lille: det skal være mindst %(pixels)s pixel på hver "
                "led for at kunne ses på forsiden."
            )
            % {"pixels": LOGO_SHORT_SIDE_MIN}
        )
    if max(width, height) > LOGO_LONG_SIDE:
        with Image.open(io.BytesIO(content)) as image:
            image.thumbnail((LOGO_LONG_SIDE, LOGO_LONG_SIDE))
            out = io.BytesIO()
            image.save(out, format=image.format or "PNG")
            content = out.getvalue()
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
    return content, extension[content_type]


@transaction.atomic
def catalogue_logo_add(
    *, catalogue: Catalogue, name: str, upload: UploadedFile
) -> CatalogueLogo:
    """Add a commissioner's logo to the cover, last (re-encoded like a photo)."""
    name = name.strip()
    if not name:
        raise ActionRefused(_("Skriv, hvis logo det er."))
    content, extension = _logo_bytes(upload)
    Catalogue.objects.select_for_update().filter(pk=catalogue.pk).first()
    last = catalogue.logos.aggregate(last=Max("position"))["last"] or 0
    logo = CatalogueLogo(catalogue=catalogue, name=name[:200], position=last + 1)
    logo.image.save(f"logo.{extension}", ContentFile(content), save=False)
    logo.save()
    return logo


@transaction.atomic
def catalogue_logo_remove(*, logo: CatalogueLogo) -> None:
    """Take a logo off the cover and delete its file once the removal is committed."""
    name, storage = logo.image.name or "", logo.image.storage
    logo.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def catalogue_author_logo_set(
    *, catalogue: Catalogue, upload: UploadedFile | None
) -> Catalogue:
    """Set the author's logo (re-encoded like a photo), or remove it (None)."""
    catalogue = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    old = catalogue.author_logo.name if catalogue.author_logo else ""
    storage = catalogue.author_logo.storage
    if upload is None:
        catalogue.author_logo = ""
    else:
        content, extension = _logo_bytes(upload)
        catalogue.author_logo.save(
            f"author-logo.{extension}", ContentFile(content), save=False
        )
    catalogue.save(update_fields=["author_logo", "updated_at"])
    if old:
        transaction.on_commit(lambda: storage.delete(old))
    return catalogue


# Evidence: the sources a chapter's claims cite


class AlreadyCited(ActionRefused):
    """The source is cited for that claim already (a double click, a second tab)."""


def _evidence_source(
    *, chapter: CatalogueChapter, source: str
) -> tuple[str, dict[str, Any]]:
    """(kind, the ChapterEvidence fields) for a source "kind:id" the chapter may cite
    (selectors.evidence_choices); refused otherwise."""
    choices = selectors.evidence_choices(
        chapter=chapter, figures=selectors.chapter_figures(chapter=chapter)
    )
    for kind, options in choices.groups():
        for value, item in options:
            if value == source:
                field_name = EVIDENCE_FIELDS[EvidenceKind(kind)]
                return kind, {
                    field_name: item.key if kind == EvidenceKind.FIGURE else item
                }
    raise ActionRefused(
        _(
            "Kilden kan ikke vælges: den findes ikke længere, eller den hører ikke "
            "til dette tiltag."
        )
    )


@transaction.atomic
def evidence_add(
    *, chapter: CatalogueChapter, claim: str, source: str
) -> ChapterEvidence:
    """Cite a source ("kind:id", as selectors.evidence_choices offers it) for one of
    the chapter's claims. Citing the same source twice for a claim is refused."""
    if claim not in Claim.values:
        raise ActionRefused(_("Vælg, hvilken tekst kilden underbygger."))
    CatalogueChapter.objects.select_for_update().filter(pk=chapter.pk).first()
    kind, fields = _evidence_source(chapter=chapter, source=source)
    if ChapterEvidence.objects.filter(
        chapter=chapter, claim=claim, kind=kind, **fields
    ).exists():
        raise AlreadyCited(_("Kilden er allerede knyttet til den tekst."))
    return ChapterEvidence.objects.create(
        chapter=chapter, claim=claim, kind=kind, **fields
    )


def evidence_remove(*, evidence: ChapterEvidence) -> None:
    """Stop citing a source (the source itself is untouched)."""
    ChapterEvidence.objects.filter(pk=evidence.pk).delete()


# The PDF


def render_request(*, catalogue: Catalogue, user: User | None) -> CatalogueRender:
    """Queue a new PDF unless one is already queued or running (then return that one).

    A pending PDF whose task was lost (its worker died) or that has stalled is failed
    first, so a new one can always be requested."""
    return _request(
        owner=catalogue,
        renders=catalogue.renders.all(),
        make=lambda: CatalogueRender(catalogue=catalogue, requested_by=user),
        task=tasks.render_catalogue,
    )


def pack_render_request(*, meeting: Meeting, user: User | None) -> MeetingPackRender:
    """Queue a meeting pack's PDF the same way (a double click makes one PDF)."""
    return _request(
        owner=meeting,
        renders=meeting.pack_renders.all(),
        make=lambda: MeetingPackRender(meeting=meeting, requested_by=user),
        task=tasks.render_meeting_pack,
    )


def _request(*, owner: Any, renders: QuerySet, make: Any, task: Any) -> Any:
    """The one way a PDF is requested: lock what it is made of, fail its stuck PDFs,
    return the pending one or queue a new one once the transaction commits."""
    with transaction.atomic():
        type(owner).objects.select_for_update().filter(pk=owner.pk).first()
        rendering.render_fail_stuck(pending=renders)
        pending = renders.filter(
            status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]
        ).first()
        if pending:
            return pending
        render = make()
        render.step = gettext_noop("I kø")
        render.save()
        transaction.on_commit(lambda: _enqueue(task, type(render), render.pk))
    return render


def _enqueue(task: Any, model: Any, render_id: int) -> None:
    result = task.enqueue(render_id)
    # The task's id tells the page whether its worker is still alive (core/worker.py).
    model.objects.filter(pk=render_id).update(task_id=str(result.id))


# The web edition


def _new_token() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


@transaction.atomic
def publication_publish(
    *, catalogue: Catalogue, user: User | None
) -> CataloguePublication:
    """Publish the catalogue's web edition as it is now, under a new unguessable link.

    One live link at a time: a publication already live is revoked (its link gives
    404), so what is out there is always the one edition the page shows, and a
    revoke is final. The PDF offered with it is the newest finished PDF of the same
    content; when there is none, one is requested (or the one being made is taken) and
    the link offers it once made."""
    Catalogue.objects.select_for_update().filter(pk=catalogue.pk).first()
    now = timezone.now()
    catalogue.publications.filter(revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=user
    )
    token = _new_token()
    edition = pdf.catalogue_web_edition(
        catalogue=catalogue, token=token, published_at=now
    )
    pdf_hash = pdf.content_hash(pdf.catalogue_html(catalogue=catalogue))
    render = (
        catalogue.renders.filter(status=RenderStatus.DONE, content_hash=pdf_hash)
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if render is None:
        # Made once this transaction commits; the link offers it when it is done.
        render = render_request(catalogue=catalogue, user=user)
    publication = CataloguePublication(
        catalogue=catalogue,
        token=token,
        html=edition.html,
        photo_ids=edition.photo_ids,
        pdf_hash=pdf_hash,
        render=render,
        published_by=user,
    )
    publication.full_clean()
    publication.save()
    return publication


def publication_revoke(
    *, publication: CataloguePublication, user: User | None
) -> CataloguePublication:
    """Withdraw a published web edition: its link, PDF and photos give 404 from now
    on. Revoking one already revoked changes nothing (a double click)."""
    CataloguePublication.objects.filter(
        pk=publication.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_by=user)
    publication.refresh_from_db()
    return publication
