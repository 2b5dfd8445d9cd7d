"""Problems in the reader's language: their English by key, their makers, their rendering.

A problem is made deep in the core (a parser, a worker process, the parse cache) as data:
a `Message` with the key of its kind, its English template and its values (problems.py).
Each kind is made by its maker here (`say` for EN, `pydantic` for pydantic's error types,
`checktext.message` for the checks of criteria files), so the values are named where the
problem is found; the words are put in the reader's language only where it is printed
(`in_lang`, `render`): the catalog's text of its key (msgctxt `problem:` + key), filled
with the values. Nothing is read back out of an English sentence.

A value may be a message itself (a frame around another: "column 'x': ...") or a list
(`Listed`), joined with the language's list words (`list.*`). The English of pydantic's
own messages (`PYDANTIC`, by error type) is pydantic's template; a test checks it against
the installed pydantic, so an upgrade that rewords one is seen.
"""

from __future__ import annotations

import errno
import functools

from dealerscreen.i18n import checktext, clitext, programmetext, valuetext
from dealerscreen.i18n.catalogs import text, translated
from dealerscreen.models.problems import Listed, Message, Problem, Value, plain

EN: dict[str, str] = {
    # reading a file (sourcefile.py, loading.py)
    "unreadable": "cannot read the file: {reason}",
    "not-a-file": "not a regular file",
    "too-large": "file is {size} bytes, over the limit of {limit}",
    "too-large.option": "file is {size} bytes, over the limit of {limit} ({option})",
    "too-large.read": "file is over the limit of {limit} bytes",
    "binary": "binary file, not YAML or JSON text",
    "encoding": "not valid UTF-8 text; files must be UTF-8",
    "encoding.gbk": "not valid UTF-8 text (it looks like GBK/GB18030: save it as UTF-8); files must be UTF-8",
    "skipped.twice": "the same file was given more than once",
    "skipped.suffix": "not a .yaml, .yml or .json file",
    "skipped.batch": "not a .yaml, .yml, .json, .jsonl, .csv or .xlsx file",
    "skipped.lock": "a lock file Excel keeps while a workbook is open, not a form",
    "broken-link": "broken symbolic link",
    "no-such-path": "no such file or folder",
    "not-a-mapping": "expected a mapping of applicant fields, found {what}",
    "not-an-object": "expected a JSON object of applicant fields, found {what}",
    "criteria-file": "this is a criteria file ({kind}), not an applicant file",
    "duplicate-id": "applicant id '{id}' is also used by {other}",
    "empty": "the file is empty",
    # batch files: JSON Lines, CSV and XLSX exports (intake/)
    "line-too-large": "line is over the limit of {limit} bytes (--max-file-size)",
    "batch-too-large": "over the limit of {limit} bytes (--max-batch-size): the rest is not read",
    "record-too-large": "a quoted cell runs on from line {first} to line {last}: the record is over the limit of {limit} bytes (--max-file-size); is a closing quote missing?",
    "column": "column '{header}': {rest}",
    "cell-empty": "required field '{name}' is missing: the cell is empty",
    "no-column": "required field '{name}' is missing (no column maps to it)",
    "no-mapping": "a CSV or XLSX export needs a column mapping: --mapping FILE",
    "cache-damaged": "{n} parse-cache entry did not match the seal stored with it (edited, forged or damaged): those files were parsed again",
    "cache-damaged.n": "{n} parse-cache entries did not match the seal stored with it (edited, forged or damaged): those files were parsed again",
    "cache-key.unreadable": "cannot read or make the parse cache's key {path} ({reason}): this run reads every file without the cache",
    "cache-key.shared": "the parse cache's key {path} is not its owner's alone (it must be a file of yours, chmod 600): this run reads every file without the cache",
    "cache-key.size": "the parse cache's key {path} is not one this program made (not {size} bytes): delete it and a new one is made; this run reads every file without the cache",
    "cache-key.folder": "the folder of the parse cache's key {path} may be written by others (it must be yours, chmod 700): this run reads every file without the cache",
    "cache-locked": "the parse cache {path} is locked by another process (waited {wait} s): {what}",
    "cache-locked.without": "this run reads every file without it",
    "cache-locked.rest": "the rest of this run parses every file",
    "cache-locked.unsaved": "this run's entries were not stored",
    "not-xlsx": "not an XLSX workbook ({detail})",
    "xlsx-unpacks": "the workbook unpacks to {size} bytes, over the limit of {limit} (--max-batch-size)",
    "xlsx-corrupt": "a corrupt XLSX workbook ({detail})",
    "workbook-unreadable": "cannot read the workbook: {detail}",
    "table-unreadable": "cannot read the table: {detail}",
    "formula": "a formula with no saved value, read as empty (the program that wrote the file did not compute it: open and save it in Excel, or paste values)",
    "merged": "part of the merged cell {ref}, read as empty (its value is in {first})",
    "open-quote": "a quote opened in the record on line {first} is not closed by the end of the file: lines {first} to {last} were read as one record",
    "missing-columns": "columns named in {path} are not in the header row: {names}",
    "duplicate-columns": "a header the mapping reads is in more than one column, so which to read is unclear: {names}",
    "constant-overlap": "constant '{name}' is a list or a single value, and column '{header}' fills '{field}' inside it: give it whole in the constants, or in columns only",
    "xlsx-strings": "the workbook holds over {limit} shared strings ({part}): more than is read (save the sheet as CSV to screen it)",
    "xlsx-string-bytes": "the workbook's shared strings ({part}) unpack to {size} bytes, over the limit of {limit} (save the sheet as CSV to screen it)",
    "xlsx-elements": "the parts of the workbook read whole (styles, workbook, relationships) hold over {limit} XML elements, at {part}: more than is read (save the sheet as CSV to screen it)",
    "xlsx-part": "the workbook's part {part} is over {limit} bytes",
    "xlsx-dtd": "cannot read the workbook: its part {part} declares a DTD (<!DOCTYPE), which an XLSX file may not",
    "mapping-changed": "the column mapping in cell A2 differs from the one `dealerscreen template` writes for this profile: a form's own mapping is used only as the template wrote it, so the form is not read (use a fresh form, or screen it with the team's mapping: --mapping FILE)",
    "above-first-row": "row {row} is above the mapping's first row of applicants ({first}) and is neither blank nor a row `dealerscreen template` writes (its descriptions or example): read as an applicant",
    "cell.whole": "{text} is not a whole number",
    "cell.yes-no": "{text} is not yes/no",
    "cell.number": "{text} is not a number",
    "cell.decimal": "{text} is not a number (the mapping reads '{decimal}' as the decimal separator: if the file uses '{other}', write decimal: '{other}' in the mapping)",
    "cell.huge": "{text} is more than 10^15",
    "cell.type": "{text} is not a {type}",
    "cell.choice": "{text} is not one of the choices: {choices}",
    "cell.unit-sqm": "{text} is not in square metres: the field takes square metres, as in 3500 or 3500 sqm",
    "cell.unit-m": "{text} is not in metres: the field takes metres, as in 6.5 or 6.5 m",
    "cell.unit-pct": "{text} is not a percentage: the field takes a percentage, as in 58 or 58%",
    "cell.unit-rmb_m": "{text} is not in million RMB: the field takes million RMB, as in 20 for RMB 20 million",
    "cell.unit-none": "{text} has a unit, but the field takes a plain number: write the number alone",
    "cell.percent-format": "{text} is formatted as a percentage, but the field is not one: write the number alone, in a cell not formatted as %",
    "cell-column": "cell {cell}, column '{header}': {rest}",
    "cell.fraction": "{value} is read as {value} %: if {percent} % is meant, write {percent} (a percentage, 0 to 100) or format the cell as %",
    # YAML and JSON text (yamlsource/)
    "yaml-syntax": "YAML syntax error: {rest}",
    "yaml-tag": "YAML tag refused: {rest}",
    "yaml-value": "YAML value error: {rest}",
    "yaml-error": "YAML error: {rest}",
    "yaml-frame": "{context}: {rest}",
    "at": "{path}: {rest}",
    "sheet-cell": "sheet '{sheet}' cell {cell}: {rest}",
    "yaml-char": "character {code} is not allowed in YAML ({reason})",
    "json-syntax": "JSON syntax error: {rest}",
    "duplicate-key.line": "duplicate key '{key}' (first at line {line})",
    "duplicate-key": "duplicate key '{key}'",
    "too-deep": "nested more than {n} levels deep; refused",
    "too-deep.parser": "nested deeper than the YAML parser allows; refused",
    "recursive-alias": "alias *{anchor} refers to a node that contains it; refused",
    "alias-bomb": "the data would expand to more than {n} values (aliases); refused",
    "too-many-nodes": "the file holds more than {n} values; refused",
    "too-many-digits": "a number with more than {n} digits; refused",
    "multiple-documents": "several YAML documents in one file; put one applicant per file",
    # the parsers' own words for the commonest syntax errors (PyYAML, json)
    "yaml.mapping-values": "mapping values are not allowed in this context",
    "yaml.block-end": "expected <block end>, but found '{token}'",
    "yaml.simple-key": "could not find expected ':'",
    "yaml.tab": "found character '\\t' that cannot start any token",
    "yaml.scalar": "found unexpected end of stream",
    "yaml.quoted": "found unexpected end of stream while scanning a quoted scalar",
    "yaml.block-mapping": "while parsing a block mapping: {rest}",
    "yaml.block-collection": "while parsing a block collection: {rest}",
    "yaml.flow-sequence": "while parsing a flow sequence: {rest}",
    "yaml.flow-mapping": "while parsing a flow mapping: {rest}",
    "yaml.node": "while parsing a node: {rest}",
    "yaml.while-simple-key": "while scanning a simple key: {rest}",
    "yaml.while-quoted": "while scanning a quoted scalar: {rest}",
    "yaml.while-block-scalar": "while scanning a block scalar: {rest}",
    "yaml.while-token": "while scanning for the next token: {rest}",
    "yaml.while-mapping": "while constructing a mapping: {rest}",
    "yaml.no-key": "did not find expected key",
    "yaml.no-sequence-end": "did not find expected ',' or ']'",
    "yaml.no-mapping-end": "did not find expected ',' or '}}'",
    "yaml.no-node": "did not find expected node content",
    "yaml.no-dash": "did not find expected '-' indicator",
    "yaml.bad-char": "found character that cannot start any token",
    "yaml.tab-indent": "found a tab character that violates indentation",
    "yaml.sequence-here": "block sequence entries are not allowed in this context",
    "yaml.mapping-here": "mapping values are not allowed here",
    "yaml.alias": "found undefined alias",
    "yaml.escape": "found unknown escape character",
    "yaml.document-separator": "found unexpected document separator",
    "json.name": "Expecting property name enclosed in double quotes",
    "json.value": "Expecting value",
    "json.delimiter": "Expecting ',' delimiter",
    "json.colon": "Expecting ':' delimiter",
    "json.extra": "Extra data",
    "json.string": "Unterminated string starting at",
    # fields (yamlsource/positions.py)
    "unknown-field": "unknown field '{name}'",
    "unknown-field.hint": "unknown field '{name}'; did you mean '{hint}'?",
    "unknown-kind": "unknown kind '{tag}' (known: {known})",
    "unknown-kind.hint": "unknown kind '{tag}'; did you mean '{hint}'? (known: {known})",
    "missing": "required field '{name}' is missing",
    "date": "expected a date written as YYYY-MM-DD, e.g. 2024-01-11 (got {input})",
    "date.serial": "expected a date written as YYYY-MM-DD, e.g. 2024-01-11 (got {input}); a number here is often a spreadsheet's date serial: format the cell as a date",
    "got": "{rest} (got {input})",
    # names (names.py)
    "unknown-name": "{value} is not a name in reference list '{list}'",
    "unknown-name.hint": "{value} is not a name in reference list '{list}'; did you mean {names}?",
    # the team's verifications (verifications.py)
    "self-verified": "{name} is the screening team's to set (--verifications), not an application's: ignored, so the document counts as submitted, not verified",
    "self-reviewed": "reviewers' scores ({name}) are the screening team's to give (`dealerscreen review`), not an application's: ignored, so the criterion counts as not yet reviewed",
    "review-unlisted": "criterion {id} counts reviewers' scores of {review}, which reviews.criteria does not list ({known}): no review can score it",
    "review-scale.full_at": "criterion {id} gives full points at a reviewers' average of {at}, outside the scores reviewers give (programme.yaml reviews: {low} to {high}): no review can reach them",
    "review-scale.zero_at": "criterion {id} gives no points at a reviewers' average of {at}, outside the scores reviewers give (programme.yaml reviews: {low} to {high}): every review earns it points",
    "verification-future": "checked on {date}, after the run's date {as_of}: it does not count yet",
    "verification-unmatched": "no applicant '{id}' was screened: this check backs nothing",
    # criteria (criteria/)
    "criteria.not-a-mapping": "expected a mapping of fields",
    "criteria.no-file": "no such file",
    "criteria.no-criteria-file": "no such criteria file",
    "criteria.no-id": "no profile with this id",
    "criteria.unknown": "no profile '{ref}' (known: {known})",
    "criteria.extends-missing": "extends '{ref}': {rest}",
    # which criteria a diff reads (diff/source.py)
    "diff.ambiguous-id": "'{spec}' is both a file here and the id of the profile in {path}: write ./{spec} for the file, or {path} for the profile",
    "diff.ambiguous-revision": "'{path}' does not exist at revision '{rev}', and '{spec}' is a path here: write ./{spec} to read that path",
    "diff.shadowed": "read from git, revision {rev} (commit {commit}), not from the file or folder of that name here: write ./{spec} to read that one",
    # the command line (cli/)
    "cli.no-file": "no such file: {path}",
    "cli.no-path": "no such file or folder: {path}",
    "cli.is-input": "'{path}' is one of the inputs",
    "cli.binary": "{format} is a binary file format: write it with -o FILE (or redirect stdout to a file)",
    "cli.bom": "--bom is for --format csv",
    "cli.by-city": "--by-city is a table view; the other formats always have a per-city section",
    "city.unknown": "{text} is not one of the cities of profile {profile}; {hint}",
    "city.hint": "did you mean {names}?",
    "city.or": "{first} or {rest}",
    "city.all": "the cities are {names}",
    "cli.size": "'{text}' is not a size (examples: 500000, 500k, 2M)",
    "cli.lang": "'{text}' is not a language dealerscreen speaks: en (English) or zh (中文), also as en-US, zh-CN, zh_CN, zh-Hans",
    "cli.cannot-write": "dealerscreen: cannot write {where}: {reason}",
    "cli.cannot-make": "dealerscreen: cannot make {where}: {reason}",
    "cli.stdout": "the report to standard output",
    "cli.interrupted": "dealerscreen: interrupted",
    "cli.terminated": "dealerscreen: terminated",
    "cli.explain-which": "name the applicant with --id when giving several paths",
    "cli.explain-none": "dealerscreen: no valid applicant with id '{id}' in the inputs",
    "cli.explain-many": "{path} holds {n} applicants: name one with --id",
    "cli.internal": "dealerscreen: internal error: {detail} (DEALERSCREEN_DEBUG=1 shows the traceback)",
    # the operating system's words for why a file cannot be made or written (strerror)
    "os.ENOENT": "No such file or directory",
    "os.EACCES": "Permission denied",
    "os.EPERM": "Operation not permitted",
    "os.ENOTDIR": "Not a directory",
    "os.EISDIR": "Is a directory",
    "os.EEXIST": "File exists",
    "os.ENOSPC": "No space left on device",
    "os.EROFS": "Read-only file system",
    "os.ENAMETOOLONG": "File name too long",
    "os.ELOOP": "Too many levels of symbolic links",
    # how a message lists things (models/problems.Listed)
    "list.sep": ", ",
    "list.or": " or ",
    "list.and": " and ",
    "list.quote": "'{text}'",
    # a problem's line: its field before the message, its check id after it
    "line.field": "{field}: ",
    "line.check": " ({check})",
    # the level of a problem, in its brackets
    "level.error": "error",
    "level.warning": "warning",
    "level.skipped": "skipped",
}

