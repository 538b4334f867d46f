"""The derived findings of the saved data, as the evaluation page and the report show them
(beside the inputs, and in the report's differentiation): domain logic, not a view."""

from dataclasses import dataclass

from evaluations.models import RedFlagScreen
from evaluations.plan.derived import LSI_THRESHOLD, SYMMETRY_MEASURES, derive
from evaluations.plan.rules import SCREEN
from evaluations.services.red_flag_prompts import prompt_views
from evaluations.services.snapshot_builder import build_snapshot, outcome_results

PICTURES = {
    "neural": "Sciatic-nerve irritation picture",
    "tendinopathy": "Proximal hamstring tendinopathy picture",
    "acute_strain": "Acute hamstring strain picture",
    "mixed": "Mixed picture",
    "unclear": "No clear picture yet",
}
# Said instead of the picture while another picture is neither shown nor ruled out (DX).
NOT_YET_DISTINGUISHED = "Not yet distinguished"
# The model field stem of each LSI measure: "hip.hhd_hip_flexors_n" → "hhd_hip_flexors_n".
LSI_STEMS = {path.split(".", 1)[1]: path for path, _ in SYMMETRY_MEASURES}


def symmetry_flag(symmetry):
    """Why an LSI deserves a look: the involved side is weaker, or the other side is.

    The other side being weaker matters too: the article's weak front of the opposite hip.
    """
    if symmetry.lsi_percent < LSI_THRESHOLD:
        return "under 90 %"
    if symmetry.lsi_percent > 100 * 100 / LSI_THRESHOLD:
        return "other side weaker by over 10 %"
    return ""


@dataclass(frozen=True)
class DerivedView:
    derived: object
    outcomes: dict
    # The engine's red-flag screen (R0) on the saved findings: the referrals that block a plan.
    red_flags: tuple = ()
    # Findings that point at a red-flag question to ask again (R0a–R0e), with their answers.
    prompts: tuple = ()

    @property
    def flagged_sections(self):
        """The slugs of the sections whose badge shows a red flag."""
        return {RedFlagScreen.slug} if self.red_flags else set()

    @property
    def lsi_by_stem(self):
        return {
            stem: self.derived.symmetry[path]
            for stem, path in LSI_STEMS.items()
            if path in self.derived.symmetry
        }

    @property
    def symmetry_rows(self):
        return [(s, symmetry_flag(s)) for s in self.derived.symmetry.values()]

    @property
    def picture_label(self):
        differentiation = self.derived.differentiation
        if differentiation.provisional:
            return NOT_YET_DISTINGUISHED
        return PICTURES[differentiation.picture]

    @property
    def lsi_threshold(self):
        return LSI_THRESHOLD


def derived_view(evaluation):
    snapshot = build_snapshot(evaluation)
    derived = derive(snapshot)
    screen = SCREEN(snapshot, derived)
    return DerivedView(
        derived=derived,
        outcomes=outcome_results(evaluation.outcomes),
        red_flags=tuple(r for r in screen.referrals if r.blocking) if screen else (),
        prompts=tuple(prompt_views(evaluation, snapshot)),
    )
