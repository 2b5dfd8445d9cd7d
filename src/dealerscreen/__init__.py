"""dealerscreen: screen dealer applications against a car maker's partner requirements."""

__version__ = "0.1.0"