# The project's own error types raised by a model's validators: like pydantic's value_error,
# their message says what was given, so "(got ...)" follows only a single value.
# Their words are the checks' (checktext.EN) by the key each type names, or programme.yaml's
# (programmetext.EN) for a key that says so.
VALIDATORS: dict[str, str] = {
    "not_a_fact": "not-a-fact",
    "not_a_fact_hint": "not-a-fact.hint",
    "evidence_word": "evidence-word",
    "no_expectation": "no-expectation",
    "pairs": "pairs",
    "accepted_one": "accepted-one",
    # programme.yaml's (programmetext.EN)
    "no_stages": "programme:no-stages",
    "unknown_stages": "programme:unknown-stages",
}

# pydantic's English, by error type: the message a field's value gets (ctx values named).
PYDANTIC: dict[str, str] = {
    "int_parsing": "Input should be a valid integer, unable to parse string as an integer",
    "int_type": "Input should be a valid integer",
    "int_from_float": "Input should be a valid integer, got a number with a fractional part",
    "int_parsing_size": "Unable to parse input string as an integer, exceeded maximum size",
    "float_parsing": "Input should be a valid number, unable to parse string as a number",
    "float_type": "Input should be a valid number",
    "finite_number": "Input should be a finite number",
    "decimal_parsing": "Input should be a valid decimal",
    "decimal_type": "Decimal input should be an integer, float, string or Decimal object",
    "greater_than": "Input should be greater than {gt}",
    "greater_than_equal": "Input should be greater than or equal to {ge}",
    "less_than": "Input should be less than {lt}",
    "less_than_equal": "Input should be less than or equal to {le}",
    "multiple_of": "Input should be a multiple of {multiple_of}",
    "string_type": "Input should be a valid string",
    "string_too_short": "String should have at least {min_length} character{expected_plural}",
    "string_too_long": "String should have at most {max_length} character{expected_plural}",
    "string_pattern_mismatch": "String should match pattern '{pattern}'",
    "literal_error": "Input should be {expected}",
    "bool_parsing": "Input should be a valid boolean, unable to interpret input",
    "bool_type": "Input should be a valid boolean",
    "list_type": "Input should be a valid list",
    "dict_type": "Input should be a valid dictionary",
    "model_type": "Input should be a valid dictionary or instance of {class_name}",
    "model_attributes_type": "Input should be a valid dictionary or object to extract fields from",
    "too_short": "{field_type} should have at least {min_length} item{expected_plural} after validation, not {actual_length}",
    "too_long": "{field_type} should have at most {max_length} item{expected_plural} after validation, not {actual_length}",
    "date_type": "Input should be a valid date",
    "missing": "Field required",
    "extra_forbidden": "Extra inputs are not permitted",
    # the project's own (numbers.py)
    "bool_not_number": "yes/no is not a number: write the number (YAML reads an unquoted yes, no, on, off, true or false as yes/no, as a spreadsheet does TRUE and FALSE)",
    "number_too_large": "a number may be at most 10^15 (1,000,000,000,000,000)",
    "number_too_precise": "a number may have at most 15 digits after the decimal point",
    "number_octal": "'{text}' begins with 0, which YAML reads as an octal number ({value}): write the number without the leading zero",
    "number_hexadecimal": "'{text}' is a hexadecimal number to YAML ({value}): write the number in decimal digits",
    "number_binary": "'{text}' is a binary number to YAML ({value}): write the number in decimal digits",
    "number_base60": "'{text}' holds ':', which YAML reads as a base-60 number ({value}): write the number in decimal digits",
    "number_underflow": "'{text}' is too small for a number and would be read as 0: write 0 if that is meant",
}


