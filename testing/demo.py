"""Demo data for the test phase of 2017: guides, schemas, runs in weeks 37–42 at every
test site, schemas in every state, a tally at the counter, advisory visits and phone
interviews.

The figures in the schemas are invented but plausible (a few referrals a week); they
are there so every page has something to show. Schemas are written through the same
services the app uses, then dated back to 2017. Loading is idempotent.
"""

import datetime
import uuid
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core import demo_data
from initiatives.models import Initiative
from projects.models import Role

from . import demo_photos, services
from .conditions import Condition, Periods, Rule, RuleTest
from .criteria import Criterion
from .forms import AnswersForm
from .models import (
    AdvisoryVisit,
    Cadence,
    InterviewQuestion,
    PeriodKind,
    PhoneInterview,
    PhoneInterviewAnswer,
    Question,
    QuestionKind,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    Tap,
    TestGuide,
    TestRun,
)
from .selectors import schema_sections, submission_schema_version

WEEKS = (37, 42)

GUIDES = {
    "Rejseudstilling i venteområdet": {
        "purpose": "At afprøve, om en lille, skiftende udstilling af rejseressourcer i venteområdet får besøgende i borgerservice til at bruge bibliotekets tilbud.",
        "hypothesis": "Borgere, der venter på nyt pas, er åbne for korte appetitvækkere. Vi forventer flere samtaler om rejser ved skranken og flere udlån af rejseguides og lydbøger.",
        "target_group": "Borgere, der bestiller eller henter pas – særligt børnefamilier før ferier.",
        "activities": [
            "Udvælg 15–20 rejseguides, lydbøger og e-bogstips til populære rejsemål",
            "Opstil udstillingen ved nummerskærmen med skiltet “Skal du ud at rejse?”",
            "Nævn udstillingen ved udlevering af pas",
            "Skift materialerne hver anden uge",
            "Registrér ugens tal og observationer i testskemaet hver fredag",
        ],
        "materials": "Udstillingsmøbel, skilt, bøger og lydbøger, bogmærker med link til e-bøger.",
        "responsible": "Tovholderen; borgerservicemedarbejderne nævner udstillingen ved betjening.",
        "registration": "Tæl samtaler om rejser og henvisninger til biblioteket på en streg-liste ved skranken. Notér borgernes reaktioner og gode citater (navn og alder kun med samtykke).",
        "success_criteria": "Mindst 5 samtaler om rejser om ugen; medarbejderne oplever tiltaget som let at gennemføre (3 eller mere på skalaen).",
        "schedule": [
            ["2017-W36", "Planlægning og indkøb"],
            ["2017-W37", "Udstillingen åbner"],
            ["2017-W39", "Materialerne skiftes; rådgivningsbesøg"],
            ["2017-W42", "Sidste uge og slutevaluering"],
        ],
    },
    "Henvisning til IT-hjælp ved skranken": {
        "purpose": "At afprøve, om borgerservice kan henvise borgere med svært ved selvbetjening til bibliotekets IT-hjælp samme dag.",
        "hypothesis": "Borgere, der får et konkret tilbud med tid og sted, bruger IT-hjælpen; borgerservice får færre gentagne henvendelser om det samme.",
        "target_group": "Ældre og andre, der har svært ved digital selvbetjening.",
        "activities": [
            "Lav et kort med IT-hjælpens tider og IT-klubben",
            "Gennemgå medarbejderguiden på et morgenmøde",
            "Tilbyd kortet, når en borger har brug for hjælp til selvbetjening",
            "Ring over til biblioteket, hvis der er tid samme dag",
            "Registrér ugens tal i testskemaet",
        ],
        "materials": "Henvisningskort, medarbejderguide med koblinger mellem behov og tilbud.",
        "responsible": "Tovholderen og vagthavende i borgerservice.",
        "registration": "Tæl henvisninger og hvor mange der kom til IT-hjælpen samme dag.",
        "success_criteria": "Mindst 8 henvisninger om ugen; halvdelen (mindst 4 om ugen) kommer til IT-hjælpen samme dag; og mindst 20 % flere henvisninger end før afprøvningen.",
        "schedule": [
            ["2017-W36", "Medarbejderguide og kort"],
            ["2017-W37", "Start"],
            ["2017-W38", "Rådgivningsbesøg"],
            ["2017-W42", "Slutevaluering"],
        ],
    },
    "Kom godt i gang med pensionisttilværelsen": {
        "purpose": "At afprøve et fælles arrangement for nye pensionister i Glumsø og Næstved.",
        "hypothesis": "Nye pensionister vil gerne have information om pension, helbredstillæg og digital post samlet ét sted, tæt på hvor de bor.",
        "target_group": "Nye pensionister.",
        "activities": [
            "Planlæg to arrangementer (Glumsø og Næstved) med borgerservice og biblioteket",
            "Annoncér ved skranken, på skærm og i lokalavisen",
            "Hold arrangementerne",
            "Registrér tilmeldinger, fremmøde og spørgsmål",
        ],
        "materials": "Plakat, tilmeldingsliste, kaffe, oversigt over bibliotekets tilbud for pensionister.",
        "responsible": "Tovholderne i Næstved og Glumsø.",
        "registration": "Antal tilmeldte og fremmødte; hvilke spørgsmål der blev stillet.",
        "success_criteria": "Mindst 15 tilmeldte i alt; medarbejderne oplever arrangementet som værd at gentage (3 eller mere på skalaen); deltagerne vil anbefale arrangementet.",
        "schedule": [
            ["2017-W37", "Annoncering"],
            ["2017-W39", "Rådgivningsbesøg i Glumsø"],
            ["2017-W40", "Arrangement i Glumsø"],
            ["2017-W41", "Arrangement i Næstved"],
            ["2017-W42", "Slutevaluering"],
        ],
    },
}

