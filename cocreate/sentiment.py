"""Sentiment of what people write: polarity, subjectivity and a label, behind a small adapter.

TextBlob's `.sentiment` (the Pattern lexicon) works offline and needs no corpora. Anything it cannot judge
honestly — empty, huge, mostly non-English or emoji-only text — is tagged neutral, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

MAX_CHARS = 20_000  # longer texts are tagged neutral rather than analysed (and never raise)
LETTERS_RE = re.compile(r"[^\W\d_]", re.UNICODE)
ASCII_LETTERS_RE = re.compile(r"[A-Za-z]")
WORD_RE = re.compile(r"[A-Za-z']+")
# The commonest English words: a text of several words with none of them is probably not English.
ENGLISH_HINTS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "to",
        "of",
        "in",
        "on",
        "for",
        "with",
        "not",
        "no",
        "very",
        "so",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "my",
        "your",
        "our",
        "their",
        "me",
        "us",
        "them",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "too",
        "just",
        "than",
        "then",
        "there",
        "here",
        "what",
        "when",
        "how",
        "why",
        "all",
        "any",
        "some",
        "more",
        "most",
        "good",
        "bad",
        "great",
    ]
)


@dataclass(frozen=True)
class Sentiment:
    polarity: float  # -1 (negative) … 1 (positive)
    subjectivity: float  # 0 (factual) … 1 (opinion)
    label: str  # negative | neutral | positive


NEUTRAL = Sentiment(0.0, 0.0, "neutral")
LABELS = ("negative", "neutral", "positive")


class Analyzer(Protocol):
    def polarity_subjectivity(self, text: str) -> tuple[float, float]: ...


class TextBlobAnalyzer:
    """The default: TextBlob's pattern analyzer, fully offline."""

    _words: frozenset[str] | None = None

    def vocabulary(self) -> frozenset[str]:
        """The English words its lexicon rates (about 2,900), to tell English from other languages."""
        if self._words is None:
            from textblob.en import sentiment as lexicon

            lexicon.load()
            self._words = frozenset(w.lower() for w in lexicon)
        return self._words

    def polarity_subjectivity(self, text: str) -> tuple[float, float]:
        # TextBlob(text).sentiment is PatternAnalyzer, which calls this lexicon; calling it directly gives the
        # same numbers (tested) without building a TextBlob, three times faster.
        from textblob.en import sentiment as lexicon  # imported late: it loads on first use

        polarity, subjectivity = lexicon(text)
        return float(polarity), float(subjectivity)


_analyzer: Analyzer = TextBlobAnalyzer()


def use_analyzer(analyzer: Analyzer) -> Analyzer:
    """Swap the analyzer (another model, a service); returns the previous one."""
    global _analyzer
    previous, _analyzer = _analyzer, analyzer
    return previous


@dataclass(frozen=True)
class Thresholds:
    negative_below: float = -0.1
    positive_above: float = 0.1

    def label(self, polarity: float) -> str:
        if polarity < self.negative_below:
            return "negative"
        if polarity > self.positive_above:
            return "positive"
        return "neutral"


def judgeable(text: str, vocabulary: frozenset[str] = frozenset()) -> bool:
    """Whether the analyzer can say anything honest about the text: not empty or huge, mostly Latin letters,
    and (from four words on) at least one common English word or one word the analyzer knows."""
    if not text or len(text) > MAX_CHARS:
        return False
    letters = LETTERS_RE.findall(text)
    if not letters:  # emoji, digits, punctuation only
        return False
    if len(ASCII_LETTERS_RE.findall(text)) < 0.7 * len(letters):  # mostly another script
        return False
    words = [w.lower() for w in WORD_RE.findall(text)]
    return len(words) < 4 or bool(ENGLISH_HINTS.intersection(words) or vocabulary.intersection(words))


def analyze(text: str | None, thresholds: Thresholds = Thresholds()) -> Sentiment:
    """Polarity, subjectivity and label of a text; neutral when it cannot be judged or the analyzer fails."""
    text = (text or "").strip()
    vocabulary = getattr(_analyzer, "vocabulary", frozenset)
    try:
        if not judgeable(text, vocabulary()):
            return NEUTRAL
        polarity, subjectivity = _analyzer.polarity_subjectivity(text)
    except Exception:  # noqa: BLE001 - a tag must never break a write
        return NEUTRAL
    polarity = max(-1.0, min(1.0, round(polarity, 4)))
    subjectivity = max(0.0, min(1.0, round(subjectivity, 4)))
    return Sentiment(polarity, subjectivity, thresholds.label(polarity))


@dataclass(frozen=True)
class Mix:
    """How many contributions carry each label."""

    negative: int = 0
    neutral: int = 0
    positive: int = 0

    @property
    def total(self) -> int:
        return self.negative + self.neutral + self.positive

    def share(self, label: str) -> int:
        """Percentage (0–100) of the label, for bars and text."""
        return round(100 * getattr(self, label) / self.total) if self.total else 0
