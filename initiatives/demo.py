"""Demo data for the analysis, the evidence, the workshop's ideas and the initiatives,
from the 2017 workshop deck (`shared/seed`).

The interviews follow the deck's interview table (45 interviews, 5 of them long;
columns 1, 4, 16, 12, 12; passport 15, driving licence 9, NemID 2, a row of 7 and
single interviews), read so that every legible cell holds and the quotes' speakers
fit; where the OCR lost a cell or a label the reading is plausible, and which site
each interview not behind a quote was held at is invented (only where the service is
offered). Quotes are the deck's words; the workshop's history follows its agenda, so
the steering group decides at its meeting (15:00–16:30).
Which site works with which solution space is the deck's ambiguous overview slide,
kept editable. Ideas are built on the deck's examples and placed in every phase.
Loading is idempotent: rows are created when missing and never overwritten.
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model

from core import demo_data
from projects.models import Membership, Role
from sites.models import CitizenService, ServiceOffering, Site

from . import services
from .models import (
    AgeBand,
    CommunicationChannel,
    Decision,
    DecisionOutcome,
    Idea,
    IdeaPhase,
    IdeaScore,
    IdeaTransition,
    Initiative,
    InitiativeStatus,
    InitiativeTransition,
    Interview,
    InterviewLength,
    Meeting,
    Quote,
    ResponsibleRole,
    ScreeningCriterion,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
    TimelineKind,
    TimelineTracks,
    Vocabulary,
)

ROSKILDE = "Roskilde Bibliotek (med Borgerservice)"
RINGSTED = "Ringsted Bibliotek og Borgerservice"
NAESTVED = "Næstved Bibliotek og Borgerservice"
GLUMSOE = "Glumsø Bibliotek (med Borgerservice)"

VOCABULARIES = {
    Vocabulary.LIFE_SITUATION: [
        ("Barn → ung → voksen/myndig → ældre/pensionist", ""),
        ("Ugift → gift → skilsmisse", ""),
        ("Uden børn → forælder", ""),
        ("Arbejde → ledighed", ""),
        ("Hjemme → udlandsrejse", ""),
        ("Flytning", ""),
        ("Flygtning → ophold", ""),
        ("Fængslet → løsladt", ""),
    ],
    Vocabulary.COMPETENCE_PROFILE: [
        (
            "Navigationsstærke",
            "Forstår det offentlige system og er digitalt selvhjulpne. Behov: myndighedsbetjening (pas og kørekort) og faciliteter (fx print og scan).",
        ),
        (
            "Navigationssvage",
            "Er ikke selvhjulpne pga. alder (unge/ældre), sygdom/handicap, sprog/kultur eller social udsathed (familiebaggrund, fattigdom, ensomhed). Behov: hjælp til selvbetjening (systemforståelse, IT-vejledning), informationssøgning, sprogvejledning. Kernegrupper: unge (snart myndige), nye pensionister, nydanskere, socialt og fysisk udsatte.",
        ),
    ],
    Vocabulary.JOURNEY_STAGE: [
        (
            "Forberedelse",
            "Research på ærindet, besøger hjemmeside. Forsøger digital selvbetjening. Tidsbestilling (net/telefon). Printer og udfylder blanketter. Besøg hos læge, kørelærer, fotograf. Evt. digital synergi?",
        ),
        (
            "Ankomst",
            "Afkodning af rum – hvad er hhv. bibliotek og borgerservice, hvor henvender man sig? Registrering på stander. Henvendelse i kvik-/informationsskranke. Hvor, hvordan og hvornår bliver jeg informeret om tur? Hvor skal jeg vente?",
        ),
        (
            "Ventetid",
            "Flertallet er primært optagede af nummersystemet under ventetid. Afsøger, hvad man kan bruge ventetiden til. Mange tjekker smartphone; nogle læser aviser eller tidsskrifter. Få er interesserede i, hvad der ellers findes omkring venteområdet.",
        ),
        (
            "Betjening",
            "Optaget af interaktion med medarbejder. Nogle er stressede over, om de husker det hele. Kan evt. være åbne for nye input ved afslutning af samtalen.",
        ),
        (
            "Udgang",
            "Flertallet går mod udgang uden at se sig omkring. Nogle kan være åbne for information om relevante tilbud på biblioteket. Få går videre til ærinde på biblioteket.",
        ),
        (
            "Hjemme",
            "Efter besøget kunne nogle være åbne for relevante tilbud, fx på mail. For nogle kan inspiration under besøget være anledning til genbesøg på biblioteket.",
        ),
    ],
    Vocabulary.TARGET_GROUP: [
        ("Unge (snart myndige)", ""),
        ("Nye pensionister", ""),
        ("Nydanskere", ""),
        ("Socialt og fysisk udsatte", ""),
        ("Rejsende", "Alle der skal have nyt pas."),
        ("Biblioteksbesøgende", ""),
    ],
    Vocabulary.QUOTE_TAG: [
        ("Ventetid", ""),
        ("Tryghed", ""),
        ("Inspiration", ""),
        ("IT-hjælp", ""),
        ("Sprog", ""),
        (
            "Holdning til integration",
            "Besøgende i borgerservice (generel tilfredshed med nærhed og bedre åbningstider): "
            "A) dem, der bare skal have ordnet deres ærinde og ikke er interesserede i biblioteket "
            "(ingen interesse i biblioteket generelt; har travlt; bor tæt på og kommer der tit, så "
            "kan bare se på bøger en anden dag); B) dem, der bare skal have ordnet deres ærinde i "
            "borgerservice, men gerne vil inspireres af biblioteket undervejs; C) dem, der synes, "
            "det er smart at kunne bruge biblioteket, når man alligevel er i bygningen. "
            "Besøgende på biblioteket (udbredt utilfredshed): A) dem, der synes, det er "
            "forstyrrende, at borgerservice er flyttet ind på biblioteket (fokuseret på "
            "fordybelse); B) dem, der sætter pris på, at der er kommet mere liv på biblioteket "
            "(fokuseret på sociale møder). Tidsfaktor: større modstand blandt brugere, der kendte "
            "stederne før sammenlægningen, og en tendens til stigende velvilje over tid.",
        ),
        (
            "Den uinteresserede negative",
            "Holdning til integration mellem bibliotek og borgerservice.",
        ),
        (
            "Den travle positive",
            "Holdning til integration mellem bibliotek og borgerservice.",
        ),
        (
            "Den opsøgende positive",
            "Holdning til integration mellem bibliotek og borgerservice.",
        ),
    ],
}

THEMES = [
    {
        "name": "Identitet for bibliotek og borgerservice",
        "synergy": "Der ligger et synergipotentiale i at skabe en klar fælles identitet for Bibliotek og Borgerservice, så brugerne forstår rolledelingen og indstiller sig på, at de to kan imødekomme behov i fællesskab.",
        "barriers": "I dag findes nogle modsætninger og uklarheder blandt brugerne, som blokerer for synergi. Kultur: bibliotek og borgerservice opfattes af mange som adskilte institutioner, og det skaber en gensidigt ekskluderende tankegang (lyst-kultur og skal-kultur). Kompleksitet: i brugeroplevelsen er det uklart, hvor hvilke ydelser hører til, og derfor har brugerne ikke overskud til at se synergipotentialerne.",
        "spaces": [
            {
                "name": "Navngivning og branding",
                "guiding_question": "Hvordan kan vi navngive og brande stedet, så brugerne oplever klarhed om identiteter og roller?",
                "description": "Den valgte grad af integration skal gøres tydelig, så brugerne kan afkode roller og indstille deres tankegang derefter. Mange brugere besøger fx borgerservice uden at tænke på, at det kunne være relevant at bruge biblioteket i den forbindelse, fordi de to institutioner ikke forbindes til at starte med; den tankegang kan ændres ved, at brugerne gennem fx navngivning, skiltning og aktiviteter oplever de to som supplerende. Det letteste for brugerne at forholde sig til er, at de to institutioner enten holdes tydeligt adskilte eller integreres fuldt ud; alle mellemting er svære at afkode. Det er en stor udfordring at forene borgerservices rolle som myndighed med bibliotekets rolle som kulturel formidler og demokratisk mødested. De fire steder viser fire forskellige strategier for navngivning.",
                "recommendations": [
                    "Vælg et navn, der udtrykker den ønskede grad af integration",
                    "Eksponér navnet gennem tydelig skiltning både ude og inde",
                    "Lav en indretning, der konsekvent afspejler den valgte identitet",
                    "Vis medarbejdernes tilhørsforhold, fx gennem navneskilte eller T-shirts",
                    "Lav arrangementer, der afspejler den valgte identitet",
                ],
                "sites": [],
                "services": [],
            },
            {
                "name": "Borgerrejse og -tilstande",
                "guiding_question": "Hvordan kan vi designe rejsen, så den besøgende oplever klarhed og ro om sit ærinde, samtidig med at nogle af stedets ressourcer formidles?",
                "description": "Et sted, der integrerer bibliotek og borgerservice, er et komplekst rum at afkode – særligt for førstegangsbesøgende. Brugerrejsen gennem stedet skal designes, så det er så klart og overskueligt som muligt for den besøgende at gennemføre sit ærinde; det frigiver overskud til at forholde sig til stedets øvrige tilbud. I Næstved skaber det fx forvirring, at det ikke er tydeligt, om Kvikskranken hører til bibliotek eller borgerservice eller begge dele. Samtidig skal indretningen facilitere, at de to steder får glæde af hinandens styrker uden at forstyrre hinandens kerneopgaver og brugergrupper: borgerservice kan drage nytte af den hygge og ro, der er forbundet med biblioteket, men skal undgå at forstyrre bibliotekets evne til at skabe rum for fordybelse. De fire steder viser fire forskellige designs, fx tydelig skiltning og isoleret venteområde (Roskilde) og en utydelig skranke midt i biblioteket (Næstved).",
                "recommendations": [
                    "Skab en klar brugerrejse og et opmærksomhedshierarki for førstegangsbesøgende: Hvad er bibliotek, og hvad er borgerservice? Hvor skal jeg henvende mig for at blive betjent i borgerservice? Hvordan fungerer nummersystemet? Hvilken skranke skal jeg betjenes i? Hvor hører personalet til? Hvor skal jeg vente? Hvor lang tid skal jeg vente? Hvordan ved jeg, hvornår det er min tur? Hvad kan jeg lave, mens jeg venter?",
                    "Lav en tydelig, men flydende overgang mellem bibliotekets og borgerservices områder",
                ],
                "sites": [],
                "services": [],
            },
        ],
    },
    {
        "name": "Henvis besøgende til eksisterende tilbud",
        "synergy": "Der ligger et synergipotentiale i at udnytte den geografiske nærhed mellem bibliotek og borgerservice til at henvise besøgende til tilbud, der relaterer til enten ærindet eller borgerens øvrige situation. Det gælder primært om at henvise besøgende i borgerservice til bibliotekets tilbud. Kernen i potentialet er ikke at “pådutte” den besøgende noget irrelevant, men at hjælpe personen med at få glæde af stedets samlede ressourcer på en måde, der opleves som merværdi.",
        "barriers": "De fleste besøgende i borgerservice ønsker blot at ordne deres ærinde så hurtigt som muligt og enten overvejer ikke eller er ikke interesserede i at forholde sig til stedets øvrige tilbud. Roskilde Bibliotek og Borgerservice spurgte besøgende i borgerservice: “Kunne du tænke dig inspiration fra en biblioteksmedarbejder?” 26 % svarede ja, mens 74 % svarede nej.",
        "spaces": [
            {
                "name": "Visuelle henvisninger til bibliotek i venteområder",
                "guiding_question": "Hvordan kan vi bruge venteområder til at vise udvalgte tilbud til besøgende i borgerservice?",
                "description": "Synergipotentialet ligger først og fremmest i at bruge ventetiden i venteområdet og ved fælles informationsskranker til at gøre besøgende i borgerservice opmærksomme på de ting, de kan bruge biblioteket til. Ventetiden er ofte kort, og folk er fokuserede på nummertavlen, så det skal primært være appetitvækkere, der hurtigt og let kan afkodes: udstillinger eller info på skærme samt andre kanaler som tekst på nummerbon eller smartphones. Det kan også være lette direkte produktudvalg (som på apoteket), som fx tidsskrifter, aviser og nye bøger. Den ønskede brugeroplevelse er, at den besøgende bliver inspireret under ventetiden og får lyst til at se nærmere på materialet efter betjeningen. Eksempler fra stederne: “Har du læst” – udstilling med anbefalinger og inspiration til litteratur (Næstved Bibliotek) og rejseudstillingen “Huske at bestille pas til ferien” på Glumsø Bibliotek.",
                "recommendations": [
                    "Skab rolig ventetid med klarhed over rækkefølge og forventet ventetid, så der er overskud til nye indtryk",
                    "Bogudstillinger (fx rejse, bryllup, litteratur på andre sprog, “Bibliotekaren anbefaler”)",
                    "Infoskærm og plakater placeret tæt på nummerskærmen (arrangementer, IT-hjælp, service til bibliotekets digitale ressourcer, lektiecafé, integration og sprog, advokathjælp etc.)",
                    "Indretning, der stimulerer integration (børneområde tæt på, synlige udstillinger)",
                ],
                "sites": [RINGSTED],
                "services": ["Pas"],
            },
            {
                "name": "Mundtlig henvisning i forbindelse med betjening",
                "guiding_question": "Hvordan kan vi støtte medarbejdere i borgerservice og bibliotek i at henvise besøgende til relevante tilbud?",
                "description": "Der er et potentiale for, at medarbejdere i både borgerservice og bibliotek kan blive bedre til at henvise besøgende til relevante tilbud på stedet. Mange brugere har ikke indsigten eller overblikket over de potentielt relevante tilbud på stedet. Henvisningen kan ske i forbindelse med eller i forlængelse af en betjening, hvor medarbejdere har lagt mærke til et behov hos den besøgende, som andre medarbejdere eller tilbud på stedet kan imødekomme. Behovet kan være relateret til den konkrete kontaktanledning, livssituationen den udspringer af, borgertypen eller noget helt fjerde. En succesfuld henvisning kræver, at medarbejderen er i stand til at koble brugerens erkendte eller ikke-erkendte behov med et relevant udvalg af stedets samlede tilbud (samt evt. eksterne tilbud).",
                "recommendations": [
                    "Lav medarbejderguides og oversigter, der hjælper med at koble brugerbehov med relevante tilbud",
                    "Eksempler på koblinger: udfordringer med selvbetjening ↔ IT-klub; sprogvanskeligheder ↔ sprogcafé (Drop In); juridiske problemer ↔ advokathjælp; rejse ↔ fysiske og digitale rejseressourcer; informationsbehov ↔ informationssøgning; print, scan og lånecomputer",
                    "Aktiviteter mellem medarbejdergrupper, der giver kendskab til andres kompetencer",
                ],
                "sites": [ROSKILDE],
                "services": ["Hjælp til selvbetjening"],
            },
        ],
    },
    {
        "name": "Projekter for udvalgte borgergrupper",
        "synergy": "Bibliotek og borgerservice kan udnytte de delte rammer og samlede kompetencer til at lave stærke indsatser rettet mod udvalgte borgergrupper. Relevante grupper kan fx være i overgangsfaser eller have særlige behov, som både bibliotek og borgerservice kan bidrage til at imødekomme.",
        "barriers": "",
        "spaces": [
            {
                "name": "Arrangementer i egne rammer eller hos eksterne parter",
                "guiding_question": "Hvordan kan borgerservice og bibliotek blive bedre til i fællesskab at lave arrangementer for udvalgte borgergrupper?",
                "description": "Arrangementer kan foregå i borgerservice og bibliotekets egne fysiske rammer og kan dermed fx udnytte, at bibliotekets tilbud kan fremvises direkte. Arrangementer kan også foregå på andre institutioner, der er relevante for borgergruppen (fx unge på gymnasiet), for på den måde at nå potentielle brugere, der sjældent kommer på bibliotek og borgerservice. Arrangementer kan laves enkeltstående eller som en del af større kampagner og kan laves i samarbejde med eksterne parter. Inspiration: afsnittet om borgergrupper.",
                "recommendations": [
                    "“Kom godt i gang med pensionisttilværelsen”",
                    "“Myndig og skal snart flytte hjemmefra”",
                    "“Offentlige tilbud til svagtseende”",
                    "“Hjælp til nye i Danmark, der endnu ikke kan sproget”",
                    "“Hjælp til rejser uden for Europa”",
                    "“Netop løsladt efter fængselsophold”",
                    "“Hjælp til bryllupsforberedelserne”",
                    "Kan socialt udsatte være en fælles målgruppe for bibliotek og borgerservice?",
                ],
                # The overview slide gives this space no service, only the section
                # on citizen groups as inspiration.
                "sites": [NAESTVED, GLUMSOE],
                "services": [],
            },
        ],
    },
]

W = CommunicationChannel
CARDS = [
    (
        "Pas",
        [W.WAITING_AREA, W.ORAL, W.BROCHURE, W.SCREEN],
        {
            "the_service": "Den mest brugte enkeltydelse i borgerservice. Kræver fysisk fremmøde. Fornyelse hvert 10. år.",
            "the_citizen": "Alle (der rejser). Kontaktanledningen er udlandsrejse. Flertallet har sjældent kontakt med borgerservice.",
            "library_synergy": "At gøre opmærksom på bibliotekets relevante tilbud til rejsende. Fysisk: rejseguides, skønlitteratur, lydbøger til bilen. Digitalt: e-bøger, Filmstriben, guide til rejseapps. Fokus på populære rejsedestinationer.",
            "communication": "Fysisk udstilling i venteområdet, mundtlig henvisning i forbindelse med betjening, brochure om bibliotekets rejseressourcer, info på skærm i venteområdet.",
            "challenge": "Tilbud må ikke genere dem, der ikke ønsker dem. Nogle bestiller nyt pas så lang tid før ferien, at det endnu ikke er relevant at låne rejselitteratur.",
        },
    ),
    (
        "Kørekort",
        [W.WAITING_AREA, W.ORAL],
        {
            "the_service": "Den næstmest brugte ydelse i borgerservice. Kræver fysisk fremmøde. Krav: i nogle tilfælde lægeattest og ny køreprøve.",
            "the_citizen": "Primært ældre, der skal have fornyet kortet med skiftende intervaller fra 70, 75 og 80 år; udlændinge, der skal have kørekort oversat; alle, der har mistet deres kort.",
            "library_synergy": "Ingen deltagere i undersøgelsen har efterspurgt biblioteksressourcer i forbindelse med ydelsen. Potentielt relevante biblioteksressourcer kunne være: teorimateriale til besøgende, der skal have ny køreprøve; sproglig hjælp eller litteratur til besøgende, der skal have kørekort oversat; tilbud til pensionister.",
            "communication": "Visuelle henvisninger i venteområde, mundtlig henvisning under betjening. Kan relevante ressourcer præsenteres hos læge eller ved kørelærer?",
            "challenge": "Mange besøgende skal bare have ordnet deres ærinde så hurtigt som muligt og vil opleve andre tilbud som forstyrrende.",
        },
    ),
    (
        "Indrejse fra udlandet",
        [W.WAITING_AREA, W.ORAL],
        {
            "the_service": "Kræver fysisk fremmøde. Bopælsregistrering (kræver opholdstilladelse). Anmeldelse på selvbetjening (borger.dk) forinden gør sagsbehandlingen hurtigere.",
            "the_citizen": "Danskere, der flytter hjem fra udlandet (kan sproget), og udlændinge, der flytter til Danmark, mange for at arbejde (kan ikke sproget). Mange har behov for sproglig vejledning.",
            "library_synergy": "At gøre opmærksom på bibliotekets relevante tilbud til udlændinge, der ikke snakker dansk: litteratur på andre sprog end dansk, sprogkurser (fx Mango Languages), frivillig sprogcafé, offentlige vejledningstilbud (fx Drop In i Roskilde), vejledning fra medarbejdere på andre sprog end dansk.",
            "communication": "Visuelle henvisninger i venteområde, mundtlig henvisning under betjening.",
            "challenge": "Udlændinge regner ikke med at finde noget relevant for dem på et dansk bibliotek.",
        },
    ),
    (
        "Helbredstillæg",
        [W.WAITING_AREA, W.ORAL],
        {
            "the_service": "Ansøgning om helbredstillægskort og aflevering af regninger til borgerservice. Kan gøres digitalt og gennem postvæsenet.",
            "the_citizen": "Alle er pensionister. Borgere, der finder det mere belejligt at aflevere regninger selv frem for at sende dem med post, og borgere, der har udfordringer med digital selvbetjening og/eller systemforståelse. Mange er jævnlige brugere af borgerservice.",
            "library_synergy": "At gøre opmærksom på bibliotekets relevante tilbud til pensionister og borgere, der ikke er digitalt selvhjulpne: materialer og arrangementer med relevans for pensionister; IT-vejledning og -kurser.",
            "communication": "Visuelle henvisninger i venteområde, mundtlig henvisning under betjening.",
            "challenge": "Borgerne i gruppen er ofte svage og har ikke overskud til at forholde sig til andet end det konkrete ærinde under besøget.",
        },
    ),
    (
        "Flytning",
        [W.WAITING_AREA, W.ORAL, W.EVENTS, W.LETTER],
        {
            "the_service": "Registrering i folkeregistret – borgerservice er myndighed. Alt kan ordnes via selvbetjening (borger.dk).",
            "the_citizen": "Borgere med digitale udfordringer eller manglende systemforståelse. Ofte unge, der skal flytte hjemmefra og mangler kendskab til det offentlige system.",
            "library_synergy": "At gøre opmærksom på bibliotekets relevante tilbud til borgere, der skal flytte: litteratur om flytning og selvforsørgelse til unge; ressourcer om lokale forhold og tilbud i tilflytterområdet; IT-vejledning til borgere med digitale udfordringer.",
            "communication": "Visuelle henvisninger i venteområde, mundtlig henvisning under betjening, temaarrangement for unge, der flytter hjemmefra eller bliver 18 (myndighed, flytning, selvforsørgelse), informationsmail/brev til alle, der bliver 18 år, om borgerservice og bibliotekets relevante tilbud.",
            "challenge": "",
        },
    ),
    (
        "Vielse",
        [W.WAITING_AREA, W.ORAL, W.EVENTS],
        {
            "the_service": "Aflevering af ægteskabsblanket, hjælp til at bestille den eller hjælp til at forstå proceduren. Kan ordnes gennem selvbetjening (borger.dk). Meget lille andel af det samlede besøgstal i borgerservice (178 ud af 21.061 i Ringsted 2016).",
            "the_citizen": "Borgere, der skal giftes; borgere med digitale udfordringer.",
            "library_synergy": "At gøre opmærksom på bibliotekets relevante tilbud til borgere, der skal giftes: bryllupslitteratur (traditioner, beklædning, mad, festlitteratur etc.), parforholdslitteratur, juravejledning. IT-vejledning til borgere med digitale udfordringer.",
            "communication": "Visuelle henvisninger i venteområde, mundtlig henvisning under betjening, temaarrangementer.",
            "challenge": "For lille brugergruppe til at retfærdiggøre tiltagets ressourceforbrug.",
        },
    ),
    (
        "Hjælp til selvbetjening",
        [W.WAITING_AREA, W.ORAL, W.BROCHURE],
        {
            "the_service": "Hjælp og medbetjening til offentlige og private tjenester, der kan selvbetjenes digitalt (NemID, Sundhedskort, Skat, Udbetaling Danmark). Inkluderer: tjenester, hvor borgerservice er myndighed for kommunen (fx NemID, folkeregister); tjenester, hvor borgerservice er myndighed for Skat eller Udbetaling Danmark; hjælp til anden digital interaktion med det offentlige (fx borger.dk, e-Boks, sundhed.dk, virk.dk, jobnet.dk); hjælp til digital interaktion med private (fx netbank, pensionsselskab, Feriekonto); støtte til anden informationssøgning; udlån og brug af computer, printer, scanner.",
            "the_citizen": "Alle, der har udfordringer med brug af computer og/eller mangler forståelse for offentlige regler og systemer. Primære grupper: ældre, der ikke er blevet fortrolige med brug af computer; ældre, der af fysiske eller kognitive årsager ikke længere kan bruge digitale tjenester; unge, der ikke har lært offentlige systemer og regler at kende endnu (gode IT-kompetencer); borgere med fysiske eller kognitive funktionsnedsættelser; borgere, der ikke kan dansk.",
            "library_synergy": "Bibliotek og borgerservice kan i fællesskab identificere og hjælpe borgere, der har udfordringer med digital selvbetjening. Hjælpen kan bestå i: betjening ved skranke; vejledning og medbetjening ved brugercomputer; book en medarbejder; frivillig IT-klub (eller anden brug af frivillige); fast IT-ordning (fx Netværksstedet i Roskilde); arrangementer for specifikke målgrupper; samarbejder med kommunens andre områder (fx udskoling, integrationsindsats) og foreninger (fx Ældresagen, Folkeoplysningsforbundet, LOF); bedre faciliteter og indretning af computere til medbetjening.",
            "communication": "Visuelle henvisninger til muligheder for IT-hjælp i venteområde; mundtlig henvisning til rette hjælp under betjening, fx understøttet af guides og oversigter for medarbejdere; brochure om muligheder for IT-hjælp; opsøgende/udgående arbejde; invitation til tilbud efter betjening.",
            "challenge": "Organisering af opgaver mellem medarbejdere i hhv. bibliotek og borgerservice. Håndtering af personfølsomme oplysninger (fx i forbindelse med brug af NemID og indberetning til Skat).",
        },
    ),
    (
        None,
        [W.WAITING_AREA, W.ORAL],
        {
            "title": "Biblioteksbesøgende",
            "the_service": "",
            "the_citizen": "De fleste biblioteksbrugere kan ikke se, hvad de skal bruge borgerservice på biblioteket til. Nogle er glade for det liv, det giver, mens andre synes, det forstyrrer roen og behovet for fordybelse på biblioteket.",
            "library_synergy": "Brug den geografiske nærhed til at gøre biblioteksbesøgende mere fortrolige og trygge ved borgerservice: placér og indret borgerservice, så biblioteksbesøgende lærer det at kende; lav en infotavle, så besøgende får overblik over ydelser i borgerservice. Gør biblioteksbesøgende opmærksomme på aktuelle muligheder i borgerservice: henvis til hjælp til selvbetjening efter behov; gør opmærksom på arrangementer (fx for pensionister, studerende).",
            "communication": "Visuelle henvisninger på relevante steder; mundtlig henvisning under betjening (kræver, at biblioteksmedarbejdere er fortrolige med ydelseskataloget i borgerservice).",
            "challenge": "",
        },
    ),
]

# speaker, text, service, site, age band, tags, consent, reviewed
QUOTES = [
    (
        "Lone, 61 år, nyt pas",
        "Jeg har taget chancenummer for at få lavet nyt pas og skal vente i en time. Så kan jeg bruge ventetiden til at aflevere bøger på biblioteket.",
        "Pas",
        NAESTVED,
        AgeBand.FROM_50,
        ["Ventetid"],
        True,
        True,
    ),
    (
        "Grethe, 73 år",
        "Jeg har søgt om støtte til TV og varmehjælp. Det er genialt, at borgerservice nu ligger på biblioteket, som jeg kender. Det er trygt for mig, og jeg kan spørge biblioteksmedarbejderne om hjælp.",
        "Varmetilskud",
        ROSKILDE,
        AgeBand.FROM_70,
        ["Tryghed"],
        True,
        True,
    ),
    (
        "Karina, 44 år, nyt pas",
        "Jeg synes, det er underligt, at borgerservice ligger på biblioteket. Det burde ligge på kommunen. Jeg kunne ikke finde på at tage ind og låne noget. Jeg synes faktisk, bøger er kedelige.",
        "Pas",
        RINGSTED,
        AgeBand.FROM_30,
        ["Holdning til integration", "Den uinteresserede negative"],
        False,
        True,
    ),
    (
        "Mads, 41 år, nyt kørekort",
        "Jeg skulle bare hurtigt ind og hurtigt ud og havde lige hovedet et andet sted. Men jeg bruger biblioteket og kiggede da også lige på plakaten, om der var nogle arrangementer, der fængede.",
        "Kørekort",
        ROSKILDE,
        AgeBand.FROM_30,
        ["Holdning til integration", "Den travle positive", "Inspiration"],
        True,
        True,
    ),
    (
        "Sonja, 73 år, Skat",
        "Jeg synes, det er fint og dejligt nemt, at de ligger sammen. Jeg bruger biblioteket rigtig meget og får hjælp, fordi jeg har dårligt syn. Det er dejligt nemt, at man kan bruge borgerservice her, og der er altid folk, man kan spørge om hjælp.",
        "Skat",
        RINGSTED,
        AgeBand.FROM_70,
        ["Tryghed", "Holdning til integration", "Den opsøgende positive"],
        True,
        True,
    ),
    (
        "Trine, 39 år, pas",
        "Min datter skal have pas til vores sommertur til Berlin. Vi har boet der, så vi har ikke brug for rejselitteratur. Måske hvis vi skulle til et mere eksotisk sted. Men lydbøger til køreturen kunne måske være en god idé.",
        "Pas",
        ROSKILDE,
        AgeBand.FROM_30,
        ["Inspiration"],
        True,
        True,
    ),
    (
        "John, 75 år",
        "Jeg købte en teoribog og bestod heldigvis køreprøven. Nu kommer jeg her i borgerservice og får kortet fornyet med nogle måneders mellemrum. Det er pigerne derovre i skranken, der bestemmer, hvor lang tid jeg må få.",
        "Kørekort",
        NAESTVED,
        AgeBand.FROM_70,
        [],
        True,
        True,
    ),
    (
        "Furdulea, 42 år, fra Rumænien",
        "I have no use for the library. I don't like to read too much. And everything is in Danish.",
        "Indrejse fra udlandet",
        NAESTVED,
        AgeBand.FROM_30,
        ["Sprog"],
        False,
        True,
    ),
    (
        "Bente, 85 år",
        "Jeg søger om hjælp til en tandlægeregning, så der er ikke noget at råbe hurra for. Jeg har regningen med og skulle have hjælp til, hvordan det fungerer.",
        "Helbredstillæg",
        ROSKILDE,
        AgeBand.FROM_70,
        [],
        True,
        True,
    ),
    (
        "Konstantinos og Liv, 19 og 18 år, skal flytte sammen",
        "Det ville være rart at vide, at man kan gøre det over nettet. Det er næsten vores skyld, at vi ikke kiggede på nettet først.",
        "Flytning",
        RINGSTED,
        AgeBand.FROM_18,
        ["IT-hjælp"],
        True,
        True,
    ),
    (
        "Mandy, 33 år",
        "Vi blev gift for 11 år siden, men har først råd til at holde festen nu. Jeg har lånt Bryllupsbogen og andre bøger om fx pynt, kager, festen, traditioner, kjolen.",
        "Vielse",
        RINGSTED,
        AgeBand.FROM_30,
        ["Inspiration"],
        True,
        True,
    ),
    (
        "Søs, 69 år",
        "Jeg skulle have en fuldmagt for at hjælpe svigermor med at flytte, og det kunne jeg så ikke lige finde ud af. Nu har borgerservice givet os formularen. Jeg kunne også finde på at bruge biblioteket til at hjælpe med IT.",
        "Hjælp til selvbetjening",
        RINGSTED,
        AgeBand.FROM_50,
        ["IT-hjælp"],
        True,
        True,
    ),
    (
        "Preben og Sonja, 72 og 73 år",
        "Vi kom her i dag for at få hjælp til Skat. Vi har ofte fået hjælp til computer her. Det er bedre, når man kommer ind et sted med massere af mennesker at spørge om alt muligt.",
        "Skat",
        RINGSTED,
        AgeBand.FROM_70,
        ["IT-hjælp", "Tryghed"],
        True,
        True,
    ),
    (
        "Carsten, 63 år, boligstøtte",
        "Det er helt utroligt, hvad man selv skal klare på nettet efterhånden. Så er det fantastisk at komme sådan et sted, hvor der står sådan nogle søde piger.",
        "Boligstøtte",
        ROSKILDE,
        AgeBand.FROM_50,
        ["IT-hjælp"],
        False,
        False,
    ),
    (
        "Nermin, 24 år",
        "[…] borgerservice og biblioteket godt kunne gå sammen om at lave nogle åbne aftener for studerende, hvor de kunne komme og få hjælp med fx e-boks eller selvbetjening. Biblioteket har jo allerede computerne, man skal bruge til det.",
        "Hjælp til selvbetjening",
        ROSKILDE,
        AgeBand.FROM_18,
        ["IT-hjælp", "Inspiration"],
        True,
        True,
    ),
    (
        "Sofia, 32 år, NemID",
        "Borgerservice er sådan en praktisk ting, man bare skal have ordnet; biblioteket forbinder jeg med sindsro. Så man er helt forskellige steder i hovedet.",
        "Oprettelse af NemID",
        ROSKILDE,
        AgeBand.FROM_30,
        ["Holdning til integration"],
        True,
        True,
    ),
    (
        "Gert, 42 år, pas",
        "Jeg kommer sjældent på biblioteket. En udstillingsø i venteområdet med gode bøger kunne godt inspirere mig til at bruge biblioteket – små grupper er mere overskuelige, og jeg stoler på, at bibliotekarernes anbefalinger er relevante. Men at løbe ned efter alle de der rækker, kan jeg ikke overskue, og jeg er også bange for at misse min tid.",
        "Pas",
        NAESTVED,
        AgeBand.FROM_30,
        ["Ventetid", "Inspiration"],
        True,
        True,
    ),
    (
        "Kaj og Gerda, 83 og 77 år, lægeskift",
        "[…] noget IT-undervisning, hvis de tilbyder det her. Men hellere i efteråret, hvor der er mindre udeliv.",
        "Lægeskift",
        ROSKILDE,
        AgeBand.FROM_70,
        ["IT-hjælp"],
        True,
        False,
    ),
    (
        "Harly, 71 år, vejledning om pension",
        "Jeg kunne godt finde på at komme til et arrangement med spændende informationer til pensionister. Ikke helt i Næstved, men gerne her på Glumsø Bibliotek.",
        "Vejledning om pension",
        GLUMSOE,
        AgeBand.FROM_70,
        ["Inspiration"],
        True,
        True,
    ),
    (
        "Konstantinos og Liv, 19 og 18 år, skal flytte sammen",
        "De kunne fx lave et kursus for dem, der er 18, eller dem, der skal flytte ud – en how to guide, hvordan man bliver voksen. Med informationer, en guide, et hæfte, en lille huskeliste.",
        "Flytning",
        RINGSTED,
        AgeBand.FROM_18,
        ["Inspiration"],
        True,
        True,
    ),
]

# The demo's earlier wording of quotes it now gives word for word (new text: old
# texts): a database loaded before keeps its quote (never overwritten) and gets no
# second one.
FORMER_QUOTE_TEXTS = {
    "Vi blev gift for 11 år siden, men har først råd til at holde festen nu. Jeg har lånt Bryllupsbogen og andre bøger om fx pynt, kager, festen, traditioner, kjolen.": [
        "Vi blev gift for 11 år siden, men har først råd til at holde festen nu. Jeg har lånt Bryllupsbogen og andre bøger om fx pynt, kager, festen, traditioner og kjolen."
    ],
    "Vi kom her i dag for at få hjælp til Skat. Vi har ofte fået hjælp til computer her. Det er bedre, når man kommer ind et sted med massere af mennesker at spørge om alt muligt.": [
        "Vi kom her i dag for at få hjælp til Skat. Vi har ofte fået hjælp til computer her. Det er bedre, når man kommer ind et sted med masser af mennesker at spørge om alt muligt."
    ],
    "Det er helt utroligt, hvad man selv skal klare på nettet efterhånden. Så er det fantastisk at komme sådan et sted, hvor der står sådan nogle søde piger.": [
        "Det er helt utroligt, hvad man selv skal klare på nettet efterhånden. Så er det fantastisk at komme et sted, hvor der står nogen, der kan hjælpe."
    ],
    "[…] borgerservice og biblioteket godt kunne gå sammen om at lave nogle åbne aftener for studerende, hvor de kunne komme og få hjælp med fx e-boks eller selvbetjening. Biblioteket har jo allerede computerne, man skal bruge til det.": [
        "Borgerservice og biblioteket kunne godt gå sammen om at lave nogle åbne aftener for studerende, hvor de kunne komme og få hjælp med fx e-Boks eller selvbetjening. Biblioteket har jo allerede computerne, man skal bruge til det."
    ],
    "Jeg kommer sjældent på biblioteket. En udstillingsø i venteområdet med gode bøger kunne godt inspirere mig til at bruge biblioteket – små grupper er mere overskuelige, og jeg stoler på, at bibliotekarernes anbefalinger er relevante. Men at løbe ned efter alle de der rækker, kan jeg ikke overskue, og jeg er også bange for at misse min tid.": [
        "Jeg kommer sjældent på biblioteket. En udstillingsø i venteområdet med gode bøger kunne godt inspirere mig – små grupper er mere overskuelige, og jeg stoler på, at bibliotekarernes anbefalinger er relevante. Men at løbe ned efter alle de rækker kan jeg ikke overskue, og jeg er også bange for at misse min tid."
    ],
    "[…] noget IT-undervisning, hvis de tilbyder det her. Men hellere i efteråret, hvor der er mindre udeliv.": [
        "Vi kunne godt bruge noget IT-undervisning, hvis de tilbyder det her. Men hellere i efteråret, hvor der er mindre udeliv."
    ],
    "De kunne fx lave et kursus for dem, der er 18, eller dem, der skal flytte ud – en how to guide, hvordan man bliver voksen. Med informationer, en guide, et hæfte, en lille huskeliste.": [
        "De kunne fx lave et kursus for dem, der er 18, eller dem, der skal flytte ud – en how-to-guide til, hvordan man bliver voksen. Med informationer, en guide, et hæfte, en lille huskeliste."
    ],
}

# Sonja (73, Skat, Ringsted) and “Preben og Sonja, 72 og 73 år” (Ringsted, help with
# Skat) are one interview: same age, site and errand, and the table's 70+ column has
# room for only one.
SAME_INTERVIEW = {"Preben og Sonja, 72 og 73 år": "Sonja, 73 år, Skat"}

# The deck's interview table: interviews per service and age band (0–17, 18–29,
# 30–49, 50–69, 70+). Legible in the deck: the passport row 1, 1, 9, 2 (one cell
# lost; 15 in all), driving licence 1, 1, 2, 5 (9), NemID 1 and 1 (2), a row of
# 1, 2 and 4 (7; here help with self-service), single interviews (one of them
# “Vejledning om pension”) and the column totals 1, 4, 16, 12, 12 (45). Which cell
# each figure sits in, and the labels of most single rows, are a plausible reading;
# together they fit the quotes' speakers, ages and errands.
INTERVIEW_COUNTS = {
    "Pas": (1, 1, 9, 2, 2),
    "Kørekort": (0, 1, 1, 2, 5),
    "Hjælp til selvbetjening": (0, 1, 2, 4, 0),
    "Oprettelse af NemID": (0, 0, 1, 1, 0),
    "Flytning": (0, 1, 0, 0, 0),
    "Vielse": (0, 0, 1, 0, 0),
    "Indrejse fra udlandet": (0, 0, 1, 0, 0),
    "Sundhedskort": (0, 0, 1, 0, 0),
    "Boligstøtte": (0, 0, 0, 1, 0),
    "Adresseforespørgsel": (0, 0, 0, 1, 0),
    "Udstedelse af pensionistbevis": (0, 0, 0, 1, 0),
    "Skat": (0, 0, 0, 0, 1),
    "Helbredstillæg": (0, 0, 0, 0, 1),
    "Lægeskift": (0, 0, 0, 0, 1),
    "Vejledning om pension": (0, 0, 0, 0, 1),
    "Varmetilskud": (0, 0, 0, 0, 1),
}
# The field visits: Roskilde, Næstved and Ringsted two people for six hours each,
# Glumsø one person for four, so the interviews not behind a quote are spread 3:3:3:1,
# each at a place that offers the service.
INTERVIEW_SITE_CYCLE = [ROSKILDE, NAESTVED, RINGSTED] * 3 + [GLUMSOE]
FIELD_VISITS = {
    ROSKILDE: datetime.date(2017, 5, 16),
    NAESTVED: datetime.date(2017, 5, 18),
    RINGSTED: datetime.date(2017, 5, 23),
    GLUMSOE: datetime.date(2017, 5, 30),
}
LONG_INTERVIEW_SPEAKERS = {
    "Grethe, 73 år",
    "Søs, 69 år",
    "Harly, 71 år, vejledning om pension",
    "Gert, 42 år, pas",
    "Nermin, 24 år",
}

CRITERIA = [
    ("Værdi for borgerne", "Gør tiltaget en forskel for borgerne?"),
    ("Synergi", "Bliver bibliotek og borgerservice bedre sammen?"),
    ("Gennemførlighed", "Kan det afprøves på 4–6 uger med de ressourcer, stedet har?"),
    ("Omkostninger", "5 = billigt, 1 = dyrt."),
]

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
# The deck does not date the workshop; its plan starts in week 34, so the demo holds
# it on Wednesday of week 33. The steering group meets the same afternoon.
WORKSHOP_DAY = datetime.date(2017, 8, 16)
STEERING_MEETING = WORKSHOP_DAY
# The workshop day's agenda (the deck's first slide).
AGENDA = [
    ("09:00", "10:35", "Introduktion og præsentation af analyse"),
    ("10:35", "10:45", "Pause"),
    (
        "10:45",
        "14:20",
        "Idéudvikling: instruktion, idéudvikling, frokost 11:45–12:20, udvælgelse, "
        "pause 13:40–13:50, præsentation",
    ),
    ("14:20", "14:30", "Afslutning og næste skridt"),
    ("15:00", "16:30", "Styregruppemøde"),
]
# When an idea reached each phase on the workshop day: ideas are developed and
# screened before lunch, selected 12:20–13:40, presented 13:50–14:20, and decided at
# the steering group's meeting 15:00–16:30 (each idea two minutes after the one before).
PHASE_TIMES = {
    IdeaPhase.PROPOSED: "11:00",
    IdeaPhase.SCREENED: "11:20",
    IdeaPhase.SHORTLISTED: "13:00",
    IdeaPhase.PRESENTED: "13:55",
    IdeaPhase.DECIDED: "15:20",
}

# title, description, space, services, target groups, site, group, proposer, phase,
# outcome, rationale, scores (one tuple of four per scorer), evidence speakers
IDEAS = [
    {
        "title": "Rejseudstilling i venteområdet",
        "description": "En lille, skiftende udstilling af rejseguides, lydbøger til bilen og e-bogstips placeret lige ved nummerskærmen i borgerservice, med en skiltning der siger “Skal du ud at rejse?”.",
        "space": "Visuelle henvisninger til bibliotek i venteområder",
        "services": ["Pas"],
        "groups": ["Rejsende"],
        "site": RINGSTED,
        "proposer": "tovholder-ringsted",
        "phase": IdeaPhase.DECIDED,
        "outcome": DecisionOutcome.SELECTED,
        "rationale": "Billigt, kan afprøves med det samme og bygger direkte på borgernes ønske om små, overskuelige udstillinger.",
        "scores": [(4, 4, 5, 5), (3, 4, 5, 4), (4, 3, 4, 5)],
        "evidence": ["Gert, 42 år, pas", "Trine, 39 år, pas", "Lone, 61 år, nyt pas"],
        "initiative": {"sites": [RINGSTED], "status": InitiativeStatus.IN_TEST},
    },
    {
        "title": "Henvisning til IT-hjælp ved skranken",
        "description": "Medarbejderne i borgerservice spørger borgere, der har svært ved selvbetjening, om de vil have et kort med bibliotekets IT-hjælp og tider for IT-klubben – og biblioteket tager imod dem samme dag, hvis der er tid.",
        "space": "Mundtlig henvisning i forbindelse med betjening",
        "services": ["Hjælp til selvbetjening", "Oprettelse af NemID"],
        "groups": ["Nye pensionister", "Socialt og fysisk udsatte"],
        "site": ROSKILDE,
        "proposer": "tovholder-roskilde",
        "phase": IdeaPhase.DECIDED,
        "outcome": DecisionOutcome.SELECTED,
        "rationale": "Stort behov i interviewene; kræver en kort medarbejderguide, som kan bruges bredt bagefter.",
        "scores": [(5, 5, 4, 4), (5, 4, 3, 4), (4, 5, 4, 3)],
        "evidence": [
            "Søs, 69 år",
            "Preben og Sonja, 72 og 73 år",
            "Nermin, 24 år",
            "Kaj og Gerda, 83 og 77 år, lægeskift",
        ],
        "initiative": {"sites": [ROSKILDE], "status": InitiativeStatus.IN_TEST},
    },
    {
        "title": "Kom godt i gang med pensionisttilværelsen",
        "description": "Et fælles arrangement for nye pensionister på Glumsø og Næstved Bibliotek: borgerservice fortæller om pension, helbredstillæg og digital post; biblioteket viser IT-hjælp, lydbøger og foreninger.",
        "space": "Arrangementer i egne rammer eller hos eksterne parter",
        "services": ["Pension", "Helbredstillæg"],
        "groups": ["Nye pensionister"],
        "site": NAESTVED,
        "proposer": "tovholder-naestved",
        "phase": IdeaPhase.DECIDED,
        "outcome": DecisionOutcome.SELECTED,
        "rationale": "Målgruppen efterspørger det selv, og arrangementet kan holdes lokalt i Glumsø.",
        "scores": [(4, 5, 4, 3), (5, 4, 4, 3), (4, 4, 3, 3)],
        "evidence": ["Harly, 71 år, vejledning om pension", "Bente, 85 år"],
        "initiative": {
            "sites": [NAESTVED, GLUMSOE],
            "status": InitiativeStatus.IN_TEST,
        },
    },
    {
        "title": "Arrangement for 18-årige, der skal flytte hjemmefra",
        "description": "“Myndig og skal snart flytte hjemmefra”: en aften med borgerservice og biblioteket om flytning, NemID, e-Boks og økonomi – evt. holdt på gymnasiet.",
        "space": "Arrangementer i egne rammer eller hos eksterne parter",
        "services": ["Flytning", "Oprettelse af NemID"],
        "groups": ["Unge (snart myndige)"],
        "site": RINGSTED,
        "proposer": "tovholder-ringsted",
        "phase": IdeaPhase.PRESENTED,
        "scores": [(4, 4, 3, 3), (4, 3, 3, 4)],
        "evidence": [
            "Konstantinos og Liv, 19 og 18 år, skal flytte sammen",
            "Nermin, 24 år",
        ],
    },
    {
        "title": "“Husk at bestille pas til ferien”",
        "description": "Kampagne på infoskærm og nummerbon i foråret: husk at bestille pas i god tid – og se bibliotekets rejseressourcer.",
        "space": "Visuelle henvisninger til bibliotek i venteområder",
        "services": ["Pas"],
        "groups": ["Rejsende"],
        "site": GLUMSOE,
        "proposer": "tovholder-glumsoe",
        "phase": IdeaPhase.SHORTLISTED,
        "scores": [(3, 3, 5, 5), (3, 4, 4, 5)],
        "evidence": ["Trine, 39 år, pas"],
    },
    {
        "title": "Medarbejderguide: koblinger mellem behov og tilbud",
        "description": "En lommeguide til skranken med de typiske behov (selvbetjening, sprog, jura, rejse) og hvilke af stedets tilbud de kan kobles med.",
        "space": "Mundtlig henvisning i forbindelse med betjening",
        "services": ["Hjælp til selvbetjening"],
        "groups": [],
        "site": None,
        "group": "Workshopgruppe 2",
        "proposer": "konsulent",
        "phase": IdeaPhase.SCREENED,
        "scores": [(3, 5, 4, 4)],
        "evidence": [],
    },
    {
        "title": "Bryllupsbøger ved vielsesblanketten",
        "description": "En lille udstilling af bryllupslitteratur, når borgere afleverer ægteskabsblanketten.",
        "space": "Visuelle henvisninger til bibliotek i venteområder",
        "services": ["Vielse"],
        "groups": [],
        "site": RINGSTED,
        "proposer": "tovholder-ringsted",
        "phase": IdeaPhase.DECIDED,
        "outcome": DecisionOutcome.REJECTED,
        "rationale": "For lille brugergruppe til at retfærdiggøre ressourceforbruget (178 af 21.061 besøg i Ringsted i 2016).",
        "scores": [(2, 3, 5, 4), (2, 2, 4, 4)],
        "evidence": ["Mandy, 33 år"],
    },
    {
        "title": "Tydelig skiltning af Kvikskranken",
        "description": "Skilte og gulvmarkering, der gør det klart, at Kvikskranken er borgerservice light – og hvad man kan få hjælp til der.",
        "space": "Borgerrejse og -tilstande",
        "services": [],
        "groups": ["Biblioteksbesøgende"],
        "site": NAESTVED,
        "proposer": "tovholder-naestved",
        "phase": IdeaPhase.DECIDED,
        "outcome": DecisionOutcome.PARKED,
        "rationale": "Tages op, når Næstved planlægger ny indretning; kræver ombygning ud over testperioden.",
        "scores": [(3, 3, 2, 2)],
        "evidence": [],
    },
    {
        "title": "Fælles navneskilte og T-shirts",
        "description": "Alle medarbejdere bærer samme navneskilt med “Bibliotek & Borgerservice”, så borgerne kan se, hvem de kan spørge.",
        "space": "Navngivning og branding",
        "services": [],
        "groups": [],
        "site": GLUMSOE,
        "proposer": "tovholder-glumsoe",
        "phase": IdeaPhase.PROPOSED,
        "scores": [],
        "evidence": ["Sofia, 32 år, NemID"],
    },
    {
        "title": "Henvisning til sprogcafé for nye i Danmark",
        "description": "Ved indrejse-betjening gives en folder på flere sprog om sprogcaféen, litteratur på andre sprog og Drop In.",
        "space": "Mundtlig henvisning i forbindelse med betjening",
        "services": ["Indrejse fra udlandet"],
        "groups": ["Nydanskere"],
        "site": NAESTVED,
        "proposer": "tovholder-naestved",
        "phase": IdeaPhase.PROPOSED,
        "scores": [],
        "evidence": ["Furdulea, 42 år, fra Rumænien"],
    },
]

# title, kind, first week, last week, responsible, note, done
TIMELINE = [
    (
        "Idéworkshop og styregruppemøde",
        TimelineKind.MILESTONE,
        33,
        33,
        ResponsibleRole.EVERYONE,
        "",
        True,
    ),
    (
        "Fase 4: Prototyping",
        TimelineKind.PHASE,
        34,
        43,
        ResponsibleRole.EVERYONE,
        "Alle steder",
        True,
    ),
    (
        "Testguide og testskema produceres",
        TimelineKind.ACTIVITY,
        34,
        34,
        ResponsibleRole.CONSULTANT,
        "Actant",
        True,
    ),
    (
        "Grupperne begynder planlægningen",
        TimelineKind.ACTIVITY,
        34,
        34,
        ResponsibleRole.COORDINATOR,
        "Projektgrupperne",
        True,
    ),
    (
        "Læs testguide og -skema; telefonsamtale med Actant",
        TimelineKind.ACTIVITY,
        35,
        35,
        ResponsibleRole.COORDINATOR,
        "",
        True,
    ),
    (
        "Planlægning og test af 1–2 tiltag; orientering og inddragelse af kolleger",
        TimelineKind.ACTIVITY,
        36,
        36,
        ResponsibleRole.COORDINATOR,
        "",
        True,
    ),
    (
        "Iværksættelse af tiltag og test",
        TimelineKind.MILESTONE,
        37,
        37,
        ResponsibleRole.COORDINATOR,
        "",
        True,
    ),
    (
        "Test og tilpasning af tiltag",
        TimelineKind.ACTIVITY,
        38,
        41,
        ResponsibleRole.COORDINATOR,
        "",
        True,
    ),
    (
        "Rådgivningsbesøg på stederne",
        TimelineKind.ACTIVITY,
        38,
        39,
        ResponsibleRole.CONSULTANT,
        "Actant",
        True,
    ),
    (
        "Udfyldning af testskemaer gøres færdig og sendes",
        TimelineKind.MILESTONE,
        42,
        42,
        ResponsibleRole.COORDINATOR,
        "",
        True,
    ),
    (
        "Telefoninterview med tovholderne",
        TimelineKind.ACTIVITY,
        43,
        43,
        ResponsibleRole.CONSULTANT,
        "Actant og tovholderne",
        True,
    ),
    (
        "Fase 5: Evaluering og formidling",
        TimelineKind.PHASE,
        44,
        48,
        ResponsibleRole.EVERYONE,
        "",
        False,
    ),
    (
        "Resultatkatalog produceres",
        TimelineKind.ACTIVITY,
        44,
        47,
        ResponsibleRole.CONSULTANT,
        "Actant",
        False,
    ),
    (
        "Resultatkatalog sendes",
        TimelineKind.MILESTONE,
        48,
        48,
        ResponsibleRole.CONSULTANT,
        "Actant",
        False,
    ),
]


# The deck's own words where a title above shortens them.
TIMELINE_DESCRIPTIONS = {
    "Idéworkshop og styregruppemøde": "Workshopdagens program: "
    + "; ".join(f"{start}–{end} {what}" for start, end, what in AGENDA)
    + ".",
    "Fase 4: Prototyping": "Prototyping (sept.–okt. 2017).",
    "Testguide og testskema produceres": "Actant producerer testguide og -skema.",
    "Læs testguide og -skema; telefonsamtale med Actant": "Læse testguide og -skema. "
    "Telefonsamtale herom med Actant.",
    "Planlægning og test af 1–2 tiltag; orientering og inddragelse af kolleger": (
        "Planlægning og test af 1–2 tiltag. Orientering/inddragelse af kollegaer."
    ),
    "Rådgivningsbesøg på stederne": "Test og tilpasning af tiltag. Rådgivning herom "
    "fra Actant, der kommer på besøg.",
    "Udfyldning af testskemaer gøres færdig og sendes": "Gør udfyldningen af "
    "testskemaer færdig og fremsend til Actant.",
    "Telefoninterview med tovholderne": "Tovholderen fortæller om jeres "
    "testerfaringer i telefoninterview med Actant.",
    "Fase 5: Evaluering og formidling": "Evaluering og formidling (november).",
    "Resultatkatalog produceres": "Actant producerer resultatkatalog.",
    "Resultatkatalog sendes": "Actant fremsender resultatkatalog.",
}
# Titles the demo once loaded: a database that has one keeps it and gets no second.
FORMER_TIMELINE_TITLES = {
    "Planlægning og test af 1–2 tiltag; orientering og inddragelse af kolleger": [
        "Planlægning og test af 1–2 tiltag; orientering af kolleger"
    ],
}


def _week(week):
    return datetime.date.fromisocalendar(2017, week, 1)


def _on_workshop_day(clock, **later):
    """A moment on the workshop day (Copenhagen time), `later` after `clock`."""
    moment = datetime.datetime.combine(
        WORKSHOP_DAY, datetime.time.fromisoformat(clock), tzinfo=COPENHAGEN
    )
    return moment + datetime.timedelta(**later)


def _date_idea_history(idea, position):
    """Date what the services just wrote back to the workshop day's agenda."""
    minutes = 2 * position
    for transition in IdeaTransition.objects.filter(idea=idea):
        IdeaTransition.objects.filter(pk=transition.pk).update(
            at=_on_workshop_day(PHASE_TIMES[transition.to_state], minutes=minutes)
        )
    decided = _on_workshop_day(PHASE_TIMES[IdeaPhase.DECIDED], minutes=minutes)
    Decision.objects.filter(idea=idea).update(created_at=decided, updated_at=decided)
    IdeaScore.objects.filter(idea=idea).update(
        created_at=_on_workshop_day(PHASE_TIMES[IdeaPhase.SCREENED], minutes=minutes)
    )
    last = IdeaTransition.objects.filter(idea=idea).order_by("-at").first().at
    Idea.objects.filter(pk=idea.pk).update(
        created_at=_on_workshop_day(PHASE_TIMES[IdeaPhase.PROPOSED], minutes=minutes),
        updated_at=last,
    )


