"""The site's HTML blocks as Jinja templates, overridable the way Material's are.

Listings, the Library, the timeline, the article header and the footer sections
are templates in theme/clippings/. They are looked up along the theme's folders
(`config.theme.dirs`: the site owner's `custom_dir` first, then ours, then
Material's), so a file `clippings/article-card.html` in a site's own overrides
folder replaces ours, as `partials/footer.html` there replaces Material's.

One escaping convention: every value reaches the HTML through a template, and
the environment escapes it there (autoescape). Values are escaped as
`html.escape` does (quotes as `&quot;` and `&#x27;`), so the built site keeps its
bytes; what a template receives already as markup is a `Markup` (another
template's output, Material's feed icon). Page skeletons stay Markdown (MkDocs
takes titles and tables of contents from it); their untrusted headings go
through clippings.escape.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from clippings import dates
from clippings.site import urls

THEME = Path(__file__).parent / "theme"


class _Escaped(str):
    """Text escaped by `_escaped`: autoescaping takes it as it is (`__html__`)."""

    __slots__ = ()

    def __html__(self) -> str:
        return self


def _escaped(value: Any) -> Any:
    """Applied to every `{{ value }}` before autoescaping, which then keeps it as it is.
    (`type(...) is str`: a Markup, a template's own output, is a str subclass.)"""
    if type(value) is str:
        return _Escaped(html.escape(value))
    return value


def environment(dirs: Sequence[str | Path] = ()) -> Environment:
    """Templates from `dirs` first (a theme's folders, custom_dir first), then ours."""
    folders = [str(d) for d in dirs]
    if str(THEME) not in folders:
        folders.append(str(THEME))
    env = Environment(
        loader=FileSystemLoader(folders),
        autoescape=True,
        finalize=_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    env.globals.update(url=urls.url, uri=urls.uri)
    env.filters["human_date"] = dates.human
    return env


_active: list[Environment] = []


def use(dirs: Sequence[str | Path]) -> None:
    """Render from now on with the templates found along `dirs` (the plugin passes the
    theme's folders at on_config; bench and tests keep the default, ours alone)."""
    _active[:] = [environment(dirs)]


def render(name: str, **context: Any) -> str:
    """The template `clippings/<name>` rendered with `context`, as a plain str: a Markup
    would escape any str it is added to (`head + render(...)`). Pass it on to another
    template as `Markup(...)`."""
    if not _active:
        _active.append(environment())
    return _active[0].get_template(f"clippings/{name}").render(context)
