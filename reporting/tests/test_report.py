"""The catalogue read as a report: facts computed from the data, the summary page,
claims that cite evidence (and lose a source that is gone), quotes offered by
initiative and site with where and when they were said, and the cover's identity."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from PIL import Image

from core.services import ActionRefused
from dashboards.selectors.buckets import Bucket, QuestionInfo
from dashboards.selectors.summaries import summarise
from initiatives.models import InterviewLength, Verdict
from initiatives.tests.factories import InterviewFactory, QuoteFactory
from reporting import pdf, selectors, services
from reporting.models import AccentColour, ChapterEvidence, Claim, Recommendation
from reporting.selectors.facts import SENT
from testing.models import Photo, QuestionKind, Submission, SubmissionStatus
from testing.services import answer_quote_create
from testing.tests.factories import (
    AdvisoryVisitFactory,
    PhoneInterviewFactory,
    image_upload,
)

from .test_catalogue import make_pdf, pdf_text
from .test_catalogue_verdict import record_verdict

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def soup_of(world) -> BeautifulSoup:
    return BeautifulSoup(pdf.catalogue_html(catalogue=world.catalogue), "html.parser")


# 1. Facts computed, never typed twice


def test_the_method_in_figures_comes_from_the_data(world):
    before = selectors.method_facts(project=world.project)
    InterviewFactory.create_batch(
        2,
        project=world.project,
        site=world.site_b,
        service=world.service,
        length=InterviewLength.LONG,
        held_on=datetime.date(2017, 6, 2),
    )
    AdvisoryVisitFactory(project=world.project, site=world.site_a)
    PhoneInterviewFactory(project=world.project, site=world.site_a)
    facts = selectors.method_facts(project=world.project)
    assert (facts.interviews, facts.long_interviews, facts.short_interviews) == (
        3,
        2,
        1,
    )
    assert facts.interview_sites == 2 and facts.sites == 2 and facts.municipalities == 1
    assert facts.test_weeks == 6 and facts.test_week_numbers == (37, 42)
    assert facts.test_year == 2017
    submissions = Submission.objects.filter(run__project=world.project)
    assert facts.schemas_due == submissions.count()
    sent = submissions.filter(status__in=SENT)
    assert facts.schemas_sent == sent.count() > 0
    approved = submissions.filter(status=SubmissionStatus.APPROVED).count()
    assert facts.schemas_approved == approved
    assert facts.visits == before.visits + 1
    assert facts.phone_interviews == before.phone_interviews + 1

    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert "Interviews med borgere i feltarbejdet 3 2 lange og 1 korte" in text
    assert "maj–juni 2017" in text
    assert "Testuger 6 uge 37–42 2017" in text
    due = facts.schemas_due
    assert (
        f"Testskemaer indsendt {facts.schemas_sent} af {due} planlagte; "
        f"{approved} godkendt"
    ) in text

    # A new approval is in the next catalogue without anyone retyping a figure.
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.SUBMITTED
    world.submitted.status = SubmissionStatus.APPROVED
    world.submitted.save()
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert f"{approved + 1} godkendt af konsulenten" in text


def test_texts_that_restate_a_computed_count_are_pointed_out(world, client):
    assert selectors.restated_counts(
        "Vi holdt i alt 45 interviews med borgere og testede i seks uger."
    ) == ["45 interviews", "seks uger"]
    assert selectors.restated_counts("Kortet kostede 500 kr.") == []
    world.catalogue.method = "Vi holdt 45 interviews."
    world.catalogue.save()
    client.force_login(world.users["consultant"])
    page = client.get(reverse("reporting:catalogue", args=[world.project.pk]))
    body = text_of(page.content.decode())
    assert "Teksterne gentager tal, som kataloget selv beregner" in body
    assert "metode og proces: “45 interviews”" in body


def test_the_guiding_question_and_the_consent_sentence_are_printed_once(world):
    world.project.guiding_question = "Hvordan skaber vi synergi?"
    world.project.purpose = "At afprøve tiltag."
    world.project.save()
    catalogue = world.catalogue
    catalogue.delete()
    catalogue = services.catalogue_create(project=world.project)
    # A new catalogue's introduction starts from the purpose; the question is the
    # summary's lead.
    assert catalogue.introduction == "At afprøve tiltag."
    text = text_of(pdf.catalogue_html(catalogue=catalogue))
    assert text.count("Hvordan skaber vi synergi?") == 1  # the summary's lead
    assert text.count("Citater bringes med borgernes samtykke") == 1


# 3. The summary


def test_the_summary_has_every_initiative_its_recommendation_criteria_and_figure(
    world,
):
    chapter = world.chapter
    chapter.recommendation = Recommendation.CONTINUE
    chapter.recommendation_text = "Kortet virker. Det koster næsten intet."
    chapter.save()
    soup = soup_of(world)
    summary = soup.find(id="sammenfatning")
    text = " ".join(summary.get_text(" ").split())
    assert "IT-hjælp" in text
    assert "Anbefaling: Fortsæt (konsulentens forslag)" in text
    # The first sentence of the recommendation's text, when the chapter has none.
    assert "Kortet virker." in text and "Det koster næsten intet." not in text
    assert "Nøgletal Antal henvisninger: " in text
    assert "Succeskriterier" in text

    chapter.summary_sentence = "Én sætning om det hele."
    chapter.save()
    text = " ".join(soup_of(world).find(id="sammenfatning").get_text(" ").split())
    assert "Én sætning om det hele." in text and "Kortet virker." not in text


def test_a_computed_share_is_never_summed():
    info = QuestionInfo("andel", "Andel (%)", QuestionKind.COMPUTED, (), False, 1)
    parts = [
        (1, datetime.date(2017, 9, 11), Bucket(answers=1, total=Decimal(20))),
        (1, datetime.date(2017, 9, 18), Bucket(answers=1, total=Decimal(50))),
    ]
    summary = summarise(info, parts)
    assert summary.total is None and summary.per_hour is None
    assert summary.mean == Decimal(35)
    counted = QuestionInfo("antal", "Antal", QuestionKind.INTEGER, (), False, 1)
    assert summarise(counted, parts).total == Decimal(70)


# 4. Claims cite evidence


@pytest.fixture
def cited(world):
    """The chapter's claims citing a figure, a schema, a quote, a visit, a phone
    interview and a decision."""
    chapter = world.chapter
    chapter.what_worked = "Borgerne fandt vej til IT-hjælpen."
    chapter.what_did_not = "Kortet blev glemt i travle uger."
    chapter.recommendation = Recommendation.CONTINUE
    chapter.recommendation_text = "Fortsæt med kortet."
    chapter.save()
    quote = QuoteFactory(
        project=world.project,
        site=world.site_a,
        text="Dejligt at blive vist videre.",
        speaker_label="Inger, 72 år",
        test_week=datetime.date(2017, 9, 25),
    )
    quote.initiatives.add(world.initiative)
    visit = AdvisoryVisitFactory(project=world.project, site=world.site_a)
    visit.initiatives.add(world.initiative)
    phone = PhoneInterviewFactory(
        project=world.project, site=world.site_a, notes="Tovholderen vil fortsætte."
    )
    phone.initiatives.add(world.initiative)
    decision = record_verdict(world, Verdict.CONTINUE, "Det virker.")
    decision.meeting.title = "Styregruppemøde 4"
    decision.meeting.save()
    add = services.evidence_add
    add(chapter=chapter, claim=Claim.WHAT_WORKED, source="figure:antal")
    add(chapter=chapter, claim=Claim.WHAT_WORKED, source=f"quote:{quote.pk}")
    add(chapter=chapter, claim=Claim.WHAT_DID_NOT, source=f"visit:{visit.pk}")
    add(chapter=chapter, claim=Claim.RECOMMENDATION, source="figure:antal")
    add(chapter=chapter, claim=Claim.RECOMMENDATION, source=f"phone:{phone.pk}")
    add(
        chapter=chapter,
        claim=Claim.RECOMMENDATION,
        source=f"submission:{world.submitted.pk}",
    )
    add(chapter=chapter, claim=Claim.RECOMMENDATION, source=f"decision:{decision.pk}")
    return {"quote": quote, "visit": visit, "phone": phone, "decision": decision}


def note_numbers(soup, heading: str) -> list[str]:
    """The note numbers printed after the text under a chapter's heading."""
    h3 = next(
        h for h in soup.select(".initiative h3") if h.get_text().startswith(heading)
    )
    paragraph = h3.find_next("p")
    return [a.get_text() for a in paragraph.select("sup.notes a")]


