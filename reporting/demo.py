"""Demo: the consultant's results catalogue for the three tested initiatives.

The texts are written the way the 2017 study's consultant (Actant, who writes and
sends the catalogue in weeks 44–48) would sum up the six test weeks 37–42 (see
../shared/seed/); the figures come from the demo schemas themselves.
"""

from core import demo_data
from initiatives.models import Initiative

from . import selectors, services
from .models import Recommendation

CATALOGUE = {
    "subtitle": "Synergi mellem bibliotek og borgerservice – erfaringer fra fire steder",
    "period": "august–december 2017",
    "author": "Actant",
    "introduction": (
        "Hvordan kan bibliotek og borgerservice skabe synergi til gavn for borgerne? "
        "Synergi er, når borgerservice og bibliotek er bedre sammen. Formålet var at "
        "udvikle, afprøve, tilpasse og evaluere konkrete synergitiltag.\n\n"
        "De oplagte synergier ligger i den delte lokalitet (borgerne skal kun henvende "
        "sig ét sted, det er nemt at kombinere ærinder, og ventetiden kan bruges på "
        "biblioteket), i serviceudvidelse (bedre åbningstider og bedre service i "
        "lokalområderne) og i effektivisering (delte faciliteter)."
    ),
    "method": (
        "Efter desk research besøgte vi Roskilde, Næstved og Ringsted (2 personer i 6 "
        "timer hvert sted) og Glumsø (1 person i 4 timer) og holdt i alt 45 interviews "
        "med borgere, heraf 5 lange. Analysen tog udgangspunkt i ydelser og "
        "kontaktanledninger for besøgende i borgerservice og afsøgte derigennem "
        "synergimulighederne med biblioteket, med fokus på det fysiske frem for det "
        "digitale rum. Ydelserne med størst synergipotentiale blev udvalgt, fordi de "
        "findes flest steder, har flest brugere, har relevante og afgrænsede "
        "brugergrupper og har oplagte koblingsmuligheder med biblioteket. "
        "Iagttagelserne blev samlet i tre temaer og fem løsningsrum.\n\n"
        "På idéworkshoppen blev det til ti idéer, og styregruppen valgte på sit møde "
        "samme eftermiddag tre tiltag, som blev afprøvet i seks uger (uge 37–42).\n\n"
        "Tovholderne på hvert sted udfyldte et testskema hver uge: tal for, hvor mange "
        "borgere tiltaget nåede, medarbejdernes oplevelse og tidsforbruget, og deres "
        "iagttagelser. Actant besøgte stederne i de første testuger og justerede "
        "tiltagene sammen med dem, og i uge 43 fortalte tovholderne om deres "
        "erfaringer i et telefoninterview."
    ),
    "colophon": (
        "Udarbejdet af Actant for Roskilde, Næstved og Ringsted Kommuner, 2017.\n"
        "Citater er gengivet med borgernes samtykke. Fotos: tovholderne på stederne."
    ),
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
        "quotes": ["Vi kom her i dag for at få hjælp til Skat"],
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
        "quotes": ["Jeg kunne godt finde på at komme til et arrangement"],
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
        "quotes": [
            "Jeg kommer sjældent på biblioteket",
            "Min datter skal have pas",
        ],
    },
}


def load(*, project, stdout=None):
    if hasattr(project, "catalogue"):
        if stdout:
            stdout.write("Resultatkatalog: findes allerede (ikke ændret).")
        return project.catalogue
    catalogue = services.catalogue_create(project=project)
    services.catalogue_update(catalogue=catalogue, **CATALOGUE)
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
    if stdout:
        stdout.write(
            f"Resultatkatalog: {catalogue.chapters.count()} kapitler med tekster og citater."
        )
    return catalogue


@demo_data.loader(order=50)
def load_into(world, *, stdout=None):
    load(project=world.project, stdout=stdout)
