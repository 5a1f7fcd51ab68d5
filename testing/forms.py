"""Forms for guides, schema templates, test runs, the schemas themselves, and visits."""

import datetime
import re
import uuid
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    DateInput,
    LinesField,
    OptionalPositionMixin,
    WeekField,
    plain_number,
)
from core.merge import posted_bases, posted_choices, posted_token, token
from initiatives.forms import QuoteForm
from projects.models import Membership, Role

from . import conditions, criteria, formulas
from .models import (
    AdvisoryVisit,
    InterviewQuestion,
    PhoneInterview,
    Question,
    SchemaTemplate,
    Section,
    TestGuide,
    TestRun,
)
from .question_kinds import DecimalAnswerField, KindDefinition, kind_of  # noqa: F401
from .schema_logic import SchemaLogic
from .selectors import answer_slot, slot_key


def project_coordinators(project):
    coordinators = Membership.objects.filter(
        project=project, role=Role.COORDINATOR
    ).values("user")
    return (
        get_user_model()
        .objects.filter(pk__in=coordinators)
        .order_by("first_name", "username")
    )


def user_label(user):
    return user.get_full_name() or user.get_username()


class ScheduleField(forms.CharField):
    """A schedule by ISO week, one line each: “2017-W37 Iværksættelse”."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{week} {text}" for week, text in value)
        return value

    def to_python(self, value):
        lines = [
            line.strip()
            for line in (super().to_python(value) or "").splitlines()
            if line.strip()
        ]
        schedule = []
        for line in lines:
            week, _space, text = line.partition(" ")
            try:
                WeekField().to_python(week)
            except ValidationError as error:
                raise ValidationError(
                    _("Hver linje skal begynde med en uge som 2017-W37: “%(line)s”."),
                    code="schedule_week",
                    params={"line": line},
                ) from error
            schedule.append([week.upper(), text.strip()])
        return schedule


class TestGuideForm(forms.ModelForm):
    activities = LinesField(
        label=_("Aktiviteter trin for trin"),
        required=False,
        help_text=_("Ét trin pr. linje, i rækkefølge."),
    )
    schedule = ScheduleField(
        label=_("Tidsplan"),
        required=False,
        help_text=_("Én linje pr. uge: ugen som 2017-W37, mellemrum, hvad der sker."),
    )

    class Meta:
        model = TestGuide
        fields = [
            "purpose",
            "hypothesis",
            "target_group",
            "activities",
            "materials",
            "responsible",
            "registration",
            "success_criteria",
            "schedule",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "purpose",
                "hypothesis",
                "target_group",
                "materials",
                "responsible",
                "registration",
                "success_criteria",
            )
        }


class GuidePublishForm(forms.Form):
    change_note = forms.CharField(
        label=_("Hvad er ændret?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tovholderne ser noten sammen med den nye version."),
    )


class SchemaTemplateForm(forms.ModelForm):
    class Meta:
        model = SchemaTemplate
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class SectionForm(OptionalPositionMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description", "repeats", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class QuestionForm(OptionalPositionMixin, forms.ModelForm):
    choices = LinesField(
        label=_("Valgmuligheder"),
        required=False,
        help_text=_("Én pr. linje (kun for “Ét valg” og “Flere valg”)."),
    )
    # A computed answer's formula (testing/formulas.py): the operation and its inputs.
    operation = forms.ChoiceField(
        label=_("Beregning"),
        required=False,
        choices=[("", "—"), *formulas.Operation.choices],
        help_text=_("Kun for “Beregnet af andre svar”."),
    )
    input_1 = forms.ChoiceField(label=_("Første tal"), required=False)
    input_2 = forms.ChoiceField(label=_("Andet tal"), required=False)
    inputs_more = forms.MultipleChoiceField(
        label=_("Flere tal at lægge sammen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kun ved “Summen af svarene”."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "holds_personal_data",
            "min_value",
            "max_value",
            "scale_low_label",
            "scale_high_label",
            "choices",
            "position",
        ]

    def __init__(self, *args, inputs=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The questions of the schema a formula may take its numbers from.
        self.inputs = {
            key: ref
            for key, ref in (inputs or {}).items()
            if key != self.instance.key and ref.kind in formulas.input_kinds()
        }
        options = [(key, ref.text) for key, ref in self.inputs.items()]
        self.fields["input_1"].choices = [("", "—"), *options]
        self.fields["input_2"].choices = [("", "—"), *options]
        self.fields["inputs_more"].choices = options
        stored = formulas.Formula.from_stored(self.instance.formula)
        if stored is not None and not self.is_bound:
            keys = list(stored.inputs)
            self.initial.update(
                operation=stored.operation,
                input_1=keys[0] if keys else "",
                input_2=keys[1] if len(keys) > 1 else "",
                inputs_more=keys[2:],
            )
        for name in ("min_value", "max_value"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True
            # A bound reads as it was meant: 500, not 500,00.
            if self.initial.get(name) is not None:
                self.initial[name] = plain_number(self.initial[name])

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        # What the kind allows (testing/question_kinds.py); no valid kind: nothing.
        definition = kind_of(kind) if kind else KindDefinition()
        low, high = cleaned_data.get("min_value"), cleaned_data.get("max_value")
        if definition.has_choices and len(cleaned_data.get("choices") or []) < 2:
            self.add_error(
                "choices",
                ValidationError(_("Angiv mindst to valgmuligheder."), code="choices"),
            )
        if not definition.has_choices:
            cleaned_data["choices"] = []
        if not definition.has_bounds and (low is not None or high is not None):
            self.add_error(
                "min_value",
                ValidationError(
                    _("Mindste og største værdi gælder kun tal."), code="bounds"
                ),
            )
        elif low is not None and high is not None and high < low:
            self.add_error(
                "max_value",
                ValidationError(
                    _("Den største værdi skal være mindst den mindste."), code="bounds"
                ),
            )
        if (
            cleaned_data.get("holds_personal_data")
            and not definition.may_hold_personal_data
        ):
            self.add_error(
                "holds_personal_data",
                ValidationError(
                    _("Kun tekstspørgsmål kan markeres som personoplysninger."),
                    code="personal_data_kind",
                ),
            )
        cleaned_data["formula"] = {}
        if definition.is_computed:
            self._clean_formula(cleaned_data)
        else:
            for name in ("operation", "input_1", "input_2", "inputs_more"):
                cleaned_data.pop(name, None)
        if definition.whole_bounds:
            for name in ("min_value", "max_value"):
                value = cleaned_data.get(name)
                if value is not None and value != int(value):
                    self.add_error(
                        name,
                        ValidationError(
                            _("Et helt tal har hele grænser."), code="bounds"
                        ),
                    )
        return cleaned_data

    def _clean_formula(self, cleaned_data):
        operation = cleaned_data.pop("operation", "")
        keys = [cleaned_data.pop("input_1", ""), cleaned_data.pop("input_2", "")]
        more = cleaned_data.pop("inputs_more", [])
        if not operation:
            self.add_error(
                "operation",
                ValidationError(_("Vælg, hvad der skal beregnes."), code="formula"),
            )
            return
        if not keys[0] or not keys[1]:
            self.add_error(
                "input_1" if not keys[0] else "input_2",
                ValidationError(_("Vælg de tal, der regnes med."), code="formula"),
            )
            return
        if operation == formulas.Operation.SUM:
            keys += [key for key in more if key not in keys]
        formula = formulas.Formula(operation=operation, inputs=tuple(keys))
        problems = formulas.problems(formula, self.inputs)
        if problems:
            self.add_error("operation", ValidationError(problems, code="formula"))
            return
        if cleaned_data.get("required"):
            self.add_error(
                "required",
                ValidationError(
                    _("Et beregnet svar udfyldes af sig selv og skal ikke besvares."),
                    code="formula",
                ),
            )
        cleaned_data["formula"] = formula.to_stored()


class SchemaCopyForm(forms.Form):
    initiative: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Kopiér til tiltaget"), queryset=None
    )
    name = forms.CharField(label=_("Navn på kopien"), max_length=200)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = project.initiatives.order_by("name")


class TestRunForm(forms.ModelForm):
    starts_week = WeekField(label=_("Fra uge"))
    ends_week = WeekField(label=_("Til og med uge"))

    class Meta:
        model = TestRun
        fields = [
            "site",
            "template",
            "starts_week",
            "ends_week",
            "cadence",
            "coordinators",
        ]
        widgets = {"coordinators": forms.CheckboxSelectMultiple()}

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.instance.initiative = initiative
        self.instance.project = initiative.project
        self.fields["site"].queryset = initiative.project.sites.filter(
            initiative_sites__initiative=initiative
        ).order_by("name")
        self.fields["template"].queryset = initiative.schema_templates.order_by("name")
        self.fields["coordinators"].queryset = project_coordinators(initiative.project)
        self.fields["coordinators"].label_from_instance = user_label

    def clean(self):
        cleaned_data = super().clean()
        starts, ends = cleaned_data.get("starts_week"), cleaned_data.get("ends_week")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_week",
                ValidationError(
                    _("Slutugen kan ikke ligge før startugen."),
                    code="ends_before_start",
                ),
            )
        site, coordinators = cleaned_data.get("site"), cleaned_data.get("coordinators")
        if site and coordinators:
            allowed = set(
                Membership.objects.filter(
                    project=self.initiative.project, role=Role.COORDINATOR, site=site
                ).values_list("user", flat=True)
            )
            strangers = [u for u in coordinators if u.pk not in allowed]
            if strangers:
                self.add_error(
                    "coordinators",
                    ValidationError(
                        _("%(names)s er ikke tovholder på %(site)s."),
                        code="not_site_coordinator",
                        params={
                            "names": ", ".join(
                                u.get_full_name() or u.get_username() for u in strangers
                            ),
                            "site": site,
                        },
                    ),
                )
        if site and self.initiative.pk:
            clash = TestRun.objects.filter(initiative=self.initiative, site=site)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "site",
                    ValidationError(
                        _("Tiltaget afprøves allerede på dette sted."), code="duplicate"
                    ),
                )
        return cleaned_data


PAGE_ID = re.compile(r"[0-9a-f]{32}")  # one open schema page (AnswersForm.page_id)


def answer_field(question, *, required):
    """The form field that asks one question (photos are uploaded separately: None).

    `required` marks the question as one that must be answered before the schema is
    sent; drafts are cleaned without that rule (AnswersForm). The field is the one the
    question's kind defines (testing/question_kinds.py).
    """
    return question.definition.form_field(question, required=required)


class AnswersForm(forms.Form):
    """The questions of a schema version as a form.

    Required questions are marked as such on the page; a draft (`require=False`) may
    leave them empty, sending the schema (`require=True`) may not. Each question's
    field name is `q_<key>`. Besides the fields, the form knows for each field the
    token of the value the page was loaded with (`base_tokens`, posted back as
    `base-<name>`), and after a save the conflicts to show (`conflicts`), for the
    three-way merge of core.merge.
    """

    version = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(
        self,
        *args,
        sections,
        answers,
        version,
        require=False,
        period="week",
        site_id=None,
        entries=(),
        entry_answers=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.require = require
        self.fields["version"].initial = version
        self.sections = []
        self.questions = {}
        self.computed_names = set()
        self.repeat_questions = {}
        # Which questions are shown (testing/conditions.py): what does not apply to
        # this kind of schema or this site is left out; the rest is shown or hidden
        # by the answers, decided here and again by the server when it saves.
        sections = list(sections)
        self.logic = SchemaLogic.of(sections)
        self.where = {"period": period, "site_id": site_id}
        applicable = self.logic.applicable_keys(**self.where)
        applicable_sections = self.logic.applicable_sections(**self.where)
        stored = {}
        entry_answers = entry_answers or {}
        for section in sections:
            if section.pk not in applicable_sections:
                continue
            questions = [q for q in section.questions.all() if q.key in applicable]
            if section.repeats:
                # One group of fields per entry (an event, a visit): `q_<key>@<entry>`.
                groups = []
                numbered = [e for e in entries if e.section_key == section.key]
                for question in questions:
                    self.repeat_questions[question.key] = question
                for number, entry in enumerate(numbered, start=1):
                    rows = []
                    for question in questions:
                        field = answer_field(question, required=question.required)
                        if field is None or question.definition.is_computed:
                            continue  # photos and computed answers: not per entry
                        name = f"q_{answer_slot(question.key, entry.uid)}"
                        if self.is_bound and f"base-{name}" not in self.data:
                            # An entry added elsewhere after this page was loaded:
                            # the page has no fields for it and writes nothing to it.
                            continue
                        answer = entry_answers.get((entry.pk, question.key))
                        if answer is not None:
                            field.initial = answer.form_value
                        self.fields[name] = field
                        self.questions[name] = question
                        stored[name] = field.initial
                        rows.append((question, name))
                    groups.append((entry, number, rows))
                self.sections.append((section, [], groups))
                continue
            rows = []
            for question in questions:
                field = answer_field(question, required=question.required)
                if field is None:
                    rows.append((question, None))
                    continue
                name = f"q_{question.key}"
                answer = answers.get(question.pk)
                if answer is not None:
                    field.initial = answer.form_value
                self.fields[name] = field
                rows.append((question, name))
                if question.definition.is_computed:
                    self.computed_names.add(name)
                    continue
                stored[name] = field.initial
                self.questions[name] = question
            if rows or not section.questions.all():
                self.sections.append((section, rows, None))
        if self.is_bound:
            self.base_tokens = posted_bases(self.data, self.questions)
            page = str(self.data.get("page") or "")
            self.page_id = page if PAGE_ID.fullmatch(page) else ""
        else:
            self.base_tokens = {name: token(value) for name, value in stored.items()}
            self.page_id = uuid.uuid4().hex
        self.shown = self.logic.visible(
            {name[2:]: value for name, value in stored.items()}, **self.where
        )
        self.conflicts = {}

    def field_shown(self, name: str) -> bool:
        """A field's question is shown (for an entry's field: its question's)."""
        return slot_key(name[2:]) in self.shown

    def full_clean(self):
        """A draft may leave required questions empty: their "required" errors are
        dropped and the empty answer is kept (so emptying a field saves as empty).
        A question hidden by its condition is neither required nor saved: its errors
        and its value are dropped."""
        super().full_clean()
        if not self.is_bound:
            return
        values = {
            name[2:]: self.cleaned_data.get(name)
            for name in self.questions
            if name not in self._errors
        }
        self.shown = self.logic.visible(values, **self.where)
        for name in self.questions:
            if not self.field_shown(name):
                self._errors.pop(name, None)
                self.cleaned_data.pop(name, None)
        if self.require:
            return
        for name in list(self._errors):
            if name not in self.questions:
                continue
            codes = {error.code for error in self._errors.as_data()[name]}
            if codes == {"required"}:
                del self._errors[name]
                self.cleaned_data[name] = self.questions[
                    name
                ].definition.empty_form_value()

    def is_shown(self, question) -> bool:
        return question.key in self.shown

    def logic_rules(self):
        """The rules the page script follows while typing (static/js/schema-logic.js)."""
        return self.logic.client_rules()

    def bound_sections(self):
        """[(section, shown, [(question, bound field or None for photos, shown)],
        [(entry, number, [(question, bound field, shown)])])] for the template: a
        repeated section has no questions of its own but a group per entry. A hidden
        question is on the page, hidden, for the page script to show when its
        condition comes to hold."""
        result = []
        for section, rows, groups in self.sections:
            questions = [
                (question, self[name] if name else None, question.key in self.shown)
                for question, name in rows
            ]
            entries = [
                (
                    entry,
                    number,
                    [(q, self[name], self.field_shown(name)) for q, name in fields],
                )
                for entry, number, fields in groups or []
            ]
            if groups is not None:
                shown = any(q.key in self.shown for q in section.questions.all())
            else:
                shown = not questions or any(row[2] for row in questions)
            result.append((section, shown, questions, entries))
        return result

    def values(self):
        """{question key: cleaned value} for the fields that validated and are shown
        (not computed ones: the server computes those)."""
        data = getattr(self, "cleaned_data", {})
        values = {
            name[2:]: value for name, value in data.items() if name in self.questions
        }
        return {**self.orphans(), **values}

    def orphans(self) -> dict[str, Any]:
        """What the page changed in entries of repeated sections this form no longer
        has (removed elsewhere meanwhile), as typed: the save service reports it as
        not saved rather than dropping it without a word. A field the person did not
        change (its value is still the one the page loaded) is no loss."""
        if not self.is_bound:
            return {}
        found: dict[str, Any] = {}
        for name in list(self.data)[:500]:
            if not name.startswith("q_") or "@" not in name or name in self.fields:
                continue
            question = self.repeat_questions.get(slot_key(name[2:]))
            if question is None:
                continue
            field = answer_field(question, required=False)
            if field is None:
                continue
            raw = field.widget.value_from_datadict(self.data, self.files, name)
            try:
                value = field.clean(raw)
            except ValidationError:
                value = raw
            if value in (None, "", []):
                continue
            if self.data.get(f"base-{name}") == token(value):
                continue  # unchanged since the page was loaded
            found[name[2:][:200]] = (
                value if not isinstance(value, str) else value[:2000]
            )
        return found

    def bases(self):
        """{question key: base token posted by the page}."""
        return {name[2:]: token for name, token in self.base_tokens.items() if token}

    def choices(self):
        """{question key: (choice, seen token)} for conflicts the person has decided."""
        return {
            name[2:]: choice
            for name, choice in posted_choices(self.data, self.questions).items()
        }

    def loaded_version(self):
        try:
            return int(self.data.get("version"))
        except (TypeError, ValueError):
            return None

    def has_required(self):
        return any(question.required for question in self.questions.values())