def test_claims_print_numbered_notes_and_a_sources_appendix(world, cited):
    soup = soup_of(world)
    assert note_numbers(soup, "Det virkede") == ["1", "2"]
    assert soup.select_one(".initiative sup.notes").get_text() == "1,2"  # no markup
    assert note_numbers(soup, "Det virkede ikke") == ["3"]
    # The figure cited again for the recommendation keeps its number.
    box = soup.select_one(".recommendation-box")
    assert [a.get_text() for a in box.select("sup.notes a")] == ["1", "4", "5", "6"]
    assert "Anbefalingen bygger på:" in box.get_text()
    entries = soup.select("#kilder li")
    assert [li["id"] for li in entries] == [f"kilde-{n}" for n in range(1, 7)]
    texts = [" ".join(li.get_text(" ").split()) for li in entries]
    assert texts[0].startswith("Tal fra testskemaerne: Antal henvisninger:")
    assert "(nævnt under det virkede og anbefaling)" in texts[0]
    assert "»Dejligt at blive vist videre.« – Inger, 72 år, Sted A" in texts[1]
    assert "fra afprøvningen uge 39 2017" in texts[1]
    assert texts[2].startswith("Rådgivningsbesøg på Sted A den 27. september 2017")
    assert "Telefoninterview med tovholderen på Sted A" in texts[3]
    assert "Tovholderen vil fortsætte." in texts[3]
    assert texts[4].startswith("Testskema fra Sted A")
    assert (
        "Styregruppens beslutning den 12. december 2017 (Styregruppemøde 4)"
        in (texts[5])
    )
    # Every note links to its entry.
    for link in soup.select("sup.notes a"):
        assert soup.find(id=link["href"].lstrip("#")) is not None


