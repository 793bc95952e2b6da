"""Clippings: raw web-extracted articles in, a clean cross-linked reading site out."""

__version__ = "0.1.0"
