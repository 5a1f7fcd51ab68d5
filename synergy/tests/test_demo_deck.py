"""The demo agrees with the 2017 workshop deck (`../shared/seed/`), fact by fact.

Each table below is read off the deck (OCR with æøå restored); the checklist in
`docs/demo-vs-deck.md` says where each fact is on which slide. Where the deck is
ambiguous the tests pin the demo's plausible reading, never a contradiction.
"""

import datetime
import re
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command

from initiatives.models import (
    Decision,
    IdeaPhase,
    IdeaTransition,
    Initiative,
    InitiativeSite,
    InitiativeTransition,
    Interview,
    Quote,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
    Vocabulary,
)
from initiatives.selectors import interview_table
from projects.models import Project
from reporting import pdf, selectors
from reporting.models import Catalogue
from sites.models import (
    CitizenService,
    HoursKind,
    OpeningHours,
    ServiceOffering,
    ServicePoint,
    Site,
)
from sites.selectors import week_table
from testing.models import AdvisoryVisit, Answer, PhoneInterview

pytestmark = pytest.mark.django_db

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
ROSKILDE = "Roskilde Bibliotek (med Borgerservice)"
RINGSTED = "Ringsted Bibliotek og Borgerservice"
NAESTVED = "Næstved Bibliotek og Borgerservice"
GLUMSOE = "Glumsø Bibliotek (med Borgerservice)"


@pytest.fixture
def project():
    call_command("load_demo", stdout=StringIO())
    return Project.objects.get()


# --- Del 2: the interview table, cell by cell (0–17, 18–29, 30–49, 50–69, 70+) ---

INTERVIEW_TABLE = {
    # Legible in the deck: 1 1 9 2 … 15 (one cell lost; the column totals place it).
    "Pas": [1, 1, 9, 2, 2],
    # 1 1 2 5 → 9; the 70+ renewals at 70, 75 and 80.
    "Kørekort": [0, 1, 1, 2, 5],
    # The row 1 2 4 → 7.
    "Hjælp til selvbetjening": [0, 1, 2, 4, 0],
    # “Nemid | 1 1 2”.
    "Oprettelse af NemID": [0, 0, 1, 1, 0],
    # Single interviews, among them the deck's “Vejledning om pension”.
    "Vejledning om pension": [0, 0, 0, 0, 1],
    "Skat": [0, 0, 0, 0, 1],
    "Helbredstillæg": [0, 0, 0, 0, 1],
    "Lægeskift": [0, 0, 0, 0, 1],
    "Varmetilskud": [0, 0, 0, 0, 1],
    "Flytning": [0, 1, 0, 0, 0],
    "Vielse": [0, 0, 1, 0, 0],
    "Indrejse fra udlandet": [0, 0, 1, 0, 0],
    "Sundhedskort": [0, 0, 1, 0, 0],
    "Boligstøtte": [0, 0, 0, 1, 0],
    "Adresseforespørgsel": [0, 0, 0, 1, 0],
    "Udstedelse af pensionistbevis": [0, 0, 0, 1, 0],
}


def test_interview_table_matches_the_deck_cell_by_cell(project):
    table = interview_table(project=project)
    rows = {service: cells for service, cells, _total in table["rows"]}
    assert rows == INTERVIEW_TABLE
    totals = {service: total for service, _cells, total in table["rows"]}
    assert (totals["Pas"], totals["Kørekort"], totals["Oprettelse af NemID"]) == (
        15,
        9,
        2,
    )
    assert table["column_totals"] == [1, 4, 16, 12, 12]
    assert table["total"] == 45 == Interview.objects.count()
    assert Interview.objects.filter(length="long").count() == 5


def test_every_interview_is_held_where_its_service_is_offered(project):
    offered = set(ServiceOffering.objects.values_list("site_id", "service_id"))
    for interview in Interview.objects.all():
        assert (interview.site_id, interview.service_id) in offered, interview
    # Glumsø had one person for four hours, the others two people for six.
    per_site = {
        site.name: Interview.objects.filter(site=site).count()
        for site in Site.objects.all()
    }
    assert per_site[GLUMSOE] < min(
        per_site[name] for name in (ROSKILDE, RINGSTED, NAESTVED)
    )


# --- Quotes: word for word, with speaker, service, site and age band ---