def test_a_source_that_is_gone_disappears_from_notes_and_appendix(world, cited):
    cited["visit"].delete()  # deleted: its citation goes with it
    quote = cited["quote"]
    quote.consent_to_publish = False  # consent withdrawn: left out where read
    quote.save()
    soup = soup_of(world)
    text = " ".join(soup.get_text(" ").split())
    assert "Dejligt at blive vist videre." not in text
    assert "Rådgivningsbesøg på" not in text
    assert note_numbers(soup, "Det virkede") == ["1"]
    # "Det virkede ikke" has no source left: no note, and numbers stay consecutive.
    h3 = next(
        h for h in soup.select(".initiative h3") if h.get_text() == "Det virkede ikke"
    )
    assert h3.find_next("p").select("sup.notes") == []
    assert [li["id"] for li in soup.select("#kilder li")] == [
        f"kilde-{n}" for n in range(1, 5)
    ]
    assert ChapterEvidence.objects.filter(chapter=world.chapter).count() == 6

    # A schema sent back to its coordinator is no longer evidence.
    world.submitted.refresh_from_db()
    world.submitted.status = SubmissionStatus.RETURNED
    world.submitted.save()
    text = " ".join(soup_of(world).get_text(" ").split())
    assert "Testskema fra Sted A" not in text


def test_the_pdf_prints_the_summary_notes_and_sources(
    world, cited, django_capture_on_commit_callbacks
):
    render = make_pdf(
        world.catalogue, world.users["consultant"], django_capture_on_commit_callbacks
    )
    _reader, text = pdf_text(render)
    flat = " ".join(text.split())
    assert "Sammenfatning" in flat and "Forløbet i tal" in flat
    assert "Kilder" in flat and "Anbefalingen bygger på:" in flat
    assert "Tal fra testskemaerne: Antal henvisninger" in flat
    assert "fra afprøvningen uge 39 2017" in flat
    assert re.search(r"Telefoninterview med tovholderen på Sted A", flat)


