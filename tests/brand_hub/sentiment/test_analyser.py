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


# Issue 16's failures, with the demo's own texts (site/demo/activity.json).
DEMO_COMPLAINT = (
    "Envié mis zapatillas al programa de resolado hace cuatro semanas y todavía no sé nada. "
    "En la web pone tres semanas. ¿Alguien más está esperando?"
)


def test_the_demo_complaint_of_a_customer_still_waiting_is_negative():
    assert score_text(DEMO_COMPLAINT, "es").label == Sentiment.NEGATIVE
    shortened = "Envié mis zapatillas… todavía no sé nada… ¿Alguien más está esperando?"
    assert score_text(shortened, "es").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("language", "praise"),
    [
        ("en", "Fog gets my vote. Stone grey hides the mud and the turquoise is just enough colour."),
        (
            "pl",
            "Punkt zbiórki w sklepie to świetny pomysł. Mam w szafie trzy pary, których nie chcę tak po "
            "prostu wyrzucać.",
        ),
    ],
)
def test_the_demos_clear_praise_in_english_and_polish_is_positive(language, praise):
    assert score_text(praise, language).label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Pedí las botas hace tres semanas y todavía no sé nada."),
        ("es", "Sigo esperando el reembolso. ¿A alguien más le pasa?"),
        ("es", "Nadie contesta en el chat."),
        ("en", "Still waiting for my refund after three weeks."),
        ("en", "Sent two emails and haven't heard anything back. Anyone else still waiting?"),
        ("en", "Nobody replies on the chat."),
        ("pl", "Nadal czekam na zwrot pieniędzy."),
        ("pl", "Wysłałem buty miesiąc temu i nadal nic nie wiem. Czy ktoś jeszcze czeka?"),
        ("pl", "Nikt nie odpisuje na czacie."),
    ],
)
def test_waiting_without_news_or_an_answer_is_negative_without_an_opinion_word(language, text):
    assert score_text(text, language).label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("es", "¿Las botas son buenas para la nieve?"),
        ("en", "Is the jacket good for heavy rain?"),
        ("pl", "Czy kurtka jest dobra na ulewę?"),
    ],
)
def test_a_plain_question_with_an_opinion_word_stays_neutral(language, question):
    assert score_text(question, language).label == Sentiment.NEUTRAL


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("es", "¿Por qué tengo que pagar la devolución si llegó roto?"),
        ("en", "Why do I have to pay for the return when it arrived broken?"),
        ("pl", "Dlaczego mam płacić za zwrot, skoro przyszło zepsute?"),
    ],
)
def test_a_why_question_about_a_fault_is_a_complaint(language, question):
    assert score_text(question, language).label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "No está nada mal para el precio."),
        ("es", "Ni una rozadura en 300 km."),
        ("es", "No tengo ninguna queja."),
        ("en", "Not bad at all for the price."),
        ("en", "Not a single blister in 300 km."),
        ("pl", "Wcale nie są złe jak na tę cenę."),
        ("pl", "Zero otarć na 300 km."),
        ("pl", "Nie mam żadnych zastrzeżeń."),
    ],
)
def test_a_negated_fault_is_praise(language, text):
    assert score_text(text, language).label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Nunca había tenido tan mala experiencia con una tienda."),
        ("en", "Never had such a bad experience with a shop."),
        ("pl", "Nigdy nie miałem tak złych doświadczeń ze sklepem."),
        ("es", "El producto no tiene nada que ver con las fotos."),
    ],
)
def test_never_so_bad_and_agreeing_negations_stay_negative(language, text):
    assert score_text(text, language).label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("language", "plain", "boosted"),
    [
        ("es", "Son cómodas", "Son muy cómodas"),
        ("en", "They are comfortable", "They are really comfortable"),
        ("pl", "Są wygodne", "Są bardzo wygodne"),
    ],
)
def test_an_intensifier_strengthens_the_word_after_it(language, plain, boosted):
    assert score_text(boosted, language).score > score_text(plain, language).score > 0


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        ("es", "Tardó un poco en llegar, pero merece la pena.", Sentiment.POSITIVE),
        ("es", "Bonitas, pero se rompieron a las dos semanas. No las recomiendo.", Sentiment.NEGATIVE),
        ("es", "Son bonitas pero pesan un poco; depende del uso que les vayas a dar.", Sentiment.NEUTRAL),
        ("en", "Took a while to arrive, but worth the wait.", Sentiment.POSITIVE),
        ("en", "Nice looking, but they fell apart after two weeks. Wouldn't recommend.", Sentiment.NEGATIVE),
        ("en", "Nice but a bit heavy; depends what you need them for.", Sentiment.NEUTRAL),
        ("pl", "Trochę szły, ale warto było czekać.", Sentiment.POSITIVE),
        ("pl", "Ładne, ale rozpadły się po dwóch tygodniach. Nie polecam.", Sentiment.NEGATIVE),
        ("pl", "Ładne, ale trochę ciężkie; zależy, do czego ich potrzebujesz.", Sentiment.NEUTRAL),
    ],
)
def test_a_mixed_text_gets_its_verdict_and_a_balanced_one_stays_neutral(language, text, label):
    assert score_text(text, language).label == label


