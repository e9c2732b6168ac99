"""Labelled sample files of the accuracy benchmarks (sentiment, triage) and Django for running them."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()


def read_sample(path: Path, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, text) of each line of a sample: comment lines, a `label<TAB>text` header, then one
    labelled text a line."""
    rows = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header, *body = [line for line in lines if line.strip()]
    if header.split("\t") != ["label", "text"]:
        raise SystemExit(f"{path}: expected the header 'label<TAB>text', found {header!r}")
    for number, line in enumerate(body, start=2):
        label, _, text = line.partition("\t")
        if label not in labels or not text:
            raise SystemExit(f"{path}: line {number} is not 'label<TAB>text' with a known label: {line!r}")
        rows.append((label, text))
    return rows