@pytest.mark.parametrize(
    "source",
    [
        "quote:999999",
        "quote:abc",
        "figure:findes-ikke",
        "visit:1; DROP TABLE",
        "nonsense",
        "",
        "submission:0",
    ],
)
def test_a_source_the_chapter_cannot_cite_is_refused(world, source):
    with pytest.raises(ActionRefused):
        services.evidence_add(
            chapter=world.chapter, claim=Claim.WHAT_WORKED, source=source
        )
    assert not ChapterEvidence.objects.exists()


def test_sources_of_other_initiatives_sites_or_without_consent_are_refused(world):
    elsewhere = QuoteFactory(project=world.project, site=world.site_b)
    elsewhere.initiatives.add(world.initiative)  # said at a site it was not tested
    unlinked = QuoteFactory(project=world.project, site=world.site_a)
    unconsented = QuoteFactory(
        project=world.project, site=world.site_a, consent_to_publish=False
    )
    unconsented.initiatives.add(world.initiative)
    for quote in (elsewhere, unlinked, unconsented):
        with pytest.raises(ActionRefused):
            services.evidence_add(
                chapter=world.chapter,
                claim=Claim.WHAT_WORKED,
                source=f"quote:{quote.pk}",
            )
    with pytest.raises(ActionRefused):  # a draft is not evidence
        services.evidence_add(
            chapter=world.chapter,
            claim=Claim.WHAT_WORKED,
            source=f"submission:{world.draft.pk}",
        )
    with pytest.raises(ActionRefused):
        services.evidence_add(
            chapter=world.chapter, claim="headline", source="figure:antal"
        )
    services.evidence_add(
        chapter=world.chapter, claim=Claim.WHAT_WORKED, source="figure:antal"
    )
    with pytest.raises(ActionRefused, match="allerede"):
        services.evidence_add(
            chapter=world.chapter, claim=Claim.WHAT_WORKED, source="figure:antal"
        )
    assert ChapterEvidence.objects.count() == 1


def test_the_sources_page_attaches_and_removes_and_is_the_consultants(world, client):
    url = reverse("reporting:chapter_sources", args=[world.chapter.pk])
    for role in ("coordinator_a", "steering", "outsider"):
        client.force_login(world.users[role])
        assert client.get(url).status_code in (403, 404), role
        assert client.post(
            url, {"claim": "what_worked", "source": "figure:antal"}
        ).status_code in (403, 404)
    assert not ChapterEvidence.objects.exists()
    client.force_login(world.users["consultant"])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Antal henvisninger" in body and "Ingen kilder endnu." in body
    response = client.post(url, {"claim": "what_worked", "source": "figure:antal"})
    assert response.status_code == 302
    evidence = ChapterEvidence.objects.get()
    # A choice that is not offered: a clear error, nothing saved, no 500.
    response = client.post(url, {"claim": "what_worked", "source": "quote:999999"})
    assert response.status_code == 400
    assert "gyldig" in response.content.decode()
    assert ChapterEvidence.objects.count() == 1
    # Removing another chapter's citation (a forged id) removes nothing.
    response = client.post(url, {"remove": "999999"})
    assert response.status_code == 302 and ChapterEvidence.objects.count() == 1
    response = client.post(url, {"remove": "x"})
    assert response.status_code == 404
    client.post(url, {"remove": str(evidence.pk)})
    assert not ChapterEvidence.objects.exists()


# Quotes: linked to the initiative and its sites, labelled with where and when


def test_quotes_offered_are_the_initiatives_at_its_sites_with_their_origin(world):
    field = world.quote  # from an interview at site A (May 2017), not linked yet
    assert field not in selectors.chapter_quote_choices(chapter=world.chapter)
    field.initiatives.add(world.initiative)
    elsewhere = QuoteFactory(project=world.project, site=world.site_b)
    elsewhere.initiatives.add(world.initiative)
    nowhere = QuoteFactory(project=world.project, site=None)
    nowhere.initiatives.add(world.initiative)
    offered = list(selectors.chapter_quote_choices(chapter=world.chapter))
    assert field in offered and nowhere in offered and elsewhere not in offered
    assert field.origin_label == "fra feltarbejdet maj 2017"
    assert nowhere.origin_label == ""