def load_analysis(project, sites, services_by_name):
    terms = {}
    for vocabulary, words in VOCABULARIES.items():
        for position, (name, description) in enumerate(words):
            terms[vocabulary, name] = Term.objects.get_or_create(
                project=project,
                vocabulary=vocabulary,
                name=name,
                defaults={"description": description, "position": position},
            )[0]
    spaces = {}
    for theme_position, spec in enumerate(THEMES):
        theme, _created = Theme.objects.get_or_create(
            project=project,
            name=spec["name"],
            defaults={
                "synergy": spec["synergy"],
                "barriers": spec["barriers"],
                "position": theme_position,
            },
        )
        for position, space_spec in enumerate(spec["spaces"]):
            space, created = SolutionSpace.objects.get_or_create(
                project=project,
                name=space_spec["name"],
                defaults={
                    "theme": theme,
                    "guiding_question": space_spec["guiding_question"],
                    "description": space_spec["description"],
                    "recommendations": space_spec["recommendations"],
                    "position": position,
                },
            )
            if created:
                space.sites.set([sites[name] for name in space_spec["sites"]])
                space.services.set(
                    [services_by_name[name] for name in space_spec["services"]]
                )
            spaces[space.name] = space
    for position, (service_name, channels, texts) in enumerate(CARDS):
        service = services_by_name[service_name] if service_name else None
        title = texts.get("title", service_name)
        lookup = {"service": service} if service else {"service": None, "title": title}
        ServiceSynergyCard.objects.get_or_create(
            project=project,
            **lookup,
            defaults={
                "title": title,
                "channels": [str(c) for c in channels],
                "position": position,
                **{k: v for k, v in texts.items() if k != "title"},
            },
        )
    return terms, spaces


