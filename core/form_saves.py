"""Saving a validated ModelForm: the generic pages' write for models whose state no
service owns (a term, a theme, a timeline item). A model whose state a service owns is
saved by its service, which the page calls with `form.cleaned_data`.
"""

from typing import Any

from django import forms
from django.db import transaction


@transaction.atomic
def model_form_save(*, form: forms.ModelForm) -> Any:
    """Save a validated ModelForm (its many-to-many fields too) in one transaction."""
    return form.save()


def model_form_merge_save(*, form: Any, same_version: bool = False) -> Any:
    """Save a validated MergeModelFormMixin form by three-way merge with what was
    saved since its page was loaded (services.instance_merge_save). `form` is a
    ModelForm with core.merge_forms.MergeModelFormMixin."""
    from core.services import instance_merge_save

    return instance_merge_save(
        instance=form.instance,
        values=form.merge_values(),
        bases=form.bases(),
        choices=form.choices(),
        same_version=same_version,
    )
