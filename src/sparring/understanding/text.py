"""Text normalization shared by act rules and offer grammar: numbers, dates, sentences."""

from __future__ import annotations

import re
from functools import lru_cache

NUMBER_WORDS = {
    "zero": 0, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20,
    "thirtieth": 30, "last": -1,
}  # fmt: skip
MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september",
    "oct": "october", "nov": "november", "dec": "december",
}  # fmt: skip
MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
# Common informal spellings learners type.
SPELLINGS = {
    "engs": "engineers", "enginers": "engineers", "enginer": "engineer", "engineeers": "engineers",
    "wks": "weeks", "wk": "week", "weks": "weeks", "wekks": "weeks", "mnth": "month",
    "mnths": "months", "pls": "please", "plz": "please", "u": "you", "ur": "your",
    "thx": "thanks", "ty": "thanks", "im": "i'm", "dont": "don't", "cant": "can't",
    "wont": "won't", "youre": "you're", "thats": "that's", "whats": "what's", "hows": "how's",
    "isnt": "isn't", "doesnt": "doesn't", "ill": "i'll", "ive": "i've", "id": "i'd",
    "novmber": "november", "octobr": "october", "ocotber": "october", "migraton": "migration",
    "dashbaord": "dashboard", "teh": "the", "tho": "though", "thru": "through", "abt": "about", "b4": "before",
    "mvp's": "mvp", "dev's": "devs", "ppl": "people",
}  # fmt: skip

_SPACE = re.compile(r"\s+")
_ORDINAL_SUFFIX = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_NUMBER = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")
_TENS = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]"
    r"(one|two|three|four|five|six|seven|eight|nine)\b"
)
_WORD = re.compile(r"[a-z0-9']+")


def _tens(match: re.Match[str]) -> str:
    return str(NUMBER_WORDS[match.group(1)] + NUMBER_WORDS[match.group(2)])


def _day_of_month(match: re.Match[str]) -> str:
    return f"{match.group(2)} {match.group(1)}"


def _ordinal_date(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    if first in ORDINAL_WORDS:  # "first of november"
        return f"{second} {ORDINAL_WORDS[first]}"
    return f"{first} {ORDINAL_WORDS[second]}"  # "november first"


_ORDINAL_NAMES = "|".join(k for k in ORDINAL_WORDS if k != "last")
_ORDINAL_OF_MONTH = re.compile(rf"\b(?:the\s+)?({_ORDINAL_NAMES})\s+of\s+({MONTH_NAMES})\b")
_MONTH_ORDINAL = re.compile(rf"\b({MONTH_NAMES})\s+(?:the\s+)?({_ORDINAL_NAMES})\b")
_DAY_OF_MONTH = re.compile(rf"\b(?:the\s+)?(\d{{1,2}})\s+of\s+({MONTH_NAMES})\b")
_MONTH_ABBR = re.compile(r"\b(" + "|".join(MONTHS) + r")\b\.?")
_HALF = re.compile(r"\b(\d+)\s+and\s+a\s+half\s+")
_COUPLE = re.compile(r"\b(?:a\s+)?(?:couple|pair)\s+(?:of\s+|more\s+)?")
_MONTH_AND_HALF = re.compile(r"\b(?:a|1)\s+month\s+and\s+a\s+half\b")
_GLUED_UNIT = re.compile(r"\b(\d+)(?=[a-z]{2,}\b)(?!st\b|nd\b|rd\b|th\b)")
_DOZEN = re.compile(r"\bhalf\s+a\s+dozen\b")
_UNIT_AND_HALF = re.compile(r"\b(?:a|one|1) (million|thousand) and a half\b")
_POINT = re.compile(r"\b(\d+) point (\d)\b")
_BIG_DOLLARS = re.compile(r"\$\s?(\d+)000(?!\d)")
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:percent|per cent)\b")
_HALF_A = re.compile(r"\bhalf\s+an?\s+(million|thousand|year|day|month|quarter)\b")