# speaker label, text, service, site, age band
QUOTES = [
    (
        "Lone, 61 år, nyt pas",
        "Jeg har taget chancenummer for at få lavet nyt pas og skal vente i en time. Så kan jeg bruge ventetiden til at aflevere bøger på biblioteket.",
        "Pas",
        NAESTVED,
        "50-69",
    ),
    (
        "Grethe, 73 år",
        "Jeg har søgt om støtte til TV og varmehjælp. Det er genialt, at borgerservice nu ligger på biblioteket, som jeg kender. Det er trygt for mig, og jeg kan spørge biblioteksmedarbejderne om hjælp.",
        "Varmetilskud",
        ROSKILDE,
        "70+",
    ),
    (
        "Karina, 44 år, nyt pas",
        "Jeg synes, det er underligt, at borgerservice ligger på biblioteket. Det burde ligge på kommunen. Jeg kunne ikke finde på at tage ind og låne noget. Jeg synes faktisk, bøger er kedelige.",
        "Pas",
        RINGSTED,
        "30-49",
    ),
    (
        "Mads, 41 år, nyt kørekort",
        "Jeg skulle bare hurtigt ind og hurtigt ud og havde lige hovedet et andet sted. Men jeg bruger biblioteket og kiggede da også lige på plakaten, om der var nogle arrangementer, der fængede.",
        "Kørekort",
        ROSKILDE,
        "30-49",
    ),
    (
        "Sonja, 73 år, Skat",
        "Jeg synes, det er fint og dejligt nemt, at de ligger sammen. Jeg bruger biblioteket rigtig meget og får hjælp, fordi jeg har dårligt syn. Det er dejligt nemt, at man kan bruge borgerservice her, og der er altid folk, man kan spørge om hjælp.",
        "Skat",
        RINGSTED,
        "70+",
    ),
    (
        "Trine, 39 år, pas",
        "Min datter skal have pas til vores sommertur til Berlin. Vi har boet der, så vi har ikke brug for rejselitteratur. Måske hvis vi skulle til et mere eksotisk sted. Men lydbøger til køreturen kunne måske være en god idé.",
        "Pas",
        ROSKILDE,
        "30-49",
    ),
    (
        "John, 75 år",
        "Jeg købte en teoribog og bestod heldigvis køreprøven. Nu kommer jeg her i borgerservice og får kortet fornyet med nogle måneders mellemrum. Det er pigerne derovre i skranken, der bestemmer, hvor lang tid jeg må få.",
        "Kørekort",
        NAESTVED,
        "70+",
    ),
    (
        "Furdulea, 42 år, fra Rumænien",
        "I have no use for the library. I don't like to read too much. And everything is in Danish.",
        "Indrejse fra udlandet",
        NAESTVED,
        "30-49",
    ),
    (
        "Bente, 85 år",
        "Jeg søger om hjælp til en tandlægeregning, så der er ikke noget at råbe hurra for. Jeg har regningen med og skulle have hjælp til, hvordan det fungerer.",
        "Helbredstillæg",
        ROSKILDE,
        "70+",
    ),
    (
        "Konstantinos og Liv, 19 og 18 år, skal flytte sammen",
        "Det ville være rart at vide, at man kan gøre det over nettet. Det er næsten vores skyld, at vi ikke kiggede på nettet først.",
        "Flytning",
        RINGSTED,
        "18-29",
    ),
    (
        "Mandy, 33 år",
        "Vi blev gift for 11 år siden, men har først råd til at holde festen nu. Jeg har lånt Bryllupsbogen og andre bøger om fx pynt, kager, festen, traditioner, kjolen.",
        "Vielse",
        RINGSTED,
        "30-49",
    ),
    (
        "Søs, 69 år",
        "Jeg skulle have en fuldmagt for at hjælpe svigermor med at flytte, og det kunne jeg så ikke lige finde ud af. Nu har borgerservice givet os formularen. Jeg kunne også finde på at bruge biblioteket til at hjælpe med IT.",
        "Hjælp til selvbetjening",
        RINGSTED,
        "50-69",
    ),
    (
        "Preben og Sonja, 72 og 73 år",
        "Vi kom her i dag for at få hjælp til Skat. Vi har ofte fået hjælp til computer her. Det er bedre, når man kommer ind et sted med massere af mennesker at spørge om alt muligt.",
        "Skat",
        RINGSTED,
        "70+",
    ),
    (
        "Carsten, 63 år, boligstøtte",
        "Det er helt utroligt, hvad man selv skal klare på nettet efterhånden. Så er det fantastisk at komme sådan et sted, hvor der står sådan nogle søde piger.",
        "Boligstøtte",
        ROSKILDE,
        "50-69",
    ),
    (
        "Nermin, 24 år",
        "[…] borgerservice og biblioteket godt kunne gå sammen om at lave nogle åbne aftener for studerende, hvor de kunne komme og få hjælp med fx e-boks eller selvbetjening. Biblioteket har jo allerede computerne, man skal bruge til det.",
        "Hjælp til selvbetjening",
        ROSKILDE,
        "18-29",
    ),
    (
        "Sofia, 32 år, NemID",
        "Borgerservice er sådan en praktisk ting, man bare skal have ordnet; biblioteket forbinder jeg med sindsro. Så man er helt forskellige steder i hovedet.",
        "Oprettelse af NemID",
        ROSKILDE,
        "30-49",
    ),
    (
        "Gert, 42 år, pas",
        "Jeg kommer sjældent på biblioteket. En udstillingsø i venteområdet med gode bøger kunne godt inspirere mig til at bruge biblioteket – små grupper er mere overskuelige, og jeg stoler på, at bibliotekarernes anbefalinger er relevante. Men at løbe ned efter alle de der rækker, kan jeg ikke overskue, og jeg er også bange for at misse min tid.",
        "Pas",
        NAESTVED,
        "30-49",
    ),
    (
        "Kaj og Gerda, 83 og 77 år, lægeskift",
        "[…] noget IT-undervisning, hvis de tilbyder det her. Men hellere i efteråret, hvor der er mindre udeliv.",
        "Lægeskift",
        ROSKILDE,
        "70+",
    ),
    (
        "Harly, 71 år, vejledning om pension",
        "Jeg kunne godt finde på at komme til et arrangement med spændende informationer til pensionister. Ikke helt i Næstved, men gerne her på Glumsø Bibliotek.",
        "Vejledning om pension",
        GLUMSOE,
        "70+",
    ),
    (
        "Konstantinos og Liv, 19 og 18 år, skal flytte sammen",
        "De kunne fx lave et kursus for dem, der er 18, eller dem, der skal flytte ud – en how to guide, hvordan man bliver voksen. Med informationer, en guide, et hæfte, en lille huskeliste.",
        "Flytning",
        RINGSTED,
        "18-29",
    ),
]


