"""The documents' own event: a document left the clinic, announced for whoever records it (the audit app).

Page reads and writes are recorded by URL (audit/routes.py); sending is announced here because an email only
leaves when the worker hands it to the mail server, outside any request. A signal keeps the layers pointing one
way: reports says what happened, audit (a layer above) listens and writes the trail.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `delivery`, a DocumentDelivery that has just left (sent_by, method and document are set).
document_sent = Signal()
