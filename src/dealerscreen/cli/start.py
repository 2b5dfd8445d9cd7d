"""The console script's entry: the garbage collector told to wait before the commands are
imported.

Importing them makes some 90,000 objects that live as long as the process. At Python's
threshold (a collection of the youngest generation every 700 allocations) they were
traversed 94 times on the way, about 25 ms of every command, before `app.main` could
raise it. Nothing is imported here but `gc`.
"""

from __future__ import annotations

import gc

from dealerscreen.cli import START_YOUNG


def main() -> None:
    previous = gc.get_threshold()
    gc.set_threshold(START_YOUNG, *previous[1:])
    try:
        from dealerscreen.cli.app import main as run
    finally:  # app.main sets it again for the run, and puts back what it found
        gc.set_threshold(*previous)
    run()
