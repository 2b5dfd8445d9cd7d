"""Languages: the gettext catalogs, language tags, and the English source texts by key.

English lives in Python beside its key (`EN` dicts); every other language is a catalog
(`locale/`), so adding one is a catalog and a line in `langs.SPOKEN`.
"""
