"""A run over many applicant files: discovery, worker processes, ranking rows, per-city lists.

Reads intake (files in), decide (one decision each) and words (the reasons a row shows);
what a run produced is `screenrun.ScreenRun`; what reporters read of it, `rundata.RunData`.
"""
