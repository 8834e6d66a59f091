"""Stage 3, structure: repaired text -> blocks -> a report with a real outline.

``numbering`` holds the vocabulary of Chinese document numbering, ``blocks``
classifies paragraphs into headings, paragraphs and cover lines, and
``report`` assembles the outline, boxes, appendices and the 名词解释 section
(parsed by ``glossary_entries``).
"""
