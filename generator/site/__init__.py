"""Stage 6, site: the pages as a site.

``pages`` generates every page from the project, ``mkdocs_hook`` is the only
MkDocs-aware module, ``search`` makes the search index text, ``publish``
builds ``site/`` atomically and ``bundle`` zips it for offline reading.
"""