# The guides' success criteria as rules (testing/criteria.py), published with the
# guides. Baselines are by site name here and by site id in the guide.
CRITERIA = {
    "Rejseudstilling i venteområdet": [
        {
            "key": "samtaler-pr-uge",
            "measure": "sum",
            "question_key": "antal-1",
            "comparison": "gte",
            "target": "5",
            "period": "week",
            "applies": "each",
        },
        {
            "key": "let-at-gennemfoere",
            "measure": "mean",
            "question_key": "medarbejderoplevelse",
            "comparison": "gte",
            "target": "3",
            "period": "test",
            "applies": "each",
        },
    ],
    "Henvisning til IT-hjælp ved skranken": [
        {
            "key": "henvisninger-pr-uge",
            "measure": "sum",
            "question_key": "antal-1",
            "comparison": "gte",
            "target": "8",
            "period": "week",
            "applies": "each",
        },
        {
            "key": "samme-dag",
            "measure": "sum",
            "question_key": "antal-2",
            "comparison": "gte",
            "target": "4",
            "period": "week",
            "applies": "each",
            "note": "Halvdelen af de 8 henvisninger om ugen.",
        },
        {
            "key": "over-udgangspunktet",
            "measure": "sum",
            "question_key": "antal-1",
            "comparison": "above_baseline",
            "target": "20",
            "period": "week",
            "applies": "each",
            "baselines_by_site": {"Roskilde Bibliotek (med Borgerservice)": "4"},
            "baseline_note": "Henvisninger pr. uge i uge 35–36, før afprøvningen.",
        },
    ],
    "Kom godt i gang med pensionisttilværelsen": [
        {
            "key": "tilmeldte-i-alt",
            "measure": "sum",
            "question_key": "antal-1",
            "comparison": "gte",
            "target": "15",
            "period": "test",
            "applies": "all",
        },
        {
            "key": "vaerd-at-gentage",
            "measure": "mean",
            "question_key": "medarbejderoplevelse",
            "comparison": "gte",
            "target": "3",
            "period": "test",
            "applies": "each",
        },
    ],
}

# name of the week's count questions per initiative
# The initiative whose weekly schema has a repeated section: one entry per event.
EVENTS_INITIATIVE = "Kom godt i gang med pensionisttilværelsen"
# (title, participants) of the events held, by ISO week (Næstved and Glumsø alike).
EVENTS_HELD = {
    38: [("Kaffemøde: Kom godt i gang som pensionist", 12)],
    40: [
        ("Kaffemøde: Kom godt i gang som pensionist", 9),
        ("Digital post og NemID for nye pensionister", 6),
    ],
}

# The initiative whose weekly schema computes the share that came the same day.
SAME_DAY_INITIATIVE = "Henvisning til IT-hjælp ved skranken"

