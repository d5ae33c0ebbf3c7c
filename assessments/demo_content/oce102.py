"""Question bank of OCE-102 Outpatient Diagnosis and Procedure Coding (Riverside).

Module 1: ICD-10-CM for the office visit (first-listed diagnosis, uncertain diagnoses, chronic
conditions, tests). Module 2: CPT and HCPCS for office procedures (skin biopsy, shave and excision,
injections, the visit on the same day).
"""

from __future__ import annotations

from assessments.demo_content.shapes import Case, CaseItem, Choice, CodeEntry, Key, Single, Written
from courses.demo_content.shapes import _record

C = Choice
ICD = "cpc:icd10cm"
GUIDE = "cpc:guidelines"
SKIN = "cpc:surgery-integumentary"
MSK = "cpc:surgery-musculoskeletal"

QUESTIONS: tuple = (
    # --- Module 1: ICD-10-CM for the office visit --------------------------------------------
    Single(
        domain=GUIDE, module=1,
        prompt="A patient comes in only for her seasonal flu shot; the nurse gives it and she leaves. What is the "
               "first-listed diagnosis?",
        choices=(
            C("Z00.00"),
            C("Z71.89"),
            C("Z23", correct=True),
            C("Z28.20"),
        ),
        rationale="A visit for a vaccine is reported with Z23, encounter for immunization. Z00.00 is a general "
                  "adult exam, which did not happen; Z71.89 is counseling; Z28.20 says a vaccine was not given.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="The visit was scheduled for type 2 diabetes follow-up. At the end the patient mentions a 2-day "
               "cold, and the provider addresses it too. Which condition is listed first?",
        choices=(
            C("The cold, because it is the acute problem"),
            C("The diabetes, the condition chiefly responsible for the visit", correct=True),
            C("Either one, because both were treated"),
            C("Whichever one pays more"),
        ),
        rationale="Outpatient guidelines list first the condition chiefly responsible for the services: here the "
                  "diabetes the visit was booked and mostly spent on. The cold is added after it. The inpatient "
                  "rule that lets two equal diagnoses go in either order does not apply, and payment never decides.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="Assessment: *sore throat, rule out strep; throat culture sent.* What is coded?",
        choices=(
            C("J02.0"),
            C("R07.0"),
            C("J02.9", correct=True),
            C("J06.9"),
        ),
        rationale="Rule out is uncertain, so strep (J02.0) is not coded in the office. The Index sends *Sore "
                  "throat* to J02.9, acute pharyngitis, unspecified; R07.0, pain in throat, excludes acute sore "
                  "throat, and J06.9 is a general upper respiratory infection the provider did not diagnose.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Type 2 diabetes without complications, controlled with metformin. Which codes are reported?",
        choices=(
            C("E11.9, Z79.4"),
            C("E11.9, Z79.84", correct=True),
            C("E11.65, Z79.84"),
            C("E11.9"),
        ),
        rationale="E11.9 for the diabetes, and the category's Use additional code note asks for the drug: "
                  "metformin is an oral hypoglycemic, Z79.84. Z79.4 is insulin, and E11.65 needs documented "
                  "hyperglycemia.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Type 2 diabetes without complications, treated with both insulin glargine and metformin. Which "
               "codes are reported?",
        choices=(
            C("E11.9, Z79.4"),
            C("E10.9, Z79.4"),
            C("E11.9, Z79.84"),
            C("E11.9, Z79.4, Z79.84", correct=True),
        ),
        rationale="When a patient with type 2 diabetes takes both insulin and an oral hypoglycemic, the guidelines "
                  "ask for both Z79.4 and Z79.84. Insulin does not make the diabetes type 1: the type comes from "
                  "the provider's documentation, not the drug.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Assessment: *hypertension; chronic kidney disease stage 3a.* The provider does not say that one "
               "causes the other. Which codes are reported?",
        choices=(
            C("I10, N18.31"),
            C("I12.9, N18.31", correct=True),
            C("I13.10, N18.31"),
            C("N18.31, I10"),
        ),
        rationale="ICD-10-CM presumes a link between hypertension and CKD: the Index's *with* puts them together "
                  "in I12.- unless the provider says the CKD has another cause. I12.9 is followed by N18.31 for the "
                  "stage. I13.10 needs heart disease as well, and I10 is for hypertension without those organs.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Assessment: *hypertension; chronic diastolic heart failure.* Which codes are reported, in order?",
        choices=(
            C("I10, I50.32"),
            C("I50.32, I11.0"),
            C("I11.0, I50.32", correct=True),
            C("I13.0, I50.32"),
        ),
        rationale="Hypertension with heart failure is presumed linked: I11.0, whose note asks for the type of "
                  "heart failure after it (I50.32). I50's code-first note puts I11.0 first. I13.0 is for heart "
                  "failure with CKD, which is not documented.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="A patient comes in only for blood tests the provider ordered last week for fatigue. The results "
               "are not back when the claim is coded. What is listed first?",
        choices=(
            C("Z01.812"),
            C("R53.83", correct=True),
            C("Z00.00"),
            C("Z01.89"),
        ),
        rationale="For a visit only for tests ordered because of a symptom, code the reason for the test: fatigue, "
                  "R53.83. Category Z01 excludes examinations for signs and symptoms and sends the coder to the "
                  "symptom; Z01.812 is for labs before a procedure.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="The provider reviews the labs and writes: *TSH 11.2, free T4 low: hypothyroidism; start "
               "levothyroxine.* Which code or codes are reported?",
        choices=(
            C("E03.9", correct=True),
            C("R94.6"),
            C("E03.9, R94.6"),
            C("E05.90"),
        ),
        rationale="The provider has interpreted the results and made a diagnosis: code it, E03.9. The abnormal "
                  "thyroid test (R94.6) is part of that diagnosis and is not added. E05.90 is hyperthyroidism, the "
                  "opposite finding.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="A screening colonoscopy on an average-risk patient finds a polyp, which is removed. How are the "
               "diagnoses reported?",
        choices=(
            C("K63.5, Z12.11"),
            C("K63.5"),
            C("Z12.11, K63.5", correct=True),
            C("Z12.11"),
        ),
        rationale="The encounter was for screening, so Z12.11 stays first even when something is found; the "
                  "finding is added after it. Listing the polyp first would turn a screening into a diagnostic "
                  "study on the claim.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="Annual physical for a 52-year-old. BP 148/92 twice; the provider writes *elevated BP reading, no "
               "diagnosis of hypertension, recheck in 2 weeks.* Which codes are reported?",
        choices=(
            C("Z00.00, R03.0"),
            C("Z00.01, I10"),
            C("R03.0, Z00.01"),
            C("Z00.01, R03.0", correct=True),
        ),
        rationale="A routine exam with a new abnormal finding is Z00.01, whose note asks for the finding after it: "
                  "R03.0, elevated reading without a diagnosis of hypertension. I10 would report a diagnosis the "
                  "provider did not make, and Z00.00 says the exam found nothing abnormal.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Chest pain for 2 days; ECG normal. Assessment: *chest wall pain, reproducible on palpation.* Which "
               "code is assigned?",
        choices=(
            C("R07.9"),
            C("R07.89", correct=True),
            C("I20.9"),
            C("M94.0"),
        ),
        rationale="Chest wall pain is indexed to R07.89, other chest pain. R07.9 is chest pain with nothing more "
                  "said, I20.9 angina (a cardiac diagnosis nobody made), and M94.0 Tietze syndrome, a specific "
                  "cartilage disorder that is not documented.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Seen today for the first time for a right ankle sprain from yesterday; no ligament is named. Which "
               "code is assigned?",
        choices=(
            C("S93.409A"),
            C("S93.401D"),
            C("S93.401A", correct=True),
            C("S93.401S"),
        ),
        rationale="Sprain of an unspecified ligament of the right ankle, active treatment: S93.401A. The side is "
                  "documented, so not S93.409A; D is for routine follow-up after active treatment and S for a "
                  "sequela.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Three weeks after a torus fracture of the right distal radius, the child returns for a routine "
               "check: healing as expected. Which code is assigned?",
        choices=(
            C("S52.521A"),
            C("S52.521D", correct=True),
            C("S52.521S"),
            C("Z09"),
        ),
        rationale="Follow-up of a fracture during healing uses the injury code with 7th character D, subsequent "
                  "encounter with routine healing. A is for active treatment, S for a sequela, and the aftercare Z "
                  "codes (Z09 included) are not used for injuries.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Generalized hives started on day 3 of amoxicillin taken as prescribed. How are the codes listed?",
        choices=(
            C("T36.0X5A, L50.0"),
            C("L50.0, T36.0X5A", correct=True),
            C("T36.0X1A, L50.0"),
            C("L50.0, T36.0X1A"),
        ),
        rationale="A drug taken correctly that causes a reaction is an adverse effect: the nature of the effect "
                  "first (allergic urticaria, L50.0), then the drug with 6th character 5 (T36.0X5A, penicillins). "
                  "The 1 at the 6th character is an accidental poisoning, which this is not.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Assessment: *dementia due to Alzheimer's disease; no behavioral, psychotic, mood or anxiety "
               "symptoms; severity not stated.* How are the codes listed?",
        choices=(
            C("F02.80, G30.9"),
            C("G30.9, F02.80", correct=True),
            C("F03.90, G30.9"),
            C("G30.9"),
        ),
        rationale="F02 is a manifestation category with a Code first note: the Alzheimer's disease (G30.9) goes "
                  "first, the dementia (F02.80) after it. F03.90 is dementia with no known cause, which is wrong "
                  "here, and G30.9 alone leaves the dementia out.",
    ),
    Single(
        domain=GUIDE, module=1, multiple=True,
        prompt="Assessment: *1. Acute bronchitis. 2. Probable pneumonia, chest x-ray ordered. 3. Type 2 diabetes on "
               "metformin, stable.* PMH: appendectomy at age 12. Which codes are reported? Select all that apply.",
        choices=(
            C("J20.9", correct=True),
            C("J18.9"),
            C("E11.9", correct=True),
            C("Z79.84", correct=True),
            C("Z90.49"),
        ),
        rationale="The bronchitis is confirmed (J20.9), the diabetes is managed (E11.9 with Z79.84 for metformin). "
                  "Probable pneumonia is uncertain and is not coded, and its symptoms are already part of the "
                  "bronchitis. A childhood appendectomy that does not affect today's care is not coded.",
    ),
    CodeEntry(
        domain=ICD, module=1,
        prompt="Established patient: type 2 diabetes with diabetic chronic kidney disease, stage 3a, on metformin. "
               "Code the diagnoses.",
        key=(
            Key("principal", "E11.22", "Type 2 diabetes with diabetic CKD: the Index's *with* links them, E11.22."),
            Key("secondary", "N18.31", "E11.22 asks for the CKD stage: 3a is N18.31."),
            Key("secondary", "Z79.84", "E11's note asks for the drug: metformin, an oral hypoglycemic."),
        ),
        rationale="E11.22 first, then the stage N18.31 (N18's Code first note agrees) and Z79.84 for the oral drug.",
    ),
    CodeEntry(
        domain=ICD, module=1,
        prompt="Assessment: *hypertension and chronic kidney disease stage 4.* No other cause of the kidney disease "
               "is documented. Code the diagnoses.",
        key=(
            Key("principal", "I12.9", "Hypertension with CKD is presumed linked: I12.9, stages 1 to 4."),
            Key("secondary", "N18.4", "I12.9 asks for the stage: stage 4, N18.4."),
        ),
        rationale="No need for the provider to write *due to*: ICD-10-CM links hypertension and CKD. I12.9, then "
                  "the stage.",
    ),
    CodeEntry(
        domain=GUIDE, module=1,
        prompt="Annual physical, 52-year-old. BP 148/92 and 146/90; the provider documents *elevated blood "
               "pressure reading without a diagnosis of hypertension; recheck in 2 weeks.* Code the diagnoses.",
        key=(
            Key("principal", "Z00.01", "A routine adult exam that found something abnormal."),
            Key("secondary", "R03.0", "The abnormal finding Z00.01 asks for: an elevated reading, no "
                                      "hypertension diagnosed."),
        ),
        rationale="Z00.01 with the finding after it. I10 would report a diagnosis that has not been made.",
    ),
    CodeEntry(
        domain=ICD, module=1,
        prompt="Generalized hives on day 3 of amoxicillin taken as prescribed for sinusitis, which has cleared. "
               "Diagnosis: *allergic urticaria due to amoxicillin.* Code the diagnoses.",
        key=(
            Key("principal", "L50.0", "The nature of the adverse effect comes first: allergic urticaria."),
            Key("secondary", "T36.0X5A", "Amoxicillin is a penicillin; adverse effect is 6th character 5, with "
                                         "placeholder X and 7th character A for active treatment."),
        ),
        rationale="Adverse effect of a drug properly taken: the reaction first, then T36.0X5A. The sinusitis has "
                  "cleared and is not coded.",
    ),
    CodeEntry(
        domain=GUIDE, module=1,
        prompt="Assessment: *dementia in Alzheimer's disease, without behavioral, psychotic, mood or anxiety "
               "disturbance; severity not documented.* Code the diagnoses.",
        key=(
            Key("principal", "G30.9", "The underlying disease comes first: Alzheimer's disease, unspecified."),
            Key("secondary", "F02.80", "The manifestation: dementia in a disease classified elsewhere, severity "
                                       "unspecified, with none of the disturbances."),
        ),
        rationale="An etiology/manifestation pair: F02's Code first note puts G30.9 first, and the Index shows "
                  "F02.80 in brackets after it.",
    ),
    Written(
        domain=GUIDE, module=1,
        prompt="A patient with hypertension and type 2 diabetes on metformin comes in for a painful right ear; "
               "the provider diagnoses acute otitis media and also refills both chronic medicines. Explain which "
               "diagnosis you list first and which others you code, and why.",
        rubric="1 point: the otitis media is first-listed as the condition chiefly responsible for the visit. "
               "1 point: the hypertension and diabetes are coded because they were managed (medicines refilled). "
               "1 point: mentions Z79.84 for metformin (from E11's Use additional code note).",
        rationale="The ear brought the patient in and took most of the visit, so acute otitis media of the right ear "
                  "(H66.91) is listed first. Chronic conditions are coded whenever they are treated or affect the "
                  "care, and both were managed today: hypertension (I10) and type 2 diabetes (E11.9), with Z79.84 "
                  "for the metformin as E11's note asks.",
    ),
    # --- Module 2: CPT and HCPCS for office procedures -----------------------------------------
    Single(
        domain=SKIN, module=2,
        prompt="The provider holds a blade flat and takes a thin sample of one scaly lesion for pathology; the rest "
               "of the lesion stays. Which CPT code reports it?",
        choices=(
            C("11104"),
            C("11300"),
            C("11400"),
            C("11102", correct=True),
        ),
        rationale="A sample taken with the blade held flat is a tangential biopsy, 11102 for the first lesion. "
                  "11104 is a punch biopsy, 11300 the shave removal of a whole lesion as treatment, and 11400 a "
                  "full-thickness excision.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="Punch biopsies are taken of two separate lesions, one on the back and one on the arm. How is the "
               "procedure reported?",
        choices=(
            C("11104, 11105", correct=True),
            C("11104 × 2"),
            C("11104, 11103"),
            C("11106, 11107"),
        ),
        rationale="Biopsy codes come as a first-lesion code and an add-on for each additional lesion by the same "
                  "technique: 11104 and 11105. 11103 is the add-on for tangential biopsies, and 11106-11107 are "
                  "incisional biopsies.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="A raised 0.8 cm seborrheic keratosis on the back catches on clothing; the provider shaves it off "
               "flush with the skin as the treatment. Which CPT code reports it?",
        choices=(
            C("11300"),
            C("11301", correct=True),
            C("11102"),
            C("11401"),
        ),
        rationale="Removing a raised lesion by a horizontal slice without a full-thickness closure is a shave "
                  "removal; on the trunk at 0.6-1.0 cm it is 11301. 11300 is 0.5 cm or less, 11102 a biopsy "
                  "(sampling, not treatment), and 11401 an excision.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="A benign 0.9 cm lesion of the arm is excised with 0.3 cm margins on each side and closed simply. "
               "Which CPT code reports the excision?",
        choices=(
            C("11401"),
            C("11403"),
            C("11402", correct=True),
            C("11302"),
        ),
        rationale="Excisions are coded by the excised diameter: the lesion plus the narrowest margin on each side, "
                  "0.9 + 0.3 + 0.3 = 1.5 cm, which is 11402 (1.1-2.0 cm, trunk, arms, legs). 11401 is the trap of "
                  "coding the lesion alone (0.9 cm), and 11302 is a shave removal.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="A basal cell carcinoma of the nose measuring 0.8 cm is excised with 0.4 cm margins on each side. "
               "Which CPT code reports the excision?",
        choices=(
            C("11641"),
            C("11442"),
            C("11643"),
            C("11642", correct=True),
        ),
        rationale="Malignant lesion of the nose: the 1164x codes. Excised diameter 0.8 + 0.4 + 0.4 = 1.6 cm: 11642 "
                  "(1.1-2.0 cm). 11641 is the lesion size alone, 11442 the benign code for the same site and size, "
                  "and 11643 the next size up.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="A 2.5 cm excised diameter benign lesion of the back is removed, and the 4 cm wound is closed in two "
               "layers (deep and skin). How is it reported?",
        choices=(
            C("11403"),
            C("11403, 12002"),
            C("11403, 12032", correct=True),
            C("11403, 13101"),
        ),
        rationale="A simple closure is part of the excision, but a layered (intermediate) closure is reported "
                  "separately, by the length of the repair: 12032 for 2.6-7.5 cm on the trunk. 12002 is a simple "
                  "repair and 13101 a complex one.",
    ),
    Single(
        domain="cpc:em", module=2,
        prompt="An established patient is seen for hypertension management, with medication changes, and the "
               "provider also freezes a wart on her hand. Which modifier goes on the office visit code?",
        choices=(
            C("59"),
            C("25", correct=True),
            C("57"),
            C("24"),
        ),
        rationale="Modifier 25 marks a significant, separately identifiable E/M on the same day as a procedure: "
                  "the hypertension management is separate from the wart. 59 is for procedures (never E/M), 57 "
                  "for the decision for major surgery, and 24 for an unrelated visit in a postoperative period.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="Three common warts on the fingers are destroyed with liquid nitrogen. How is it reported?",
        choices=(
            C("17110 × 1", correct=True),
            C("17110 × 3"),
            C("17000, 17003 × 2"),
            C("11200"),
        ),
        rationale="17110 covers destruction of benign lesions such as warts, up to 14 lesions, reported once. "
                  "17000-17003 are for premalignant lesions (actinic keratoses), and 11200 for skin tags.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="Five actinic keratoses on the scalp and face are destroyed with liquid nitrogen. How is it "
               "reported?",
        choices=(
            C("17000 × 5"),
            C("17110"),
            C("17004"),
            C("17000, 17003 × 4", correct=True),
        ),
        rationale="Premalignant lesions: 17000 for the first, 17003 for each of the second through fourteenth, so "
                  "four units. 17004 is used alone for 15 or more, and 17110 is for benign lesions.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="Twelve skin tags are snipped from the neck and axillae. How is it reported?",
        choices=(
            C("11200 × 12"),
            C("11200", correct=True),
            C("11200, 11201"),
            C("17110"),
        ),
        rationale="11200 covers removal of skin tags up to and including 15 lesions, once. 11201 adds each further "
                  "10 lesions beyond 15, and 17110 excludes skin tags.",
    ),
    Single(
        domain=SKIN, module=2,
        prompt="Ingrown great toenail: the provider removes the ingrown edge of the nail plate; the matrix is not "
               "treated. Which CPT code reports it?",
        choices=(
            C("11750"),
            C("11730", correct=True),
            C("11765"),
            C("11720"),
        ),
        rationale="Removing part of the nail plate without destroying the matrix is a simple avulsion, 11730. "
                  "11750 excises the nail and matrix for permanent removal, 11765 removes a wedge of the skin of "
                  "the nail fold, and 11720 is debridement of nails.",
    ),
    Single(
        domain=MSK, module=2,
        prompt="Triamcinolone acetonide 40 mg is injected into the right knee without imaging guidance. How is it "
               "reported?",
        choices=(
            C("20611, J3301 × 4"),
            C("20610, J3301 × 1"),
            C("20610, J3301 × 4", correct=True),
            C("20605, J3301 × 4"),
        ),
        rationale="The knee is a major joint: 20610 without ultrasound guidance (20611 with it; 20605 is an "
                  "intermediate joint such as the wrist). J3301 is per 10 mg, so 40 mg is 4 units.",
    ),
    Single(
        domain="cpc:hcpcs", module=2,
        prompt="Ketorolac tromethamine 30 mg is given IM. How is the drug reported?",
        choices=(
            C("J1885 × 1"),
            C("J1885 × 30"),
            C("J3490 × 1"),
            C("J1885 × 2", correct=True),
        ),
        rationale="J1885 is per 15 mg, so 30 mg is 2 units. Units follow the code's dose, not milligrams, and "
                  "J3490 (unclassified drug) is only for a drug with no code of its own.",
    ),
    Single(
        domain="cpc:medicine", module=2,
        prompt="Ceftriaxone 500 mg is given as an intramuscular injection in the office. How are the administration "
               "and the drug reported?",
        choices=(
            C("96374, J0696 × 2"),
            C("96372, J0696 × 1"),
            C("90471, J0696 × 2"),
            C("96372, J0696 × 2", correct=True),
        ),
        rationale="An IM injection of a drug is 96372 (96374 is an IV push, 90471 a vaccine administration). "
                  "J0696 is per 250 mg, so 500 mg is 2 units.",
    ),
    Single(
        domain="cpc:hcpcs", module=2,
        prompt="A Medicare patient gets a flu vaccine. Which code reports giving the vaccine?",
        choices=(
            C("90471"),
            C("G0009"),
            C("G0008", correct=True),
            C("96372"),
        ),
        rationale="Medicare pays the flu vaccine administration under G0008 (G0009 is the pneumococcal "
                  "vaccine's). Other payers usually take 90471; 96372 is for drugs, not vaccines.",
    ),
    Single(
        domain="cpc:em", module=2,
        prompt="Established patient with two stable chronic illnesses (hypertension and hypothyroidism); the "
               "provider adjusts a prescription. Medical decision making decides the level. Which code applies?",
        choices=(
            C("99213"),
            C("99214", correct=True),
            C("99215"),
            C("99204"),
        ),
        rationale="Two or more stable chronic illnesses are a moderate number and complexity of problems, and "
                  "prescription drug management is moderate risk: two of three elements at moderate make "
                  "99214. 99204 is for a new patient.",
    ),
    Single(
        domain="cpc:em", module=2,
        prompt="An established patient's visit is documented by time: the provider spent 35 minutes on the patient's "
               "care on the date of the visit. Which code applies?",
        choices=(
            C("99213"),
            C("99215"),
            C("99204"),
            C("99214", correct=True),
        ),
        rationale="By total time on the date of the encounter, an established patient visit of at least 30 "
                  "minutes (and under 40) is 99214. 99213 starts at 20 minutes, 99215 at 40, and 99204 is a new "
                  "patient code.",
    ),
    Single(
        domain="cpc:pathology-laboratory", module=2,
        prompt="The pathologist examines a shave biopsy of a skin lesion under the microscope. Which CPT code "
               "reports the examination?",
        choices=(
            C("88304"),
            C("88302"),
            C("88305", correct=True),
            C("88307"),
        ),
        rationale="A skin biopsy (other than a cyst, tag or debridement) is a level IV surgical pathology "
                  "specimen, 88305. 88304 is level III (a skin cyst or tag), 88302 level II, and 88307 level V.",
    ),
    Single(
        domain="cpc:radiology", module=2,
        prompt="The clinic x-rays a patient's right ankle: AP, lateral and mortise views. Which CPT code reports it?",
        choices=(
            C("73600"),
            C("73630"),
            C("73610", correct=True),
            C("73620"),
        ),
        rationale="Three views of the ankle make the complete study, 73610. 73600 is two views; 73620 and 73630 "
                  "are the foot.",
    ),
    Single(
        domain="cpc:compliance", module=2,
        prompt="A Medicare patient wants a service that Medicare will probably find not reasonable and necessary "
               "for her. She signs an ABN before it is done. Which modifier goes on the line?",
        choices=(
            C("GZ"),
            C("GA", correct=True),
            C("GY"),
            C("GX"),
        ),
        rationale="GA says a required waiver of liability (the ABN) is on file, so the patient can be billed if "
                  "Medicare denies. GZ is the same expected denial without an ABN, GY a service Medicare never "
                  "covers by statute, and GX a voluntary ABN for such a service.",
    ),
    Single(
        domain=SKIN, module=2, multiple=True,
        prompt="Which of these are included in a benign or malignant skin excision code and not reported "
               "separately? Select all that apply.",
        choices=(
            C("A simple (non-layered) closure", correct=True),
            C("An intermediate (layered) closure"),
            C("The local anesthetic injection", correct=True),
            C("The pathologist's examination of the specimen"),
            C("An adjacent tissue transfer to close the defect"),
        ),
        rationale="Excision codes include local anesthesia and a simple closure. An intermediate or complex repair "
                  "and an adjacent tissue transfer are reported separately, and the pathologist bills the specimen "
                  "exam (88305) on his own claim.",
    ),
    Single(
        domain="cpc:em", module=2, multiple=True,
        prompt="For office visits, which can decide the level of service? Select all that apply.",
        choices=(
            C("Medical decision making", correct=True),
            C("The extent of the history and examination"),
            C("Total time on the date of the encounter", correct=True),
            C("The number of diagnosis codes on the claim"),
        ),
        rationale="Office visits are leveled by medical decision making or by total time on the date of the "
                  "encounter, whichever the provider chooses. The history and exam must be medically appropriate "
                  "but no longer set the level, and the number of codes on the claim is not the number of "
                  "problems addressed.",
    ),
    Single(
        domain="cpc:hcpcs", module=2, multiple=True,
        prompt="Which of these HCPCS Level II codes report a drug given by injection? Select all that apply.",
        choices=(
            C("J1100", correct=True),
            C("J7613"),
            C("J1885", correct=True),
            C("A4253"),
            C("J0696", correct=True),
        ),
        rationale="J1100 (dexamethasone), J1885 (ketorolac) and J0696 (ceftriaxone) are injections. J7613 is also a "
                  "J code, but for albuterol inhalation solution given through a nebulizer, and A4253 is glucose "
                  "test strips.",
    ),
    CodeEntry(
        domain=SKIN, module=2,
        prompt="Tangential biopsies of two separate lesions, one on the chest and one on the back, sent to "
               "pathology. Code the procedures.",
        key=(
            Key("procedure", "11102", "The first lesion sampled with the blade held flat: tangential biopsy."),
            Key("procedure", "11103", "The add-on for each additional lesion biopsied by the same technique."),
        ),
        rationale="Biopsies are counted by lesion and by technique: 11102 for the first tangential biopsy, 11103 "
                  "for the second.",
    ),
    CodeEntry(
        domain=SKIN, module=2,
        prompt="A 1.0 cm pigmented lesion on the back is excised with 0.2 cm margins on each side and closed "
               "simply. Pathology: benign compound melanocytic nevus. Code the procedure and the diagnosis.",
        key=(
            Key("procedure", "11402", "Excised diameter 1.0 + 0.2 + 0.2 = 1.4 cm on the trunk: 1.1-2.0 cm. The "
                                      "simple closure is included."),
            Key("principal", "D22.5", "The pathology is back: a melanocytic nevus of the trunk, D22.5."),
        ),
        rationale="Benign excision on the trunk by excised diameter, 11402; the diagnosis comes from the pathology "
                  "report. A nevus is D22 (melanocytic nevi), not the D23 benign neoplasms of skin.",
    ),
    CodeEntry(
        domain=MSK, module=2,
        prompt="Primary osteoarthritis of the right knee: triamcinolone acetonide 40 mg injected into the right "
               "knee, no imaging guidance. The visit itself is coded separately. Code the injection, the drug and "
               "the diagnosis.",
        key=(
            Key("principal", "M17.11", "Unilateral primary osteoarthritis of the right knee."),
            Key("procedure", "20610", "Injection of a major joint without ultrasound guidance; RT for the side.",
                modifiers=("RT",)),
            Key("supply", "J3301", "Triamcinolone acetonide per 10 mg: 40 mg is 4 units.", units=4),
        ),
        rationale="M17.11, 20610-RT and J3301 for 4 units: the drug is billed in the code's own units.",
    ),
    CodeEntry(
        domain="cpc:medicine", module=2,
        prompt="Established patient with acute low back pain, no sciatica; the provider gives ketorolac 60 mg IM. "
               "The visit itself is coded separately. Code the injection, the drug and the diagnosis.",
        key=(
            Key("principal", "M54.50", "Low back pain with nothing more specific documented: M54.50."),
            Key("procedure", "96372", "Intramuscular injection of a drug."),
            Key("supply", "J1885", "Ketorolac per 15 mg: 60 mg is 4 units.", units=4),
        ),
        rationale="M54.50 (since FY2022 low back pain is subdivided; unspecified is .50), 96372 and J1885 for 4 "
                  "units.",
    ),
    Written(
        domain=SKIN, module=2,
        prompt="Explain how a biopsy, a shave removal and an excision of a skin lesion differ for CPT coding, and "
               "how the size of an excision is measured.",
        rubric="1 point: biopsy samples tissue for pathology (coded by technique: tangential, punch, incisional; "
               "first lesion and add-on). 1 point: shave removes a raised lesion by horizontal slicing without "
               "full-thickness closure; excision removes it full thickness. 1 point: excised diameter is the "
               "lesion plus the narrowest margin on each side, measured before the excision.",
        rationale="A biopsy takes a sample to make a diagnosis; it is coded by technique (tangential 11102, punch "
                  "11104, incisional 11106) with add-ons for each further lesion. A shave removal (11300-11313) "
                  "takes off a raised lesion with a horizontal slice, with no full-thickness wound to close. An "
                  "excision (11400-11646) removes the lesion full thickness, and is coded by site, benign or "
                  "malignant, and the excised diameter: the lesion's greatest diameter plus the narrowest margin on "
                  "each side, as measured before the excision.",
    ),
    Written(
        domain="cpc:em", module=2,
        prompt="When does an office visit on the same day as a minor procedure get modifier 25? Give one example "
               "where it is right and one where it is not.",
        rubric="1 point: the E/M must be significant and separately identifiable, beyond the usual evaluation "
               "before the procedure. 1 point: a correct example (another problem managed, or a new problem "
               "worked up before deciding on the procedure). 1 point: a correct counter-example (a visit only to "
               "do a planned procedure, or only the decision to do it).",
        rationale="A minor procedure includes the brief evaluation and the decision to do it. Modifier 25 goes on "
                  "the visit only when the provider does more: manages another problem, or works up a new problem "
                  "before deciding. Right: blood pressure management with a prescription change, and a wart frozen "
                  "at the same visit. Not right: a patient booked for the removal of skin tags already discussed, "
                  "who has them removed and nothing else.",
    ),
    # --- Beyond the two modules -------------------------------------------------------------------
    Single(
        domain="cpc:surgery-digestive", module=0,
        prompt="During a colonoscopy, the gastroenterologist removes a 9 mm polyp with a snare. Which CPT code "
               "reports it?",
        choices=(
            C("45380"),
            C("45385", correct=True),
            C("45378"),
            C("G0121"),
        ),
        rationale="Polyp removal by snare is 45385. 45380 is a biopsy (including cold forceps removal), 45378 a "
                  "diagnostic colonoscopy, and G0121 Medicare's screening colonoscopy with no intervention.",
    ),
    Single(
        domain="cpc:surgery-reproductive", module=0,
        prompt="An intrauterine device is inserted at a planned contraception visit. Which CPT code reports the "
               "insertion?",
        choices=(
            C("58301"),
            C("11981"),
            C("57170"),
            C("58300", correct=True),
        ),
        rationale="IUD insertion is 58300 (the diagnosis is Z30.430). 58301 is the removal, 11981 the insertion of "
                  "a contraceptive implant in the arm, and 57170 the fitting of a diaphragm or cervical cap.",
    ),
    Single(
        domain="cpc:pathology-laboratory", module=0,
        prompt="The clinic measures a patient's hemoglobin A1c to monitor her diabetes. Which CPT code reports the "
               "test?",
        choices=(
            C("82947"),
            C("82962"),
            C("80053"),
            C("83036", correct=True),
        ),
        rationale="Hemoglobin A1c (glycated hemoglobin) is 83036. 82947 is a blood glucose, 82962 a fingerstick "
                  "glucose on a home-type meter, and 80053 the comprehensive metabolic panel.",
    ),
    Single(
        domain="cpc:medicine", module=0,
        prompt="Spirometry is done before and after the patient inhales a bronchodilator. Which CPT code reports it?",
        choices=(
            C("94010"),
            C("94640"),
            C("94060", correct=True),
            C("94760"),
        ),
        rationale="Spirometry before and after a bronchodilator is 94060. 94010 is spirometry alone, 94640 an "
                  "inhalation (nebulizer) treatment, and 94760 a pulse oximetry reading.",
    ),
    # --- Cases ----------------------------------------------------------------------------------
    Case(
        domain=ICD, module=1,
        prompt="Code this visit: every diagnosis the provider managed, then the services the clinic bills.",
        record_title="Office note",
        record_text=_record("""
            Patient: Wendell Achterberg, 63, male, established. Seen 2026-05-12, Owen Castellanos, MD,
            Riverside Community Clinic.
            CC: Follow-up of diabetes, blood pressure and cholesterol.
            HPI: Type 2 diabetes for 9 years on metformin 1000 mg twice daily. Burning and numbness in both feet for
            a year, unchanged. Home BP 120s-130s. Takes atorvastatin 20 mg; no muscle aches.
            Exam: BP 132/78. Decreased monofilament sensation both feet to the ankles; pulses 2+; skin intact.
            Assessment: 1. Type 2 diabetes mellitus with diabetic polyneuropathy, stable. 2. Essential
            hypertension, controlled. 3. Hyperlipidemia.
            Plan: Continue metformin, lisinopril and atorvastatin, refilled. Blood drawn here by venipuncture for
            A1c, BMP and lipid panel, sent to the reference lab. Podiatry yearly.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnoses (ICD-10-CM).", key=(
                Key("principal", "E11.42", "Type 2 diabetes with diabetic polyneuropathy: the provider links the "
                                           "two, E11.42."),
                Key("secondary", "I10", "Essential hypertension, managed today."),
                Key("secondary", "E78.5", "Hyperlipidemia with no type named: E78.5."),
                Key("secondary", "Z79.84", "E11's note asks for the drug: metformin, Z79.84."),
            )),
            CaseItem(label="Services", prompt="Code the visit and the blood draw (CPT).", key=(
                Key("procedure", "99214", "Three stable chronic illnesses (moderate problems) and prescription drug "
                                          "management (moderate risk): moderate decision making."),
                Key("procedure", "36415", "The clinic drew the blood; the reference lab bills the tests."),
            )),
        ),
        rationale="E11.42 first (the diabetes and its complication), then the other managed conditions and Z79.84. "
                  "The clinic bills 99214 and the venipuncture; the tests belong to the lab that runs them.",
    ),
    Case(
        domain=SKIN, module=2,
        prompt="Code this visit: the diagnoses (the pathology report is included), then the services with "
               "modifiers.",
        record_title="Office note",
        record_text=_record("""
            Patient: Ingrid Valdés-Moreau, 44, female, established. Seen 2026-06-03, Owen Castellanos, MD,
            Riverside Community Clinic.
            CC: Thyroid follow-up; a mole on the left forearm that has grown.
            HPI: Hypothyroidism on levothyroxine 75 mcg; energy good, TSH in range last month. The mole on her left
            forearm has grown over the last year; no bleeding.
            Exam: Thyroid not enlarged. Left dorsal forearm: 6 mm brown papule, slightly irregular border.
            Assessment: 1. Hypothyroidism, stable: continue levothyroxine, refilled. 2. Changing nevus, left forearm.
            Procedure: Consent. 1% lidocaine. 4 mm punch biopsy of the lesion; one suture. Specimen to pathology.
            Pathology (June 5): Compound melanocytic nevus, no atypia.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnoses (ICD-10-CM).", key=(
                Key("principal", "E03.9", "The scheduled reason for the visit: hypothyroidism, managed."),
                Key("secondary", "D22.62", "The pathology is back: melanocytic nevus of the left upper limb."),
            )),
            CaseItem(label="Services", prompt="Code the visit and the procedure (CPT).", key=(
                Key("procedure", "99213", "One stable chronic illness (low) with prescription drug management "
                                          "(moderate risk): low. Modifier 25: the thyroid care is separate from "
                                          "the biopsy.", modifiers=("25",)),
                Key("procedure", "11104", "A punch biopsy of one lesion; the single suture is part of it."),
            )),
        ),
        rationale="E03.9 and D22.62 (from the pathology, not *changing nevus*). 99213-25 for the thyroid visit and "
                  "11104 for the punch biopsy; closing a punch biopsy is included.",
    ),
    Case(
        domain=MSK, module=2,
        prompt="Code this visit: the diagnosis, then the services, drug and modifiers.",
        record_title="Office note",
        record_text=_record("""
            Patient: Thaddeus Mbeki-Lund, 67, male, established. Seen 2026-07-08, Owen Castellanos, MD,
            Riverside Community Clinic.
            CC: Left knee pain for 3 months, worse on stairs.
            HPI: No injury. Acetaminophen helps a little. No locking or giving way.
            Exam: Left knee: crepitus, medial joint line tenderness, small effusion, full ligament stability.
            X-ray: Left knee, three views, taken here and read by me: medial joint space narrowing, osteophytes.
            Assessment: Primary osteoarthritis of the left knee.
            Procedure: Consent; skin prepped. Left knee injected by a lateral approach with methylprednisolone
            acetate 80 mg and lidocaine, no imaging guidance. Tolerated well.
            Plan: Quadriceps exercises; naproxen over the counter with food; return in 6 weeks.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnosis (ICD-10-CM).", key=(
                Key("principal", "M17.12", "Unilateral primary osteoarthritis, left knee."),
            )),
            CaseItem(label="Services", prompt="Code the visit, the x-ray, the injection and the drug.", key=(
                Key("procedure", "99213", "A new problem worked up and diagnosed before the decision to inject: "
                                          "modifier 25. Low decision making (the x-ray the practice bills does "
                                          "not count again as data).", modifiers=("25",)),
                Key("procedure", "73562", "Knee x-ray, three views, taken and read here.", modifiers=("LT",)),
                Key("procedure", "20610", "Major joint injection without ultrasound guidance.", modifiers=("LT",)),
                Key("supply", "J1010", "Methylprednisolone acetate is J1010, per 1 mg: 80 mg is 80 units.",
                    units=80),
            )),
        ),
        rationale="M17.12; 99213-25 for the workup, 73562-LT, 20610-LT and J1010 × 80 (the lidocaine mixed in is "
                  "not billed). J1040, the old 80 mg code, was retired on 2024-03-31 when CMS moved to the 1 mg "
                  "code; J1010 × 1 would report only 1 mg.",
    ),
    Case(
        domain="cpc:radiology", module=0,
        prompt="Code this urgent care visit: the diagnoses, then the services and supply. The clinic is enrolled "
               "to supply DME.",
        record_title="Urgent care note",
        record_text=_record("""
            Patient: Rosalind Achebe-Forsyth, 36, female, new patient. Seen 2026-08-19, Tamsin Greaves, NP,
            Riverside Community Clinic.
            CC: Right ankle pain after a fall.
            HPI: Stepped off the curb outside her office an hour ago, rolled the right ankle and fell. Can bear
            weight with pain.
            Exam: Swelling and tenderness over the right lateral ankle ligaments; no bony tenderness at the malleoli
            or fifth metatarsal base. Neurovascular intact.
            X-ray: Right ankle, three views, taken here and read by me: no fracture.
            Assessment: Sprain of the right ankle.
            Plan: Rest, ice, elevation; ibuprofen over the counter. New adjustable aluminum underarm crutches
            supplied and fitted. Recheck in 1 week if not improving.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the injury and its cause (ICD-10-CM).", key=(
                Key("principal", "S93.401A", "Sprain of the right ankle, ligament not named, initial encounter."),
                Key("secondary", "W10.1XXA", "Fall from a sidewalk curb, with placeholders.",
                    requirement="optional"),
            )),
            CaseItem(label="Services", prompt="Code the visit, the x-ray and the crutches (CPT and HCPCS).", key=(
                Key("procedure", "99203", "New patient: an acute uncomplicated injury (low) with over-the-counter "
                                          "drug advice (low risk). No modifier 25: nothing here has a global "
                                          "package."),
                Key("procedure", "73610", "Ankle x-ray, three views, taken and read here.", modifiers=("RT",)),
                Key("supply", "E0114", "Underarm crutches other than wood, a pair; NU for new equipment.",
                    modifiers=("NU",)),
            )),
        ),
        rationale="S93.401A (and W10.1XXA where the clinic reports external causes). 99203, 73610-RT and E0114-NU. "
                  "The x-ray the clinic bills is not counted again in the visit's data.",
    ),
)
