"""Signals other apps listen to: a prosumer signed up, a person renamed, an account being erased, a data
export asked for and handed over.

Users writes only the account; the apps that keep a person's contributions react to these and
change their own rows, in the same transaction as the account's change.
"""

from django.dispatch import Signal

#: Sent with `user`, `request` and `referral` (the signed attribution a share link's visit gave the
#: frontend, or "") once a prosumer's sign-up is saved: recommendations credits the sharer.
prosumer_signed_up = Signal()

#: Sent with `user` once its new display name is saved: apps that copy the name beside the person's
#: contributions (comments' author names, search documents, cached API pages) write it again.
profile_renamed = Signal()

#: Sent with `user` inside the erasure's transaction, before the account row is deleted: apps make
#: the person's contributions anonymous and drop what names them. The delete that follows sets
#: the foreign keys to the account to NULL or removes the rows, as each model declares.
account_erasing = Signal()

#: Sent with `user` for the person's data export: each receiver returns a dict of its own sections
#: ({"comments": [...], ...}), which join the account's section in the download.
personal_data_requested = Signal()

#: Sent with `user` and `sections` (the names of the download's sections) once the person's data export
#: is gathered: the audit log records it.
personal_data_exported = Signal()
