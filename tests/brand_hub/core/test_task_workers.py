"""Two `db_worker`s on one queue (the production topology runs two): no task runs twice."""

import threading
import time
from collections import Counter

import pytest
from django_tasks import task

from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between workers need PostgreSQL"),
    # Committed for real: each worker is a thread with a connection of its own, as two processes would be.
    pytest.mark.django_db(transaction=True),
]

#: Each run of `note_the_run`, by the task's id and the worker that ran it.
RUNS: list[tuple[str, str]] = []
_runs_lock = threading.Lock()


@task(takes_context=True)
def note_the_run(context, n: int) -> int:
    with _runs_lock:
        RUNS.append((context.task_result.id, threading.current_thread().name))
    time.sleep(0.01)  # a task takes a while: the other worker looks for work meanwhile
    return n


def run_a_worker(name: str) -> None:
    """`manage.py db_worker --batch` in this thread: it stops when nothing is left to run."""
    from django_tasks_db.management.commands.db_worker import Worker

    try:
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=name,
        ).run()
    finally:
        connection.close()


def test_two_db_workers_run_each_task_exactly_once(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    RUNS.clear()
    enqueued = {note_the_run.enqueue(n=n).id for n in range(60)}

    names = ("worker-1", "worker-2")
    workers = [threading.Thread(target=run_a_worker, args=(name,), name=name) for name in names]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    runs = Counter(task_id for task_id, _worker in RUNS)
    assert set(runs) == enqueued
    assert [task_id for task_id, times in runs.items() if times != 1] == []
    assert set(Counter(worker for _task_id, worker in RUNS)) == {"worker-1", "worker-2"}  # both took work
    results = DBTaskResult.objects.filter(pk__in=enqueued)
    assert sorted(results.values_list("status", flat=True).distinct()) == ["SUCCESSFUL"]
    assert all(len(worker_ids) == 1 for worker_ids in results.values_list("worker_ids", flat=True))
