"""PostgreSQL wakes the live streams itself: a statement-level trigger sends the NOTIFY that each
insert of events used to send as a statement of its own (one round trip less on every write)."""

from django.db import migrations

CHANNEL = "brand_hub_events"  # brand_hub.events.services.NOTIFY_CHANNEL, as it was when this ran

CREATE = f"""
CREATE OR REPLACE FUNCTION brand_hub_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER brand_hub_events_notify AFTER INSERT ON events_event
    FOR EACH STATEMENT EXECUTE FUNCTION brand_hub_events_notify();
"""

DROP = """
DROP TRIGGER IF EXISTS brand_hub_events_notify ON events_event;
DROP FUNCTION IF EXISTS brand_hub_events_notify();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_event_log")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
