"""What a long-running process (a web process, the task worker, the search worker) does once, before its
first request or task."""

import gc

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.urls import get_resolver
from django.utils import translation


def settle() -> None:
    """Load now what the first requests would load, then move every object loaded so far out of the
    garbage collector's way.

    Loaded now: each configured cache's backend (its client library: about 160 ms of imports for
    Redis), the translation catalogues of each language, what each app's `AppConfig.warm_up()` loads
    (the sentiment and triage lexicons of each language: 76 ms for the Spanish sentiment one), and
    the URL map; last, the database pools open, their min_size connections made in the background (a
    database that does not answer yet does not stop the process). Left to their first use, they
    landed on a fresh process's first requests: its first comment took 218 ms of CPU (44 ms now, 18 ms
    for the next), and a burst of 16 comments on a fresh server waited 201 to 359 ms (135 to 245 now,
    63 to 242 once warm). The search dictionaries (seconds, 67 MB) are loaded apart, by the processes
    that search (`search.prepared.warm_up`). Call it in the process that serves, after any fork: the
    pool's threads and sockets are not to be shared with a child.

    A web process then holds some 300,000 objects from its start (modules, classes, models, the URL
    map, the API's schemas) that live as long as it does. Each full collection walks all of them:
    about 180 ms on a 2-CPU machine, with no thread of the process running meanwhile, which under load
    lands on whichever requests are in flight. `gc.freeze()` moves them to the permanent generation,
    which collections skip; what later requests allocate is collected as before. Called last, after
    any other warm-up, so that what that loaded is frozen too.
    """
    for alias in caches.settings:
        caches[alias]  # noqa: B018  (the first access imports the backend and its client library)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):  # activating a language loads its catalogues
            pass
    for app in apps.get_app_configs():
        warm_up = getattr(app, "warm_up", None)
        if warm_up is not None:
            warm_up()
    get_resolver().reverse_dict  # noqa: B018  (reading it loads the project's URLconf)
    gc.freeze()
    # After the freeze: the connections the pool makes (and later replaces) stay collectable.
    for connection in connections.all():
        pool = getattr(connection, "pool", None)  # PostgreSQL's, when the settings ask for one
        if pool is not None:
            pool.open()  # returns at once; min_size connections are made by the pool's own threads
