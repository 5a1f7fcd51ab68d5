"""Demo data for the catalogue: the study's municipalities, sites, service points,
opening hours and services (from the 2017 workshop deck, `shared/seed`).

Where the deck gives only weekly totals (Ringsted 29 borgerservice hours, Næstved
28 plus a quick desk open 44 hours, Glumsø and Fuglebjerg 19 light hours, Fensmark
4.5 hours once a week), the intervals below are a plausible week that adds up to
those totals; library (staffed) hours are illustrative. Everything is editable in
the app. Loading is idempotent: rows are created when missing and never overwritten.

Staff counts belong to whoever the deck gives them to: Roskilde's 16 are the
municipality's staff (they rotate between Rådhuset and the back office) and
Glumsø's 5 librarians and 6 clerks serve three local libraries and Næstved, so those
two sites have no count of their own; Ringsted's 11 and Næstved's 28 are the sites'.
"""

import datetime

from core import demo_data

from .models import (
    CitizenService,
    HoursKind,
    IntegrationDegree,
    Municipality,
    OpeningHours,
    ServiceCategory,
    ServiceLevel,
    ServiceOffering,
    ServicePoint,
    Site,
)
from .services import place_offerings_set

MUNICIPALITIES = [
    ("Roskilde Kommune", 265),
    ("Næstved Kommune", 370),
    ("Ringsted Kommune", 329),
]

# name, category, requires attendance, self-service online, description
SERVICES = [
    (
        "Pas",
        ServiceCategory.IDENTITY_TRAVEL,
        True,
        False,
        "Den mest brugte enkeltydelse i borgerservice. Kræver fysisk fremmøde; fornyes hvert 10. år. "
        "Kontaktanledningen er udlandsrejse.",
    ),
    (
        "Kørekort",
        ServiceCategory.IDENTITY_TRAVEL,
        True,
        False,
        "Den næstmest brugte ydelse. Kræver fysisk fremmøde, i nogle tilfælde lægeattest og ny køreprøve. "
        "Primært ældre, der skal forny kortet fra 70, 75 og 80 år, og udlændinge, der skal have kørekort oversat.",
    ),
    (
        "ID-kort (16+)",
        ServiceCategory.IDENTITY_TRAVEL,
        True,
        False,
        "Id-kort til alle over 16 år.",
    ),
    ("Køreprøvebooking", ServiceCategory.IDENTITY_TRAVEL, False, True, ""),
    (
        "Flytning",
        ServiceCategory.RESIDENCE,
        False,
        True,
        "Registrering i folkeregistret; borgerservice er myndighed. Alt kan ordnes via selvbetjening på borger.dk. "
        "Ofte unge, der skal flytte hjemmefra.",
    ),
    (
        "Indrejse fra udlandet",
        ServiceCategory.RESIDENCE,
        True,
        False,
        "Bopælsregistrering (kræver opholdstilladelse). Anmeldelse på borger.dk forinden gør sagsbehandlingen hurtigere.",
    ),
    ("Adresseforespørgsel", ServiceCategory.RESIDENCE, False, True, ""),
    ("Pension", ServiceCategory.BENEFITS, False, True, ""),
    (
        "Vejledning om pension",
        ServiceCategory.BENEFITS,
        False,
        False,
        "Vejledning om pension ved skranken, fx ved borgerservice light i Glumsø.",
    ),
    (
        "Helbredstillæg",
        ServiceCategory.BENEFITS,
        False,
        True,
        "Ansøgning om helbredstillægskort og aflevering af regninger. Kan gøres digitalt og med post. Alle er pensionister.",
    ),
    ("Boligstøtte", ServiceCategory.BENEFITS, False, True, ""),
    ("Boligindskudslån", ServiceCategory.BENEFITS, False, True, ""),
    ("Børnetilskud og familieydelser", ServiceCategory.BENEFITS, False, True, ""),
    ("Enkeltydelse", ServiceCategory.BENEFITS, False, False, ""),
    ("Varmetilskud", ServiceCategory.BENEFITS, False, True, ""),
    ("Udstedelse af pensionistbevis", ServiceCategory.BENEFITS, True, False, ""),
    ("Ansøgning om nedsættelse af licens", ServiceCategory.BENEFITS, False, True, ""),
    ("Lægeskift", ServiceCategory.HEALTH, False, True, ""),
    ("Sundhedskort", ServiceCategory.HEALTH, False, True, ""),
    (
        "Vielse",
        ServiceCategory.FAMILY,
        False,
        True,
        "Aflevering af ægteskabsblanket, hjælp til at bestille den eller til at forstå proceduren. "
        "En meget lille andel af besøgene (178 af 21.061 i Ringsted i 2016).",
    ),
    (
        "Hjælp til selvbetjening",
        ServiceCategory.DIGITAL,
        False,
        False,
        "Hjælp og medbetjening til offentlige og private tjenester, der kan selvbetjenes digitalt: "
        "NemID, sundhedskort, Skat, Udbetaling Danmark, borger.dk, e-Boks, netbank.",
    ),
    ("Oprettelse af NemID", ServiceCategory.DIGITAL, True, False, ""),
    ("Skat", ServiceCategory.DIGITAL, False, True, "Hjælp til henvendelser til Skat."),
    ("Fritagelse for Digital Post", ServiceCategory.DIGITAL, True, False, ""),
    ("Fritagelse for selvbetjening", ServiceCategory.DIGITAL, True, False, ""),
    ("Attestering af feriekort", ServiceCategory.OTHER, True, False, ""),
    ("Salg af affaldssække", ServiceCategory.OTHER, True, False, ""),
    ("Brevstemning", ServiceCategory.OTHER, True, False, ""),
]
# Services the demo once loaded under another name: a database that has the old name
# keeps it (rows are never overwritten) and gets no second row.
FORMER_NAMES = {"Brevstemning": ["Brevstemmeafgivning"]}

