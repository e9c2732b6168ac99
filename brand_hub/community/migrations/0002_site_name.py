"""django.contrib.sites (needed by django-comments) starts as "example.com"; e-mails name the site from it."""

from django.db import migrations


def name_the_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.filter(pk=1, domain="example.com").update(domain="localhost:8000", name="Brand Hub")


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