# What a coordinator who answers "Skal tiltaget justeres?" with Ja writes next.
ADJUSTMENTS = {
    "Rejseudstilling i venteområdet": "Flyt plakaterne tættere på skranken, så flere ser dem.",
    "Henvisning til IT-hjælp ved skranken": "Kortet skal have IT-hjælpens åbningstider på forsiden.",
    "Kom godt i gang med pensionisttilværelsen": "Nævn arrangementet, når borgeren søger om pension.",
}

# The final evaluation's own questions, as a coordinator answers them.
FINAL_ANSWERS = {
    "Rejseudstilling i venteområdet": {
        "q_anbefaling": "Fortsæt",
        "q_virkede": "Udstillingen gav mange samtaler i ventetiden.",
        "q_virkede-ikke": "Få lånte rejsebøger med hjem.",
    },
    "Henvisning til IT-hjælp ved skranken": {
        "q_anbefaling": "Justér",
        "q_virkede": "Kortet gjorde det let at sige ja til IT-hjælpen.",
        "q_virkede-ikke": "Nogle kom ikke samme dag, fordi IT-hjælpen var lukket.",
    },
    "Kom godt i gang med pensionisttilværelsen": {
        "q_anbefaling": "Fortsæt",
        "q_virkede": "Borgerservice og bibliotek fortalte om det samme arrangement.",
        "q_virkede-ikke": "Det var svært at nå borgere, der ikke kom forbi.",
    },
}

COUNT_QUESTIONS = {
    "Rejseudstilling i venteområdet": [
        (
            "Antal samtaler om rejser",
            "Samtaler ved skranken eller i venteområdet, hvor rejser eller udstillingen blev nævnt.",
        ),
        ("Antal henvisninger til biblioteket", ""),
    ],
    "Henvisning til IT-hjælp ved skranken": [
        (
            "Antal henvisninger til IT-hjælp",
            "Hvor mange fik kortet eller blev fulgt over.",
        ),
        ("Antal, der kom til IT-hjælpen samme dag", ""),
    ],
    "Kom godt i gang med pensionisttilværelsen": [
        ("Antal tilmeldte", ""),
        (
            "Antal henvisninger til arrangementet",
            "Ved skranken, i telefonen eller på biblioteket.",
        ),
    ],
}

# week → status, per site; missing weeks are not started
SCENARIOS = {
    "Ringsted Bibliotek og Borgerservice": {
        37: SubmissionStatus.APPROVED,
        38: SubmissionStatus.APPROVED,
        39: SubmissionStatus.APPROVED,
        40: SubmissionStatus.SUBMITTED,
        41: SubmissionStatus.RETURNED,
        42: SubmissionStatus.DRAFT,
    },
    "Roskilde Bibliotek (med Borgerservice)": {
        37: SubmissionStatus.APPROVED,
        38: SubmissionStatus.APPROVED,
        39: SubmissionStatus.APPROVED,
        40: SubmissionStatus.APPROVED,
        41: SubmissionStatus.SUBMITTED,
        42: SubmissionStatus.DRAFT,
        PeriodKind.FINAL: SubmissionStatus.DRAFT,
    },
    "Næstved Bibliotek og Borgerservice": {
        37: SubmissionStatus.APPROVED,
        38: SubmissionStatus.APPROVED,
        39: SubmissionStatus.RETURNED,
        40: SubmissionStatus.DRAFT,
    },
    "Glumsø Bibliotek (med Borgerservice)": {
        37: SubmissionStatus.APPROVED,
        38: SubmissionStatus.SUBMITTED,
    },
}
REACTIONS = ["Positivt", "Neutralt", "Negativt", "Blandet"]
# What the coordinators noticed, per initiative: an observation about the travel
# exhibition belongs in that initiative's schemas, and so on.
OBSERVATIONS = {
    "Rejseudstilling i venteområdet": [
        "Flere børnefamilier kiggede på udstillingen, mens de ventede.",
        "Travl uge; få havde tid til at kigge på udstillingen.",
        "En borger lånte tre lydbøger til køreturen til Italien.",
        "Medarbejderne glemmer at nævne udstillingen, når der er kø.",
        "To borgere spurgte, om de måtte tage rejseguiden med hjem.",
        "Flere kiggede på udstillingen efter at have fået deres pas udleveret.",
    ],
    "Henvisning til IT-hjælp ved skranken": [
        "Godt at have kortet at række frem – det gør det let at tage snakken.",
        "Travl uge; kortet blev glemt, når der var kø.",
        "Tre borgere gik direkte over til IT-hjælpen samme dag.",
        "Flere spurgte til NemID og e-Boks.",
        "Medarbejderne glemmer at nævne IT-hjælpen, når der er kø.",
        "En borger kom igen til IT-klubben om torsdagen.",
    ],
    "Kom godt i gang med pensionisttilværelsen": [
        "Mange spurgte til digital post og helbredstillæg.",
        "Plakaten om arrangementet blev set af flere, der søgte om pension.",
        "Travl uge; få havde tid til at høre om arrangementet.",
        "Flere ville vide, om de kunne tage en ledsager med til arrangementet.",
        "Tilmeldingerne til arrangementet kom mest efter annoncen i lokalavisen.",
        "Et par borgere spurgte, om arrangementet også holdes i Fuglebjerg.",
    ],
}
# A citizen's words in the schema, per initiative (no names: no consent asked).
SCHEMA_QUOTES = {
    "Rejseudstilling i venteområdet": (
        "“Det er smart, at man kan låne en rejseguide med hjem, mens man venter på sit pas.” (kvinde, 40'erne)"
    ),
    "Henvisning til IT-hjælp ved skranken": (
        "“Dejligt at vide, at jeg kan gå over og få hjælp til IT i dag.” (mand, 70'erne)"
    ),
    "Kom godt i gang med pensionisttilværelsen": (
        "“Godt at få det hele om pension samlet ét sted – og tæt på, hvor jeg bor.” (kvinde, 60'erne)"
    ),
}

