"""``onward classify-email FILE.eml [FILE ...] [--json]``: what kind of recruiting email each
file is, and which company and role it is about.

Reads .eml files as saved by a mail client (any charset, multipart or HTML-only); needs no
account and touches no database. ``--json`` prints one JSON object a line. A file that cannot
be read is reported on stderr, the others are still classified, and the exit code is 1.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from onward.inbox.classify import classify_text
from onward.inbox.extract import about
from onward.inbox.parsing import parse_message

# A saved email larger than this is not a recruiting message worth reading whole.
MAX_BYTES = 10 * 1024 * 1024


def classify_file(path: Path) -> dict:
    """The verdict on one file; raises OSError or ValueError when it cannot be read."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError("larger than 10 MB")
    raw = path.read_bytes()
    parsed = parse_message(raw, fetched_at=datetime.now(UTC), need_sender=False)
    if parsed is None:
        raise ValueError("not an email")
    verdict = classify_text(parsed.subject, parsed.text)
    company, role = about(parsed.from_name, parsed.from_address, parsed.subject, parsed.text)
    return {
        "path": str(path),
        "kind": verdict.kind,
        "confidence": verdict.confidence,
        "uncertain": verdict.uncertain,
        "company": company,
        "role": role,
    }


class Command(BaseCommand):
    help = "Classify saved emails (.eml): rejection, interview, acknowledgement, offer, ..."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE.eml")
        parser.add_argument("--json", action="store_true", help="One JSON object a line.")

    def handle(self, *args, files: list[Path], json: bool = False, **options):
        results, failed = [], 0
        for path in files:
            try:
                result = classify_file(path)
            except (OSError, ValueError) as exc:
                failed += 1
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.stderr.write(f"{path}: cannot be read ({reason}).")
                continue
            results.append(result)
            if json:
                self.stdout.write(_json_line(result))
        if not json and results:
            self.print_table(results)
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) could not be read.")

    def print_table(self, results: list[dict]) -> None:
        table = Table("File", "Kind", "Confidence", "Company", "Role")
        for result in results:
            confidence = f"{result['confidence']:.2f}" + (
                " (unsure)" if result["uncertain"] else ""
            )
            table.add_row(
                result["path"], result["kind"], confidence, result["company"] or "—",
                result["role"] or "—",
            )  # fmt: skip
        Console(file=self.stdout).print(table)  # type: ignore[arg-type]


def _json_line(result: dict) -> str:
    keys = ("path", "kind", "confidence", "company", "role")
    return json.dumps({key: result[key] for key in keys}, ensure_ascii=False)
