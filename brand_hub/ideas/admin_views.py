"""The editors' screen for merging a duplicate idea into another, reached from the page's action menu."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminPageChooser

from brand_hub.core.errors import Refused

from . import services
from .models import IdeaPage


class MergeIdeaForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=IdeaPage.objects.live(),
        label=gettext_lazy("Merge into"),
        help_text=gettext_lazy("The idea that keeps the votes; this one is declined and redirects to it."),
        widget=AdminPageChooser(target_models=[IdeaPage]),
    )


class MergeIdeaView(WagtailAdminTemplateMixin, FormView):
    form_class = MergeIdeaForm
    template_name = "ideas/admin/merge.html"
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        self.idea = get_object_or_404(IdeaPage, pk=kwargs["page_id"])
        if not services.can_review(request.user, self.idea):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Merge idea")

    def get_page_subtitle(self):
        return self.idea.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            idea=self.idea, action_url=reverse("ideas_merge", args=[self.idea.pk]), **kwargs
        )

    def form_valid(self, form):
        try:
            merged = services.merge_idea(
                source=self.idea, target=form.cleaned_data["target"], by=self.request.user
            )
        except Refused as refusal:
            form.add_error("target", refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(source)s” was merged into “%(target)s”.")
            % {"source": self.idea.title, "target": merged.target.title},
        )
        return redirect("wagtailadmin_pages:edit", merged.target.pk)
