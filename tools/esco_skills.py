"""Regenerate onward/growth/vocabulary/esco_skills.tsv from ESCO's skills table.

Download the English CSV of the classification from https://esco.ec.europa.eu/en/use-esco/download
(ESCO, European Commission, CC BY 4.0), then run:

    python tools/esco_skills.py path/to/skills_en.csv

Kept: each concept's id, its preferred label and its alternative labels, trimmed to phrases of at
most MAX_WORDS words (longer ones are task sentences that a job description never repeats word for
word). Either ESCO's own column names (conceptUri, preferredLabel, altLabels) or the snake_case
ones of an API export (concept_uri, preferred_label, alt_labels) are read.
"""

import csv
import sys
from pathlib import Path

MAX_WORDS = 4
OUT = Path(__file__).resolve().parent.parent / "onward/growth/vocabulary/esco_skills.tsv"
URI_PREFIX = "http://data.europa.eu/esco/skill/"


def short(label: str) -> bool:
    bare = label.split(" (")[0]
    return 0 < len(bare.split()) <= MAX_WORDS


def rows(source: Path):
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            uri = row.get("conceptUri") or row.get("concept_uri") or ""
            label = " ".join(
                (row.get("preferredLabel") or row.get("preferred_label") or "").split()
            )
            alts = row.get("altLabels") or row.get("alt_labels") or ""
            if row.get("status", "released") not in ("released", "") or not uri.startswith(
                URI_PREFIX
            ):
                continue
            alts = sorted({" ".join(a.split()) for a in alts.splitlines()} - {"", label})
            alts = [a for a in alts if short(a) and "|" not in a]
            if short(label):
                yield uri.removeprefix(URI_PREFIX), label, "|".join(alts)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    kept = sorted(rows(Path(argv[1])), key=lambda row: row[1].casefold())
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "# ESCO skills (CC BY 4.0, European Commission): id, preferred label, alt labels\n"
        )
        for row in kept:
            out.write("\t".join(row) + "\n")
    print(f"{len(kept)} skills written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
