"""The tally at the counter: a page of big "+1" buttons for a week's schema, the
endpoint its script sends taps to, and the service worker that keeps the page
working without a network (static/js/tally.js, testing/services/tally.py)."""

import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache

from core.generic import PermissionRequiredMixin
from core.services import ActionRefused, StateConflict

from .. import selectors, services
from ..models import Submission, TestRun
from .submissions import SubmissionMixin

# What the service worker keeps for the tally page besides the page itself.
TALLY_ASSETS = (
    "vendor/bootstrap-5.3.9/css/bootstrap.min.css",
    "css/synergy.css",
    "css/badges.css",
    "css/tally.css",
    "img/favicon.svg",
    "vendor/bootstrap-5.3.9/js/bootstrap.bundle.min.js",
    "js/tables.js",
    "js/session.js",
    "js/tally.js",
)


def tally_state(submission: Submission, questions) -> dict:
    """What the tally page shows besides its buttons, as its script receives it
    after every sending: the totals, whether taps count now, and the taps kept
    uncounted (with what to do about them)."""
    week = submission.week.isocalendar().week
    held = selectors.tally_held(submission=submission)
    is_open = selectors.tally_is_open(submission)
    notice = held_message = ""
    if not is_open:
        notice = _(
            "Skemaet for uge %(week)s er sendt, så tryk tæller ikke med i det nu. "
            "De gemmes og kan tælles med, hvis konsulenten sender skemaet tilbage."
        ) % {"week": week}
    if held and not is_open:
        held_message = ngettext(
            "Skemaet for uge %(week)s er sendt; %(count)s tryk er ikke talt med. "
            "Bed konsulenten sende skemaet tilbage, så kan du tælle det med her.",
            "Skemaet for uge %(week)s er sendt; %(count)s tryk er ikke talt med. "
            "Bed konsulenten sende skemaet tilbage, så kan du tælle dem med her.",
            held,
        ) % {"week": week, "count": held}
    elif held:
        held_message = ngettext(
            "%(count)s tryk fra mens skemaet for uge %(week)s var sendt, er ikke "
            "talt med endnu.",
            "%(count)s tryk fra mens skemaet for uge %(week)s var sendt, er ikke "
            "talt med endnu.",
            held,
        ) % {"week": week, "count": held}
    return {
        "totals": selectors.tally_totals(
            submission=submission, questions=questions, today=timezone.localdate()
        ),
        "open": is_open,
        "notice": notice,
        "held": held,
        "held_message": held_message,
        "can_count_held": bool(held and is_open),
        "count_held_label": ngettext(
            "Tæl %(count)s tryk med", "Tæl de %(count)s tryk med", held
        )
        % {"count": held},
        "version": submission.version,
    }


@method_decorator(never_cache, name="dispatch")
class SubmissionTallyView(SubmissionMixin, PermissionRequiredMixin, View):
    """The tally page of a week's schema: a "+1" button per counted question, an
    undo for this device's last tap, today's and the week's totals."""

    permission_required = "testing.tally_submission"
    template_name = "testing/submission_tally.html"

    def get(self, request, *args, **kwargs):
        submission = self.get_submission()
        questions = selectors.tally_questions(submission)
        return render(
            request,
            self.template_name,
            {
                "submission": submission,
                "project": submission.run.project,
                "project_section": "testing",
                "questions": questions,
                "state": tally_state(submission, questions),
                "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
                "may_fill": request.user.has_perm(
                    "testing.change_submission", submission
                ),
            },
        )