def load_evidence(project, sites, services_by_name, terms, consultant):
    """The 45 interviews and the quotes, each quote linked to its speaker's interview
    (the consultant reviewed those marked reviewed)."""
    bands = AgeBand.values
    remaining = {name: list(counts) for name, counts in INTERVIEW_COUNTS.items()}
    speakers = {}
    number = 0
    for speaker, _text, service_name, site_name, band, *_rest in QUOTES:
        if speaker in speakers:
            continue
        if speaker in SAME_INTERVIEW:
            speakers[speaker] = speakers[SAME_INTERVIEW[speaker]]
            continue
        number += 1
        remaining[service_name][bands.index(band)] -= 1
        speakers[speaker] = _interview(
            project,
            number,
            sites[site_name],
            services_by_name[service_name],
            band,
            InterviewLength.LONG
            if speaker in LONG_INTERVIEW_SPEAKERS
            else InterviewLength.SHORT,
        )
    offered = set(
        ServiceOffering.objects.filter(site__in=sites.values()).values_list(
            "site__name", "service__name"
        )
    )
    turn = 0
    for service_name, counts in remaining.items():
        for band_index, count in enumerate(counts):
            if count < 0:
                raise ValueError(f"more quotes than interviews for {service_name}")
            for _ in range(count):
                number += 1
                for _step in INTERVIEW_SITE_CYCLE:
                    site_name = INTERVIEW_SITE_CYCLE[turn % len(INTERVIEW_SITE_CYCLE)]
                    turn += 1
                    if (site_name, service_name) in offered:
                        break
                _interview(
                    project,
                    number,
                    sites[site_name],
                    services_by_name[service_name],
                    bands[band_index],
                    InterviewLength.SHORT,
                )
    quotes = {}
    for speaker, text, service_name, site_name, band, tags, consent, reviewed in QUOTES:
        quote = Quote.objects.filter(
            project=project,
            speaker_label=speaker,
            text__in=[text, *FORMER_QUOTE_TEXTS.get(text, [])],
        ).first()
        if quote is None:
            quote = services.quote_create(
                project=project,
                speaker_label=speaker,
                text=text,
                service=services_by_name[service_name],
                site=sites[site_name],
                age_band=band,
                interview=speakers[speaker],
                tags=[terms[Vocabulary.QUOTE_TAG, tag] for tag in tags],
                consent_to_publish=consent,
                reviewed=reviewed,
                user=consultant,
            )
        quotes.setdefault(speaker, quote)
    return quotes


