"""What the clinical report prints, loaded before rendering (see document_header)."""

from django.utils import timezone

from evaluations.models import History, RedFlagScreen, section_attr
from evaluations.models.fields import Answer
from evaluations.plan.plan_types import DISCLAIMER, GATE_STATUS_LABELS, PART_TITLES, Part
from evaluations.scoring import lefs as lefs_scale
from evaluations.scoring import nprs as nprs_scale
from evaluations.scoring import odi as odi_scale
from evaluations.scoring import psfs as psfs_scale
from evaluations.services.derived_summary import derived_view
from evaluations.services.plan_parts import home_count, home_limit

from .document_header import DATE, document_header, load_evaluation, person
from .finding_rows import REGIONS, region_rows
from .sources import reference_list

WEEKS_PER_YEAR = 52
# History answers printed as symptom lists, in the order the form asks them.
SYMPTOM_FIELDS = (
    "dull_ache",
    "sharp_pain_bending_forward",
    "pain_sitting",
    "pain_walking_uphill",
    "persistent_tightness",
    "pulling_when_running",
    "sit_bone_pain",
    "pain_putting_on_shoes",
    "warms_up_then_worse",
)
RELATED_PAIN_FIELDS = ("low_back_pain", "sij_pain", "upper_back_shoulder_pain", "foot_calf_pain")
OUTCOME_NAMES = {
    "lefs": "Lower Extremity Functional Scale (LEFS)",
    "odi": "Oswestry Disability Index (ODI)",
    "psfs": "Patient-Specific Functional Scale (PSFS)",
    "visa_h": "VISA-H",
}


def report_context(evaluation):
    evaluation = load_evaluation(evaluation)
    derived = derived_view(evaluation)
    items = [item for item in evaluation.plan_items.all() if not item.removed]
    plan = evaluation.plan_data if evaluation.plan_generated_at else {}
    context = document_header(evaluation, "Evaluation report")
    zone = evaluation.patient.clinic.zone
    context |= {
        "signature": _signature(evaluation, zone),
        "history": history_prose(evaluation.history),
        "red_flags": red_flag_screen(evaluation.red_flags),
        "asked_again": _asked_again(derived.prompts, zone),
        "regions": _regions(evaluation, derived),
        "derived": _derived(derived),
        "outcomes": _outcomes(evaluation, derived),
        "plan_generated": bool(plan),
        "referrals": _referrals(evaluation, plan),
        "pathways": plan.get("pathways", []),
        "blocked": plan.get("blocked", False),
        "block_reasons": plan.get("block_reasons", []),
        "stages": plan.get("stages", []),
        "parts": _parts(items, plan.get("provisional_rules", ())),
        "home": _home(evaluation, items),
        "overrides": _overrides(evaluation, items),
        "precautions": plan.get("precautions", []),
        "gates": _gates(plan.get("gates", [])),
        "outcome_changes": plan.get("outcome_changes", []),
        "addenda": [
            {
                "author": person(addendum.author),
                "at": timezone.localtime(addendum.created_at, zone).strftime(f"{DATE} %H:%M %Z"),
                "text": addendum.text,
            }
            for addendum in evaluation.addenda.all()
        ],
        "disclaimer": DISCLAIMER,
    }
    context["references"] = reference_list(_cited_keys(context, items, plan))
    return context


def _asked_again(prompts, zone):
    """Red-flag questions the findings pointed at (R0a–R0e), and how each was answered again."""
    return [
        {
            "flag": prompt.flag,
            "findings": list(prompt.findings),
            "questions": [
                {
                    "label": str(question.label),
                    "answer": str(question.current).lower(),
                    "by": person(question.confirmation.confirmed_by)
                    if question.confirmation
                    else "",
                    "at": timezone.localtime(question.confirmation.confirmed_at, zone).strftime(
                        f"{DATE} %H:%M"
                    )
                    if question.confirmation
                    else "",
                }
                for question in prompt.questions
            ],
        }
        for prompt in prompts
    ]


def _signature(evaluation, zone):
    if not evaluation.is_signed:
        return {"signed": False}
    return {
        "signed": True,
        "by": person(evaluation.signed_by),
        "at": timezone.localtime(evaluation.signed_at, zone).strftime(f"{DATE} %H:%M %Z"),
        "hash": evaluation.content_hash[:16],
    }


