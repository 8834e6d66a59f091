"""The search index: plain page text, cut into files a reader fetches only when searching.

Material's search plugin cuts every page into sections (one per heading) and,
for Chinese, segments the text with jieba, joining words with U+200B, so that
its lunr worker can build an inverted index in the browser. We replace that
worker (``docs/assets/search-worker.js``) with substring search, which finds
a term whole (六个百分百) and by any part (百分百) without a dictionary.

Material fetches its whole index as soon as a page opens: 75 MB at 1,000
reports. Ours is cut in two kinds of file, fetched only when a query needs
them (the worker keeps what it fetched for the next query):

* **gram files** (``search/g/<n>.js``): for every character and every pair of
  adjacent characters in the sections' text, the sections holding it, with
  counts. A term's sections are among those holding all of a few pairs that
  cover it (六个, 百分, 分百 for 六个百分百), so a query reads a handful of
  gram files, whichever its pairs hash to;
* **text files** (``search/c/<n>.js``): the sections' plain text, a few
  thousand characters a file, in page order. The worker reads the text of the
  best-ranked candidates only, to confirm each match (pairs can be present
  without the term) and to cut the snippets;
* **the page list** (``search/pages.js``): the first section id of each page,
  so the worker counts the pages its candidates fall on (Material's "N
  results") without reading their text.

Both are scripts (``__searchData(name, data)``): over http the worker fetches
and parses them, from ``file://`` (where fetch is refused) it loads them as
scripts. ``search/search_index.json`` is left as a small manifest in
Material's format (``docs`` empty, ours under ``config.shards``), which
Material fetches and hands to the worker.

The text is plain: no segmentation (no jieba at build time, no U+200B between
words), no markup (Material keeps a few tags and HTML-escapes the text; we
store plain text, and the worker escapes all of it again when it shows a
result, so nothing in the index can become markup).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import add, sub
from typing import Callable, Iterable

from generator.cache import ContentCache, code_version
from generator.parallel import can_fork, fork_map, workers

_BLOCK_END = re.compile(r"</(?:p|li|pre|ol|ul)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u200b]+")
_LINES = re.compile(r"\s*\n\s*")

# Characters at which the worker splits a query (its parseQuery): no query term holds one, so no
# gram with one is ever looked up. tests/test_search_worker.py checks the two lists agree.
QUERY_SEPARATORS = frozenset(" \t\n\r\f\v\u3000，。、；：？！“”‘’（）《》【】,;!?\"'()[]{}<>")

COUNT_CAP = 50  # occurrences counted per gram and section, as the worker counts a term's
SECTIONS_PER_TEXT_FILE = 64  # a text file's section ids are file * 64 + 0..63
# The two file sizes trade the site's number of files (Cloudflare Pages takes 20,000) against what a
# query fetches (at most 1.5 MB): at 3,000 reports about 11,000 text files and 2,048 gram files,
# and a query reads a few gram files and the text files of the 50 pages it shows.
TEXT_FILE_CHARS = 5000  # a text file closes after this many characters (one long section may exceed it)
GRAM_FILE_BYTES = 96_000  # the aim for a gram file's size: the number of files is a power of two
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def plain_text(fragment: str) -> str:
    """Material's section text or title (escaped text with a few kept tags) as plain text.

    Block ends become line breaks, other tags vanish, entities are decoded,
    and runs of spaces (and any U+200B) fold to one space.
    """
    text = _BLOCK_END.sub("\n", fragment)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text.replace("\u200b", ""))
    return _LINES.sub("\n", text).strip()


def no_segmentation(text: str) -> str:
    """Stands in for Material's jieba segmentation: the browser searches substrings."""
    return text


@dataclass(frozen=True)
class SearchSection:
    """One entry of Material's index: a page (no ``#``) or one of its sections."""

    location: str
    title: str
    text: str
    boost: float = 1.0

    @property
    def page(self) -> str:
        return self.location.split("#", 1)[0]


@dataclass
class SearchFiles:
    """What the site serves for search: the manifest Material fetches and the files the worker fetches."""

    manifest: dict
    files: dict[str, str] = field(default_factory=dict)  # path under search/ -> script text

    @property
    def byte_size(self) -> int:
        return sum(len(text.encode("utf-8")) for text in self.files.values())


def search_key(text: str) -> str:
    """Text as the worker compares it: lower case where that keeps every offset (as the worker's ``lower``)."""
    folded = text.lower()
    return folded if len(folded) == len(text) else text


