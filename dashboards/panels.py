"""Links from the home page and an initiative's page to the results."""

from core import panels


@panels.register("home")
def dashboard_link(*, user, project, memberships):
    return {"template": "dashboards/panels/home.html"}


@panels.register("initiative")
def results_link(*, user, initiative):
    return {"template": "dashboards/panels/initiative.html", "initiative": initiative}
