"""Demo: the consultant's results catalogue for the three tested initiatives.

The texts are written the way the 2017 study's consultant (Actant, who writes and
sends the catalogue in weeks 44–48) would sum up the six test weeks 37–42 (see
../shared/seed/); the figures come from the demo schemas themselves.
"""

import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from core import demo_data
from initiatives.models import Initiative, Quote
from initiatives.services import quote_update
from projects.models import Role
from testing import demo_photos
from testing.models import Answer, SubmissionStatus
from testing.services import answer_quote_create

from . import selectors, services
from .models import Claim, Recommendation

CATALOGUE_AUTHOR = "Actant"
# “The words.” (who said them)
SPOKEN = re.compile(r"^[“\"](.+?)[”\"]\s*\((.+)\)$")

CATALOGUE = {
    "subtitle": "Synergi mellem bibliotek og borgerservice – erfaringer fra fire steder",
    "period": "august–december 2017",
    "introduction": (
        "Synergi er, når borgerservice og bibliotek er bedre sammen. Formålet var at "
        "udvikle, afprøve, tilpasse og evaluere konkrete synergitiltag.\n\n"
        "De oplagte synergier ligger i den delte lokalitet (borgerne skal kun henvende "
        "sig ét sted, det er nemt at kombinere ærinder, og ventetiden kan bruges på "
        "biblioteket), i serviceudvidelse (bedre åbningstider og bedre service i "
        "lokalområderne) og i effektivisering (delte faciliteter)."
    ),
    # The counts (interviews, sites, ideas, test weeks, schemas, visits, phone
    # interviews) are not typed here: the catalogue prints them from the data.
    "method": (
        "Efter desk research besøgte vi stederne (2 personer i 6 timer i Roskilde, "
        "Næstved og Ringsted, 1 person i 4 timer i Glumsø) og interviewede borgerne "
        "i borgerservice. Analysen tog udgangspunkt i ydelser og kontaktanledninger "
        "for besøgende i borgerservice og afsøgte derigennem synergimulighederne med "
        "biblioteket, med fokus på det fysiske frem for det digitale rum. Ydelserne "
        "med størst synergipotentiale blev udvalgt, fordi de findes flest steder, har "
        "flest brugere, har relevante og afgrænsede brugergrupper og har oplagte "
        "koblingsmuligheder med biblioteket. Iagttagelserne blev samlet i temaer og "
        "løsningsrum.\n\n"
        "Idéerne fra idéworkshoppen blev præsenteret for styregruppen, som på sit "
        "møde samme eftermiddag valgte de tiltag, der blev afprøvet.\n\n"
        "Tovholderne på hvert sted udfyldte et testskema hver uge: tal for, hvor mange "
        "borgere tiltaget nåede, medarbejdernes oplevelse og tidsforbruget, og deres "
        "iagttagelser. Actant besøgte stederne i de første testuger og justerede "
        "tiltagene sammen med dem, og efter testen fortalte tovholderne om deres "
        "erfaringer i et telefoninterview."
    ),
    # The consent sentence is printed by the catalogue itself (not repeated here).
    "colophon": "Fotos: tovholderne på stederne.\nKontakt: Actant, København.",
    "commissioners": "Roskilde, Næstved og Ringsted Kommuner",
    "issued_on": datetime.date(2017, 12, 1),  # week 48, as the deck plans
}

# The commissioners' and the author's logos: plain generated word marks (the real
# ones are the municipalities' and Actant's own).
LOGOS = [
    ("Roskilde Kommune", "#1d3f6e"),
    ("Næstved Kommune", "#1f5a32"),
    ("Ringsted Kommune", "#7f1d1d"),
]

# The citizens' words the coordinators wrote into the schemas' "Citater fra borgere"
# (approved weeks), made quotes with consent and reviewed; and a field work quote per
# initiative, said at its own sites.
FIELD_QUOTES = {
    "Henvisning til IT-hjælp ved skranken": ["[…] borgerservice og biblioteket godt"],
    "Kom godt i gang med pensionisttilværelsen": [
        "Jeg kunne godt finde på at komme til et arrangement"
    ],
    "Rejseudstilling i venteområdet": ["Jeg synes, det er fint og dejligt nemt"],
}

