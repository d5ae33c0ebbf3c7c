"""Demo content of MCC-101."""

from __future__ import annotations

from courses.demo_content.shapes import (
    DX, EXERCISE_70, Exercise, Key, MEDIA, Module, NW_FAMILY, Reading, Video, _patient, _prose, _record, _t,
)

# --- MCC-101 Medical Terminology and Anatomy -------------------------------------

MCC_101 = (
    Module(
        title="Word parts: roots, prefixes and suffixes",
        kind="foundations",
        release_offset_days=0,
        summary="How medical words are built, and why one suffix can change the code a coder picks.",
        lessons=(
            Video(
                title="How a medical word is built",
                duration_seconds=480,
                video_url=f"{MEDIA}/mcc-101/how-a-medical-word-is-built.mp4",
                summary="Root, combining vowel, prefix and suffix, read from the end of the word back.",
                transcript=_prose("""
                    Most medical words are made of a few parts. The root carries the meaning: gastr is the
                    stomach, nephr and ren the kidney, cardi the heart. A combining vowel, usually o, joins a
                    root to another root or to a suffix: gastr-o-enter-itis, inflammation of the stomach and
                    the small intestine.

                    Read a word from its suffix first, then go back to the beginning. Cholecystectomy ends in
                    ectomy, removal; chole is bile and cyst a sac, so the word is the removal of the
                    gallbladder. A prefix in front changes the sense again: hyperglycemia is too much sugar in
                    the blood, hypoglycemia too little.

                    Coders care because the suffix is often the difference between two codes. Ectomy removes,
                    otomy cuts into, ostomy makes a new opening, plasty repairs and scopy looks inside. A note
                    that says colostomy does not describe the same operation as a colectomy, and the two are
                    coded in different places.
                    """),
            ),
            Reading(
                title="Prefixes, roots and suffixes a coder meets every day",
                summary="A table of the word parts that turn up in almost every note.",
                textbook=("Medical Terminology for Health Professions", "Chapter 1: Word parts", ""),
                body=_t("""
                    ## Read the suffix first

                    A medical word is a root (the body part or substance), often a prefix (where, how much,
                    when) and a suffix (what happens to it). Start with the suffix, then read from the front.

                    | part | meaning | example |
                    |---|---|---|
                    | hyper- | above, too much | hypertension |
                    | hypo- | below, too little | hypoglycemia |
                    | brady- / tachy- | slow / fast | bradycardia, tachycardia |
                    | peri- | around | pericarditis |
                    | arthr/o | joint | arthrocentesis |
                    | oste/o | bone | osteoarthritis |
                    | nephr/o, ren/o | kidney | nephropathy, renal failure |
                    | cholecyst/o | gallbladder | cholecystitis |
                    | -itis | inflammation | bronchitis |
                    | -ectomy | removal | cholecystectomy |
                    | -otomy | cutting into | tracheotomy |
                    | -ostomy | a new opening | colostomy |
                    | -centesis | puncture to draw fluid | arthrocentesis |
                    | -emia | condition of the blood | hyperglycemia |

                    ## Why it matters for codes

                    - **-itis** means an inflammation the provider has diagnosed, not a symptom: cellulitis
                      is coded in **L03**, not as redness or swelling.
                    - **-ectomy** and **-otomy** are different operations with different CPT codes.
                    - **hyper-** and **hypo-** lead to different subcategories: **E11.65** is type 2
                      diabetes with hyperglycemia, **E11.649** with hypoglycemia without coma.

                    When a term is new to you, break it into parts before you open the Index.
                    """),
            ),
        ),
    ),
    Module(
        title="Directions, planes and laterality",
        kind="foundations",
        release_offset_days=7,
        requires=("Word parts: roots, prefixes and suffixes",),
        requirements=EXERCISE_70,
        summary="Anatomic position, directional terms and sides of the body, as ICD-10-CM encodes them.",
        lessons=(
            Reading(
                title="Anatomic position, directional terms and laterality",
                summary="Proximal and distal, medial and lateral, and the side of the body in the code.",
                body=_t("""
                    ## Anatomic position

                    Every directional term assumes the patient standing, facing you, arms at the sides,
                    palms forward. **Right** and **left** are always the patient's own.

                    | term | meaning |
                    |---|---|
                    | proximal / distal | nearer to / farther from the trunk (the distal radius is at the wrist) |
                    | medial / lateral | toward / away from the midline |
                    | anterior / posterior | front / back |
                    | superior / inferior | above / below |
                    | superficial / deep | near the surface / farther in |

                    ## Laterality in ICD-10-CM

                    Many codes carry the side in one character. For cellulitis of the lower limb
                    (**L03.11-**) the sixth character is **5** for the right and **6** for the left; for a
                    displaced midcervical fracture of the femoral neck (**S72.03-**) it is **1** right,
                    **2** left, **3** side unspecified, and **4** to **6** the same for nondisplaced.
                    Some categories also have a **bilateral** code (**M17.0**, bilateral
                    primary osteoarthritis of the knee), which you use instead of reporting right and left
                    separately.

                    ## What the coder does

                    - Take the side from the provider's documentation, never from a guess.
                    - If the side is not documented, the unspecified code is correct, but a query to the
                      provider is better when the record allows it.
                    - Check the Tabular: laterality is not always in the same character position.
                    """),
            ),
            Video(
                title="The femur for coders: from head to condyles",
                duration_seconds=420,
                video_url=f"{MEDIA}/mcc-101/the-femur-for-coders.mp4",
                summary="The parts of the femur that name the fracture codes in S72.",
                transcript=_prose("""
                    The femur is the thigh bone. At its top, the rounded head sits in the hip socket. Below
                    the head is the neck, then the greater and lesser trochanters, the shaft, and at the
                    bottom the two condyles that form the knee.

                    Fractures of the femoral neck are named by where the break crosses the neck. Subcapital
                    is just below the head, midcervical or transcervical is through the middle of the neck,
                    and basicervical is at its base. ICD-10-CM codes them in different subcategories of
                    S72.0: subcapital in S72.01, midcervical in S72.03, basicervical in S72.04. So the
                    radiology wording matters.

                    Two more words decide the code: displaced, when the bone ends have moved out of line,
                    and nondisplaced. ICD-10-CM tells you to code a fracture as displaced when the record
                    does not say, and as closed when it does not say open.
                    """),
            ),
            Exercise(
                title="Redness and swelling of the shin",
                record_kind="office_note",
                summary="A short office note: find the diagnosis term, its body part and its side.",
                instructions=DX,
                patient=_patient("Loretta Banfield", "1972-03-14", "female", "NW-100421", "2026-04-13",
                                 "Carmen Oyelaran, MD", NW_FAMILY),
                note=_record("""
                    CC: Red, painful left shin for 3 days.

                    HPI: 54-year-old woman with 3 days of spreading redness, warmth and tenderness of the
                    left lower leg. No injury she can recall, no insect bite. No fever or chills.

                    Exam: T 99.1 F, HR 82. Left anterior lower leg: 8 x 6 cm area of erythema, warmth and
                    tenderness; no fluctuance, no drainage, no lymphangitic streaking. Skin intact. Pedal
                    pulses 2+ bilaterally.

                    Assessment: Cellulitis of the left lower leg.

                    Plan: Cephalexin 500 mg four times daily for 7 days. Border of erythema marked with pen.
                    Recheck in 48 hours, sooner if the redness spreads or fever develops.
                    """),
                key=(
                    Key("principal", "L03.116",
                        "Cellulitis: -itis is an inflammation the provider has diagnosed. The Index leads from "
                        "Cellulitis, leg, to L03.11-; the sixth character 6 is the left lower limb. No "
                        "organism is named, so no B95-B97 code is added."),
                ),
            ),
        ),
    ),
    Module(
        title="Body systems: heart, lungs, kidneys and glands",
        kind="foundations",
        release_offset_days=14,
        requires=("Directions, planes and laterality",),
        summary="The combining forms and abbreviations of the systems behind the most common outpatient codes.",
        lessons=(
            Reading(
                title="Terms and abbreviations of the heart, lungs, kidneys and glands",
                summary="Combining forms and the abbreviations you will see in every assessment and plan.",
                body=_t("""
                    ## Combining forms

                    | system | forms | example |
                    |---|---|---|
                    | heart and vessels | cardi/o, angi/o, arteri/o | cardiomyopathy, angina |
                    | lungs and airway | pneum/o, pulmon/o, bronch/o | pneumonia, bronchitis |
                    | kidney | nephr/o, ren/o | nephropathy, renal |
                    | glands | aden/o, thyr/o, pancreat/o | adenoma, thyroiditis |

                    ## Abbreviations in the assessment

                    | abbreviation | meaning |
                    |---|---|
                    | HTN | hypertension |
                    | CAD | coronary artery disease |
                    | HF, CHF | heart failure, congestive heart failure |
                    | CKD | chronic kidney disease (with a stage, 1 to 5, or ESRD) |
                    | COPD | chronic obstructive pulmonary disease |
                    | DM, T2DM | diabetes mellitus, type 2 diabetes mellitus |
                    | SOB | shortness of breath |
                    | eGFR | estimated glomerular filtration rate |

                    ## Numbers behind a stage

                    Chronic kidney disease is staged by the eGFR: stage 3a is 45-59, 3b is 30-44, stage 4 is
                    15-29 and stage 5 below 15; end-stage renal disease means the patient needs dialysis or
                    a transplant. Code the stage the provider documents, never one you work out from a lab
                    value yourself: **N18.32** is stage 3b only when the provider writes it.

                    ## A caution

                    Abbreviations are ambiguous: **MS** can be multiple sclerosis or mitral stenosis. Code
                    from what the record means in context, and when the context does not settle it, query
                    the provider. Many facilities keep an approved abbreviation list; use it.
                    """),
            ),
            Video(
                title="Reading an assessment and plan",
                duration_seconds=360,
                video_url=f"{MEDIA}/mcc-101/reading-an-assessment-and-plan.mp4",
                summary="Where the codable diagnoses are in a note, and what to leave out.",
                transcript=_prose("""
                    A clinic note usually runs in the same order: chief complaint, history of present
                    illness, review of systems, exam, then assessment and plan. The assessment is where the
                    provider names the diagnoses, and it is where a coder starts.

                    Read every numbered problem in the assessment, then go back to the history and exam to
                    confirm the details the code needs: the side, the stage, the type. A symptom the
                    provider has explained with a diagnosis is part of that diagnosis and is not coded on
                    its own.

                    Finally, read the plan. A medicine the patient takes long term, like insulin, may need
                    its own code, and a condition the plan addresses is one the visit treated.
                    """),
            ),
        ),
    ),
)


# --- MCC-102 Pathophysiology for Coders --------------------------------------------
