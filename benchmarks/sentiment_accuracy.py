"""Sentiment accuracy per language on the labelled samples, beside its baselines.

    python benchmarks/sentiment_accuracy.py [--samples benchmarks/sentiment/samples] [--errors]

Reads `{es,en,pl}.tsv` (comment lines, a `label<TAB>text` header, then one labelled text a line) and
prints, per language: n, accuracy, macro-F1, precision and recall per label, the confusion matrix,
the same figures for the baselines (the majority class; the lexicon alone, with no rule), and the
mean time per text. `--errors` lists the texts the analyser labels wrongly.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("positive", "neutral", "negative")
LANGUAGES = ("es", "en", "pl")


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()


def read_sample(path: Path) -> list[tuple[str, str]]:
    rows = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header, *body = [line for line in lines if line.strip()]
    if header.split("\t") != ["label", "text"]:
        raise SystemExit(f"{path}: expected the header 'label<TAB>text', found {header!r}")
    for number, line in enumerate(body, start=2):
        label, _, text = line.partition("\t")
        if label not in LABELS or not text:
            raise SystemExit(f"{path}: line {number} is not 'label<TAB>text' with a known label: {line!r}")
        rows.append((label, text))
    return rows


def figures(expected: list[str], predicted: list[str]) -> dict:
    confusion = {truth: dict.fromkeys(LABELS, 0) for truth in LABELS}
    for truth, guess in zip(expected, predicted, strict=True):
        confusion[truth][guess] += 1
    per_label = {}
    for label in LABELS:
        hits = confusion[label][label]
        said = sum(confusion[truth][label] for truth in LABELS)
        actual = sum(confusion[label].values())
        precision = hits / said if said else 0.0
        recall = hits / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1}
    return {
        "accuracy": sum(confusion[label][label] for label in LABELS) / len(expected),
        "macro_f1": sum(scores["f1"] for scores in per_label.values()) / len(LABELS),
        "per_label": per_label,
        "confusion": confusion,
    }


def print_language(language: str, rows: list[tuple[str, str]], show_errors: bool) -> dict:
    from collections import Counter

    from brand_hub.sentiment.analyser import label_for, lexicon_only_valence, normalise, score_text

    expected = [label for label, _ in rows]
    score_text(rows[0][1], language)  # lexicons load outside the timing
    started = time.perf_counter()
    results = [score_text(text, language) for _, text in rows]
    mean_ms = (time.perf_counter() - started) * 1000 / len(rows)
    ours = figures(expected, [result.label for result in results])
    majority_label = Counter(expected).most_common(1)[0][0]
    majority = figures(expected, [majority_label] * len(rows))
    lexicon_only = figures(
        expected, [label_for(normalise(lexicon_only_valence(text, language))) for _, text in rows]
    )

    print(f"\n== {language}: n={len(rows)}, mean {mean_ms:.3f} ms per text")
    print(f"   {'':<28}{'accuracy':>9}{'macro-F1':>10}")
    for name, result in (
        ("analyser (lexicon + rules)", ours),
        ("lexicon only, no rules", lexicon_only),
        (f"majority class ({majority_label})", majority),
    ):
        print(f"   {name:<28}{result['accuracy']:>9.3f}{result['macro_f1']:>10.3f}")
    print(f"   {'label':<10}{'precision':>10}{'recall':>8}{'F1':>7}   (analyser)")
    for label, scores in ours["per_label"].items():
        print(f"   {label:<10}{scores['precision']:>10.3f}{scores['recall']:>8.3f}{scores['f1']:>7.3f}")
    print(
        f"   confusion (rows: labelled, columns: predicted)  {'':<0}" + "".join(f"{x[:3]:>6}" for x in LABELS)
    )
    for truth in LABELS:
        print(f"   {truth:<46}" + "".join(f"{ours['confusion'][truth][guess]:>6}" for guess in LABELS))
    if show_errors:
        for (label, text), result in zip(rows, results, strict=True):
            if result.label != label:
                print(f"   ! {label:>8} -> {result.label:<8} {result.score:+.3f}  {text}")
    return {"language": language, "n": len(rows), "mean_ms": mean_ms, **ours}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--samples", type=Path, default=ROOT / "benchmarks/sentiment/samples")
    parser.add_argument("--errors", action="store_true", help="list the texts labelled wrongly")
    arguments = parser.parse_args()
    _setup_django()
    from django.conf import settings

    print(
        "Sentiment accuracy on the labelled samples (positive from "
        f"{settings.SENTIMENT_POSITIVE_FROM}, negative below {settings.SENTIMENT_NEGATIVE_BELOW})"
    )
    summary = []
    for language in LANGUAGES:
        path = arguments.samples / f"{language}.tsv"
        if not path.exists():
            print(f"\n== {language}: no sample at {path}")
            continue
        summary.append(print_language(language, read_sample(path), arguments.errors))
    print(f"\n{'language':<10}{'n':>5}{'accuracy':>10}{'macro-F1':>10}{'ms/text':>9}")
    for row in summary:
        print(
            f"{row['language']:<10}{row['n']:>5}{row['accuracy']:>10.3f}{row['macro_f1']:>10.3f}"
            f"{row['mean_ms']:>9.3f}"
        )


if __name__ == "__main__":
    main()
