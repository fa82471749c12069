"""Keyword rules: the first source of suggestions, and the reason shown beside them.

Each label of a taxonomy has a list of keywords; a recommendation whose text contains
one (whole words; lower-case keywords ignore case, keywords with capitals such as
"CAT" or "HIV" must match as written; see :class:`Matcher`) gets the label suggested, with the keywords
found as the reason. Sources of the keywords:

* ``data/keywords.csv``: written by hand for the UPR Info issues and the common UHRI
  themes and affected persons, from the wording of UPR recommendations;
* the label's own name, split into phrases (``"Refugees & asylum seekers"`` →
  ``refugees``, ``asylum seekers``);
* SDG targets: the EC-JRC SDG Mapper keywords (``data/sdg_target_keywords.csv``, built by
  ``data/build_sdg_keywords.py``); a goal has the keywords of its targets;
* the UPR Info action category: the leading verb of the recommendation, with the
  verbs UPR Info lists for each category (``catalog/data/action_categories.csv``,
  from UPR Info's database methodology).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rightstrack.catalog.models import (
    ActionCategory,
    AffectedGroup,
    SdgGoal,
    SdgTarget,
    Theme,
    UprIssue,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Score of a rule hit with one keyword; each further distinct keyword adds RULE_STEP.
RULE_BASE = 0.6
RULE_STEP = 0.1
RULE_MAX = 0.9

#: Phrases of label names too general to be keywords on their own.
_GENERIC = {
    "rights",
    "human rights",
    "general",
    "other",
    "definition",
    "general principles",
    "protection",
    "general measures",
    "general measures of implementation",
    "measures",
    "implementation",
    "persons",
    "framework",
    "cooperation",
    "issues",
    "participation",
    "economic",
    "social",
    "cultural rights",
    "political rights",
    "civil",
    "political",
    "national",
    "international",
    "security",
    "assistance",
    "context",
    "statistics",
    "budget",
    "policy framework",
    "institutional",
    "specific areas",
    "vulnerable",
}
_SPLIT = re.compile(r"\s*(?:,|;|:|/|\(|\)|\s-\s|\s–\s|\band\b|\bor\b|\betc\.?)\s*")
_LEAD = re.compile(r"^(?:the\s+|a\s+|an\s+|rights?\s+(?:of|to|related\s+to)\s+(?:an?\s+|the\s+)?)")

#: Leading verbs of each UPR Info action category (UPR Info, "Database: action category").
ACTION_VERBS: dict[int, tuple[str, ...]] = {
    1: ("call on", "call upon", "seek", "share", "request technical assistance"),
    2: ("continue", "maintain", "persevere", "persist", "pursue", "keep"),
    3: (
        "consider",
        "analyse",
        "analyze",
        "envisage",
        "envision",
        "examine",
        "explore",
        "reflect upon",
        "reflect on",
        "revise",
        "review",
        "study",
        "favourably consider",
        "positively consider",
        "give consideration",
    ),
    4: (
        "accelerate",
        "address",
        "encourage",
        "engage with",
        "ensure",
        "guarantee",
        "intensify",
        "promote",
        "speed up",
        "strengthen",
        "take action",
        "take measures",
        "take steps",
        "take all",
        "take further",
        "take the necessary",
        "take necessary",
        "take appropriate",
        "take effective",
        "step up",
        "redouble",
        "increase",
        "enhance",
        "improve",
        "make efforts",
        "further",
        "protect",
        "respect",
        "combat",
        "fight",
    ),
    5: (
        "conduct",
        "develop",
        "eliminate",
        "establish",
        "investigate",
        "undertake",
        "abolish",
        "accede",
        "adopt",
        "amend",
        "implement",
        "enforce",
        "ratify",
        "sign",
        "repeal",
        "criminalize",
        "criminalise",
        "prohibit",
        "extend",
        "issue",
        "submit",
        "withdraw",
        "create",
        "set up",
        "release",
        "enact",
        "decriminalize",
        "provide",
        "allocate",
        "introduce",
        "incorporate",
        "launch",
        "become",
        "recognize",
        "bring",
    ),
}
_PREAMBLE = re.compile(
    r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:the committee\s+(?:also\s+|further\s+)?"
    r"(?:recommends|urges|calls upon|requests|encourages)\s+(?:that\s+)?the state party\s*"
    r"(?:to\s+)?[:,]?\s*|recommended\s+(?:that\s+)?|it is recommended that\s+|that\s+)?",
    re.IGNORECASE,
)


_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """The words of ``text`` (letters and digits; punctuation and hyphens split words)."""
    return _TOKEN.findall(text)


def words_of(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` (:func:`tokens`) as written and in lower case."""
    original = tokens(text)
    return original, [w.lower() for w in original]