def _answered(row, names, answer=Answer.YES):
    return [
        str(History._meta.get_field(name).verbose_name)
        for name in names
        if getattr(row, name) == answer
    ]


def _weeks(weeks):
    if weeks >= WEEKS_PER_YEAR:
        years = weeks / WEEKS_PER_YEAR
        return f"{weeks} weeks (about {years:.0f} year{'s' if round(years) != 1 else ''})"
    return f"{weeks} week{'s' if weeks != 1 else ''}"


def history_prose(history):
    """The history section as short sentences; what was not asked is left out."""
    sentences = []
    onset = []
    if history.onset:
        onset.append(f"{history.get_onset_display()} onset")
    if history.weeks_since_onset is not None:
        onset.append(f"{_weeks(history.weeks_since_onset)} ago")
    if history.mechanism:
        onset.append(f"mechanism: {history.get_mechanism_display().lower()}")
    if onset:
        sentences.append(", ".join(onset).capitalize() + ".")
    reported = _answered(history, SYMPTOM_FIELDS)
    if reported:
        sentences.append(f"Reports {', '.join(reported)}.")
    denied = _answered(history, SYMPTOM_FIELDS, Answer.NO)
    if denied:
        sentences.append(f"Denies {', '.join(denied)}.")
    related = _answered(history, RELATED_PAIN_FIELDS)
    if related:
        sentences.append(f"Related pain: {', '.join(related)}.")
    if history.previous_hamstring_strains is not None:
        sentences.append(f"Previous hamstring strains: {history.previous_hamstring_strains}.")
    injury = _old_injury(history)
    if injury:
        sentences.append(injury)
    daily = []
    if history.occupation:
        daily.append(f"Occupation: {history.occupation}")
    if history.sitting_hours_per_day is not None:
        daily.append(f"sits {float(history.sitting_hours_per_day):g} h a day")
    if daily:
        sentences.append("; ".join(daily) + ".")
    if history.activity_goals:
        sentences.append(f"Goals: {history.activity_goals}.")
    pain = _pain(history)
    if pain:
        sentences.append(pain)
    if history.aggravating_factors:
        sentences.append(f"Worse with: {history.aggravating_factors}.")
    if history.easing_factors:
        sentences.append(f"Better with: {history.easing_factors}.")
    return sentences


def _old_injury(history):
    parts = [
        part
        for part in (
            history.get_old_injury_kind_display() if history.old_injury_kind else "",
            history.get_old_injury_region_display().lower() if history.old_injury_region else "",
            str(history.old_injury_year) if history.old_injury_year else "",
        )
        if part
    ]
    if not parts and not history.old_injury_description:
        return ""
    text = "Old injury or surgery: " + ", ".join(parts)
    if history.old_injury_description:
        text += f"{' — ' if parts else ''}{history.old_injury_description}"
    if history.old_injury_scar == Answer.YES:
        text += ", with a scar"
    return text + "."


def _pain(history):
    if history.pain_now is None and history.pain_best is None and history.pain_worst is None:
        return ""
    parts = []
    if history.pain_now is not None:
        parts.append(f"pain now {history.pain_now}/10")
    span = [
        f"{label} {value}/10"
        for label, value in (("best", history.pain_best), ("worst", history.pain_worst))
        if value is not None
    ]
    if span:
        parts.append(f"({', '.join(span)} over 24 h)")
    return "NPRS: " + " ".join(parts) + "."


def red_flag_screen(screen):
    """Which questions were answered yes, and whether every one was checked and negative."""
    questions = [f for f in RedFlagScreen.finding_fields() if f.name != "notes"]
    answers = [getattr(screen, f.name) for f in questions]
    positives = [
        str(f.verbose_name) for f, answer in zip(questions, answers, strict=True) if answer == "yes"
    ]
    unanswered = sum(answer == "" for answer in answers)
    return {
        "asked": len(questions) - unanswered,
        "total": len(questions),
        "positives": positives,
        "all_negative": not positives and unanswered == 0,
        "not_screened": unanswered == len(questions),
        "notes": screen.notes,
    }