def test_a_quote_made_of_a_schema_answer_is_from_that_test_week(world):
    answer = world.submitted.answers.get(question__key="citater")
    quote = answer_quote_create(
        answer=answer,
        user=world.users["consultant"],
        text="Jeg kommer her hver uge for at låne lydbøger.",
        speaker_label="Birthe, 67 år",
    )
    assert quote.test_week == world.submitted.week
    assert quote.site == world.site_a
    assert list(quote.initiatives.all()) == [world.initiative]
    year, week, _day = world.submitted.week.isocalendar()
    assert quote.origin_label == f"fra afprøvningen uge {week} {year}"
    # Not consented and not reviewed yet: not offered.
    assert quote not in selectors.chapter_quote_choices(chapter=world.chapter)


# 1. Identity


def test_the_cover_has_author_commissioners_logos_photo_and_date(world):
    services.catalogue_update(
        catalogue=world.catalogue,
        author="Actant",
        issued_on=datetime.date(2017, 12, 15),
        accent_colour=AccentColour.GREEN,
        cover_photo=world.photo,
    )
    world.catalogue.refresh_from_db()
    services.catalogue_logo_add(
        catalogue=world.catalogue, name="Roskilde Kommune", upload=image_upload()
    )
    soup = soup_of(world)
    cover = soup.select_one(".cover")
    text = " ".join(cover.get_text(" ").split())
    # Without commissioners typed, the municipalities of the sites.
    assert "Udarbejdet af Actant for Roskilde Kommune" in text
    assert "Udgivet 15. december 2017" in text
    logo = cover.select_one(".cover-logos img")
    assert logo["alt"] == "Roskilde Kommune" and logo["src"].startswith(
        "data:image/png"
    )
    assert cover.select_one("img.cover-photo")["alt"].startswith("Foto fra Sted A")
    assert "accent-1f5a32" in soup.body["class"]
    colophon = " ".join(soup.select_one(".colophon").get_text(" ").split())
    assert (
        "Forfatter Actant" in colophon and "Opdragsgivere Roskilde Kommune" in colophon
    )


def test_identity_refuses_what_does_not_belong(world, django_user_model):
    from testing import services as testing_services
    from testing.tests.factories import TestRunFactory

    other_run = TestRunFactory()  # another project's
    testing_services.run_sync_submissions(run=other_run)
    with pytest.raises(ActionRefused):
        services.catalogue_update(catalogue=world.catalogue, accent_colour="#ffffff")
    other = Photo.objects.create(
        submission=other_run.submissions.first(),
        question=world.photo.question,
        file=world.photo.file.name,
        content_type="image/png",
        width=64,
        height=48,
    )
    with pytest.raises(ActionRefused, match="Forsidefotoet"):
        services.catalogue_update(catalogue=world.catalogue, cover_photo=other)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ActionRefused, match="foto"):
        services.catalogue_logo_add(
            catalogue=world.catalogue,
            name="Kommunen",
            upload=SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>"),
        )
    assert not world.catalogue.logos.exists()


def test_a_logo_is_re_encoded_without_metadata(world):
    logo = services.catalogue_logo_add(
        catalogue=world.catalogue,
        name="Kommunen",
        upload=image_upload(
            name="logo.jpg",
            kind="JPEG",
            size=(1600, 400),
            exif=b"Exif\x00\x00secret",
            extra=b"<script>",
        ),
    )
    with logo.image.open("rb") as handle:
        body = handle.read()
    assert b"secret" not in body and b"<script>" not in body
    with Image.open(io.BytesIO(body)) as image:
        assert max(image.size) <= services.LOGO_LONG_SIDE
    services.catalogue_logo_remove(logo=logo)
    assert not world.catalogue.logos.exists()


def test_the_logos_page_adds_and_removes_with_clear_errors(world, client):
    url = reverse("reporting:catalogue_logos", args=[world.project.pk])
    client.force_login(world.users["steering"])
    assert client.get(url).status_code in (403, 404)
    client.force_login(world.users["consultant"])
    assert client.get(url).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url,
        {
            "action": "add",
            "name": "Kommunen",
            "image": SimpleUploadedFile("x.png", b"not an image"),
        },
    )
    assert response.status_code == 400
    assert "billede" in response.content.decode().lower()
    response = client.post(
        url, {"action": "add", "name": "Kommunen", "image": image_upload()}
    )
    assert response.status_code == 302
    logo = world.catalogue.logos.get()
    page = client.get(url).content.decode()
    assert "Kommunen" in page and "data:image/png;base64," in page
    client.post(url, {"action": "remove", "logo": str(logo.pk)})
    assert not world.catalogue.logos.exists()


