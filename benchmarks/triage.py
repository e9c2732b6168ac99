"""Spam and abuse triage on the labelled samples: precision and recall of holding, beside the target.

    python benchmarks/triage.py [--samples benchmarks/triage/samples] [--rounds 20] [--errors tuning]

Reads `{tuning,held_out}/{es,en,pl}.tsv` (comment lines, a `label<TAB>text` header, then one text a
line labelled spam, abuse or ok) and scores each text with `brand_hub.triage.scoring.score` at the
settings' thresholds. Prints, per language and part (tuning: what the rules were fitted on; held
out: never tuned on): precision and recall of holding (held for either reason, against labelled spam
or abuse) and of each label on its own (spam held as spam, abuse held as abuse), each beside the
target of issue 19 (precision >= 0.9 at recall >= 0.7); then the CPU time per text of the scorer,
p50 and p95 over `--rounds` passes on all texts (target: p95 < 5 ms). `--errors tuning` lists the
tuning texts decided wrongly, with their scores and signals (`--errors held_out` too, but reading
those while changing the rules would spoil the held-out part).
A part whose file is absent (a language's new held-out part not yet written) is skipped with a note.
It needs no database and no Elasticsearch.
"""

import argparse
import time
from pathlib import Path

from labelled_samples import read_sample, setup_django

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("spam", "abuse", "ok")
LANGUAGES = ("es", "en", "pl")
PARTS = ("tuning", "held_out")
TARGET_PRECISION, TARGET_RECALL, TARGET_P95_MS = 0.9, 0.7, 5.0


def precision_recall(pairs: list[tuple[bool, bool]]) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, predicted, actual) of (truth, decision) pairs."""
    hits = sum(truth and decided for truth, decided in pairs)
    predicted = sum(decided for _, decided in pairs)
    actual = sum(truth for truth, _ in pairs)
    precision = hits / predicted if predicted else 1.0
    recall = hits / actual if actual else 1.0
    return precision, recall, hits, predicted, actual


def verdict(precision: float, recall: float) -> str:
    return "met" if precision >= TARGET_PRECISION and recall >= TARGET_RECALL else "NOT MET"


def decide(text: str, language: str) -> tuple[str, object]:
    from django.conf import settings

    from brand_hub.triage.scoring import score

    scores = score(text, language)
    if scores.abuse >= settings.TRIAGE_ABUSE_THRESHOLD and scores.abuse >= scores.spam:
        return "abuse", scores
    if scores.spam >= settings.TRIAGE_SPAM_THRESHOLD:
        return "spam", scores
    if scores.abuse >= settings.TRIAGE_ABUSE_THRESHOLD:
        return "abuse", scores
    return "ok", scores


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "benchmarks" / "triage" / "samples")
    parser.add_argument("--rounds", type=int, default=20, help="timing passes over all texts")
    parser.add_argument("--errors", choices=PARTS, help="list the texts of this part decided wrongly")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    from brand_hub.triage.scoring import score

    print(
        f"thresholds: spam {settings.TRIAGE_SPAM_THRESHOLD}, abuse {settings.TRIAGE_ABUSE_THRESHOLD}; "
        f"target: precision >= {TARGET_PRECISION} at recall >= {TARGET_RECALL}\n"
    )
    header = f"{'language':8} {'part':9} {'decision':8} {'n':>4} {'precision':>9} {'recall':>7} "
    header += f"{'held/should':>12}  target"
    print(header)
    print("-" * len(header))
    summary = []
    all_texts: list[tuple[str, str]] = []
    errors = []
    absent = []
    for language in LANGUAGES:
        samples = {}
        for part in PARTS:
            path = args.samples / part / f"{language}.tsv"
            if path.exists():
                samples[part] = read_sample(path, LABELS)
            else:
                print(f"{language:8} {part:9} absent ({path.relative_to(ROOT)}): skipped")
                absent.append(f"{language} {part}")
        samples["all"] = [row for part in PARTS for row in samples.get(part, [])]
        all_texts += [(language, text) for _, text in samples["all"]]
        for part, rows in samples.items():
            decided = []
            for label, text in rows:
                decision, scores = decide(text, language)
                decided.append((label, decision))
                if part == args.errors and decision != label:
                    errors.append((language, label, decision, scores, text))
            for name, truth_of, decision_of in (
                ("hold", lambda label: label != "ok", lambda decision: decision != "ok"),
                ("spam", lambda label: label == "spam", lambda decision: decision == "spam"),
                ("abuse", lambda label: label == "abuse", lambda decision: decision == "abuse"),
            ):
                precision, recall, hits, predicted, actual = precision_recall(
                    [(truth_of(label), decision_of(decision)) for label, decision in decided]
                )
                result = verdict(precision, recall)
                print(
                    f"{language:8} {part:9} {name:8} {len(rows):>4} {precision:>9.3f} {recall:>7.3f} "
                    f"{f'{hits}/{predicted}/{actual}':>12}  {result}"
                )
                if name == "hold" and part != "all":
                    summary.append((language, part, precision, recall, result))
        print()
    print("held/should: right holds / all holds / texts that should be held\n")

    times = []
    for _ in range(args.rounds):
        for language, text in all_texts:
            started = time.process_time()
            score(text, language)
            times.append((time.process_time() - started) * 1000)
    p95 = percentile(times, 0.95)
    print(
        f"CPU per text, {len(times)} scorings ({args.rounds} passes over {len(all_texts)} texts): "
        f"p50 {percentile(times, 0.5):.3f} ms, p95 {p95:.3f} ms, max {max(times):.3f} ms "
        f"(target p95 < {TARGET_P95_MS} ms: {'met' if p95 < TARGET_P95_MS else 'NOT MET'})\n"
    )
    for language, label, decision, scores, text in errors:
        signals = "; ".join(scores.signals) or "nothing"
        print(
            f"[{language}] labelled {label}, decided {decision} "
            f"(spam {scores.spam:.2f}, abuse {scores.abuse:.2f}; {signals})\n  {text}\n"
        )
    print("summary (holding):")
    for language, part, precision, recall, result in summary:
        print(f"  {language} {part:9} precision {precision:.3f} recall {recall:.3f}: {result}")
    for name in absent:
        print(f"  {name:12} absent: not measured")
    missed = [f"{language} {part}" for language, part, *_, result in summary if result != "met"]
    if p95 >= TARGET_P95_MS:
        missed.append("CPU p95")
    verdict_line = "NOT MET: " + ", ".join(missed) if missed else "targets met in every language and part"
    if absent:
        verdict_line += f"; not measured, absent: {', '.join(absent)}"
    print(f"verdict: {verdict_line}")


if __name__ == "__main__":
    main()