def _regions(evaluation, derived):
    regions, untested = [], []
    lsi = derived.lsi_by_stem
    for section in REGIONS:
        rows = region_rows(getattr(evaluation, section_attr(section)), lsi)
        if rows:
            regions.append(
                {
                    "title": section.title,
                    "rows": rows,
                    "sided": [row for row in rows if "result" not in row],
                    "unsided": [row for row in rows if "result" in row],
                }
            )
        else:
            untested.append(section.title)
    return {"tested": regions, "untested": untested}


def _derived(derived):
    d = derived.derived
    sij, hicks, mcgill = d.sij, d.hicks, d.mcgill
    lines = []
    if sij.tested:
        verdict = {True: "met", False: "not met", None: "undecided"}[sij.met]
        lines.append(
            f"Laslett SIJ cluster: {sij.positives} of {sij.tested} tested positive with the "
            f"familiar pain (needs {sij.needed}) — {verdict} [LAS]"
        )
    if hicks.count or hicks.unknown < 4:
        verdict = {True: "met", False: "not met", None: "undecided"}[hicks.met]
        lines.append(
            f"Hicks stabilisation rule: {hicks.count} of 4 items, {hicks.unknown} unknown — "
            f"{verdict} [HCPR]"
        )
    lines.extend(f"McGill: {finding} [MCG]" for finding in mcgill.findings)
    if d.irritable:
        lines.append("Irritable: pain now above 5/10 [PMM]")
    differentiation = d.differentiation
    return {
        "picture": derived.picture_label,
        "signs": [
            (label, list(signs))
            for label, signs in (
                ("Nerve signs", differentiation.neural),
                ("Tendon signs", differentiation.tendinopathy),
                ("Acute strain signs", differentiation.acute_strain),
            )
            if signs
        ],
        "caveats": list(differentiation.caveats),
        "untested": [untested.text for untested in differentiation.untested],
        "provisional": differentiation.provisional,
        "lines": lines,
        "symmetry": [
            {
                "label": s.label,
                "lsi": s.percent_text,
                "side": str(s.involved_side),
                "flag": flag,
            }
            for s, flag in derived.symmetry_rows
        ],
    }


def _outcomes(evaluation, derived):
    rows = []
    history = evaluation.history
    if history.pain_now is not None:
        rows.append(
            {
                "name": "Numeric Pain Rating Scale (NPRS)",
                "score": f"{history.pain_now}/10 now",
                "band": f"No bands; an important change is ≈ {nprs_scale.IMPORTANT_DROP_POINTS} "
                f"points or {nprs_scale.IMPORTANT_DROP_FRACTION * 100:.0f} % [NPRS]",
            }
        )
    results = derived.outcomes
    if "odi" in results:
        odi = results["odi"]
        rows.append(
            {
                "name": OUTCOME_NAMES["odi"],
                "score": f"{odi.percent:.0f} %"
                + ("" if odi.complete else f" ({odi.answered} of 10 sections)"),
                "band": f"{odi.interpretation.capitalize()} ({odi_scale.band_ranges()}) [ODI]",
            }
        )
    if "lefs" in results:
        lefs = results["lefs"]
        score = (
            f"{lefs.total}/80 ({lefs.percent:.0f} % function)"
            if lefs.complete
            else f"{lefs.total} from {lefs.answered} of 20 items (incomplete)"
        )
        rows.append(
            {
                "name": OUTCOME_NAMES["lefs"],
                "score": score,
                "band": f"Higher is better; healthy median {lefs_scale.HEALTHY_MEDIAN}; "
                f"important change {lefs_scale.IMPORTANT_IMPROVEMENT} points [LEFS]",
            }
        )
    if "psfs" in results:
        psfs = results["psfs"]
        rows.append(
            {
                "name": OUTCOME_NAMES["psfs"],
                "score": f"{psfs.mean:.1f}/10 mean of {psfs.answered}",
                "band": "0 unable … 10 as before the injury; "
                f"important change {psfs_scale.IMPORTANT_IMPROVEMENT} points [PSFS]",
            }
        )
    if "visa_h" in results:
        visa = results["visa_h"]
        rows.append(
            {
                "name": OUTCOME_NAMES["visa_h"],
                "score": f"{visa.total}/100"
                + ("" if visa.complete else f" ({visa.answered} of 8 questions)"),
                "band": "Higher is better; no established bands or MCID [VISA]",
            }
        )
    return rows


