"""The list of my notifications, opening one, marking all read, and my choices."""

from typing import Any

from django.contrib import messages
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView

from core.generic import PermissionRequiredMixin

from . import selectors, services
from .forms import NotificationPreferenceForm
from .models import Notification


@method_decorator(never_cache, name="dispatch")
class NotificationListView(PermissionRequiredMixin, ListView[Notification]):
    """My notifications, newest first; the unread ones marked."""

    permission_required = "synergy.use_app"
    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 25
    extra_context = {"page_title": gettext_lazy("Notifikationer")}

    def get_queryset(self) -> Any:
        return selectors.notification_list(user=self.request.user)  # type: ignore[arg-type]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # "Marker alle som læst" marks what was there when the page was shown.
        context["newest_id"] = self.get_queryset().aggregate(newest=Max("pk"))["newest"]
        return context


class NotificationOpenView(PermissionRequiredMixin, View):
    """POST: mark one of my notifications read and go to what it is about. (A GET, a
    copied or bookmarked address, goes to the list: reading changes nothing.)"""

    permission_required = "synergy.use_app"
    http_method_names = ["get", "post"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(reverse("notifications:notification_list"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = (
            selectors.notification_list(user=request.user)  # type: ignore[arg-type]
            .filter(pk=pk)
            .first()
        )
        if notification is None:
            # Their own, but what it was about is gone or no longer theirs to see
            # (a tab opened before): said in words, not a bare 404.
            own = Notification.objects.filter(
                pk=pk,
                recipient=request.user,  # type: ignore[misc]  # signed in here
            ).first()
            if own is None:
                raise Http404
            services.notification_mark_read(notification=own)
            messages.warning(
                request,
                _(
                    "Det, notifikationen handlede om, findes ikke længere, eller du "
                    "har ikke længere adgang til det."
                ),
            )
            return HttpResponseRedirect(
                reverse("notifications:notification_list"), status=303
            )
        services.notification_mark_read(notification=notification)
        url = notification.url
        if not url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            url = reverse("notifications:notification_list")
        return HttpResponseRedirect(url, status=303)


class NotificationMarkAllReadView(PermissionRequiredMixin, View):
    """POST: "Marker alle som læst"."""

    permission_required = "synergy.use_app"
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        up_to = request.POST.get("up_to", "")
        count = services.notifications_mark_all_read(
            user=request.user,  # type: ignore[arg-type]
            up_to_id=int(up_to) if up_to.isdigit() and len(up_to) < 12 else None,
        )
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d notifikation er markeret som læst.",
                    "%(count)d notifikationer er markeret som læst.",
                    count,
                )
                % {"count": count},
            )
        return HttpResponseRedirect(
            reverse("notifications:notification_list"), status=303
        )


class NotificationPreferencesView(
    PermissionRequiredMixin, FormView[NotificationPreferenceForm]
):
    """My choices per kind: in the app and/or by mail."""

    permission_required = "synergy.use_app"
    template_name = "notifications/notification_preferences.html"
    form_class = NotificationPreferenceForm
    success_url = reverse_lazy("notifications:notification_preferences")
    extra_context = {"page_title": gettext_lazy("Valg for notifikationer")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["initial_choices"] = selectors.preferences_for(user=self.request.user)  # type: ignore[arg-type]
        kwargs["kinds"] = selectors.kinds_for(user=self.request.user)  # type: ignore[arg-type]
        return kwargs

    def form_valid(self, form: NotificationPreferenceForm) -> HttpResponse:
        services.notification_preferences_save(
            user=self.request.user,  # type: ignore[arg-type]
            choices=form.choices(),
        )
        messages.success(self.request, _("Dine valg er gemt."))
        return super().form_valid(form)
