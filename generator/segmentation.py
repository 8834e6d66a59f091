"""One jieba dictionary for the whole process.

Several stages segment Chinese (page-break seams, jargon suggestions).
Loading jieba's dictionary costs most of a second, so it is loaded once and
each stage gets its own tokenizer built on a copy of it (a stage may add
words without affecting the others).
"""

from __future__ import annotations

from functools import lru_cache

from .inline import strip_markers

_BASE = None


def base_tokenizer():
    """A fresh jieba tokenizer with the standard dictionary, loaded only once per process."""
    global _BASE
    import jieba  # imported here: a build that needs no segmentation never loads it

    jieba.setLogLevel(60)
    if _BASE is None:
        _BASE = jieba.Tokenizer()
        _BASE.initialize()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(_BASE.FREQ), _BASE.total
    tokenizer.initialized = True
    return tokenizer


@lru_cache(maxsize=1)
def shared_tokenizer():
    """One tokenizer for the stages that only look words up (seams, dangling words): never add words to it."""
    return base_tokenizer()  # loaded lazily: a build that meets no seam never loads jieba


def word_end(before: str, after: str) -> int:
    """How many characters of ``after`` complete a word that ``before`` ends inside (促消 | 费扩投资 -> 1).

    0 when the seam falls between two words: what a line or page break inside a
    word looks like, and one between two blocks does not.
    """
    left = strip_markers(before).replace("**", "")[-8:]
    right = strip_markers(after)[:8]
    position = 0
    for token in shared_tokenizer().cut(left + right, HMM=False):
        end = position + len(token)
        if position < len(left) < end:
            return end - len(left)
        position = end
    return 0
