"""Stage 1, sources: what a report is before any repair.

``read`` decodes the file into physical lines, ``layout`` decides how those
lines become paragraphs, ``metadata`` reads the cover, and ``manifest`` and
``overrides`` carry what editors state about a report.
"""