FULL_PACKAGE = [
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
]
LIGHT_PACKAGE = [
    "Oprettelse af NemID",
    "Hjælp til selvbetjening",
    "Attestering af feriekort",
    "Udstedelse af pensionistbevis",
    "Ansøgning om nedsættelse af licens",
    "Salg af affaldssække",
]

MON, TUE, WED, THU, FRI, SAT = 1, 2, 3, 4, 5, 6
WEEKDAYS = [MON, TUE, WED, THU, FRI]


def _hours(days, opens, closes, kind, note=""):
    return [(day, opens, closes, kind, note) for day in days]


LIBRARY_WEEK = _hours(WEEKDAYS, "10:00", "19:00", HoursKind.LIBRARY) + _hours(
    [SAT], "10:00", "14:00", HoursKind.LIBRARY
)

SITES = [
    {
        "name": "Roskilde Bibliotek (med Borgerservice)",
        "municipality": "Roskilde Kommune",
        "integration_degree": IntegrationDegree.HOSTED,
        "borgerservice_since": 2015,
        # The deck's 16 are Roskilde Kommune's staff, not the library's own.
        "staff_count": None,
        "staffing": (
            "Der er i alt 16 medarbejdere i Roskilde Kommune, som kan yde fuld "
            "borgerservice (kommunens tal, ikke bibliotekets egne). Vagterne er fordelt "
            "ugevis, med en hel uge på Rådhuset og en uge i baglandet. "
            "Biblioteksassistenter står ved informationsskranken og kan 1) udlevere pas "
            "og 2) hjælpe med selvbetjening."
        ),
        "description": (
            "Borgerservice blev anlagt på Roskilde Hovedbibliotek i marts 2015. Hjælp til "
            "selvbetjening og udlevering af pas i hele den bemandede åbningstid; hele "
            "borgerservicepakken torsdag 10–19 og lørdag 10–14. Ingen fotostation."
        ),
        "hours": LIBRARY_WEEK
        + _hours(
            WEEKDAYS,
            "10:00",
            "19:00",
            HoursKind.LIGHT,
            "Hjælp til selvbetjening og udlevering af pas",
        )
        + _hours(
            [SAT],
            "10:00",
            "14:00",
            HoursKind.LIGHT,
            "Hjælp til selvbetjening og udlevering af pas",
        )
        + _hours([THU], "10:00", "19:00", HoursKind.FULL)
        + _hours([SAT], "10:00", "14:00", HoursKind.FULL),
        "full": FULL_PACKAGE + ["Oprettelse af NemID"],
        "light": ["Hjælp til selvbetjening", "Fritagelse for Digital Post"],
        "notes": {
            "Pas": "Udlevering af pas hele ugen; ansøgning torsdag og lørdag",
            "Oprettelse af NemID": "Torsdag og lørdag",
        },
    },
    {
        "name": "Ringsted Bibliotek og Borgerservice",
        "municipality": "Ringsted Kommune",
        "integration_degree": IntegrationDegree.SIDE_BY_SIDE,
        "borgerservice_since": 2014,
        "staff_count": 11,
        "staffing": (
            "11 ansatte arbejder med borgerserviceekspeditioner. Fælles informationsskranke og "
            "delte borgerservice light-opgaver for bibliotek og borgerservice fra efteråret 2017."
        ),
        "description": (
            "Bibliotek og borgerservice blev lagt sammen i 2014; kommunens eneste "
            "borgerservicested. 29 åbningstimer om ugen i borgerservice. Ny indretning fra "
            "efteråret 2017. 178 af 21.061 borgerservicebesøg i 2016 handlede om vielse."
        ),
        "hours": LIBRARY_WEEK
        + _hours([MON, TUE, WED], "10:00", "15:00", HoursKind.FULL)
        + _hours([THU], "10:00", "17:00", HoursKind.FULL)
        + _hours([FRI], "10:00", "14:00", HoursKind.FULL)
        + _hours([SAT], "10:00", "13:00", HoursKind.FULL),
        "full": FULL_PACKAGE,
        "light": LIGHT_PACKAGE,
        "notes": {
            "Hjælp til selvbetjening": "Fælles informationsskranke fra efteråret 2017"
        },
    },
    {
        "name": "Næstved Bibliotek og Borgerservice",
        "municipality": "Næstved Kommune",
        "integration_degree": IntegrationDegree.SIDE_BY_SIDE,
        "borgerservice_since": 2013,
        "staff_count": 28,
        "staffing": (
            "28 medarbejdere udfører både biblioteks- og borgerserviceopgaver: 7 "
            "HK-biblioteksassistenter, 7 bibliotekarer og 14 HK-kontor. Kvikskranken "
            "(borgerservice light) er bemandet af 5 – 2 HK-kontor og 3 HK-biblioteksassistenter – "
            "med 2 på vagt ad gangen."
        ),
        "description": (
            "Borgerservice blev flyttet til Næstved Hovedbibliotek i januar 2013. 28 "
            "åbningstimer om ugen i borgerservice; Kvikskranken med borgerservice light har "
            "åbent 44 timer om ugen."
        ),
        "hours": LIBRARY_WEEK
        + _hours([MON, TUE, WED], "10:00", "15:00", HoursKind.FULL)
        + _hours([THU], "10:00", "17:00", HoursKind.FULL)
        + _hours([FRI], "10:00", "14:00", HoursKind.FULL)
        + _hours([SAT], "10:00", "12:00", HoursKind.FULL)
        + _hours(WEEKDAYS, "10:00", "18:00", HoursKind.LIGHT, "Kvikskranken")
        + _hours([SAT], "10:00", "14:00", HoursKind.LIGHT, "Kvikskranken"),
        "full": FULL_PACKAGE,
        "light": LIGHT_PACKAGE,
        "notes": {},
    },
    {
        "name": "Glumsø Bibliotek (med Borgerservice)",
        "municipality": "Næstved Kommune",
        "integration_degree": IntegrationDegree.HOSTED,
        "borgerservice_since": 2007,
        # The 5 librarians and 6 clerks work across three local libraries and
        # Næstved: Næstved Kommune's staff, not Glumsø's own.
        "staff_count": None,
        "staffing": (
            "5 bibliotekarer og 6 HK-kontor i Næstved Kommune laver borgerservice light "
            "fordelt på tre lokalbiblioteker og i Næstved (ikke Glumsøs egne "
            "medarbejdere)."
        ),
        "description": (
            "Borgerservice på biblioteket siden 2007. Borgerservice light 5 dage om ugen, i alt "
            "19 timer, og én dag med udkørende borgerservice i 2 timer. Bibliotekets legeområde "
            "ligger tæt på venteområdet, så børn kan lege, mens forældrene betjenes. Der er en "
            "skitse til ny indretning."
        ),
        "hours": LIBRARY_WEEK
        + _hours([MON, TUE, WED, THU], "10:00", "14:00", HoursKind.LIGHT)
        + _hours([FRI], "10:00", "13:00", HoursKind.LIGHT)
        + _hours([WED], "15:00", "17:00", HoursKind.OUTREACH),
        "full": [],
        "light": LIGHT_PACKAGE + ["Pas", "Kørekort", "Vejledning om pension"],
        "notes": {},
    },
]