def _interview(project, number, site, service, band, length):
    return Interview.objects.get_or_create(
        project=project,
        notes=f"Interview nr. {number} (feltbesøg 2017)",
        defaults={
            "site": site,
            "service": service,
            "age_band": band,
            "length": length,
            "held_on": FIELD_VISITS[site.name],
        },
    )[0]


def load_ideas(project, sites, services_by_name, terms, spaces, quotes, users):
    criteria = [
        ScreeningCriterion.objects.get_or_create(
            project=project,
            name=name,
            defaults={"description": description, "position": i},
        )[0]
        for i, (name, description) in enumerate(CRITERIA)
    ]
    meeting = load_meeting(project, users)
    scorers = [
        users["konsulent"],
        users["tovholder-roskilde"],
        users["tovholder-naestved"],
    ]
    for position, spec in enumerate(IDEAS):
        if Idea.objects.filter(project=project, title=spec["title"]).exists():
            continue
        idea = services.idea_create(
            project=project,
            title=spec["title"],
            description=spec["description"],
            solution_space=spaces.get(spec["space"]),
            services=[services_by_name[name] for name in spec["services"]],
            target_groups=[
                terms[Vocabulary.TARGET_GROUP, name] for name in spec["groups"]
            ],
            evidence=[quotes[speaker] for speaker in spec["evidence"]],
            site=sites.get(spec["site"]) if spec["site"] else None,
            group_name=spec.get("group", ""),
            proposer=users[spec["proposer"]],
            reason="Foreslået på idéworkshoppen",
        )
        for scorer, values in zip(scorers, spec["scores"], strict=False):
            services.idea_scores_set(
                idea=idea,
                user=scorer,
                scores=dict(zip(criteria, values, strict=True)),
            )
        _walk_to(idea, spec, users["konsulent"], users["styregruppe-1"], meeting)
        _date_idea_history(idea, position)
        if "initiative" in spec:
            _make_initiative(idea, spec["initiative"], sites, users["konsulent"])
    return criteria


