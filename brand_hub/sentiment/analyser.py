"""Sentiment of a short text in Spanish, English or Polish, offline: lexicons and rules.

One method for the three languages. A word's valence (VADER's scale, -4..4) comes from the
language's customer-service lexicon written for the project (`lexicons/*_domain.tsv`: words and
phrases of complaints, waiting, praise and recommendation, and corrections of the general
lexicon), then from the general lexicon (VADER's for English, AFINN translated for Spanish and
Polish; see `lexicons/README.md`). Rules, as VADER's but the same in every language:

- a negation ("no", "not", "nie", "nadie", "without", "brak") reverses and damps the words after it,
  and gives their valence to the words of an expectation ("no contestan", "hasn't arrived",
  "nie działa"), which say nothing when affirmed;
- boosters strengthen or soften the next sentiment word;
- the clause after a contrast ("pero", "but", "ale") weighs more than the one before; a concession
  ("although") opening a sentence gives the weight to the clause after its comma;
- a question says little by its words ("¿es buena la talla?"), unless it is a complaint: a phrase
  of waiting or of no answer ("¿alguien más está esperando?"), or a question asking "why", which
  keeps its bad words only (in English, "why" about the writer complains by itself);
- exclamation marks and capitals add emphasis; emoji carry their own valence;
- in English, a one-word opening ("Great, ...", "Oh great, ...") or a closing sentence of up to three
  words ("Thanks a lot.") that only praises, beside a complaint, is ironic, but a clause after a
  contrast is a verdict ("Pricey, but worth it."); praise marked `ironic` in the lexicon ("love how")
  mocks when a complaint follows in its sentence; words typed without their apostrophe ("havent",
  "cant") are read as written out; a negated "think", "say" or "seem" passes the negation on ("I
  don't think they are worth it"); "used to" and "could have been" deny what follows; "saves" turns
  the trouble after it into praise; comparative praise of an earlier version blames the current one;
  a broken promise ("was supposed to", "meant to", "advertised as") denies what follows, and a
  phrase marked `negation` in the lexicon ("nowhere near", "not once") negates as "not" does;
  "nobody" reaches as far as its verb; a condition ("if they don't fit") weighs as a question; a
  sentence opened as a question asks without its "?" ("how long do refunds take"); praise in scare
  quotes mocks ("the "waterproof" boots"); ", then" turns the text as "but" does; "maybe not",
  "can't decide" and "as expected" leave the verdict to the reader;
- in every language, a word stretched for emphasis ("sooo", "loveee") is read as the word.

The sum is squashed into [-1, 1] as VADER's compound is, after a dead zone that keeps a text
with only a faint word neutral, and labelled by the settings' thresholds.
"""

import math
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from brand_hub.core.text import fold

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
#: A question's own words weigh this much ("¿la talla es buena?" asks, it does not praise).
QUESTION_FACTOR = 0.2
#: What a question asking "why" about the writer weighs when its words do not complain.
WHY_VALENCE = -1.5
#: Sums closer to zero than this are neutral: one faint word is not an opinion.
DEAD_ZONE = 0.6
#: A text that leaves the verdict to the reader ("depends what you need") keeps this much.
HEDGE_FACTOR = 0.25
#: The translated general lexicons (es, pl) are kept for strong words only (AFINN 3 and more):
#: their weak entries are mostly translation noise ("desde" -1.6, "blogu" +2.4 is kept out by hand).
STRONGEST_TRANSLATED = 2.4

