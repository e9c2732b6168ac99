"""Sentiment of a short text in Spanish, English or Polish, offline: lexicons and a few VADER-like rules.

English is VADER itself (vaderSentiment). Spanish and Polish have no kept package of their own, so
they get the lexicons in `lexicons/` (see its README) and VADER's rules re-told for each language:
negation flips the words after it, boosters strengthen the next word, the clause after a contrast
("pero", "ale") weighs more than the one before, exclamation marks and capitals add emphasis.
The sum is squashed into [-1, 1] as VADER's compound is, and labelled by the settings' thresholds.
"""

import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .labels import Sentiment
from .stemming import stem

LEXICONS = Path(__file__).resolve().parent / "lexicons"
LANGUAGES = ("es", "en", "pl")

#: VADER's constants: its lexicon's scale, a booster's step, negation's factor, the squashing alpha.
SCALE = 4.0
BOOSTER_STEP = 0.293
NEGATION_FACTOR = -0.74
ALPHA = 15
EXCLAMATION_STEP = 0.292
CAPITALS_STEP = 0.733
#: How many words after a negation it still reaches ("no me gusta nada": three words on).
NEGATION_WINDOW = 3
BEFORE_CONTRAST, AFTER_CONTRAST = 0.5, 1.5

TOKENS = re.compile(r"[^\W\d_]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class SentimentResult:
    label: str
    score: float


@dataclass(frozen=True)
class LanguageRules:
    """The words that steer the lexicon's words in one language, written as they appear in text."""

    negations: frozenset[str]
    boosters: dict[str, float]  # +1 strengthens the next sentiment word, -1 softens it
    contrasts: frozenset[str]
    #: Words that stems would wrongly lend a score to ("para" is not "parar").
    ignored: frozenset[str]


RULES = {
    "es": LanguageRules(
        negations=frozenset("no nunca jamás jamas ni tampoco sin nada nadie ningún ningun ninguna".split()),
        boosters={
            **dict.fromkeys(
                "muy mucho muchísimo muchisimo bastante tan tanto demasiado realmente totalmente "
                "súper super increíblemente increiblemente extremadamente sumamente absolutamente "
                "completamente especialmente re".split(),
                1,
            ),
            **dict.fromkeys("poco algo apenas casi ligeramente".split(), -1),
        },
        contrasts=frozenset("pero sino aunque sin_embargo".split()),
        ignored=frozenset(
            # "con" is scored as the English "con" (a swindle), "si" as "yes": both are function words.
            "con si para por como cuando donde este esta esto estos estas ese esa eso aquí aqui allí allí "
            "que qué cual cuál quien quién hay ser estar es son está están era fue sea muy más menos "
            "todo toda todos todas otro otra mismo misma cada vez veces solo sólo pues también "
            "tambien ya aún aun hasta desde entre sobre bajo tras hacia según segun".split()
        ),
    ),
    "pl": LanguageRules(
        negations=frozenset("nie nigdy ani bez żaden żadna żadne żadnego żadnej nic".split()),
        boosters={
            **dict.fromkeys(
                "bardzo naprawdę strasznie niesamowicie totalnie mega super wyjątkowo zupełnie "
                "kompletnie absolutnie niezwykle szczególnie ogromnie okropnie tak taki taka takie "
                "całkowicie zdecydowanie najbardziej".split(),
                1,
            ),
            **dict.fromkeys("trochę troche nieco raczej dość dosyć prawie lekko".split(), -1),
        },
        contrasts=frozenset("ale lecz jednak natomiast chociaż choć".split()),
        ignored=frozenset(
            "i w z na to że jest do jak czy po o dla od przez tak są był była być mi mnie ja "
            "już też bo gdy tylko jeszcze ten ta te co się go jej ich im mu".split()
        ),
    ),
}
# "sin embargo" is one contrast in two words: the analyser joins them before looking up.
PHRASES = {"es": {("sin", "embargo"): "sin_embargo"}, "pl": {}}


def _read_tsv(name: str) -> dict[str, float]:
    rows = {}
    with open(LEXICONS / name, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            key, value = line.rstrip("\n").split("\t")
            rows[key] = float(value)
    return rows


class Lexicon:
    """Word valences of one language on VADER's scale, looked up by word form, then by stem."""

    def __init__(self, language: str, forms: dict[str, float], stems: dict[str, float]):
        self.language = language
        self.forms = forms
        self.stems = stems

    def valence(self, word: str) -> float:
        if word in self.forms:
            return self.forms[word]
        return self.stems.get(stem(word, self.language), 0.0)


def _spanish_lexicon() -> Lexicon:
    return Lexicon("es", {}, {key: value * SCALE for key, value in _read_tsv("es_afinn.tsv").items()})


def _polish_lexicon() -> Lexicon:
    forms = {word: value * SCALE for word, value in _read_tsv("pl_afinn.tsv").items()}
    stems: dict[str, list[float]] = {}
    for word, value in forms.items():
        key = stem(word, "pl")
        if len(key) >= 3:  # two-letter stems ("zł" from "zły") would also be the currency
            stems.setdefault(key, []).append(value)
    return Lexicon("pl", forms, {key: sum(values) / len(values) for key, values in stems.items()})


_lock = threading.Lock()
_loaded: dict[str, object] = {}


def _load(name: str, factory):
    """Build each lexicon once per process, on first use."""
    if name not in _loaded:
        with _lock:
            if name not in _loaded:
                _loaded[name] = factory()
    return _loaded[name]


def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def lexicon(language: str) -> Lexicon:
    return _load(language, {"es": _spanish_lexicon, "pl": _polish_lexicon}[language])


def emoji_valences() -> dict[str, float]:
    return _load("emoji", lambda: {char: value * SCALE for char, value in _read_tsv("emoji.tsv").items()})


def label_for(score: float) -> str:
    if score >= settings.SENTIMENT_POSITIVE_FROM:
        return Sentiment.POSITIVE
    if score < settings.SENTIMENT_NEGATIVE_BELOW:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def normalise(total: float) -> float:
    """VADER's squashing of a sum of valences into [-1, 1]."""
    return max(-1.0, min(1.0, total / math.sqrt(total * total + ALPHA)))


def _tokens(text: str, language: str) -> list[str]:
    tokens = TOKENS.findall(text)
    phrases = PHRASES[language]
    joined: list[str] = []
    for token in tokens:
        if joined and (joined[-1].lower(), token.lower()) in phrases:
            joined[-1] = phrases[joined[-1].lower(), token.lower()]
        else:
            joined.append(token)
    return joined


def rule_valence(text: str, language: str) -> float:
    """The sum of the text's word and emoji valences after the rules, before squashing."""
    rules, words, emoji = RULES[language], lexicon(language), emoji_valences()
    tokens = _tokens(text, language)
    shouting_everywhere = not any(token.islower() for token in tokens if token.isalpha())
    valences: list[float] = []
    contrast_at = None
    negated_for = 0
    boost = 0.0
    for token in tokens:
        lowered = token.lower()
        if not token.isalpha() and lowered not in rules.contrasts:
            valence = emoji.get(token, 0.0)
            if valence:
                valences.append(valence)
            elif token in ".;?":
                negated_for, boost = 0, 0.0  # a sentence or clause end closes a negation
            continue
        if lowered in rules.negations:
            negated_for = NEGATION_WINDOW
            continue
        if lowered in rules.contrasts:
            contrast_at = len(valences)
            negated_for = 0
            continue
        if lowered in rules.boosters:
            boost += rules.boosters[lowered] * BOOSTER_STEP
            continue
        valence = 0.0 if lowered in rules.ignored or len(lowered) < 3 else words.valence(lowered)
        if valence:
            valence += math.copysign(boost, valence)
            if token.isupper() and len(token) > 1 and not shouting_everywhere:
                valence += math.copysign(CAPITALS_STEP, valence)
            if negated_for:
                valence *= NEGATION_FACTOR
            valences.append(valence)
            boost = 0.0
        if negated_for:
            negated_for -= 1
    if contrast_at is not None:
        valences = [value * BEFORE_CONTRAST for value in valences[:contrast_at]] + [
            value * AFTER_CONTRAST for value in valences[contrast_at:]
        ]
    total = sum(valences)
    if total:
        total += math.copysign(min(text.count("!"), 4) * EXCLAMATION_STEP, total)
    return total


def lexicon_only_valence(text: str, language: str) -> float:
    """The plain sum of lexicon valences, without any rule: the benchmark's baseline."""
    if language == "en":
        vader_words = _load("en", _vader).lexicon
        return sum(vader_words.get(token.lower(), 0.0) for token in TOKENS.findall(text))
    words, emoji = lexicon(language), emoji_valences()
    return sum(
        emoji.get(token, 0.0) if not token.isalpha() else words.valence(token.lower())
        for token in TOKENS.findall(text)
    )


def score_text(text: str, language: str) -> SentimentResult:
    """The text's sentiment in [-1, 1] and its label; `language` is es, en or pl."""
    language = language.split("-")[0].lower()
    if language not in LANGUAGES:
        raise ValueError(f"No sentiment analysis for language {language!r}; use one of {LANGUAGES}")
    if language == "en":
        score = _load("en", _vader).polarity_scores(text)["compound"]
    else:
        score = normalise(rule_valence(text, language))
    score = round(score, 4)
    return SentimentResult(label=label_for(score), score=score)


__all__ = ["SentimentResult", "label_for", "score_text"]
