"""The programme record: what the team does after screening, kept apart from what
applicants submit.

A programme is a folder with `programme.yaml` (config.py) and a record database (db.py,
schema.py, migrate.py): the submissions as received (submissions.py), the decisions of
each screening run (decisions.py), and the team's acts, append-only and hash-chained
(chain.py, acts.py); queries.py answers status and history. Nothing here prints or exits.
"""
