"""`manage.py db_worker`: django-tasks-db's task worker, with the process settled before its first task
(brand_hub.core.processes). This app comes before django_tasks_db in INSTALLED_APPS, so this command
is the one `db_worker` runs; its options are the library's."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from brand_hub.core.processes import settle


class Command(DatabaseWorker):
    def handle(self, *args, **options):
        settle()
        return super().handle(*args, **options)
