"""Moderators' admin for trust: suspensions made and lifted, levels explained and set, all through the
services the API calls."""

import django_filters

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from brand_hub.core.errors import Refused

from . import services
from .models import Suspension, TrustLevel, TrustStanding

#: The services name the API's fields; the admin forms' fields are the models'.
FORM_FIELD = {"user_id": "user", "reason": "reason", "ends_at": "ends_at", "level": "override"}


class RefusalsAsFormErrors:
    """A service's refusal shows on the form, at the field it names, instead of a server error."""

    form_field_names: dict = FORM_FIELD

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except Refused as refusal:
            field = self.form_field_names.get(refusal.field)
            form.add_error(field if field in form.fields else None, refusal.message)
            self.produced_error_message = refusal.message  # what Wagtail's form_invalid shows on top
            return self.form_invalid(form)


class SuspendForm(forms.ModelForm):
    class Meta:
        model = Suspension
        fields = ["user", "ends_at", "reason", "hide_content"]
        # A number, not a list of every account: the desk links here with ?user=<id>.
        widgets = {"user": forms.NumberInput, "reason": forms.Textarea(attrs={"rows": 3})}
        labels = {"user": _("Person (account id)")}


class SuspendView(RefusalsAsFormErrors, CreateView):
    def get_initial(self):
        return {**super().get_initial(), "user": self.request.GET.get("user")}

    def save_instance(self):
        data = self.form.cleaned_data
        return services.suspend(
            user=data["user"],
            by=self.request.user,
            reason=data["reason"],
            ends_at=data["ends_at"],
            hide_content=data["hide_content"],
        )


class SuspensionFilterSet(WagtailFilterSet):
    in_force = django_filters.BooleanFilter(label=_("In force"), method="filter_in_force")

    def filter_in_force(self, queryset, name, value):
        if value is None:
            return queryset
        in_force = Suspension.objects.in_force().values("pk")
        return queryset.filter(pk__in=in_force) if value else queryset.exclude(pk__in=in_force)

    class Meta:
        model = Suspension
        fields = ["hide_content"]


class OnlyTheseActions(ModelPermissionPolicy):
    """The model's permissions, for `actions` alone: the admin offers no other view."""

    actions: tuple[str, ...] = ()

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SuspensionPermissionPolicy(OnlyTheseActions):
    """Suspensions are made (add) and lifted (change, through the lift view), never edited or deleted:
    they are the account's record, and their effects go through the services' signals."""

    actions = ("add", "view")


@permission_required(services.LIFT, raise_exception=True)
def lift_view(request, pk: int):
    suspension = get_object_or_404(Suspension.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        try:
            services.lift(suspension=suspension, by=request.user)
            messages.success(
                request, _("The suspension of %(person)s is lifted.") % {"person": suspension.user}
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        return redirect("trust_suspensions:index")
    return TemplateResponse(request, "trust/admin/confirm_lift.html", {"suspension": suspension})


class SuspensionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.in_force and self.request.user.has_perm(services.LIFT):
            url = reverse("trust_suspensions:lift", args=[instance.pk])
            buttons.append(Button(_("Lift"), url=url, icon_name="lock-open"))
        return buttons


class SuspensionViewSet(ModelViewSet):
    model = Suspension
    icon = "lock"
    menu_label = _("Suspensions")
    add_to_admin_menu = True
    menu_order = 260
    url_prefix = "trust/suspensions"
    name = "trust_suspensions"
    index_view_class = SuspensionIndexView
    add_view_class = SuspendView
    form_fields = ["user", "ends_at", "reason", "hide_content"]
    list_display = [
        "user",
        "starts_at",
        "ends_at",
        "reason",
        "hide_content",
        "created_by",
        "lifted_at",
        "lifted_by",
    ]
    filterset_class = SuspensionFilterSet
    search_fields = ["reason", "user__username", "user__display_name", "user__email"]
    search_backend_name = None
    ordering = ["-starts_at"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return SuspendForm

    def get_queryset(self, request):
        return Suspension.objects.select_related("user", "created_by", "lifted_by")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/lift/", lift_view, name="lift")]


class LevelForm(forms.ModelForm):
    class Meta:
        model = TrustStanding
        fields = ["override", "override_reason"]
        labels = {"override": _("Level"), "override_reason": _("Reason")}
        help_texts = {"override": _("Empty: the level the person's record gives")}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["override_reason"].required = True
        self.fields["override"].choices = [("", _("As computed"))] + list(TrustLevel.choices)


class SetLevelView(RefusalsAsFormErrors, EditView):
    form_field_names = {"reason": "override_reason", "level": "override"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["explanation"] = services.explain(self.object.user)
        return context

    def save_instance(self):
        data = self.form.cleaned_data
        services.set_level(
            user=self.object.user,
            by=self.request.user,
            level=data["override"],
            reason=data["override_reason"],
        )
        return TrustStanding.objects.get(pk=self.object.pk)


class TrustPermissionPolicy(OnlyTheseActions):
    """Rows the receivers write; moderators view them and set the level (change), nobody adds or deletes."""

    actions = ("view", "change")


@permission_required(services.MANAGE_TRUST, raise_exception=True)
def person_level_view(request, user_id: int):
    """The desk links each author here: their standing's page, the row made when nothing was counted yet."""
    from django.contrib.auth import get_user_model

    person = get_object_or_404(get_user_model(), pk=user_id)
    TrustStanding.objects.get_or_create(user=person)
    return redirect("trust_levels:edit", person.pk)


class TrustStandingViewSet(ModelViewSet):
    model = TrustStanding
    icon = "user"
    menu_label = _("Trust levels")
    add_to_admin_menu = True
    menu_order = 261
    url_prefix = "trust/levels"
    name = "trust_levels"
    edit_view_class = SetLevelView
    edit_template_name = "trust/admin/set_level.html"
    form_fields = ["override", "override_reason"]
    list_display = [
        "user",
        Column("level", label=_("Level"), accessor=lambda standing: services.explain(standing.user).label),
        Column("reasons", label=_("Why"), accessor=lambda standing: services.explain(standing.user).summary),
    ]
    list_filter = ["level", "override"]
    search_fields = ["user__username", "user__display_name", "user__email"]
    search_backend_name = None
    ordering = ["-published_comments"]
    list_per_page = 50
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return LevelForm

    def get_queryset(self, request):
        return TrustStanding.objects.select_related("user", "override_by")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("person/<int:user_id>/", person_level_view, name="person")]