# 6. Layout


BLOCKS = ("h2", "h3", "p", "li", "ul", "ol", "table", "figure", "dl", "blockquote")


def page_fills(html: str) -> list[tuple[int, bool, str]]:
    """[(percent of the page's body area filled, whether a section starts on it, the
    tag of the last block on it)] per page, from WeasyPrint's layout (the running
    header and footer left out)."""
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.LocalFilesOnly()
    ).render()
    found = []
    for page in document.pages:
        box = page._page_box
        top, bottom = box.content_box_y(), box.content_box_y()
        starts = False
        last, last_end = "", 0.0
        for child in box.children:
            if type(child).__name__ == "MarginBox":
                continue
            for descendant in child.descendants():
                tag = getattr(descendant, "element_tag", "")
                if tag == "h2":
                    starts = True
                if tag in ("html", "body", "main", "section", "div", "nav", "article"):
                    continue
                if getattr(descendant, "position_y", None) is not None:
                    bottom = max(
                        bottom, descendant.position_y + descendant.margin_height()
                    )
                    # The last block: the one whose content ends lowest.
                    content_end = descendant.content_box_y() + descendant.height
                    if tag in BLOCKS and content_end > last_end + 0.5:
                        last, last_end = tag, content_end
        found.append((round(100 * (bottom - top) / box.height), starts, last))
    return found


def test_no_page_is_more_than_half_empty_except_before_a_new_section(world, cited):
    fills = page_fills(pdf.catalogue_html(catalogue=world.catalogue))
    assert len(fills) >= 6
    for number, (fill, _starts, _last) in enumerate(fills[1:-1], start=2):
        next_starts = fills[number][1]
        assert fill >= 50 or next_starts, (number, fills)
    # A heading is never the last thing on a page: it goes with what follows it.
    assert [last for _fill, _starts, last in fills if last in ("h2", "h3")] == [], fills


def test_nothing_is_cut_with_an_ellipsis_in_print(world, cited):
    chapter = world.chapter
    chapter.what_worked = " ".join(["Borgerne fandt vej til IT-hjælpen."] * 30)
    chapter.save()
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert "…" not in text
    assert text.count("Borgerne fandt vej til IT-hjælpen.") >= 30


def test_a_word_longer_than_the_line_wraps_inside_the_page(world, cited):
    from weasyprint import HTML

    chapter = world.chapter
    chapter.what_worked = "X" * 300 + " " + "https://" + "a" * 200 + ".dk"
    chapter.save()
    document = HTML(
        string=pdf.catalogue_html(catalogue=world.catalogue),
        base_url=pdf.BASE_URL,
        url_fetcher=pdf.LocalFilesOnly(),
    ).render()
    for page in document.pages:
        box = page._page_box
        right = box.content_box_x() + box.width
        for child in box.children:
            if type(child).__name__ == "MarginBox":
                continue
            for descendant in child.descendants():
                if type(descendant).__name__ == "TextBox":
                    assert descendant.position_x + descendant.width <= right + 1, (
                        descendant.text[:40]
                    )


def test_the_decision_that_chose_the_initiative_can_be_cited(world):
    from initiatives.models import Decision, DecisionOutcome

    chosen = Decision.objects.create(
        project=world.project,
        idea=world.initiative.idea,
        outcome=DecisionOutcome.SELECTED,
        rationale="Valgt på mødet.",
        decided_on=datetime.date(2017, 8, 16),
    )
    choices = selectors.evidence_choices(chapter=world.chapter, figures=[])
    assert chosen in choices.decisions
    services.evidence_add(
        chapter=world.chapter,
        claim=Claim.RECOMMENDATION,
        source=f"decision:{chosen.pk}",
    )
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert (
        "Styregruppens beslutning den 16. august 2017: Udvalgt til afprøvning. "
        "Valgt på mødet."
    ) in text