def load_meeting(project, users):
    """The steering group's meeting on the workshop day, where it decided the ideas."""
    meeting = Meeting.objects.filter(project=project, held_on=STEERING_MEETING).first()
    if meeting is None:
        meeting = services.meeting_create(
            project=project,
            title="Styregruppemøde efter idéworkshoppen",
            held_on=STEERING_MEETING,
            attendees=[
                users[name]
                for name in ("styregruppe-1", "styregruppe-2", "konsulent")
                if name in users
            ],
            notes="Idéerne fra workshoppen blev præsenteret, og styregruppen "
            "besluttede, hvilke der skal afprøves i efteråret.",
            user=users["konsulent"],
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            created_at=_on_workshop_day("15:00"), updated_at=_on_workshop_day("16:30")
        )
    return meeting


def _walk_to(idea, spec, consultant, steering, meeting=None):
    """Move the idea through the phases with the services, as the workshop did."""
    target = IdeaPhase.index(spec["phase"])
    for phase in IdeaPhase.values[
        1 : min(target, IdeaPhase.index(IdeaPhase.PRESENTED)) + 1
    ]:
        services.idea_move(
            idea=idea,
            to_phase=phase,
            user=consultant,
            reason="",
            expected_phase=idea.phase,
        )
    if spec["phase"] == IdeaPhase.DECIDED:
        services.idea_decide(
            idea=idea,
            outcome=spec["outcome"],
            rationale=spec["rationale"],
            decided_on=STEERING_MEETING,
            user=steering,
            meeting=meeting,
        )


