"""One jieba dictionary for the whole process.

Several stages segment Chinese (page-break seams, jargon suggestions).
Loading jieba's dictionary costs most of a second, so it is loaded once and
each stage gets its own tokenizer built on a copy of it (a stage may add
words without affecting the others).
"""

from __future__ import annotations

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
