"""Small helpers for plan tests: a vignette is a findings snapshot written as its JSON form."""

import copy
from dataclasses import fields

from evaluations.plan.engine import build_plan
from evaluations.plan.library import Library, load_seed_library
from evaluations.plan.plan_types import Part
from evaluations.plan.schema import snapshot_from_dict
from evaluations.plan.snapshot import RedFlagScreenFindings

LIBRARY = Library(load_seed_library())
SCREEN_CLEAR = {f.name: False for f in fields(RedFlagScreenFindings)}


def merge(base: dict, extra: dict) -> dict:
    result = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def vignette(*findings: dict, **sections) -> dict:
    """A snapshot dict with the red-flag screen answered 'no' throughout, plus the findings."""
    data = {"age": 35, "symptomatic_side": "left", "red_flags": SCREEN_CLEAR}
    for extra in (*findings, sections):
        data = merge(data, extra)
    return data


def plan_for(data: dict, library=LIBRARY, **options):
    return build_plan(snapshot_from_dict(data), library, **options)


def fired_rules(plan) -> set[str]:
    """Every rule id the plan shows anywhere: items, removed items, precautions, gates …"""
    ids = {rule_id for item in plan.items for rule_id in item.rule_ids}
    ids |= {rule_id for removed in plan.removed for rule_id in removed.wanted_by}
    ids |= {precaution.rule_id for precaution in plan.precautions}
    ids |= {gate.rule_id for gate in plan.gates}
    ids |= {pathway.rule_id for pathway in plan.pathways}
    ids |= {referral.rule_id for referral in plan.referrals}
    if plan.outcome_changes:
        ids.add("R24")
    return ids


def codes(plan) -> list[str]:
    return [item.code for item in plan.items]


def current_codes(plan) -> list[str]:
    """The items prescribed now: home, education and clinic, not the later levels."""
    return [item.code for item in plan.items if item.part != Part.LATER]


def later_codes(plan) -> list[str]:
    return [item.code for item in plan.items if item.part == Part.LATER]


def removed_codes(plan) -> list[str]:
    return [removed.code for removed in plan.removed]


SIJ_TESTS = ("sij_distraction", "sij_thigh_thrust", "sij_compression", "sij_sacral_thrust")


def sij(positives: int, gaenslen: str | None = "negative") -> dict:
    """The first `positives` Laslett tests reproduce the familiar pain; Gaenslen as given."""
    pelvis = {
        name: "positive_familiar" if index < positives else "negative"
        for index, name in enumerate(SIJ_TESTS)
    }
    if gaenslen:
        pelvis["sij_gaenslen"] = gaenslen
    return {"pelvis": pelvis}