#: Words (with their apostrophes: "haven't"), "+1" (support for an idea) and single signs and emoji.
WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\+1(?!\d)|[^\w\s]", re.UNICODE)
SENTENCE_ENDS = frozenset(".!?;\n…")
HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


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
    #: Words that open a complaint when they open a question ("¿por qué...?", "why...?").
    why: frozenset[str]
    #: Words that lexicons would wrongly lend a score to ("para" is not "parar").
    ignored: frozenset[str]
    #: Negations that are a sentence's subject, which reach as far as its verb ("nobody at the shop knew").
    subject_negations: frozenset[str] = frozenset()
    #: Negations that a following "so" turns into emphasis ("nunca había tenido tan mala...").
    never: frozenset[str] = frozenset()
    #: "so", "such": after `never`, they strengthen instead of reversing.
    so: frozenset[str] = frozenset()
    #: Words that leave the verdict to the reader ("depende de lo que busques"): no opinion.
    hedges: frozenset[str] = frozenset()
    #: Words that open a condition ("if they don't fit"): up to its comma, its words weigh as a
    #: question's do, as it says what may be, not what is.
    conditionals: frozenset[str] = frozenset()
    not_conditional: frozenset[str] = frozenset()
    #: Two-word forms read as one ("sin embargo", "por qué").
    phrases: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Words that turn the text after a comma as a contrast does ("Looked smart for a week, then...").
    sequels: frozenset[str] = frozenset()
    #: Words of a concession ("although"): opening a sentence, the clause after its comma weighs
    #: more ("Although it came late, they are worth it"); inside one, they contrast as "but" does.
    concessions: frozenset[str] = frozenset()
    #: Verbs that pass a negation on to the clause after them ("I don't think they are worth it").
    raising: frozenset[str] = frozenset()
    #: Words as phones type them, read as written out ("havent" is "haven't").
    spellings: dict[str, str] = field(default_factory=dict)
    #: Verbs that spare the customer the trouble after them ("saves me so much hassle"): praise.
    relief: frozenset[str] = frozenset()
    #: Words of an earlier version ("the old one"): their comparative praise blames the new one.
    bygone: frozenset[str] = frozenset()
    #: Words of the current version, which keep a comparative's praise ("the new one is better").
    current: frozenset[str] = frozenset()
    #: Past forms that say the earlier version was what the comparative praises ("was", "used").
    past: frozenset[str] = frozenset()
    comparatives: frozenset[str] = frozenset()
    #: "used to": what is no more ("used to love this brand"), unless after these ("got used to").
    habit: str = ""
    habit_takers: frozenset[str] = frozenset()
    #: Modals before "have been" that deny what follows ("could have been better").
    counterfactual: frozenset[str] = frozenset()
    #: Words of the writer or the brand: "why" about them complains by itself ("why does it need my...").
    personal: frozenset[str] = frozenset()
    #: Words that open a question: a sentence so opened asks even when typed without its "?".
    question_openers: frozenset[str] = frozenset()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Typed with or without the apostrophe ("dont"): negations either way (`spellings` restores it).
_EN_NEGATED_CONTRACTIONS = _words(
    "don't doesn't didn't isn't aren't wasn't weren't won't can't couldn't wouldn't shouldn't "
    "haven't hasn't hadn't ain't"
)