def gram_shard(gram: str, shards: int) -> int:
    """The gram file of a gram: the worker computes the same hash (31 * h + code point, modulo 2^32)."""
    value = 0
    for char in gram:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return value % shards


_SEPARATOR_RUN = re.compile("[" + re.escape("".join(sorted(QUERY_SEPARATORS))) + "]+")


def _grams(key: str) -> Counter:
    """Every character and pair of adjacent characters, except those with a character no query term holds."""
    runs = _SEPARATOR_RUN.split(key)
    counts = Counter("".join(runs))
    counts.update(chain.from_iterable(map(map, repeat(add), runs, [run[1:] for run in runs])))
    return counts


_SMALL = []


def _number(value: int) -> str:
    """One non-negative number in base 32, least significant digit first; all but the last digit flagged."""
    if value < len(_SMALL):
        return _SMALL[value]
    digits = []
    while value >= 32:
        digits.append(ALPHABET[32 + (value & 31)])
        value >>= 5
    digits.append(ALPHABET[value])
    return "".join(digits)


_SMALL.extend(_number(value) for value in range(32768))


def encode_postings(ids: list[int], counts: list[int] | None = None) -> str:
    """Ascending section ids as gaps (the first id as itself).

    With counts, each gap is doubled and flagged odd when the count is above
    one, and a flagged gap is followed by the count less two: most grams occur
    once in a section, and then cost their gap alone.
    """
    if counts is None:
        return _encode_gaps(ids)
    return _encode_counted([section << 16 | min(count, COUNT_CAP) for section, count in zip(ids, counts)])


def _encode_gaps(ids: list[int], previous: int = 0) -> str:
    small, limit = _SMALL, len(_SMALL)
    gaps = map(sub, ids, [previous, *ids[:-1]])
    return "".join([small[gap] if gap < limit else _number(gap) for gap in gaps])


def _encode_counted(packed: list[int], previous: int = 0) -> str:
    """Section ids packed with their counts (id << 16 | count), as encode_postings writes them."""
    small, limit, cap = _SMALL, len(_SMALL) // 2, COUNT_CAP
    sections = [value >> 16 for value in packed]
    gaps = map(sub, sections, [previous, *sections[:-1]])
    counts = [value & 0xFFFF for value in packed]
    return "".join([
        (small[2 * gap] if gap < limit else _number(2 * gap)) if count == 1 else
        (small[2 * gap + 1] if gap < limit else _number(2 * gap + 1)) + small[(count if count < cap else cap) - 2]
        for gap, count in zip(gaps, counts)
    ])


def decode_postings(text: str, counted: bool = False) -> list[int]:
    """An encoded list as the worker decodes it: section ids, or [id, count, id, count, ...] when counted."""
    numbers = []
    value = shift = 0
    for char in text:
        digit = ALPHABET.index(char)
        if digit >= 32:
            value += (digit - 32) << shift
            shift += 5
        else:
            numbers.append(value + (digit << shift))
            value = shift = 0
    if not counted:
        return list(_running_sum(numbers))
    out = []
    previous = 0
    numbers.reverse()
    while numbers:
        gap = numbers.pop()
        previous += gap >> 1
        out += [previous, numbers.pop() + 2 if gap & 1 else 1]
    return out


def _running_sum(gaps: list[int]) -> Iterable[int]:
    total = 0
    for gap in gaps:
        total += gap
        yield total


PART_CHARS = 1_000_000  # the text one worker counts at a time: its gram lists stay under ~100 MB
SMALL_INDEX_CHARS = 500_000  # an index this small is counted in one piece


