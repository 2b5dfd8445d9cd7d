"""JSON Schemas of the file formats, from the pydantic models (so they cannot drift).

Committed under schemas/ and named by the `# yaml-language-server: $schema=` line at the
top of each YAML file, so editors complete and check fields while a file is typed.
`tests/test_schemas.py` keeps the committed files equal to these.
"""

from __future__ import annotations

from pydantic import BaseModel

from dealerscreen.criteria.models import Profile
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.choices import SchemaName
from dealerscreen.models.verification import VerificationFile
from dealerscreen.outcomes.models import CaseFile
from dealerscreen.reference.lists import ReferenceListFile
from dealerscreen.reporters import jsontext

DIALECT = "https://json-schema.org/draft/2020-12/schema"


MODELS: dict[SchemaName, type[BaseModel]] = {
    SchemaName.applicant: Applicant,
    SchemaName.criteria: Profile,
    SchemaName.reference_list: ReferenceListFile,
    SchemaName.criteria_tests: CaseFile,
    SchemaName.verifications: VerificationFile,
}


def file_name(name: SchemaName) -> str:
    return f"{name.value}.schema.json"


def schema_text(name: SchemaName) -> str:
    """The schema as committed: validation mode (what a file may contain), keys sorted."""
    schema = MODELS[name].model_json_schema(mode="validation")
    if name is SchemaName.criteria:
        # A profile that `extends` another inherits what it does not write, so only its
        # header is required; a standalone profile needs every required field.
        required = schema.pop("required")
        schema["required"] = ["schema_version", "kind", "id"]
        schema["if"] = {"required": ["extends"]}
        schema["else"] = {"required": required}
    schema = {"$schema": DIALECT, "$id": file_name(name), **schema}
    return jsontext.dumps(schema) + "\n"
