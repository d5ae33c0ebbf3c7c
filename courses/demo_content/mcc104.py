"""Demo content of MCC-104."""

from __future__ import annotations

from courses.demo_content.shapes import (
    EXERCISE_70, EXERCISE_80, Exercise, Key, MEDIA, Module, NW_FAMILY, NW_HOSPITAL, NW_URGENT, Reading, Video,
    _patient, _prose, _record, _t,
)

MCC_104_M1 = "How CPT is organized, and the office visit"
MCC_104_M2 = "Surgery: the skin, the global package and modifier 25"

MCC_104 = (
    Module(
        title=MCC_104_M1,
        kind="cpt",
        release_offset_days=0,
        summary="Sections and categories of CPT, and choosing an office visit level by decision making or time.",
        lessons=(
            Video(
                title="How CPT is organized",
                duration_seconds=600,
                video_url=f"{MEDIA}/mcc-104/how-cpt-is-organized.mp4",
                summary="Sections, the three categories, guidelines, parenthetical notes and add-on codes.",
                transcript=_prose("""
                    CPT describes what a physician or other qualified professional did. Category I codes
                    are five digits and cover services in wide use. They are grouped in sections:
                    evaluation and management, anesthesia, surgery, radiology, pathology and laboratory, and
                    medicine. The surgery section is further divided by body system.

                    Category II codes end in F and track quality measures; they are not paid by themselves.
                    Category III codes end in T and describe new or emerging technology.

                    Each section opens with guidelines, and you must read them: they define terms like new
                    patient and separate procedure. Inside the sections, notes in parentheses under a code
                    point you to related codes or tell you what not to report with it. Add-on codes, marked
                    with a plus sign in the book, are never reported alone; they go with a primary code.

                    Modifiers are two characters added to a code to say that something about the service
                    was different: modifier 25 for a separate office visit on the day of a minor procedure,
                    RT and LT for the side of the body.
                    """),
            ),
            Reading(
                title="Choosing an office visit level",
                summary="Office and outpatient visits are chosen by medical decision making or by total time.",
                textbook=("CPT Professional 2026 (AMA)", "Evaluation and Management Services Guidelines", ""),
                body=_t("""
                    ## Two ways to choose

                    Office and other outpatient visits (**99202-99205** new, **99211-99215** established)
                    are chosen by **medical decision making (MDM)** or by the provider's **total time** on
                    the date of the visit, whichever supports the higher level. History and exam must be
                    medically appropriate but do not set the level.

                    ## Decision making: two of three elements

                    | level | problems addressed | data reviewed and analyzed | risk of the management |
                    |---|---|---|---|
                    | straightforward (99202, 99212) | a single small problem that will pass | little or none | minimal |
                    | low (99203, 99213) | a chronic illness that is stable, or a new illness or injury without complications | limited | low (for example advice on over-the-counter drugs) |
                    | moderate (99204, 99214) | two or more chronic illnesses, all stable, or one that is getting worse | moderate | moderate (for example deciding to start, change or continue a prescription drug) |
                    | high (99205, 99215) | a severe flare-up, or a threat to life or to a body function | extensive | high (for example deciding on hospital admission) |

                    The level is the highest one that **two of the three** columns reach.

                    ## Time thresholds

                    | new | minutes | established | minutes |
                    |---|---|---|---|
                    | 99202 | 15 | 99212 | 10 |
                    | 99203 | 30 | 99213 | 20 |
                    | 99204 | 45 | 99214 | 30 |
                    | 99205 | 60 | 99215 | 40 |

                    Time counts the provider's own work that day, face to face or not. A test the same
                    provider bills separately does not count again as data.
                    """),
            ),
        ),
    ),
    Module(
        title=MCC_104_M2,
        kind="cpt",
        release_offset_days=7,
        requires=(MCC_104_M1,),
        requirements=EXERCISE_70,
        summary="Destruction, biopsy, repair and laparoscopy; what the global package includes, and when modifier 25 "
                "applies.",
        lessons=(
            Reading(
                title="Modifier 25 and the global surgical package",
                summary="What a procedure code already pays for, and when a same-day visit is separate.",
                textbook=("Medicare Claims Processing Manual", "Chapter 12, section 40 (global surgery)", ""),
                body=_t("""
                    ## The global package

                    A surgical code pays for more than the cut: the usual evaluation just before it, the
                    local anesthesia, the procedure and the routine care after it. Minor procedures have a
                    global period of **0** or **10** days, major ones **90** days.

                    ## Modifier 25

                    **Modifier 25** on an office visit code says: on the day of a minor procedure, the
                    provider also performed a **significant, separately identifiable** evaluation and
                    management service, beyond the usual work before that procedure.

                    | visit | modifier 25? |
                    |---|---|
                    | patient comes for a scheduled knee injection; nothing else addressed | no visit code at all |
                    | laceration examined and repaired, nothing else addressed | no visit code at all |
                    | diabetes and hypertension managed, and warts frozen at the same visit | yes: the visit with 25, plus the destruction code |
                    | new injury worked up with x-rays, then splinted | yes, when the workup goes beyond the decision to splint |

                    The diagnosis need not differ, but the documentation must show the separate work. Put
                    the diagnoses the visit addressed on the visit line and the procedure's own diagnosis on
                    the procedure line.

                    ## Not for tests

                    Radiographs, ECGs and labs are not procedures with a global package: a visit on the same
                    day needs no modifier 25 because of them.
                    """),
            ),
            Exercise(
                title="Blood pressure, diabetes, and warts on the hand",
                record_kind="office_note",
                summary="An office visit with a separate minor procedure: modifier 25 and the diagnoses of each.",
                instructions="Code the services (CPT, with modifiers) and the diagnoses (ICD-10-CM) for this visit.",
                patient=_patient("Oskar Brennholt", "1968-11-03", "male", "NW-100902", "2026-04-21",
                                 "Samuel Okafor, DO", NW_FAMILY),
                note=_record("""
                    CC: Follow-up of blood pressure and diabetes; warts on left hand.

                    HPI: 58-year-old established patient. Hypertension on lisinopril 20 mg: home readings
                    average 128/78. Type 2 diabetes on metformin 1000 mg twice daily: A1c 6.9% last week
                    (7.4% in January), no low readings. Also has had three warts on his left index and
                    middle fingers for 6 months, catching on gloves at work; over-the-counter salicylic acid
                    has not helped. He asks to have them frozen.

                    Exam: BP 130/78, HR 72, BMI 27. Heart regular, lungs clear. Feet: sensation intact,
                    pulses 2+. Left hand: three rough papules, 3 to 5 mm, dorsal index and middle fingers,
                    consistent with common warts.

                    Assessment and plan:
                    1. Essential hypertension, controlled. Continue lisinopril; basic metabolic panel
                       reviewed, potassium and creatinine normal. Refilled for 90 days.
                    2. Type 2 diabetes mellitus without complications, improved. Continue metformin 1000 mg
                       twice daily, refilled. A1c in 3 months; eye exam due.
                    3. Common warts (verruca vulgaris), left hand, three. Options discussed; he chose
                       cryotherapy.

                    Procedure: Verbal consent. Liquid nitrogen cryotherapy to three warts, two freeze-thaw
                    cycles each. Tolerated well. Blister care explained; recheck in 3 weeks if still present.
                    """),
                key=(
                    Key("procedure", "99214",
                        "Established patient visit by decision making: two stable chronic illnesses "
                        "(moderate problems) and prescription drug management (moderate risk): two of "
                        "three elements reach moderate. Modifier 25: managing the hypertension and diabetes "
                        "is significant work separate from the wart treatment.",
                        modifiers=("25",)),
                    Key("procedure", "17110",
                        "Freezing warts off is a destruction of benign growths (skin tags have codes of "
                        "their own). One unit covers anything up to 14 of them, so three warts are one unit."),
                    Key("principal", "I10",
                        "The visit was scheduled for the chronic conditions; hypertension is first listed. "
                        "No heart or kidney disease, so essential hypertension, I10."),
                    Key("secondary", "E11.9",
                        "Type 2 diabetes with no complication documented: E11.9."),
                    Key("secondary", "Z79.84",
                        "The Use additional code note at E11 asks for the controlling drug: metformin, an "
                        "oral hypoglycemic, is Z79.84."),
                    Key("secondary", "B07.8",
                        "Verruca vulgaris (common wart) is an inclusion term of B07.8, other viral warts; "
                        "it goes with the destruction code."),
                ),
            ),
            Exercise(
                title="A kitchen knife and the right palm",
                record_kind="office_note",
                summary="A simple repair coded by its length and site group; the visit itself is not billed.",
                instructions="Code the procedure (CPT) and the diagnoses (ICD-10-CM), with external cause "
                             "codes if your facility reports them.",
                patient=_patient("Naomi Feldhaus", "1990-07-12", "female", "NW-100917", "2026-05-09",
                                 "Andre Whitcombe, PA-C", NW_URGENT),
                note=_record("""
                    CC: Cut right hand.

                    HPI: 36-year-old woman cut her right palm with a kitchen knife about 1 hour ago while
                    slicing vegetables in the kitchen of her house. Bleeding stopped with pressure. Full
                    movement of all fingers. Tdap in 2022.

                    Exam: 3.5 cm linear laceration across the right thenar palm, through the skin into
                    superficial fat only. No foreign body. Flexor and extensor tendons intact, sensation
                    and capillary refill normal in all digits.

                    Procedure: Laceration repair. Digital block with 1% lidocaine. Wound irrigated with 250 mL
                    saline and explored: no tendon or vessel injury, no foreign body. Closed in a single
                    layer with five 4-0 nylon interrupted sutures. Dressing applied.

                    Assessment: Laceration of right palm, 3.5 cm, without foreign body, repaired.

                    Plan: Keep dry 24 hours. Suture removal in 10 to 14 days. Return for redness, pus or
                    fever.
                    """),
                key=(
                    Key("procedure", "12002",
                        "A simple repair is a single-layer closure of a superficial wound. Simple repairs of "
                        "the hands, feet, trunk and extremities are chosen by total length: 3.5 cm falls in "
                        "the 2.6 to 7.5 cm code. Irrigation and the digital block are part of the repair, "
                        "and the evaluation was only the usual work before it, so no office visit code."),
                    Key("principal", "S61.411A",
                        "Laceration, hand, right, without foreign body: S61.411, with A for the initial "
                        "encounter of active treatment."),
                    Key("secondary", "W26.0XXA",
                        "External cause: contact with a knife, with placeholder X in positions 5 and 6.",
                        requirement="optional"),
                    Key("secondary", "Y93.G1",
                        "Activity: food preparation. Optional with the other external cause codes.",
                        requirement="optional"),
                    Key("secondary", "Y92.010",
                        "Place: kitchen of a single-family house. Reported once, at the initial encounter.",
                        requirement="optional"),
                ),
            ),
            Exercise(
                title="Gallbladder removed through the laparoscope",
                record_kind="operative_report",
                summary="An operative report: the procedure by approach and what was not done, the diagnosis from "
                        "pathology.",
                instructions="Code the surgeon's procedure (CPT) and the postoperative diagnosis (ICD-10-CM).",
                patient=_patient("Terrence Mbeki", "1975-09-14", "male", "NW-100933", "2026-06-09",
                                 "Helena Varga, MD", NW_HOSPITAL),
                note=_record("""
                    Preoperative diagnosis: Symptomatic cholelithiasis.
                    Postoperative diagnosis: Chronic calculous cholecystitis.
                    Procedure: Laparoscopic cholecystectomy.
                    Surgeon: Helena Varga, MD. Anesthesia: General endotracheal.
                    Estimated blood loss: 15 mL. Complications: None.

                    Indications: 50-year-old man with 8 months of recurrent right upper quadrant pain after
                    meals. Ultrasound: multiple gallstones, gallbladder wall 5 mm, common bile duct 4 mm.
                    Liver tests normal.

                    Description: Supine, general anesthesia, abdomen prepped and draped. Pneumoperitoneum
                    through a 12 mm umbilical port by open technique; three 5 mm ports placed under vision.
                    The gallbladder was thick-walled and contracted with omental adhesions, which were taken
                    down bluntly. The hepatocystic triangle was dissected until the critical view of safety
                    was achieved. The cystic duct and cystic artery were clipped twice proximally and once
                    distally and divided. The gallbladder was removed from the liver bed with electrocautery
                    and placed in a retrieval bag, extracted through the umbilical port. Hemostasis checked.
                    No cholangiogram was performed. Fascia at the umbilicus closed; skin closed with
                    absorbable suture.

                    Findings: Chronically inflamed gallbladder with multiple stones. No stone in the cystic
                    duct; no bile duct dilation.

                    Pathology (received June 11): Chronic cholecystitis with cholelithiasis.
                    """),
                key=(
                    Key("procedure", "47562",
                        "Removal of the gallbladder through the laparoscope. No cholangiogram was done, "
                        "which would move the service to 47563; the open operation is a different code. "
                        "Taking down adhesions is part of the procedure."),
                    Key("principal", "K80.10",
                        "Code the postoperative diagnosis that pathology confirms: gallstones with chronic "
                        "cholecystitis, no obstruction, is one combination code, K80.10; the stones are "
                        "not coded separately."),
                ),
            ),
        ),
    ),
    Module(
        title="HCPCS Level II: supplies, equipment, drugs and Medicare services",
        kind="hcpcs",
        release_offset_days=14,
        requires=(MCC_104_M2,),
        requirements=EXERCISE_80,
        summary="Letter codes for what CPT does not cover, their units, and the Level II modifiers payers ask for.",
        lessons=(
            Video(
                title="Reading a HCPCS Level II code: units and modifiers",
                duration_seconds=480,
                video_url=f"{MEDIA}/mcc-104/hcpcs-units-and-modifiers.mp4",
                summary="The letter ranges, the unit in the descriptor, and the modifiers for side, equipment and "
                        "liability.",
                transcript=_prose("""
                    HCPCS Level II codes are one letter and four digits. CMS maintains them for what CPT does
                    not describe: ambulance services in A0, medical and surgical supplies in A4 to A9,
                    durable medical equipment in E, drugs given by injection in J, orthotics and
                    prosthetics in L, and temporary Medicare codes in G, such as G0008 for giving a flu
                    shot to a Medicare patient.

                    The unit is in the descriptor, so read it to the end. Test strips are per 50 strips,
                    lancets per box of 100, triamcinolone injection per 10 milligrams. A box of 100 strips is
                    two units; a 40 milligram dose of triamcinolone is four.

                    Level II modifiers are letters or a letter and a digit. RT and LT give the side. NU, UE
                    and RR say whether equipment is new, used or rented. KX says the requirements of the
                    payer's policy are met. GA says the patient signed a notice accepting liability before a
                    service Medicare may not pay for.
                    """),
            ),
            Reading(
                title="Units of service: read the descriptor",
                summary="How to turn what was given into the number of units the descriptor counts.",
                body=_t("""
                    ## The unit is in the words

                    A HCPCS Level II descriptor ends with what one unit is. Divide what was given by that
                    amount; when a drug dose falls between two units, Medicare has you round up to the next
                    whole unit.

                    | code | one unit is | given | units |
                    |---|---|---|---|
                    | **A4253** glucose test strips | 50 strips | 300 strips | 6 |
                    | **A4259** lancets | a box of 100 | 300 lancets | 3 |
                    | **J3301** triamcinolone acetonide | 10 mg | 40 mg | 4 |
                    | **J3420** vitamin B-12 | up to 1,000 mcg | 1,000 mcg | 1 |
                    | **E0114** underarm crutches, not wood | a pair | one pair | 1 |

                    ## Drugs

                    For a **J** code, the unit is a dose, not a vial. When part of a single-use vial is
                    discarded, some payers want the wasted amount on its own line with modifier **JW**.

                    ## Equipment

                    Medicare pays durable medical equipment as purchased or rented. Purchased items carry
                    **NU** (new) or **UE** (used); rentals carry **RR**.

                    ## Supplies with a policy

                    For home blood glucose testing supplies, the Medicare equipment contractors ask for
                    **KX** when the patient is treated with insulin and **KS** when not, and allow more
                    strips for insulin-treated patients.
                    """),
            ),
            Exercise(
                title="A flu shot for a Medicare patient",
                record_kind="office_note",
                summary="The vaccine product and its administration, as Medicare wants them billed.",
                instructions="Code the services (CPT and HCPCS Level II) and the diagnosis (ICD-10-CM).",
                patient=_patient("Mildred Sorensen", "1954-02-27", "female", "NW-100948", "2026-09-15",
                                 "Carmen Oyelaran, MD", NW_FAMILY),
                note=_record("""
                    Nurse visit: influenza vaccination.

                    72-year-old woman with Medicare Part B requests her yearly flu vaccine. Screening
                    questions: no fever today, no prior reaction to a flu vaccine, no history of
                    Guillain-Barre syndrome. Vaccine information statement given; questions answered.

                    Given: Influenza vaccine, inactivated, trivalent, split virus, preservative-free,
                    0.5 mL single-dose prefilled syringe, intramuscular, left deltoid. Lot FX2609, exp
                    2027-06. Given by Janelle Brooks, RN, under the supervision of Dr. Oyelaran, who was in
                    the office.

                    Observed 15 minutes; no reaction. Next dose due next flu season.
                    """),
                key=(
                    Key("procedure", "G0008",
                        "Medicare pays for giving a flu vaccine with HCPCS G0008 in place of the CPT "
                        "administration codes, and without an office visit code for a nurse-only visit."),
                    Key("procedure", "90656",
                        "The vaccine itself has its own product code, chosen by what the syringe holds: an "
                        "inactivated three-strain flu vaccine in a preservative-free 0.5 mL dose, given into "
                        "a muscle."),
                    Key("principal", "Z23",
                        "The visit was only for the vaccine: encounter for immunization, Z23."),
                ),
            ),
            Exercise(
                title="Three months of test strips and lancets",
                record_kind="office_note",
                summary="Supplies counted in the descriptor's units, with the policy modifier for insulin users.",
                instructions="Code the supplies (HCPCS Level II, with modifiers and units) and the diagnoses "
                             "(ICD-10-CM) for this order.",
                patient=_patient("Clarence Whitaker", "1958-12-09", "male", "NW-100962", "2026-06-16",
                                 "Ingrid Halvorsen, MD", "Northwind Diabetes Center"),
                note=_record("""
                    Diabetes supplies: 90-day order.

                    68-year-old man with Medicare, type 2 diabetes, on insulin glargine 28 units at bedtime
                    and insulin aspart with meals since 2022. No complications of diabetes documented at his
                    May visit (normal eye exam, normal urine albumin, normal foot exam). Tests his blood
                    glucose three times a day with a home meter; log reviewed.

                    Order (dispensed today by the center's supply department, an enrolled Medicare supplier):
                    - Blood glucose test strips: 300 (6 boxes of 50), test three times a day.
                    - Lancets: 300 (3 boxes of 100).

                    Diagnosis: Type 2 diabetes mellitus without complications, on long-term insulin.
                    """),
                key=(
                    Key("supply", "A4253",
                        "Glucose test strips are counted per 50: 300 strips are 6 units. KX: the patient is "
                        "treated with insulin, which the equipment contractors' glucose monitor policy asks "
                        "to be shown with KX (KS when not insulin-treated).",
                        modifiers=("KX",), units=6),
                    Key("supply", "A4259",
                        "Lancets are counted per box of 100: 300 lancets are 3 units, with KX for an "
                        "insulin-treated patient.",
                        modifiers=("KX",), units=3),
                    Key("principal", "E11.9",
                        "Type 2 diabetes, no complications documented: E11.9 supports the medical need for "
                        "the supplies."),
                    Key("secondary", "Z79.4",
                        "The Use additional code note at E11: long-term insulin, Z79.4, which also supports "
                        "the KX modifier."),
                ),
            ),
            Exercise(
                title="A twisted ankle at the curb",
                record_kind="office_note",
                summary="A visit, an in-office radiograph and crutches: CPT, HCPCS equipment and an optional external "
                        "cause.",
                instructions="Code the services (CPT and HCPCS Level II, with modifiers) and the diagnoses "
                             "(ICD-10-CM), with an external cause code if your facility reports them.",
                patient=_patient("Keisha Tremblay", "2002-05-30", "female", "NW-100977", "2026-05-26",
                                 "Samuel Okafor, DO", NW_FAMILY),
                note=_record("""
                    CC: Right ankle pain since this morning.

                    HPI: 24-year-old established patient stepped off a curb awkwardly while walking to work
                    this morning and rolled her right ankle inward. She caught herself and did not fall.
                    Swelling came on within an hour; she could not take four steps without pain.

                    Exam: Right ankle: swelling and tenderness over the lateral ankle. No tenderness at the
                    posterior edge or tip of either malleolus, the base of the fifth metatarsal or the
                    navicular. Neurovascularly intact. Unable to bear full weight.

                    X-ray: Right ankle, three views, taken in the office and read by me: no fracture, ankle
                    mortise intact, soft-tissue swelling laterally.

                    Assessment: Sprain of the right ankle.

                    Plan: Rest, ice, compression wrap, elevation. Ibuprofen over the counter as directed.
                    Fitted with adjustable aluminum underarm crutches (new, purchased), weight-bearing as
                    tolerated; gait checked. Recheck in 1 week.
                    """),
                key=(
                    Key("procedure", "99213",
                        "Established patient visit by decision making: one acute uncomplicated injury (low "
                        "problem) with over-the-counter drug advice (low risk). The x-ray is billed by this "
                        "provider, so it is not counted again as data. No modifier 25: a radiograph is not a "
                        "procedure with a global package."),
                    Key("procedure", "73610",
                        "Three views make the complete ankle x-ray. The practice took the films with its "
                        "own equipment and the provider read them, so the code is reported whole, without "
                        "26 or TC. RT gives the side.", modifiers=("RT",)),
                    Key("supply", "E0114",
                        "Underarm crutches that are not wood, a pair, with pads, tips and handgrips: one "
                        "unit. NU: purchased new equipment.", modifiers=("NU",)),
                    Key("principal", "S93.401A",
                        "Sprain of ankle, no ligament named: S93.40-, sixth character 1 for the right ankle, "
                        "A for the initial encounter."),
                    Key("secondary", "W18.43XA",
                        "External cause: tripping or stumbling without falling, from stepping from one level "
                        "to another (the curb), with placeholder X in positions 5 and 6. She did not fall, "
                        "so not W10.1 (fall from a curb).", requirement="optional"),
                ),
            ),
        ),
    ),
)


# --- MCC-105 Specialty Coding, Revenue Cycle and Compliance -----------------------------