def _parts(sizes: list[int]) -> list[tuple[int, int]]:
    """Contiguous ranges of sections whose grams are counted together: one for a small site; for a
    larger one ranges of PART_CHARS each (or one per core), cut from the first section on, so that a
    change to a section leaves every range before it as it was (their lists come from the cache)."""
    total = sum(sizes)
    if total <= SMALL_INDEX_CHARS:
        return [(0, len(sizes))] if sizes else []
    size = min(PART_CHARS, -(-total // workers()))
    parts = []
    start = done = 0
    for number, item in enumerate(sizes):
        done += item
        if done >= size:
            parts.append((start, number + 1))
            start, done = number + 1, 0
    if start < len(sizes):
        parts.append((start, len(sizes)))
    return parts


_Run = tuple  # (encoded entries after the first, first entry, last section id)


def _gram_postings(sections: list[SearchSection], ids: list[int]) -> dict[str, list]:
    """For each gram of these sections: [body run, title run], each a _Run or None."""
    body: dict[str, list[int]] = defaultdict(list)
    titles: dict[str, list[int]] = defaultdict(list)
    for section, section_id in zip(sections, ids):
        key = search_key(section.text)
        counts = _grams(key)
        if len(key) > 0xFFFF:
            for gram in [gram for gram, count in counts.items() if count > COUNT_CAP]:
                counts[gram] = COUNT_CAP
        # One packed number per gram and section (id << 16 | count), appended without a Python loop.
        packed = section_id << 16
        deque(map(list.append, map(body.__getitem__, counts), map(packed.__add__, counts.values())), maxlen=0)
        title_grams = _grams(search_key(section.title))
        deque(map(list.append, map(titles.__getitem__, title_grams), repeat(section_id)), maxlen=0)
    found: dict[str, list] = {}
    for gram, values in body.items():
        found[gram] = [(_encode_counted(values[1:], values[0] >> 16), values[0], values[-1] >> 16), None]
    for gram, values in titles.items():
        run = (_encode_gaps(values[1:], values[0]), values[0], values[-1])
        if gram in found:
            found[gram][1] = run
        else:
            found[gram] = [None, run]
    return found


def _join(joined: tuple | None, run: _Run | None, counted: bool) -> tuple | None:
    """A gram's list so far (encoded, last id) with the next range's run appended."""
    if run is None:
        return joined
    rest, first, last = run
    text, previous = joined if joined else ("", 0)
    head = _encode_counted([first], previous) if counted else _encode_gaps([first], previous)
    return text + head + rest, last


def _script(name: str, data: object) -> str:
    return f"__searchData({json.dumps(name)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def build_search_files(
    docs: Iterable[dict],
    config: dict | None = None,
    *,
    text_file_chars: int = TEXT_FILE_CHARS,
    gram_file_bytes: int = GRAM_FILE_BYTES,
    write: Callable[[str, str], None] | None = None,
    cache: ContentCache | None = None,
) -> SearchFiles:
    """Material's index entries (``location``, ``title``, ``text``, optional ``boost``) as the sharded index.

    With ``write``, each file goes to it as soon as it is made (the files are not kept: at archive
    scale they are hundreds of megabytes). The two sizes are for tests, which cut a small index into
    many files.
    """
    sections = [
        SearchSection(doc["location"], doc.get("title") or "", doc.get("text") or "", float(doc.get("boost", 1) or 1))
        for doc in docs
    ]
    # Pages of one boost together (concept pages last), so that a section's boost follows from its id
    # alone, and an edited concept page changes no range of reports (see _postings_by_gram).
    sections.sort(key=lambda section: section.boost)
    text_files, ids, boosts = _cut_text_files(sections, text_file_chars)
    encoded = _postings_by_gram(sections, ids, cache)
    size = sum(len(gram) * 3 + len(body) + len(title) + 10 for gram, (body, title) in encoded.items())
    shards = 1
    while size / shards > gram_file_bytes:
        shards *= 2
    by_shard: list[list[str]] = [[] for _ in range(shards)]
    for gram in sorted(encoded):
        by_shard[gram_shard(gram, shards)].append(gram)

    files: dict[str, str] = {}
    digest = hashlib.sha256()

    def emit(name: str, text: str) -> None:
        digest.update(text.encode("utf-8"))
        if write is None:
            files[name] = text
        else:
            write(name, text)

    for n, grams in enumerate(by_shard):
        emit(f"g/{n}.js", _script(f"g/{n}", {gram: encoded.pop(gram) for gram in grams}))
    pages = encode_postings(page_starts(sections, ids))
    for n, data in enumerate(text_files):
        emit(f"c/{n}.js", _script(f"c/{n}", data))
        text_files[n] = None  # type: ignore[call-overload]  # written: let it go
    emit("pages.js", _script("pages", pages))
    manifest = {
        "config": {
            **(config or {}),
            "shards": {
                "version": digest.hexdigest()[:12],
                "grams": shards,
                "sectionsPerFile": SECTIONS_PER_TEXT_FILE,
                "textFiles": len(text_files),
                "boosts": boosts,
                "countCap": COUNT_CAP,
            },
        },
        "docs": [],
    }
    return SearchFiles(manifest, files)


def page_starts(sections: list[SearchSection], ids: list[int]) -> list[int]:
    """The id of each page's first section, ascending (a page's sections have consecutive ids), so
    the worker can tell how many pages its candidates fall on before it reads their text."""
    starts = []
    previous = None
    for section, section_id in zip(sections, ids):
        if section.page != previous:
            starts.append(section_id)
            previous = section.page
    return starts


def _cut_text_files(sections: list[SearchSection], text_file_chars: int) -> tuple[list[dict], list[int], list]:
    """The text files' data (``p``: [page, title] pairs, ``s``: [page index, anchor, title, text, boost?]),
    each section's id (file * SECTIONS_PER_TEXT_FILE + place) and the runs of ids sharing a boost."""
    text_files: list[dict] = []
    ids: list[int] = []
    boosts: list[list[float]] = []  # [first id after the run, boost], in id order
    current: dict | None = None
    chars = 0
    for section in sections:
        if current is None or len(current["s"]) == SECTIONS_PER_TEXT_FILE or (current["s"] and chars >= text_file_chars):
            current = {"p": [], "s": []}
            text_files.append(current)
            chars = 0
        pages = current["p"]
        if not pages or pages[-1][0] != section.page:
            pages.append([section.page, ""])
        anchor = section.location[len(section.page) + 1:] if "#" in section.location else None
        if anchor is None:
            pages[-1][1] = section.title
        entry: list = [len(pages) - 1, anchor if anchor is not None else "", section.title, section.text]
        if section.boost != 1:
            entry.append(section.boost)
        current["s"].append(entry)
        chars += len(section.title) + len(section.text)
        section_id = (len(text_files) - 1) * SECTIONS_PER_TEXT_FILE + len(current["s"]) - 1
        ids.append(section_id)
        if boosts and boosts[-1][1] == section.boost:
            boosts[-1][0] = section_id + 1
        else:
            boosts.append([section_id + 1, section.boost])
    # Pages whose own entry lies in another file still need a title for the result group.
    page_titles = {section.location: section.title for section in sections if "#" not in section.location}
    for data in text_files:
        for page in data["p"]:
            if not page[1]:
                page[1] = page_titles.get(page[0], page[0])
    return text_files, ids, boosts


def _part_key(sections: list[SearchSection], ids: list[int]) -> bytes:
    digest = hashlib.sha256()
    for section, section_id in zip(sections, ids):
        digest.update(f"{section_id}\x00{section.title}\x00{section.text}\x01".encode("utf-8"))
    return digest.digest()


def _postings_by_gram(sections: list[SearchSection], ids: list[int], cache: ContentCache | None = None) -> dict[str, list[str]]:
    """For every gram: [its sections in the text, with counts; its sections in the titles], encoded.

    Counting the grams of 20 million characters (1,000 reports) is the build's largest single job:
    contiguous ranges of sections go to the cores, and their lists are joined in id order. With a
    cache, a range whose sections and ids are those of an earlier build is not counted again (an
    edited concept page changes the ranges from its own on: concept pages come last)."""
    parts = _parts([len(section.text) + len(section.title) for section in sections])
    keys = {part[0]: _part_key(sections[part[0]:part[1]], ids[part[0]:part[1]]) for part in parts} if cache else {}
    missing = [part for part in parts if not cache or not cache.has(keys[part[0]])]

    def postings(part: tuple[int, int]) -> tuple[int, dict[str, list] | None]:
        found = _gram_postings(sections[part[0]:part[1]], ids[part[0]:part[1]])
        if cache is not None:
            cache.put(keys[part[0]], found)
        return part[0], found

    results = fork_map(postings, missing) if len(missing) > 1 and can_fork() else map(postings, missing)
    encoded: dict[str, list] = {}
    waiting: dict[int, dict[str, list]] = {}  # parts counted before their turn
    starts = [part[0] for part in parts]
    counted = {part[0] for part in missing}
    turn = 0

    def join_ready() -> None:
        nonlocal turn
        while turn < len(starts) and (starts[turn] in waiting or starts[turn] not in counted):
            start = starts[turn]
            found = waiting.pop(start) if start in counted else cache.get(keys[start])  # type: ignore[union-attr]
            if found is None:  # the cache lost it since: count it here
                found = _gram_postings(sections[start:parts[turn][1]], ids[start:parts[turn][1]])
            for gram, (body, title) in found.items():
                entry = encoded.get(gram)
                if entry is None:
                    encoded[gram] = [_join(None, body, True), _join(None, title, False)]
                else:
                    entry[0] = _join(entry[0], body, True)
                    entry[1] = _join(entry[1], title, False)
            turn += 1

    join_ready()
    for start, found in results:  # joined in id order as they arrive: few parts are ever held at once
        waiting[start] = found
        join_ready()
    join_ready()
    for entry in encoded.values():
        entry[0] = entry[0][0] if entry[0] else ""
        entry[1] = entry[1][0] if entry[1] else ""
    return encoded


def gram_files_for(term: str, shards: int) -> set[int]:
    """The gram files a query term reads: its pairs at even offsets and the last pair (one character: itself)."""
    key = search_key(term)
    if len(key) < 2:
        return {gram_shard(key, shards)} if key else set()
    grams = [key[i:i + 2] for i in range(0, len(key) - 1, 2)]
    if len(key) % 2:
        grams.append(key[-2:])
    return {gram_shard(gram, shards) for gram in grams}


def write_search_files(index: Path, sections: Iterable[dict] | None = None, cache: ContentCache | None = None,
                       **sizes: int) -> SearchFiles:
    """Replace Material's ``search/search_index.json`` with our manifest, the gram and text files beside it.

    ``sections``: the index's entries when the build streamed them (else those of the JSON file). The
    files are written as they are made; the SearchFiles returned holds the manifest only."""
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = list(sections) if sections is not None else []
    folder = index.parent
    for name in ("g", "c"):
        if (folder / name).exists():
            shutil.rmtree(folder / name)
        (folder / name).mkdir()

    def write(name: str, text: str) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    files = build_search_files(docs or data.get("docs", []), data.get("config", {}), write=write, cache=cache, **sizes)
    index.write_text(json.dumps(files.manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return files


SEARCH_FILES_KEPT = 2  # finished indexes kept in the cache: the last build's, and the one before


def write_search_files_cached(index: Path, sections_file: Path, cache: Path) -> bool:
    """write_search_files for the sections streamed to ``sections_file`` (one JSON object a line),
    reusing the files of an earlier build whose sections were the same; True when reused.

    The finished files are kept under ``cache/search-files/<key>/`` and linked into the site (a
    build starts from an empty site folder and writes new files, so a link is never written
    through). An edit that changes no searchable text then costs no index at all."""
    data = sections_file.read_bytes()
    config = json.loads(index.read_text(encoding="utf-8")).get("config", {})
    key = hashlib.sha256(code_version().encode() + json.dumps(config, sort_keys=True).encode() + data).hexdigest()[:32]
    folder = cache / "search-files"
    stored = folder / key
    names = ("g", "c", "pages.js")
    if (stored / "done").exists():
        for name in names:
            _link_tree(stored / name, index.parent / name)
        shutil.copyfile(stored / "search_index.json", index)
        (stored / "done").touch()
        return True
    write_search_files(index, sections=(json.loads(line) for line in data.splitlines() if line.strip()),
                       cache=ContentCache(cache, "search-parts"))
    shutil.rmtree(stored, ignore_errors=True)
    try:
        for name in names:
            _link_tree(index.parent / name, stored / name)
        shutil.copyfile(index, stored / "search_index.json")
        (stored / "done").touch()
        kept = sorted(folder.iterdir(), key=lambda path: (path / "done").stat().st_mtime if (path / "done").exists() else 0)
        for old in kept[:-SEARCH_FILES_KEPT]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        shutil.rmtree(stored, ignore_errors=True)  # a cache that cannot be written only costs time
    return False


def _link_tree(source: Path, target: Path) -> None:
    """``target`` as a copy of ``source`` (a file or a folder of files), by hard links where possible."""
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in source.iterdir():
        _link_tree(path, target / path.name)


def read_data_file(path: Path) -> object:
    """The data of one gram or text file (a ``__searchData(name, data)`` script)."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",") + 1:text.rindex(")")])


def read_search_sections(folder: Path) -> list[dict]:
    """Every section the text files under ``folder`` (a site's ``search/``) hold, in id order."""
    found = []
    for path in sorted((folder / "c").glob("*.js"), key=lambda p: int(p.stem)):
        data = read_data_file(path)
        for entry in data["s"]:
            page = data["p"][entry[0]]
            found.append({
                "location": f"{page[0]}#{entry[1]}" if entry[1] else page[0],
                "title": entry[2],
                "text": entry[3],
                "boost": entry[4] if len(entry) > 4 else 1,
            })
    return found