def test_polish_typed_without_diacritics_is_read_as_with_them():
    assert score_text("swietne buty, polecam", "pl").label == Sentiment.POSITIVE
    assert score_text("tragiczna jakosc, nie polecam", "pl").label == Sentiment.NEGATIVE


# English: the rules and idioms added for the held-out target (tuning texts only).
@pytest.mark.parametrize(
    "text", ["Don't bother.", "Don’t bother with the express option.", "Haven't received my parcel yet."]
)
def test_a_capitalised_or_curly_apostrophe_word_is_read_as_the_lexicons_write_it(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Although the delivery was slow, they are comfortable.", Sentiment.POSITIVE),
        ("Even though they look great, the stitching came undone on the first walk.", Sentiment.NEGATIVE),
        ("The fleece looks great, although the zip broke within a month.", Sentiment.NEGATIVE),
    ],
)
def test_the_clause_a_concession_leaves_carries_the_verdict(text, label):
    assert score_text(text, "en").label == label


def test_a_question_asking_why_anywhere_in_it_is_a_complaint():
    question = "Can someone explain why my order was cancelled?"
    assert score_text(question, "en").label == Sentiment.NEGATIVE


def test_huge_strengthens_the_word_after_it():
    assert score_text("Huge thanks to the team.", "en").score > score_text("Thanks to the team.", "en").score


@pytest.mark.parametrize(
    "text",
    [
        "Can't recommend these enough.",
        "Couldn't be happier with my new boots.",
        "Can't wait to take them up a mountain.",
        "Kept me dry through three days of rain.",
    ],
)
def test_negated_praise_idioms_praise(text):
    assert score_text(text, "en").label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "I was told someone would get back to me. That was two weeks ago.",
        "The tracking hasn't moved since Friday.",
        "Nobody has got back to me about my return.",
        "How is it acceptable to wait a month for a refund?",
        "Kindly note the sole came away after a week. I would like a full refund.",
        "Not what I expected for the price.",
        "The website is much harder to use than before.",
    ],
)
def test_waiting_unanswered_and_polite_complaints_are_negative(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    "text",
    [
        "Not sure yet about the fit, I'll know after a few runs.",
        "Waiting for the sale before I order a pair.",
    ],
)
def test_uncertainty_and_waiting_for_a_sale_stay_neutral(text):
    assert score_text(text, "en").label == Sentiment.NEUTRAL


def test_two_word_forms_steer_as_their_one_word_equivalents():
    assert score_text("Son bonitas, sin embargo se rompieron.", "es").label == Sentiment.NEGATIVE
    assert score_text("They are tight", "en").score < score_text("They are a bit tight", "en").score < 0


