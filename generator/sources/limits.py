"""How much an original may cost to read: every reader's limits, stated once, with their reasons.

Reports arrive by pull request, and CI builds every pull request, so a file anyone can
submit must not take the build or the machine down. Each limit is set from the largest
real originals we have (the 103-page 玉泉区 plan as PDF and .docx, the longest provincial
report as a portal page) with a wide margin, and checked before its cost is paid where the
format allows: a zip member's size while it inflates, an HTML tree's depth while it is
scanned, a PDF's pages and each page's content while it inflates. PDF libraries give no
hook to stop them from inside, so a PDF is also read in a worker process with a time and
a memory limit (``guard.read_guarded``).
"""

from __future__ import annotations

MIB = 1024 * 1024

# A .docx part (word/document.xml, a footnote or header part) inflated. The 103-page plan's
# document.xml is 0.3 MiB as our fixtures write it, a few MiB with Word's own markup; a part of
# 64 MiB is no government report.
PART_BYTES = 64 * MIB
# All parts of one .docx together (a file of many small bombs).
PACKAGE_BYTES = 256 * MIB

# A PDF: its pages (the plan has 103), and the content one page may inflate to (a page of a
# government report draws its text in 20-200 KB of operators).
PDF_PAGES = 2_000
PAGE_CONTENT_BYTES = 8 * MIB

# An HTML page's tree: portal pages nest about 30 deep and hold a few thousand elements.
HTML_DEPTH = 512
HTML_ELEMENTS = 300_000

# Reading one original in its worker: 20 s, and 2 s more per MB (the 103-page PDF reads in about
# 8 s), never more than 5 minutes; and 3 GiB of address space (the largest PDF reads within 400 MiB).
READ_SECONDS_BASE = 20.0
READ_SECONDS_PER_MB = 2.0
READ_SECONDS_MAX = 300.0
READ_MEMORY_BYTES = 3 * 1024 * MIB


def read_seconds(size: int) -> float:
    """The time one original of ``size`` bytes may take to read."""
    return min(READ_SECONDS_MAX, READ_SECONDS_BASE + READ_SECONDS_PER_MB * size / 1_000_000)
