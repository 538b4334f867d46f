"""R3–R4: a neural picture — sliders before tensioners, never stretch into nerve tension."""

from evaluations.plan.derived import Derived
from evaluations.plan.plan_types import Referral, Urgency
from evaluations.plan.rules.base import Fired, Rule, rule
from evaluations.plan.rules.cross_checks import weak_myotomes
from evaluations.plan.snapshot import FindingsSnapshot
from evaluations.plan.stages import NERVE_IRRITABLE_FROM

R3 = Rule("R3", "Neural pathway", "RCT", ("SLU", "SLR", "SLID", "NDS", "ALSH"))
R4 = Rule("R4", "Neural picture with an objective deficit → RF_NEURO review", "CPG", ("NHSL",))

R3_SLIDER = R3.includes(
    "The nerve is irritated: sliders move it gently without stretching it.",
    "sciatic_nerve_slider",
)
R3_TENSIONER = R3.includes(
    "Once sliders are symptom-free, tensioners build the nerve's load tolerance.",
    "sciatic_nerve_tensioner",
    note="Only after sliders are symptom-free; stop if symptoms spread down the leg.",
)
R3_LUMBAR = R3.includes(
    "Leg symptoms from a nerve often start in the low back: screen it and use the direction "
    "that eases them.",
    "lumbar_screen",
    "directional_preference",
) + R3.includes(
    "Trunk control protects the irritated nerve root.",
    "dead_bug",
    "bird_dog",
    "mcgill_curl_up",
    "side_plank",
)
NO_NERVE_STRETCH = R3.avoid(
    "no_nerve_stretch",
    "No static hamstring stretching into nerve tension: stretching an irritated nerve can make "
    "it worse.",
    tags=("hamstring_stretch",),
)
NO_TENSIONER_IRRITABLE = R3.avoid(
    "no_tensioner_while_irritable",
    "No tensioners while the nerve is irritable (pain 7/10 or more, or not recorded).",
    codes=("sciatic_nerve_tensioner",),
)
NO_TENSIONER_DEFICIT = R4.avoid(
    "no_tensioner_with_deficit",
    "No tensioners with a neurological deficit.",
    codes=("sciatic_nerve_tensioner",),
)
DEFICITS = (
    ("myotome_deficit", "myotomal weakness"),
    ("reflex_deficit", "reduced reflex"),
    ("sensation_deficit", "sensory loss"),
)


@rule(R3)
def r3_neural(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if not derived.neural_picture:
        return None
    # §9: pain ≥ 7/10 or not recorded makes the nerve irritable (a deficit is R4's).
    irritable = (
        snapshot.history.pain_now is None or snapshot.history.pain_now >= NERVE_IRRITABLE_FROM
    )
    avoids = (NO_NERVE_STRETCH, NO_TENSIONER_IRRITABLE) if irritable else (NO_NERVE_STRETCH,)
    return Fired(
        R3,
        includes=R3_SLIDER + R3_TENSIONER + R3_LUMBAR,
        avoids=avoids,
        pathway=R3.pathway(
            "neural", "Neural (sciatic nerve) involvement", derived.differentiation.neural
        ),
    )


@rule(R4)
def r4_neural_deficit(snapshot: FindingsSnapshot, derived: Derived) -> Fired | None:
    if not derived.neural_picture:
        return None
    # A myotome graded ≤ 3/5 is a motor deficit whether or not "myotome deficit" was ticked.
    neural = snapshot.neural
    ticked = tuple(label for name, label in DEFICITS if getattr(neural, name))
    deficits = ticked + weak_myotomes(neural)
    if not deficits:
        return None
    review = Referral(
        "RF_NEURO",
        R4.id,
        Urgency.URGENT,
        False,
        deficits,
        "Review for RF_NEURO: is the deficit progressive, severe or multi-level? If so, refer "
        "urgently and stop the plan.",
        R4.source_keys,
    )
    return Fired(R4, avoids=(NO_TENSIONER_DEFICIT,), referrals=(review,))
