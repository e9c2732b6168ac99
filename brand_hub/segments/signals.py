"""Signals other apps listen to: a segment's members downloaded (the audit log records it)."""

from django.dispatch import Signal

#: Sent with `export` (SegmentExport: segment, segment_name, by or None for an API key, by_name, format,
#: row_count) inside the transaction that logged the download.
segment_exported = Signal()
