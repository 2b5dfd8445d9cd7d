"""Reference lists (cities, brands, dealer groups) and how the names people write find them.

Folding (width, case, tones, spaces), administrative suffixes, pinyin and "did you mean"
suggestions by characters and by sound; below rules and criteria, which read the lists.
"""
