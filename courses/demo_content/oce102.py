"""Demo content of OCE-102."""

from __future__ import annotations

from courses.demo_content.shapes import (
    DX, EXERCISE_70, Exercise, GUIDELINES, Key, MEDIA, Module, RS_CLINIC, Reading, Video, _patient, _prose,
    _record, _t,
)

OCE_102_M1 = "ICD-10-CM for the office visit"

OCE_102 = (
    Module(
        title=OCE_102_M1,
        kind="icd10cm",
        release_offset_days=0,
        summary="The first-listed diagnosis, uncertain diagnoses and chronic conditions in outpatient coding.",
        lessons=(
            Video(
                title="The first-listed diagnosis",
                duration_seconds=450,
                video_url=f"{MEDIA}/oce-102/the-first-listed-diagnosis.mp4",
                summary="Section IV of the guidelines: what goes first on an outpatient claim.",
                transcript=_prose("""
                    In outpatient care there is no principal diagnosis; there is a first-listed diagnosis.
                    It is the condition chiefly responsible for the visit, as the provider documents it.

                    List next the other conditions that coexist and that the provider addressed or that
                    affected the care. A chronic condition the patient is treated for, like diabetes on
                    metformin, is coded whenever it is managed. A condition that no longer exists is not.

                    Outpatient coding never codes an uncertain diagnosis: probable, suspected, rule out.
                    Code the symptoms, signs or findings that are certain instead. Inpatient coding is
                    different, and you will meet that rule in the inpatient course.
                    """),
            ),
            Reading(
                title="Outpatient rules: uncertain diagnoses, symptoms and chronic conditions",
                summary="The rules of Section IV that differ from inpatient coding.",
                textbook=(GUIDELINES, "Section IV", ""),
                body=_t("""
                    ## The first-listed diagnosis

                    List first the diagnosis, condition, problem or other reason chiefly responsible for the
                    service. For a visit only for a vaccine, that is **Z23**; for a visit for diabetes, the
                    diabetes code.

                    ## Uncertain diagnoses

                    | documentation | code |
                    |---|---|
                    | "probable pneumonia", cough and fever | **R05.1** acute cough, **R50.9** fever |
                    | "sore throat, rule out strep", test pending | the sore throat: **J02.9** (the Index sends *Sore throat* there) |
                    | "strep pharyngitis", test positive | **J02.0** |

                    ## Chronic conditions

                    Code a chronic disease each time it is treated or affects the care. Add the long-term
                    drug codes the category's notes ask for: type 2 diabetes on metformin is **E11.9** and
                    **Z79.84**.

                    ## Tests

                    For a visit only for tests, list the reason for the test first. When the results are in
                    and the provider has interpreted them, code the confirmed diagnosis; when they are not,
                    code the reason the test was ordered. A normal result with no diagnosis leaves the
                    symptom as the code.
                    """),
            ),
            Exercise(
                title="Diabetes check on metformin",
                record_kind="office_note",
                summary="A controlled chronic condition and the long-term drug code its category asks for.",
                instructions=DX,
                patient=_patient("Sunita Marlowe", "1977-06-08", "female", "RS-200231", "2026-04-29",
                                 "Owen Castellanos, MD", RS_CLINIC),
                note=_record("""
                    CC: Diabetes follow-up.

                    HPI: 49-year-old woman with type 2 diabetes diagnosed in 2024, on metformin 500 mg twice
                    daily. Walking 30 minutes most days. No low readings at home. No numbness, no vision
                    change.

                    Labs: A1c 6.8%. Urine albumin-to-creatinine ratio normal.

                    Exam: BP 122/76, BMI 28. Monofilament intact both feet, pulses 2+. Dilated eye exam in
                    March normal.

                    Assessment: Type 2 diabetes mellitus without complications, well controlled on
                    metformin.

                    Plan: Continue metformin, refilled. A1c in 6 months.
                    """),
                key=(
                    Key("principal", "E11.9",
                        "Type 2 diabetes; eyes, kidneys and feet examined and normal, no complication "
                        "documented: E11.9. How well it is controlled does not change the code unless "
                        "hyperglycemia or hypoglycemia is documented."),
                    Key("secondary", "Z79.84",
                        "E11's Use additional code note asks for the controlling drug: metformin, an oral "
                        "hypoglycemic, Z79.84."),
                ),
            ),
        ),
    ),
    Module(
        title="CPT and HCPCS for office procedures",
        kind="cpt",
        release_offset_days=7,
        requires=(OCE_102_M1,),
        requirements=EXERCISE_70,
        summary="Skin biopsy, shave and excision told apart, and the office visit on the same day.",
        lessons=(
            Reading(
                title="Biopsy, shave or excision?",
                summary="Skin procedures are coded by technique and purpose, not by instrument.",
                body=_t("""
                    ## Three different services

                    | service | what the provider does | codes |
                    |---|---|---|
                    | biopsy | takes a sample for pathology; the lesion may remain | **11102-11107** (tangential, punch, incisional; first lesion and each additional) |
                    | shave removal | removes a raised lesion by a horizontal slice, no full-thickness closure | **11300-11313** (by site and size) |
                    | excision | removes the lesion full thickness with margins | **11400-11646** (benign or malignant, by site and excised diameter) |

                    A tangential biopsy is taken with a blade held flat, a scoop or a razor: it is the
                    technique, not the tool, that decides. Read the procedure note for what was intended and
                    what was done.

                    ## Add-on codes

                    The biopsy codes come in pairs: one for the first lesion by a technique, an add-on for
                    each additional lesion by the same technique.

                    ## Diagnoses

                    Code the lesion from the pathology report when it is back before the claim goes out:
                    inflamed seborrheic keratosis is **L82.0**, not a neoplasm code. Before the pathology,
                    code what is documented, such as a skin lesion.

                    ## The same-day visit

                    When the provider also manages another problem, the visit code takes modifier **25**.
                    """),
            ),
            Exercise(
                title="Blood pressure check and an itchy spot on the back",
                record_kind="office_note",
                summary="A visit for a chronic condition with a tangential biopsy, coded once the pathology is back.",
                instructions="Code the services (CPT, with modifiers) and the diagnoses (ICD-10-CM); the "
                             "pathology report is included.",
                patient=_patient("Franklin Odegaard", "1959-09-25", "male", "RS-200258", "2026-05-13",
                                 "Owen Castellanos, MD", RS_CLINIC),
                note=_record("""
                    CC: Blood pressure follow-up; spot on upper back.

                    HPI: 67-year-old established patient with hypertension on lisinopril 20 mg; home
                    readings 120s-130s/70s, no side effects. Also a spot on his upper back that itches and
                    catches on his backpack strap, for 2 months; it bled once.

                    Exam: BP 128/74, HR 66. Heart regular, lungs clear. Upper back, left of midline: 1.0 cm
                    raised, waxy, crusted brown papule with surrounding redness.

                    Assessment and plan:
                    1. Essential hypertension, controlled. Continue lisinopril; refilled for 90 days.
                    2. Irritated lesion of the upper back: likely seborrheic keratosis, but it has bled.
                       Biopsy advised; he agreed.

                    Procedure: Consent. Local anesthesia with 1% lidocaine with epinephrine. Tangential
                    (shave) biopsy of the lesion with a flexible blade, taking a sample for pathology.
                    Hemostasis with aluminum chloride. Dressing applied. Specimen to pathology.

                    Pathology (May 15): Inflamed (irritated) seborrheic keratosis. No atypia.
                    """),
                key=(
                    Key("procedure", "99213",
                        "Established patient visit: one stable chronic illness (low problems) with "
                        "prescription drug management (moderate risk): two elements reach low. Modifier 25: "
                        "the hypertension management is separate from the biopsy.", modifiers=("25",)),
                    Key("procedure", "11102",
                        "A sample of one skin growth taken with a blade held flat and sent to pathology: "
                        "the biopsy is coded by that technique. Shaving off the whole lesion as the "
                        "treatment would be a 113xx code."),
                    Key("principal", "I10",
                        "The scheduled reason for the visit: essential hypertension, I10."),
                    Key("secondary", "L82.0",
                        "The pathology is back before the claim, so code the confirmed diagnosis, inflamed "
                        "seborrheic keratosis, L82.0, not an uncertain-behavior neoplasm code."),
                ),
            ),
        ),
    ),
)


# --- OCE-103 Coding Practice and CCA Exam Review (Riverside) --------------------------------
