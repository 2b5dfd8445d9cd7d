"""The commands: options parsed into a plain object, one call into the core, an exit code out.

Nothing below this package prints or exits. What the commands share: the option types
(`options.py`), what they read (`inputs.py`), the language spoken (`language.py`), where
the report goes (`writing.py`) and what goes to stderr (`stderr.py`).
"""

# Allocations between two collections of the youngest generation while a command starts:
# the console script's entry (start.py) waits for them while the commands are imported,
# app.main until the batch sets its own (batch/worker.settle). Here, below both.
START_YOUNG = 200_000
