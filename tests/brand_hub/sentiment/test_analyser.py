"""The analyser labels clear texts in each language as a reader would, without any network or model."""

import pytest

from brand_hub.sentiment.analyser import score_text
from brand_hub.sentiment.labels import Sentiment


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        ("es", "Me encanta, funciona genial", Sentiment.POSITIVE),
        ("es", "No me gusta nada, llegó roto", Sentiment.NEGATIVE),
        ("es", "¿Cuándo abre la tienda de Sevilla?", Sentiment.NEUTRAL),
        ("en", "I love it, it works great", Sentiment.POSITIVE),
        ("en", "Terrible quality, it broke after a week", Sentiment.NEGATIVE),
        ("en", "When will the new jackets be in the shops?", Sentiment.NEUTRAL),
        ("pl", "Świetny produkt, polecam", Sentiment.POSITIVE),
        ("pl", "Nie polecam, bardzo słaba jakość", Sentiment.NEGATIVE),
        ("pl", "Kiedy będzie nowa kolekcja?", Sentiment.NEUTRAL),
    ],
)
def test_a_clear_text_gets_the_label_a_reader_would_give_it(language, text, label):
    assert score_text(text, language).label == label


@pytest.mark.parametrize(
    ("language", "plain", "negated"),
    [
        ("es", "El servicio es bueno", "El servicio no es bueno"),
        ("pl", "Ta kurtka jest dobra", "Ta kurtka nie jest dobra"),
        ("en", "The service is good", "The service is not good"),
    ],
)
def test_a_negation_turns_praise_into_criticism(language, plain, negated):
    assert score_text(plain, language).label == Sentiment.POSITIVE
    assert score_text(negated, language).label == Sentiment.NEGATIVE


def test_a_booster_and_exclamation_marks_make_the_score_stronger():
    assert score_text("Es muy bueno!!", "es").score > score_text("Es bueno", "es").score > 0


def test_the_clause_after_but_weighs_more_than_the_one_before():
    assert score_text("Tiene un diseño bonito, pero llegó roto y sucio", "es").label == Sentiment.NEGATIVE
    assert score_text("Dostawa była wolna, ale buty są świetne", "pl").label == Sentiment.POSITIVE


def test_emoji_carry_sentiment_in_every_language():
    assert score_text("Las zapatillas 😍😍", "es").label == Sentiment.POSITIVE
    assert score_text("Buty 😡", "pl").label == Sentiment.NEGATIVE


def test_scores_stay_between_minus_one_and_one_and_a_locale_with_a_region_is_its_language():
    result = score_text("¡¡Genial, perfecto, maravilloso, excelente, increíble!!", "es-MX")
    assert result.label == Sentiment.POSITIVE and 0 < result.score <= 1


def test_a_language_without_analysis_is_refused_loudly():
    with pytest.raises(ValueError, match="fr"):
        score_text("C'est très bien", "fr")


def test_the_thresholds_come_from_the_settings(settings):
    settings.SENTIMENT_POSITIVE_FROM = 0.99
    assert score_text("Me encanta, funciona genial", "es").label == Sentiment.NEUTRAL
