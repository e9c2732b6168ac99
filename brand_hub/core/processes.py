"""What a long-running process (a web process, the task worker, the search worker) does once, before its
first request or task."""

import gc

from django.urls import get_resolver


def settle() -> None:
    """Load the URL map now, then move every object loaded so far out of the garbage collector's way.

    A web process holds some 300,000 objects from its start (modules, classes, models, the URL map,
    the API's schemas) that live as long as it does. Each full collection walks all of them: about
    180 ms on a 2-CPU machine, with no thread of the process running meanwhile, which under load
    lands on whichever requests are in flight. `gc.freeze()` moves them to the permanent generation,
    which collections skip; what later requests allocate is collected as before. Called last, after
    any other warm-up, so that what that loaded is frozen too.
    """
    get_resolver().reverse_dict  # noqa: B018  (reading it loads the project's URLconf)
    gc.freeze()