# The plan has Actant's advisory visit with the first weeks of testing (weeks 38–39).
VISITS = [
    (
        "Ringsted Bibliotek og Borgerservice",
        datetime.date(2017, 9, 27),
        ["Rejseudstilling i venteområdet"],
        "Tovholder, to borgerservicemedarbejdere, bibliotekar",
        "Udstillingen står godt ved nummerskærmen, men skiltet er lille. Personalet nævner den ikke altid ved betjening.",
        "Større skilt; nævn udstillingen ved udlevering af pas; skift materialer hver anden uge.",
    ),
    (
        "Roskilde Bibliotek (med Borgerservice)",
        datetime.date(2017, 9, 20),
        ["Henvisning til IT-hjælp ved skranken"],
        "Tovholder, vagthavende i borgerservice, IT-frivillig",
        "Kortet bruges flittigt. Det er svært at følge borgerne over, når der er kø.",
        "Ring til biblioteket i stedet for at følge over; notér hvem der kom samme dag.",
    ),
    (
        "Glumsø Bibliotek (med Borgerservice)",
        datetime.date(2017, 9, 28),
        ["Kom godt i gang med pensionisttilværelsen"],
        "Tovholder, bibliotekar",
        "Arrangementet i uge 40 er annonceret; 15 tilmeldte indtil nu.",
        "Annoncér også i Fuglebjerg og Fensmark.",
    ),
]
INTERVIEW_GUIDE = [
    "Hvordan er afprøvningen gået?",
    "Hvad har virket godt?",
    "Hvad har været svært?",
    "Hvordan har borgerne taget imod tiltaget?",
    "Vil I fortsætte med tiltaget efter testperioden? Hvad skal der til?",
]
PHONE_INTERVIEWS = [
    (
        "Roskilde Bibliotek (med Borgerservice)",
        datetime.date(2017, 10, 24),
        ["Henvisning til IT-hjælp ved skranken"],
        [
            "Godt. Vi har henvist fem til otte om ugen, færre i de sidste to uger.",
            "Kortet med tider – konkret og let at række frem.",
            "At nå det, når der er kø.",
            "Meget positivt; flere kom igen til IT-klubben.",
            "Ja, og vi vil lave kortet på flere sprog.",
        ],
    ),
    (
        "Ringsted Bibliotek og Borgerservice",
        datetime.date(2017, 10, 25),
        ["Rejseudstilling i venteområdet"],
        [
            "Udstillingen er blevet en fast del af venteområdet.",
            "Børnefamilierne og lydbøgerne.",
            "At huske at nævne den ved betjening.",
            "De fleste kigger; nogle låner.",
            "Ja, men med skiftende temaer året rundt.",
        ],
    ),
]


