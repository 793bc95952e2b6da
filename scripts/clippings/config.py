"""One typed configuration for a Clippings project: where everything lives."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectConfig:
    root: Path

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def articles_dir(self) -> Path:
        return self.root / "docs" / "articles"

    @property
    def vocabularies_dir(self) -> Path:
        return self.root / "vocabularies"

    def source_paths(self) -> list[Path]:
        """Every raw text, absolute and sorted; one directory scan (fast at 100,000 files)."""
        folder = self.sources_dir.resolve()
        if not folder.is_dir():
            return []
        return sorted(
            folder / entry.name
            for entry in os.scandir(folder)
            if entry.name.endswith(".txt") and entry.is_file()
        )

    @classmethod
    def discover(cls, start: Path | None = None) -> ProjectConfig:
        """The nearest folder upwards that has a sources/ or vocabularies/ folder."""
        start = (start or Path.cwd()).resolve()
        for folder in (start, *start.parents):
            if (folder / "vocabularies").is_dir() or (folder / "mkdocs.yml").is_file():
                return cls(folder)
        return cls(start)
