"""What goes wrong with a programme, as exceptions the CLI maps to exit codes: bad input
to an act (usage, 2: nothing was recorded) and a record that cannot be used (fatal, 3).

A message is a key of words/teamwords.py with its values, put into words in the reader's
language when shown (`words(lang)`); `message` is its English."""

from __future__ import annotations

from dealerscreen.i18n.problemtext import in_lang
from dealerscreen.models.problems import Message
from dealerscreen.words.teamwords import say, stage_name

STAGES = ("now", "to", "moves", "stages")  # the values that are stage ids (acts.stage)


def driver_said(exc: BaseException | None) -> str:
    """A database driver's message on one line: PostgreSQL's go over several, the next
    indented with a tab ("...refused\n\tIs the server running..."), which a problem line
    would show as escapes."""
    return " ".join(str(exc).split())


def _stages(value: object, lang: str) -> str:
    return ", ".join(f"{stage_name(s, lang)} {s}" for s in str(value).split(", "))


class ProgrammeError(Exception):
    """A record that cannot be opened or used: no programme, an invalid programme.yaml,
    a database made by a newer version, a server that cannot be reached."""

    def __init__(self, key: str, where: str | None = None, /, **values: object) -> None:
        self.key = key
        self.values = values
        self.where = where  # the file (and line) the problem is in, when it has one
        super().__init__(self.words("en"))

    def words(self, lang: str) -> str:
        # a value made as a key and values of its own (a fact path the core refused)
        values = {
            k: in_lang(v, lang) if isinstance(v, Message) else v for k, v in self.values.items()
        }
        if lang != "en":  # a stage in words, with the id one types
            values = {k: _stages(v, lang) if k in STAGES else v for k, v in values.items()}
        return say("msg." + self.key, lang, **values)

    @property
    def message(self) -> str:
        return self.words("en")

    def line(self, lang: str = "en") -> str:
        return f"{self.where}: {self.words(lang)}" if self.where else self.words(lang)


class ActError(ProgrammeError):
    """Bad input to a command that records something: nothing was recorded. `option`
    names the argument or option at fault (as a usage error shows it)."""

    def __init__(self, key: str, option: str | None = None, /, **values: object) -> None:
        super().__init__(key, None, **values)
        self.option = option
