"""The engine: a compiled profile and one applicant in, its decision out; then its words.

Pure: no files, no printing. `engine.decide` gives the complete `Decision` (the record,
record.py), `engine.explain` the explained `Evaluation` made from that record alone;
review flags, what separated a city's quota line and what-if questions are read off
decisions, never decided another way.
"""
