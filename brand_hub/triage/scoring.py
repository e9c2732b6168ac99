"""Spam and abuse scores of a short text in Spanish, English or Polish, offline and explainable.

Each rule that fires adds points to the spam or the abuse side and says so in `signals`; a side's
score is `1 - 0.5 ** points`, so one point is 0.5 (the default threshold), two are 0.75.

Spam: links (outside the trusted domains of TRIAGE_TRUSTED_DOMAINS: the brand's own site, couriers'
tracking pages), link shorteners and cheap top-level domains, contact details (e-mail, phone
numbers), the spam and contact phrases of the language's lexicon, characters, emoji or words
repeated in a row, one word stuffed over and over (SEO text), words mixing Latin with look-alike
Cyrillic or Greek letters or written in other look-alike scripts (Cherokee, mathematical bold),
luring emoji, shouting, big discounts and earnings per period, an e-mail address or a phone number
given beside a price.

Abuse: the insults, slurs, threats, wishes of harm, harassment and swear words of the lexicon
(`lexicons/`, with accents folded and a masked letter, `p*ta`, `k*rwa`, `wyje*ał`, read as the
vowel or else the consonant that makes a word of the lexicon); a threat's phrase right after "nie",
"not" or "no" is none;
insults and swear words weigh more when the text speaks to someone ("eres", "you", "jesteś") or
opens with them, so "these are fucking awesome" stays well below "you f*cking idiot", and half when
the writer speaks only of themselves ("qué idiota soy"). A Polish text also speaks to someone through
its verbs ("nie umiesz czytać", "zrobiłeś"), and "baran jeden" aims its insult as "ty baranie" does.
A mild insult in a laughing text ("ty gamoniu xD") is teasing and weighs less; words of abuse in
quotation marks in a text that reports them ("napisał mi „debilu”, zgłaszam") weigh little.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from brand_hub.core.text import fold

LEXICONS = Path(__file__).resolve().parent / "lexicons"
LANGUAGES = ("es", "en", "pl")
SPAM_KINDS = ("spam", "contact")
ABUSE_KINDS = ("insult", "slur", "threat", "harm", "harass", "swear")
#: Kinds whose weight grows when the text is addressed to someone.
ADDRESSED_KINDS = ("insult", "swear")
ADDRESSED_FACTOR = 1.4
#: A masked word ("idi*ta") is written to dodge a filter: it weighs this much more.
MASKED_BONUS = 0.3
MASK_LETTERS = "aeiouy"
#: Tried after the vowels: a consonant hidden too ("wyje*ał", "pie*dolenie").
MASK_CONSONANTS = "bcdfghjklmnprstwz"

#: Second-person words: a text with one of them speaks to someone.
# Pronouns only: a possessive ("your app", "tu web") speaks of the brand's things as often as of a person.
SECOND_PERSON = {
    "es": {"eres", "te", "ti", "sois", "vosotros", "usted", "contigo"},
    "en": {"you", "youre", "yourself", "u"},
    "pl": {"ty", "cie", "ciebie", "tobie", "toba", "jestes", "jestescie"},
}
#: First-person words: "qué idiota soy" mocks the writer, not someone else.
FIRST_PERSON = {
    "es": {"soy", "yo", "estoy"},
    "en": {"i", "im", "me", "myself"},
    "pl": {"jestem", "mnie", "ja"},
}
SELF_FACTOR = 0.5
#: Polish drops its pronouns: second-person verb endings (folded) speak to someone as well, "umiesz",
#: "zrobiłeś", "mógłbyś"; the nouns and possessives with those endings do not.
SECOND_PERSON_ENDINGS = {"pl": ("esz", "isz", "ysz", "asz", "les", "las", "bys")}
NOT_SECOND_PERSON = {
    "pl": {"nasz", "wasz", "kosz", "grosz", "marsz", "afisz", "mysz", "gulasz", "kapelusz", "koles", "las"}
}
#: A word after an insult that aims it at one person: "baran jeden", "łajza jedna".
AIMING_WORDS = {"pl": {"jeden", "jedna", "jedno"}}
#: A mild insult (below this weight) in a laughing or winking text is teasing: it weighs TEASING_FACTOR.
TEASING_BELOW = 0.9
TEASING_FACTOR = 0.6
TEASING = re.compile(r"\bx+d+\b|\b(?:ha){2,}|\b(?:he){2,}|\b(?:ja){3,}|[;:]-?[)pP]|[😂🤣😉😜❤]", re.I)
#: Words that report what someone else wrote: abuse in quotation marks in such a text is quoted, not meant.
REPORTING = {
    "es": set("denuncio reporto llamo llamaron insulto insultaron".split()),
    "en": set("report reported reporting called calling".split()),
    "pl": set("zglaszam zglosilem zglosilam nazwal nazwala wyzwal wyzwala wyzywa napisal".split()),
}
QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{1,80})[\"“”„«»]|(?<!\w)'([^']{1,80})'(?!\w)")
QUOTED_FACTOR = 0.25
#: Polish verbs whose first person future ("zabiję": a threat) folds to their third ("zabije": "ta cena
#: cię zabije"). In a text written with Polish letters, one without its "ę" is the third person.
THIRD_PERSON_LOOKALIKES = {"pl": {"zabije", "polamie", "obije", "pobije", "skopie", "zajebie", "rozszarpie"}}
DIACRITICS = re.compile(r"[ąćęłńóśźż]", re.IGNORECASE)
#: Words too common to count as stuffed keywords.
STOPWORDS = {
    "es": set("de la el en y a los las que un una por con para del al es lo se no mi tu su mas".split()),
    "en": set("the a an and to of in on for with is it my your i you at this that are be".split()),
    "pl": set("i w na z do sie nie to jest o a po ze za od co jak".split()),
}

URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+|\bt\.me/[^\s<>\"]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|shop|"
    r"store|top|click|win|xyz|info|biz|es|pl|uk|io|ly|gl|cc|tk|ru|online|site|club|link|live)\b(?:/[^\s<>\"]*)?",
    re.IGNORECASE,
)
SHORTENERS = {"bit.ly", "t.me", "tinyurl.com", "goo.gl", "cutt.ly", "is.gd", "ow.ly", "wa.me", "t.co"}
CHEAP_DOMAINS = {"shop", "store", "top", "click", "win", "xyz", "tk", "online", "site", "club", "link"}
EMAIL = re.compile(r"\b[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)\b", re.IGNORECASE)
# Nine or more digits in groups, as phone numbers are written: "+34 612 345 678", "655-443-3221".
PHONE = re.compile(r"(?<![\w-])\+?\d[\d ().-]{7,}\d(?![\w-])")
HANDLE = re.compile(r"(?<![\w.])@[a-z0-9_.]{3,}", re.IGNORECASE)
REPEATED_CHARACTER = re.compile(r"(\S)\1{7,}")
# A syllable said over and over: "jajajajajaja", "hahahahaha".
REPEATED_SYLLABLE = re.compile(r"(\w\w)\1{6,}", re.IGNORECASE)
PERCENT_OFF = re.compile(r"\b([5-9]\d)\s?%")
#: A price: a number with its currency after it ("20 zł", "300 złotych", "99 pln", "15€", "15 euros",
#: "30 dollars") or a currency sign before it ("$30", "£15").
PRICE = re.compile(
    r"\d\s?(?:zł|zl|złotych|zlotych|złote|zlote|pln|eur|euros?|usd|dólares|dolares|dollars?)\b"
    r"|\d\s?[€£]|[$€£]\s?\d",
    re.IGNORECASE,
)
#: An e-mail address or a phone number and a price in one text: an offer rather than taking part. Only
#: the details count: "DM", "napisz" or "escríbeme" beside a refund's amount is a customer talking.
CONTACT_AND_PRICE = 0.4
#: A threat's phrase right after a negation is none: "nie wiem, o której kończysz" invites.
NEGATIONS = {"nie", "not", "dont", "never", "no", "nunca"}
EARNINGS = re.compile(
    r"\d[\d .,]*\s?(?:€|\$|zł|zl|eur|usd|pln)?\s*(?:al día|a la semana|al mes|la hora|a day|a week|a month|"
    r"an hour|dziennie|tygodniowo|miesięcznie|za godzinę)",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_][\w*]*|\d+x", re.UNICODE)
LATIN = re.compile(r"[a-zA-Z]")
LOOKALIKE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
# Letters of scripts nobody writes Spanish, English or Polish in, used for their likeness to Latin
# ones: Cherokee, Canadian syllabics, Georgian, mathematical bold and italic letters, full-width Latin.
LOOKALIKE_ONLY = re.compile(r"[\u13a0-\u13ff\u1400-\u167f\u10a0-\u10ff\U0001d400-\U0001d7ff\uff21-\uff5a]")
# Emoji that lure ("pics you'll love 😈", "hey gorgeous 😘").
LURE_EMOJI = re.compile(r"[😈😘💋🔞🍑]")
EMOJI_RUN = re.compile(r"([\U0001f300-\U0001faff\u2600-\u27bf])(?:\ufe0f?\1){2,}")


@dataclass(frozen=True)
class Scores:
    spam: float  # 0..1
    abuse: float  # 0..1
    signals: list[str] = field(default_factory=list)  # what fired, in the order it was found


@dataclass(frozen=True)
class Entry:
    kind: str
    weight: float
    # Folded words: "a|b" either word, a trailing "*" a prefix, "_" any one word, "~" up to GAP words.
    words: tuple[str, ...]
    phrase: str


#: How many words "~" in a phrase may stand for: "cie ~ rozwale" is "cię rozwalę" and "ci mordę rozwalę".
GAP = 2


class Lexicon:
    """One language's entries (with the shared ones), indexed by their first word."""

    def __init__(self, entries: list[Entry]):
        self.exact: dict[str, list[Entry]] = {}
        self.prefixed: dict[str, list[tuple[str, Entry]]] = {}  # by the prefix's first three letters
        # Every word of every phrase, wherever it stands: what a masked word may be unmasked as.
        self.words: set[str] = set()
        self.word_prefixes: set[str] = set()
        for entry in entries:
            for first in entry.words[0].split("|"):
                if first.endswith("*"):
                    self.prefixed.setdefault(first[:3], []).append((first[:-1], entry))
                else:
                    self.exact.setdefault(first, []).append(entry)
            for one in (one for pattern in entry.words for one in pattern.split("|")):
                if one.endswith("*"):
                    self.word_prefixes.add(one[:-1])
                elif one not in ("_", "~"):
                    self.words.add(one)

    def starting_with(self, word: str) -> list[Entry]:
        candidates = self.exact.get(word, [])
        prefixed = [entry for prefix, entry in self.prefixed.get(word[:3], ()) if word.startswith(prefix)]
        return candidates + prefixed if prefixed else candidates

    def knows(self, word: str) -> bool:
        """Whether any phrase has this word, at any place in it."""
        return word in self.words or any(word.startswith(prefix) for prefix in self.word_prefixes)


