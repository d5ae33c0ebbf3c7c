"""Demo content of MCC-105."""

from __future__ import annotations

from courses.demo_content.shapes import (
    EXERCISE_70, Exercise, Key, MEDIA, Module, NW_FAMILY, Reading, Video, _patient, _prose, _record, _t,
)

MCC_105_EM = "E/M across settings"

MCC_105 = (
    Module(
        title="Cardiology: coronary disease, ECGs and hypertension",
        kind="specialty",
        specialty="cardiology",
        release_offset_days=0,
        summary="Angina with coronary disease as one code, hypertension beside it, and the office ECG.",
        lessons=(
            Video(
                title="Coding the cardiology follow-up",
                duration_seconds=540,
                video_url=f"{MEDIA}/mcc-105/cardiology-follow-up.mp4",
                summary="Combination codes for coronary disease with angina, and what goes with them.",
                transcript=_prose("""
                    Coronary artery disease is atherosclerosis of the heart's own arteries, coded in I25.1.
                    When the patient also has angina, ICD-10-CM gives one combination code for both: I25.11-
                    for a native coronary artery with angina, with a sixth character for the kind of angina.
                    Stable angina is one of the other forms, so I25.118. Category I20, angina by itself, has
                    an Excludes1 note that sends angina with coronary disease to the combination code.

                    Hypertension with coronary disease is not one of the combinations ICD-10-CM presumes.
                    The block has a code also note for the hypertension, so report I10 beside the I25 code.
                    Add the long-term drug codes the record supports, such as Z79.82 for aspirin, and the
                    tobacco code the I25 note asks for.

                    For the services, an ECG done and read in the office is coded by what was done: the
                    tracing with the interpretation and report. It needs no modifier with the visit.
                    """),
            ),
            Exercise(
                title="Stable angina on a Tuesday",
                record_kind="office_note",
                summary="A combination code for coronary disease with angina, hypertension beside it, and an office "
                        "ECG.",
                instructions="Code the services (CPT) and the diagnoses (ICD-10-CM) for this visit.",
                patient=_patient("Ambrose Delacroix", "1960-03-08", "male", "NW-101004", "2026-06-23",
                                 "Miriam Castellanos, MD", "Northwind Heart and Vascular"),
                note=_record("""
                    CC: Six-month cardiology follow-up.

                    HPI: 66-year-old established patient with coronary artery disease and stable exertional
                    angina, managed medically since a stress test in 2024. Chest tightness when walking
                    uphill, about once a week, relieved by rest or one nitroglycerin within 5 minutes;
                    pattern unchanged for a year. Hypertension and hyperlipidemia. Takes aspirin 81 mg,
                    metoprolol succinate 50 mg, lisinopril 10 mg, atorvastatin 40 mg daily. Never smoked.

                    Exam: BP 128/76, HR 60. Heart regular, no murmur. Lungs clear. No edema.

                    ECG today (12-lead, read by me): sinus rhythm at 60, no ST changes, unchanged from 2025.

                    LDL 62 mg/dL last month.

                    Assessment and plan:
                    1. Coronary artery disease of native vessels with stable angina: stable. Continue
                       metoprolol and aspirin; nitroglycerin refilled.
                    2. Hypertension: at goal; continue lisinopril.
                    3. Hyperlipidemia: at goal; continue atorvastatin.

                    Return in 6 months.
                    """),
                key=(
                    Key("procedure", "99214",
                        "Established patient visit by decision making: three stable chronic illnesses "
                        "(moderate problems) and prescription drug management (moderate risk)."),
                    Key("procedure", "93000",
                        "The ECG was recorded in the office and the cardiologist read it and wrote the "
                        "report, so the code for the whole service (tracing and reading) applies. It needs "
                        "no modifier next to the visit."),
                    Key("principal", "I25.118",
                        "Coronary artery disease of a native vessel with stable angina is one combination "
                        "code: stable angina is among the other forms of angina, I25.118. I20's Excludes1 "
                        "note bars a separate angina code."),
                    Key("secondary", "I10",
                        "Hypertension with coronary disease is not a presumed combination; the I20-I25 "
                        "block's Code also note asks for the hypertension: I10."),
                    Key("secondary", "E78.5",
                        "Hyperlipidemia, not further specified, managed at this visit: E78.5."),
                    Key("secondary", "Z79.82",
                        "Long-term aspirin: Z79.82."),
                ),
            ),
        ),
    ),
    Module(
        title="Orthopedics: joint injections and fracture care",
        kind="specialty",
        specialty="orthopedics",
        release_offset_days=7,
        summary="Injections by joint size and guidance, drugs by units, and when fracture care applies.",
        lessons=(
            Reading(
                title="Joint injections, splints and fracture care",
                summary="The codes for an injection, the drug and its units, and splinting without fracture care.",
                body=_t("""
                    ## Joint injection

                    Arthrocentesis, aspiration and injection codes are chosen by **joint size** (small,
                    intermediate, major) and by whether **ultrasound guidance** was used and recorded.
                    The knee, hip and shoulder are major joints: **20610** without ultrasound, **20611**
                    with it. Add **RT** or **LT**.

                    The drug is coded separately with its **J** code and **units**: triamcinolone acetonide
                    40 mg is **J3301** x 4 (the unit is 10 mg). The local anesthetic mixed in is a supply
                    included in the injection.

                    ## A visit on the same day

                    A patient scheduled for an injection decided on at an earlier visit gets no office
                    visit code. A visit where a new problem is worked up and the injection decided on may be
                    billed with modifier **25** when it is significant and separate.

                    ## Fracture care or a splint

                    | situation | codes |
                    |---|---|
                    | provider treats the fracture and will follow it | fracture care code (includes the first cast or splint and routine follow-up) |
                    | provider only splints and sends the patient on | splint application code (**29125** short arm, static) |
                    | a prefabricated off-the-shelf wrist splint is dispensed | the item's HCPCS code (**L3908**), which includes fitting; not 29125 |

                    ## Diagnoses

                    Osteoarthritis is coded by site, side and type: **M17.11** is primary osteoarthritis of
                    the right knee. Injuries carry their 7th character for the encounter.
                    """),
            ),
            Exercise(
                title="Steroid injection, right knee",
                record_kind="office_note",
                summary="A major-joint injection with its side, and the drug counted in 10 mg units.",
                instructions="Code the services and drug (CPT and HCPCS Level II, with modifiers and units) "
                             "and the diagnosis (ICD-10-CM).",
                patient=_patient("Constance Yilmaz", "1963-10-17", "female", "NW-101019", "2026-07-07",
                                 "Desmond Achebe, MD", "Northwind Orthopedics"),
                note=_record("""
                    Procedure visit: right knee injection, scheduled at the visit of June 16.

                    63-year-old woman with primary osteoarthritis of the right knee, confirmed on x-rays in
                    2025 (medial joint space narrowing, osteophytes). Pain with stairs despite physical
                    therapy and naproxen. No change since the last visit; no other complaints addressed.

                    Procedure: Risks and benefits reviewed; written consent. Right knee prepped with
                    chlorhexidine. Superolateral approach by landmarks, no imaging guidance. Injected
                    triamcinolone acetonide 40 mg (1 mL of 40 mg/mL) mixed with 4 mL of 1% lidocaine into
                    the joint. No blood or fluid aspirated. Bandage applied. Tolerated well.

                    Assessment: Unilateral primary osteoarthritis, right knee.

                    Plan: Ice tonight; no strenuous activity for 48 hours. Return in 3 months as needed.
                    """),
                key=(
                    Key("procedure", "20610",
                        "The knee is a large joint and the needle was placed by landmarks, with no "
                        "ultrasound, so 20610 and not 20611. RT for the right knee. No office visit code: the "
                        "injection was decided at the June visit and nothing else was addressed.",
                        modifiers=("RT",)),
                    Key("supply", "J3301",
                        "Triamcinolone acetonide is counted per 10 mg: 40 mg is 4 units. The lidocaine is "
                        "part of the injection and is not coded.", units=4),
                    Key("principal", "M17.11",
                        "Unilateral primary osteoarthritis of the right knee: M17.11."),
                ),
            ),
        ),
    ),
    Module(
        title=MCC_105_EM,
        kind="specialty",
        specialty="E/M",
        release_offset_days=14,
        summary="New or established, office, emergency department or hospital: which family of visit codes applies.",
        lessons=(
            Reading(
                title="Which visit codes: the setting and the patient",
                summary="New or established, and the code families of the office, the ED and the hospital.",
                textbook=("CPT Professional 2026 (AMA)", "Evaluation and Management Services Guidelines", ""),
                body=_t("""
                    ## New or established

                    A patient is **established** if they received any professional service in the last
                    **three years** from the same provider or another of the **same specialty and
                    subspecialty in the same group**. Otherwise they are **new**. A covering provider counts as the
                    provider they cover for.

                    ## The setting picks the family

                    | setting | codes | new or established? |
                    |---|---|---|
                    | office or outpatient | **99202-99205**, **99211-99215** | yes |
                    | emergency department | **99281-99285** | no distinction |
                    | hospital inpatient or observation, first day | **99221-99223** | no distinction within the family |
                    | hospital, later days | **99231-99233** | - |
                    | hospital discharge day | **99238**, **99239** (by time) | - |

                    Office, hospital and nursing facility visits are leveled by **decision making or total
                    time**; emergency department visits by **decision making** only.

                    ## Who documents it

                    The level is chosen from what the provider documents: problems addressed, data reviewed
                    and the risk of the management, or the total time. When the note supports neither the
                    level billed nor any level, query the provider rather than guess.
                    """),
            ),
            Video(
                title="Decision making or time?",
                duration_seconds=420,
                video_url=f"{MEDIA}/mcc-105/decision-making-or-time.mp4",
                summary="Two ways to level an office visit, and how to tell which one the note supports.",
                transcript=_prose("""
                    For office visits you may choose the level by medical decision making or by the
                    provider's total time on the date of the encounter. Use whichever the documentation
                    supports at the higher level.

                    Time is simple when the note says it: a statement such as 35 minutes spent on the date
                    of the visit, including reviewing records and documenting, supports an established
                    patient visit at the 30 minute threshold. Time spent by clinical staff does not count,
                    and neither does time on a separately billed service.

                    Decision making needs two of three elements: the problems addressed, the data reviewed
                    and analyzed, and the risk of the management chosen. A patient with two stable chronic
                    conditions whose prescriptions are managed reaches moderate on problems and on risk,
                    whatever the data.
                    """),
            ),
        ),
    ),
    Module(
        title="Revenue cycle and compliance",
        kind="revenue_cycle",
        release_offset_days=21,
        requires=(MCC_105_EM,),
        requirements=EXERCISE_70,
        summary="The claim from charge to payment, denials and appeals, and the notices and rules that keep it honest.",
        lessons=(
            Reading(
                title="From charge to payment",
                summary="Charge capture, the claim, edits, remittance, denials and appeals.",
                body=_t("""
                    ## The path of a claim

                    1. **Registration and eligibility**: the payer, the plan, what needs prior authorization.
                    2. **Charge capture and coding**: codes from the documentation, nothing from the schedule.
                    3. **Claim**: the CMS-1500 (837P) for professional services, the UB-04 (837I) for
                       facilities. Each service line links to the diagnoses that support it.
                    4. **Edits**: the clearinghouse and payer check format, NCCI procedure-to-procedure
                       pairs and medically unlikely edits (units).
                    5. **Adjudication and remittance**: the payer's remittance advice explains each line
                       with claim adjustment reason codes.
                    6. **Denials and appeals**: correct and resubmit a claim with an error; appeal a
                       decision you disagree with, with the documentation.

                    ## Compliance

                    | rule | what it means for a coder |
                    |---|---|
                    | HIPAA | use only the minimum necessary health information |
                    | False Claims Act | knowingly billing what was not done, or up-coding, is fraud |
                    | Anti-Kickback Statute | no payment for referrals |
                    | Advance Beneficiary Notice | before a Medicare service likely to be denied as not medically necessary, the patient may sign to accept the cost |

                    ## The query

                    When the documentation is unclear or conflicting, ask the provider in a query that does
                    not lead to an answer. Never code from what you think they meant.
                    """),
            ),
            Video(
                title="The ABN and the GA modifier",
                duration_seconds=390,
                video_url=f"{MEDIA}/mcc-105/abn-and-ga-modifier.mp4",
                summary="When a Medicare patient signs a notice, and how the claim says so.",
                transcript=_prose("""
                    Medicare pays only for services that are reasonable and necessary for the patient's
                    condition. When a provider expects Medicare to deny a service for that reason, the
                    patient must be told before it is given, on the Advance Beneficiary Notice of
                    Noncoverage, the ABN. The notice names the service, the reason Medicare may not pay and
                    the estimated cost, and the patient chooses whether to have it.

                    If the patient signs and has the service, the claim still goes to Medicare, with
                    modifier GA on the line: a notice is on file. If Medicare denies it, the patient may be
                    billed. Without a valid notice, the provider cannot bill the patient for a denied
                    service.

                    Two related modifiers: GZ when a denial is expected but no notice was signed, and GY for
                    a service Medicare never covers by law, for which no notice is required.
                    """),
            ),
            Exercise(
                title="A vitamin B-12 shot for tiredness",
                record_kind="office_note",
                summary="A service Medicare is expected to deny, an ABN on file, and the modifier that says so.",
                instructions="Code the services and drug (CPT and HCPCS Level II, with modifiers) and the "
                             "diagnosis (ICD-10-CM).",
                patient=_patient("Evelyn Radcliffe", "1956-08-21", "female", "NW-101036", "2026-06-30",
                                 "Carmen Oyelaran, MD", NW_FAMILY),
                note=_record("""
                    Nurse visit: vitamin B-12 injection.

                    70-year-old woman with Medicare, tired for several months, asks for a vitamin B-12 shot
                    "for energy", as she had years ago. Dr. Oyelaran saw her on June 9 for the fatigue:
                    B-12 level 520 pg/mL (normal), blood count normal; no pernicious anemia, no B-12
                    deficiency, no malabsorption. Dr. Oyelaran explained that B-12 is not needed and that
                    Medicare is not expected to pay for it for tiredness alone. The patient still wants it.

                    Advance Beneficiary Notice of Noncoverage given for the injection and drug; she chose
                    option 1 and signed today. Copy to patient, original filed.

                    Given: Cyanocobalamin 1,000 mcg intramuscular, right deltoid, by Janelle Brooks, RN,
                    on Dr. Oyelaran's order. Tolerated well.

                    Diagnosis: Fatigue.
                    """),
                key=(
                    Key("procedure", "96372",
                        "The nurse's shot into the muscle, given on the physician's order, is coded as an "
                        "injection service. GA: a signed ABN is on file for a service Medicare is expected to deny as "
                        "not reasonable and necessary. No 99211 with it: the nurse did nothing beyond the "
                        "injection.", modifiers=("GA",)),
                    Key("supply", "J3420",
                        "Vitamin B-12 (cyanocobalamin), one unit up to 1,000 mcg, with GA like the injection "
                        "it goes with.", modifiers=("GA",)),
                    Key("principal", "R53.83",
                        "The reason for the service is fatigue, not further explained: R53.83. The B-12 "
                        "level is normal, so no deficiency or anemia code; choosing one to get paid would "
                        "be a false claim."),
                ),
            ),
        ),
    ),
)


# --- MCC-106 CPC Exam Review (Capstone) ---------------------------------------------------