@dataclass
class Matcher:
    """Keywords of one taxonomy, looked up by word n-grams (fast on long keyword lists:
    one dictionary look-up per word of the text and keyword length starting there).

    Lower-case keywords ignore case; keywords with capitals ("CAT", "HIV") must match as
    written. Hyphens and punctuation separate words on both sides ("ill-treatment"
    matches "ill treatment").
    """

    folded: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    exact: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    _lengths_folded: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    _lengths_exact: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, label_id: int, keyword: str) -> None:
        """Add ``keyword`` for ``label_id``."""
        keyword = " ".join(keyword.split())
        words = tokens(keyword)
        if not words or len(keyword) < 2:
            return
        if keyword == keyword.lower():
            key = " ".join(words)
            self.folded[key].setdefault(label_id, keyword)
            self._lengths_folded[words[0]].add(len(words))
        else:
            key = " ".join(words)
            self.exact[key].setdefault(label_id, keyword)
            self._lengths_exact[words[0]].add(len(words))

    def compile(self) -> None:
        """Nothing to compile (kept for symmetry with earlier versions)."""

    def find(self, text: str) -> dict[int, list[str]]:
        """Labels whose keywords occur in ``text``, each with the distinct keywords found."""
        return self.find_words(words_of(text))

    def find_words(self, text_words: tuple[list[str], list[str]]) -> dict[int, list[str]]:
        """:meth:`find` on a text's :func:`words_of` (its words read once for every taxonomy)."""
        found: dict[int, list[str]] = defaultdict(list)
        original, lowered = text_words
        for words, table, lengths in (
            (lowered, self.folded, self._lengths_folded),
            (original, self.exact, self._lengths_exact),
        ):
            if not table:
                continue
            for i, word in enumerate(words):
                for n in lengths.get(word, ()):
                    hit = table.get(" ".join(words[i : i + n])) if n > 1 else table.get(word)
                    if hit is None:
                        continue
                    for label_id, keyword in hit.items():
                        if keyword not in found[label_id]:
                            found[label_id].append(keyword)
        return found


def name_phrases(name: str) -> list[str]:
    """Keywords made from a label's name: the name, and its phrases that are not generic.

    >>> name_phrases("Refugees & asylum seekers")
    ['refugees and asylum seekers', 'refugees', 'asylum seekers']
    """
    whole = " ".join(name.lower().replace("&", " and ").split())
    out = [whole]
    for part in _SPLIT.split(whole):
        part = _LEAD.sub("", part.strip()).strip(" .-")
        if part in _GENERIC or part in out:
            continue
        if len(part.split()) >= 2 or len(part) >= 7:
            out.append(part)
    return out


