"""Chinese segmentation for the search index: find a term whole and by its parts.

Material's search segments Chinese with jieba at build time, then matches
query words as prefixes of the index's words. Plain ``jieba.cut`` splits
六个百分百 into 六个/百分百, so the whole term is never a word; with the term
in a user dictionary it stays whole, but then 百分百 alone finds nothing.
Search-mode segmentation with every glossary form in the dictionary emits
both: 六个, 百分, 百分百 and 六个百分百.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .inline import HAN_CLASS

_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_SEPARATOR = "\u200b"  # Material's Chinese search separator includes U+200B


class SearchSegmenter:
    def __init__(self, words: Iterable[str]):
        import jieba  # imported here: only the site build needs it

        jieba.setLogLevel(60)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self._forms = sorted({w for w in words if _HAN_RUN.fullmatch(w)}, key=len)
        for word in words:
            if _HAN_RUN.fullmatch(word):
                self._tokenizer.add_word(word)
            else:  # 双随机、一公开: each Han run of the form is a word
                for run in _HAN_RUN.findall(word):
                    if len(run) > 1:
                        self._tokenizer.add_word(run)

    def words(self, text: str) -> list[str]:
        found = []
        for word in self._tokenizer.cut_for_search(text):
            if len(word.strip()) < 2:
                # Single characters stay out of the index: Material splits a Chinese query
                # into the index's words that prefix it, and a lone 两 or 六 would turn
                # 两闲一空 into a search for 两. Prefix search still finds words by their
                # first character.
                continue
            if len(word) > 3:
                # Search mode adds only the 2- and 3-character words inside a long word;
                # a glossary term inside an alias (两闲一空 in 两闲一空盘活起效专项行动) is added too.
                found += [form for form in self._forms if len(form) > 3 and form != word and form in word]
            found.append(word)
        return found

    def segment(self, data: str) -> str:
        """Separate the words of every Han run with U+200B, as Material expects."""
        def replace(match: re.Match[str]) -> str:
            return _SEPARATOR + _SEPARATOR.join(self.words(match.group())) + _SEPARATOR

        return _HAN_RUN.sub(replace, data).strip(_SEPARATOR)
