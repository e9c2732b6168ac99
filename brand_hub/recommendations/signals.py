"""Signals other apps listen to: a referred member's contribution credited to their sharer."""

from django.dispatch import Signal

#: Sent with `referral` (Referral) once one of its member's first contributions is credited, inside
#: the contribution's transaction: the sharer's reputation counts members who took part.
referral_credited = Signal()