RULES = {
    "es": LanguageRules(
        negations=_words("no nunca jamás jamas ni tampoco sin nada nadie ningún ningun ninguna ninguno"),
        boosters={
            **dict.fromkeys(
                _words(
                    "muy mucho muchísimo muchisimo bastante tan tanto demasiado realmente totalmente "
                    "increíblemente increiblemente extremadamente sumamente absolutamente "
                    "completamente especialmente re"
                ),
                1,
            ),
            **dict.fromkeys(_words("poco algo apenas casi ligeramente"), -1),
        },
        contrasts=_words("pero sino sin_embargo"),
        why=_words("por_qué por_que porqué"),
        ignored=_words(
            # "con" is scored as the English "con" (a swindle), "si" as "yes": both are function words.
            "con si para por como cuando donde este esta esto estos estas ese esa eso aquí aqui allí "
            "que qué cual cuál quien quién hay ser estar es son está están era fue sea muy más menos "
            "todo toda todos todas otro otra mismo misma cada vez veces solo sólo pues también "
            "tambien ya aún aun hasta desde entre sobre bajo tras hacia según segun"
        ),
        never=_words("nunca jamás jamas"),
        so=_words("tan tanto tanta"),
        hedges=_words("depende dependerá"),
        phrases={("sin", "embargo"): "sin_embargo", ("por", "qué"): "por_qué", ("por", "que"): "por_que"},
    ),
    "en": LanguageRules(
        negations=_words(
            "no not never nobody nothing none neither nor without cannot zero no_one less hardly "
            "supposed_to meant_to advertised_as"
        )
        | _EN_NEGATED_CONTRACTIONS,
        boosters={
            **dict.fromkeys(
                _words(
                    "very really so too extremely totally absolutely completely incredibly super "
                    "highly hugely huge truly particularly especially utterly such definitely far much "
                    "more absolute"
                ),
                1,
            ),
            **dict.fromkeys(_words("slightly somewhat barely kinda sort fairly a_bit"), -1),
        },
        contrasts=_words("but however yet"),
        sequels=_words("then"),
        why=_words("why"),
        ignored=_words("no yes like please hard free pretty well okay ok fine kind want big sure lol haha"),
        never=_words("never"),
        so=_words("so such this"),
        subject_negations=_words("nobody no_one"),
        hedges=_words("depends depending maybe_not can't_decide as_expected"),
        conditionals=_words("if whichever"),
        not_conditional=_words("as it"),
        phrases={
            ("a", "bit"): "a_bit",
            ("maybe", "not"): "maybe_not",
            ("can't", "decide"): "can't_decide",
            ("as", "expected"): "as_expected",
            ("supposed", "to"): "supposed_to",
            ("meant", "to"): "meant_to",
            ("advertised", "as"): "advertised_as",
            ("even", "though"): "even_though",
            ("no", "one"): "no_one",
            ("used", "to"): "used_to",
        },
        concessions=_words("although though even_though"),
        raising=_words("think believe reckon say feel seem seems"),
        spellings={
            **{
                word.replace("'", ""): word
                for word in _EN_NEGATED_CONTRACTIONS | _words("i'm i've they're you're that's")
            },
            "u": "you",
            "ur": "your",
        },
        relief=_words("save saves saved saving spare spares spared"),
        bygone=_words("old older previous original"),
        current=_words("new newer latest"),
        past=_words("was were"),
        habit="used_to",
        habit_takers=_words("get gets got getting be been am is are was were i'm you're they're"),
        counterfactual=_words("could should would could've should've would've"),
        personal=_words("i me my i'm i've i'd we us our you your"),
        question_openers=_words(
            "how what when where which who why can could do does did is are will would should"
        ),
        comparatives=_words("better nicer comfier comfortable"),
    ),
    "pl": LanguageRules(
        negations=_words("nie nigdy ani bez żaden żadna żadne żadnego żadnej żadnych nic nikt brak zero"),
        boosters={
            **dict.fromkeys(
                _words(
                    "bardzo naprawdę strasznie niesamowicie totalnie mega wyjątkowo zupełnie "
                    "kompletnie absolutnie niezwykle szczególnie ogromnie okropnie tak taki taka takie "
                    "całkowicie zdecydowanie najbardziej gorąco"
                ),
                1,
            ),
            **dict.fromkeys(_words("trochę troche nieco raczej dość dosyć prawie lekko"), -1),
        },
        contrasts=_words("ale lecz jednak natomiast"),
        why=_words("dlaczego czemu"),
        ignored=_words(
            "i w z na to że jest do jak czy po o dla od przez tak są był była być mi mnie ja "
            "już też bo gdy tylko jeszcze ten ta te co się go jej ich im mu"
        ),
        never=_words("nigdy"),
        so=_words("tak taki taka takie takich takiego takiej"),
        hedges=_words("zależy zalezy"),
    ),
}


