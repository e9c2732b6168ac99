"""The SSE text of an event: written once per event, whatever the number of streams it goes to."""

import json
from datetime import UTC, datetime

from brand_hub.events import live


def row(**changes) -> dict:
    values = {
        "id": 41,
        "kind": "comment.posted",
        "occurred_at": datetime(2026, 12, 7, 2, 40, tzinfo=UTC),
        "page_id": 7,
        "object_id": 9,
        "payload": {"comment_id": 9, "html": "<p>¡Hola, zażółć!</p>"},
        "audience": "public",
    }
    return values | changes


def test_a_frame_is_the_events_id_kind_and_data_without_its_audience():
    text = live.frame(row())
    lines = text.split("\n")
    assert lines[:2] == ["id: 41", "event: comment.posted"] and text.endswith("\n\n")
    data = json.loads(lines[2].removeprefix("data: "))
    assert data == {
        "id": 41,
        "kind": "comment.posted",
        "occurred_at": "2026-12-07T02:40:00.000Z",
        "page_id": 7,
        "object_id": 9,
        "payload": {"comment_id": 9, "html": "<p>¡Hola, zażółć!</p>"},
    }
    assert "zażółć" in lines[2]  # written as it is, not escaped
    assert live.frame(row(), with_id=False).startswith("event: comment.posted\n")


def test_an_event_going_to_many_streams_is_written_as_json_once(monkeypatch):
    written, real_dumps = [], json.dumps

    def dumps(value, **options):
        written.append(value)
        return real_dumps(value, **options)

    monkeypatch.setattr(live.json, "dumps", dumps)
    shared = row()
    frames = {live.frame(shared) for _stream in range(500)}
    assert len(frames) == 1 and len(written) == 1
    live.frame(row(id=42))
    assert len(written) == 2
