"""Stage 6, site: the pages as a site.

``pages`` generates every page from the project; ``mkdocs_hook`` adapts
MkDocs's events, ``mkdocs_render`` renders for MkDocs and ``mkdocs_internals``
names what of MkDocs and Material they use undocumented (the only modules that
import MkDocs); ``zensical`` builds the same site with Zensical; ``search``
makes the search index, ``publish`` builds ``site/`` atomically and
``bundle`` zips a site for offline reading.
"""
