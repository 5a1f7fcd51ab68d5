"""The consultant's forms for the results catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.merge_forms import MergeModelFormMixin
from initiatives.models import Quote
from testing.models import Photo

from . import selectors
from .models import Catalogue, CatalogueChapter
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


class CatalogueForm(LoadedAtMixin, forms.ModelForm):
    class Meta:
        model = Catalogue
        fields = [
            "title",
            "subtitle",
            "period",
            "author",
            "introduction",
            "method",
            "colophon",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "method": forms.Textarea(attrs={"rows": 6}),
            "colophon": forms.Textarea(attrs={"rows": 4}),
        }


class QuoteChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, quote):
        # Only publishable quotes are offered, so the speaker may be shown.
        return f"“{quote.text}” — {quote.speaker_label}"


class PhotoChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, photo):
        submission = photo.submission
        return _("Foto fra %(site)s, %(period)s") % {
            "site": submission.run.site,
            "period": submission.period_label,
        }


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


class MoveForm(forms.Form):
    direction = forms.TypedChoiceField(
        choices=[("-1", _("Op")), ("1", _("Ned"))], coerce=int
    )
