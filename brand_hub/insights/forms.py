"""The Insights dashboard's filter form: the admin's way into `parse_filters`."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brand_hub.core.errors import Refused

from .filters import DEFAULT_PERIOD_DAYS, InsightFilters, Interval, Scope, parse_filters
from .kpis import scope_choices

INTERVAL_LABELS = {Interval.DAY: _("Day"), Interval.WEEK: _("Week"), Interval.MONTH: _("Month")}


def default_period_help() -> str:
    return gettext("Default: %(days)s days before the end") % {"days": DEFAULT_PERIOD_DAYS}


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InsightFiltersForm(forms.Form):
    """Every field may be left empty; the form is valid only when `parse_filters` accepts it too,
    and then `filters` holds what it returned."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=date_input(),
        # Interpolated when shown: `%` on a lazy string would translate it once, at import.
        help_text=lazy(default_period_help, str)(),
    )
    end = forms.DateField(label=_("To"), required=False, widget=date_input(), help_text=_("Default: today"))
    locale = forms.ChoiceField(label=_("Language"), required=False)
    board = forms.TypedChoiceField(
        label=_("Board or challenge"), coerce=int, empty_value=None, required=False
    )
    group = forms.TypedChoiceField(label=_("Group"), coerce=int, empty_value=None, required=False)
    interval = forms.ChoiceField(
        label=_("One point per"), choices=list(INTERVAL_LABELS.items()), required=False
    )
    scope = forms.ChoiceField(
        label=_("Internal spaces"),
        choices=[
            (Scope.PUBLIC.value, _("Public figures (internal challenges and groups left out)")),
            (Scope.ALL.value, _("Everything, internal challenges and groups included")),
        ],
        required=False,
        help_text=_("Choose one internal challenge or group above to see its own figures"),
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            # Shown as chosen when the query leaves it out, which is what parse_filters defaults to.
            data = data.copy()
            data.setdefault("interval", Interval.WEEK.value)
        super().__init__(data, **kwargs)
        scopes = scope_choices()
        self.fields["locale"].choices = [("", _("All languages")), *settings.LANGUAGES]
        self.fields["board"].choices = [("", _("All boards and challenges")), *scopes["board"]]
        self.fields["group"].choices = [("", _("All groups")), *scopes["group"]]
        self.filters: InsightFilters | None = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.filters = parse_filters(
                **{name: data.get(name) or None for name in ("start", "end", "locale", "board", "group")},
                interval=data.get("interval") or None,
                scope=data.get("scope") or None,
                locales=[code for code, _name in settings.LANGUAGES],
            )
        except Refused as refusal:
            self.add_error(refusal.field if refusal.field in self.fields else None, refusal.message)
        return data
