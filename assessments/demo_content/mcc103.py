"""Question bank of MCC-103 ICD-10-CM Diagnosis Coding.

Modules: 1 conventions (the Index, the Tabular List and code structure), 2 endocrine and
circulatory (diabetes, hypertension and CKD), 3 injuries, poisoning and adverse effects, 4 neoplasms
and factors influencing health status. Keys follow the April 2026 table (FY2026) and its notes.
Patients, providers and facilities are fictional; no CPT descriptor is quoted.
"""

from __future__ import annotations

from assessments.demo_content.shapes import (  # noqa: F401  (the domains this bank uses)
    ANES, CO, CV, DIG, EM, GL, HC, ICD, INTEG, LAB, MED, MSK, RAD, RESP, TA, Case, CaseItem, Choice, CodeEntry, Key, R,
    Single, W, Written,
)
from courses.demo_content.shapes import _t

QUESTIONS: tuple = (
    # --- module 1: conventions ---------------------------------------------------------------
    Single(
        GL, "The ED diagnosis is \"displaced fracture of the right femoral neck\". Which main term do you look "
            "up in the Alphabetic Index?",
        (W("Femur"), R("Fracture"), W("Neck"), W("Hip")),
        "Main terms in the Index to Diseases are conditions, not body parts: look up Fracture, then the "
        "subterms femur, neck. Anatomic sites are subterms under the condition. Femur, Neck and Hip lead "
        "nowhere useful or send you back with a see note.",
        module=1,
    ),
    Single(
        GL, "What does the abbreviation NEC mean in ICD-10-CM?",
        (R("Not elsewhere classifiable: the record is specific, but the classification has no specific code for it"),
         W("Not otherwise specified: the record lacks the detail for a more specific code"),
         W("The code is not billable and needs more characters"),
         W("The condition is excluded from the category above")),
        "NEC, \"other specified\", is for conditions documented in detail that have no code of their own. NOS "
        "is the unspecified code, for when the documentation lacks detail. Billability and exclusion are "
        "shown by other conventions (the Tabular's structure and Excludes notes).",
        module=1,
    ),
    Single(
        GL, "In the Alphabetic Index entry \"Pneumonia (acute) (double) (migratory) (purulent)\", what do the "
            "parentheses mark?",
        (W("Synonyms, alternative wording and explanatory phrases"),
         W("Manifestation codes that must be listed second"),
         R("Nonessential modifiers: words that may or may not be present without changing the code"),
         W("Words that must appear in the record for the code to apply")),
        "Parentheses enclose nonessential modifiers (Section I.A.7): \"acute pneumonia\" and \"pneumonia\" "
        "lead to the same code. Square brackets hold synonyms in the Tabular and manifestation codes in the "
        "Index, and a colon in the Tabular marks a term that needs one of the words that follow it.",
        module=1,
    ),
    Single(
        GL, "An Excludes1 note at a code means:",
        (R("The excluded condition is never coded with it, except when the two are unrelated"),
         W("The excluded condition is not part of this code, but both may be coded when both are present"),
         W("The excluded code must be sequenced first"),
         W("The excluded code is optional")),
        "Excludes1 is a pure exclusion: the two conditions cannot occur together, or one is a form of the "
        "other (E11 excludes E10). The exception is two conditions that are unrelated to each other. The "
        "second choice describes Excludes2.",
        module=1,
    ),
    Single(
        ICD, "A type 2 diabetic takes both insulin and metformin long term. Z79.4 has an Excludes2 note for "
             "Z79.84. Which status codes are reported?",
        (R("Z79.4 and Z79.84"), W("Z79.4 only, since insulin takes precedence"), W("Z79.84 only"),
         W("Z79.899")),
        "Excludes2 means not included here: the patient may have both, and then both are coded. Section "
        "I.C.4.a.3 confirms it: a patient on insulin and an oral hypoglycemic gets Z79.4 and Z79.84. "
        "Z79.899 is other long-term drug therapy, too vague when specific codes exist.",
        module=1,
    ),
    Single(
        GL, "The Index entry for a midcervical femoral neck fracture shows S72.03-. What does the dash tell you?",
        (R("More characters are needed: complete the code in the Tabular List"),
         W("The code is optional and may be left off the claim"),
         W("Any character may be added, at the coder's choice"),
         W("The code is a manifestation and must be listed second")),
        "A dash at the end of an Index code means the code is incomplete, and Section I.B.2 requires every "
        "character: go to the Tabular, where S72.03- needs a sixth character for side and displacement and a "
        "7th for the encounter, as in S72.031A. Manifestation codes are shown in brackets, not with a dash.",
        module=1,
    ),
    Single(
        ICD, "Accidental poisoning by amoxicillin, initial encounter. The Table of Drugs sends you to T36.0X-. "
             "Which code is complete and correct?",
        (W("T36.0X1D"), R("T36.0X1A"), W("T36.0X5A"), W("T36.1X1A")),
        "Placeholder X holds position 5 so the intent (1, accidental) is in position 6 and the encounter (A, "
        "initial) in position 7: T36.0X1A. D is a subsequent encounter, 5 in position 6 is an adverse effect, "
        "not a poisoning, and T36.1- is cephalosporins.",
        module=1,
    ),
    Single(
        GL, "Alzheimer's disease with dementia: the Index shows \"G30.9 [F02.80]\". How are the codes reported?",
        (W("F02.80, then G30.9"), R("G30.9, then F02.80"), W("F02.80 only"), W("F03.90 only")),
        "A code in italic brackets is a manifestation: it follows the etiology (Section I.A.13). F02 says "
        "\"in diseases classified elsewhere\" and carries a Code first note for the underlying condition, so "
        "G30.9 comes first. F03.90 is for dementia with no known cause, which is not the case here.",
        module=1,
    ),
    Single(
        GL, "Office visit. Assessment: \"Cough and fever, probable viral pneumonia; chest x-ray ordered.\" What "
            "is coded?",
        (W("J12.9, viral pneumonia"), R("The cough and the fever"), W("J12.9 with the cough and the fever"),
         W("J18.9, pneumonia with unspecified organism")),
        "In outpatient records an uncertain diagnosis (probable, suspected, rule out) is not coded; code the "
        "signs and symptoms to the highest certainty (Section IV.H): R05.9 and R50.9. The inpatient rule "
        "is different.",
        module=1,
    ),
    Single(
        GL, "Inpatient discharge summary, final diagnosis: \"probable viral pneumonia\", treated as such. How is "
            "it coded?",
        (R("As if it were established: J12.9"), W("As the symptoms only"),
         W("As J18.9, because the organism is only probable"), W("It cannot be coded without a query")),
        "For inpatient admissions (Section II.H), a diagnosis documented at discharge as probable, suspected "
        "or likely is coded as if it existed, since the workup and treatment followed it: J12.9. The "
        "outpatient rule (code the symptoms) does not apply.",
        module=1,
    ),
    Single(
        ICD, "The provider writes only \"pneumonia\", with no organism or type. Which code does the Index entry "
             "Pneumonia give?",
        (W("J18.1"), W("J15.9"), W("J12.9"), R("J18.9")),
        "The code next to the main term is the default (Section I.A.18): Pneumonia, unspecified organism, "
        "J18.9. J18.1 is lobar pneumonia, J15.9 unspecified bacterial pneumonia, and J12.9 viral pneumonia; "
        "each needs documentation this note does not have.",
        module=1,
    ),
    Single(
        TA, "How many characters can an ICD-10-CM code have, and what is the first character?",
        (W("Three to five characters; always a number"),
         R("Three to seven characters; always a letter"),
         W("Exactly five characters; a letter or a number"),
         W("Three to seven characters; a letter, except U, or a number")),
        "An ICD-10-CM code has 3 to 7 characters; the first is always a letter, the second a number, and the "
        "rest letters or numbers. A dot follows the third character. Five numeric characters describe a CPT "
        "code, not a diagnosis.",
        module=1,
    ),
    Single(
        ICD, "Which of these are billable ICD-10-CM codes as written? Select all that apply.",
        (R("S72.031A"), W("N18.3"), R("J45.20"), W("T36.0X1"), R("E11.22")),
        "S72.031A, J45.20 and E11.22 have nothing below them. N18.3 is a header over N18.30-N18.32, and "
        "T36.0X1 needs its 7th character. The Index shows a dash when characters are missing, but the Tabular "
        "is where you confirm a code is complete.",
        module=1, multiple=True,
    ),
    CodeEntry(
        ICD, "Office visit: acute bronchitis due to respiratory syncytial virus (RSV). Code the diagnosis.",
        (Key("principal", "J20.5",
             "Bronchitis, acute, due to respiratory syncytial virus: J20.5, a combination code that names the "
             "organism. B97.4 (RSV as the cause of diseases classified elsewhere) is not added, since the "
             "organism is already in the code."),),
        "J20.5 alone: a combination code that names the site and the organism needs no B97 code.",
        module=1,
    ),
    CodeEntry(
        ICD, "Nursing facility visit: late-onset Alzheimer's disease with moderate dementia; no behavioral, "
             "psychotic, mood or anxiety disturbance. Code the diagnoses.",
        (Key("principal", "G30.1",
             "Etiology first: Alzheimer's disease with late onset, G30.1. F02's Code first note requires it."),
         Key("secondary", "F02.B0",
             "The manifestation: dementia in other diseases classified elsewhere, moderate, without "
             "behavioral, psychotic, mood or anxiety disturbance, F02.B0. The severity character (B, moderate) "
             "comes from the provider's documentation.")),
        "G30.1, then F02.B0: the etiology and manifestation convention and the severity of the dementia.",
        module=1,
    ),
    CodeEntry(
        ICD, "Office visit: type 2 diabetes without complications, on insulin glargine and metformin long term; "
             "hyperlipidemia on atorvastatin. Code the diagnoses.",
        (Key("principal", "E11.9",
             "Type 2 diabetes with no complication documented: E11.9."),
         Key("secondary", "Z79.4",
             "Long-term insulin. Z79.4 has Excludes2 Z79.84: both may be coded, and both are documented."),
         Key("secondary", "Z79.84",
             "Long-term oral hypoglycemic (metformin), as E11's Use additional code note asks."),
         Key("secondary", "E78.5",
             "Hyperlipidemia not further described: E78.5. The statin is not a separate code requirement."),
         Key("secondary", "Z79.899",
             "Long-term atorvastatin may be shown with other long-term drug therapy; the key accepts it "
             "without requiring it.", requirement="optional")),
        "E11.9, Z79.4 and Z79.84 together (Excludes2 allows both), and E78.5.",
        module=1,
    ),
    CodeEntry(
        ICD, "Office visit. CC: cough. Assessment: cough and fever, suspected pneumonia; chest x-ray ordered. "
             "Code the diagnoses.",
        (Key("principal", "R05.9",
             "Suspected pneumonia is not coded in an outpatient visit (Section IV.H); the chief complaint, "
             "cough not described as acute or chronic, is R05.9."),
         Key("secondary", "R50.9",
             "Fever, unspecified, R50.9, the second symptom that the uncertain diagnosis would explain.")),
        "Code the symptoms, not the suspected pneumonia: R05.9 and R50.9.",
        module=1,
    ),
    # --- module 2: endocrine and circulatory ---------------------------------------------------
    Single(
        ICD, "A 16-year-old with type 1 diabetes is seen in the ED with diabetic ketoacidosis; she is alert, "
             "not in a coma. Which code fits?",
        (R("E10.10"), W("E11.10"), W("E10.11"), W("E10.65")),
        "Type 1 diabetes with ketoacidosis without coma is E10.10; E10.11 is with coma. E11.10 is type 2, "
        "and E10.65 (with hyperglycemia) does not capture the ketoacidosis.",
        module=2,
    ),
    Single(
        ICD, "Assessment: type 2 diabetes with diabetic nephropathy; eGFR normal, no CKD documented. Which code "
             "fits?",
        (W("E11.22"), R("E11.21"), W("E11.29"), W("E11.22 and N18.1")),
        "Diabetes, with, nephropathy leads to E11.21. E11.22 is diabetic chronic kidney disease, which needs "
        "CKD documented with its stage code; E11.29 is other diabetic kidney complication. The coder does "
        "not assign a CKD stage the provider has not documented.",
        module=2,
    ),
    Single(
        GL, "A type 2 diabetic who takes metformin at home receives sliding-scale insulin only while admitted "
            "for pneumonia. Which diabetes drug status code is reported?",
        (W("Z79.4 and Z79.84"), W("Z79.4 only"), R("Z79.84 only"), W("Neither")),
        "Section I.C.4.a.3: Z79.4 is not assigned when insulin is given temporarily to bring a type 2 "
        "patient's blood sugar under control during an encounter. The long-term drug is metformin: Z79.84.",
        module=2,
    ),
    Single(
        GL, "A patient has essential hypertension and coronary artery disease without angina. How is it coded?",
        (R("I10 and I25.10"), W("I11.9 and I25.10"), W("I11.9"), W("I25.10 only")),
        "The presumed link between hypertension and heart disease covers heart failure and the conditions in "
        "I51.4-I51.7, I51.89 and I51.9, not coronary atherosclerosis. So I10 for the hypertension and I25.10 "
        "for the CAD without angina. I11.9 would claim hypertensive heart disease.",
        module=2,
    ),
    Single(
        ICD, "A patient with long-standing essential hypertension arrives with BP 192/118 and no sign of organ "
             "damage; the provider diagnoses hypertensive urgency. Which codes fit?",
        (W("I16.0 only"), W("I10 only"), R("I16.0 and I10"), W("I16.1 and I10")),
        "Hypertensive urgency is I16.0, and I16 has a Code also note for the underlying hypertensive disease: "
        "I10. I16.1 is hypertensive emergency, with acute organ damage, which is not documented here.",
        module=2,
    ),
    Single(
        ICD, "A single high blood pressure reading at a sports physical; the provider says it is not "
             "hypertension and will recheck. Which code fits?",
        (W("I10"), R("R03.0"), W("I16.9"), W("Z01.30")),
        "R03.0 is an elevated blood pressure reading without a diagnosis of hypertension. I10 needs the "
        "provider's diagnosis, I16.9 is a hypertensive crisis, and Z01.30 is for a blood pressure check "
        "without abnormal findings.",
        module=2,
    ),
    Single(
        ICD, "A patient had an anterior wall STEMI involving the left anterior descending artery 12 days ago and "
             "is seen for follow-up. Which code describes the infarction?",
        (R("I21.02"), W("I25.2"), W("I21.09"), W("I22.0")),
        "An MI is coded as acute (I21) while it is four weeks old or less, whatever the setting (Section "
        "I.C.9.e.1): "
        "STEMI involving the LAD, I21.02. I25.2 is an old MI, after four weeks and with no symptoms; I21.09 is "
        "another artery of the anterior wall; I22.0 is a new (subsequent) MI within four weeks of the first.",
        module=2,
    ),
    Single(
        HC, "A nurse injects 10 units of regular insulin in the office. How is the drug reported?",
        (W("J1815 x 10"), R("J1815 x 2"), W("J1815 x 1"), W("J3490 x 1")),
        "J1815 is insulin per 5 units, so 10 units is 2 units of service. Reporting 10 confuses the drug's "
        "units with the code's; J3490 (unclassified drugs) is only for a drug with no code of its own.",
        module=2,
    ),
    Single(
        MED, "A complete transthoracic echocardiogram is done, with spectral and color flow Doppler, for heart "
             "failure. Which CPT code fits?",
        (W("93307"), W("93312"), W("93000"), R("93306")),
        "93306 is the complete transthoracic echo with spectral and color flow Doppler. 93307 is the complete "
        "study without Doppler, 93312 a transesophageal echo (through the esophagus), and 93000 an ECG.",
        module=2,
    ),
    Single(
        LAB, "The order reads \"CMP\" for a patient with diabetes and hypertension. What does the "
             "comprehensive metabolic panel (80053) add to the basic metabolic panel (80048)?",
        (R("Liver tests and proteins (albumin, total protein, bilirubin, ALT, AST, alkaline phosphatase)"),
         W("Cholesterol and triglycerides"), W("A complete blood count"), W("The hemoglobin A1c")),
        "The CMP includes every BMP test (glucose, electrolytes, BUN, creatinine, calcium) plus albumin, total "
        "protein, bilirubin, alkaline phosphatase, ALT and AST. Lipids are the lipid panel (80061), blood "
        "counts the CBC (85025), and the A1c is 83036: each reported separately.",
        module=2,
    ),
    Single(
        GL, "Which conditions does ICD-10-CM presume were caused by hypertension, unless the provider says "
            "otherwise? Select all that apply.",
        (R("Chronic kidney disease"), R("Heart failure"), W("Coronary artery disease"),
         W("Type 2 diabetes mellitus")),
        "Section I.C.9.a presumes a causal link between hypertension and heart involvement (heart failure, "
        "I51.4-I51.7, I51.89, I51.9) and between hypertension and chronic kidney disease. Coronary artery "
        "disease and diabetes are coded separately with I10.",
        module=2, multiple=True,
    ),
    CodeEntry(
        CV, "Hospital outpatient procedure: a new permanent pacemaker with transvenous leads in the right "
            "atrium and right ventricle is inserted for sick sinus syndrome. Code the procedure and the "
            "diagnosis.",
        (Key("procedure", "33208",
             "A new permanent pacemaker with transvenous electrodes in both the atrium and the ventricle "
             "(dual chamber) is 33208; 33206 is atrial only and 33207 ventricular only."),
         Key("principal", "I49.5",
             "Sick sinus syndrome, I49.5: the reason for the pacemaker.")),
        "33208 for a dual-chamber system, I49.5 for the diagnosis that supports it.",
        module=2,
    ),
    # --- module 3: injuries, poisoning and adverse effects ---------------------------------------
    Single(
        GL, "What does the 7th character A mean on an injury code?",
        (W("The first time this physician sees the patient for the injury, whatever the treatment"),
         R("The patient is receiving active treatment for the injury"),
         W("The injury is acute, less than four weeks old"),
         W("The patient was admitted as an inpatient")),
        "A is the initial encounter: active treatment, such as surgery, the ED visit, or evaluation and "
        "continuing treatment by the same or a different physician (Section I.C.19.a). It is not about who "
        "sees the patient first. D is routine care in the healing or recovery phase; S is a sequela.",
        module=3,
    ),
    Single(
        ICD, "An open type II fracture of the shaft of the right radius is treated in the ED. Which 7th "
             "character goes on the fracture code?",
        (W("A"), R("B"), W("C"), W("D")),
        "For fractures of the forearm, A is initial encounter for a closed fracture, B initial for an open "
        "fracture type I or II (or open NOS), and C initial for open type IIIA, IIIB or IIIC. D is a "
        "subsequent encounter with routine healing.",
        module=3,
    ),
    Single(
        GL, "A woman took two of her own prescribed blood pressure pills instead of one by mistake and became "
            "dizzy. How is this classified?",
        (W("Adverse effect: it was her own prescribed drug"), R("Poisoning: the wrong dose was taken"),
         W("Underdosing"), W("Poisoning, undetermined intent")),
        "Section I.C.19.e.5.b: taking the wrong dose, or the wrong drug, is a poisoning, even of the patient's "
        "own prescribed medicine. The mistake makes the intent accidental; undetermined is only for a record "
        "that says the intent cannot be determined. An adverse effect requires the drug to be taken "
        "correctly.",
        module=3,
    ),
    Single(
        ICD, "A patient is seen for a scar of the left cheek, a late effect of a laceration a year ago that was "
             "sutured. How is it coded?",
        (R("L90.5, then S01.412S"), W("S01.412S, then L90.5"), W("S01.412A"), W("L90.5 only")),
        "For a sequela, the condition being treated (the scar, L90.5) comes first and the injury that caused "
        "it follows, with 7th character S (Section I.C.19.a). S01.412A would mean the laceration is still in "
        "active treatment, and L90.5 alone loses the cause.",
        module=3,
    ),
    Single(
        TA, "The ED diagnosis is a fracture of the olecranon process. Which bone is broken?",
        (W("The radius"), R("The ulna"), W("The humerus"), W("The scapula")),
        "The olecranon is the point of the elbow, the proximal end of the ulna (S52.0-, upper end of ulna). "
        "The radial head is the radius at the elbow, the condyles and epicondyles belong to the distal "
        "humerus, and the acromion is part of the scapula.",
        module=3,
    ),
    Single(
        GL, "Which statement about external cause codes (V00-Y99) is correct?",
        (W("They are required on every injury claim by national rule"),
         W("They may be listed as the first diagnosis when the injury is minor"),
         R("There is no national requirement; follow state, payer and facility policy, and never list them first"),
         W("They are used only for inpatient admissions")),
        "Section I.C.20: no national requirement mandates external cause codes, but many states and payers "
        "require them. They are never principal or first-listed, and they are used in any setting, for as long "
        "as the injury is treated.",
        module=3,
    ),
    Single(
        RAD, "After a car crash, the ED orders a CT of the cervical spine without contrast. Which CPT code "
             "fits?",
        (W("72126"), W("70450"), W("72141"), R("72125")),
        "72125 is CT of the cervical spine without contrast. 72126 is with contrast, 70450 a CT of the head, "
        "and 72141 an MRI of the cervical spine, a different kind of imaging.",
        module=3,
    ),
    Single(
        MSK, "A displaced femoral neck fracture is treated with a hemiarthroplasty (the femoral head is replaced "
             "with a prosthesis). Which CPT code fits?",
        (W("27130"), W("27125"), R("27236"), W("27235")),
        "For a fracture of the femoral neck, open treatment with internal fixation or prosthetic replacement "
        "is 27236, and that includes a hemiarthroplasty. 27125 is a hemiarthroplasty for a condition other than "
        "fracture, 27130 a total hip replacement (both sides of the joint), and 27235 percutaneous fixation.",
        module=3,
    ),
    Single(
        GL, "Which of these are poisonings, not adverse effects? Select all that apply.",
        (R("A nurse gives the right drug at ten times the ordered dose"),
         R("A patient takes his prescribed sedative with several beers"),
         W("A patient develops a rash from amoxicillin taken as prescribed"),
         R("A toddler swallows his grandmother's lorazepam"),
         W("A patient's blood pressure drops too low on a correctly taken new antihypertensive")),
        "A wrong dose, a drug taken by the wrong person, and a prescribed drug taken with alcohol are "
        "poisonings (Section I.C.19.e.5.b); the T code comes first. A reaction to the right drug properly "
        "taken is an adverse effect: the reaction first, then the T code with character 5.",
        module=3, multiple=True,
    ),
    CodeEntry(
        INTEG, "ED visit: a 4.0 cm laceration of the back of the left hand from a kitchen knife, no foreign "
               "body, closed with a simple repair. Code the repair, the diagnosis and, if your facility "
               "reports it, the external cause.",
        (Key("procedure", "12002",
             "Simple repair of the extremities (hands included) by length: 2.6 to 7.5 cm is 12002. 12001 is "
             "2.5 cm or less; an intermediate (layered) repair would be 12042."),
         Key("principal", "S61.412A",
             "Laceration without foreign body of the left hand, initial encounter: S61.412A. S61.512A would be "
             "the wrist."),
         Key("secondary", "W26.0XXA",
             "Contact with knife, with placeholders to reach the 7th character. Optional: external cause codes "
             "have no national requirement.", requirement="optional")),
        "12002 for a 4.0 cm simple repair, S61.412A, and W26.0XXA if the facility reports external causes.",
        module=3,
    ),
    CodeEntry(
        ICD, "Office visit: dizziness from lisinopril started last week, taken as prescribed; the dose is "
             "lowered. Code the diagnoses.",
        (Key("principal", "R42",
             "An adverse effect is coded by its nature first (Section I.C.19.e.5.a and the T36-T50 Code first "
             "note): dizziness, R42."),
         Key("secondary", "T46.4X5A",
             "Table of Drugs, lisinopril, adverse effect: ACE inhibitors, T46.4X5-, with placeholder X and A "
             "while the effect is actively treated. A poisoning code (character 1) is wrong: the drug was "
             "taken correctly.")),
        "R42 first, then T46.4X5A: the effect, then the drug.",
        module=3,
    ),
    CodeEntry(
        ICD, "ED visit: a 2-year-old found with his grandmother's lorazepam; he is very sleepy. The provider "
             "documents accidental ingestion. Code the diagnoses.",
        (Key("principal", "T42.4X1A",
             "A drug taken by someone it was not prescribed for is a poisoning, sequenced first (Section "
             "I.C.19.e.5.b): benzodiazepines, accidental, T42.4X1A."),
         Key("secondary", "R40.0",
             "The manifestation: somnolence, R40.0, as the T36-T50 Use additional code note asks.")),
        "T42.4X1A, then R40.0: the poisoning first, then what it did.",
        module=3,
    ),
    # --- module 4: neoplasms and Z codes --------------------------------------------------------
    Single(
        GL, "A woman's right breast cancer was excised in 2019; she had no further treatment and there is no "
            "evidence of disease. Which code applies today?",
        (W("C50.911"), R("Z85.3"), W("Z80.3"), W("Z86.000")),
        "A cancer excised or eradicated, with no treatment directed at it and no evidence of disease, is "
        "history: Z85.3 (Section I.C.2.d). C50.911 would say it is current, Z80.3 is a family history, and "
        "Z86.000 is a history of in situ breast neoplasm, not of an invasive cancer.",
        module=4,
    ),
    Single(
        GL, "A patient with cancer of the ascending colon comes to the infusion center only to receive "
            "chemotherapy. In what order are the codes listed?",
        (R("Z51.11, then C18.2"), W("C18.2, then Z51.11"), W("Z51.11 only"), W("C18.2 only")),
        "When the encounter is solely for chemotherapy, Z51.11 is first-listed and the cancer follows "
        "(Section I.C.2.e.2). Z51.11 alone would not say what is treated, and C18.2 alone would not say why "
        "the patient came.",
        module=4,
    ),
    Single(
        ICD, "A patient with breast cancer takes tamoxifen daily as planned for 5 years. Which Z79 code fits?",
        (W("Z79.811"), W("Z79.899"), R("Z79.810"), W("Z79.818")),
        "Tamoxifen is a selective estrogen receptor modulator (SERM): Z79.810. Z79.811 is for aromatase "
        "inhibitors such as anastrozole, Z79.818 other agents affecting estrogen receptors, and Z79.899 "
        "other drugs in general.",
        module=4,
    ),
    Single(
        GL, "A patient is admitted only to treat anemia caused by chemotherapy for lung cancer. Which is the "
            "principal diagnosis?",
        (W("The lung cancer"), R("D64.81, anemia due to antineoplastic chemotherapy"),
         W("T45.1X5A, adverse effect of antineoplastic drugs"), W("Z51.11, encounter for chemotherapy")),
        "Section I.C.2.c.2: when the admission is for the anemia caused by chemotherapy and only the anemia is "
        "treated, the anemia (D64.81) is principal, followed by the neoplasm and T45.1X5A. Z51.11 is for an "
        "encounter to give chemotherapy, not to treat its effects.",
        module=4,
    ),
    Single(
        LAB, "A lumpectomy for breast cancer is sent to pathology for diagnosis and evaluation of the surgical "
             "margins. Which surgical pathology level applies?",
        (W("88305 (level IV)"), R("88307 (level V)"), W("88309 (level VI)"), W("88304 (level III)")),
        "A partial mastectomy (lumpectomy) with margin evaluation is level V, 88307. A breast biopsy without "
        "margins is level IV (88305), and a mastectomy with regional lymph nodes is level VI (88309).",
        module=4,
    ),
    Single(
        INTEG, "The surgeon removes a breast tumor with a rim of normal tissue for a confirmed cancer "
               "(lumpectomy), without lymph node dissection. Which CPT code fits?",
        (W("19120"), W("19303"), W("19302"), R("19301")),
        "A partial mastectomy (lumpectomy, segmentectomy) is 19301; 19302 adds an axillary lymphadenectomy, "
        "19303 is a simple complete mastectomy, and 19120 is the excision of a breast lesion such as a cyst "
        "or fibroadenoma without the intent to obtain margins for a cancer.",
        module=4,
    ),
    Single(
        ICD, "Which of these mean the cancer is still current and is coded with a C code, not Z85? Select all "
             "that apply.",
        (R("After lumpectomy, the patient takes adjuvant anastrozole for the breast cancer"),
         R("The patient is receiving radiation to the tumor bed"),
         W("The cancer was excised 6 years ago; no treatment since and no evidence of disease"),
         R("The patient has declined treatment, and the tumor is still present")),
        "A malignancy is current while it is present or treatment is directed at it, including adjuvant "
        "hormone therapy and radiation, and it stays current when the patient declines treatment. Only when "
        "it is gone and no treatment is directed at it does it become history, Z85.-.",
        module=4, multiple=True,
    ),
    CodeEntry(
        ICD, "Screening colonoscopy for a 45-year-old with no symptoms whose father had colon cancer; no "
             "findings. Code the diagnoses.",
        (Key("principal", "Z12.11",
             "The encounter is for screening of the colon in a patient without symptoms: Z12.11 first."),
         Key("secondary", "Z80.0",
             "Z12's Use additional code note asks for any family history of cancer: a parent with colon "
             "cancer is Z80.0, family history of malignant neoplasm of digestive organs.")),
        "Z12.11 and Z80.0. If a polyp were found, the finding would be added, and Z12.11 would stay first.",
        module=4,
    ),
    # --- no module -------------------------------------------------------------------------------
    Single(
        EM, "At one visit, the provider repairs a laceration and also evaluates and adjusts treatment for the "
            "patient's poorly controlled diabetes. Which modifier goes on the E/M code?",
        (R("25"), W("59"), W("57"), W("24")),
        "Modifier 25 marks a significant, separately identifiable E/M service on the day of a procedure. 59 "
        "is for distinct procedures, not E/M; 57 is the decision for a major surgery; 24 is an unrelated E/M "
        "during a postoperative period.",
    ),
    Single(
        ANES, "A CRNA gives the anesthetic while an anesthesiologist medically directs her. Which modifier goes "
              "on the CRNA's claim line?",
        (W("QZ"), R("QX"), W("QK"), W("AA")),
        "QX is a CRNA service with medical direction by a physician. QZ is a CRNA without medical direction, QK "
        "goes on the anesthesiologist's line when directing two to four concurrent procedures, and AA means "
        "the anesthesiologist personally performed the service.",
    ),
    Single(
        CO, "Which law makes a provider liable for knowingly submitting false or fraudulent claims to "
            "Medicare, such as claims upcoded on purpose?",
        (W("The HIPAA Privacy Rule"), R("The False Claims Act"), W("The Stark Law"), W("EMTALA")),
        "The False Claims Act imposes penalties for each false claim knowingly submitted to a federal health "
        "program, and lets whistleblowers bring cases. HIPAA's Privacy Rule protects health information, "
        "Stark limits physician self-referral, and EMTALA requires emergency screening and stabilization.",
    ),
    Single(
        CO, "The problem list says \"history of breast cancer\", but today's note shows the patient is on "
            "adjuvant anastrozole. What does the coder do?",
        (W("Code Z85.3 because the problem list says history"),
         R("Code the current cancer from today's documentation, and ask for the problem list to be updated"),
         W("Code both the C50 code and Z85.3"),
         W("Leave the cancer uncoded until the problem list is corrected")),
        "Each encounter is coded from its own documentation, and a cancer under adjuvant treatment is current "
        "(Section I.C.2.d). Reporting Z85.3 would be inaccurate, and coding current and history together is "
        "contradictory. Fixing the problem list is a documentation task for the provider.",
    ),
    # --- cases -----------------------------------------------------------------------------------
    Case(
        ICD, "Code this office visit.",
        "Office note",
        _t("""
            Patient: Philippa Strand, 69-year-old woman. Date of service: 2026-04-22.
            Northwind Family Medicine. Provider: Ingrid Halvorsen, MD. Established patient.
            CC: Diabetes follow-up; sugars high for a month.
            HPI: Type 2 diabetes for 15 years on insulin glargine and metformin. Hypertension on losartan.
            Home readings 250-310 after a course of holiday eating. No lows.
            Labs: A1c 9.8%. eGFR 41, stable for a year.
            Assessment:
            1. Type 2 diabetes mellitus with hyperglycemia.
            2. Diabetic chronic kidney disease, stage 3b.
            3. Hypertension.
            Plan: Increase glargine; dietitian visit. BMP and A1c in 3 months. MDM: moderate.
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM).",
                  (Key("principal", "E11.65",
                       "The visit is for the high sugars: type 2 diabetes with hyperglycemia, E11.65, first. "
                       "Use as many E11 codes as the complications documented (Section I.C.4.a)."),
                   Key("secondary", "E11.22",
                       "The second diabetic complication: diabetic CKD, E11.22."),
                   Key("secondary", "I12.9",
                       "Hypertension with CKD is presumed linked: I12.9 for stage 1-4, not I10."),
                   Key("secondary", "N18.32",
                       "Stage 3b, as documented. Both E11.22 and I12.9 ask for it, and N18's Code first note "
                       "puts them ahead of it."),
                   Key("secondary", "Z79.4",
                       "Long-term insulin."),
                   Key("secondary", "Z79.84",
                       "Long-term metformin, an oral hypoglycemic: both drug codes, Excludes2 permits it."))),
         CaseItem("Visit", "Code the office visit (CPT).",
                  (Key("procedure", "99214",
                       "Established patient, moderate medical decision making: 99214."),))),
        "Two E11 codes for two complications, the hypertensive CKD combination, the stage after both, and both "
        "drug codes; 99214 for the visit.",
        module=2,
    ),
    Case(
        MSK, "Code the emergency physician's services.",
        "ED record",
        _t("""
            Patient: Augustin Pelletier, 71-year-old man. Date of service: 2026-05-16.
            Northwind Regional Medical Center, Emergency Department. Physician: Rafael Quintero, MD.
            CC: Left wrist pain and deformity after falling off a stepladder while cleaning gutters.
            Exam: Dinner-fork deformity of the left wrist. Skin intact. Radial pulse and sensation intact.
            X-ray (read by radiology): dorsally angulated, displaced extra-articular fracture of the distal
            left radius (Colles' fracture).
            Procedure: Hematoma block. Closed reduction with traction and manipulation; sugar-tong splint.
            Post-reduction films: alignment restored.
            Diagnosis: Closed Colles' fracture of the left radius.
            Disposition: Home; orthopedics follow-up in 5 days.
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM), with the external cause if your facility "
                               "reports it.",
                  (Key("principal", "S52.532A",
                       "Fracture, radius, lower end, Colles': S52.53-, sixth character 2 for the left, 7th "
                       "character A for the initial encounter of a closed fracture."),
                   Key("secondary", "W11.XXXA",
                       "Fall on and from ladder (a stepladder is a ladder), with placeholders to the 7th "
                       "character. Optional: no national requirement for external cause codes.",
                       requirement="optional"))),
         CaseItem("Procedures", "Code the fracture care (CPT).",
                  (Key("procedure", "25605",
                       "Closed treatment of a distal radius fracture with manipulation: 25605. 25600 is without "
                       "manipulation; the splint is part of the fracture care."),))),
        "S52.532A, with W11.XXXA as an optional external cause, and 25605 for the closed reduction.",
        module=3,
    ),
    Case(
        HC, "Code this injection visit.",
        "Office note",
        _t("""
            Patient: Evangeline Mortensen, 67-year-old woman. Date of service: 2026-06-09.
            Northwind Women's Health. Provider: Lucia Ferreira, MD.
            Reason for visit: Denosumab injection.
            History: Invasive ductal carcinoma of the upper-outer quadrant of the left breast, estrogen
            receptor positive, lumpectomy 2025; on anastrozole 1 mg daily since. Postmenopausal.
            DEXA 2026-05: T-score -2.7 at the lumbar spine.
            Assessment: Postmenopausal osteoporosis, no fracture. Breast cancer on adjuvant anastrozole.
            Procedure: Denosumab 60 mg subcutaneously, left upper arm, single-dose syringe, fully used.
            Plan: Calcium and vitamin D; repeat injection in 6 months.
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM).",
                  (Key("principal", "M81.0",
                       "The visit is for the osteoporosis: postmenopausal osteoporosis without a current "
                       "fracture is an inclusion term of M81.0, age-related osteoporosis."),
                   Key("secondary", "C50.412",
                       "The cancer is current while anastrozole is given: upper-outer quadrant, left female "
                       "breast, C50.412."),
                   Key("secondary", "Z79.811",
                       "Long-term aromatase inhibitor; its Code first note puts the breast cancer ahead of it."),
                   Key("secondary", "Z17.0",
                       "C50's Use additional code note asks for the receptor status: estrogen receptor "
                       "positive, Z17.0."),
                   Key("secondary", "Z78.0",
                       "Postmenopausal status, listed in Z79.811's Use additional code note, if applicable; "
                       "the key accepts it without requiring it.", requirement="optional"))),
         CaseItem("Procedures and drugs", "Code the injection and the drug (CPT and HCPCS Level II).",
                  (Key("procedure", "96372",
                       "A subcutaneous therapeutic injection: 96372."),
                   Key("supply", "J0897",
                       "Denosumab is J0897, per 1 mg: 60 mg is 60 units. Nothing was discarded, so no JW "
                       "line.", units=60)))),
        "M81.0 first for the reason for the visit, then the current breast cancer, its drug and receptor "
        "status; 96372 and J0897 x 60.",
        module=4,
    ),
    Case(
        INTEG, "Code this emergency department visit.",
        "ED record",
        _t("""
            Patient: Lionel Abernethy, 34-year-old man. Date of service: 2026-07-03.
            Northwind Regional Medical Center, Emergency Department. Physician: Rafael Quintero, MD.
            CC: Dog bite to the right forearm 1 hour ago; the neighbor's dog, vaccinated.
            Exam: 3.0 cm gaping laceration of the volar right forearm from a bite; no tendon exposure;
            no foreign body on exploration. Neurovascular intact.
            Procedure: Irrigated with 500 mL saline. Simple one-layer closure with 4-0 nylon, 3.0 cm.
            Tetanus up to date.
            Diagnosis: Dog bite, right forearm, with laceration.
            Plan: Amoxicillin-clavulanate for 5 days; wound check in 48 hours.
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM), with the external cause if your facility "
                               "reports it.",
                  (Key("principal", "S51.851A",
                       "A bite that breaks the skin is an open bite (Bite, forearm leads to the open wounds of "
                       "the forearm): open bite of the right forearm, S51.851A. A laceration code (S51.811A) "
                       "does not say it was a bite."),
                   Key("secondary", "W54.0XXA",
                       "Bitten by dog. Optional: external cause codes are reported by facility policy.",
                       requirement="optional"))),
         CaseItem("Procedures", "Code the wound repair (CPT).",
                  (Key("procedure", "12002",
                       "Simple repair of the extremities, 3.0 cm: 2.6 to 7.5 cm is 12002. Irrigation is part "
                       "of the repair."),))),
        "S51.851A for the open bite, W54.0XXA optional, and 12002 for a 3.0 cm simple repair.",
        module=3,
    ),
    # --- written ---------------------------------------------------------------------------------
    Written(
        GL, "Explain the difference between an Excludes1 and an Excludes2 note, give an example of each from "
            "the Tabular, and state the exception to Excludes1.",
        "1 point: Excludes1 means the two codes are never reported together (the conditions cannot coexist "
        "or one is a form of the other), with an example such as E11 excluding E10 or Z87.891 excluding F17.2-. "
        "1 point: Excludes2 means the excluded condition is not part of this code, but both may be reported "
        "when both are present, with an example such as Z79.4 and Z79.84. 1 point: the exception: when the two "
        "conditions are unrelated to each other, both may be coded (query if unsure).",
        "An Excludes1 note is a pure exclusion: the condition it names is never coded together with the code "
        "above the note. Type 2 diabetes (E11) excludes type 1 (E10), since a patient has one type; a history "
        "of nicotine dependence (Z87.891) excludes current dependence (F17.2-). An Excludes2 note says not "
        "included here: the named condition is not part of this code, but the patient may have both, and then "
        "both are coded; Z79.4 (insulin) has Excludes2 Z79.84 (oral hypoglycemics), and a patient on both gets "
        "both. The exception to Excludes1 (Section I.A.12.a) is when the two conditions are unrelated to each "
        "other; if it is not clear whether they are related, query the provider.",
        module=1,
    ),
    Written(
        GL, "Explain how a coder tells a poisoning from an adverse effect and from underdosing, and how each "
            "is sequenced.",
        "1 point: adverse effect = the right drug, properly prescribed and taken; the effect is coded first, "
        "then the T code with character 5. 1 point: poisoning = the wrong drug, wrong dose, wrong person or "
        "route, or a prescribed drug taken with alcohol or a drug not prescribed; the T code (intent 1-4, "
        "accidental when not documented) is first, then the manifestations. 1 point: underdosing = less drug "
        "taken than prescribed; the condition first, then the T code with character 6, with a noncompliance "
        "(Z91.12-, Z91.13-, Z91.14-) or complication of care code for the reason.",
        "Start with what happened. If the patient took the right drug at the right dose, as prescribed, the "
        "event is an adverse effect: code the nature of the effect first (hives, L50.0; dizziness, R42), then "
        "the drug from the adverse effect column (T36.0X5A, T46.4X5A). If anything was wrong (the drug, the "
        "dose, the person, the route) or the drug was taken with alcohol or a drug not prescribed, it is a "
        "poisoning: the T code from the poisoning column comes first, with accidental intent if none is "
        "documented, followed by the manifestations. If the patient took less than prescribed, it is "
        "underdosing: the condition that worsened comes first (for example I10), then the T code with "
        "character 6 (T46.4X6A), plus a Z91.12- to Z91.14- code saying why, such as Z91.120 for financial "
        "hardship.",
        module=3,
    ),
    Written(
        GL, "A patient had breast cancer. Explain how a coder decides whether to report a current malignancy "
            "(C50.-) or a personal history of it (Z85.3).",
        "1 point: the cancer is current while it is present or treatment is directed at it: surgery, "
        "chemotherapy, radiation, or adjuvant hormone therapy (tamoxifen, anastrozole). 1 point: it is history "
        "(Z85.3) when it has been excised or eradicated, no treatment is directed at the site, and there is "
        "no evidence of disease. 1 point: the coder decides from the current encounter's documentation, not "
        "from the problem list, and queries when the status is unclear.",
        "Section I.C.2.d makes treatment the test. While the cancer is present, or while any treatment is "
        "directed at it, including adjuvant anastrozole or tamoxifen after a lumpectomy, it is current and "
        "coded C50.- with its receptor status and drug codes (Z17.0, Z79.811). Once it has been excised or "
        "eradicated, no further treatment is directed at the site, and there is no evidence of remaining "
        "disease, it becomes history, Z85.3. A patient who declines treatment still has a current cancer. The "
        "coder reads today's note for the status and queries the provider when it does not say.",
        module=4,
    ),
)
