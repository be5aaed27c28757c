"""What a row-by-row import reports: how many rows were added, updated, unchanged or skipped,
and why each skipped one was (the contact imports and the spreadsheet import share it)."""

from dataclasses import dataclass, field

# Past this many, skipped rows are counted but their reasons are not all kept.
MAX_PROBLEMS = 500


@dataclass
class ImportReport:
    what: str = "row"  # "row" or "card": how problems are labelled
    layout: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_count: int = 0
    error: str = ""  # the file as a whole could not be read: nothing was imported
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    def skip(self, row: int, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_PROBLEMS:
            self.skipped.append((row, reason))

    def note(self, row: int, text: str) -> None:
        if len(self.notes) < MAX_PROBLEMS:
            self.notes.append((row, text))

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def summary(self) -> str:
        if self.error:
            return self.error
        parts = [f"{self.created} added", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.skipped_count:
            parts.append(f"{self.skipped_count} skipped")
        return ", ".join(parts) + "."
