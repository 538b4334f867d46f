"""The dosing in a patient's words, made from the dosing the clinician signs.

The handout's "How much" is made from the plan item's own dosing, never from the library's
numbers, so it cannot contradict the signed note ("2–3 × 8–12 per side" once printed as
"3 sets of 10"). The clinician sees the result on the plan page and may reword it; a change
of the dosing makes it again. Notation becomes words ("2–3 × 8–12" → "2 to 3 sets of 8 to
12"); what only a clinician reads (effort scales, the source's name) is reworded or left out.
"""

import re

from evaluations.plan.stage_text import ONE_SIDE, PER_SIDE, PHASE_MARK

from .plain_language import CLINICAL_ABBREVIATIONS

NUMBER = r"\d+(?:[.,]\d+)?"
RANGE = rf"{NUMBER}(?:\s*[–-]\s*{NUMBER})?"

# Words for the clinician only: the source's name, "typical", a trial's design.
LEFT_OUT = (
    re.compile(r"\s*\(typical\)"),
    re.compile(r"\s*\(McGill Big 3\)"),
    re.compile(r"\bOSTRC:\s*"),
    re.compile(r"Alfredson-style,\s*"),
    re.compile(r";\s*a trial used [^;.]*"),
)
# Clinical notation in the words a patient knows, in this order (a longer form first).
REWORDED = (
    (re.compile(r"≈\s*"), "about "),
    (re.compile(rf"({NUMBER}) % MVC\b"), r"\1 % of your hardest effort"),
    (re.compile(rf"\bat RPE ({RANGE})"), r"at an effort of \1 out of 10"),
    (re.compile(rf"\bHold ({NUMBER}) mm Hg steady"), r"Keep the pressure gauge steady at \1"),
    (re.compile(rf"\+({RANGE}) % from baseline cadence"), r"\1 % more steps a minute than usual"),
    (re.compile(r"\bSubmaximal\b"), "Not at full effort"),
    (re.compile(r"\b1\s*×\s*/\s*wk\b"), "once a week"),
    (re.compile(r"\b2\s*×\s*/\s*wk\b"), "twice a week"),
    (re.compile(r"\b(\d+)\s*×\s*/\s*wk\b"), r"\1 times a week"),
    (re.compile(r"\b2\s*×\s*/\s*day\b"), "twice a day"),
    (re.compile(r"\b(\d+)\s*×\s*/\s*day\b"), r"\1 times a day"),
    (re.compile(rf"({RANGE})\s*×\s*a (day|week)\b"), r"\1 times a \2"),
    (re.compile(rf"({RANGE})\s*s holds\s*×\s*({RANGE}) positions"), r"\1 s holds in \2 positions"),
    (re.compile(rf"({RANGE})\s*×\s*({RANGE})\s*×\s*({RANGE})\s*s\b"), r"\1 sets of \2 times \3 s"),
    (re.compile(rf"({RANGE})\s*×\s*({RANGE})\s*s holds\b"), r"\1 holds of \2 s"),
    (re.compile(rf"({RANGE})\s*×\s*({RANGE})\s*(s|min)\b"), r"\1 times \2 \3"),
    (re.compile(rf"({RANGE})\s*×\s*\("), r"\1 rounds of ("),
    (re.compile(rf"({RANGE})\s*×\s*({RANGE})"), r"\1 sets of \2"),
    (re.compile(rf"({RANGE})\s*s holds\b"), r"holds of \1 s"),
    (re.compile(r"\bwk\b"), "week"),
    (re.compile(r"\breps\b"), "repetitions"),
    (re.compile(r"\brep\b"), "repetition"),
    (re.compile(r"\be\.g\.\s*"), "for example "),
    (re.compile(r"\s*→\s*"), ", then "),
)
UNIT = re.compile(rf"({RANGE})\s*(s|min)\b")
UNIT_WORDS = {"s": ("second", "seconds"), "min": ("minute", "minutes")}
NUMBER_RANGE = re.compile(rf"({NUMBER})\s*[–-]\s*({NUMBER})")
EACH_SIDE = {"side": " on each side", "leg": " on each leg"}
# A dosing that says how often already: the library's frequency is not added to it.
HOW_OFTEN = re.compile(
    r"\b(day|days|daily|week|weeks|weekly|wk|twice|every|session|sessions|run)\b", re.IGNORECASE
)
ABBREVIATION = re.compile(rf"\b({'|'.join(map(re.escape, CLINICAL_ABBREVIATIONS))})\b")


def patient_dosing(dosing, *, frequency="", side=""):
    """``dosing`` in plain words; the library's ``frequency`` added when it says not how often.

    ``side`` is the plan item's: for one side ("left", "right") "per side" is left out, as
    the handout names the side; for both sides, or none, it reads "on each side".
    """
    text = PHASE_MARK.sub("", (dosing or "").strip())
    if not text:
        return ""
    if frequency and not HOW_OFTEN.search(text):
        text = f"{text.rstrip('.;, ')}, {frequency[:1].lower()}{frequency[1:].rstrip('.')}."
    for pattern in LEFT_OUT:
        text = pattern.sub("", text)
    for pattern, words in REWORDED:
        text = pattern.sub(words, text)
    text = UNIT.sub(_unit, text)
    text = NUMBER_RANGE.sub(r"\1 to \2", text)
    if side in ONE_SIDE:
        text = PER_SIDE.sub("", text)
    else:
        text = PER_SIDE.sub(lambda match: EACH_SIDE[match.group(1)], text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:]


def _unit(match):
    amount, unit = match.group(1), match.group(2)
    singular, plural = UNIT_WORDS[unit]
    return f"{amount} {singular if amount == '1' else plural}"


def clinical_abbreviations(text):
    """The clinical abbreviations in a text meant for the patient, in order, once each."""
    return list(dict.fromkeys(ABBREVIATION.findall(text or "")))
