"""Every use of an undocumented attribute of MkDocs or Material, in one place, with its reason.

MkDocs and Material document their plugin events and their configuration; the
attributes below are neither. The build relies on each for a measured reason
(the README's performance section has the figures). A release that removes or
renames one must stop the build with a message naming it, never change the
site quietly: every read and write of them goes through ``read`` and
``write`` here, and ``check_classes`` looks for the class-level ones when the
build starts. ``pyproject.toml`` bounds MkDocs and Material to the releases
tested; ``tests/test_mkdocs_internals.py`` removes each attribute in turn and
checks the message.

Material 9.x reaches its end of life on 5 May 2027 and MkDocs 2.0 drops
plugins; the Zensical build (``site/zensical.py``) needs none of this.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Internal:
    owner: str  # the class, as module.Class
    name: str
    package: str  # the distribution that owns it
    reason: str  # why the build uses it
    on_class: bool = True  # a class attribute (checked when the build starts), or one each instance gets

    def __str__(self) -> str:
        return f"{self.owner}.{self.name}"


PAGE_TITLE = Internal(
    "mkdocs.structure.pages.Page", "_title_from_render", "mkdocs",
    "a page served from the render cache gets back the title MkDocs read from its first heading", on_class=False)
PAGE_ANCHORS = Internal(
    "mkdocs.structure.pages.Page", "present_anchor_ids", "mkdocs",
    "a page served from the render cache gets back its anchors, so MkDocs still checks links to them")
PAGE_LINKS = Internal(
    "mkdocs.structure.pages.Page", "links_to_anchors", "mkdocs",
    "a page served from the render cache gets back its links to anchors, so MkDocs still checks them")
SEARCH_INDEX = Internal(
    "material.plugins.search.plugin.SearchPlugin", "search_index", "mkdocs-material",
    "the search plugin's index is where each page's sections are taken from as the page is rendered",
    on_class=False)
SEGMENTATION = Internal(
    "material.plugins.search.plugin.SearchIndex", "_segment_chinese", "mkdocs-material",
    "Material cuts Chinese text into words with jieba for its own search; our worker searches the unsegmented "
    "text (and the cutting cost minutes at 3,000 reports)")
ADD_ENTRY = Internal(
    "material.plugins.search.plugin.SearchIndex", "add_entry_from_context", "mkdocs-material",
    "a page's sections are streamed to a file when it is rendered, instead of kept in memory until the end")
ENTRIES = Internal(
    "material.plugins.search.plugin.SearchIndex", "entries", "mkdocs-material",
    "the sections Material's parser makes of a page are taken from the index's list", on_class=False)

INTERNALS = (PAGE_TITLE, PAGE_ANCHORS, PAGE_LINKS, SEARCH_INDEX, SEGMENTATION, ADD_ENTRY, ENTRIES)


def message(internal: Internal) -> str:
    try:
        release = f"{internal.package} {version(internal.package)}"
    except PackageNotFoundError:
        release = internal.package
    return (f"annotated-reports: {release} has no {internal}, which the build uses because {internal.reason}. "
            f"Install a release pyproject.toml names as tested, or adapt generator/site/mkdocs_internals.py")


_MISSING = object()


def read(owner: Any, internal: Internal) -> Any:
    value = getattr(owner, internal.name, _MISSING)
    if value is _MISSING:
        raise PluginError(message(internal))
    return value


def write(owner: Any, internal: Internal, value: Any) -> None:
    """Set it, once it is known to exist: a renamed attribute written to would change nothing, silently."""
    read(owner, internal)
    setattr(owner, internal.name, value)


def _class(internal: Internal) -> Any:
    module, _, name = internal.owner.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise PluginError(message(internal)) from None


def check_classes(names: tuple[Internal, ...] = INTERNALS) -> None:
    """Every class attribute the build uses is there (instance attributes are checked where they are read)."""
    for internal in names:
        if internal.on_class:
            read(_class(internal), internal)
