"""The handout's words: plain language a 12-year-old could follow, no clinical abbreviations.

The pain rules follow the pain-monitoring model [PMM][POGO]; the tips and the "when to get
help" list come from the seed article; the red flags follow clinical reference §3.
"""

# Clinical abbreviations that must never reach a patient's handout (tests check the PDF).
CLINICAL_ABBREVIATIONS = (
    "PHT",
    "SIJ",
    "LSI",
    "MMT",
    "SLR",
    "NPRS",
    "ODI",
    "HHD",
    "ROM",
    "PT",
    "LEFS",
    "PSFS",
    "VISA-H",
    "ASLR",
    "AKE",
    "FPI",
    "PBU",
    "DVT",
    "CES",
    "RDL",
    "MVC",
    "RPE",
    "LBP",
    "CPG",
    "TOST",
    "ASIS",
    "PSIS",
    "FABER",
    "DOMS",
)

PAIN_RULES = (
    ("0 to 3 out of 10", "Fine. Carry on."),
    ("4 or 5 out of 10", "Acceptable, as long as it settles by the next morning."),
    (
        "Above 5 out of 10, or worse the next morning",
        "Ease off: do fewer, lighter or shorter sets next time, and tell your therapist.",
    ),
)

# Each precaution of the plan engine in plain words, keyed by its code (Rule.avoid), so the
# engine's clinical wording may change without the handout losing its line.
PLAIN_PRECAUTIONS = {
    "no_hamstring_stretch": (
        "For now, do not stretch the back of your thigh hard or hold long stretches there."
    ),
    "no_deep_hip_flexion": (
        "For now, avoid deep bending at the hip, such as deep squats or pulling your knee "
        "to your chest."
    ),
    "no_heavy_loading_yet": (
        "Not yet: heavy bending-and-lifting exercises. Your therapist will tell you when."
    ),
    "no_single_leg_loading_yet": (
        "Not yet: one-leg bending exercises. Your therapist will tell you when."
    ),
    "no_running_early": "For now, no running, sprinting or hills.",
    "no_long_sitting": "Do not sit for long without a break, especially on hard seats.",
    "regress_load": (
        "This week, do not make your exercises harder; push a little less hard in the holds."
    ),
    "defer_hills": "For now, avoid running up hills.",
    "no_nerve_stretch": (
        "Do not stretch the back of your thigh hard: the nerve there is irritated, and "
        "stretching can make it worse."
    ),
    "no_tensioner_while_irritable": (
        "Only do the gentle nerve glides, not the stronger nerve stretches, while the leg is "
        "very sore."
    ),
    "no_tensioner_with_deficit": (
        "Only do the gentle nerve glides, not the stronger nerve stretches."
    ),
    "no_lengthening_before_r6": (
        "For now, do not stretch or lengthen the back of your thigh as far as it will go."
    ),
    "no_speed_before_r7": "No sprinting or fast running until your therapist says you are ready.",
}
# A plan stored before precautions had codes has none to look up.
PRECAUTION_FALLBACK = "Your therapist will explain one more thing to avoid for now."

TIPS = {
    "bending": (
        "When you bend forward, sitting to tie your shoes or standing to put on your trousers, "
        "try flattening your low back or arching it a little. Use whichever way lets you do it "
        "without more pain in the back of your thigh."
    ),
    "sitting": (
        "Get up from sitting every 30 to 45 minutes, even for a minute. A cushion or a folded "
        "towel under your thighs takes pressure off the sit bones."
    ),
    "walking": (
        "When you walk or run, take shorter, quicker, lighter steps, and let your feet land "
        "under your hips."
    ),
    "strength": (
        "Stretching alone rarely fixes back-of-thigh pain. Getting the hips, tummy and legs "
        "stronger does most of the work."
    ),
}

# For a patient in care (clinical reference §9): a flare is a reason to call; the red flags
# below are reasons to go straight away. The article's "pain for more than two weeks" is advice
# for people not yet seen, so it is not here.
WHEN_TO_GET_HELP = (
    "Your pain is clearly worse after two exercise sessions in a row.",
    "Your pain is worse the next morning, and easing off for a day did not settle it.",
    "You are not sure how to do an exercise, or it hurts in a new place.",
)

# A home programme may be empty (nothing indicated yet, or all of it needs the clinic).
NO_HOME_EXERCISES = (
    "There are no exercises to do at home yet. Your therapist will tell you what comes first."
)

# The painful leg, named in the handout's first lines; and each exercise's side, by whether
# it is done one side at a time (Exercise.one_side_at_a_time) and the item's side: a two-leg
# bridge from a one-sided finding names the side it is for, never "one leg" or "per side".
PAINFUL_LEG = {"left": "your left leg", "right": "your right leg", "both": "both legs"}
EXERCISE_SIDE = {
    True: {
        "left": "On your left side",
        "right": "On your right side",
        "both": "On each side, one after the other",
    },
    False: {
        # "Both legs together" misread for a plank or a bike: say what it is for instead.
        "left": "Both sides at once; it helps your left leg",
        "right": "Both sides at once; it helps your right leg",
        "both": "Both sides at once",
    },
}

# Clinical reference §3 red flags in plain words, each with what to do.
RED_FLAGS = (
    (
        "Numbness between your legs or around your bottom, new trouble controlling your bladder "
        "or bowels, or weakness or pain spreading down both legs.",
        "Go to the emergency department now.",
    ),
    (
        "One calf or thigh is swollen, warm, red or painful.",
        "See a doctor today or go to the emergency department.",
    ),
    (
        "A sudden pop or snap at the back of your thigh, a large bruise, or you cannot walk "
        "normally.",
        "Call us or see a doctor today.",
    ),
    (
        "Your foot or leg gets weaker, for example your foot slaps or drags when you walk.",
        "Call us or your doctor the same day.",
    ),
    (
        "Fever with your pain, pain that does not ease at night or at rest, or weight loss "
        "you cannot explain.",
        "See your doctor within a few days.",
    ),
)

BLOCKED = (
    "Your exercise program is on hold until a doctor has checked something we found today. "
    "Please follow the advice below and contact us if you have any questions."
)
REFERRAL_ACTIONS = {
    "emergency": "Go to the emergency department today.",
    "urgent": "See a doctor soon, as we discussed. We will help arrange it.",
}