@pytest.mark.parametrize(
    ("language", "plain", "softened"),
    [
        ("es", "Son cómodas", "Son algo cómodas"),
        ("en", "They are comfortable", "They are slightly comfortable"),
        ("pl", "Są wygodne", "Są trochę wygodne"),
    ],
)
def test_a_softener_weakens_the_word_after_it(language, plain, softened):
    assert 0 < score_text(softened, language).score < score_text(plain, language).score


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ordered 2 weeks ago still havent got it", Sentiment.NEGATIVE),
        ("cant believe how long this refund is taking", Sentiment.NEGATIVE),
        ("i was a bit nervous ordering online but it all went smoothly", Sentiment.POSITIVE),
    ],
)
def test_english_typed_without_apostrophes_is_read_as_written_out(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The app update deleted my saved sizes. Thanks a lot.", Sentiment.NEGATIVE),
        ("Great, my order's delayed again.", Sentiment.NEGATIVE),
        ("The refund took two months and three complaints. Unreal.", Sentiment.NEGATIVE),
        ("Amazing service, they replaced the lost order the very next day.", Sentiment.POSITIVE),
        ("Arrived a day late but no harm done. Thanks a lot!", Sentiment.POSITIVE),
    ],
)
def test_a_short_praise_closing_or_opening_a_complaint_is_ironic(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    "text", ["Honestly expected better from you guys.", "For the money I expected way more."]
)
def test_expecting_better_is_a_complaint(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    "text", ["I don't think these are worth the money.", "I don't think they are comfortable."]
)
def test_a_negated_think_or_say_negates_the_opinion_after_it(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("What's the point of a hotline nobody answers?", Sentiment.NEGATIVE),
        ("Is it too much to ask for a reply?", Sentiment.NEGATIVE),
        ("Nobody warned me about the restocking fee.", Sentiment.NEGATIVE),
        ("The service in the shop was first class.", Sentiment.POSITIVE),
        ("Pricey, but I'd buy them again tomorrow.", Sentiment.POSITIVE),
    ],
)
def test_english_idioms_of_complaint_and_praise_from_the_ninth_batch(text, label):
    assert score_text(text, "en").label == label


# English, second round: the tuning texts and the old held-out part, which a new one replaces.
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("This shell has been my go-to for three winters.", Sentiment.POSITIVE),
        ("Returns were hassle-free.", Sentiment.POSITIVE),
        ("Total rip-off.", Sentiment.NEGATIVE),
    ],
)
def test_a_hyphenated_idiom_is_read_although_text_is_cut_at_hyphens(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Support sorted out my refund in one email.", Sentiment.POSITIVE),
        ("Please sort out my refund.", Sentiment.NEGATIVE),
        ("Had a missing item but it was resolved the same day. Can't ask for more.", Sentiment.POSITIVE),
        ("Can't believe how well these have held up.", Sentiment.POSITIVE),
        ("Third pair and not switching anytime soon.", Sentiment.POSITIVE),
        ("Staff were too busy to notice me. Walked out and bought elsewhere.", Sentiment.NEGATIVE),
        ("Sold out for months. I give up.", Sentiment.NEGATIVE),
        ("Wrong size again. Back to square one.", Sentiment.NEGATIVE),
        ('"Waterproof" my foot.', Sentiment.NEGATIVE),
        ("I measured my foot at 27 cm.", Sentiment.NEUTRAL),
        ("Torn between the green and the grey.", Sentiment.NEUTRAL),
        ("The guide recommends reproofing every season.", Sentiment.NEUTRAL),
    ],
)
def test_idioms_of_resolution_loyalty_and_giving_up_are_read_as_customers_mean_them(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    "text",
    [
        "Oh brilliant, another delivery exception. Third time this month 🙄",
        "Oh perfect, the parcel went to the wrong depot. Again.",
    ],
)
def test_praise_opened_by_an_interjection_beside_a_complaint_is_ironic(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    "text", ["The saved sizes spare me so much hassle.", "Saves me the hassle of measuring every time."]
)
def test_sparing_the_customer_trouble_is_praise(text):
    assert score_text(text, "en").label == Sentiment.POSITIVE


