"""Webhooks in the Wagtail admin: endpoints with their events, the deliveries log, replays and pings."""

import json

import django_filters

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from brand_hub.events.catalogue import EventKind

from . import services
from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

#: Who may manage endpoints may also ping them and replay their deliveries.
MANAGE = "webhooks.change_webhookendpoint"


def kind_choices() -> list[tuple[str, str]]:
    return [*EventKind.choices, (services.PING, gettext_lazy("Test ping"))]


class WebhookEndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=gettext_lazy("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Where the events are POSTed, signed: an https URL."),
    )
    event_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=EventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The events sent to this endpoint; none ticked, nothing is sent."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "event_kinds", "active"]


class EndpointCreateView(CreateView):
    """Saves who created the endpoint, then shows its new secret, once."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return reverse("webhook_endpoints:secret", args=[self.object.pk])


class ActionsColumn(Column):
    """POST buttons in a row (a ping, a rotation, a replay), each returning to the list as it was."""

    cell_template_name = "webhooks/admin/actions_cell.html"

    def __init__(self, name, *, actions, **kwargs):
        super().__init__(name, **kwargs)
        self.actions = actions

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["actions"] = [
            (label, url, method)
            for label, url, method in self.actions(instance)
            if method == "get" or request.user.has_perm(MANAGE)
        ]
        context["next_url"] = request.get_full_path()
        return context


def endpoint_actions(endpoint: WebhookEndpoint):
    return [
        (_("Deliveries"), reverse("webhook_deliveries:index") + f"?endpoint={endpoint.pk}", "get"),
        (_("Send test ping"), reverse("webhook_endpoints:ping", args=[endpoint.pk]), "post"),
        (_("Rotate secret"), reverse("webhook_endpoints:rotate", args=[endpoint.pk]), "post"),
    ]


def delivery_actions(delivery: WebhookDelivery):
    return [(_("Replay"), reverse("webhook_deliveries:replay", args=[delivery.pk]), "post")]


def subscribed_kinds(endpoint: WebhookEndpoint) -> str:
    labels = dict(EventKind.choices)
    return ", ".join(str(labels.get(kind, kind)) for kind in endpoint.event_kinds) or "—"


def back_to(request, fallback: str):
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = fallback
    return redirect(next_url)


def report(request, delivery: WebhookDelivery, *, what: str) -> None:
    """Tell the editor what came of an attempt made from the admin."""
    if delivery.status == DeliveryStatus.SUCCEEDED:
        messages.success(
            request,
            _("%(what)s: the endpoint answered %(code)s in %(ms)s ms.")
            % {"what": what, "code": delivery.last_status_code, "ms": delivery.last_response_ms},
        )
    elif delivery.status == DeliveryStatus.PENDING:
        messages.warning(
            request,
            _("%(what)s: queued; the endpoint is inactive, so it waits until it is active.") % {"what": what},
        )
    else:
        messages.error(
            request,
            _("%(what)s failed: %(error)s (%(status)s).")
            % {"what": what, "error": delivery.last_error, "status": delivery.get_status_display()},
        )


@require_POST
@permission_required(MANAGE, raise_exception=True)
def ping_view(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    report(
        request, services.ping(endpoint=endpoint), what=_("Test ping to “%(name)s”") % {"name": endpoint.name}
    )
    return back_to(request, reverse("webhook_endpoints:index"))


@require_POST
@permission_required(MANAGE, raise_exception=True)
def rotate_view(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    services.rotate_secret(endpoint=endpoint)
    return redirect("webhook_endpoints:secret", endpoint.pk)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def replay_view(request, pk: int):
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    # The replay's task runs once this request's transaction commits (at once with the immediate
    # backend, by a worker with the database one): report what is known when the view answers.
    delivery = services.replay(delivery=delivery)
    delivery.refresh_from_db()
    if delivery.status == DeliveryStatus.PENDING and delivery.endpoint.active:
        messages.success(request, _("Delivery %(id)s is queued to be sent again now.") % {"id": delivery.pk})
    else:
        report(request, delivery, what=_("Replay of delivery %(id)s") % {"id": delivery.pk})
    return back_to(request, reverse("webhook_deliveries:index"))


class SecretView(WagtailAdminTemplateMixin, TemplateView):
    """The endpoint's signing secret, shown on this page once after its creation or rotation."""

    template_name = "webhooks/admin/secret.html"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE):
            raise PermissionDenied
        self.endpoint = get_object_or_404(WebhookEndpoint, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Signing secret")

    def get_page_subtitle(self):
        return self.endpoint.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            endpoint=self.endpoint,
            secret=services.reveal_secret(endpoint_id=self.endpoint.pk),
            edit_url=reverse("webhook_endpoints:edit", args=[self.endpoint.pk]),
            rotate_url=reverse("webhook_endpoints:rotate", args=[self.endpoint.pk]),
            **kwargs,
        )


class EndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = gettext_lazy("Endpoints")
    url_prefix = "webhooks/endpoints"
    name = "webhook_endpoints"
    form_fields = ["name", "url", "event_kinds", "active"]
    add_view_class = EndpointCreateView
    list_display = [
        "name",
        "url",
        Column("event_kinds", label=gettext_lazy("Events"), accessor=subscribed_kinds),
        "active",
        ActionsColumn("actions", label=gettext_lazy("Actions"), actions=endpoint_actions),
    ]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/secret/", SecretView.as_view(), name="secret"),
            path("<int:pk>/ping/", ping_view, name="ping"),
            path("<int:pk>/rotate/", rotate_view, name="rotate"),
        ]


class DeliveryFilterSet(WagtailFilterSet):
    endpoint = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Endpoint"), queryset=WebhookEndpoint.objects.all()
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=DeliveryStatus.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Event"), choices=kind_choices)

    class Meta:
        model = WebhookDelivery
        fields = []


class DeliveryInspectView(InspectView):
    """The delivery with what was sent and every attempt it took."""

    template_name = "webhooks/admin/delivery_inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            attempts=self.object.attempt_log.all(),
            body=json.dumps(json.loads(services.body_of(self.object)), indent=2, ensure_ascii=False),
            **kwargs,
        )


class LogOnlyPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are made by events and pings, never added, edited or deleted by hand."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)


class DeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = gettext_lazy("Deliveries")
    url_prefix = "webhooks/deliveries"
    name = "webhook_deliveries"
    list_display = [
        Column("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
        "endpoint",
        "kind",
        "status",
        "attempts",
        "last_status_code",
        "last_response_ms",
        "last_error",
        "next_attempt_at",
        "delivered_at",
        ActionsColumn("actions", label=gettext_lazy("Actions"), actions=delivery_actions),
    ]
    filterset_class = DeliveryFilterSet
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_class = DeliveryInspectView
    inspect_view_fields = [
        "endpoint",
        "event",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "last_response_ms",
        "last_error",
        "created_at",
        "delivered_at",
    ]
    copy_view_enabled = False
    form_fields = []

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("endpoint", "event")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/replay/", replay_view, name="replay")]


class WebhooksViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Webhooks")
    menu_icon = "link-external"
    menu_order = 820
    items = (EndpointViewSet, DeliveryViewSet)