CHAPTERS = {
    "Henvisning til IT-hjælp ved skranken": {
        "where_and_how": (
            "Medarbejderne i borgerservice spurgte borgere, der havde svært ved "
            "selvbetjeningen, om de ville have et kort med bibliotekets IT-hjælp og "
            "tiderne for IT-klubben. Kortet lå ved alle skrankepladser."
        ),
        "what_worked": (
            "Kortet gjorde det let at sige det samme hver gang, og flere borgere kom "
            "forbi IT-hjælpen samme dag. Medarbejderne oplevede, at de kunne afslutte "
            "samtalen med en løsning i stedet for en afvisning."
        ),
        "what_did_not": (
            "I travle uger blev kortet glemt, og i uge 41 faldt antallet af "
            "henvisninger, da IT-hjælpen havde kortere åbningstid."
        ),
        "resources": "Et trykt kort (ca. 500 kr.) og en kort instruktion af personalet "
        "på et personalemøde. Omkring to timer om ugen til henvisninger.",
        "learnings": "Henvisningen virker bedst, når IT-hjælpen har åbent samtidig "
        "med borgerservice, så borgeren kan gå direkte videre.",
        "recommendation": Recommendation.CONTINUE,
        "recommendation_text": "Tiltaget er billigt og når borgere, der ellers går "
        "forgæves. Vi anbefaler at fortsætte og at samle åbningstiderne.",
        "getting_started": "Lav et kort med IT-hjælpens tider, aftal en fast sætning "
        "ved skranken, og tæl henvisningerne i de første fire uger.",
        "quotes": ["Dejligt at vide", "[…] borgerservice og biblioteket godt"],
        "summary_sentence": "Et billigt kort ved skranken sendte borgere, der ellers "
        "gik forgæves, videre til bibliotekets IT-hjælp samme dag.",
    },
    "Kom godt i gang med pensionisttilværelsen": {
        "where_and_how": (
            "Glumsø og Næstved holdt et arrangement for nye pensionister med "
            "borgerservice, biblioteket og foreninger: pension, Digital Post, "
            "lydbøger og fællesskaber. Invitationen gik ud gennem borgerservice "
            "og i lokalavisen."
        ),
        "what_worked": (
            "Borgerne fik svar på spørgsmål om pension og Digital Post i samme rum "
            "som tilbuddene om fællesskab, og flere meldte sig til bibliotekets "
            "læsekreds bagefter."
        ),
        "what_did_not": "I Glumsø var lokalet for lille den første aften; i Næstved "
        "kom færre end tilmeldt.",
        "resources": "To medarbejdere i tre timer pr. arrangement, kaffe og "
        "annoncering i lokalavisen.",
        "learnings": "Borgerne vil helst have arrangementet tæt på, hvor de bor; "
        "nævn det ved skranken, når nogen søger om pension.",
        "recommendation": Recommendation.ADJUST,
        "recommendation_text": "Vi anbefaler at fortsætte med to arrangementer om året "
        "og at invitere direkte, når borgere søger om folkepension.",
        "getting_started": "Find en forening, der vil være medarrangør, book et lokale "
        "til 30 personer, og lav en fælles invitation med borgerservice.",
        "quotes": [
            "Godt at få det hele om pension",
            "Jeg kunne godt finde på at komme til et arrangement",
        ],
    },
    "Rejseudstilling i venteområdet": {
        "where_and_how": (
            "Ringsted satte en udstilling med rejseguides og lydbøger op ved "
            "nummerskærmen i venteområdet og skiftede materialerne hver anden uge."
        ),
        "what_worked": "Borgerne, der ventede på pas, kiggede i bøgerne, og samtaler "
        "om rejsen førte til udlån.",
        "what_did_not": "Skiltet var for lille, og personalet glemte at nævne "
        "udstillingen ved udlevering af pas.",
        "resources": "Bøger fra egen samling og en time om ugen til at skifte udstillingen.",
        "learnings": "Udstillingen skal stå i synsfeltet fra ventepladserne og "
        "nævnes af personalet.",
        "recommendation": Recommendation.CONTINUE,
        "recommendation_text": "Let at gennemføre på alle steder med ventepladser.",
        "getting_started": "Vælg 20–30 titler, sæt et stort skilt op, og aftal med "
        "borgerservice, at udstillingen nævnes ved udleveringen.",
        "quotes": ["Det er smart, at man kan låne en rejseguide"],
    },
}


