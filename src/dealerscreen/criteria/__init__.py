"""Profiles: the criteria-file models, loading (with reference lists) and compilation."""
