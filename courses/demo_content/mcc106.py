"""Demo content of MCC-106."""

from __future__ import annotations

from courses.demo_content.shapes import (
    EXERCISE_70, Exercise, Key, MEDIA, Module, NW_FAMILY, NW_HOSPITAL, Reading, Video, _patient, _prose,
    _record, _t,
)

MCC_106_M1 = "The CPC exam: blueprint and strategy"

MCC_106 = (
    Module(
        title=MCC_106_M1,
        kind="exam_review",
        release_offset_days=0,
        summary="What the exam covers, how long you have, and how to work a case question with your books.",
        lessons=(
            Video(
                title="One hundred questions in four hours",
                duration_seconds=600,
                video_url=f"{MEDIA}/mcc-106/one-hundred-questions.mp4",
                summary="Pacing, the order to answer in, and what the books may hold.",
                transcript=_prose("""
                    The CPC exam has 100 multiple-choice questions and four hours, about two and a half
                    minutes a question. Many questions are short cases: an operative note or office note and
                    four sets of codes. You may bring the current year's CPT, ICD-10-CM and HCPCS Level II
                    books; check AAPC's rules for what notes you may write in them.

                    Answer in two passes. On the first pass answer what you can in under two minutes and
                    mark the rest. On the second, work the marked cases in full. Never leave a question
                    blank: there is no penalty for a wrong answer.

                    For a case, eliminate before you look up. If two answers differ only in one code, look up
                    only that code. If one answer has a code in the wrong format, or an Excludes1 pair, it
                    is out.
                    """),
            ),
            Reading(
                title="Working a case question with the books open",
                summary="Read the answers first, find what separates them, and look up only that.",
                textbook=("Official CPC Certification Study Guide (AAPC)", "Test-taking strategies", ""),
                body=_t("""
                    ## Start from the answers

                    The four choices tell you where the question is hard. Compare them before you read the
                    note in detail:

                    - If all four share the procedure code, the question is about the diagnoses.
                    - If they differ in a modifier, find what in the note supports or rules out the
                      modifier.
                    - If they differ in the 7th character, find the encounter.

                    ## Then read the note for that one thing

                    | choices differ in | look for |
                    |---|---|
                    | side | right, left, bilateral |
                    | size or length | the measurements in the procedure section |
                    | approach | open, laparoscopic, endoscopic |
                    | diagnosis | the postoperative diagnosis and pathology |
                    | visit level | problems, data, risk; or a total time |

                    ## Verify in the books

                    Confirm the code in the Tabular or the CPT section, and read the notes at the code and
                    above it. A choice that breaks an Excludes1 note, a Code first order or a bundling note
                    is wrong even if each code looks right.

                    ## Keep moving

                    Two minutes, then mark it and go on. Come back with what is left of the four hours.
                    """),
            ),
        ),
    ),
    Module(
        title="Mixed case practice",
        kind="exam_review",
        release_offset_days=7,
        requires=(MCC_106_M1,),
        requirements=EXERCISE_70,
        summary="Whole records coded start to finish, as the exam's case questions ask.",
        lessons=(
            Exercise(
                title="Discharge: heart failure, hypertension and CKD stage 4",
                record_kind="discharge_summary",
                summary="A hospital stay: the combination code first, then the heart failure, the stage and the anemia "
                        "of CKD.",
                instructions="Code the diagnoses for this admission (ICD-10-CM), principal diagnosis first. "
                             "Procedures of the stay are not coded in this exercise.",
                patient=_patient("Leopold Hargreave", "1948-04-30", "male", "NW-101058", "2026-06-12",
                                 "Nadia Bergstrom, MD", NW_HOSPITAL),
                note=_record("""
                    Discharge summary

                    Admitted: June 8, 2026. Discharged: June 12, 2026, to home.

                    Reason for admission: Shortness of breath and leg swelling for one week.

                    History: 78-year-old man with hypertension, chronic kidney disease stage 4 (baseline
                    creatinine 2.6, eGFR 24) and heart failure with preserved ejection fraction. One week of
                    worsening shortness of breath, three-pillow orthopnea, 5 kg weight gain and leg swelling
                    after running out of furosemide while traveling.

                    Hospital course: Chest x-ray showed pulmonary vascular congestion and small effusions.
                    BNP 1,450. Echocardiogram: ejection fraction 60%, diastolic dysfunction, no valve
                    disease. Treated with IV furosemide with 4.5 kg diuresis; breathing at baseline by day 3.
                    Creatinine peaked at 2.8 and returned to 2.6, which is his baseline; no acute kidney
                    injury. Hemoglobin 9.6 to 9.9, stable, from his known anemia of chronic kidney disease;
                    followed daily, no transfusion needed. Blood pressure controlled on amlodipine and
                    hydralazine.

                    Discharge diagnoses:
                    1. Acute on chronic diastolic (HFpEF) heart failure.
                    2. Hypertension.
                    3. Chronic kidney disease, stage 4.
                    4. Anemia in chronic kidney disease, stable.

                    Discharge medications: Furosemide 40 mg twice daily, amlodipine 10 mg daily, hydralazine
                    25 mg three times daily. Follow-up with cardiology and nephrology within 1 week.
                    """),
                key=(
                    Key("principal", "I13.0",
                        "Hypertension with heart failure and chronic kidney disease: ICD-10-CM presumes both "
                        "links (Section I.C.9.a.3), so hypertensive heart and chronic kidney disease with "
                        "heart failure and stage 1-4 CKD, I13.0. The heart failure brought him in, and I50's "
                        "Code first note puts I13 ahead of it."),
                    Key("secondary", "I50.33",
                        "I13.0's Use additional code note asks for the type of heart failure: acute on "
                        "chronic diastolic, I50.33, one combination code."),
                    Key("secondary", "N18.4",
                        "I13.0 also asks for the stage of chronic kidney disease: stage 4, N18.4. The "
                        "creatinine returned to baseline, so no acute kidney injury is coded."),
                    Key("secondary", "D63.1",
                        "The anemia was monitored every day, so it is reported as an additional diagnosis: "
                        "anemia in chronic kidney disease, D63.1. Its Code first note puts the kidney "
                        "disease (N18.4) ahead of it."),
                ),
            ),
            Exercise(
                title="Blood pressure, cholesterol and a flu shot",
                record_kind="office_note",
                summary="A problem visit with a vaccine: modifier 25, administration and product, and the order of the "
                        "diagnoses.",
                instructions="Code the services (CPT, with modifiers) and the diagnoses (ICD-10-CM) for this visit.",
                patient=_patient("Imogen Castellano", "1974-01-19", "female", "NW-101073", "2026-09-22",
                                 "Samuel Okafor, DO", NW_FAMILY),
                note=_record("""
                    CC: Follow-up of blood pressure and cholesterol; wants her flu shot.

                    HPI: 52-year-old established patient with commercial insurance. Hypertension on
                    lisinopril 10 mg, home readings 120s/70s. Hyperlipidemia on atorvastatin 20 mg, no
                    muscle aches. Lipid panel last week: LDL 96 mg/dL, down from 148. Never smoked.

                    Exam: BP 124/78, HR 68, BMI 25. Heart regular, lungs clear, no edema.

                    Assessment and plan:
                    1. Essential hypertension, controlled. Continue lisinopril; refilled.
                    2. Hyperlipidemia, improved. Lipid panel reviewed with her. Continue atorvastatin;
                       refilled.
                    3. Needs influenza vaccine. Screening questions negative; vaccine information
                       statement given.

                    Given by the medical assistant on my order: Influenza vaccine, inactivated, trivalent,
                    split virus, preservative-free, 0.5 mL, intramuscular, right deltoid. Lot FX2609. No
                    reaction after 15 minutes.

                    Return in 6 months.
                    """),
                key=(
                    Key("procedure", "99214",
                        "Two stable chronic illnesses and prescription drug management: moderate decision "
                        "making. Modifier 25: with a vaccine administration code on the same claim, payers "
                        "and NCCI want the separate problem visit marked.", modifiers=("25",)),
                    Key("procedure", "90471",
                        "Giving one vaccine by injection, with a commercial payer (for Medicare it would be "
                        "G0008)."),
                    Key("procedure", "90656",
                        "The product code for the vaccine: the same inactivated three-strain, "
                        "preservative-free 0.5 mL dose given into a muscle as in the Medicare case."),
                    Key("principal", "I10",
                        "The visit was for the chronic conditions, so hypertension is first listed; the "
                        "vaccine was given along the way."),
                    Key("secondary", "E78.5",
                        "Hyperlipidemia, not further specified: E78.5."),
                    Key("secondary", "Z23",
                        "Encounter for immunization, as an additional diagnosis for the vaccine lines."),
                ),
            ),
        ),
    ),
)


# --- OCE-101 Terminology, Anatomy and Disease (Riverside) -----------------------------------