def _matches(pattern: str, word: str) -> bool:
    if pattern == "_":
        return True
    return any(word.startswith(one[:-1]) if one.endswith("*") else word == one for one in pattern.split("|"))


def _match_end(patterns: tuple[str, ...], words: list[str], at: int) -> int | None:
    """Where a phrase that matches `words` from `at` ends (the shortest match), or None."""
    if not patterns:
        return at
    if patterns[0] == "~":
        for skip in range(GAP + 1):
            end = _match_end(patterns[1:], words, at + skip)
            if end is not None:
                return end
        return None
    if at < len(words) and _matches(patterns[0], words[at]):
        return _match_end(patterns[1:], words, at + 1)
    return None


def _read(name: str) -> list[Entry]:
    entries = []
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, weight, phrase = line.split("\t")
        entries.append(Entry(kind, float(weight), tuple(phrase.split()), phrase))
    return entries


_lock = threading.Lock()


@cache
def lexicon(language: str) -> Lexicon:
    with _lock:
        return Lexicon(_read("all.tsv") + _read(f"{language}.tsv"))


def _written_words(text: str) -> list[str]:
    return WORD.findall(text.replace("'", "").replace("’", ""))


def _words(text: str) -> list[str]:
    return [fold(word) for word in _written_words(text)]


