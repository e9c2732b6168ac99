"""Segments react to accounts: an erased editor's name leaves the export log (the lines stay)."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from brand_hub.users.signals import account_erasing

from .models import SegmentExport


@receiver(account_erasing, dispatch_uid="segments_forget_exporter")
def forget_exporter(sender, user, **kwargs):
    SegmentExport.objects.filter(by=user).update(by_name=_("Former member"))
