"""Django admin cannot change state a service owns (issue 14, part 5).

Each app declares the fields only its services write (`OWNED_STATE`, collected by
core.owned_state). Every admin page and inline of such a model shows them
read-only; a log (declared ALL) can be looked at but not added to or changed.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from core.owned_state import ALL, declarations, is_log, owned_fields
from initiatives.tests.factories import IdeaFactory


def admin_pages():
    """(model, admin) for every registered admin page and every inline on one."""
    for model, model_admin in admin.site._registry.items():
        yield model, model_admin, False
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            yield inline.model, inline, True


def superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_active=True, is_staff=True)
    return request


# Rows written only by services that may still be deleted by hand: a stored PDF.
DELETABLE_LOGS = {"reporting.CatalogueRender"}


def test_the_states_services_own_are_declared():
    declared = {model._meta.label: fields for model, fields in declarations().items()}
    assert {"status", "version"} <= set(declared["testing.Submission"])
    assert {"phase", "outcome"} <= set(declared["initiatives.Idea"])
    assert "status" in declared["initiatives.Initiative"]
    # "Reviewed" says who vouched for a quote: set with the reviewer, never alone.
    assert {"reviewed", "reviewed_by"} <= set(declared["initiatives.Quote"])
    for log in (
        "testing.SubmissionEvent",
        "initiatives.IdeaTransition",
        "initiatives.InitiativeTransition",
        "initiatives.Decision",
        "reporting.CatalogueRender",
        "sites.ChangeProposal",
        "synergy.AuditEvent",
    ):
        assert declared[log] == ALL, log
    for model, fields in declarations().items():
        if fields != ALL:
            names = {f.name for f in model._meta.get_fields()}
            assert set(fields) <= names, (model, set(fields) - names)


def test_admin_shows_owned_state_read_only_and_logs_unchangeable():
    request = superuser_request()
    checked = set()
    for model, page, inline in admin_pages():
        owned = owned_fields(model)
        if not owned:
            continue
        checked.add(model._meta.label)
        for obj in (None, model()):
            where = f"{type(page).__name__} ({'change' if obj else 'add'})"
            if is_log(model):
                add_args = (obj,) if inline else ()
                assert not page.has_add_permission(request, *add_args), where
                assert not page.has_change_permission(request, obj), where
                if model._meta.label not in DELETABLE_LOGS:
                    # A history cut short by hand is no history (the tester
                    # deleted an idea's phase change from its admin inline).
                    assert not page.has_delete_permission(request, obj), where
            else:
                readonly = set(page.get_readonly_fields(request, obj))
                assert set(owned) <= readonly, (where, set(owned) - readonly)
    assert {
        "testing.Submission",
        "testing.SubmissionEvent",
        "initiatives.Idea",
        "initiatives.Initiative",
        "initiatives.IdeaTransition",
        "reporting.CatalogueRender",
    } <= checked


@pytest.mark.django_db
def test_the_idea_admin_form_has_no_phase_or_outcome(admin_client):
    idea = IdeaFactory()
    response = admin_client.get(
        reverse("admin:initiatives_idea_change", args=[idea.pk])
    )
    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    assert "title" in fields
    assert not {"phase", "outcome", "version"} & set(fields)
