"""The editors' screens for ideas: merging a duplicate into another (from the page's action menu), and
the complaints and questions an idea answers (from the page and from the comments desk)."""

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

from brand_hub.community.models import CommunityComment
from brand_hub.community.moderation import can_moderate
from brand_hub.community.views import excerpt
from brand_hub.core.errors import Refused

from . import answers, services
from .models import IdeaAnswerLink, IdeaPage


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
            idea=self.idea,
            action_url=reverse("ideas_merge", args=[self.idea.pk]),
            back_url=reverse("wagtailadmin_pages:edit", args=[self.idea.pk]),
            **kwargs,
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


class AnswerCommentForm(forms.Form):
    idea = forms.ModelChoiceField(
        queryset=IdeaPage.objects.live(),
        label=gettext_lazy("Answered by the idea"),
        help_text=gettext_lazy(
            "When the idea is planned or implemented, the comment counts as resolved and its author is told."
        ),
        widget=AdminPageChooser(target_models=[IdeaPage]),
    )


class AddAnswersForm(forms.Form):
    comment_ids = forms.CharField(
        label=gettext_lazy("Comments"),
        help_text=gettext_lazy(
            "Ids of published complaints or questions, from the comments desk, separated by commas."
        ),
    )

    def clean_comment_ids(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["comment_ids"].replace(" ", ",").split(",")]
        try:
            return [int(part) for part in parts if part]
        except ValueError:
            raise forms.ValidationError(_("Write comment ids: whole numbers separated by commas.")) from None


class ModeratorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AnswerCommentView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """From the comments desk: which idea answers this complaint or question."""

    form_class = AnswerCommentForm
    template_name = "ideas/admin/answer_comment.html"
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        self.comment = get_object_or_404(
            CommunityComment.objects.select_related("page"), pk=kwargs["comment_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Answered by idea")

    def get_page_subtitle(self):
        return excerpt(self.comment)

    def get_context_data(self, **kwargs):
        link = IdeaAnswerLink.objects.filter(comment=self.comment).select_related("idea").first()
        return super().get_context_data(
            comment=self.comment,
            link=link,
            action_url=reverse("ideas_answer_comment", args=[self.comment.pk]),
            back_url=reverse("community_comments:index"),
            **kwargs,
        )

    def form_valid(self, form):
        idea = form.cleaned_data["idea"]
        try:
            answers.link_answers(idea=idea, comment_ids=[self.comment.pk], by=self.request.user)
        except Refused as refusal:
            form.add_error("idea", refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Comment %(id)s is answered by the idea “%(title)s”.")
            % {"id": self.comment.pk, "title": idea.title},
        )
        return redirect("community_comments:index")


class IdeaAnswersView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """From the idea's page: the complaints and questions it answers, with add and remove."""

    form_class = AddAnswersForm
    template_name = "ideas/admin/answers.html"
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        self.idea = get_object_or_404(IdeaPage, pk=kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Complaints and questions it answers")

    def get_page_subtitle(self):
        return self.idea.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            idea=self.idea,
            answered=[(comment, excerpt(comment)) for comment in answers.answered_comments(self.idea)],
            action_url=reverse("ideas_answers", args=[self.idea.pk]),
            back_url=reverse("wagtailadmin_pages:edit", args=[self.idea.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "unlink" in request.POST:
            try:
                answers.unlink_answers(
                    idea=self.idea, comment_ids=[int(request.POST["unlink"])], by=request.user
                )
                messages.success(request, _("The comment is no longer linked to this idea."))
            except (Refused, ValueError) as refusal:
                messages.error(request, getattr(refusal, "message", _("Unknown comment.")))
            return redirect("ideas_answers", self.idea.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            linked = answers.link_answers(
                idea=self.idea, comment_ids=form.cleaned_data["comment_ids"], by=self.request.user
            )
        except Refused as refusal:
            form.add_error("comment_ids", refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Comments linked: %(count)s.") % {"count": len(linked)})
        return redirect("ideas_answers", self.idea.pk)