def _spell(match: re.Match[str]) -> str:
    word = match.group(0)
    return SPELLINGS.get(word, word)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lower-case, fix common spellings, and write numbers and dates one way.

    "Two engs from the 1st of Nov for a month" -> "2 engineers from november 1 for a month".
    """
    out = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    out = out.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", " - ")
    out = re.sub(r"\bq\.?\s?(?:a\b\.?|&\s?a\b)", "qa", out)
    out = _WORD.sub(_spell, out)
    out = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", out)  # mid-october, six-week, on-call
    out = re.sub(r"(?<=\d)-(?=[a-z])", " ", out)  # 6-week
    out = re.sub(r"(?<=\d),(?=\d{3}\b)", "", out)  # 1,500 -> 1500
    out = _MONTH_ABBR.sub(lambda m: MONTHS[m.group(1)], out)
    out = _TENS.sub(_tens, out)
    out = _DOZEN.sub("6", out)
    out = _HALF_A.sub(r"0.5 \1", out)
    out = _COUPLE.sub("2 ", out)
    out = _ORDINAL_OF_MONTH.sub(_ordinal_date, out)
    out = _MONTH_ORDINAL.sub(_ordinal_date, out)
    out = _ORDINAL_SUFFIX.sub(r"\1", out)
    out = _DAY_OF_MONTH.sub(_day_of_month, out)
    out = _NUMBER.sub(lambda m: str(NUMBER_WORDS[m.group(1)]), out)
    out = _MONTH_AND_HALF.sub("6 weeks", out)
    out = _HALF.sub(lambda m: f"{m.group(1)}.5 ", out)
    out = _UNIT_AND_HALF.sub(r"1.5 \1", out)
    out = _POINT.sub(r"\1.\2", out)
    out = _BIG_DOLLARS.sub(lambda m: f"${m.group(1)}k" if len(m.group(1)) >= 3 else m.group(0), out)
    out = _PERCENT.sub(r"\1%", out)
    out = _GLUED_UNIT.sub(r"\1 ", out)  # "8wks", "6weeks"
    out = _WORD.sub(_spell, out)
    return _SPACE.sub(" ", out).strip()


_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_ABBREVIATIONS = {
    "e.g.",
    "i.e.",
    "vs.",
    "etc.",
    "approx.",
    "mr.",
    "ms.",
    "dr.",
    "no.",
    "q.",
    "q.a.",
} | {f"{m}." for m in MONTHS}


def sentences(text: str) -> list[str]:
    """Split a turn into sentences, keeping each one's exact original text."""
    found: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].strip()
        last_word = before.rsplit(None, 1)[-1].lower() if before else ""
        if last_word in _ABBREVIATIONS and "\n" not in match.group(0):
            continue
        if any(ch.isalnum() for ch in before):
            found.append(before)
        start = match.end()
    rest = text[start:].strip()
    if any(ch.isalnum() for ch in rest):
        found.append(rest)
    return found or [text.strip()]


_INFLECTED = re.compile(r"[a-z]{3,}")


def _word(word: str, inflect: bool) -> str:
    """A phrase word; with `inflect`, also its -s, -ed and -ing forms ("protect" -> "protected")."""
    if not inflect or not _INFLECTED.fullmatch(word):
        return re.escape(word)
    stem = word[:-1] if word.endswith("e") else word
    return re.escape(stem) + ("(?:e|es|ed|ing)" if stem != word else "(?:s|es|ed|ing)?")


def phrase_pattern(phrase: str, inflect: bool = False) -> str:
    """Compile an author's phrase to a regex: words in order, '...' allows a short gap."""
    parts = [normalize(p) for p in phrase.split("...")]
    pieces = [
        r"\s+".join(_word(w, inflect) for w in part.split()) for part in parts if part.strip()
    ]
    gap = r"(?:\W+(?!or\b)[\w']+){0,6}?\W+"  # never across an "or"
    return r"(?<![\w'])" + gap.join(pieces) + r"(?![\w'])"