@method_decorator([login_not_required, never_cache], name="dispatch")
class SubmissionTapsView(SubmissionMixin, View):
    """POST a batch of taps as JSON: {"device": id, "taps": [{"id", "question",
    "delta", "undoes", "tapped_at"}]} (an empty list only asks for the totals).

    Answers JSON: the ids stored (the page may forget them), those refused with the
    reason, those over the batch limit (send again), and the page's state. A user
    whose session has ended gets 401 JSON, never the login page: the page keeps the
    taps and sends them after a new login."""

    http_method_names = ["post"]
    permission_required = "testing.tally_submission"

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse(
                {
                    "error": "session_expired",
                    "message": _("Du er blevet logget ud. Trykkene venter her."),
                    "login_url": reverse("login"),
                },
                status=401,
            )
        submission = self.get_submission()
        if not request.user.has_perm(self.permission_required, submission):
            raise PermissionDenied
        try:
            payload = json.loads(request.body or b"{}")
        except (ValueError, BadRequest):
            payload = None
        taps = payload.get("taps") if isinstance(payload, dict) else None
        if not isinstance(taps, list):
            return JsonResponse(
                {
                    "error": "bad_request",
                    "message": _("Trykkene kunne ikke læses. Intet er talt med."),
                },
                status=400,
            )
        device = payload.get("device")
        try:
            result = services.tally_record_taps(
                submission=submission,
                taps=taps,
                user=request.user,
                device=device if isinstance(device, str) else "",
            )
        except StateConflict as conflict:
            return JsonResponse(
                {"error": "conflict", "message": str(conflict)}, status=409
            )
        questions = selectors.tally_questions(result.submission)
        return JsonResponse(
            {
                "stored": result.stored,
                "applied": result.applied,
                "held": result.held,
                "refused": [
                    {"id": tap_id, "message": message}
                    for tap_id, message in result.refused
                ],
                "deferred": result.deferred,
                "state": tally_state(result.submission, questions),
            }
        )


class SubmissionTallyHeldView(SubmissionMixin, PermissionRequiredMixin, View):
    """POST: count in the taps kept while the schema was sent (it is open again)."""

    http_method_names = ["post"]
    permission_required = "testing.tally_submission"

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        try:
            count = services.tally_count_held(submission=submission, user=request.user)
        except ActionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s tryk er talt med i skemaet.",
                    "%(count)s tryk er talt med i skemaet.",
                    count,
                )
                % {"count": count},
            )
        return HttpResponseRedirect(
            reverse("testing:submission_tally", args=[submission.pk])
        )


@method_decorator(never_cache, name="dispatch")
class TestRunTallyView(PermissionRequiredMixin, View):
    """This week's tally of a test run (a link to keep on the counter's tablet):
    on to the week's schema, or a page saying the run has none this week."""

    permission_required = "testing.tally_submission"
    audit = False

    def get_run(self):
        if not hasattr(self, "_run"):
            run = get_object_or_404(
                TestRun.objects.visible_to(self.request.user).select_related(
                    "project", "site", "initiative"
                ),
                pk=self.kwargs["pk"],
            )
            # Another site's schemas do not exist for a coordinator (as the schemas).
            if not self.request.user.has_perm("testing.view_submission", run):
                raise Http404
            self._run = run
        return self._run

    def get_permission_object(self):
        return self.get_run()

    def get(self, request, *args, **kwargs):
        run = self.get_run()
        today = timezone.localdate()
        submission = selectors.current_week_submission(run=run, today=today)
        if submission is not None:
            return HttpResponseRedirect(
                reverse("testing:submission_tally", args=[submission.pk])
            )
        return render(
            request,
            "testing/testrun_tally.html",
            {
                "run": run,
                "project": run.project,
                "project_section": "testing",
                "week": today.isocalendar().week,
            },
        )


class TallyWorkerView(PermissionRequiredMixin, View):
    """The service worker of the tally pages (scope /tally/): it keeps the page and
    its files, so a tablet that loses the network can still be reloaded and count
    (the taps wait in the browser). Served here, not from /static/, so that its
    scope covers the tally pages."""

    permission_required = "testing.view_my_submissions"
    audit = False

    def get(self, request, *args, **kwargs):
        assets = [static(path) for path in TALLY_ASSETS]
        cache = hashlib.sha256("\n".join(assets).encode()).hexdigest()[:12]
        response = render(
            request,
            "testing/tally_sw.js",
            {
                "assets_json": json.dumps(assets),
                "cache_name": json.dumps(f"synergi-tally-{cache}"),
                "page_pattern": json.dumps(
                    reverse("testing:submission_tally", args=[0]).replace("/0/", "/")
                ),
            },
            content_type="text/javascript; charset=utf-8",
        )
        response["Service-Worker-Allowed"] = (
            reverse("testing:tally_worker").rsplit("/", 1)[0] + "/"
        )
        # no-store, as every response to a signed-in user: the browser checks the
        # worker for updates past its HTTP cache anyway.
        return response
