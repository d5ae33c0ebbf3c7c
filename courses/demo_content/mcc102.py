"""Demo content of MCC-102."""

from __future__ import annotations

from courses.demo_content.shapes import (
    DX, EXERCISE_70, Exercise, Key, MEDIA, Module, NW_FAMILY, Reading, Video, _patient, _prose, _record, _t,
)

MCC_102 = (
    Module(
        title="How disease works: inflammation, infection and neoplasia",
        kind="foundations",
        release_offset_days=0,
        summary="Acute and chronic, infection and its organism, benign and malignant: the words that choose a code.",
        lessons=(
            Video(
                title="Acute, chronic and acute on chronic",
                duration_seconds=450,
                video_url=f"{MEDIA}/mcc-102/acute-chronic-acute-on-chronic.mp4",
                summary="How the course of a disease is documented and coded.",
                transcript=_prose("""
                    An acute disease starts suddenly and runs a short course: acute bronchitis, acute
                    sinusitis. A chronic disease lasts months or years: chronic obstructive pulmonary
                    disease, chronic kidney disease. Acute on chronic means a chronic disease that has
                    suddenly worsened, as in acute on chronic heart failure.

                    ICD-10-CM often has separate codes for each course, and sometimes one combination code.
                    When the Index lists acute and chronic as separate subentries at the same level, code
                    both and put the acute one first. When there is a combination code, such as acute on
                    chronic diastolic heart failure, use it alone.

                    The word exacerbation also matters: a COPD exacerbation has its own code, J44.1,
                    different from COPD with an acute lower respiratory infection, J44.0.
                    """),
            ),
            Reading(
                title="Infection, inflammation and neoplasm: the words that change a code",
                summary="Organism, behavior of a neoplasm, and symptoms that belong to a diagnosis.",
                body=_t("""
                    ## Infection

                    An infection has a site and an organism. Some codes carry both (**J02.0**,
                    streptococcal pharyngitis). Others name only the site, and ICD-10-CM asks for a second
                    code from **B95-B97** to name the organism when the provider documents it.

                    ## Inflammation is not always infection

                    Osteoarthritis is wear of the joint, not an infection; dermatitis may be allergic or
                    irritant. Read what the provider says caused it.

                    ## Neoplasm behavior

                    | behavior | meaning | code range |
                    |---|---|---|
                    | malignant primary | the cancer where it started | C00-C75, C7A, C81-C96 |
                    | malignant secondary | spread (metastasis) | C77-C79 |
                    | in situ | malignant cells not yet invading | D00-D09 |
                    | benign | not cancer | D10-D36 |
                    | uncertain behavior | the pathologist cannot tell | D37-D44, D48 |
                    | unspecified behavior | no pathology yet | D49 |

                    Uncertain behavior is a pathologist's finding, not a provider's doubt. A growth that has
                    not been examined is unspecified behavior, or a sign such as a lesion.

                    ## Signs and symptoms

                    Fever and sore throat are part of strep pharyngitis; they are not coded once the
                    diagnosis is made. A symptom is coded when no diagnosis explains it.
                    """),
            ),
            Exercise(
                title="A cold, in two words",
                record_kind="office_note",
                summary="The provider uses two terms for one condition: the key accepts either code, not both.",
                instructions=DX,
                patient=_patient("Devin Achterberg", "1997-01-22", "male", "NW-100587", "2026-04-20",
                                 "Carmen Oyelaran, MD", NW_FAMILY),
                note=_record("""
                    CC: Stuffy nose, scratchy throat and cough for 3 days.

                    HPI: 29-year-old man with nasal congestion, clear runny nose, mild scratchy throat and a
                    dry cough for 3 days. His daughter's daycare class has had colds. No fever, no ear
                    pain, no shortness of breath.

                    Exam: T 99.0 F. Nasal mucosa swollen with clear discharge. Pharynx mildly red, no
                    exudate. Tympanic membranes normal. Lungs clear.

                    Assessment: Viral upper respiratory infection (common cold).

                    Plan: Saline rinses, fluids, acetaminophen as needed. Return if fever or symptoms beyond
                    10 days.
                    """),
                key=(
                    Key("principal", "J00",
                        "Cold, common, in the Index leads to J00, acute nasopharyngitis [common cold]. The "
                        "congestion, sore throat and cough are part of the cold and are not coded.",
                        requirement="group", group="A"),
                    Key("principal", "J06.9",
                        "Infection, upper respiratory, acute, leads to J06.9. The provider named one "
                        "condition in two ways, so either code is accepted; report one of them, not both.",
                        requirement="group", group="A"),
                ),
            ),
        ),
    ),
    Module(
        title="Respiratory disease: asthma and COPD",
        kind="foundations",
        release_offset_days=7,
        requires=("How disease works: inflammation, infection and neoplasia",),
        requirements=EXERCISE_70,
        summary="Airway disease, what an exacerbation is, and why tobacco use gets its own code.",
        lessons=(
            Reading(
                title="COPD and asthma for coders",
                summary="Obstruction that does or does not reverse, exacerbations, and tobacco codes.",
                body=_t("""
                    ## Two kinds of obstruction

                    **Asthma** narrows the airways in episodes that reverse with treatment. **COPD**
                    (emphysema, chronic obstructive bronchitis) narrows them for good, usually after years
                    of smoking. A patient can have both; ICD-10-CM then asks you to code also the type of
                    asthma with the COPD code.

                    ## Exacerbation or infection

                    | documentation | code |
                    |---|---|
                    | COPD, stable | **J44.9** |
                    | COPD with acute exacerbation | **J44.1** |
                    | COPD with acute bronchitis or pneumonia | **J44.0**, plus a code for the infection |
                    | mild intermittent asthma, uncomplicated | **J45.20** |

                    An exacerbation is a worsening of the disease itself: more breathlessness, more sputum.
                    When the provider documents an infection as the trigger, J44.0 is the code.

                    ## Tobacco

                    Chapter 10 carries a **Use additional code** note for tobacco exposure and use. Choose
                    by what the provider documents:

                    - smokes now, dependence documented or "smoker": **F17.2-** (cigarettes: **F17.210**)
                    - used to smoke: **Z87.891**, history of nicotine dependence
                    - tobacco use without dependence: **Z72.0**
                    - exposed to others' smoke: **Z77.22**
                    """),
            ),
            Exercise(
                title="Worse breathing in a pack-a-day smoker",
                record_kind="office_note",
                summary="An exacerbation of COPD and the tobacco code the chapter note asks for.",
                instructions=DX,
                patient=_patient("Rosalind Petrakis", "1959-05-02", "female", "NW-100612", "2026-04-27",
                                 "Samuel Okafor, DO", NW_FAMILY),
                note=_record("""
                    CC: More short of breath for 4 days.

                    HPI: 67-year-old woman with COPD on tiotropium, with 4 days of worse breathlessness,
                    more cough and more sputum, now yellow. No fever. She smokes one pack of cigarettes a
                    day, has for 40 years, and says she cannot go a morning without one.

                    Exam: T 98.8 F, RR 22, SpO2 90% on room air. Diffuse expiratory wheezes, prolonged
                    expiration, no crackles.

                    Chest x-ray: hyperinflation, no infiltrate.

                    Assessment:
                    1. COPD with acute exacerbation.
                    2. Nicotine dependence, cigarettes. Counseled to quit; she is not ready.

                    Plan: Prednisone 40 mg daily for 5 days, albuterol nebulizer every 4 hours as needed,
                    doxycycline 100 mg twice daily for 5 days for purulent sputum. Recheck in 1 week.
                    """),
                key=(
                    Key("principal", "J44.1",
                        "COPD with (acute) exacerbation: the disease itself has worsened and the chest film "
                        "shows no pneumonia, so J44.1, not J44.0. The antibiotic treats purulent sputum; no "
                        "infection is diagnosed."),
                    Key("secondary", "F17.210",
                        "The chapter 10 Use additional code note asks for tobacco dependence. She smokes "
                        "cigarettes now and the provider documents dependence, so F17.210 (cigarettes, "
                        "uncomplicated), not Z72.0 or Z87.891."),
                ),
            ),
        ),
    ),
    Module(
        title="Diabetes, hypertension and the kidney",
        kind="foundations",
        release_offset_days=14,
        requires=("Respiratory disease: asthma and COPD",),
        summary="How diabetes and high blood pressure damage the kidney, and how ICD-10-CM links them.",
        lessons=(
            Video(
                title="Why diabetes and hypertension damage the kidney",
                duration_seconds=540,
                video_url=f"{MEDIA}/mcc-102/diabetes-hypertension-kidney.mp4",
                summary="The disease process, and the word 'with' in the Index that presumes a link.",
                transcript=_prose("""
                    The kidney filters blood through about a million tiny units called nephrons. High blood
                    sugar and high blood pressure both injure the small vessels of those filters. Over years
                    the filters scar, protein leaks into the urine, and the glomerular filtration rate falls.
                    That slow loss is chronic kidney disease, staged 1 to 5 by the filtration rate.

                    ICD-10-CM knows these conditions travel together. In the Index, under Diabetes, the word
                    with lists complications the classification presumes diabetes caused, chronic kidney
                    disease among them, unless the provider says another cause. Hypertension and chronic
                    kidney disease are presumed linked too.

                    So a note that lists type 2 diabetes and CKD stage 3a, with no other cause, is coded with
                    the combination code for diabetic chronic kidney disease, E11.22, and N18.31 for the
                    stage. You will code both of these links in the ICD-10-CM course.
                    """),
            ),
            Reading(
                title="Diabetes: types, treatment and control",
                summary="Type 1, type 2 and secondary diabetes; insulin, oral and injectable drugs; hyper- and "
                        "hypoglycemia.",
                body=_t("""
                    ## Types

                    | type | what fails | ICD-10-CM |
                    |---|---|---|
                    | type 1 | the pancreas makes no insulin (autoimmune) | **E10** |
                    | type 2 | the body resists insulin and makes too little | **E11** |
                    | due to a drug or another disease | secondary | **E09**, **E08**, **E13** |
                    | gestational | in pregnancy only | **O24.4-** |

                    When the record does not say the type, ICD-10-CM defaults to type 2. Insulin use alone
                    never makes diabetes type 1: many people with type 2 diabetes need insulin.

                    ## Treatment

                    Type 2 diabetes is treated with diet, oral drugs (metformin), injectable non-insulin
                    drugs (semaglutide) and insulin. ICD-10-CM has a status code for each long-term
                    treatment: **Z79.84** oral, **Z79.85** injectable non-insulin, **Z79.4** insulin.

                    ## Control

                    The A1c shows average blood sugar over about three months; 6.5% or more is diabetic
                    range. "Poorly controlled", "out of control" and "inadequately controlled" are coded as
                    diabetes **with hyperglycemia** (**E11.65**); low blood sugar episodes are coded as
                    **with hypoglycemia** (**E11.649** without coma).
                    """),
            ),
        ),
    ),
)


# --- MCC-103 ICD-10-CM Diagnosis Coding ----------------------------------------------