def _unmasked(word: str, lexicon_: Lexicon) -> str | None:
    """The lexicon's word a masked one stands for ("p*ta" -> "puta"), if there is one."""
    if word.count("*") != 1:
        return None
    for letters in (MASK_LETTERS, MASK_CONSONANTS):
        candidates = [word.replace("*", letter) for letter in letters]
        # A word of abuse first: "wh*re" is "whore" before it is the "where" of a threat's phrase.
        for candidate in candidates:
            if any(
                len(entry.words) == 1 and entry.kind in ABUSE_KINDS
                for entry in lexicon_.starting_with(candidate)
            ):
                return candidate
        for candidate in candidates:
            if lexicon_.starting_with(candidate):
                return candidate
        # A word inside a phrase: "obyś się wyje*ał".
        for candidate in candidates:
            if lexicon_.knows(candidate):
                return candidate
    return None


def _domain(url: str) -> str:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).split("/")[0].split("?")[0]
    return host.rstrip(".,;:!?)")


def _trusted(host: str) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in settings.TRIAGE_TRUSTED_DOMAINS)


class _Tally:
    def __init__(self):
        self.spam = 0.0
        self.abuse = 0.0
        self.signals: list[str] = []

    def add(self, side: str, points: float, signal: str) -> None:
        setattr(self, side, getattr(self, side) + points)
        self.signals.append(signal)