def test_every_quote_is_the_decks_words_with_the_right_speaker(project):
    # The field work's quotes (those from the test's schemas are the demo's own,
    # row 212 of docs/demo-vs-deck.md).
    loaded = {
        (q.speaker_label, q.text): (q.service.name, q.site.name, q.age_band)
        for q in Quote.objects.filter(test_week__isnull=True).select_related(
            "service", "site"
        )
    }
    expected = {
        (speaker, text): (service, site, band)
        for speaker, text, service, site, band in QUOTES
    }
    assert loaded == expected


def test_each_quote_belongs_to_its_speakers_interview(project):
    for quote in Quote.objects.filter(test_week__isnull=True).select_related(
        "interview"
    ):
        if quote.speaker_label.startswith("Preben og Sonja"):
            continue
        interview = quote.interview
        assert (interview.service_id, interview.site_id, interview.age_band) == (
            quote.service_id,
            quote.site_id,
            quote.age_band,
        ), quote.speaker_label
    # Sonja, 73, came with Preben for help with Skat: one interview, two quotes.
    sonja = Quote.objects.get(speaker_label="Sonja, 73 år, Skat")
    preben_and_sonja = Quote.objects.get(speaker_label="Preben og Sonja, 72 og 73 år")
    assert sonja.interview == preben_and_sonja.interview
    assert sonja.interview.service.name == "Skat"


def test_the_three_attitude_quotes_carry_the_decks_labels(project):
    tags = {
        q.speaker_label: set(q.tags.values_list("name", flat=True))
        for q in Quote.objects.all()
    }
    assert "Den uinteresserede negative" in tags["Karina, 44 år, nyt pas"]
    assert "Den travle positive" in tags["Mads, 41 år, nyt kørekort"]
    assert "Den opsøgende positive" in tags["Sonja, 73 år, Skat"]


# --- Del 1: the four sites, staff counts with their owner, hours, services ---


def test_staff_counts_belong_to_whoever_the_deck_gives_them_to(project):
    sites = {site.name: site for site in Site.objects.all()}
    # “Der er i alt 16 medarbejdere i kommunen som kan yde fuld borgerservice”.
    assert sites[ROSKILDE].staff_count is None
    assert "16 medarbejdere i Roskilde Kommune" in sites[ROSKILDE].staffing
    assert "en hel uge på Rådhuset og en uge i baglandet" in sites[ROSKILDE].staffing
    # “5 bibliotekarer og 6 HK-kontor … fordelt på tre lokalbiblioteker og i Næstved”.
    assert sites[GLUMSOE].staff_count is None
    assert "5 bibliotekarer og 6 HK-kontor" in sites[GLUMSOE].staffing
    assert "tre lokalbiblioteker og i Næstved" in sites[GLUMSOE].staffing
    # Ringsted's 11 and Næstved's 28 are the sites' own.
    assert sites[RINGSTED].staff_count == 11
    assert sites[NAESTVED].staff_count == 28
    naestved = sites[NAESTVED].staffing
    for fact in (
        "7 HK-biblioteksassistenter, 7 bibliotekarer og 14 HK-kontor",
        "bemandet af 5 – 2 HK-kontor og 3 HK-biblioteksassistenter",
        "2 på vagt",
    ):
        assert fact in naestved
    since = {name: site.borgerservice_since for name, site in sites.items()}
    assert since == {ROSKILDE: 2015, RINGSTED: 2014, NAESTVED: 2013, GLUMSOE: 2007}
    assert "marts 2015" in sites[ROSKILDE].description
    assert "januar 2013" in sites[NAESTVED].description
    municipality = {name: site.municipality.name for name, site in sites.items()}
    assert municipality == {
        ROSKILDE: "Roskilde Kommune",
        RINGSTED: "Ringsted Kommune",
        NAESTVED: "Næstved Kommune",
        GLUMSOE: "Næstved Kommune",
    }