def _word_mark(name: str, colour: str, *, width: int = 520) -> SimpleUploadedFile:
    """A plain generated logo: a coloured emblem and the name (PNG)."""
    font = demo_photos.sign_font(38)
    image = Image.new("RGB", (width, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 14, 102, 106), radius=18, fill=colour)
    draw.polygon([(30, 90), (56, 32), (82, 90)], fill="white")
    draw.text((122, 60), name, fill=colour, font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def _schema_quotes(project, user) -> None:
    """The approved schemas' citizens' words as quotes (consented and reviewed, as
    the consultant records it), linked to the schema's initiative."""
    answers = (
        Answer.objects.filter(
            submission__run__project=project,
            submission__status=SubmissionStatus.APPROVED,
            question__text="Citater fra borgere",
        )
        .exclude(value_text="")
        .select_related("submission__run__site", "submission__run__initiative")
        .order_by("submission__week", "pk")
    )
    for answer in answers:
        match = SPOKEN.match(answer.value_text.strip())
        if match is None:
            continue
        words, speaker = match.groups()
        if Quote.objects.filter(project=project, text=words).exists():
            continue
        quote = answer_quote_create(
            answer=answer, user=user, text=words, speaker_label=speaker.capitalize()
        )
        quote_update(
            quote=quote,
            text=quote.text,
            speaker_label=quote.speaker_label,
            site=quote.site,
            initiatives=[answer.submission.run.initiative],
            consent_to_publish=True,
            reviewed=True,
            user=user,
        )


def _link_field_quotes(project, user) -> None:
    for name, beginnings in FIELD_QUOTES.items():
        initiative = Initiative.objects.filter(project=project, name=name).first()
        if initiative is None:
            continue
        for beginning in beginnings:
            quote = Quote.objects.filter(
                project=project, text__startswith=beginning
            ).first()
            if quote is not None:
                quote.initiatives.add(initiative)


def _cite_evidence(chapter) -> None:
    """The demo's citations: the figures and the citizens' words behind what worked,
    the visits behind what did not, and the phone interview, the approved schemas
    and the main figure behind the recommendation."""
    figures = selectors.chapter_figures(chapter=chapter)
    choices = selectors.evidence_choices(chapter=chapter, figures=figures)
    wanted = [
        *[(Claim.WHAT_WORKED, f"figure:{q.key}") for q in figures[:2]],
        *[(Claim.WHAT_WORKED, f"quote:{q.pk}") for q in choices.quotes if q.test_week][
            :1
        ],
        *[(Claim.WHAT_DID_NOT, f"visit:{v.pk}") for v in choices.visits],
        *[(Claim.RECOMMENDATION, f"figure:{q.key}") for q in figures[:1]],
        *[(Claim.RECOMMENDATION, f"phone:{p.pk}") for p in choices.phone_interviews],
        *[
            (Claim.RECOMMENDATION, f"submission:{s.pk}")
            for s in choices.submissions
            if s.status == SubmissionStatus.APPROVED
        ][:2],
    ]
    for claim, source in wanted:
        services.evidence_add(chapter=chapter, claim=claim, source=source)


def load(*, project, stdout=None):
    if hasattr(project, "catalogue"):
        if stdout:
            stdout.write("Resultatkatalog: findes allerede (ikke ændret).")
        return project.catalogue
    consultant = project.memberships.filter(role=Role.CONSULTANT).first()
    user = consultant.user if consultant else None
    _schema_quotes(project, user)
    _link_field_quotes(project, user)
    catalogue = services.catalogue_create(project=project)
    services.catalogue_update(
        catalogue=catalogue,
        **CATALOGUE,
        author=CATALOGUE_AUTHOR,
        cover_photo=selectors.cover_photo_choices(catalogue=catalogue).first(),
    )
    services.catalogue_author_logo_set(
        catalogue=catalogue, upload=_word_mark("Actant", "#343a40", width=300)
    )
    for name, colour in LOGOS:
        services.catalogue_logo_add(
            catalogue=catalogue, name=name, upload=_word_mark(name, colour)
        )
    for name, texts in CHAPTERS.items():
        initiative = Initiative.objects.filter(project=project, name=name).first()
        chapter = catalogue.chapters.filter(initiative=initiative).first()
        if chapter is None:
            continue
        texts = dict(texts)
        beginnings = texts.pop("quotes")
        quotes = selectors.chapter_quote_choices(chapter=chapter)
        services.chapter_update(
            chapter=chapter,
            **texts,
            quotes=[
                quote
                for beginning in beginnings
                if (quote := quotes.filter(text__startswith=beginning).first())
            ],
            photos=selectors.chapter_photo_choices(chapter=chapter),
        )
        _cite_evidence(chapter)
    if stdout:
        stdout.write(
            f"Resultatkatalog: {catalogue.chapters.count()} kapitler med tekster og citater."
        )
    return catalogue


@demo_data.loader(order=50)
def load_into(world, *, stdout=None):
    load(project=world.project, stdout=stdout)
