"""The consultant's forms for the results catalogue."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.merge_forms import MergeModelFormMixin
from initiatives.models import Quote
from testing.models import Photo

from . import selectors
from .models import Catalogue, CatalogueChapter, Claim, EvidenceKind
from .services import LoadedPage


class LoadedAtMixin(MergeModelFormMixin):
    """Saved by merge per field (services.catalogue_update, chapter_update); also
    carries when the page was loaded, which decides for fields the page sent no base
    token for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_at"] = forms.CharField(
            widget=forms.HiddenInput, required=False
        )
        if self.instance.pk:
            self.initial["loaded_at"] = self.instance.updated_at.isoformat()

    def loaded_page(self) -> LoadedPage:
        """What the page had loaded, for the service's merge (after is_valid())."""
        return LoadedPage(
            bases=self.bases(),
            choices=self.choices(),
            loaded_at=self.cleaned_data.get("loaded_at") or "",
        )


def photo_label(photo) -> str:
    submission = photo.submission
    return _("Foto fra %(site)s, %(period)s") % {
        "site": submission.run.site,
        "period": submission.period_label,
    }


class CoverPhotoField(forms.ModelChoiceField):
    def label_from_instance(self, photo):
        return photo_label(photo)


class CatalogueForm(LoadedAtMixin, forms.ModelForm):
    cover_photo = CoverPhotoField(
        label=_("Forsidefoto"),
        queryset=Photo.objects.none(),
        required=False,
        empty_label=_("Intet foto på forsiden"),
        help_text=_("Et foto fra forløbets testskemaer."),
        error_messages={
            "invalid_choice": _(
                "Forsidefotoet skal være et foto fra forløbets testskemaer."
            )
        },
    )

    class Meta:
        model = Catalogue
        fields = [
            "title",
            "subtitle",
            "period",
            "issued_on",
            "author",
            "commissioners",
            "accent_colour",
            "cover_photo",
            "introduction",
            "method",
            "colophon",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "accent_colour": forms.RadioSelect,
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "method": forms.Textarea(attrs={"rows": 6}),
            "colophon": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "method": _(
                "Hvordan tiltagene blev fundet, udvalgt og afprøvet. Antal interviews, "
                "steder, testuger, skemaer, besøg og telefoninterviews beregner "
                "kataloget selv ud fra data: skriv dem ikke her."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cover_photo"].queryset = selectors.cover_photo_choices(
            catalogue=self.instance
        )


class LogoForm(forms.Form):
    """A commissioner's logo for the cover."""

    name = forms.CharField(
        label=_("Hvis logo"),
        max_length=200,
        help_text=_("Fx “Roskilde Kommune”. Bruges som billedets alternative tekst."),
    )
    image = forms.ImageField(
        label=_("Logo"), help_text=_("PNG, JPEG eller WebP, højst 10 MB.")
    )


class AuthorLogoForm(forms.Form):
    image = forms.ImageField(
        label=_("Forfatterens logo"), help_text=_("PNG, JPEG eller WebP, højst 10 MB.")
    )


class EvidenceForm(forms.Form):
    """Cite one source for one of a chapter's claims. The sources are grouped by kind
    (selectors.evidence_choices); each value is "kind:id"."""

    claim = forms.ChoiceField(label=_("Tekst"), choices=Claim.choices)
    source = forms.ChoiceField(label=_("Kilde"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [
            (
                str(EvidenceKind(kind).label),
                [(value, source_label(kind, item)) for value, item in options],
            )
            for kind, options in choices.groups()
            if options
        ]


def source_label(kind: str, item) -> str:
    """A source as the consultant picks it (in the language of the page)."""
    if kind == EvidenceKind.SUBMISSION:
        return _("%(site)s, %(period)s (%(status)s)") % {
            "site": item.run.site,
            "period": item.period_label,
            "status": item.get_status_display().lower(),
        }
    if kind == EvidenceKind.FIGURE:
        return item.text
    if kind == EvidenceKind.QUOTE:
        origin = f" ({item.origin_label})" if item.origin_label else ""
        return f"“{item.text}” — {item.speaker_label}{origin}"
    if kind == EvidenceKind.DECISION:
        return _("%(date)s: %(outcome)s") % {
            "date": date_format(item.decided_on),
            "outcome": item.get_outcome_display(),
        }
    return str(item)


class QuoteChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, quote):
        # Only publishable quotes are offered, so the speaker may be shown.
        return f"“{quote.text}” — {quote.speaker_label}"


class PhotoChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, photo):
        return photo_label(photo)


class ChapterForm(LoadedAtMixin, forms.ModelForm):
    """A chapter's texts and picks. Only quotes with consent that the consultant has
    reviewed can be picked, and only photos from the initiative's own schemas."""

    quotes = QuoteChoiceField(
        label=_("Citater"),
        queryset=Quote.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kun citater med samtykke, som er gennemgået, kan vælges."),
        error_messages={
            "invalid_choice": _(
                "Citatet kan ikke vælges: kun citater med samtykke, som konsulenten "
                "har gennemgået, kommer i kataloget."
            )
        },
    )
    photos = PhotoChoiceField(
        label=_("Fotos"),
        queryset=Photo.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Fotos, som tovholderne har lagt i tiltagets testskemaer."),
        error_messages={
            "invalid_choice": _("Fotoet hører ikke til dette tiltags testskemaer.")
        },
    )

    class Meta:
        model = CatalogueChapter
        fields = [
            "included",
            "why_and_what",
            "where_and_how",
            "what_worked",
            "what_did_not",
            "resources",
            "learnings",
            "recommendation",
            "recommendation_text",
            "summary_sentence",
            "key_question",
            "getting_started",
            "quotes",
            "photos",
        ]
        labels = {"recommendation": _("Konsulentens forslag til anbefaling")}
        help_texts = {
            "recommendation": _(
                "Når styregruppen har taget stilling til tiltaget, trykker kataloget "
                "styregruppens beslutning som anbefalingen i stedet."
            ),
            "recommendation_text": _(
                "Tom: styregruppens begrundelse, når den har taget stilling."
            ),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "why_and_what",
                "where_and_how",
                "what_worked",
                "what_did_not",
                "resources",
                "learnings",
                "recommendation_text",
                "getting_started",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chapter = self.instance
        self.fields["quotes"].queryset = selectors.chapter_quote_choices(
            chapter=chapter
        )
        self.fields["photos"].queryset = selectors.chapter_photo_choices(
            chapter=chapter
        )
        # The key figure: one of the chapter's questions with a figure.
        figures = selectors.chapter_figures(chapter=chapter)
        known = [(q.key, q.text) for q in figures]
        if chapter.key_question and chapter.key_question not in dict(known):
            known.append((chapter.key_question, _("(spørgsmålet findes ikke længere)")))
        self.fields["key_question"] = forms.ChoiceField(
            label=_("Nøgletal i sammenfatningen"),
            choices=[("", _("Det første spørgsmål med et tal")), *known],
            required=False,
            help_text=_("Spørgsmålet, hvis tal står i sammenfatningen."),
        )


class MoveForm(forms.Form):
    direction = forms.TypedChoiceField(
        choices=[("-1", _("Op")), ("1", _("Ned"))], coerce=int
    )