def test_never_before_so_or_this_strengthens_a_phrase_of_praise():
    assert score_text("Never had boots grip this well on ice.", "en").label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The old version was so much better.", Sentiment.NEGATIVE),
        ("The previous model used to be far more comfortable.", Sentiment.NEGATIVE),
        ("The new version is so much better than the old one.", Sentiment.POSITIVE),
        ("They feel different from the old ones, not sure if better or worse yet.", Sentiment.NEUTRAL),
    ],
)
def test_praise_of_an_earlier_version_blames_the_current_one(text, label):
    assert score_text(text, "en").label == label


def test_a_short_clause_after_a_contrast_is_a_verdict_not_irony():
    assert score_text("Pricey, but worth it.", "en").label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "No one seems to care.",
        "Less comfortable than I expected.",
        "Hardly waterproof.",
        "Definitely not worth £120.",
    ],
)
def test_no_one_less_and_hardly_negate_and_seems_passes_a_negation_on(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Used to love this brand.", Sentiment.NEGATIVE),
        ("This used to be my favourite shop.", Sentiment.NEGATIVE),
        ("Stiff at first, but I got used to them and now they are great.", Sentiment.POSITIVE),
        ("Could have been so much better.", Sentiment.NEGATIVE),
        ("Would've been nice to get an email.", Sentiment.NEGATIVE),
    ],
)
def test_used_to_and_could_have_been_deny_the_praise_after_them(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I should have bought the other brand.", Sentiment.NEGATIVE),
        ("Really wish I'd gone for a different jacket.", Sentiment.NEGATIVE),
        ("Should have bought these years ago!", Sentiment.POSITIVE),
        ("How many times do I have to ask for a refund?", Sentiment.NEGATIVE),
        ("Why is it so hard to get a refund?", Sentiment.NEGATIVE),
        ("Is anyone actually reading these messages?", Sentiment.NEGATIVE),
    ],
)
def test_modal_regrets_and_complaining_questions_are_read_as_meant(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Love how the app logs me out every five minutes.", Sentiment.NEGATIVE),
        ("Cheers for losing my parcel.", Sentiment.NEGATIVE),
        ("Nice of you to tell me my order was cancelled after a week.", Sentiment.NEGATIVE),
        ("Love how light these are.", Sentiment.POSITIVE),
        ("Thanks for the quick reply.", Sentiment.POSITIVE),
    ],
)
def test_praise_that_a_complaint_follows_in_its_sentence_mocks(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The new app is slower than the old one.", Sentiment.NEGATIVE),
        ("Heavier than advertised.", Sentiment.NEGATIVE),
        ("Not cheap, but they'll last.", Sentiment.POSITIVE),
        ("Would love to see a wider fit in the Ridge.", Sentiment.NEUTRAL),
        ("I'd appreciate it if someone could tell me when the sale starts.", Sentiment.NEUTRAL),
        ("Ten days and not a word from anyone.", Sentiment.NEGATIVE),
        ("Doesn't keep the rain out at all.", Sentiment.NEGATIVE),
    ],
)
def test_comparatives_polite_requests_and_silence_are_read_as_meant(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Paid £15 for next day delivery. It's been four days.", Sentiment.NEGATIVE),
        ("I've had better jackets from the supermarket.", Sentiment.NEGATIVE),
        ("absolute joke of a service", Sentiment.NEGATIVE),
        ("Customer service is non-existent.", Sentiment.NEGATIVE),
        ("Don't waste your money.", Sentiment.NEGATIVE),
        ("Didn't think I'd like the colour but it's grown on me.", Sentiment.POSITIVE),
        ("Five years on and they still look new.", Sentiment.POSITIVE),
    ],
)
def test_idioms_of_waiting_disappointment_and_lasting_are_read_as_meant(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The laces snapped on the second walk.", Sentiment.NEGATIVE),
        ("I returned the jacket a month ago and I'm still out of pocket.", Sentiment.NEGATIVE),
        ("The colour is nowhere near what's on the website.", Sentiment.NEGATIVE),
        ("My daughter refuses to take them off.", Sentiment.POSITIVE),
        ("Top-notch stitching.", Sentiment.POSITIVE),
    ],
)
def test_words_of_defects_and_wear_and_their_praising_counterparts(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    "text",
    [
        "Why does the app need my birthday to create an account?",
        "Can someone tell me why the best sizes sell out in an hour?",
    ],
)
def test_a_question_asking_why_about_the_writer_complains_without_praising_what_it_asks_about(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


def test_a_question_asking_why_about_the_products_alone_only_asks():
    assert (
        score_text("Why are the trail and hiking versions priced differently?", "en").label
        == Sentiment.NEUTRAL
    )


def test_short_praise_after_a_problem_the_text_turns_with_but_is_no_irony():
    text = "Had a problem with the zip but the shop swapped it on the spot. Great service."
    assert score_text(text, "en").label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "If the hood doesn't fit over a helmet, can I swap it for the bigger one?",
        "I'll keep whichever colour doesn't clash with my pack.",
    ],
)
def test_a_condition_says_what_may_be_not_what_is(text):
    assert score_text(text, "en").label == Sentiment.NEUTRAL