SECTIONS = (
    (EN, "problem:"),
    (PYDANTIC, "pydantic:"),
    (clitext.EN, "cli:"),
    (checktext.EN, "check:"),
    (programmetext.EN, "programme:"),
)


def say(key: str, /, **values: Value) -> Message:
    """The message `key` of EN with its values: how the core words a problem."""
    return Message("problem:" + key, EN[key], tuple(values.items()))


def pydantic(kind: str, /, **values: Value) -> Message:
    """pydantic's message of an error type (PYDANTIC), with the values of its `ctx`."""
    return Message("pydantic:" + kind, PYDANTIC[kind], tuple(values.items()))


def validator(kind: str, /, **values: Value) -> Message:
    """The message of one of the validators' own error types (VALIDATORS)."""
    key = VALIDATORS[kind]
    if key.startswith("programme:"):
        return programmetext.say(key.removeprefix("programme:"), **values)
    return checktext.message(key, **values)


def os_reason(exc: OSError) -> Message:
    """Why the operating system refused, by its error number: its words in the catalog
    (`os.ENOENT`), or the system's own words when they are not the ones listed."""
    name = errno.errorcode.get(exc.errno or 0, "")
    english = EN.get("os." + name)
    if english is not None and exc.strerror == english:
        return say("os." + name)
    return plain(f"{exc.strerror or exc}")