def test_a_note_ending_with_a_full_stop_gets_no_second_one(world):
    visit = AdvisoryVisitFactory(
        project=world.project, site=world.site_a, agreed_adjustments="Ring først."
    )
    visit.initiatives.add(world.initiative)
    services.evidence_add(
        chapter=world.chapter, claim=Claim.WHAT_DID_NOT, source=f"visit:{visit.pk}"
    )
    world.chapter.what_did_not = "Det gik ikke."
    world.chapter.save()
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert "Aftalt: Ring først. (nævnt under det virkede ikke)" in text
    assert ".." not in text


def test_a_double_click_or_a_stale_tab_is_told_what_happened(world, client):
    url = reverse("reporting:chapter_sources", args=[world.chapter.pk])
    client.force_login(world.users["consultant"])
    data = {"claim": "what_worked", "source": "figure:antal"}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)  # the double click's second POST
    assert second.status_code == 200
    assert "Kilden er allerede knyttet til den tekst." in second.content.decode()
    assert ChapterEvidence.objects.count() == 1
    evidence = ChapterEvidence.objects.get()
    client.post(url, {"remove": str(evidence.pk)})
    stale = client.post(url, {"remove": str(evidence.pk)}, follow=True)
    assert "Kilden var allerede fjernet fra teksten." in stale.content.decode()


def test_a_citation_holds_exactly_the_source_of_its_kind(world):
    from django.db import IntegrityError, transaction

    for fields in (
        {"kind": "quote"},  # no quote
        {"kind": "figure", "question_key": ""},  # no question
        {"kind": "quote", "quote": world.quote, "question_key": "antal"},  # two
        {"kind": "visit", "quote": world.quote},  # another kind's source
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ChapterEvidence.objects.create(
                chapter=world.chapter, claim=Claim.WHAT_WORKED, **fields
            )
    ChapterEvidence.objects.create(
        chapter=world.chapter, claim=Claim.WHAT_WORKED, kind="quote", quote=world.quote
    )


def test_a_logo_too_small_to_see_is_refused(world):
    with pytest.raises(ActionRefused, match="for lille"):
        services.catalogue_logo_add(
            catalogue=world.catalogue, name="Pixel", upload=image_upload(size=(1, 1))
        )
    assert not world.catalogue.logos.exists()


def test_the_chapter_list_counts_only_the_quotes_the_catalogue_prints(world):
    printed = QuoteFactory(project=world.project, site=world.site_a)
    withdrawn = QuoteFactory(project=world.project, site=world.site_a)
    for quote in (printed, withdrawn):
        quote.initiatives.add(world.initiative)
        world.chapter.quotes.add(quote)
    withdrawn.consent_to_publish = False
    withdrawn.save()
    chapter = selectors.chapter_list(catalogue=world.catalogue).get(pk=world.chapter.pk)
    assert chapter.quote_count == 1


def test_a_claims_notes_are_in_ascending_order(world, cited):
    chapter = world.chapter
    chapter.learnings = "Det lærte vi."
    chapter.save()
    # Cited for "Læring" in the reverse order of their numbers (3: the visit, 1: the
    # figure).
    services.evidence_add(
        chapter=chapter, claim=Claim.LEARNINGS, source=f"visit:{cited['visit'].pk}"
    )
    services.evidence_add(chapter=chapter, claim=Claim.LEARNINGS, source="figure:antal")
    assert note_numbers(soup_of(world), "Læring") == ["1", "3"]


def test_interviews_in_two_months_of_one_year_read_as_one_span():
    facts = selectors.MethodFacts(
        interviews=2,
        long_interviews=0,
        interview_sites=1,
        interviews_from=datetime.date(2017, 5, 16),
        interviews_to=datetime.date(2017, 6, 2),
        sites=1,
        municipalities=1,
        ideas=0,
        tested_initiatives=0,
        test_from=None,
        test_to=None,
        schemas_due=0,
        schemas_sent=0,
        schemas_approved=0,
        visits=0,
        visit_sites=0,
        phone_interviews=0,
    )
    assert facts.interview_months == "maj–juni 2017"