def _place(name):
    return Site.objects.filter(name=name).first() or ServicePoint.objects.get(name=name)


def _weekly(place, kind):
    week = week_table(place=place)
    return dict(zip([k for k, _ in week["kinds"]], week["totals"], strict=True)).get(
        kind
    )


# place, kind, hours a week (the deck's totals)
WEEKLY_HOURS = [
    (RINGSTED, HoursKind.FULL, 29),
    (NAESTVED, HoursKind.FULL, 28),
    (NAESTVED, HoursKind.LIGHT, 44),
    (GLUMSOE, HoursKind.LIGHT, 19),
    (GLUMSOE, HoursKind.OUTREACH, 2),
    ("Fuglebjerg Bibliotek", HoursKind.LIGHT, 19),
    ("Fuglebjerg Bibliotek", HoursKind.OUTREACH, 2),
    ("Fensmark Bibliotek", HoursKind.FULL, 4.5),
    ("Rådhuset", HoursKind.FULL, 24),
    (ROSKILDE, HoursKind.FULL, 13),
    ("Viby Bibliotek", HoursKind.FULL, 5),
    ("Jyllinge Bibliotek", HoursKind.FULL, 11),
]

# place, full-service intervals the deck gives (weekday, opens, closes)
FULL_SERVICE_TIMES = {
    "Rådhuset": {
        (1, "10:00", "15:00"),
        (2, "10:00", "15:00"),
        (3, "10:00", "15:00"),
        (4, "10:00", "15:00"),
        (5, "10:00", "14:00"),
    },
    ROSKILDE: {(4, "10:00", "19:00"), (6, "10:00", "14:00")},
    "Viby Bibliotek": {(1, "14:00", "19:00")},
    "Jyllinge Bibliotek": {(2, "10:00", "16:00"), (3, "14:00", "19:00")},
}


@pytest.mark.parametrize(("place", "kind", "hours"), WEEKLY_HOURS)
def test_weekly_hours_per_place_are_the_decks(project, place, kind, hours):
    assert _weekly(_place(place), kind) == hours


def test_full_service_times_are_the_decks(project):
    for name, expected in FULL_SERVICE_TIMES.items():
        rows = OpeningHours.objects.for_place(_place(name)).filter(kind=HoursKind.FULL)
        loaded = {
            (h.weekday, h.opens_at.strftime("%H:%M"), h.closes_at.strftime("%H:%M"))
            for h in rows
        }
        assert loaded == expected, name
    assert all(
        h.note == "Kun med tidsbestilling"
        for h in OpeningHours.objects.for_place(_place("Rådhuset"))
    )


NAESTVED_FULL = {
    "Pas",
    "Kørekort",
    "ID-kort (16+)",
    "Adresseforespørgsel",
    "Boligstøtte",
    "Børnetilskud og familieydelser",
    "Enkeltydelse",
    "Flytning",
    "Indrejse fra udlandet",
    "Pension",
    "Helbredstillæg",
    "Lægeskift",
    "Skat",
    "Sundhedskort",
    "Varmetilskud",
    "Vielse",
}
KVIKSKRANKE = {
    "Oprettelse af NemID",
    "Hjælp til selvbetjening",
    "Attestering af feriekort",
    "Udstedelse af pensionistbevis",
    "Ansøgning om nedsættelse af licens",
    "Salg af affaldssække",
}
# The deck's list of other services (slide 58) that have no card.
OTHER_SERVICES = {
    "ID-kort (16+)",
    "Adresseforespørgsel",
    "Køreprøvebooking",
    "Pension",
    "Lægeskift",
    "Attestering af feriekort",
    "Udstedelse af pensionistbevis",
    "Fritagelse for Digital Post",
    "Fritagelse for selvbetjening",
    "Ansøgning om nedsættelse af licens",
    "Boligindskudslån",
    "Boligstøtte",
    "Børnetilskud og familieydelser",
    "Enkeltydelse",
    "Varmetilskud",
    "Brevstemning",
}


