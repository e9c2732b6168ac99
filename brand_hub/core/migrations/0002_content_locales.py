"""The site's content languages: Spanish is the source, English and Polish are kept in sync with it."""

from django.db import migrations

SOURCE = "es"
SYNCED = ("en", "pl")


def create_content_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    source, _created = Locale.objects.get_or_create(language_code=SOURCE)
    for code in SYNCED:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("wagtail_localize", "0012_localesynchronization"),
    ]

    operations = [migrations.RunPython(create_content_locales, migrations.RunPython.noop)]
