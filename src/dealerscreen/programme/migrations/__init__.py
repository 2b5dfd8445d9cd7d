"""The record's schema migrations (Alembic), shipped inside the package and run by
`dealerscreen.programme.migrate` when a programme is opened; no alembic.ini."""
