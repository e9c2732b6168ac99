"""Which language a short text is written in: es, en or pl, from function words and letters.

Comments follow their page's locale, but a Polish customer may write on the English page; the text
is then analysed as Polish. Short or ambiguous texts keep the page's language.
"""

import re

WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)

FUNCTION_WORDS = {
    "es": set(
        "el la los las un una unos unas de del y o que en es por para con no se lo le su sus al "
        "como pero más muy ya también porque cuando esto este esta son está están hay me mi yo".split()
    ),
    "en": set(
        "the a an of and or that in is are was were for with not it this to be have has my i "
        "you but very also because when they we on at from so do does did can will".split()
    ),
    "pl": set(
        "i w z na nie się to że jest do jak ale czy po o dla od przez tak są był była mi mnie "
        "ja mój moja już też bo gdy tylko jeszcze bardzo ten ta te co".split()
    ),
}
LETTERS = {"es": set("ñ¿¡áéíóú"), "pl": set("ąćęłńóśźż")}


def detect_language(text: str, *, default: str) -> str:
    """The text's language when the evidence is clear (3+ function words and twice the runner-up)."""
    lowered = text.lower()
    words = WORDS.findall(lowered)
    scores = {
        language: sum(word in vocabulary for word in words) for language, vocabulary in FUNCTION_WORDS.items()
    }
    for language, letters in LETTERS.items():
        scores[language] += 2 * sum(lowered.count(letter) for letter in letters)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_second, runner_up) = ranked[0], ranked[1]
    if top >= 3 and top >= 2 * max(runner_up, 1):
        return best
    return default
