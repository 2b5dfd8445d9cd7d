"""The commands: options parsed into a plain object, one call into the core, an exit code out.

Nothing below this package prints or exits; what a command shares with the others (the
options, where output goes, the exit codes) is in `parts.py`.
"""
