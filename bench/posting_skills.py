"""Finding the skills a job description asks for: loading ESCO's vocabulary once, then
descriptions/second on typical (3 KB) and long (100 KB, the most a description keeps) texts.
No database.

    .venv/bin/python bench/posting_skills.py
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from onward.growth.asked import esco  # noqa: E402

PARAGRAPH = (
    "You will design and run our data platform: SQL and Python every day, some JavaScript on "
    "internal tools, and project management of small releases. Experience with NoSQL stores, "
    "C++ or R is a plus; our R&D team works closely with customer service and sales.\n"
)


def rate(text: str, seconds: float = 2.0) -> tuple[float, int]:
    vocabulary, count, started = esco(), 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        found = vocabulary.find(text)
        count += 1
    return count / (time.perf_counter() - started), len(found)


def main() -> None:
    started = time.perf_counter()
    vocabulary = esco()
    loaded = time.perf_counter() - started
    print(f"vocabulary: {len(vocabulary.phrases)} phrases loaded in {loaded * 1000:.0f} ms")
    for name, size in (("typical", 3_000), ("longest", 100_000)):
        text = (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
        per_second, found = rate(text)
        print(f"{name} ({size // 1000} KB): {per_second:,.0f} descriptions/s, {found} skills")


if __name__ == "__main__":
    main()
