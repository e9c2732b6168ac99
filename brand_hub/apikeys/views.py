"""API keys in the Wagtail admin: made with their scopes and expiry, the full key shown once, revoked."""

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ApiKey, ApiKeyUse, ApiScope
from .services import create_api_key, revoke_api_key


class ApiKeyCreateForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=ApiScope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiKey
        fields = ["name", "scopes", "expires_at"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at <= timezone.now():
            raise forms.ValidationError(_("Choose a moment in the future."))
        return expires_at


class ApiKeyEditForm(forms.ModelForm):
    """Only the name changes; scopes and expiry are fixed at creation (make a new key for others)."""

    revoke = forms.BooleanField(
        label=_("Revoke this key"),
        required=False,
        help_text=_("It stops working at once; this cannot be undone."),
    )

    class Meta:
        model = ApiKey
        fields = ["name"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_revoked:
            del self.fields["revoke"]


class ApiKeyCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        self.issued = create_api_key(
            name=data["name"],
            scopes=data["scopes"],
            expires_at=data["expires_at"],
            created_by=self.request.user,
        )
        return self.issued.key

    def save_action(self):
        # Shown in this answer only: not in a message (kept in the session) nor anywhere else.
        return TemplateResponse(
            self.request,
            "apikeys/admin/key_created.html",
            {"key": self.issued.key, "full_key": self.issued.full_key, "index_url": self.get_success_url()},
            headers={"Cache-Control": "no-store"},
        )


class ApiKeyEditView(generic.EditView):
    def save_instance(self):
        key = self.form.save()
        if self.form.cleaned_data.get("revoke"):
            revoke_api_key(key=key, by=self.request.user)
        return key


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The use log is written by requests only: it may be read, never added to, edited or deleted."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, "view") or super().user_has_permission(user, "change")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def key_status(key: ApiKey) -> str:
    if key.is_revoked:
        return _("revoked")
    if key.is_expired():
        return _("expired")
    return _("active")


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    add_to_settings_menu = True
    url_prefix = "api-keys"
    name = "api_keys"
    add_view_class = ApiKeyCreateView
    edit_view_class = ApiKeyEditView
    list_display = [
        "name",
        Column("prefix", label=_("Key"), accessor=lambda key: f"bh_{key.prefix}_…"),
        Column("scopes", label=_("Scopes"), accessor=lambda key: ", ".join(key.scopes)),
        Column("status", label=_("Status"), accessor=key_status),
        "expires_at",
        "last_used_at",
        "created_at",
    ]
    search_fields = ["name", "prefix"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "prefix",
        "scopes",
        "expires_at",
        "revoked_at",
        "created_by",
        "created_at",
        "last_used_at",
    ]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return ApiKeyEditForm if for_update else ApiKeyCreateForm


class ApiKeyUseViewSet(ModelViewSet):
    """The log of every request made with a key: read only."""

    model = ApiKeyUse
    icon = "list-ul"
    add_to_settings_menu = True
    url_prefix = "api-key-uses"
    name = "api_key_uses"
    list_display = ["at", "key", "scope", "path", "status", "client_ip"]
    list_filter = ["key", "scope", "status"]
    ordering = ["-at"]
    list_per_page = 100
    search_backend_name = None
    copy_view_enabled = False
    form_fields = ["scope"]

    def get_queryset(self, request):
        return ApiKeyUse.objects.select_related("key")