def _offered(name, level):
    return set(
        ServiceOffering.objects.for_place(_place(name))
        .filter(level=level)
        .values_list("service__name", flat=True)
    )


def test_services_per_place_are_the_decks(project):
    assert _offered(NAESTVED, "full") == NAESTVED_FULL
    assert _offered(NAESTVED, "light") == KVIKSKRANKE
    # Glumsø: the light list plus pas and kørekort, and Harly's pension guidance.
    assert _offered(GLUMSOE, "full") == set()
    assert _offered(GLUMSOE, "light") == KVIKSKRANKE | {
        "Pas",
        "Kørekort",
        "Vejledning om pension",
    }
    # Roskilde's sign: Monday–Saturday help with self-service, passports handed out,
    # exemption from Digital Post; Thursday and Saturday NemID, driving licence,
    # passports and the rest.
    assert _offered(ROSKILDE, "light") == {
        "Hjælp til selvbetjening",
        "Fritagelse for Digital Post",
    }
    assert {"Oprettelse af NemID", "Kørekort", "Pas"} <= _offered(ROSKILDE, "full")
    assert "Ingen fotostation" in Site.objects.get(name=ROSKILDE).description
    for town in ("Viby Bibliotek", "Jyllinge Bibliotek"):
        note = ServiceOffering.objects.get(
            service_point__name=town, service__name="Pas"
        ).note
        assert note == "Med og uden tidsbestilling i hele den bemandede åbningstid"
    names = set(CitizenService.objects.values_list("name", flat=True))
    assert OTHER_SERVICES <= names
    assert "Brevstemmeafgivning" not in names


def test_ringsted_and_glumsoe_facts(project):
    ringsted = Site.objects.get(name=RINGSTED)
    for fact in ("2014", "29 åbningstimer", "efteråret 2017", "178 af 21.061"):
        assert fact in ringsted.description
    assert "Fælles informationsskranke" in ringsted.staffing
    glumsoe = Site.objects.get(name=GLUMSOE)
    for fact in ("2007", "19 timer", "udkørende borgerservice i 2 timer", "legeområde"):
        assert fact in glumsoe.description


# --- Del 2: life situations, competence profiles, journey, attitudes ---


def _terms(project, vocabulary):
    return list(
        Term.objects.filter(project=project, vocabulary=vocabulary).order_by("position")
    )


def test_the_citizens_vocabularies_are_the_decks(project):
    assert [t.name for t in _terms(project, Vocabulary.LIFE_SITUATION)] == [
        "Barn → ung → voksen/myndig → ældre/pensionist",
        "Ugift → gift → skilsmisse",
        "Uden børn → forælder",
        "Arbejde → ledighed",
        "Hjemme → udlandsrejse",
        "Flytning",
        "Flygtning → ophold",
        "Fængslet → løsladt",
    ]
    strong, weak = _terms(project, Vocabulary.COMPETENCE_PROFILE)
    assert (strong.name, weak.name) == ("Navigationsstærke", "Navigationssvage")
    assert "print og scan" in strong.description
    for fact in (
        "alder (unge/ældre)",
        "social udsathed (familiebaggrund, fattigdom, ensomhed)",
        "sprogvejledning",
        "Kernegrupper: unge (snart myndige), nye pensionister, nydanskere, socialt og fysisk udsatte",
    ):
        assert fact in weak.description
    stages = _terms(project, Vocabulary.JOURNEY_STAGE)
    assert [t.name for t in stages] == [
        "Forberedelse",
        "Ankomst",
        "Ventetid",
        "Betjening",
        "Udgang",
        "Hjemme",
    ]
    journey = {t.name: t.description for t in stages}
    assert "Besøg hos læge, kørelærer, fotograf" in journey["Forberedelse"]
    assert "Registrering på stander" in journey["Ankomst"]
    assert "Mange tjekker smartphone" in journey["Ventetid"]
    assert "stressede over, om de husker det hele" in journey["Betjening"]
    assert "Få går videre til ærinde på biblioteket" in journey["Udgang"]
    assert "genbesøg på biblioteket" in journey["Hjemme"]
    attitude = Term.objects.get(
        project=project,
        vocabulary=Vocabulary.QUOTE_TAG,
        name="Holdning til integration",
    ).description
    for fact in (
        "A) dem, der bare skal have ordnet deres ærinde",
        "B) dem, der bare skal have ordnet deres ærinde i borgerservice, men gerne vil inspireres",
        "C) dem, der synes, det er smart",
        "Besøgende på biblioteket (udbredt utilfredshed)",
        "stigende velvilje over tid",
    ):
        assert fact in attitude