def word_key(word: str, language: str) -> str:
    """How lexicons key a lower-case word: its Snowball stem, folded."""
    return fold(stem(word, language))


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    with open(LEXICONS / name, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@dataclass(frozen=True)
class Entry:
    """A domain lexicon's word or phrase: `parts` are (kind, key) with kind `stem`, `form` or `prefix`."""

    parts: tuple[tuple[str, str], ...]
    valence: float
    #: The valence counts only when a negation reaches it ("no contestan"): affirmed, it says nothing.
    negated_only: bool
    #: Praise that mocks when a complaint follows in its sentence ("Love how the app logs me out").
    ironic: bool = False
    #: A phrase that negates what follows it, as "not" does ("nowhere near as comfortable").
    negation: bool = False


def _part(token: str, language: str) -> tuple[str, str]:
    if token.startswith("="):
        return ("form", fold(token[1:]))
    if token.endswith("*"):
        return ("prefix", fold(token[:-1]))
    if token == "_":
        return ("any", "")
    return ("stem", word_key(token, language))


class Lexicon:
    """One language's valences: domain words and phrases first, then the general lexicon."""

    def __init__(self, language: str, general: dict[str, float], general_by_form: bool):
        self.language = language
        self.general = general
        self.general_by_form = general_by_form
        self.forms: dict[str, Entry] = {}
        self.stems: dict[str, Entry] = {}
        self.prefixes: dict[str, Entry] = {}
        self.phrases: dict[tuple[str, str], list[Entry]] = {}
        for key, valence, *flags in _read_tsv(f"{language}_domain.tsv"):
            # Text is cut at hyphens ("go", "-", "to"), so a hyphenated entry is a phrase of its parts.
            parts = tuple(_part(token, language) for token in HYPHEN.sub(" - ", key).split())
            entry = Entry(parts, float(valence), "negated" in flags, "ironic" in flags, "negation" in flags)
            if len(parts) > 1:
                self.phrases.setdefault(parts[0], []).append(entry)
            elif parts[0][0] == "prefix":
                self.prefixes[parts[0][1]] = entry
            elif parts[0][0] == "form":
                self.forms[parts[0][1]] = entry
            else:
                # A word is found as written first, then by its stem, where the first entry wins.
                self.forms[fold(key)] = entry
                self.stems.setdefault(parts[0][1], entry)
        # Longest phrases first: "todavía no sé nada" before "no sé nada".
        for entries in self.phrases.values():
            entries.sort(key=lambda entry: -len(entry.parts))
        self.longest_prefix = max(map(len, self.prefixes), default=0)
        self.longest_phrase_prefix = max(
            (len(key) for kind, key in self.phrases if kind == "prefix"), default=0
        )

    def candidates(self, form: str, key: str) -> list[tuple[str, str]]:
        """The keys a phrase starting at this word may be filed under."""
        found = [("form", form), ("stem", key)]
        for length in range(min(len(form), self.longest_phrase_prefix), 2, -1):
            found.append(("prefix", form[:length]))
        return found

    def entry(self, form: str, key: str) -> Entry | None:
        found = self._listed(form, key)
        if found is None and self.language == "pl" and len(form) > 6:
            # Polish writes "not" and "most" into the word: "niewygodne", "najwygodniejsze".
            if form.startswith("nie") and (base := self._listed(form[3:], word_key(form[3:], "pl"))):
                if not base.negated_only:
                    return Entry(base.parts, base.valence * NEGATION_FACTOR, False)
            if form.startswith("naj"):
                return self._listed(form[3:], word_key(form[3:], "pl"))
        return found

    def _listed(self, form: str, key: str) -> Entry | None:
        found = self.forms.get(form) or self.stems.get(key)
        if found is not None:
            return found
        for length in range(min(len(form), self.longest_prefix), 2, -1):
            if form[:length] in self.prefixes:
                return self.prefixes[form[:length]]
        return None

    def general_valence(self, lowered: str, key: str) -> float:
        if self.general_by_form:
            return self.general.get(lowered, 0.0)
        return self.general.get(key, 0.0)


def _spanish_general() -> dict[str, float]:
    valences = {key: float(value) * SCALE for key, value in _read_tsv("es_afinn.tsv")}
    return {key: value for key, value in valences.items() if abs(value) >= STRONGEST_TRANSLATED}


def _polish_general() -> dict[str, float]:
    stems: dict[str, list[float]] = {}
    for word, value in _read_tsv("pl_afinn.tsv"):
        key, valence = word_key(word, "pl"), float(value) * SCALE
        # Two-letter stems ("zl" from "zły") would also be the currency.
        if len(key) >= 3 and abs(valence) >= STRONGEST_TRANSLATED:
            stems.setdefault(key, []).append(valence)
    return {key: sum(values) / len(values) for key, values in stems.items()}


def _english_general() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


_lock = threading.Lock()
_loaded: dict[str, object] = {}


def _load(name: str, factory):
    """Build each lexicon once per process, on first use."""
    if name not in _loaded:
        with _lock:
            if name not in _loaded:
                _loaded[name] = factory()
    return _loaded[name]


def lexicon(language: str) -> Lexicon:
    def build() -> Lexicon:
        general = {"es": _spanish_general, "en": _english_general, "pl": _polish_general}[language]()
        return Lexicon(language, general, general_by_form=language == "en")

    return _load(language, build)


def emoji_valences() -> dict[str, float]:
    def build() -> dict[str, float]:
        valences = {char: float(value) * SCALE for char, value in _read_tsv("emoji.tsv")}
        return valences | {char: float(value) for char, value in _read_tsv("emoji_domain.tsv")}

    return _load("emoji", build)


def label_for(score: float) -> str:
    if score >= settings.SENTIMENT_POSITIVE_FROM:
        return Sentiment.POSITIVE
    if score < settings.SENTIMENT_NEGATIVE_BELOW:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


def normalise(total: float) -> float:
    """VADER's squashing of a sum of valences into [-1, 1]."""
    return max(-1.0, min(1.0, total / math.sqrt(total * total + ALPHA)))


STRETCHED = re.compile(r"([^\W\d_])\1{2,}")


def _unstretched(token: str, language: str) -> str:
    """A word stretched for emphasis ("sooo", "loveee", "goood") as written: its runs of three or
    more letters cut to two when that is a known word ("good"), otherwise to one ("love")."""
    two = STRETCHED.sub(r"\1\1", token)
    lowered, rules, words = two.lower(), RULES[language], lexicon(language)
    key = word_key(lowered, language)
    if lowered in rules.boosters or words.entry(fold(lowered), key) or words.general_valence(lowered, key):
        return two
    return STRETCHED.sub(r"\1", token)


def _tokens(text: str, rules: LanguageRules, language: str) -> list[str]:
    joined: list[str] = []
    # One apostrophe: "can’t", as phones type it, is "can't" in the rules and lexicons.
    for token in WORDS.findall(text.replace("’", "'")):
        if STRETCHED.search(token):
            token = _unstretched(token, language)
        token = rules.spellings.get(token.lower(), token)
        pair = (joined[-1].lower(), token.lower()) if joined else None
        if pair in rules.phrases:
            joined[-1] = rules.phrases[pair]
        else:
            joined.append(token)
    return joined


def _sentences(tokens: list[str]) -> list[list[str]]:
    """Tokens cut after each sentence end, the end kept with its sentence ("?" marks a question)."""
    sentences, current = [], []
    for token in tokens:
        current.append(token)
        if token in SENTENCE_ENDS:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _is_word(token: str) -> bool:
    """Letters, with their apostrophes ("Haven't") and the joints of two-word forms ("sin_embargo")."""
    return token.replace("'", "").replace("_", "").isalpha()


def _key(token: str, language: str) -> str:
    return word_key(token.lower(), language) if _is_word(token) else token


@dataclass
class _Word:
    token: str
    lowered: str
    form: str
    key: str


def _denies(words: list["_Word"], at: int, language: str) -> bool:
    """Whether the word at `at` negates what follows: a negation, "used to" (not "got used to"),
    or "been" after "could have" ("could have been better")."""
    rules, lowered = RULES[language], words[at].lowered
    if lowered == rules.habit and lowered:
        return not (at and words[at - 1].lowered in rules.habit_takers)
    if lowered == "been" and rules.counterfactual and at:
        before = words[at - 1].lowered
        return before in rules.counterfactual or (
            before == "have" and at > 1 and words[at - 2].lowered in rules.counterfactual
        )
    return lowered in rules.negations or (language == "en" and lowered.endswith("n't"))


def _match_phrase(words: list[_Word], at: int, lexicon_: Lexicon) -> tuple[Entry, int] | None:
    first = words[at]
    for candidate in lexicon_.candidates(first.form, first.key):
        for entry in lexicon_.phrases.get(candidate, ()):
            if at + len(entry.parts) > len(words):
                continue
            if all(_part_matches(part, words[at + offset]) for offset, part in enumerate(entry.parts)):
                return entry, len(entry.parts)
    return None


def _part_matches(part: tuple[str, str], word: _Word) -> bool:
    kind, key = part
    if kind == "any":
        return word.form.isalpha()
    if kind == "form":
        return word.form == key
    if kind == "prefix":
        return word.form.startswith(key)
    return word.key == key


#: Quotation marks, and how many words between two of them make scare quotes ("the "waterproof" boots").
QUOTES = frozenset('"“”')
SCARE_QUOTE_WORDS = 2


def _scare_quoted(tokens: list[str]) -> set[int]:
    """Where the words between scare quotes are: praise in them mocks ("the "express" delivery")."""
    marks = [at for at, token in enumerate(tokens) if token in QUOTES]
    quoted: set[int] = set()
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        if 0 < closing - opening - 1 <= SCARE_QUOTE_WORDS:
            quoted.update(range(opening + 1, closing))
    return quoted


def _sentence_valences(
    tokens: list[str], language: str, shouting_everywhere: bool
) -> tuple[list[float], int | None]:
    """The valences of one sentence's words, emoji and phrases, and where its contrast falls."""
    rules, lexicon_, emoji = RULES[language], lexicon(language), emoji_valences()
    is_question = tokens[-1] == "?" or (len(tokens) > 1 and tokens[-2:] == ["?", "!"])
    scare_quoted = _scare_quoted(tokens) if language in IRONY_LANGUAGES else set()
    # Typed on a phone, a question often has no "?": "how long do refunds take", "can i return them".
    if not is_question and tokens[-1] not in SENTENCE_ENDS and len(tokens) > 2:
        opener = tokens[0].lower()
        is_question = opener in rules.question_openers and tokens[1].lower() not in ("a", "an")
    words = [_Word(token, token.lower(), fold(token), _key(token, language)) for token in tokens]
    complaint_question = is_question and any(word.lowered in rules.why for word in words)
    valences: list[float] = []
    contrast_at = None
    conceding = False
    negated_for, negated_by = 0, ""
    relieved_for = 0
    conditional = False
    ironic_at = None
    # "The old version was so much better": praise of what the brand had before is a complaint.
    bygone, bygone_past = False, False
    boost = 0.0
    at = 0
    while at < len(words):
        word = words[at]
        lowered = word.lowered
        matched = _match_phrase(words, at, lexicon_) if lowered not in rules.contrasts else None
        if matched:
            entry, length = matched
            # A phrase that is a negation itself ("nada que ver", "no sé nada") agrees with a
            # negation before it ("no tiene nada que ver"), as Spanish and Polish negation does.
            negated = negated_for and lowered not in rules.negations
            if negated and negated_by in rules.never and lowered in rules.so:
                negated = False  # "never had a pair grip this well": emphasis, as a booster after never
            if not entry.negated_only or negated:
                valence = entry.valence
                if negated and not entry.negated_only:
                    valence *= NEGATION_FACTOR
                if conditional or (complaint_question and valence > 0):
                    valence *= QUESTION_FACTOR  # "why does it take days when it took seconds?"
                if entry.ironic:
                    ironic_at = len(valences)
                valences.append(valence)  # phrases keep their weight in a question
            negated_for = max(0, negated_for - length)
            last = words[at + length - 1].lowered
            if last in rules.negations or entry.negation:  # "still not", "todavía no": it goes on
                negated_for, negated_by = NEGATION_WINDOW, last
            boost = 0.0
            at += length
            continue
        at += 1
        if not _is_word(word.token):
            valence = emoji.get(word.token, 0.0)
            if valence:
                valences.append(valence)
            elif word.token in ",:":
                negated_for, conditional = 0, False
                if conceding:
                    contrast_at, conceding = len(valences), False
            continue
        if _denies(words, at - 1, language):
            if not (negated_for and negated_by in rules.never):  # "nigdy nie miałem tak..."
                negated_by = lowered
            # "Nobody from the team has replied": a subject's negation reaches its verb.
            negated_for = NEGATION_WINDOW * (2 if lowered in rules.subject_negations else 1)
            continue
        after_comma = at > 1 and words[at - 2].token == ","
        if (
            lowered in rules.contrasts
            or (lowered in rules.concessions and at > 1)
            or (lowered in rules.sequels and after_comma)
        ):
            contrast_at = len(valences)
            negated_for = 0
            continue
        if lowered in rules.concessions:
            conceding = True
            continue
        if lowered in rules.conditionals:
            # "as if" compares and "I'd appreciate it if..." asks: neither opens a condition.
            conditional = not (at > 1 and words[at - 2].lowered in rules.not_conditional)
            continue
        if negated_for and lowered in rules.raising:
            negated_for = NEGATION_WINDOW
            continue
        if lowered in rules.relief:
            relieved_for = NEGATION_WINDOW
            continue
        if lowered in rules.bygone or lowered in rules.current:
            bygone, bygone_past = lowered in rules.bygone, False
        elif bygone and lowered in rules.past:
            bygone_past = True
        if negated_for and negated_by in rules.never and lowered in rules.so:
            negated_for = 0  # "never been this happy": emphasis, not a negation
        if lowered in rules.boosters:
            boost += rules.boosters[lowered] * BOOSTER_STEP
            continue
        entry = lexicon_.entry(word.form, word.key)
        if entry is not None:
            valence = entry.valence if (not entry.negated_only or negated_for) else 0.0
            negated_only = entry.negated_only
        else:
            negated_only = False
            ignored = lowered in rules.ignored or len(lowered) < 3
            valence = 0.0 if ignored else lexicon_.general_valence(lowered, word.key)
        if valence:
            valence += boost if valence > 0 else -boost  # a softener (boost < 0) weakens either sign
            if word.token.isupper() and len(word.token) > 1 and not shouting_everywhere:
                valence += math.copysign(CAPITALS_STEP, valence)
            if negated_for and not negated_only:
                valence *= NEGATION_FACTOR
            if relieved_for and valence < 0:
                valence *= NEGATION_FACTOR
            if valence > 0 and at - 1 in scare_quoted:
                valence = -valence
            if bygone_past and valence > 0 and lowered in rules.comparatives:
                valence = -valence
            # A question asking "why" complains with its bad words; its good ones are what it asks
            # about ("why do I have to create an account?").
            if conditional or (is_question and (not complaint_question or valence > 0)):
                valence *= QUESTION_FACTOR
            valences.append(valence)
            boost = 0.0
            if negated_for and negated_by in rules.subject_negations:
                negated_for = 1  # the subject's verb is found: "nobody told me it was delayed"
        if negated_for:
            negated_for -= 1
        if relieved_for:
            relieved_for -= 1
    if complaint_question and sum(valences) > WHY_VALENCE and any(w.lowered in rules.personal for w in words):
        valences.append(WHY_VALENCE)  # "why" about the writer complains by itself: "why does it need my..."
    if ironic_at is not None and sum(valences[ironic_at + 1 :]) < 0 < valences[ironic_at]:
        valences[ironic_at] = -valences[ironic_at]
    return valences, contrast_at


#: A short sentence of praise closing or opening a complaint is ironic ("Thanks a lot.").
IRONY_LANGUAGES = ("en",)
IRONY_WORDS = 3
#: Words that may come before the ironic one ("Oh great, another delay").
IRONY_INTERJECTIONS = frozenset(("oh", "ah", "wow"))


def _opening_cut(sentences: list[list[str]]) -> list[list[str]]:
    """The text's sentences, a one-word opening exclamation cut from its sentence ("Great, ...",
    "Oh great, ..."), which `_read_irony` may read as ironic."""
    first = sentences[0]
    opening = 2 if first and first[0].lower() in IRONY_INTERJECTIONS else 1
    if len(first) > opening + 1 and all(map(str.isalpha, first[:opening])) and first[opening] == ",":
        return [first[: opening + 1], first[opening + 1 :], *sentences[1:]]
    return sentences


def _read_irony(valences: list[float], segments: list[tuple[int, int, int, bool]]) -> None:
    """Reverse a short, wholly positive first or last sentence when the rest of the text is negative:
    "The update deleted my wishlist. Thanks a lot." A clause after a contrast is no such sentence
    ("Pricey, but worth it."), nor praise after a problem the text turns with a contrast ("Had a
    problem with the zip but the shop swapped it. Great service.")."""
    for segment in (segments[0], segments[-1]):
        start, count, words, contrasted = segment
        own = valences[start : start + count]
        rest = sum(valences) - sum(own)
        turned = any(other[3] for other in segments if other is not segment)
        if (
            own
            and not contrasted
            and not turned
            and words <= IRONY_WORDS
            and all(value > 0 for value in own)
            and rest < -DEAD_ZONE
        ):
            valences[start : start + count] = [-value for value in own]


def rule_valence(text: str, language: str) -> float:
    """The sum of the text's word, phrase and emoji valences after the rules, before squashing."""
    tokens = _tokens(text, RULES[language], language)
    if not tokens:
        return 0.0
    shouting_everywhere = not any(token.islower() for token in tokens if token.isalpha())
    valences: list[float] = []
    contrast_at = None
    segments = []
    sentences = _sentences(tokens)
    irony = language in IRONY_LANGUAGES
    for sentence in _opening_cut(sentences) if irony else sentences:
        found, contrast = _sentence_valences(sentence, language, shouting_everywhere)
        if contrast is not None:
            contrast_at = len(valences) + contrast
        words = sum(token.isalpha() for token in sentence)
        segments.append((len(valences), len(found), words, contrast is not None))
        valences += found
    if irony and len(segments) > 1:
        _read_irony(valences, segments)
    if contrast_at is not None:
        valences = [value * BEFORE_CONTRAST for value in valences[:contrast_at]] + [
            value * AFTER_CONTRAST for value in valences[contrast_at:]
        ]
    total = sum(valences)
    if any(token.lower() in RULES[language].hedges for token in tokens):
        total *= HEDGE_FACTOR
    if abs(total) <= DEAD_ZONE:
        return 0.0
    total -= math.copysign(DEAD_ZONE, total)
    return total + math.copysign(min(text.count("!"), 4) * EXCLAMATION_STEP, total)


def lexicon_only_valence(text: str, language: str) -> float:
    """The plain sum of the general lexicon's valences, without any rule: the benchmark's baseline."""
    words, emoji = lexicon(language), emoji_valences()
    return sum(
        emoji.get(token, 0.0)
        if not token.isalpha()
        else words.general_valence(token.lower(), word_key(token.lower(), language))
        for token in WORDS.findall(text)
    )


def score_text(text: str, language: str) -> SentimentResult:
    """The text's sentiment in [-1, 1] and its label; `language` is es, en or pl."""
    language = language.split("-")[0].lower()
    if language not in LANGUAGES:
        raise ValueError(f"No sentiment analysis for language {language!r}; use one of {LANGUAGES}")
    score = round(normalise(rule_valence(text, language)), 4)
    return SentimentResult(label=label_for(score), score=score)


__all__ = ["SentimentResult", "label_for", "score_text"]