def _make_initiative(idea, spec, sites, consultant):
    test_sites = {}
    for site_name in spec["sites"]:
        coordinator = (
            Membership.objects.filter(
                project=idea.project, role=Role.COORDINATOR, site=sites[site_name]
            )
            .select_related("user")
            .first()
        )
        test_sites[sites[site_name]] = coordinator.user
    initiative = services.initiative_create(
        idea=idea,
        name=idea.title,
        description=idea.description,
        solution_space=idea.solution_space,
        services=idea.services.all(),
        target_groups=idea.target_groups.all(),
        test_sites=test_sites,
        user=consultant,
    )
    if spec["status"] == InitiativeStatus.IN_TEST:
        services.initiative_set_status(
            initiative=initiative,
            to_status=InitiativeStatus.IN_TEST,
            user=consultant,
            reason="",
            expected_status=InitiativeStatus.PLANNED,
        )
    transitions = InitiativeTransition.objects.filter(initiative=initiative).order_by(
        "pk"
    )
    for offset, transition in enumerate(transitions):
        when = (
            _on_workshop_day("14:00", days=1)
            if offset == 0
            else datetime.datetime(2017, 9, 11, 9, tzinfo=COPENHAGEN)
        )
        InitiativeTransition.objects.filter(pk=transition.pk).update(at=when)