SERVICE_POINTS = [
    {
        "name": "Rådhuset",
        "municipality": "Roskilde Kommune",
        "description": "Kun borgerservice og kun med tidsbestilling. 24 timer om ugen.",
        "hours": _hours(
            [MON, TUE, WED, THU],
            "10:00",
            "15:00",
            HoursKind.FULL,
            "Kun med tidsbestilling",
        )
        + _hours([FRI], "10:00", "14:00", HoursKind.FULL, "Kun med tidsbestilling"),
        "full": FULL_PACKAGE,
        "light": [],
    },
    {
        "name": "Viby Bibliotek",
        "municipality": "Roskilde Kommune",
        "description": (
            "Pas med og uden tidsbestilling og hjælp til selvbetjening i hele den bemandede "
            "åbningstid. Hele borgerservicepakken mandag 14–19."
        ),
        "hours": _hours([MON], "14:00", "19:00", HoursKind.FULL),
        "full": FULL_PACKAGE,
        "light": ["Hjælp til selvbetjening"],
        "notes": {
            "Pas": "Med og uden tidsbestilling i hele den bemandede åbningstid",
            "Hjælp til selvbetjening": "I hele den bemandede åbningstid",
        },
    },
    {
        "name": "Jyllinge Bibliotek",
        "municipality": "Roskilde Kommune",
        "description": (
            "Pas med og uden tidsbestilling og hjælp til selvbetjening i hele den bemandede "
            "åbningstid. Hele borgerservicepakken tirsdag 10–16 og onsdag 14–19."
        ),
        "hours": _hours([TUE], "10:00", "16:00", HoursKind.FULL)
        + _hours([WED], "14:00", "19:00", HoursKind.FULL),
        "full": FULL_PACKAGE,
        "light": ["Hjælp til selvbetjening"],
        "notes": {
            "Pas": "Med og uden tidsbestilling i hele den bemandede åbningstid",
            "Hjælp til selvbetjening": "I hele den bemandede åbningstid",
        },
    },
    {
        "name": "Fensmark Bibliotek",
        "municipality": "Næstved Kommune",
        "description": "Borgerservice én gang om ugen i 4,5 timer; fire dage om ugen ingen borgerservice.",
        "hours": _hours([TUE], "13:30", "18:00", HoursKind.FULL),
        "full": FULL_PACKAGE,
        "light": [],
    },
    {
        "name": "Fuglebjerg Bibliotek",
        "municipality": "Næstved Kommune",
        "description": (
            "Borgerservice light 5 dage om ugen, i alt 19 timer, og én dag med udkørende "
            "borgerservice i 2 timer."
        ),
        "hours": _hours([MON, TUE, WED, THU], "10:00", "14:00", HoursKind.LIGHT)
        + _hours([FRI], "10:00", "13:00", HoursKind.LIGHT)
        + _hours([THU], "15:00", "17:00", HoursKind.OUTREACH),
        "full": [],
        "light": LIGHT_PACKAGE,
    },
]


