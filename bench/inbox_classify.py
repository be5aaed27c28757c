"""The inbox classifier on the labelled corpus: precision and recall per kind, accuracy, how
often the company and the role are found, and speed.

    .venv/bin/python bench/inbox_classify.py                  # the held-out test split
    .venv/bin/python bench/inbox_classify.py --split train --errors   # what to work on

Each email goes the whole way a fetched message goes: as bytes (plain, HTML-only, multipart,
Latin-1 quoted-printable or base64), parsed, its quoted history cut, classified. No database.
"""

import argparse
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from onward.inbox.classify import KINDS, classify_text  # noqa: E402
from onward.inbox.corpus import load  # noqa: E402
from onward.inbox.extract import about  # noqa: E402
from onward.inbox.parsing import _parsed_header, parse_message  # noqa: E402

FETCHED = datetime(2026, 3, 11, tzinfo=UTC)
TARGETS = {"rejection": 0.90, "interview": 0.85}


LEGAL = re.compile(r"\s+(?:gmbh|ag|inc\.?|llc|ltd\.?|llp|sa|sl|sas|se)$", re.IGNORECASE)


def same(found: str | None, expected: str | None) -> bool:
    """The same name, give or take case and a legal form (Acme and Acme GmbH)."""
    if expected is None:
        return True
    return (
        found is not None and LEGAL.sub("", found).casefold() == LEGAL.sub("", expected).casefold()
    )


def evaluate(split: str, rounds: int = 1) -> dict:
    samples = load(split)
    raws = [sample.as_bytes(i) for i, sample in enumerate(samples)]
    rows = []
    elapsed = 0.0
    for _ in range(rounds):
        rows = []
        _parsed_header.cache_clear()  # each round starts cold, as new mail would
        started = time.perf_counter()
        for sample, raw in zip(samples, raws, strict=True):
            parsed = parse_message(raw, fetched_at=FETCHED)
            assert parsed is not None
            verdict = classify_text(parsed.subject, parsed.text)
            company, role = about(
                parsed.from_name, parsed.from_address, parsed.subject, parsed.text
            )
            rows.append((sample, verdict, company, role))
        elapsed += time.perf_counter() - started
    texts = [(r[0].subject, r[0].body) for r in rows]
    started = time.perf_counter()
    for _ in range(rounds):
        for subject, body in texts:
            classify_text(subject, body)
    classifier_elapsed = time.perf_counter() - started
    per_kind = {}
    for kind in KINDS:
        tp = sum(1 for s, v, *_ in rows if v.kind == kind and s.kind == kind)
        predicted = sum(1 for _, v, *_ in rows if v.kind == kind)
        actual = sum(1 for s, *_ in rows if s.kind == kind)
        per_kind[kind] = (
            tp / predicted if predicted else 1.0,
            tp / actual if actual else 1.0,
            actual,
        )
    return {
        "rows": rows,
        "per_kind": per_kind,
        "accuracy": sum(1 for s, v, *_ in rows if s.kind == v.kind) / len(rows),
        "company": sum(1 for s, _, c, _ in rows if s.company and same(c, s.company))
        / max(1, sum(1 for s in samples if s.company)),
        "role": sum(1 for s, _, _, r in rows if s.role and same(r, s.role))
        / max(1, sum(1 for s in samples if s.role)),
        "uncertain": sum(1 for _, v, *_ in rows if v.uncertain),
        "per_second": len(rows) * rounds / elapsed,
        "classifier_per_second": len(rows) * rounds / classifier_elapsed,
        "count": len(rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["train", "test"], default="test")
    parser.add_argument("--errors", action="store_true", help="List the misclassified emails.")
    parser.add_argument("--rounds", type=int, default=3, help="Passes over the split, for speed.")
    args = parser.parse_args(argv)
    result = evaluate(args.split, args.rounds)
    print(f"Corpus split: {args.split}, {result['count']} emails")
    print(f"{'kind':<16}{'precision':>10}{'recall':>8}{'emails':>8}{'target':>8}")
    for kind, (precision, recall, actual) in result["per_kind"].items():
        target = f"{TARGETS[kind]:.2f}" if kind in TARGETS else ""
        print(f"{kind:<16}{precision:>10.2f}{recall:>8.2f}{actual:>8}{target:>8}")
    print(f"accuracy {result['accuracy']:.2f} (target 0.85)")
    print(f"uncertain (shown as such): {result['uncertain']}")
    print(f"company found {result['company']:.2f}, role found {result['role']:.2f}")
    print(f"speed: classifier {result['classifier_per_second']:.0f} emails/s (target 200); from")
    print(f"  raw bytes (MIME parsing, classifier, company and role) {result['per_second']:.0f}/s")
    if args.errors:
        confusion = Counter()
        for sample, verdict, company, role in result["rows"]:
            if verdict.kind != sample.kind:
                confusion[(sample.kind, verdict.kind)] += 1
                scores = {k: round(v, 1) for k, v in verdict.scores.items() if v}
                print(f"\n[{sample.kind} -> {verdict.kind} {verdict.confidence}] {sample.subject}")
                print(f"  {scores}")
            for label, found, expected in (
                ("company", company, sample.company),
                ("role", role, sample.role),
            ):
                if not same(found, expected):
                    print(f"  {label}: found {found!r}, expected {expected!r} ({sample.subject})")
        print(confusion.most_common())
    return 0


if __name__ == "__main__":
    sys.exit(main())