def test_as_if_and_a_polite_if_open_no_condition():
    assert score_text("They spoke to me as if the broken zip was my fault.", "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    "text",
    [
        "The gloves were supposed to be warm.",
        "This jacket was meant to be breathable.",
        "The route was advertised as easy.",
        "The new midsole is nowhere near as comfortable.",
    ],
)
def test_a_broken_promise_and_nowhere_near_deny_the_praise_after_them(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("how long does an exchange take", Sentiment.NEUTRAL),
        ("can i wash the gaiters in the machine", Sentiment.NEUTRAL),
        ("why is it so hard to reach anyone at your office", Sentiment.NEGATIVE),
        ("what a brilliant pair of boots", Sentiment.POSITIVE),
    ],
)
def test_a_question_typed_without_its_question_mark_still_asks(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    "text",
    [
        "Good for the gym, maybe not for the hills.",
        "Both jackets look good, can't decide between them.",
        "A bit stiffer than my old pair, as expected for a winter boot.",
    ],
)
def test_a_verdict_left_to_the_reader_stays_neutral(text):
    assert score_text(text, "en").label == Sentiment.NEUTRAL


@pytest.mark.parametrize(
    "text",
    [
        'The "easy" returns process took me an hour.',
        'Our "helpful" advisor read out the terms and conditions.',
        'The "brilliant" new checkout lost my basket twice.',
    ],
)
def test_praise_in_scare_quotes_mocks(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


def test_a_praised_week_that_a_comma_and_then_turns_is_a_complaint():
    assert (
        score_text("Felt lovely for a fortnight, then the buckle started cracking.", "en").label
        == Sentiment.NEGATIVE
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("does anyone even check the stock levels", Sentiment.NEGATIVE),
        ("How hard can it be to print a returns label?", Sentiment.NEGATIVE),
        ("What happened to the stitching on this batch?", Sentiment.NEGATIVE),
        ("Fourth time I've asked for my order number.", Sentiment.NEGATIVE),
        ("The jacket arrived a month later than promised.", Sentiment.NEGATIVE),
        ("I'd like an actual reply, not a template.", Sentiment.NEGATIVE),
        ("All that talk of recycling and the socks came in a plastic tray.", Sentiment.NEGATIVE),
        ("Had high hopes for the new gaiters.", Sentiment.NEGATIVE),
        ("The heel grip has gone downhill since the redesign.", Sentiment.NEGATIVE),
    ],
)
def test_idioms_and_facts_of_complaint_are_read_as_meant(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    "text",
    [
        "The cobbler brought my ten-year-old boots back to life.",
        "These have outlasted three pairs from other brands.",
        "She went out of her way to find me a half size.",
        "Honestly a keeper, the lacing is genius.",
        "The guide to layering was really well written.",
        "The swap was done within the hour.",
        "my go to jacket for every season",
        "they replaced the buckle for free, legends",
        "My son hasn't taken them off since Christmas.",
    ],
)
def test_praise_told_by_a_result_or_an_idiom_is_praise(text):
    assert score_text(text, "en").label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "The heel drop is 8 mm on the road version.",
        "They run true to size, I took my usual 10.",
        "Heads up: the Bristol shop moves to a new address in March.",
        "Tips welcome for my first winter hike.",
        "Torn between the grey and the black lmao",
    ],
)
def test_shoe_words_and_requests_that_vader_misreads_stay_neutral(text):
    assert score_text(text, "en").label == Sentiment.NEUTRAL


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Nobody in the returns department has answered.", Sentiment.NEGATIVE),
        ("No one at the desk could help.", Sentiment.NEGATIVE),
        ("Nobody warned me the sale had ended.", Sentiment.NEGATIVE),
    ],
)
def test_a_negated_subject_reaches_its_verb_and_stops_there(text, label):
    assert score_text(text, "en").label == label


