"""annotated-reports: raw government reports -> faithful, structured Markdown.

The core (read -> repair -> structure -> render) knows nothing of MkDocs;
`generator.site.mkdocs_hook` is the thin layer that runs it inside a MkDocs build,
`generator.site.zensical` the build with Zensical.
"""

__version__ = "0.1.0"
