"""Stage 4, annotate: the glossary and everything attached to the report text.

Terms come from the reports' own 名词解释 and from editors' term files
(``annotations``, ``terms``); ``matching`` and ``annotate`` find their
occurrences; ``notes`` attaches editors' passage notes; ``suggest`` lists
unexplained jargon and measures coverage, minus what ``dismissed`` sets aside;
``export`` publishes the glossary as open data.
"""
