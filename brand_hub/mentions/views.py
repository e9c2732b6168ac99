"""Mentions in the Wagtail admin: listed with their figures, and erased on request by author or URL."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Mention, Network
from .services import erase_mentions
from .urls import InvalidUrl, normalise_url

ERASE_PERMISSION = "mentions.delete_mention"


class ListOnlyPolicy(ModelPermissionPolicy):
    """Mentions come from listening tools and leave by erasure: the admin lists them and nothing else."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class EraseMentionsForm(forms.Form):
    handles = forms.CharField(
        label=_("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One handle a line, with or without @."),
    )
    network = forms.ChoiceField(
        label=_("Network of these authors"),
        required=False,
        choices=[("", _("Every network")), *Network.choices],
    )
    urls = forms.CharField(
        label=_("URLs"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One a line.")
    )

    def clean_urls(self):
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        for line in lines:
            try:
                normalise_url(line)
            except InvalidUrl as error:
                raise forms.ValidationError(f"{line}: {error}") from error
        return lines

    def clean_handles(self):
        return [line.strip() for line in self.cleaned_data["handles"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("handles") and not cleaned.get("urls") and not self.errors:
            raise forms.ValidationError(_("Name at least one author or URL."))
        return cleaned


def erase_view(request):
    """Erase every mention of the authors and URLs given, from the database and the search index."""
    if not request.user.has_perm(ERASE_PERMISSION):
        raise PermissionDenied
    form = EraseMentionsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erased = erase_mentions(
            handles=form.cleaned_data["handles"],
            urls=form.cleaned_data["urls"],
            network=form.cleaned_data["network"] or None,
        )
        messages.success(
            request,
            ngettext(
                "%(n)s mention erased; listening tools cannot send it again.",
                "%(n)s mentions erased; listening tools cannot send them again.",
                erased,
            )
            % {"n": erased},
        )
        return redirect("mentions:index")
    return TemplateResponse(request, "mentions/admin/erase.html", {"form": form})


class MentionIndexView(generic.IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(ERASE_PERMISSION):
            buttons.append(
                HeaderButton(_("Erase on request"), url=reverse("mentions:erase"), icon_name="bin")
            )
        return buttons


def excerpt(mention: Mention) -> str:
    return Truncator(mention.text).chars(90)


class MentionViewSet(ModelViewSet):
    model = Mention
    icon = "openquote"
    menu_label = _("Mentions")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "mentions"
    name = "mentions"
    index_view_class = MentionIndexView
    list_display = [
        Column("text", label=_("Mention"), accessor=excerpt),
        "network",
        "author_handle",
        "language",
        "sentiment",
        Column("reach", label=_("Reach"), sort_key="reach"),
        Column("published_at", label=_("Published"), sort_key="published_at"),
    ]
    list_filter = ["network", "sentiment", "language"]
    search_fields = ["author_handle", "url"]
    search_backend_name = None
    ordering = ["-published_at"]
    list_per_page = 50
    form_fields = ["network"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("erase/", erase_view, name="erase")]