# --- Del 3 and 4: cards, themes, solution spaces ---

# card → part → what the deck says there
CARD_FACTS = {
    "Pas": {
        "the_service": "Fornyelse hvert 10. år",
        "the_citizen": "Kontaktanledningen er udlandsrejse",
        "library_synergy": "Fokus på populære rejsedestinationer",
        "communication": "brochure om bibliotekets rejseressourcer",
        "challenge": "så lang tid før ferien",
    },
    "Kørekort": {
        "the_service": "lægeattest og ny køreprøve",
        "the_citizen": "fra 70, 75 og 80 år",
        "library_synergy": "Ingen deltagere i undersøgelsen har efterspurgt",
        "communication": "Visuelle henvisninger i venteområde",
        "challenge": "som forstyrrende",
    },
    "Indrejse fra udlandet": {
        "the_service": "kræver opholdstilladelse",
        "the_citizen": "Mange har behov for sproglig vejledning",
        "library_synergy": "Mango Languages",
        "communication": "Visuelle henvisninger i venteområde, mundtlig henvisning under betjening",
        "challenge": "på et dansk bibliotek",
    },
    "Helbredstillæg": {
        "the_service": "aflevering af regninger",
        "the_citizen": "Alle er pensionister",
        "library_synergy": "IT-vejledning og -kurser",
        "communication": "Visuelle henvisninger i venteområde, mundtlig henvisning under betjening",
        "challenge": "det konkrete ærinde under besøget",
    },
    "Flytning": {
        "the_service": "borgerservice er myndighed",
        "the_citizen": "unge, der skal flytte hjemmefra",
        "library_synergy": "tilflytterområdet",
        "communication": "informationsmail/brev til alle, der bliver 18 år",
        "challenge": "",
    },
    "Vielse": {
        "the_service": "178 ud af 21.061 i Ringsted 2016",
        "the_citizen": "Borgere, der skal giftes",
        "library_synergy": "bryllupslitteratur (traditioner, beklædning",
        "communication": "temaarrangementer",
        "challenge": "For lille brugergruppe",
    },
    "Hjælp til selvbetjening": {
        "the_service": "virk.dk, jobnet.dk",
        "the_citizen": "borgere, der ikke kan dansk",
        "library_synergy": "Netværksstedet i Roskilde",
        "communication": "opsøgende/udgående arbejde",
        "challenge": "personfølsomme oplysninger",
    },
    "Biblioteksbesøgende": {
        "the_service": "",
        "the_citizen": "forstyrrer roen og behovet for fordybelse",
        "library_synergy": "lav en infotavle",
        "communication": "Visuelle henvisninger på relevante steder",
        "challenge": "",
    },
}


def test_synergy_cards_carry_the_decks_five_parts(project):
    cards = {
        card.title: card
        for card in ServiceSynergyCard.objects.filter(project=project).order_by(
            "position"
        )
    }
    assert list(cards) == list(CARD_FACTS)
    for title, parts in CARD_FACTS.items():
        for part, fact in parts.items():
            text = getattr(cards[title], part)
            if fact:
                assert fact in text, (title, part)
            else:
                assert text == "", (title, part)
    # The Ringsted figure is about the service, not the challenge.
    assert "178" not in cards["Vielse"].challenge


# solution space → (theme, guiding question, sites, services)
SPACES = {
    "Navngivning og branding": (
        "Identitet for bibliotek og borgerservice",
        "Hvordan kan vi navngive og brande stedet, så brugerne oplever klarhed om identiteter og roller?",
        set(),
        set(),
    ),
    "Borgerrejse og -tilstande": (
        "Identitet for bibliotek og borgerservice",
        "Hvordan kan vi designe rejsen, så den besøgende oplever klarhed og ro om sit ærinde, samtidig med at nogle af stedets ressourcer formidles?",
        set(),
        set(),
    ),
    "Visuelle henvisninger til bibliotek i venteområder": (
        "Henvis besøgende til eksisterende tilbud",
        "Hvordan kan vi bruge venteområder til at vise udvalgte tilbud til besøgende i borgerservice?",
        {RINGSTED},
        {"Pas"},
    ),
    "Mundtlig henvisning i forbindelse med betjening": (
        "Henvis besøgende til eksisterende tilbud",
        "Hvordan kan vi støtte medarbejdere i borgerservice og bibliotek i at henvise besøgende til relevante tilbud?",
        {ROSKILDE},
        {"Hjælp til selvbetjening"},
    ),
    "Arrangementer i egne rammer eller hos eksterne parter": (
        "Projekter for udvalgte borgergrupper",
        "Hvordan kan borgerservice og bibliotek blive bedre til i fællesskab at lave arrangementer for udvalgte borgergrupper?",
        {NAESTVED, GLUMSOE},
        set(),
    ),
}