# Milestones that are done only when what they follow is in (TimelineItem.tracks).
TIMELINE_TRACKS = {
    "Test og tilpasning af tiltag": TimelineTracks.SCHEMAS,
    "Udfyldning af testskemaer gøres færdig og sendes": TimelineTracks.SCHEMAS,
}


def load_timeline(project):
    for title, kind, first, last, role, note, done in TIMELINE:
        if TimelineItem.objects.filter(
            project=project, title__in=FORMER_TIMELINE_TITLES.get(title, [])
        ).exists():
            continue
        TimelineItem.objects.get_or_create(
            project=project,
            title=title,
            defaults={
                "description": TIMELINE_DESCRIPTIONS.get(title, ""),
                "kind": kind,
                "starts_week": _week(first),
                "ends_week": _week(last),
                "responsible_role": role,
                "responsible_note": note,
                "done": done,
                "tracks": TIMELINE_TRACKS.get(title, TimelineTracks.NOTHING),
            },
        )


def load(*, project, stdout=None):
    sites = {s.name: s for s in Site.objects.filter(projects=project)}
    services_by_name = {s.name: s for s in CitizenService.objects.all()}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(memberships__project=project)
    }
    terms, spaces = load_analysis(project, sites, services_by_name)
    quotes = load_evidence(project, sites, services_by_name, terms, users["konsulent"])
    load_ideas(project, sites, services_by_name, terms, spaces, quotes, users)
    load_timeline(project)
    if stdout:
        stdout.write(
            f"Analyse og evidens: {Theme.objects.filter(project=project).count()} temaer, "
            f"{SolutionSpace.objects.filter(project=project).count()} løsningsrum, "
            f"{Interview.objects.filter(project=project).count()} interviews, "
            f"{Quote.objects.filter(project=project).count()} citater; "
            f"{Idea.objects.filter(project=project).count()} idéer, "
            f"{Decision.objects.filter(project=project).count()} beslutninger, "
            f"{Initiative.objects.filter(project=project).count()} tiltag."
        )


@demo_data.loader(order=30)
def load_into(world, *, stdout=None):
    load(project=world.project, stdout=stdout)