class ReturnForm(forms.Form):
    """The consultant's overall comment and a comment field per question."""

    comment = forms.CharField(
        label=_("Kommentar til tovholderen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args, questions, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        # The token of each answer as the page shows it (`base-a_<key>`): a review
        # made from a page whose answers have changed since is shown again first.
        if self.is_bound:
            self.answer_tokens = {
                q.key: posted_token(self.data, f"base-a_{q.key}")
                for q in self.questions
            }
        else:
            self.answer_tokens = answer_tokens(self.questions, answers or {})
        for question in self.questions:
            self.fields[f"comment_{question.pk}"] = forms.CharField(
                label=_("Kommentar til “%(question)s”") % {"question": question.text},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.comment_fields = {q.pk: self[f"comment_{q.pk}"] for q in self.questions}

    def answer_comments(self):
        return {q: self.cleaned_data.get(f"comment_{q.pk}", "") for q in self.questions}

    def changed_answers(self, answers):
        """The questions whose answers differ from what the page showed."""
        now = answer_tokens(self.questions, answers)
        return [
            q for q in self.questions if self.answer_tokens.get(q.key) != now[q.key]
        ]


def answer_tokens(questions, answers):
    """{question key: token of its stored answer} (`answers` by question id)."""
    return {
        q.key: token(answers[q.pk].form_value if q.pk in answers else None)
        for q in questions
    }


class AdvisoryVisitForm(forms.ModelForm):
    class Meta:
        model = AdvisoryVisit
        fields = [
            "site",
            "visited_on",
            "initiatives",
            "participants",
            "notes",
            "agreed_adjustments",
        ]
        widgets = {
            "visited_on": DateInput(),
            "initiatives": forms.CheckboxSelectMultiple(),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "agreed_adjustments": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["site"].queryset = project.sites.order_by("name")
        self.fields["initiatives"].queryset = project.initiatives.order_by("name")

    def clean_visited_on(self):
        visited_on = self.cleaned_data["visited_on"]
        if visited_on > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(
                _("Datoen ligger for langt ude i fremtiden."), code="far_future"
            )
        return visited_on


class InterviewQuestionForm(OptionalPositionMixin, forms.ModelForm):
    class Meta:
        model = InterviewQuestion
        fields = ["text", "position"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project


class PhoneInterviewForm(forms.ModelForm):
    """The interview's facts, and an answer field per question of the interview guide."""

    class Meta:
        model = PhoneInterview
        fields = ["site", "held_on", "coordinator", "initiatives", "notes"]
        widgets = {
            "held_on": DateInput(),
            "initiatives": forms.CheckboxSelectMultiple(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["site"].queryset = project.sites.order_by("name")
        self.fields["initiatives"].queryset = project.initiatives.order_by("name")
        self.fields["coordinator"].queryset = project_coordinators(project)
        self.fields["coordinator"].label_from_instance = user_label
        current = {}
        if self.instance.pk:
            current = {a.question_id: a.text for a in self.instance.answers.all()}
        self.questions = list(project.interview_questions.all())
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                initial=current.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self):
        return {q: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}


class AnswerQuoteForm(QuoteForm):
    """The quote form for a quote made from an answer that may hold a citizen's words.

    It has no consent or review: the quote is saved without either, and the
    consultant records them afterwards on the quote, as for every quote."""

    class Meta(QuoteForm.Meta):
        fields = [
            name
            for name in QuoteForm.Meta.fields
            if name not in ("consent_to_publish", "reviewed")
        ]
        help_texts = {
            "text": _(
                "Tag kun borgerens egne ord med, og kun dem, der skal bruges. "
                "Resten af svaret bliver i skemaet."
            ),
        }


CHOICE_ERRORS = {"invalid_choice": _("Vælg en af mulighederne på listen.")}
NUMBER_ERRORS = {
    "invalid": _("Skriv et tal, fx 8 eller 2,5."),
    "max_value": _("Tallet er for stort."),
    "min_value": _("Tallet er for lille."),
    "max_digits": _("Tallet er for stort."),
    "max_whole_digits": _("Tallet er for stort."),
    "max_decimal_places": _("Skriv højst to decimaler."),
}


def _number_field(**options: Any) -> forms.DecimalField:
    """A number of a criterion (a target, a baseline), typed the Danish way (2,5)."""
    return forms.DecimalField(
        **{
            "localize": True,
            "max_digits": 12,
            "decimal_places": 2,
            "min_value": -criteria.LARGEST_TARGET,
            "max_value": criteria.LARGEST_TARGET,
            "error_messages": NUMBER_ERRORS,
            **options,
        }
    )


class CriterionForm(forms.Form):
    """One success criterion of a guide (testing/criteria.py), with a baseline per site."""

    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    question_key = forms.ChoiceField(
        label=_("Spørgsmål"), required=False, error_messages=CHOICE_ERRORS
    )
    measure = forms.ChoiceField(
        label=_("Hvad måles"),
        choices=criteria.Measure.choices,
        error_messages=CHOICE_ERRORS,
    )
    choice = forms.CharField(
        label=_("Svaret, der tælles"),
        required=False,
        max_length=200,
        help_text=_("Kun ved “andelen, der valgte et bestemt svar”."),
    )
    period = forms.ChoiceField(
        label=_("Hvornår"),
        choices=criteria.Period.choices,
        error_messages=CHOICE_ERRORS,
    )
    applies = forms.ChoiceField(
        label=_("Hvor"), choices=criteria.Applies.choices, error_messages=CHOICE_ERRORS
    )
    comparison = forms.ChoiceField(
        label=_("Sammenligning"),
        choices=criteria.Comparison.choices,
        error_messages=CHOICE_ERRORS,
    )
    target = _number_field(
        label=_("Mål"),
        help_text=_("Et tal; i procent ved andele og ved “over udgangspunktet”."),
    )
    target_high = _number_field(
        label=_("Øvre grænse"), required=False, help_text=_("Kun ved “mellem”.")
    )
    min_answers = forms.IntegerField(
        label=_("Mindst antal svar"),
        min_value=1,
        max_value=1000,
        initial=1,
        help_text=_("Færre svar i en uge (eller i alt) giver “for lidt data”."),
    )
    baseline_note = forms.CharField(
        label=_("Udgangspunktet er målt"),
        required=False,
        max_length=200,
        help_text=_("Fx “gennemsnit pr. uge i uge 33–36”."),
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=300)

    def __init__(self, *args, questions, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.sites = list(sites)
        self.fields["question_key"].choices = [("", _("– intet (antal skemaer) –"))] + [
            (key, question.text)
            for key, question in questions.items()
            if criteria.can_measure(question.kind)
        ]
        stored = self.initial.get("question_key")
        if stored and stored not in questions:
            # A question removed from the schema: still shown, so the page says so.
            field = self.fields["question_key"]
            field.choices = [
                *field.choices,
                (stored, _("(fjernet fra skemaet: %(key)s)") % {"key": stored}),
            ]
        for site in self.sites:
            self.fields[f"baseline_{site.pk}"] = _number_field(
                label=_("Udgangspunkt: %(site)s") % {"site": site.name},
                required=False,
                min_value=0,
            )

    def baseline_fields(self):
        return [self[f"baseline_{site.pk}"] for site in self.sites]

    def criterion(self) -> criteria.Criterion:
        data = self.cleaned_data
        return criteria.Criterion(
            key=data.get("key") or "",
            measure=data["measure"],
            comparison=data["comparison"],
            target=data["target"],
            target_high=data.get("target_high"),
            period=data["period"],
            applies=data["applies"],
            question_key=""
            if data["measure"] == criteria.Measure.SCHEMAS
            else data.get("question_key") or "",
            choice=data.get("choice", "").strip(),
            baselines={
                str(site.pk): data[f"baseline_{site.pk}"]
                for site in self.sites
                if data.get(f"baseline_{site.pk}") is not None
            },
            baseline_note=data.get("baseline_note", "").strip(),
            min_answers=data["min_answers"],
            note=data.get("note", "").strip(),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors or not cleaned or cleaned.get("DELETE"):
            return cleaned
        if cleaned["measure"] != criteria.Measure.SCHEMAS and not cleaned.get(
            "question_key"
        ):
            self.add_error("question_key", _("Vælg det spørgsmål, der måles på."))
            return cleaned
        for problem in criteria.problems(self.criterion(), self.questions):
            self.add_error(None, problem)
        return cleaned

    @staticmethod
    def initial_for(criterion: criteria.Criterion) -> dict[str, Any]:
        initial = {
            "key": criterion.key,
            "question_key": criterion.question_key,
            "measure": criterion.measure,
            "choice": criterion.choice,
            "period": criterion.period,
            "applies": criterion.applies,
            "comparison": criterion.comparison,
            "target": criterion.target,
            "target_high": criterion.target_high,
            "min_answers": criterion.min_answers,
            "baseline_note": criterion.baseline_note,
            "note": criterion.note,
        }
        for site, value in criterion.baselines.items():
            initial[f"baseline_{site}"] = value
        return initial


class BaseCriteriaFormSet(forms.BaseFormSet):
    def criteria(self) -> list[criteria.Criterion]:
        """The criteria kept: every shown one not marked for removal, and the new
        rows that were filled in (an empty new row is no criterion)."""
        return [
            form.criterion()
            for index, form in enumerate(self.forms)
            if not (self.can_delete and form.cleaned_data.get("DELETE"))
            and (index < self.initial_form_count() or form.has_changed())
        ]


CriteriaFormSet = forms.formset_factory(
    CriterionForm,
    formset=BaseCriteriaFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class ConditionRuleForm(forms.Form):
    """One rule of a condition: a question before this one, a test, maybe a value."""

    question = forms.ChoiceField(label=_("Spørgsmål"), required=False)
    test = forms.ChoiceField(
        label=_("Betingelse"),
        required=False,
        choices=[("", "—"), *conditions.RuleTest.choices],
    )
    value = forms.CharField(
        label=_("Værdi (tal eller valgmulighed)"), required=False, max_length=300
    )

    def __init__(self, *args, before, **kwargs):
        super().__init__(*args, **kwargs)
        self.before = before
        self.fields["question"].choices = [("", "—")] + [
            (key, ref.text) for key, ref in before.items()
        ]
        # A stored rule on a question removed or moved down stays visible, flagged.
        initial = self.initial.get("question")
        if initial and initial not in before:
            self.fields["question"].choices = [
                *self.fields["question"].choices,
                (
                    initial,
                    _("(fjernet eller flyttet spørgsmål: %(key)s)") % {"key": initial},
                ),
            ]

    def clean(self):
        data = super().clean()
        key, test = data.get("question"), data.get("test")
        if not key and not test:
            return data
        if not key:
            self.add_error("question", _("Vælg spørgsmålet, reglen ser på."))
            return data
        if not test:
            self.add_error("test", _("Vælg betingelsen."))
            return data
        ref = self.before.get(key)
        if ref is None:
            self.add_error(
                "question",
                _("Vælg et spørgsmål, der står før dette i skemaet."),
            )
            return data
        value = (data.get("value") or "").strip()
        if test not in conditions.tests_for(ref.kind):
            self.add_error(
                "test",
                _("“%(test)s” passer ikke til “%(question)s”.")
                % {"test": conditions.RuleTest(test).label, "question": ref.text},
            )
        elif test in conditions.CHOICE_TESTS and value not in ref.choices:
            self.add_error(
                "value",
                _("Skriv en af valgmulighederne: %(choices)s.")
                % {"choices": ", ".join(ref.choices)},
            )
        elif test in conditions.NUMBER_TESTS:
            number = conditions.number(value)
            if number is None or abs(number) > 10**12:
                self.add_error("value", _("Skriv et tal at sammenligne med."))
            else:
                value = str(number)
        data["value"] = value if test in conditions.VALUE_TESTS else None
        return data

    def rule(self) -> conditions.Rule | None:
        data = getattr(self, "cleaned_data", {})
        if not data.get("question") or not data.get("test"):
            return None
        return conditions.Rule(
            question=data["question"], test=data["test"], value=data.get("value")
        )


class BaseConditionRuleFormSet(forms.BaseFormSet):
    def rules(self) -> list[conditions.Rule]:
        return [rule for form in self.forms if (rule := form.rule()) is not None]


ConditionRuleFormSet = forms.formset_factory(
    ConditionRuleForm,
    formset=BaseConditionRuleFormSet,
    extra=2,
    max_num=conditions.MAX_RULES,
    absolute_max=conditions.MAX_RULES + 2,
    validate_max=True,
)


class ConditionForm(forms.Form):
    """When a section or question is shown: the period, the sites, the rules' join."""

    periods = forms.ChoiceField(
        label=_("I hvilke skemaer"),
        choices=conditions.Periods.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    sites = forms.TypedMultipleChoiceField(
        label=_("På hvilke steder"),
        help_text=_("Vælg ingen for alle steder."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    match = forms.ChoiceField(
        label=_("Når der er flere regler, vises det, når"),
        choices=conditions.Match.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].choices = list(sites.items())

    @staticmethod
    def initial_for(condition: conditions.Condition) -> dict[str, Any]:
        return {
            "periods": condition.periods,
            "sites": list(condition.sites),
            "match": condition.match,
        }


class CommentReplyForm(forms.Form):
    """A reply in a comment's thread (its length and the empty reply are the
    service's to refuse, in words; the form refuses what no text may hold: NUL)."""

    text = forms.CharField(strip=False, required=False)
