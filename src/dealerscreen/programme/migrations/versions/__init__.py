"""One module per schema revision, oldest first (v0001_first is the first schema)."""
