"""The feed's indexes on the comment tables django-comments and xtd own, and the community app glues.

The feed reads a page's or a person's comments of the last weeks (object_pk or user_id, then
submit_date) and counts each candidate's replies (parent_id): without these, the first two read every
comment the page or the person ever had, and the last reads the whole reply table per candidate.
On PostgreSQL built CONCURRENTLY, outside a transaction, so that a large comment table stays
writable meanwhile; SQLite (the embedded default) builds them plainly.
"""

from django.db import migrations

INDEXES = {
    "community_comment_page_recent": "django_comments (object_pk, submit_date)",
    "community_comment_author_recent": "django_comments (user_id, submit_date)",
    "community_comment_parent": "django_comments_xtd_xtdcomment (parent_id)",
}


def _concurrently(schema_editor) -> str:
    return "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""


def create_indexes(apps, schema_editor):
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {_concurrently(schema_editor)}IF NOT EXISTS {name} ON {columns}")


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX {_concurrently(schema_editor)}IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("community", "0005_person_follows"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
