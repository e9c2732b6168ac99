"""The feed's indexes on the comment tables django-comments and xtd own, and the community app glues.

The feed reads a page's or a person's comments of the last weeks (object_pk or user_id, then
submit_date) and counts each candidate's replies (parent_id): without these, the first two read every
comment the page or the person ever had, and the last reads the whole reply table per candidate.
Built CONCURRENTLY, outside a transaction, so that a large comment table stays writable meanwhile.
"""

from django.db import migrations

INDEXES = {
    "community_comment_page_recent": "django_comments (object_pk, submit_date)",
    "community_comment_author_recent": "django_comments (user_id, submit_date)",
    "community_comment_parent": "django_comments_xtd_xtdcomment (parent_id)",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("community", "0005_person_follows"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {columns}",
            f"DROP INDEX CONCURRENTLY IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