@functools.cache
def _texts(lang: str, section: str = "problem:") -> dict[str, str]:
    english = next(d for d, s in SECTIONS if s == section)
    return translated(lang, section, english)


def in_lang(message: Message, lang: str) -> str:
    """A message in `lang`: its key's text in the catalog, filled with its values (each a
    message or a list in turn put in `lang`); English is the message's own template."""
    if lang == "en":
        return message.english()
    template = text(lang, message.key, message.template) if message.key else message.template
    return template.format(**{name: _value(v, lang) for name, v in message.values})


def _value(value: Value, lang: str) -> object:
    if isinstance(value, Message):
        return in_lang(value, lang)
    if isinstance(value, Listed):
        return _listed(value, lang)
    return value


def _listed(listed: Listed, lang: str) -> str:
    """The items joined with the language's words (`list.*`): "'a', 'b' or 'c'", in
    Chinese "“甲”、“乙”或“丙”"."""
    said = _texts(lang)
    shown = [valuetext.label(i, lang) if listed.as_values else i for i in listed.items]
    if listed.quoted:
        shown = [said["list.quote"].format(text=item) for item in shown]
    if listed.how == "and" or len(shown) < 2:
        return said["list.and"].join(shown)
    return said["list.sep"].join(shown[:-1]) + said["list.or"] + shown[-1]


def words(key: str, lang: str, **values: Value) -> str:
    """One of the messages above by its key, in `lang` (for the command line's own)."""
    return in_lang(say(key, **values), lang)


def words_of(section: str, key: str, lang: str, **values: object) -> str:
    """A text of another section (`cli:`) by its key, in `lang`."""
    return _texts(lang, section)[key].format(**values)


def level(name: str, lang: str) -> str:
    """'error', 'warning' or 'skipped' in `lang`."""
    key = "level." + name
    return _texts(lang)[key] if key in EN else name


def render(problem: Problem, lang: str) -> str:
    """`file:line:col: [level] field: message (check)`, in `lang`. The location and the
    check id stay as they are (editors and scripts read them); the words are translated."""
    if lang == "en":
        return problem.render()
    said = _texts(lang)
    where = " " + said["line.field"].format(field=problem.field) if problem.field else " "
    text = in_lang(problem.message, lang)
    check = said["line.check"].format(check=problem.check)
    return f"{problem.location()}: [{level(problem.level, lang)}]{where}{text}{check}"


ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`

ZH_PYDANTIC: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`