def _spam_features(text: str, tally: _Tally) -> None:
    urls = [url for url in URL.findall(text) if "@" not in url]
    hosts = [_domain(url) for url in urls]
    untrusted = [host for host in hosts if not _trusted(host)]
    # Addresses inside e-mails are not links; an e-mail is a contact detail.
    emails = [host for host in EMAIL.findall(text) if not _trusted(host.lower())]
    untrusted = [host for host in untrusted if host not in {email.lower() for email in emails}]
    if untrusted:
        tally.add(
            "spam",
            0.6 + 0.3 * (len(untrusted) - 1),
            f"{len(untrusted)} link{'s' if len(untrusted) > 1 else ''}",
        )
        shortened = sorted({host for host in untrusted if host in SHORTENERS})
        if shortened:
            tally.add("spam", 0.6, f"shortened link: {', '.join(shortened)}")
        cheap = sorted({host for host in untrusted if host.rsplit(".", 1)[-1] in CHEAP_DOMAINS})
        if cheap:
            tally.add("spam", 0.4, f"cheap domain: {', '.join(cheap)}")
    if emails:
        tally.add("spam", 0.8, "contact: e-mail address")
    # Tracking numbers inside links are not phone numbers.
    unlinked = URL.sub(" ", text)
    phone = any(sum(char.isdigit() for char in number) >= 9 for number in PHONE.findall(unlinked))
    if phone:
        tally.add("spam", 0.4, "contact: phone number")
    if (emails or phone) and PRICE.search(text):
        tally.add("spam", CONTACT_AND_PRICE, "contact and a price")
    if HANDLE.search(text):
        tally.add("spam", 0.2, "contact: social handle")
    runs = REPEATED_CHARACTER.findall(text) + REPEATED_SYLLABLE.findall(text)
    if runs:
        tally.add("spam", 0.5 + 0.3 * (len(runs) - 1), "repeated characters")
    if EMOJI_RUN.search(text):
        tally.add("spam", 0.5, "repeated emoji")
    mixed = [word for word in text.split() if LATIN.search(word) and LOOKALIKE.search(word)]
    if mixed:
        tally.add("spam", 1.2, f"mixed scripts: {mixed[0][:20]}")
    lookalikes = [word for word in text.split() if LOOKALIKE_ONLY.search(word)]
    if lookalikes and not mixed:
        tally.add("spam", 1.2, f"look-alike letters: {lookalikes[0][:20]}")
    if LURE_EMOJI.search(text):
        tally.add("spam", 0.4, "luring emoji")
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= 12 and sum(char.isupper() for char in letters) / len(letters) > 0.7:
        tally.add("spam", 0.3, "shouting")
    if PERCENT_OFF.search(text):
        tally.add("spam", 0.4, f"discount: {PERCENT_OFF.search(text).group(0)}")
    if EARNINGS.search(text):
        tally.add("spam", 0.6, "earnings per period")


def _repetition(words: list[str], language: str, tally: _Tally) -> None:
    for size in (1, 2, 3):
        for start in range(len(words) - 3 * size + 1):
            gram = words[start : start + size]
            if gram == words[start + size : start + 2 * size] == words[start + 2 * size : start + 3 * size]:
                times = 3
                while words[start + times * size : start + (times + 1) * size] == gram:
                    times += 1
                tally.add("spam", 0.8 if times < 5 else 1.2, f"repeated words: {' '.join(gram)} ×{times}")
                return
    content = [word for word in words if len(word) > 3 and word not in STOPWORDS[language]]
    if len(content) >= 6:
        counts: dict[str, int] = {}
        for word in content:
            counts[word] = counts.get(word, 0) + 1
        word, count = max(counts.items(), key=lambda item: item[1])
        if count >= 3 and count / len(words) >= 0.18:
            tally.add("spam", 0.9, f"keyword stuffing: {word} ×{count}")


