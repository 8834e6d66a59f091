"""Chinese segmentation for the search index: find a term whole and by its parts.

Material's search segments Chinese with jieba at build time (words separated
by U+200B in the index text, which is also what the result list shows), and
in the browser splits a Chinese query into the index's words that prefix it.
Two facts follow:

* with plain ``jieba.cut`` a term such as 六个百分百 is never one word, and
  with the term in a user dictionary its part 百分百 is never one word; so
  every Han run is segmented with the glossary in the dictionary (terms stay
  whole), and the parts that search mode finds inside long words (六个, 百分,
  百分百, and glossary terms inside aliases) are added as *hidden* words right
  after the run: indexed, never displayed;
* a single character in the index's vocabulary makes the browser split
  queries at it (两闲一空 would become 两 …), so a single-character word is
  kept joined to its neighbour instead of standing alone (and a lone Han
  character between other characters gets no word boundary at all).

The visible text of every search result stays exactly the page's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pathlib import Path

from .cache import ContentCache
from .inline import HAN_CLASS
from .segmentation import base_tokenizer

_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_SEPARATOR = "\u200b"  # Material's Chinese search separator includes U+200B
def _segmentation_functions(words: list[str]):
    """cut and cut_for_search with ``words`` added to the dictionary.

    rjieba (jieba's algorithm in Rust, the same words about ten times faster)
    does the bulk of the work when it is installed; jieba is the reference
    and the fallback.
    """
    try:
        import rjieba
    except ImportError:
        tokenizer = base_tokenizer()
        for word in words:
            tokenizer.add_word(word)
        return (lambda text: tokenizer.cut(text, HMM=False)), (lambda text: tokenizer.cut_for_search(text, HMM=False))
    fast = rjieba.Jieba()
    for word in words:
        fast.add_word(word, None, None)
    return (lambda text: fast.cut(text, False)), (lambda text: fast.cut_for_search(text, False))


class SearchSegmenter:
    _shared: dict[tuple[str, ...], SearchSegmenter] = {}

    @classmethod
    def shared(cls, words: Iterable[str], cache: Path | None = None) -> SearchSegmenter:
        """One segmenter per glossary, reused across rebuilds (``mkdocs serve``): its
        dictionary loads once and unchanged text is not segmented again. With a
        cache folder, segmented text is also kept across builds (see ``save``)."""
        key = tuple(sorted(set(words)))
        if key not in cls._shared:
            cls._shared.clear()
            segmenter = cls(key)
            if cache is not None:
                segmenter._disk = ContentCache(cache, "search")
                segmenter._disk_key = "\n".join(key).encode()
                segmenter._memo = segmenter._disk.get(segmenter._disk_key) or {}
                segmenter._saved = len(segmenter._memo)
            cls._shared[key] = segmenter
        return cls._shared[key]

    def save(self) -> None:
        """Store what was segmented, when anything new was."""
        disk = getattr(self, "_disk", None)
        if disk is not None and len(self._memo) != self._saved:
            disk.put(self._disk_key, self._memo)
            self._saved = len(self._memo)

    def __init__(self, words: Iterable[str]):
        self._memo: dict[str, str] = {}
        forms = set()
        for word in words:
            for run in _HAN_RUN.findall(word):  # 双随机、一公开: each Han run is a word
                if len(run) > 1:
                    forms.add(run)
        self._forms = sorted(forms, key=len)
        self._cut, self._cut_for_search = _segmentation_functions(self._forms)

    def visible_words(self, run: str) -> list[str]:
        """The run cut into words, single characters joined to a neighbour."""
        words: list[str] = []
        for word in self._cut(run):
            if len(word) == 1 and words:
                words[-1] += word
            elif words and len(words[-1]) == 1:
                words[-1] += word
            else:
                words.append(word)
        return words

    def hidden_words(self, run: str, visible: list[str]) -> list[str]:
        """Words inside the run that search should also find, not already visible."""
        shown = set(visible)
        extra: list[str] = []
        for word in self._cut_for_search(run):
            if len(word) > 1 and word not in shown and word not in extra:
                extra.append(word)
        for word in visible:
            if len(word) > 3:
                for form in self._forms:
                    if form != word and form in word and form not in shown and form not in extra:
                        extra.append(form)
        return extra

    def segment(self, data: str) -> str:
        """Material's ``_segment_chinese``: the same text, with word boundaries and hidden parts."""
        cached = self._memo.get(data)
        if cached is None:
            cached = self._memo[data] = self._segment(data)
        return cached

    def _segment(self, data: str) -> str:
        def replace(match: re.Match[str]) -> str:
            run = match.group()
            if len(run) == 1:  # stays glued to what surrounds it: no single-character word
                return run
            visible = self.visible_words(run)
            text = _SEPARATOR + _SEPARATOR.join(visible) + _SEPARATOR
            hidden = self.hidden_words(run, visible)
            if hidden:
                text += '<span hidden>' + _SEPARATOR.join(hidden) + _SEPARATOR + "</span>"
            return text

        return _HAN_RUN.sub(replace, data).strip(_SEPARATOR)
