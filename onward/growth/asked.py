"""The skills job postings ask for: ESCO skill phrases found in a posting's description.

Matching works on words, not characters (the approach of flashtext): the description is cut into
tokens, and each run of up to ``longest`` tokens is looked up in a dictionary of the vocabulary's
phrases, longest first. So a phrase only ever matches whole words ("Java" never hits "JavaScript",
"SQL" never hits "NoSQL"), and the lookup costs the same whatever the vocabulary's size. A
character automaton (Aho-Corasick) would find every substring and still need this boundary check.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.text import slugify

VOCABULARY = Path(__file__).resolve().parent / "vocabulary" / "esco_skills.tsv"
# A token: letters and digits, with the inner marks of tool names kept ("C++", "C#", "Node.js",
# "R&D" is one token, so the skill "R" is not found in it). Hyphens split words, in the text
# and in the vocabulary alike, so "problem-solving" matches "problem solving".
TOKEN = re.compile(r"[^\W_](?:[\w+#.&]*[\w+#])?")
# Phrases this short are matched with their exact case: "R" but not the letter "r".
EXACT_CASE_UP_TO = 3
# Qualified labels whose bare name means something else in job ads ("ML" is machine learning
# there, not the ML language).
NO_BARE_NAME = {"ML"}


@dataclass(frozen=True)
class Skill:
    key: str  # the ESCO concept's id
    label: str


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


class Vocabulary:
    def __init__(self, entries):
        """``entries``: (key, label, phrases) for each skill."""
        self.phrases: dict[tuple[str, ...], Skill] = {}
        for key, label, phrases in entries:
            skill = Skill(key, label)
            for phrase in phrases:
                words = tokens(phrase)
                if not words:
                    continue
                exact = len(words) == 1 and len(words[0]) <= EXACT_CASE_UP_TO
                self.phrases.setdefault(tuple(w if exact else w.casefold() for w in words), skill)
        self.longest = max((len(p) for p in self.phrases), default=0)

    def find(self, text: str) -> list[Skill]:
        """The skills named in ``text``, each once, in order of first mention."""
        words = tokens(text or "")
        folded = [w.casefold() for w in words]
        found: dict[str, Skill] = {}
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                run = tuple(folded[i : i + size])
                skill = self.phrases.get(run)
                if skill is None and size == 1:
                    skill = self.phrases.get((words[i],))
                if skill is not None:
                    found.setdefault(skill.key, skill)
                    i += size
                    break
            else:
                i += 1
        return list(found.values())


# The line a saved posting's own list of skills is kept on (see pipeline.postings.saving).
LISTED = re.compile(r"^\s*skills:(.+)$", re.IGNORECASE | re.MULTILINE)


def skills_in(text: str) -> list[Skill]:
    """The ESCO skills named in ``text``, then the skills its "Skills:" lines list that ESCO
    does not know (each under its own name), each once."""
    found = {skill.key: skill for skill in esco().find(text)}
    for line in LISTED.findall(text or ""):
        for item in re.split(r"[,;]", line):
            name = " ".join(item.split())[:200]
            if name and not esco().find(name) and slugify(name):
                key = "listed-" + slugify(name)[:33]
                found.setdefault(key, Skill(key, name))
    return list(found.values())


def phrases_of(label: str, alternatives: list[str]) -> list[str]:
    phrases = [label, *alternatives]
    bare = label.split(" (")[0]
    if bare != label and bare not in NO_BARE_NAME:
        phrases.append(bare)  # "Python (computer programming)" is asked for as "Python"
    return phrases


@cache
def esco() -> Vocabulary:
    entries = []
    with VOCABULARY.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            key, label, alternatives = line.rstrip("\n").split("\t")
            entries.append(
                (key, label, phrases_of(label, alternatives.split("|") if alternatives else []))
            )
    return Vocabulary(entries)
