"""What a long-running process (a web process, the task worker, the search worker) does once, before its
first request or task."""

import gc

from django.apps import apps
from django.core.cache import caches
from django.urls import get_resolver


def settle() -> None:
    """Load now what the first requests would load, then move every object loaded so far out of the
    garbage collector's way.

    Loaded now: each configured cache's backend (its client library: about 160 ms of imports for
    Redis), what each app's `AppConfig.warm_up()` loads (the sentiment and triage lexicons of each
    language, 75 ms each), and the URL map. Left to their first use, they landed on a fresh process's
    first requests: the first comment took 220 ms of CPU instead of 18. The search dictionaries
    (seconds, 67 MB) are loaded apart, by the processes that search (`search.prepared.warm_up`).

    A web process then holds some 300,000 objects from its start (modules, classes, models, the URL
    map, the API's schemas) that live as long as it does. Each full collection walks all of them:
    about 180 ms on a 2-CPU machine, with no thread of the process running meanwhile, which under load
    lands on whichever requests are in flight. `gc.freeze()` moves them to the permanent generation,
    which collections skip; what later requests allocate is collected as before. Called last, after
    any other warm-up, so that what that loaded is frozen too.
    """
    for alias in caches.settings:
        caches[alias]  # noqa: B018  (the first access imports the backend and its client library)
    for app in apps.get_app_configs():
        warm_up = getattr(app, "warm_up", None)
        if warm_up is not None:
            warm_up()
    get_resolver().reverse_dict  # noqa: B018  (reading it loads the project's URLconf)
    gc.freeze()