def test_never_this_happy_is_emphasis_not_a_negation():
    assert score_text("My knees have never been this happy on a descent.", "en").label == Sentiment.POSITIVE


@pytest.mark.parametrize(
    "text",
    [
        "Good in theory, fine on paper, useless on a wet trail.",
        "The new tongue is different, and not in a good way.",
        "Queued for an hour at the launch for nothing.",
    ],
)
def test_idioms_of_disappointment_are_complaints(text):
    assert score_text(text, "en").label == Sentiment.NEGATIVE


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the gaiters are sooo good", Sentiment.POSITIVE),
        ("loooove the new hood", Sentiment.POSITIVE),
        ("waited 3 weeks for thisss, terrrrible", Sentiment.NEGATIVE),
    ],
)
def test_a_word_stretched_for_emphasis_is_read_as_the_word(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The checkout was a breeze.", Sentiment.POSITIVE),
        ("Ticks all the boxes for a winter walker.", Sentiment.POSITIVE),
        ("Worried about the fit, needn't have been.", Sentiment.POSITIVE),
        ("no notes, perfect hat", Sentiment.POSITIVE),
        ("Daylight robbery for a bottle of proofing spray.", Sentiment.NEGATIVE),
        ("This is the last time I order a jacket from you.", Sentiment.NEGATIVE),
        ("Posting costs more than the gloves.", Sentiment.NEGATIVE),
        ("I'd give it zero stars.", Sentiment.NEGATIVE),
    ],
)
def test_everyday_idioms_of_praise_and_complaint_are_read_as_meant(text, label):
    assert score_text(text, "en").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The second jacket had the same fault as the first.", Sentiment.NEGATIVE),
        ("Paid for express and waited like everyone else.", Sentiment.NEGATIVE),
        ("The shop had no record of my booking.", Sentiment.NEGATIVE),
        ("The cuff digs into my wrist all day.", Sentiment.NEGATIVE),
        ("They slip on any wet root.", Sentiment.NEGATIVE),
        ("Dry feet after a whole day in the bog.", Sentiment.POSITIVE),
        ("They replaced the split pack, no questions asked.", Sentiment.POSITIVE),
        ("My back noticed the difference within a week.", Sentiment.POSITIVE),
        ("Set a 10k PB in them on Sunday.", Sentiment.POSITIVE),
        ("Comfortable slip-on shoes for the hut.", Sentiment.POSITIVE),
    ],
)
def test_complaints_and_praise_told_by_facts_are_read_as_meant(text, label):
    assert score_text(text, "en").label == label
