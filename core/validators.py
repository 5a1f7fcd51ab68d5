"""Password rule of our own (ASVS 6.1.2/6.2.11): no password made of the words everyone
around the project knows — the municipalities, "kommune", the project's own words —
with digits and punctuation around them. Length and common passwords are Django's."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Denmark's 98 municipalities, and the words of this project and its users' work.
MUNICIPALITIES = """
albertslund allerød assens ballerup billund bornholm brøndby brønderslev dragør egedal
esbjerg fanø favrskov faxe fredensborg fredericia frederiksberg frederikshavn
frederikssund furesø faaborg midtfyn gentofte gladsaxe glostrup greve gribskov
guldborgsund haderslev halsnæs hedensted helsingør herlev herning hillerød hjørring
holbæk holstebro horsens hvidovre høje taastrup hørsholm ikast brande ishøj jammerbugt
kalundborg kerteminde kolding københavn køge langeland lejre lemvig lolland lyngby
taarbæk læsø mariagerfjord middelfart morsø norddjurs nordfyn nordfyns nyborg næstved
odder odense odsherred randers rebild ringkøbing skjern ringsted roskilde rudersdal
rødovre samsø silkeborg skanderborg skive slagelse solrød sorø stevns struer svendborg
syddjurs sønderborg thisted tønder tårnby vallensbæk varde vejen vejle vesthimmerland
viborg vordingborg ærø aabenraa aalborg aarhus århus glumsø
""".split()
PROJECT_WORDS = """
kommune kommunen kommuner synergi synergy borgerservice bibliotek biblioteket
biblioteker tovholder styregruppe konsulent adgangskode password kodeord sommer vinter
efterår forår velkommen
""".split()
CONTEXT_WORDS = sorted(set(MUNICIPALITIES + PROJECT_WORDS), key=len, reverse=True)
MIN_OTHER_LETTERS = 4


class ContextWordsValidator:
    """Refuse a password that is little more than context words plus digits."""

    def validate(self, password: str, user: Any = None) -> None:
        letters = re.sub(r"[\W\d_]+", "", password.lower())
        for word in CONTEXT_WORDS:
            letters = letters.replace(word, "")
        if len(letters) < MIN_OTHER_LETTERS:
            raise ValidationError(
                _(
                    "Adgangskoden består næsten kun af ord, som alle omkring projektet "
                    "kender (fx en kommunes navn eller “kommune”), og tal. Vælg nogle "
                    "andre ord."
                ),
                code="password_context_words",
            )

    def get_help_text(self) -> str:
        return _(
            "Adgangskoden må ikke næsten kun bestå af en kommunes navn, “kommune” eller "
            "projektets egne ord og tal."
        )


# Characters that turn the direction of the text after them (right-to-left override
# and friends): in a name they can make the page's own words read backwards.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def no_direction_controls(value: str) -> None:
    """Refuse text with characters that turn the direction of what follows."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if BIDI_CONTROLS & set(value):
        raise ValidationError(
            _(
                "Teksten indeholder usynlige tegn, der vender skriveretningen. Fjern dem."
            ),
            code="direction_control",
        )