def _lexicon_features(text: str, words: list[str], language: str, tally: _Tally) -> None:
    lexicon_ = lexicon(language)
    masked = {}
    for at, word in enumerate(words):
        if "*" in word:
            plain = _unmasked(word, lexicon_)
            if plain:
                masked[at] = plain
                words[at] = plain
    addressed = bool(SECOND_PERSON[language] & set(words)) or _speaks_through_verbs(words, language)
    about_the_writer = not addressed and bool(FIRST_PERSON[language] & set(words))
    aiming = AIMING_WORDS.get(language, set())
    quoted = _quoted_words(text, language)
    third_person = _third_person_verbs(text, words, language)
    teasing = bool(TEASING.search(text))
    seen: set[str] = set()
    at = 0
    while at < len(words):
        found, end = None, at
        for entry in lexicon_.starting_with(words[at]):
            entry_end = _match_end(entry.words, words, at)
            if entry_end is not None and (found is None or entry_end > end):
                found, end = entry, entry_end
        if found is None:
            at += 1
            continue
        if found.kind == "threat" and (
            third_person.intersection(range(at, end)) or (at > 0 and words[at - 1] in NEGATIONS)
        ):
            at += 1
            continue
        if found.phrase not in seen:
            seen.add(found.phrase)
            points = found.weight
            aimed = end < len(words) and words[end] in aiming
            if found.kind in ADDRESSED_KINDS and (addressed or aimed or at == 0):
                points *= ADDRESSED_FACTOR
            elif found.kind in ADDRESSED_KINDS and about_the_writer:
                points *= SELF_FACTOR
            if found.kind == "insult" and found.weight < TEASING_BELOW and teasing:
                points *= TEASING_FACTOR
            if any(position in masked for position in range(at, end)):
                points += MASKED_BONUS
            side = "spam" if found.kind in SPAM_KINDS else "abuse"
            if side == "abuse" and quoted & set(words[at:end]):
                points *= QUOTED_FACTOR
            tally.add(side, points, f"{found.kind}: {' '.join(words[at:end])}")
        at = end


def _speaks_through_verbs(words: list[str], language: str) -> bool:
    endings = SECOND_PERSON_ENDINGS.get(language)
    if not endings:
        return False
    exceptions = NOT_SECOND_PERSON[language]
    return any(word.endswith(endings) and word not in exceptions for word in words)


def _third_person_verbs(text: str, words: list[str], language: str) -> set[int]:
    """Positions of the verbs of THIRD_PERSON_LOOKALIKES written without their "ę" in a text that has
    Polish letters elsewhere."""
    lookalikes = THIRD_PERSON_LOOKALIKES.get(language)
    if not lookalikes or not lookalikes.intersection(words) or not DIACRITICS.search(text):
        return set()
    written = _written_words(text)
    return {at for at, word in enumerate(words) if word in lookalikes and written[at][-1] not in "ęĘ"}


def _quoted_words(text: str, language: str) -> set[str]:
    """The words inside quotation marks, when the text reports what someone else wrote."""
    quotes = QUOTED.findall(text)
    if not quotes:
        return set()
    words = _words(text)
    if not REPORTING[language] & set(words):
        return set()
    return {word for quote in quotes for word in _words(" ".join(quote))}


def _squash(points: float) -> float:
    return round(1 - 0.5**points, 3)


def score(text: str, language: str) -> Scores:
    """The spam and abuse scores of `text` (plain text, no markup) written in `language`."""
    if language not in LANGUAGES:
        language = "en"
    tally = _Tally()
    _spam_features(text, tally)
    # A link's or an address's words are not the writer's: "ofertas-zapas.top/ofertas" stuffs nothing.
    unlinked = EMAIL.sub(" ", URL.sub(" ", text))
    words = _words(unlinked)
    _repetition(words, language, tally)
    _lexicon_features(unlinked, words, language, tally)
    return Scores(spam=_squash(tally.spam), abuse=_squash(tally.abuse), signals=tally.signals)
