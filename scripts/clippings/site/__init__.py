"""Build-time side: derived pages and blocks for the MkDocs site.

derive.py and related.py are pure functions that return Markdown, so another
generator can use them; plugin.py only places their output into an MkDocs build.
"""