def _referrals(evaluation, plan):
    acknowledgements = {a.code: a for a in evaluation.referral_acknowledgements.all()}
    referrals = []
    for referral in plan.get("referrals", []):
        acknowledgement = acknowledgements.get(referral["code"])
        referrals.append(
            {
                **referral,
                "acknowledged": (
                    {
                        "by": person(acknowledgement.acknowledged_by),
                        "action": acknowledgement.action_taken,
                    }
                    if acknowledgement
                    else None
                ),
            }
        )
    return referrals


def _parts(items, provisional_rules=()):
    """The prescription by part (home, education, clinic, later), in the clinician's order,
    each item with its side, stage, reasons, evidence and sources; an item only a
    provisional picture asks for is marked so (DX)."""
    ordered = sorted(items, key=lambda item: (item.position, item.pk))
    return [
        {
            "part": part.value,
            "title": title,
            "items": [
                _report_item(item, provisional_rules) for item in ordered if item.part == part
            ],
        }
        for part, title in PART_TITLES.items()
    ]


def _report_item(item, provisional_rules=()):
    return {
        "name": item.name,
        "kind": item.get_kind_display(),
        "origin": item.origin,
        "side": item.get_side_display() if item.side else "",
        "stage": item.stage,
        "dosing": item.dosing,
        "reasons": [
            {"rule_id": reason.get("rule_id", ""), "text": reason.get("text", "")}
            for reason in item.reasons
        ],
        "evidence_level": item.evidence_level,
        "source_keys": list(item.source_keys),
        "next_step": item.next_step,
        "note": item.clinician_note,
        "later": item.part == Part.LATER,
        "conflicts": list(item.conflicts),
        "moved_from": item.get_suggested_part_display() if item.moved_by_clinician else "",
        "provisional": bool(item.rule_ids) and set(item.rule_ids) <= set(provisional_rules),
    }


def _home(evaluation, items):
    count, limit = home_count(items), home_limit(evaluation)
    over = count > limit
    return {
        "count": count,
        "limit": limit,
        "over": over,
        "reason": evaluation.home_programme_reason if over else "",
    }


NO_REASON_GIVEN = "none given"


def _overrides(evaluation, items):
    """The clinician's decisions against the plan's defaults, each with its reason, so a
    reader sees them together: over the limit, against a precaution, moved."""
    overrides = []
    home = _home(evaluation, items)
    if home["over"]:
        overrides.append(
            {
                "what": f"Home programme of {home['count']}, over this clinic's limit of "
                f"{home['limit']}.",
                "reason": home["reason"] or NO_REASON_GIVEN,
            }
        )
    for item in sorted(items, key=lambda item: (item.position, item.pk)):
        if item.conflicts and item.part != Part.LATER:
            overrides.append(
                {
                    "what": f"{item.name} kept against a precaution: {' '.join(item.conflicts)}",
                    "reason": item.clinician_note or NO_REASON_GIVEN,
                }
            )
        if item.moved_by_clinician:
            overrides.append(
                {
                    "what": f"{item.name} moved from {item.get_suggested_part_display()} "
                    f"to {item.get_part_display()}.",
                    "reason": "",
                }
            )
    return overrides


def _gates(gates):
    labels = GATE_STATUS_LABELS
    return [
        {
            **gate,
            "status_label": labels.get(gate["status"], gate["status"]),
            "criteria": [
                {**c, "status_label": labels.get(c["status"], c["status"])}
                for c in gate["criteria"]
            ],
        }
        for gate in gates
    ]


def _cited_keys(context, items, plan):
    keys = []
    for item in items:
        keys.extend(item.source_keys)
    for group in ("precautions", "referrals"):
        for entry in plan.get(group, []):
            keys.extend(entry.get("source_keys", []))
    for region in context["regions"]["tested"]:
        for row in region["rows"]:
            if row["normal"]:
                keys.append(row["normal"].rsplit("[", 1)[1].rstrip("]"))
    return keys
