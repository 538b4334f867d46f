"""Checks shared by the questionnaires: one place that says what a valid answer is."""

from collections.abc import Collection, Sequence


def allowed_text(allowed: Collection[int]) -> str:
    """Say which answers are allowed, as a therapist reads it: "0–4" or "0, 4, 7 or 10"."""
    values = sorted(allowed)
    if values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]}–{values[-1]}"
    return ", ".join(str(v) for v in values[:-1]) + f" or {values[-1]}"


def check_answer(label: str, value: object, allowed: Collection[int]) -> int:
    """Return the answer as an int, or raise ValueError naming the item and its range."""
    # bool is an int subclass; True must not pass as a score of 1.
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise ValueError(f"{label} must be {allowed_text(allowed)} (got {value!r})")
    return value


def check_answers(
    instrument: str, item_word: str, answers: Sequence[object], allowed: Sequence[Collection[int]]
) -> list[int]:
    """Validate answers against each item's allowed values; return the given ones.

    None marks an unanswered item; at least one item must be answered.
    """
    given = [
        check_answer(f"{instrument} {item_word} {number}", value, item_allowed)
        for number, (value, item_allowed) in enumerate(zip(answers, allowed, strict=True), 1)
        if value is not None
    ]
    if not given:
        raise ValueError(f"{instrument} needs at least one answered {item_word}")
    return given


def check_count(instrument: str, item_word: str, answers: Sequence[object], count: int) -> None:
    """Raise unless the questionnaire has exactly its number of items (None for a skipped one)."""
    if isinstance(answers, str | bytes) or len(answers) != count:
        got = len(answers) if not isinstance(answers, str | bytes) else "text"
        raise ValueError(f"{instrument} has {count} {item_word}s (got {got})")


def check_range(label: str, value: object, low: float, high: float) -> float:
    """Check a score (a total, percent or mean that may be fractional) lies within its scale."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"{label} must be {low:g}–{high:g} (got {value!r})")
    return value


def reached(change: float, threshold: float) -> bool:
    """Compare a change with a threshold without float noise (44.4 − 34.4 is 10, not 9.99…)."""
    return round(change, 9) >= threshold