def test_themes_and_solution_spaces_are_the_decks(project):
    assert list(Theme.objects.values_list("name", flat=True)) == [
        "Identitet for bibliotek og borgerservice",
        "Henvis besøgende til eksisterende tilbud",
        "Projekter for udvalgte borgergrupper",
    ]
    loaded = {
        space.name: (
            space.theme.name,
            space.guiding_question,
            set(space.sites.values_list("name", flat=True)),
            set(space.services.values_list("name", flat=True)),
        )
        for space in SolutionSpace.objects.select_related("theme")
    }
    assert loaded == SPACES
    refer = Theme.objects.get(name="Henvis besøgende til eksisterende tilbud")
    assert "Roskilde Bibliotek og Borgerservice spurgte" in refer.barriers
    assert "26 % svarede ja, mens 74 % svarede nej" in refer.barriers
    assert "pådutte" in refer.synergy and "påduttte" not in refer.synergy
    spaces = {space.name: space for space in SolutionSpace.objects.all()}
    journey = spaces["Borgerrejse og -tilstande"].recommendations[0]
    for question in (
        "Hvilken skranke skal jeg betjenes i?",
        "Hvor hører personalet til?",
        "Hvordan ved jeg, hvornår det er min tur?",
        "Hvad kan jeg lave, mens jeg venter?",
    ):
        assert question in journey
    assert (
        "“Har du læst”"
        in spaces["Visuelle henvisninger til bibliotek i venteområder"].description
    )
    assert (
        len(
            spaces[
                "Arrangementer i egne rammer eller hos eksterne parter"
            ].recommendations
        )
        == 8
    )


# --- The workshop day and the steering group's decisions ---


def _local(moment):
    return moment.astimezone(COPENHAGEN)


def test_decisions_are_made_at_the_steering_groups_meeting(project):
    meeting_start = datetime.datetime(2017, 8, 16, 15, 0, tzinfo=COPENHAGEN)
    meeting_end = datetime.datetime(2017, 8, 16, 16, 30, tzinfo=COPENHAGEN)
    decisions = list(Decision.objects.all())
    assert len(decisions) == 5
    for decision in decisions:
        assert decision.decided_on == datetime.date(2017, 8, 16)
        assert meeting_start <= decision.created_at <= meeting_end, decision
    decided = IdeaTransition.objects.filter(to_state=IdeaPhase.DECIDED)
    assert decided.count() == 5
    for transition in decided:
        assert meeting_start <= transition.at <= meeting_end, transition.idea
    # Everything before the decision happens in the idea work, 10:45–14:20.
    idea_work = (
        datetime.datetime(2017, 8, 16, 10, 45, tzinfo=COPENHAGEN),
        datetime.datetime(2017, 8, 16, 14, 20, tzinfo=COPENHAGEN),
    )
    for transition in IdeaTransition.objects.exclude(to_state=IdeaPhase.DECIDED):
        assert idea_work[0] <= transition.at <= idea_work[1], transition
    presented = IdeaTransition.objects.filter(to_state=IdeaPhase.PRESENTED)
    for transition in presented:
        # The presentations: after the 13:40–13:50 break.
        assert _local(transition.at).time() >= datetime.time(13, 50)
    for transition in InitiativeTransition.objects.all():
        assert transition.at > meeting_end


# --- The test plan by ISO week (De næste skridt) ---

# title → (first week, last week)
PLAN = {
    "Idéworkshop og styregruppemøde": (33, 33),
    "Fase 4: Prototyping": (34, 43),
    "Testguide og testskema produceres": (34, 34),
    "Grupperne begynder planlægningen": (34, 34),
    "Læs testguide og -skema; telefonsamtale med Actant": (35, 35),
    "Planlægning og test af 1–2 tiltag; orientering og inddragelse af kolleger": (
        36,
        36,
    ),
    "Iværksættelse af tiltag og test": (37, 37),
    "Test og tilpasning af tiltag": (38, 41),
    "Rådgivningsbesøg på stederne": (38, 39),
    "Udfyldning af testskemaer gøres færdig og sendes": (42, 42),
    "Telefoninterview med tovholderne": (43, 43),
    "Fase 5: Evaluering og formidling": (44, 48),
    "Resultatkatalog produceres": (44, 47),
    "Resultatkatalog sendes": (48, 48),
}