def _time(text):
    return datetime.time.fromisoformat(text)


def _load_place(place, spec, services):
    for weekday, opens, closes, kind, note in spec["hours"]:
        hours = OpeningHours(
            weekday=weekday, opens_at=_time(opens), closes_at=_time(closes), kind=kind
        )
        hours.place = place
        OpeningHours.objects.get_or_create(
            site=hours.site,
            service_point=hours.service_point,
            weekday=weekday,
            opens_at=hours.opens_at,
            closes_at=hours.closes_at,
            kind=kind,
            defaults={"note": note},
        )
    # What the place offers already stays as it is; what is missing is added.
    levels = {
        o.service_id: (o.level, o.note)
        for o in ServiceOffering.objects.for_place(place)
    }
    notes = spec.get("notes", {})
    for level, names in (
        (ServiceLevel.FULL, spec["full"]),
        (ServiceLevel.LIGHT, spec["light"]),
    ):
        for name in names:
            levels.setdefault(services[name].pk, (level, notes.get(name, "")))
    place_offerings_set(place=place, levels=levels)


def load(*, stdout=None):
    """Create what is missing of the catalogue. Returns {site name: Site}."""
    municipalities = {
        name: Municipality.objects.get_or_create(name=name, defaults={"code": code})[0]
        for name, code in MUNICIPALITIES
    }
    services = {}
    for name, category, attendance, online, description in SERVICES:
        former = CitizenService.objects.filter(
            name__in=FORMER_NAMES.get(name, [])
        ).first()
        if former is not None:
            services[name] = former
            continue
        services[name] = CitizenService.objects.get_or_create(
            name=name,
            defaults={
                "category": category,
                "requires_attendance": attendance,
                "self_service_online": online,
                "description": description,
            },
        )[0]
    sites = {}
    for spec in SITES:
        fields = {
            k: v
            for k, v in spec.items()
            if k not in ("hours", "full", "light", "notes", "name")
        }
        fields["municipality"] = municipalities[spec["municipality"]]
        site, _created = Site.objects.get_or_create(name=spec["name"], defaults=fields)
        _load_place(site, spec, services)
        sites[site.name] = site
    for spec in SERVICE_POINTS:
        point, _created = ServicePoint.objects.get_or_create(
            name=spec["name"],
            municipality=municipalities[spec["municipality"]],
            defaults={"description": spec["description"]},
        )
        _load_place(point, spec, services)
    if stdout:
        stdout.write(
            f"Katalog: {len(municipalities)} kommuner, {len(sites)} steder, "
            f"{len(SERVICE_POINTS)} betjeningssteder, {len(services)} ydelser."
        )
    return sites


@demo_data.loader(order=10)
def load_into(world, *, stdout=None):
    world.sites = load(stdout=stdout)
