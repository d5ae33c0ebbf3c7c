"""Demo content of MCC-103."""

from __future__ import annotations

from courses.demo_content.shapes import (
    DX, EXERCISE_80, Exercise, GUIDELINES, Key, MEDIA, Module, NW_ED, NW_FAMILY, Reading, Video, _patient,
    _prose, _record, _t,
)

MCC_103_M1 = "Conventions: the Index, the Tabular List and code structure"
MCC_103_M2 = "Endocrine and circulatory: diabetes, hypertension and CKD"
MCC_103_M3 = "Injuries, poisoning and adverse effects"

MCC_103 = (
    Module(
        title=MCC_103_M1,
        kind="icd10cm",
        release_offset_days=0,
        summary="How a code is built, how to move from the Index to the Tabular, and what the notes forbid.",
        lessons=(
            Video(
                title="Reading an ICD-10-CM code: category, etiology, 7th character",
                duration_seconds=83,
                media="icd10cm-code-structure",
                summary="Category, the characters after the dot, the 7th character and placeholder X.",
                transcript=_prose("""
                    This lesson shows how to read an ICD-10-CM code. An ICD-10-CM code has three to seven
                    characters. We will read one from left to right.

                    The first three characters are the category. E11 is the category for type 2 diabetes
                    mellitus. When a code is longer than three characters, a dot follows the third one. The
                    characters after the dot add detail, such as etiology, anatomic site, and severity.
                    E11.65 is type 2 diabetes mellitus with hyperglycemia.

                    Some categories need a seventh character. For injuries, it tells the encounter. S72.001A
                    is a fracture of an unspecified part of the neck of the right femur. The final A means
                    initial encounter for closed fracture.

                    Some codes need a seventh character but have fewer than six characters. The placeholder
                    X fills each empty position. Then the seventh character lands in position seven.
                    T36.0X1A is poisoning by penicillins, accidental, initial encounter.

                    Always verify the code in the Tabular List before you assign it.
                    """),
            ),
            Reading(
                title="From the Alphabetic Index to the Tabular List",
                summary="Look the main term up in the Index, then confirm and complete the code in the Tabular.",
                textbook=(GUIDELINES, "Section I.A and I.B.1-I.B.3", ""),
                body=_t("""
                    ## Two books in one

                    The **Alphabetic Index** lists terms: conditions (Index to Diseases and Injuries),
                    external causes, the Table of Neoplasms and the Table of Drugs and Chemicals. The
                    **Tabular List** lists codes, chapter by chapter, with the notes that govern them.

                    ## The steps

                    1. Find the **main term** in the Index: the condition, not the body part. Look up
                       *Fracture*, then the subterm *femur, neck*; not *femur*.
                    2. Follow subterms and cross-references (*see*, *see also*).
                    3. Go to that code in the **Tabular** and read up the page: the notes at the
                       category, block and chapter apply to every code below them.
                    4. Complete the code: a dash in the Index (**S72.03-**) means more characters are
                       needed, and a 7th character may be required.
                    5. Assign the code only if it is **billable**, a code with nothing below it.

                    ## Never code from the Index alone

                    The Index gives a starting point. It does not show Excludes1 notes, Use additional code
                    notes or 7th-character tables. A header such as **N18.3** (CKD stage 3) is not
                    billable; the Tabular sends you to **N18.30**, **N18.31** or **N18.32**.

                    ## Punctuation you will meet

                    | mark | meaning |
                    |---|---|
                    | [ ] | synonyms, alternative words |
                    | ( ) | nonessential modifiers: words that may be present or not |
                    | : | the term is incomplete without one of the words that follow |
                    | NEC / NOS | not elsewhere classifiable / not otherwise specified |
                    """),
            ),
            Reading(
                title="Excludes1 and Excludes2",
                summary="Excludes1 means never together; Excludes2 means not included here, both may be coded.",
                textbook=(GUIDELINES, "Section I.A.12", ""),
                body=_t("""
                    ## Excludes1: never together

                    An Excludes1 note means the excluded condition can never be coded with the code above
                    the note. The two describe conditions that cannot exist together, or one is already a
                    form of the other.

                    - **E11** type 2 diabetes has Excludes1 **E10** type 1: a patient has one type.
                    - **Z87.891** history of nicotine dependence has Excludes1 current nicotine dependence
                      (**F17.2-**): someone who smokes now has no *history* of it.
                    - **J20** acute bronchitis has Excludes1 bronchitis NOS (**J40**).

                    There is one exception: when the two conditions are unrelated to each other, both may
                    be coded. If it is not clear whether they are related, query the provider.

                    ## Excludes2: not included here

                    An Excludes2 note means the excluded condition is not part of this code, but the
                    patient may have both, and then both are coded. **Z79.4** (insulin) has Excludes2
                    **Z79.84** (oral drugs): a patient on both gets both codes.

                    ## Where the notes sit

                    Notes at a category, block or chapter apply to every code below. Read up the page
                    before you assign a code.
                    """),
            ),
            Exercise(
                title="Cough after a cold, in a former smoker",
                record_kind="office_note",
                summary="Excludes1 in practice: history of dependence or current dependence, never both.",
                instructions=DX,
                patient=_patient("Gerald Nakashima", "1968-08-30", "male", "NW-100733", "2026-04-14",
                                 "Samuel Okafor, DO", NW_FAMILY),
                note=_record("""
                    CC: Cough for 6 days.

                    HPI: 58-year-old man with a productive cough for 6 days that began after a head cold.
                    Clear to white sputum. No fever, no shortness of breath, no chest pain.

                    Social history: Former smoker. Smoked one pack of cigarettes a day for 20 years and
                    quit in 2019. No tobacco since.

                    Exam: T 98.6 F, SpO2 97% on room air. Scattered rhonchi that clear with coughing, no
                    wheezes, no crackles.

                    Assessment:
                    1. Acute bronchitis, probably viral.
                    2. History of nicotine dependence, quit 2019.

                    Plan: Fluids, honey, dextromethorphan as needed. No antibiotic. Return if fever,
                    shortness of breath, or cough beyond 3 weeks.
                    """),
                key=(
                    Key("principal", "J20.9",
                        "Bronchitis, acute, leads to J20.-. The organism is only probable, and uncertain "
                        "diagnoses are not coded in outpatient records (Section IV.H), so J20.9, "
                        "unspecified. J20 has Excludes1 bronchitis NOS (J40): the provider said acute."),
                    Key("secondary", "Z87.891",
                        "The chapter 10 Use additional code note asks for tobacco history. He quit in 2019, "
                        "so Z87.891. Its Excludes1 note bars current nicotine dependence (F17.2-): F17.210 "
                        "would be wrong here, and the two are never reported together."),
                ),
            ),
        ),
    ),
    Module(
        title=MCC_103_M2,
        kind="icd10cm",
        release_offset_days=7,
        requires=(MCC_103_M1,),
        requirements=EXERCISE_80,
        summary="Diabetes with its complications and treatment codes; hypertension with heart and kidney disease.",
        lessons=(
            Reading(
                title="Coding diabetes mellitus",
                summary="Type, complications with the word 'with', and the long-term drug codes.",
                textbook=(GUIDELINES, "Section I.C.4.a", ""),
                body=_t("""
                    ## Start from the type

                    The category is the type: **E10** type 1, **E11** type 2, **E08**, **E09**, **E13**
                    secondary. No type documented: code **E11**. Insulin use does not make it type 1.

                    ## Then every complication

                    Use as many codes from the category as the record supports, one for each complication.
                    The Index subterm *with* links diabetes to the conditions listed under it (chronic
                    kidney disease, neuropathy, retinopathy) unless the provider names another cause.

                    | documentation | code |
                    |---|---|
                    | type 2, no complications | **E11.9** |
                    | type 2 with hyperglycemia, "poorly controlled" | **E11.65** |
                    | type 2 with diabetic CKD, stage 3a | **E11.22** + **N18.31** |
                    | type 2 with hypoglycemia, no coma | **E11.649** |

                    ## Then the treatment

                    Category **E11** carries a **Use additional code** note for the drugs that control it:

                    - **Z79.4** long-term insulin
                    - **Z79.84** long-term oral hypoglycemic drugs
                    - **Z79.85** long-term injectable non-insulin antidiabetic drugs

                    A patient on insulin and an oral drug gets both **Z79.4** and **Z79.84**. Insulin
                    given only to bring blood sugar down for a short time, for example during an
                    admission, is not long-term use.
                    """),
            ),
            Reading(
                title="Hypertension with heart and kidney disease",
                summary="The presumed link, the combination categories I11-I13, and their code-first notes.",
                textbook=(GUIDELINES, "Section I.C.9.a", ""),
                body=_t("""
                    ## The presumed link

                    ICD-10-CM presumes hypertension caused the patient's **heart failure** or **chronic
                    kidney disease** unless the provider documents another cause. You do not need the
                    provider to write "hypertensive" or "due to".

                    | conditions | codes |
                    |---|---|
                    | hypertension alone | **I10** |
                    | with heart failure | **I11.0** + **I50.-** |
                    | with CKD stage 1-4 or unspecified | **I12.9** + **N18.1-N18.4**, **N18.9** |
                    | with CKD stage 5 or ESRD | **I12.0** + **N18.5** or **N18.6** |
                    | with heart failure and CKD stage 1-4 | **I13.0** + **I50.-** + **N18.-** |

                    ## Order comes from the notes

                    **N18** carries a **Code first** note for hypertensive chronic kidney disease
                    (**I12.-**, **I13.-**), and **I12.9** a **Use additional code** note for the stage. So
                    the combination code goes first even when the provider lists the kidney disease first.

                    ## Not every heart disease

                    The presumption covers heart failure and a few other heart conditions, not coronary
                    artery disease: hypertension with CAD is **I10** plus an **I25** code.
                    """),
            ),
            Exercise(
                title="Type 2 diabetes, high sugars on insulin",
                record_kind="office_note",
                summary="Diabetes with hyperglycemia, and the long-term drug code the E11 note asks for.",
                instructions=DX,
                patient=_patient("Beatrix Lindahl", "1964-02-11", "female", "NW-100758", "2026-04-16",
                                 "Ingrid Halvorsen, MD", NW_FAMILY),
                note=_record("""
                    CC: Diabetes follow-up; sugars running high.

                    HPI: 62-year-old woman with type 2 diabetes since 2014, on insulin since 2021 (insulin
                    glargine 34 units at bedtime and insulin lispro with meals). Metformin was stopped in
                    2023 for diarrhea. Home fasting readings 220-300 mg/dL over the past month after a
                    change in her work shifts. No low readings. No polyuria at night.

                    Labs today: A1c 9.6% (8.1% in January).

                    Exam: BMI 31. Feet: monofilament sensation intact, pulses 2+, no lesions. Dilated eye
                    exam in February 2026 normal. Urine albumin-to-creatinine ratio normal in January.

                    Assessment: Type 2 diabetes mellitus with hyperglycemia, on long-term insulin. No
                    neuropathy, nephropathy or retinopathy.

                    Plan: Increase glargine to 38 units. Review meal-time dosing with the diabetes educator.
                    Recheck A1c in 3 months.
                    """),
                key=(
                    Key("principal", "E11.65",
                        "Type 2 diabetes with hyperglycemia: the provider documents it, the A1c supports it, "
                        "and the absence of complications is stated, so no other E11 code. Insulin does not "
                        "make it type 1 (E11 has Excludes1 E10)."),
                    Key("secondary", "Z79.4",
                        "The Use additional code note at E11 asks for the long-term drug that controls the "
                        "diabetes: insulin since 2021, so Z79.4. Metformin has stopped, so no Z79.84."),
                ),
            ),
            Exercise(
                title="Kidney disease and blood pressure above goal",
                record_kind="office_note",
                summary="The presumed link between hypertension and CKD, and an order set by the notes.",
                instructions=DX,
                patient=_patient("Winston Abernathy", "1955-06-19", "male", "NW-100790", "2026-05-05",
                                 "Carmen Oyelaran, MD", NW_FAMILY),
                note=_record("""
                    CC: Follow-up of kidney function and blood pressure.

                    HPI: 71-year-old man with hypertension for 15 years on lisinopril 20 mg and amlodipine
                    5 mg. Chronic kidney disease followed since 2023. eGFR 36 in January, 38 today. Home
                    blood pressures 140s/80s. No edema, no change in urine output. Never smoked.

                    Exam: BP 142/88, HR 70. No edema. Heart regular, lungs clear.

                    Assessment:
                    1. Chronic kidney disease, stage 3b.
                    2. Hypertension, not at goal.

                    Plan: Increase amlodipine to 10 mg. Basic metabolic panel in 4 weeks. Renal diet
                    handout. Nephrology visit as scheduled in July.
                    """),
                key=(
                    Key("principal", "I12.9",
                        "Hypertension with chronic kidney disease is coded as hypertensive CKD (I12.-) "
                        "because ICD-10-CM presumes the link unless another cause is documented "
                        "(Section I.C.9.a.2). Stage 3b is within stages 1-4, so I12.9."),
                    Key("secondary", "N18.32",
                        "I12.9's Use additional code note asks for the stage: 3b is N18.32. N18's Code first "
                        "note puts I12.9 ahead of it, even though the provider listed the kidney disease "
                        "first."),
                ),
            ),
        ),
    ),
    Module(
        title=MCC_103_M3,
        kind="icd10cm",
        release_offset_days=14,
        requires=(MCC_103_M2,),
        requirements=EXERCISE_80,
        summary="Seventh characters, placeholder X, external causes, and poisoning told apart from adverse effects.",
        lessons=(
            Video(
                title="Seventh characters and external causes",
                duration_seconds=510,
                video_url=f"{MEDIA}/mcc-103/seventh-characters-external-causes.mp4",
                summary="A, D and S; placeholder X; and the external cause codes that tell how it happened.",
                transcript=_prose("""
                    Most injury codes need a seventh character. A is the initial encounter: the patient is
                    receiving active treatment, such as the emergency visit, the surgery, or the first
                    evaluation by a new physician. D is a subsequent encounter, for routine care during
                    healing: a cast change, a follow-up x-ray. S is a sequela, a late effect such as a scar.

                    Fractures have more seventh characters: open or closed at the initial encounter, and
                    routine, delayed or nonunion healing later. A fracture not documented as open is coded
                    as closed; one not documented as displaced or nondisplaced is coded as displaced.

                    When the code is shorter than six characters, fill the empty positions with X before
                    the seventh character: W00.1XXA, fall from stairs due to ice and snow, initial
                    encounter. X is a real character, so a code written without it is a different, invalid
                    code.

                    External cause codes from chapter 20 tell how the injury happened, the place, the
                    activity and the person's status. No national rule requires them, but many states and
                    payers do, so follow your facility's policy.
                    """),
            ),
            Reading(
                title="Poisoning, adverse effect or underdosing?",
                summary="Which kind of drug event it is decides the code and the order of the codes.",
                textbook=(GUIDELINES, "Section I.C.19.e", ""),
                body=_t("""
                    ## Decide what happened

                    | what happened | kind | sequence |
                    |---|---|---|
                    | right drug, right dose, taken as prescribed, and a reaction | **adverse effect** | the reaction first, then the T code with 5th or 6th character **5** |
                    | wrong drug, wrong dose, wrong person, or taken with alcohol or a drug not prescribed | **poisoning** | the T code first (intent 1-4), then the manifestations |
                    | less drug taken than prescribed | **underdosing** | the condition first, then the T code with character **6** |

                    ## The Table of Drugs and Chemicals

                    Look the substance up in the Table, then choose the column: poisoning accidental,
                    intentional self-harm, assault, undetermined; adverse effect; underdosing. Amoxicillin
                    is a penicillin: **T36.0X-**. Confirm the code in the Tabular and add the 7th character.

                    ## Intent

                    When intent is not documented, code a poisoning as **accidental** (character **1**).
                    Undetermined (**4**) is only for when the record says the intent cannot be determined.

                    ## Examples

                    - Child drinks a sibling's amoxicillin and vomits: **T36.0X1A**, **R11.10**.
                    - Hives after amoxicillin taken as prescribed: **L50.0**, **T36.0X5A**.

                    No external cause code is added for these: the intent is already in the T code.
                    """),
            ),
            Exercise(
                title="A fall on icy steps",
                record_kind="ed_record",
                summary="A femoral neck fracture coded to its exact part and side, with an optional external cause.",
                instructions="Code the diagnoses for this emergency department visit (ICD-10-CM), "
                             "including an external cause code if your facility reports them.",
                patient=_patient("Edith Marchetti", "1948-01-05", "female", "NW-100815", "2026-04-08",
                                 "Rafael Quintero, MD", NW_ED),
                note=_record("""
                    CC: Right hip pain after a fall.

                    HPI: 78-year-old woman who slipped on the icy front steps of her house this morning and
                    fell onto her right side. Unable to stand or bear weight since. Did not hit her head,
                    no loss of consciousness. No dizziness before the fall.

                    PMH: Cataract surgery 2022. Bone density scan in 2025 normal. No daily medications.

                    Exam: Alert, in pain. Right leg shortened and externally rotated. Tender over the right
                    groin; pain with any hip motion. Distal pulses and sensation intact. No other injury
                    found.

                    Imaging: X-ray right hip and pelvis: displaced midcervical (transcervical) fracture of
                    the right femoral neck. No dislocation. Pelvis intact.

                    ED course: Morphine 4 mg IV. Orthopedics consulted; admitted for hemiarthroplasty.

                    Diagnosis: Closed, displaced transcervical fracture of the right femoral neck.
                    """),
                key=(
                    Key("principal", "S72.031A",
                        "Fracture, femur, neck, midcervical (transcervical) leads to S72.03-: sixth "
                        "character 1 is a displaced fracture of the right femur, and 7th character A an "
                        "initial encounter for a closed fracture while she receives active treatment. "
                        "S72.001A (unspecified part of the neck) is wrong: the x-ray names the part."),
                    Key("secondary", "W00.1XXA",
                        "Fall from stairs and steps due to ice and snow; placeholder X fills positions 5 "
                        "and 6 so A lands in position 7. External cause codes have no national reporting "
                        "requirement, so the key accepts the answer with or without it.",
                        requirement="optional"),
                ),
            ),
            Exercise(
                title="A toddler and his sister's antibiotic",
                record_kind="ed_record",
                summary="A poisoning with placeholder X, sequenced before its manifestation.",
                instructions=DX,
                patient=_patient("Mateo Villanueva", "2023-03-18", "male", "NW-100829", "2026-05-12",
                                 "Rafael Quintero, MD", NW_ED),
                note=_record("""
                    CC: Drank sister's medicine.

                    HPI: 3-year-old boy found by his mother about 1 hour ago with his sister's open bottle of
                    amoxicillin suspension, 250 mg/5 mL. The medicine was prescribed for his sister, not for
                    him. Mother estimates up to 15 mL is missing. He has vomited twice since. No rash, no
                    trouble breathing, no lethargy.

                    Exam: Alert, playful, well hydrated. No rash, no swelling of lips or tongue. Lungs clear.
                    Abdomen soft, nontender.

                    ED course: Poison control consulted: low toxicity at this amount. Observed 2 hours;
                    tolerated oral fluids without further vomiting.

                    Diagnosis: Accidental ingestion of amoxicillin (poisoning, unintentional) with vomiting.

                    Disposition: Home with mother. Medicines to be stored out of reach.
                    """),
                key=(
                    Key("principal", "T36.0X1A",
                        "A drug taken by someone it was not prescribed for is a poisoning (Section "
                        "I.C.19.e.5.b). The Table of Drugs sends amoxicillin to penicillins, T36.0X-; "
                        "accidental intent is character 1, placeholder X holds position 5, and A is the "
                        "initial encounter. The poisoning code goes first."),
                    Key("secondary", "R11.10",
                        "The T36-T50 Use additional code note asks for the manifestations of the poisoning: "
                        "vomiting, not further described, is R11.10. No external cause code: the intent is "
                        "in the T code."),
                ),
            ),
            Exercise(
                title="Hives on day four of amoxicillin",
                record_kind="office_note",
                summary="An adverse effect: the reaction first, then the drug, and the infection still under "
                        "treatment.",
                instructions=DX,
                patient=_patient("Priya Chandrasekar", "1992-10-07", "female", "NW-100844", "2026-05-18",
                                 "Ingrid Halvorsen, MD", NW_FAMILY),
                note=_record("""
                    CC: Itchy rash since this morning.

                    HPI: 34-year-old woman started on amoxicillin 500 mg three times daily 4 days ago for
                    acute sinusitis, taking it as prescribed. This morning she woke with itchy raised welts
                    on her trunk and arms. No lip or tongue swelling, no wheezing, no trouble swallowing.
                    Facial pressure and congestion are better than at the first visit. No known drug
                    allergies before this.

                    Exam: Scattered blanching urticarial wheals, 1-4 cm, on the trunk and both arms. No
                    angioedema. Lungs clear. Mild maxillary tenderness.

                    Assessment:
                    1. Allergic urticaria, adverse effect of amoxicillin taken as prescribed.
                    2. Acute sinusitis, improving.

                    Plan: Stop amoxicillin; start doxycycline 100 mg twice daily to finish the course.
                    Cetirizine 10 mg daily. Penicillin allergy added to the chart. Return at once for
                    swelling of the face or trouble breathing.
                    """),
                key=(
                    Key("principal", "L50.0",
                        "The right drug taken as prescribed caused a reaction: an adverse effect. The "
                        "nature of the effect is coded first (Section I.C.19.e.5.a and the Code first note "
                        "at T36-T50): allergic urticaria, L50.0."),
                    Key("secondary", "T36.0X5A",
                        "Table of Drugs, amoxicillin, adverse effect column: T36.0X5-, with placeholder X "
                        "in position 5 and A for the initial encounter."),
                    Key("secondary", "J01.90",
                        "The sinusitis is still being treated (the antibiotic was changed), so it is coded: "
                        "acute sinusitis with no sinus named, J01.90."),
                ),
            ),
        ),
    ),
    Module(
        title="Neoplasms and factors influencing health status",
        kind="icd10cm",
        release_offset_days=21,
        requires=(MCC_103_M3,),
        summary="Current cancer or history of cancer; receptor status, drug and status codes from chapter 21.",
        lessons=(
            Reading(
                title="Current cancer or history of cancer?",
                summary="Treatment decides: a cancer still being treated is current, one eradicated is history.",
                textbook=(GUIDELINES, "Section I.C.2.d and I.C.21", ""),
                body=_t("""
                    ## Current or history

                    A malignancy is **current** while treatment is directed at it: surgery, radiation,
                    chemotherapy, or adjuvant hormone therapy such as anastrozole after a lumpectomy. It
                    becomes **history** (**Z85.-**) when it has been excised or eradicated, no treatment is
                    directed at the site, and there is no evidence of disease.

                    | documentation | code |
                    |---|---|
                    | breast cancer, on adjuvant anastrozole | **C50.-** (current) + **Z79.811** |
                    | breast cancer treated in 2019, no treatment since, no evidence of disease | **Z85.3** |

                    ## The neoplasm code

                    Find the histology in the Index (*Carcinoma, ductal, invasive*), then the site in the
                    Table of Neoplasms, column *Malignant, primary*, and confirm in the Tabular. Breast
                    codes carry the quadrant and side, and the sex: **C50.411** is the upper-outer quadrant
                    of the right female breast.

                    ## Chapter 21 codes that go with it

                    - Receptor status: **C50** asks for a **Z17** code (**Z17.0** estrogen receptor
                      positive), and **Z17** asks for the cancer to be coded first.
                    - Long-term hormone therapy: **Z79.811** aromatase inhibitors, **Z79.810** selective
                      estrogen receptor modulators such as tamoxifen.
                    - Status codes such as **Z78.0** (postmenopausal) when they bear on the care.
                    """),
            ),
            Exercise(
                title="Follow-up on adjuvant anastrozole",
                record_kind="office_note",
                summary="A current breast cancer with its receptor status, long-term drug and menopausal status.",
                instructions=DX,
                patient=_patient("Harriet Okonkwo", "1965-04-25", "female", "NW-100861", "2026-06-02",
                                 "Lucia Ferreira, MD", "Northwind Cancer Center"),
                note=_record("""
                    CC: Follow-up of right breast cancer.

                    HPI: 61-year-old postmenopausal woman with invasive ductal carcinoma of the upper-outer
                    quadrant of the right breast, estrogen receptor positive, diagnosed January 2026.
                    Lumpectomy with sentinel node biopsy in February (nodes negative), radiation completed in
                    April. Started anastrozole 1 mg daily in May, planned for 5 years. Taking it daily; no
                    hot flashes, no joint pain.

                    Exam: Right breast: healed lumpectomy scar, no masses, no skin change. No axillary
                    nodes.

                    Assessment: Malignant neoplasm of the upper-outer quadrant of the right breast, ER
                    positive, on adjuvant anastrozole. Postmenopausal.

                    Plan: Continue anastrozole. Baseline bone density scan. Calcium and vitamin D. Return in
                    3 months; mammogram in August.
                    """),
                key=(
                    Key("principal", "C50.411",
                        "Adjuvant anastrozole is treatment directed at the cancer, so it is current, not "
                        "history (Section I.C.2.d): upper-outer quadrant of the right female breast, C50.411."),
                    Key("secondary", "Z79.811",
                        "Long-term use of an aromatase inhibitor (anastrozole). Its Code first note names "
                        "breast cancer, so it follows C50.411."),
                    Key("secondary", "Z17.0",
                        "C50's Use additional code note asks for receptor status: estrogen receptor positive "
                        "is Z17.0. Z79.811's own note also lists it as an additional code."),
                    Key("secondary", "Z78.0",
                        "Postmenopausal status is listed in Z79.811's Use additional code note, if "
                        "applicable; it bears on the choice of drug, so the key accepts it without "
                        "requiring it.", requirement="optional"),
                ),
            ),
        ),
    ),
)


# --- MCC-104 CPT and HCPCS Level II Procedure Coding -----------------------------------