def test_the_plan_follows_the_decks_weeks(project):
    loaded = {
        item.title: (
            item.starts_week.isocalendar().week,
            item.ends_week.isocalendar().week,
        )
        for item in TimelineItem.objects.filter(project=project)
    }
    assert loaded == PLAN
    workshop = TimelineItem.objects.get(title="Idéworkshop og styregruppemøde")
    for slot in (
        "09:00–10:35 Introduktion og præsentation af analyse",
        "10:45–14:20 Idéudvikling",
        "frokost 11:45–12:20",
        "14:20–14:30 Afslutning og næste skridt",
        "15:00–16:30 Styregruppemøde",
    ):
        assert slot in workshop.description


def test_visits_and_phone_interviews_fall_in_the_plans_weeks(project):
    tested = set(InitiativeSite.objects.values_list("initiative_id", "site_id"))
    visits = list(AdvisoryVisit.objects.all())
    assert len(visits) == 3
    for visit in visits:
        assert visit.visited_on.isocalendar().week in (38, 39), visit
        for initiative in visit.initiatives.all():
            assert (initiative.pk, visit.site_id) in tested
    calls = list(PhoneInterview.objects.all())
    assert len(calls) == 2
    for call in calls:
        assert call.held_on.isocalendar().week == 43
        for initiative in call.initiatives.all():
            assert (initiative.pk, call.site_id) in tested


# --- Schemas: each initiative's observations are about that initiative ---

# words that only one initiative's schema would use
OWN_WORDS = {
    "Rejseudstilling i venteområdet": ("udstilling", "rejse", "lydbøger"),
    "Henvisning til IT-hjælp ved skranken": ("IT", "kortet", "NemID"),
    "Kom godt i gang med pensionisttilværelsen": (
        "arrangement",
        "pension",
        "helbredstillæg",
    ),
}


def test_schema_observations_belong_to_their_own_initiative(project):
    answers = Answer.objects.filter(
        question__key__in=["observationer", "citater"]
    ).select_related("submission__run__initiative", "question")
    assert answers.exists()
    for answer in answers:
        initiative = answer.submission.run.initiative.name
        text = answer.value_text
        assert any(word in text for word in OWN_WORDS[initiative]), (initiative, text)
        for other, words in OWN_WORDS.items():
            if other != initiative:
                assert not any(word in text for word in words), (initiative, text)
    assert set(
        Initiative.objects.filter(test_runs__isnull=False).values_list(
            "name", flat=True
        )
    ) == set(OWN_WORDS)


# --- The results catalogue ---


def test_the_catalogue_tells_the_decks_process(project):
    catalogue = Catalogue.objects.get(project=project)
    assert catalogue.author == "Actant"
    for fact in (
        "2 personer i 6 timer i Roskilde, Næstved og Ringsted",
        "1 person i 4 timer i Glumsø",
        "det fysiske frem for det digitale rum",
        "har oplagte koblingsmuligheder med biblioteket",
    ):
        assert fact in catalogue.method
    # The counts are not typed: the catalogue prints them from the data (row 211).
    assert selectors.restated_counts(catalogue.method) == []
    assert "den delte lokalitet" in catalogue.introduction
    facts = selectors.method_facts(project=project)
    assert (facts.interviews, facts.long_interviews, facts.interview_sites) == (
        45,
        5,
        4,
    )
    assert (facts.test_weeks, facts.test_week_numbers) == (6, (37, 42))
    assert (facts.sites, facts.municipalities, facts.tested_initiatives) == (4, 3, 3)
    assert facts.ideas == 10
    # "45 interviews med borgere, heraf 5 lange" and "uge 37–42" as the deck says.
    text = " ".join(
        re.sub(r"<[^>]+>", " ", pdf.catalogue_html(catalogue=catalogue)).split()
    )
    assert "Interviews med borgere i feltarbejdet 45 5 lange og 40 korte" in text
    assert "Testuger 6 uge 37–42 2017" in text


# --- Loading again over a database from before these corrections ---


def test_a_database_with_the_old_wording_gets_no_duplicates(project):
    """A re-run only adds what is missing: rows that hold the demo's old wording stay
    as they are and are not loaded a second time."""
    from initiatives.demo import FORMER_QUOTE_TEXTS

    gert = Quote.objects.get(speaker_label="Gert, 42 år, pas")
    (gert.text,) = FORMER_QUOTE_TEXTS[gert.text]
    gert.save()
    CitizenService.objects.filter(name="Brevstemning").update(
        name="Brevstemmeafgivning"
    )
    TimelineItem.objects.filter(title__startswith="Planlægning og test").update(
        title="Planlægning og test af 1–2 tiltag; orientering af kolleger"
    )
    counts = (
        Quote.objects.count(),
        CitizenService.objects.count(),
        TimelineItem.objects.count(),
    )
    call_command("load_demo", stdout=StringIO())
    assert (
        Quote.objects.count(),
        CitizenService.objects.count(),
        TimelineItem.objects.count(),
    ) == counts
