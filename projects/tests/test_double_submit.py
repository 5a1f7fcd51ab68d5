"""Two saves of a new record at once (a double click, two tabs) both pass the form's
checks before either is written; the database refuses the second. The page says why,
beside the field, and nothing is saved twice (the tester got a 500 here)."""

import pytest
from django.urls import reverse

from projects.models import Project
from projects.tests.test_project_views import project_data
from projects.views import ProjectCreateView
from sites.models import Site
from sites.tests.test_views import site_form_data
from sites.views import SiteCreateView


def save_after_the_other_request(view_class, monkeypatch, make_the_other):
    """The other request writes the same name after this one's form was checked."""
    original = view_class.form_valid

    def form_valid(self, form):
        make_the_other()
        return original(self, form)

    monkeypatch.setattr(view_class, "form_valid", form_valid)


@pytest.mark.django_db
def test_a_project_saved_twice_at_once_says_the_name_is_taken(
    client, world, monkeypatch
):
    client.force_login(world.users["consultant"])
    save_after_the_other_request(
        ProjectCreateView,
        monkeypatch,
        lambda: Project.objects.create(
            name="Tvillingeforløb", starts_on="2026-01-05", ends_on="2026-03-01"
        ),
    )
    response = client.post(
        reverse("synergy:project_create"), project_data(world, name="Tvillingeforløb")
    )
    assert response.status_code == 200
    assert "Der findes allerede et forløb med dette navn." in response.content.decode()
    assert Project.objects.filter(name="Tvillingeforløb").count() == 1


@pytest.mark.django_db
def test_a_site_saved_twice_at_once_says_the_name_is_taken(client, world, monkeypatch):
    client.force_login(world.users["consultant"])
    save_after_the_other_request(
        SiteCreateView,
        monkeypatch,
        lambda: Site.objects.create(
            name="Tvillingestedet", municipality=world.municipality
        ),
    )
    response = client.post(
        reverse("sites:site_create"), site_form_data(world, name="Tvillingestedet")
    )
    assert response.status_code == 200, response.status_code
    assert "Der findes allerede et sted med dette navn." in response.content.decode()
    assert Site.objects.filter(name="Tvillingestedet").count() == 1