def _hand_keywords() -> dict[str, dict[str, list[str]]]:
    table: dict[str, dict[str, list[str]]] = defaultdict(dict)
    with (DATA_DIR / "keywords.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            table[row["taxonomy"]][row["slug"]] = [k for k in row["keywords"].split("|") if k]
    return table


def _sdg_keywords() -> dict[str, list[str]]:
    with (DATA_DIR / "sdg_target_keywords.csv").open(encoding="utf-8") as fh:
        return {row["code"]: row["keywords"].split("|") for row in csv.DictReader(fh)}


@dataclass
class RuleSet:
    """Every keyword rule, one :class:`Matcher` per taxonomy key (action category apart)."""

    matchers: dict[str, Matcher]
    keywords: dict[str, dict[int, list[str]]]
    action_ids: dict[int, int]

    def find(
        self, taxonomy: str, text: str, words: tuple[list[str], list[str]] | None = None
    ) -> dict[int, list[str]]:
        """Labels of ``taxonomy`` suggested by keywords for ``text``, with the keywords found.

        ``words``: ``words_of(text)`` when the caller already has it (one reading of a
        text for every taxonomy)."""
        if taxonomy == "action_category":
            hit = leading_verb_category(text)
            if hit is None or hit[0] not in self.action_ids:
                return {}
            return {self.action_ids[hit[0]]: [hit[1]]}
        return self.matchers[taxonomy].find_words(words or words_of(text))


def leading_verb_category(text: str) -> tuple[int, str] | None:
    """The UPR Info action category (1-5) of ``text`` by its leading verb, and that verb.

    A preamble ("The Committee recommends that the State party", "Recommended that") is
    skipped. ``None`` when the text starts with no listed verb.
    """
    head = _PREAMBLE.sub("", text.strip(), count=1).lower()
    best: tuple[int, str] | None = None
    for number, verbs in ACTION_VERBS.items():
        for verb in verbs:
            whole = head.startswith(verb) and (
                len(head) == len(verb) or not head[len(verb)].isalpha()
            )
            if whole and (best is None or len(verb) > len(best[1])):
                best = (number, verb)
    return best


def build_rules() -> RuleSet:
    """Compile every rule from the reference tables now in the database.

    Raises:
        OSError: a file of ``classify/data`` is missing.
    """
    hand = _hand_keywords()
    matchers: dict[str, Matcher] = {}
    keywords: dict[str, dict[int, list[str]]] = {}
    for key, model in (
        ("theme", Theme),
        ("affected_group", AffectedGroup),
        ("upr_issue", UprIssue),
    ):
        matcher, words = Matcher(), {}
        for pk, slug, name in model.objects.values_list("pk", "slug", "name"):
            kws = [*hand.get(key, {}).get(slug, []), *name_phrases(name)]
            words[pk] = kws
            for kw in kws:
                matcher.add(pk, kw)
        matcher.compile()
        matchers[key], keywords[key] = matcher, words
    sdg = _sdg_keywords()
    targets, goals = Matcher(), Matcher()
    target_words: dict[int, list[str]] = {}
    goal_words: dict[int, list[str]] = defaultdict(list)
    for pk, code, goal_id in SdgTarget.objects.values_list("pk", "code", "goal_id"):
        kws = sdg.get(code, [])
        target_words[pk] = kws
        goal_words[goal_id].extend(kws)
        for kw in kws:
            targets.add(pk, kw)
            goals.add(goal_id, kw)
    targets.compile()
    goals.compile()
    matchers["sdg_target"], keywords["sdg_target"] = targets, target_words
    matchers["sdg_goal"], keywords["sdg_goal"] = goals, dict(goal_words)
    action_ids = dict(ActionCategory.objects.values_list("number", "pk"))
    keywords["action_category"] = {
        pk: list(ACTION_VERBS.get(number, ())) for number, pk in action_ids.items()
    }
    return RuleSet(matchers, keywords, action_ids)


@lru_cache(maxsize=2)
def _cached(version: str) -> RuleSet:
    return build_rules()


def rules() -> RuleSet:
    """The compiled rules, rebuilt when a label of a taxonomy is added, removed or renamed."""
    return _cached(labels_fingerprint())


def labels_fingerprint() -> str:
    """SHA-256 of every label's primary key and natural key, in every taxonomy."""
    state = (
        list(Theme.objects.values_list("pk", "slug")),
        list(AffectedGroup.objects.values_list("pk", "slug")),
        list(UprIssue.objects.values_list("pk", "slug")),
        list(SdgTarget.objects.values_list("pk", "code", "goal_id")),
        list(ActionCategory.objects.values_list("pk", "number")),
        list(SdgGoal.objects.values_list("pk", "number")),
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()


def rule_score(keywords: list[str]) -> float:
    """Score of a rule hit: RULE_BASE for one keyword, RULE_STEP more for each other one."""
    return min(RULE_MAX, RULE_BASE + RULE_STEP * (len(keywords) - 1))