# The tally at the counter (testing/services/tally.py), in the test's last week: at
# Ringsted the travel exhibition's draft for week 42 was saved on Friday at noon, and
# the counter went on counting that afternoon on two tablets (the desk and the
# information desk); one tap pressed twice by mistake was undone. The taps add to the
# draft's figures (3 talks, 3 referrals), which become 6 and 5; the draft is not sent.
TALLY_SITE = "Ringsted Bibliotek og Borgerservice"
TALLY_INITIATIVE = "Rejseudstilling i venteområdet"
TALLY_WEEK = 42
# (device, hour, minute, question key or "undo": the device's tap before)
TALLY_TAPS = [
    ("skranke", 13, 5, "antal-1"),
    ("info", 13, 20, "antal-2"),
    ("skranke", 13, 42, "antal-1"),
    ("skranke", 13, 43, "undo"),
    ("info", 14, 10, "antal-1"),
    ("skranke", 14, 55, "antal-2"),
    ("info", 15, 30, "antal-1"),
]


def _demo_id(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://synergi.demo/tally/{name}"))


def _tally(project):
    """The taps of the two tablets, counted through the service, then dated back."""
    run = TestRun.objects.filter(
        project=project,
        site__name=TALLY_SITE,
        initiative__name=TALLY_INITIATIVE,
    ).first()
    if run is None:
        return
    submission = run.submissions.get(kind=PeriodKind.WEEK, week=_week(TALLY_WEEK))
    coordinator = run.coordinators.first()
    friday = _week(TALLY_WEEK, 5)
    batches, times, last = {}, {}, {}
    for number, (device, hour, minute, key) in enumerate(TALLY_TAPS):
        tap_id = _demo_id(number)
        if key == "undo":
            undone = last[device]
            tap = {
                "id": tap_id,
                "question": undone["question"],
                "delta": -1,
                "undoes": undone["id"],
            }
        else:
            tap = {"id": tap_id, "question": key, "delta": 1}
            last[device] = tap
        batches.setdefault(device, []).append(tap)
        times[tap_id] = timezone.make_aware(
            datetime.datetime.combine(friday, datetime.time(hour, minute))
        )
    for device, taps in batches.items():
        services.tally_record_taps(
            submission=submission,
            taps=taps,
            user=coordinator,
            device=_demo_id(device),
        )
    for tap_id, moment in times.items():
        Tap.objects.filter(pk=tap_id).update(
            tapped_at=moment, received_at=moment, applied_at=moment
        )
    latest = max(times.values())
    type(submission).objects.filter(pk=submission.pk).update(last_saved_at=latest)
    SubmissionEvent.objects.filter(
        submission=submission, action=SubmissionAction.TALLIED
    ).update(at=latest)


def _week(number, weekday=1):
    return datetime.date.fromisocalendar(2017, number, weekday)


def _at(day, hour=14):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _criteria(initiative, project):
    """The initiative's criteria as the guide stores them (baselines by site id)."""
    found = []
    for spec in CRITERIA.get(initiative.name, []):
        spec = dict(spec)
        by_name = spec.pop("baselines_by_site", {})
        spec["baselines"] = {
            str(project.sites.get(name=name).pk): value
            for name, value in by_name.items()
        }
        found.append(Criterion.from_stored(spec).to_stored())
    return found


def _build_template(initiative):
    template = services.schema_template_create(
        initiative=initiative,
        name=f"Ugeskema: {initiative.name}",
        description="Udfyldes hver fredag i testperioden, og en sidste gang som slutevaluering.",
    )
    section = partial(services.schema_section_save, template=template)
    question = partial(services.schema_question_save, template=template)
    week = section(title="Ugens aktivitet", position=1)
    counts = COUNT_QUESTIONS[initiative.name]
    position = 0
    for position, (text, help_text) in enumerate(counts, start=1):
        question(
            section=week,
            key=f"antal-{position}",
            position=position,
            kind=QuestionKind.INTEGER,
            text=text,
            help_text=help_text,
            required=True,
            min_value=0,
            max_value=500,
        )
    if initiative.name == SAME_DAY_INITIATIVE:
        # "Andel der kom igen samme dag": computed from the two counts, never typed.
        position += 1
        question(
            section=week,
            key="andel-samme-dag",
            position=position,
            kind=QuestionKind.COMPUTED,
            text="Andel, der kom til IT-hjælpen samme dag (%)",
            help_text="Regnes ud af de to tal ovenfor.",
            formula={"operation": "percentage", "inputs": ["antal-2", "antal-1"]},
        )
    question(
        section=week,
        key="timer",
        position=position + 1,
        kind=QuestionKind.DECIMAL,
        text="Timer brugt på tiltaget",
        help_text="Fx 2,5",
        min_value=0,
        max_value=200,
    )
    experience = section(title="Oplevelser og observationer", position=2)
    question(
        section=experience,
        key="medarbejderoplevelse",
        position=1,
        kind=QuestionKind.SCALE,
        text="Medarbejdernes oplevelse af tiltaget",
        required=True,
        scale_low_label="Meget dårlig",
        scale_high_label="Meget god",
    )
    question(
        section=experience,
        key="borgerreaktioner",
        position=2,
        kind=QuestionKind.SINGLE_CHOICE,
        text="Hvordan reagerede borgerne?",
        choices=REACTIONS,
    )
    question(
        section=experience,
        key="observationer",
        position=3,
        kind=QuestionKind.LONG_TEXT,
        text="Observationer",
        help_text="Hvad skete der? Hvad lagde I mærke til?",
    )
    question(
        section=experience,
        key="citater",
        position=4,
        kind=QuestionKind.LONG_TEXT,
        text="Citater fra borgere",
        help_text="Skriv kun navn og alder, hvis borgeren har sagt ja til det.",
        holds_personal_data=True,
    )
    question(
        section=experience,
        key="justering",
        position=5,
        kind=QuestionKind.YES_NO,
        text="Skal tiltaget justeres?",
    )
    adjust = question(
        section=experience,
        key="hvad-justeres",
        position=6,
        kind=QuestionKind.LONG_TEXT,
        text="Hvad skal justeres?",
        help_text="Vises, når I har svaret ja ovenfor.",
    )
    _show_when(
        template,
        adjust,
        Condition(rules=(Rule(question="justering", test=RuleTest.YES),)),
    )
    question(
        section=experience,
        key="foto",
        position=7,
        kind=QuestionKind.PHOTO,
        text="Foto af tiltaget",
        help_text="Fx udstillingen eller arrangementet. Ingen genkendelige borgere.",
    )
    if initiative.name == EVENTS_INITIATIVE:
        # One entry per arrangement held in the week (repeated section).
        events = section(
            title="Arrangementer i ugen",
            position=3,
            description="Tilføj ét for hvert arrangement, I holdt i ugen.",
            repeats=True,
        )
        question(
            section=events,
            key="arrangement-dato",
            position=1,
            kind=QuestionKind.DATE,
            text="Dato",
        )
        question(
            section=events,
            key="arrangement-titel",
            position=2,
            kind=QuestionKind.SHORT_TEXT,
            text="Arrangementets titel",
            required=True,
        )
        question(
            section=events,
            key="arrangement-deltagere",
            position=3,
            kind=QuestionKind.INTEGER,
            text="Antal deltagere",
            min_value=0,
            max_value=500,
        )
    final = section(
        title="Slutevaluering",
        position=4,
        description="Jeres samlede vurdering efter den sidste testuge.",
    )
    # Asked in the final evaluation only: the weekly schemas do not show it.
    _show_when(template, final, Condition(periods=Periods.FINAL))
    question(
        section=final,
        key="anbefaling",
        position=1,
        kind=QuestionKind.SINGLE_CHOICE,
        text="Jeres anbefaling",
        choices=["Fortsæt", "Justér", "Stop"],
    )
    question(
        section=final,
        key="virkede",
        position=2,
        kind=QuestionKind.LONG_TEXT,
        text="Hvad virkede?",
    )
    question(
        section=final,
        key="virkede-ikke",
        position=3,
        kind=QuestionKind.LONG_TEXT,
        text="Hvad virkede ikke?",
    )
    return template


def _show_when(template, target, condition):
    services.schema_condition_save(
        template=template,
        target=target,
        condition=condition,
        base=services.condition_token(target),
    )


def _answers(submission, site_index, week_number):
    """A plausible filled-in week of the submission's own initiative, as the form
    would post it."""
    initiative = submission.run.initiative.name
    observations = OBSERVATIONS[initiative]
    seed = site_index * 7 + week_number
    data = {
        "version": str(submission.version),
        "q_antal-1": str(3 + seed % 6),
        "q_antal-2": str(1 + seed % 4),
        "q_timer": f"{1 + seed % 3},5",
        "q_medarbejderoplevelse": str(3 + seed % 3),
        "q_borgerreaktioner": REACTIONS[seed % 3],
        "q_observationer": observations[seed % len(observations)],
        "q_justering": "no" if seed % 2 else "yes",
    }
    if seed % 3 == 0:
        data["q_citater"] = SCHEMA_QUOTES[initiative]
    if data["q_justering"] == "yes":
        data["q_hvad-justeres"] = ADJUSTMENTS[initiative]
    if submission.kind == PeriodKind.FINAL:
        data.update(FINAL_ANSWERS[initiative])
    return data


def _add_events(submission, user, week_number, data):
    """The week's events as entries of the repeated section, with their answers."""
    held = EVENTS_HELD.get(week_number, [])
    if submission.run.initiative.name != EVENTS_INITIATIVE or not held:
        return []
    friday = submission.week + datetime.timedelta(days=3)
    entries = []
    for seen, (title, participants) in enumerate(held):
        entry = services.submission_entry_add(
            submission=submission,
            section_key="arrangementer-i-ugen",
            user=user,
            seen=seen,
        )
        data[f"q_arrangement-dato@{entry.uid.hex}"] = friday.isoformat()
        data[f"q_arrangement-titel@{entry.uid.hex}"] = title
        data[f"q_arrangement-deltagere@{entry.uid.hex}"] = str(participants)
        entries.append(entry)
    return entries


def _fill(submission, user, site_index, week_number):
    context_sections = schema_sections(version=submission_schema_version(submission))
    data = _answers(submission, site_index, week_number)
    entries = (
        _add_events(submission, user, week_number, data)
        if submission.kind == PeriodKind.WEEK
        else []
    )
    submission.refresh_from_db()
    data["version"] = str(submission.version)
    form = AnswersForm(
        data,
        sections=context_sections,
        answers={},
        version=submission.version,
        period=submission.kind,
        site_id=submission.run.site_id,
        entries=entries,
    )
    if not form.is_valid():
        raise ValueError(form.errors)
    return services.submission_save_draft(
        submission=submission,
        values=form.values(),
        user=user,
        expected_version=submission.version,
    ), form.values()


def _demo_photo(initiative_name):
    """A generated photo of the initiative at a library (testing.demo_photos)."""
    return SimpleUploadedFile(
        "foto.jpg", demo_photos.photo_jpeg(initiative_name), content_type="image/jpeg"
    )


def _play_scenario(run, scenario, site_index, coordinator, consultant, *, photo=False):
    for submission in run.submissions.order_by("week", "-kind"):
        key = (
            PeriodKind.FINAL
            if submission.kind == PeriodKind.FINAL
            else submission.week.isocalendar().week
        )
        target = scenario.get(key)
        if target is None:
            continue
        friday = submission.week + datetime.timedelta(days=4)
        submission, values = _fill(
            submission, coordinator, site_index, submission.week.isocalendar().week
        )
        if photo and key == 38:
            services.photo_add(
                submission=submission,
                question=Question.objects.get(
                    section__version=submission.schema_version, key="foto"
                ),
                upload=_demo_photo(run.initiative.name),
                user=coordinator,
            )
            submission.refresh_from_db()
        if target in (
            SubmissionStatus.SUBMITTED,
            SubmissionStatus.RETURNED,
            SubmissionStatus.APPROVED,
        ):
            submission = services.submission_submit(
                submission=submission,
                values=values,
                user=coordinator,
                expected_version=submission.version,
            )
        if target == SubmissionStatus.RETURNED:
            observations = Question.objects.get(
                section__version=submission.schema_version, key="observationer"
            )
            submission = services.submission_return(
                submission=submission,
                user=consultant,
                comment="Tak! Kan I uddybe observationerne? Og tallet for henvisninger virker lavt – er det talt hele ugen?",
                answer_comments={
                    observations: "Beskriv gerne en konkret situation fra ugen."
                },
                expected_version=submission.version,
            )
        if target == SubmissionStatus.APPROVED:
            submission = services.submission_approve(
                submission=submission,
                user=consultant,
                expected_version=submission.version,
            )
        type(submission).objects.filter(pk=submission.pk).update(
            last_saved_at=_at(friday, 12),
            submitted_at=_at(friday, 15) if submission.submitted_at else None,
            reviewed_at=_at(friday + datetime.timedelta(days=3), 10)
            if submission.reviewed_at
            else None,
        )
        for offset, event in enumerate(
            SubmissionEvent.objects.filter(submission=submission).order_by("pk")
        ):
            SubmissionEvent.objects.filter(pk=event.pk).update(
                at=_at(friday, 12 + offset)
            )


def load(*, project, stdout=None):
    if TestRun.objects.filter(project=project).exists():
        if stdout:
            stdout.write("Afprøvning: findes allerede (ikke ændret).")
        return
    consultant = (
        project.memberships.filter(role=Role.CONSULTANT)
        .select_related("user")
        .first()
        .user
    )
    site_order = list(SCENARIOS)
    for initiative in Initiative.objects.filter(project=project).prefetch_related(
        "test_sites__site", "test_sites__coordinator"
    ):
        spec = GUIDES.get(initiative.name)
        if spec is None:
            continue
        guide = TestGuide.objects.create(
            initiative=initiative,
            criteria=_criteria(initiative, project),
            **spec,
        )
        first = services.guide_publish(guide=guide, user=consultant, change_note="")
        type(first).objects.filter(pk=first.pk).update(published_at=_at(_week(34, 5)))
        if initiative.name == "Rejseudstilling i venteområdet":
            guide.activities = [
                *guide.activities[:3],
                "Skift materialerne hver anden uge, og hæng et større skilt op",
                *guide.activities[4:],
            ]
            guide.save()
            second = services.guide_publish(
                guide=guide,
                user=consultant,
                change_note="Større skilt efter rådgivningsbesøget i uge 39.",
            )
            type(second).objects.filter(pk=second.pk).update(
                published_at=_at(_week(39, 4))
            )
        template = _build_template(initiative)
        for number, test_site in enumerate(initiative.test_sites.all()):
            run = services.run_save(
                initiative=initiative,
                site=test_site.site,
                template=template,
                starts_week=_week(WEEKS[0]),
                ends_week=_week(WEEKS[1]),
                cadence=Cadence.WEEKLY_AND_FINAL,
                coordinators=[test_site.coordinator],
            )
            _play_scenario(
                run,
                SCENARIOS[test_site.site.name],
                site_order.index(test_site.site.name),
                test_site.coordinator,
                consultant,
                photo=number == 0,  # one photo per initiative, at its first site
            )
    _tally(project)
    for site_name, day, initiative_names, participants, notes, adjustments in VISITS:
        visit = AdvisoryVisit.objects.create(
            project=project,
            site=project.sites.get(name=site_name),
            visited_on=day,
            participants=participants,
            notes=notes,
            agreed_adjustments=adjustments,
        )
        visit.initiatives.set(
            Initiative.objects.filter(project=project, name__in=initiative_names)
        )
    questions = [
        InterviewQuestion.objects.create(project=project, text=text, position=i)
        for i, text in enumerate(INTERVIEW_GUIDE, start=1)
    ]
    for site_name, day, initiative_names, answers in PHONE_INTERVIEWS:
        site = project.sites.get(name=site_name)
        coordinator = (
            project.memberships.filter(role=Role.COORDINATOR, site=site).first().user
        )
        interview = PhoneInterview.objects.create(
            project=project, site=site, held_on=day, coordinator=coordinator
        )
        interview.initiatives.set(
            Initiative.objects.filter(project=project, name__in=initiative_names)
        )
        PhoneInterviewAnswer.objects.bulk_create(
            PhoneInterviewAnswer(interview=interview, question=q, text=text)
            for q, text in zip(questions, answers, strict=True)
        )
    if stdout:
        counts = {
            status: project.test_runs.filter(submissions__status=status).count()
            for status in SubmissionStatus.values
        }
        stdout.write(
            f"Afprøvning: {TestRun.objects.filter(project=project).count()} afprøvninger i uge {WEEKS[0]}–{WEEKS[1]}; "
            + ", ".join(
                f"{SubmissionStatus(s).label.lower()}: {n}" for s, n in counts.items()
            )
            + "."
        )


@demo_data.loader(order=40)
def load_into(world, *, stdout=None):
    load(project=world.project, stdout=stdout)
