"""What goes wrong with a programme, as exceptions the CLI maps to exit codes: bad input
to an act (usage, 2: nothing was recorded) and a record that cannot be used (fatal, 3)."""

from __future__ import annotations

from dealerscreen.models.problems import Message


class ProgrammeError(Exception):
    """A record that cannot be opened or used: no programme, an invalid programme.yaml,
    a database made by a newer version, a server that cannot be reached."""

    def __init__(self, message: Message, where: str | None = None) -> None:
        super().__init__(message.english())
        self.message = message  # put in the reader's language where it is printed (cli/)
        self.where = where  # the file (and line) the problem is in, when it has one


class ActError(ProgrammeError):
    """Bad input to a command that records something: nothing was recorded. `option`
    names the argument or option at fault (as a usage error shows it)."""

    def __init__(self, message: Message, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option
