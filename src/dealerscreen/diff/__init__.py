"""`dealerscreen diff`: what a criteria edit does to the outcomes of the same applicants."""
