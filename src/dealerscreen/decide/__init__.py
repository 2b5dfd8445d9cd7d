"""The engine: a compiled profile and one applicant in, its decision out; then its words.

Pure: no files, no printing. `engine.decide` gives the `Decision`, `engine.explain` the
explained `Evaluation`; review flags, what separated a city's quota line and what-if
questions are read off decisions, never decided another way.
"""
