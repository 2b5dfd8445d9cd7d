"""Checks the loader and compiler enforce (so `screen` refuses such criteria too).

They are registered here, with their documentation and a failing example each, so that
every id `validate` prints is documented in one registry. Their test cases are the files
in tests/cases/criteria-invalid/ and tests/cases/validate/.
"""

from __future__ import annotations

from dealerscreen.validation.base import Check


def _enforced(id_: str, doc: str) -> Check:
    return Check(id_, "error", doc, None)


YAML_SYNTAX = _enforced(
    "yaml-syntax",
    """yaml-syntax (error): the file is not well-formed YAML; reported at the parser's position.

    Fails::

        gates:
          - id: city
           title: City        # indented one space too far
    """,
)
UNKNOWN_FIELD = _enforced(
    "unknown-field",
    """unknown-field (error): a key the file format does not have, or a field path the applicant
    model does not have; with "did you mean" when a known name is close.

    Fails::

        condition: {kind: compare, field: site.frontage_m, op: ge, value: 26}
    """,
)
UNKNOWN_KIND = _enforced(
    "unknown-kind",
    """unknown-kind (error): a condition or scoring `kind` that does not exist.

    Fails::

        scoring: {kind: band, field: site.street_frontage_m, bands: [...]}
    """,
)
UNKNOWN_LIST = _enforced(
    "unknown-list",
    """unknown-list (error): a rule or `city_list` names a reference list the profile does not declare.

    Fails::

        condition: {kind: in_list, field: target.city, list: citys}
    """,
)
UNKNOWN_TAG = _enforced(
    "unknown-tag",
    """unknown-tag (error): an `in_list` asks for a tag no entry of the list carries.

    Fails::

        {kind: in_list, field: brand, list: brands, tag: luxary}
    """,
)
UNKNOWN_ATTR = _enforced(
    "unknown-attr",
    """unknown-attr (error): a `listed` condition reads an attribute no entry of the list has.

    Fails::

        {kind: listed, field: standing.group_name, list: top100, attr: rnak, op: le, value: 20}
    """,
)
DUPLICATE_ID = _enforced(
    "duplicate-id",
    """duplicate-id (error): two gates, criteria, bonuses, checks or tiers share an id.

    Fails::

        gates:
          - {id: city, ...}
        criteria:
          - {id: city, ...}
    """,
)
MISSING_SOURCE = _enforced(
    "missing-source",
    """missing-source (error): a gate, criterion, bonus or check has no `source`.

    Every rule must cite the requirement it encodes.

    Fails::

        - id: city
          title: City
          reason: Not a recruitment city.
          condition: {kind: in_list, field: target.city, list: cities}
    """,
)
UNKNOWN_SOURCE = _enforced(
    "unknown-source",
    """unknown-source (error): a rule's `source` is not a key of the profile's `sources`.

    Fails::

        sources: {seed-001: {title: ...}}
        gates:
          - {id: city, source: seed-01, ...}
    """,
)
POINTS_SUM = _enforced(
    "points-sum",
    """points-sum (error): the criteria's `points` do not add up to `max_points`.

    Fails::

        max_points: 100
        criteria:
          - {id: a, points: 60, ...}
          - {id: b, points: 30, ...}      # 90, not 100
    """,
)
POINTS_OVER_MAX = _enforced(
    "points-over-max",
    """points-over-max (error): a band, step, case or table value gives more than its criterion's `points`.

    Fails::

        - id: frontage
          points: 5
          scoring: {kind: thresholds, field: site.street_frontage_m, steps: [{at: 26, points: 6}]}
    """,
)
EXTENDS_MISSING = _enforced(
    "extends-missing",
    """extends-missing (error): `extends` names a file or profile id that does not exist.

    Fails::

        extends: xiaomi-2s-2023.yaml
    """,
)
EXTENDS_CYCLE = _enforced(
    "extends-cycle",
    """extends-cycle (error): profiles extend each other in a circle.

    Fails::

        # a.yaml
        extends: b.yaml
        # b.yaml
        extends: a.yaml
    """,
)
EXTENDS_ID = _enforced(
    "extends-id",
    """extends-id (error): a profile that extends another does not declare its own `id`.

    It would pass for its parent in reports and in `--criteria`.

    Fails::

        schema_version: 1
        kind: profile
        extends: xiaomi-2s-2024.yaml
        title: Expansion phase
    """,
)
NOT_CRITERIA = _enforced(
    "not-criteria",
    """not-criteria (error): a YAML file among the criteria is neither a profile nor a reference list.

    Files are recognised by `kind:`; `kind: criteria-tests` files are left to `dealerscreen test`.

    Fails::

        # criteria/notes.yaml
        todo: add Hangzhou
    """,
)
OUTSIDE_CRITERIA = _enforced(
    "outside-criteria",
    """outside-criteria (error): `reference:` or `extends:` names a file outside the criteria folders.

    A profile may read only from its own folder (and below), the folders of
    DEALERSCREEN_CRITERIA_PATH and the shipped profiles, symbolic links followed: criteria
    come in pull requests, and CI must not read (and quote in errors) any other file.

    Fails::

        reference:
          cities: ../../../home/runner/.config/secrets.yaml
        extends: /etc/some-profile.yaml
    """,
)
UNKNOWN_REMOVE = _enforced(
    "unknown-remove",
    """unknown-remove (error): `remove` names an id the parent profile does not have.

    Fails::

        extends: xiaomi-2s-2024.yaml
        remove: [store-format-3s]
    """,
)
EVIDENCE_FACT = _enforced(
    "evidence-fact",
    """evidence-fact (error): a gate's `evidence` asks for a document behind a fact the gate does not read.

    A document that backs nothing the gate decides on would keep a pass provisional for
    no reason; a gate that reads no fact of the application has nothing to back.

    Fails::

        - id: dealer-standing
          condition: {kind: compare, field: standing.stores_in_province, op: ge, value: 3}
          evidence:
            facts: {standing.years_in_region: [business_licence]}
    """,
)

ENFORCED = (
    YAML_SYNTAX,
    UNKNOWN_FIELD,
    UNKNOWN_KIND,
    UNKNOWN_LIST,
    UNKNOWN_TAG,
    UNKNOWN_ATTR,
    DUPLICATE_ID,
    MISSING_SOURCE,
    UNKNOWN_SOURCE,
    POINTS_SUM,
    POINTS_OVER_MAX,
    EXTENDS_MISSING,
    EXTENDS_CYCLE,
    EXTENDS_ID,
    UNKNOWN_REMOVE,
    NOT_CRITERIA,
    OUTSIDE_CRITERIA,
    EVIDENCE_FACT,
)
