"""Decisions into sentences for people: explanations, letters, report labels, the form's questions.

Words are rendered from a decision and the profile, in the reader's language; nothing
here decides.
"""
