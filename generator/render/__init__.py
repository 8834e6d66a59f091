"""Stage 5, render: structured reports and the glossary -> Markdown pages.

``report`` writes a report page and the home page, ``concepts`` the concept
pages and the glossary index; ``safe`` limits editor-written Markdown. All
report and editor text is escaped here.
"""
