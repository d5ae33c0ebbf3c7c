"""Question bank of MCC-106 CPC Exam Review (Capstone), spread over every CPC domain like the exam.

Modules: 1 the CPC exam, blueprint and strategy (short exam-style questions worked by elimination);
2 mixed case practice (scenarios and records coded start to finish).
CPT services are described in our own words, never by their descriptors.
"""

from __future__ import annotations

from assessments.demo_content.shapes import Case, CaseItem, Choice, CodeEntry, Key, Single, Written
from courses.demo_content.shapes import _t

STRATEGY, PRACTICE = 1, 2

QUESTIONS: tuple = (
    # --- module 1: blueprint and strategy: exam-style questions -----------------------------------
    Single(
        domain="cpc:guidelines",
        module=STRATEGY,
        prompt="On the exam, all four answer choices of a case share the same CPT code and modifiers; they "
               "differ only in the ICD-10-CM codes. Where do you spend your time?",
        choices=(
            Choice("On the diagnoses: the postoperative diagnosis, the pathology and the Tabular notes",
                   correct=True),
            Choice("On confirming the CPT code in the index"),
            Choice("On the anesthesia and time in the note"),
            Choice("Nowhere: pick the choice with the most codes"),
        ),
        rationale="Compare the choices first. What they share is not being tested; what differs is. Here only "
                  "the diagnoses differ, so read for them and check the Tabular notes. More codes is not more "
                  "correct: an extra code is often the wrong one.",
    ),
    Single(
        domain="cpc:guidelines",
        module=STRATEGY,
        prompt="An outpatient note ends 'probable pneumonia' with cough and fever; the chest x-ray is pending. "
               "For the outpatient claim you code",
        choices=(
            Choice("the cough and the fever", correct=True),
            Choice("pneumonia, because the provider thinks it is likely"),
            Choice("pneumonia and the cough and fever"),
            Choice("nothing until the x-ray is read"),
        ),
        rationale="In outpatient settings, diagnoses qualified as probable, suspected or rule out are not "
                  "coded; code the signs and symptoms to the highest certainty (Section IV.H). Inpatient "
                  "coding is the exception that codes an uncertain diagnosis at discharge as if it existed.",
    ),
    Single(
        domain="cpc:guidelines",
        module=STRATEGY,
        multiple=True,
        prompt="Which answer choices can you eliminate on sight, without opening the books? Choose all that "
               "apply.",
        choices=(
            Choice("A choice with S52.521 for an initial fracture encounter (no 7th character)", correct=True),
            Choice("A choice that puts modifier RT on an ICD-10-CM code", correct=True),
            Choice("A choice that lists an add-on code with no primary procedure", correct=True),
            Choice("A choice whose first-listed diagnosis is a Z code"),
        ),
        rationale="A fracture code without its 7th character is invalid, diagnosis codes never take "
                  "modifiers, and an add-on code cannot stand alone: all three are out. A Z code can be the "
                  "first-listed diagnosis (screening, an encounter for a vaccine), so that one needs reading.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=STRATEGY,
        prompt="Which pair breaks an Excludes1 note, so any answer containing it can be eliminated?",
        choices=(
            Choice("M54.50 with S39.012A", correct=True),
            Choice("I10 with E78.5"),
            Choice("E11.9 with Z79.84"),
            Choice("J45.41 with Z77.22"),
        ),
        rationale="M54.5 (low back pain) has an Excludes1 note for low back strain (S39.012-): code the strain "
                  "only. The others are pairs the Tabular asks for or allows: E11's Use additional code note "
                  "for the drug, J45's note for tobacco smoke exposure.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=STRATEGY,
        prompt="A rash from amoxicillin taken as prescribed, first visit for it. Which code is valid and "
               "complete for the adverse effect?",
        choices=(
            Choice("T36.0X5A", correct=True),
            Choice("T36.0X5"),
            Choice("T36.05A"),
            Choice("T36.0X1A"),
        ),
        rationale="Adverse effects of a drug properly taken use the sixth character 5, with placeholder X in "
                  "the fifth position and the 7th character A: T36.0X5A (the rash is coded first as the "
                  "manifestation). T36.0X5 lacks its 7th character, T36.05A its placeholder, and T36.0X1A is "
                  "an accidental poisoning.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=STRATEGY,
        prompt="Inpatient: sepsis due to pneumonia, organism not identified; no organ dysfunction. The codes, "
               "in order, are",
        choices=(
            Choice("A41.9, J18.9", correct=True),
            Choice("J18.9, A41.9"),
            Choice("A41.9, J18.9, R65.20"),
            Choice("R65.20, A41.9, J18.9"),
        ),
        rationale="When sepsis is present on admission with a localized infection, the systemic infection "
                  "(A41.9) is sequenced first and the localized infection (J18.9) after it. R65.20, severe "
                  "sepsis, needs associated acute organ dysfunction, and it is never listed first.",
    ),
    Single(
        domain="cpc:em",
        module=STRATEGY,
        prompt="An established patient's visit: the provider documents 41 minutes of total time on the date of "
               "service. The code is",
        choices=(
            Choice("99214"),
            Choice("99215", correct=True),
            Choice("99205"),
            Choice("99417"),
        ),
        rationale="The established patient thresholds are 10, 20, 30 and 40 minutes: 41 meets 99215. 99205 is "
                  "a new patient code, and the prolonged service add-on 99417 starts only 15 minutes beyond "
                  "the 99215 threshold.",
    ),
    Single(
        domain="cpc:em",
        module=STRATEGY,
        prompt="Emergency department visits (99281-99285) are leveled by",
        choices=(
            Choice("medical decision making only", correct=True),
            Choice("medical decision making or total time"),
            Choice("total time only"),
            Choice("history, exam and decision making"),
        ),
        rationale="ED visits are chosen by decision making alone: time is not a factor because ED care is "
                  "given on an unscheduled, shift basis. Office and hospital visits may use decision making "
                  "or time.",
    ),
    Single(
        domain="cpc:anesthesia",
        module=STRATEGY,
        prompt="Anesthesia time is 90 minutes and the payer counts 15 minutes as one time unit. How many time "
               "units are added to the base units?",
        choices=(
            Choice("6", correct=True),
            Choice("5"),
            Choice("1.5"),
            Choice("90"),
        ),
        rationale="90 minutes divided by 15 is 6 time units. The anesthesia payment is the base units of the "
                  "code plus the time units (plus any modifying units) times the conversion factor.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=STRATEGY,
        prompt="A melanoma of the upper back is excised; the excised diameter with margins is 2.5 cm. The "
               "excision code is",
        choices=(
            Choice("11603", correct=True),
            Choice("11403"),
            Choice("11602"),
            Choice("11623"),
        ),
        rationale="Malignant lesion of the trunk, excised diameter 2.1 to 3.0 cm: 11603. 11403 is the benign "
                  "code of the same size, 11602 one size smaller and 11623 the scalp, neck, hands and feet "
                  "group.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=STRATEGY,
        prompt="Total knee arthroplasty of the left knee for primary osteoarthritis of the left knee only. "
               "Which answer is right?",
        choices=(
            Choice("27447-LT; M17.12", correct=True),
            Choice("27447-RT; M17.12"),
            Choice("27446-LT; M17.12"),
            Choice("27447-LT; M17.0"),
        ),
        rationale="Eliminate by what differs: the side (LT, left), the procedure (27446 replaces one "
                  "compartment, not the whole knee) and the diagnosis (M17.0 is bilateral osteoarthritis). "
                  "27447-LT with M17.12 is left.",
    ),
    Single(
        domain="cpc:surgery-respiratory",
        module=STRATEGY,
        prompt="Flexible bronchoscopy with forceps biopsies of an endobronchial lesion of the right main "
               "bronchus. The code is",
        choices=(
            Choice("31625", correct=True),
            Choice("31622"),
            Choice("31628"),
            Choice("31624"),
        ),
        rationale="31625 is bronchoscopy with bronchial or endobronchial biopsy, one or more sites. 31622 is "
                  "diagnostic only, 31628 a transbronchial biopsy of the lung itself and 31624 a "
                  "bronchoalveolar lavage.",
    ),
    Single(
        domain="cpc:surgery-cardiovascular",
        module=STRATEGY,
        prompt="An implantable port for chemotherapy is placed in an adult: catheter tunneled to the internal "
               "jugular vein, port in a pocket on the chest. The code is",
        choices=(
            Choice("36561", correct=True),
            Choice("36571"),
            Choice("36558"),
            Choice("36556"),
        ),
        rationale="A centrally inserted, tunneled device with a subcutaneous port, patient 5 or older: 36561. "
                  "36571 is a port inserted peripherally (arm), 36558 a tunneled catheter without a port and "
                  "36556 a non-tunneled central line.",
    ),
    Single(
        domain="cpc:surgery-digestive",
        module=STRATEGY,
        prompt="During a colonoscopy, a 9 mm polyp is removed with a cold snare. The code is",
        choices=(
            Choice("45385", correct=True),
            Choice("45380"),
            Choice("45384"),
            Choice("45378"),
        ),
        rationale="Removal by snare technique: 45385. 45380 is a biopsy, 45384 removal with hot biopsy "
                  "forceps, 45378 a diagnostic colonoscopy. The technique in the note decides.",
    ),
    Single(
        domain="cpc:surgery-urinary",
        module=STRATEGY,
        prompt="Cystourethroscopy with insertion of a double-J stent into the left ureter; nothing else done. "
               "The code is",
        choices=(
            Choice("52332", correct=True),
            Choice("52000"),
            Choice("52005"),
            Choice("52356"),
        ),
        rationale="52332 is cystourethroscopy with insertion of an indwelling ureteral stent. 52000 is the "
                  "diagnostic cystoscopy, 52005 adds ureteral catheterization only, and 52356 is ureteroscopy "
                  "with lithotripsy and a stent.",
    ),
    Single(
        domain="cpc:surgery-reproductive",
        module=STRATEGY,
        prompt="The same obstetrician provides all prenatal visits, a vaginal delivery and the postpartum care. "
               "What is reported?",
        choices=(
            Choice("59400", correct=True),
            Choice("59409"),
            Choice("59410"),
            Choice("59510"),
        ),
        rationale="59400 is the global obstetric package: antepartum care, vaginal delivery and postpartum "
                  "care. 59409 is the delivery only, 59410 the delivery with postpartum care, and 59510 the "
                  "global package with a cesarean delivery.",
    ),
    Single(
        domain="cpc:surgery-nervous",
        module=STRATEGY,
        prompt="Open release of the transverse carpal ligament to decompress the median nerve at the wrist. "
               "The code is",
        choices=(
            Choice("64721", correct=True),
            Choice("29848"),
            Choice("64718"),
            Choice("25111"),
        ),
        rationale="The open carpal tunnel release is a neuroplasty of the median nerve, 64721, in the nervous "
                  "system section. The endoscopic release is 29848, with the arthroscopy codes. 64718 is the "
                  "ulnar nerve at the elbow; 25111 excises a wrist ganglion.",
    ),
    Single(
        domain="cpc:surgery-eye-ear",
        module=STRATEGY,
        prompt="Routine extracapsular cataract extraction with insertion of an intraocular lens, right eye; no "
               "complex features documented. The code is",
        choices=(
            Choice("66984", correct=True),
            Choice("66982"),
            Choice("66983"),
            Choice("66821"),
        ),
        rationale="66984 is the standard extracapsular extraction with lens insertion. 66982 needs documented "
                  "complex work (such as an iris expansion device); 66983 is intracapsular and "
                  "66821 is the later laser capsulotomy.",
    ),
    Single(
        domain="cpc:radiology",
        module=STRATEGY,
        prompt="CT of the abdomen and pelvis with intravenous contrast only. The code is",
        choices=(
            Choice("74177", correct=True),
            Choice("74176"),
            Choice("74178"),
            Choice("74160"),
        ),
        rationale="74177 is the combined abdomen and pelvis study with contrast. 74176 is without contrast, "
                  "74178 without and then with contrast, and 74160 the abdomen alone. Oral contrast alone "
                  "does not make a study 'with contrast'.",
    ),
    Single(
        domain="cpc:pathology-laboratory",
        module=STRATEGY,
        prompt="The pathologist examines a gallbladder removed for cholelithiasis, gross and microscopic. The "
               "surgical pathology code is",
        choices=(
            Choice("88304", correct=True),
            Choice("88305"),
            Choice("88302"),
            Choice("88307"),
        ),
        rationale="Surgical pathology is leveled by specimen: the gallbladder is a level III specimen, 88304. "
                  "88305 (level IV) covers specimens such as colon and skin biopsies; 88302 covers specimens "
                  "like a fallopian tube from a sterilization.",
    ),
    Single(
        domain="cpc:medicine",
        module=STRATEGY,
        prompt="An individual psychotherapy session with the patient lasts 50 minutes. The code is",
        choices=(
            Choice("90832"),
            Choice("90834", correct=True),
            Choice("90837"),
            Choice("90791"),
        ),
        rationale="Psychotherapy codes go by time with the patient: 90832 from 16 to 37 minutes, 90834 from 38 "
                  "to 52, 90837 from 53 minutes. 50 minutes is 90834. 90791 is the diagnostic evaluation, not "
                  "therapy.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=STRATEGY,
        prompt="Triamcinolone acetonide 60 mg is injected into the shoulder. J3301 is per 10 mg. The drug line is",
        choices=(
            Choice("J3301 x 6", correct=True),
            Choice("J3301 x 1"),
            Choice("J3301 x 60"),
            Choice("J1010 x 60"),
        ),
        rationale="60 mg divided by the 10 mg unit is 6 units of J3301. J1010 is methylprednisolone acetate, a "
                  "different steroid.",
    ),
    Single(
        domain="cpc:compliance",
        module=STRATEGY,
        prompt="A provider asks the coder to report a more serious diagnosis than documented so a test will be "
               "covered. This is",
        choices=(
            Choice("a false claim: code only what the record supports", correct=True),
            Choice("acceptable if the test was medically necessary in the provider's opinion"),
            Choice("acceptable if the provider signs the claim"),
            Choice("acceptable once an ABN is signed"),
        ),
        rationale="Choosing a diagnosis for coverage rather than from the documentation misrepresents the "
                  "claim under the False Claims Act. If the test may not be covered, the answer for Medicare "
                  "is an ABN before the service, not a different diagnosis.",
    ),
    Single(
        domain="cpc:terminology-anatomy",
        module=STRATEGY,
        prompt="Nephrolithiasis means",
        choices=(
            Choice("stones in the kidney", correct=True),
            Choice("inflammation of the kidney"),
            Choice("stones in the gallbladder"),
            Choice("softening of the kidney"),
        ),
        rationale="Nephr/o is kidney and lith/o stone; -iasis is a condition. Nephritis is inflammation of the "
                  "kidney and cholelithiasis is stones of the gallbladder.",
    ),
    Single(
        domain="cpc:terminology-anatomy",
        module=STRATEGY,
        prompt="The ileum is",
        choices=(
            Choice("the last part of the small intestine", correct=True),
            Choice("a bone of the pelvis"),
            Choice("the first part of the large intestine"),
            Choice("the first part of the small intestine"),
        ),
        rationale="The small intestine runs duodenum, jejunum, ileum; the ileum joins the cecum at the "
                  "ileocecal valve. The ilium, spelled with an i, is the pelvic bone.",
    ),
    Written(
        domain="cpc:guidelines",
        module=STRATEGY,
        prompt="Describe, step by step, how you work a CPC case question with four answer choices in about two "
               "minutes.",
        rubric="1 point: compare the four choices first and find what differs. 1 point: read the note for that "
               "difference only (side, size, approach, diagnosis, level) and eliminate choices with invalid "
               "codes (missing 7th character, Excludes1 pairs, add-on codes alone, wrong format). 1 point: "
               "verify the remaining codes in the books, and mark and move on when time runs out.",
        rationale="First read the four answers, not the note: what they share is not being tested. Find the "
                  "difference (a modifier, the 7th character, a size, the approach, a diagnosis) and read the "
                  "note for that. Eliminate on sight what cannot be right: a code missing its 7th character, "
                  "an Excludes1 pair, an add-on code without its primary, a modifier on a diagnosis. Look up "
                  "only what separates the choices left, confirming in the Tabular or the CPT section and "
                  "reading the notes. If it is still open at two minutes, mark it, answer your best guess, and "
                  "come back on the second pass: a blank answer is always wrong.",
    ),
    # --- module 2: mixed case practice ----------------------------------------------------------
    Single(
        domain="cpc:em",
        module=PRACTICE,
        prompt="The intensivist provides 50 minutes of critical care to a patient in septic shock, excluding "
               "separately billed procedures. What is reported?",
        choices=(
            Choice("99291 x 1", correct=True),
            Choice("99291 x 1 and 99292 x 1"),
            Choice("99233 x 1"),
            Choice("99223 x 1"),
        ),
        rationale="99291 covers the first 30 to 74 minutes of critical care on a date; 99292 is added only for "
                  "time beyond that. Hospital visit codes do not describe critical care.",
    ),
    Single(
        domain="cpc:anesthesia",
        module=PRACTICE,
        prompt="Anesthesia for an emergency appendectomy, where delay would put the patient's life at risk. "
               "Which qualifying circumstance code is added?",
        choices=(
            Choice("99140", correct=True),
            Choice("99100"),
            Choice("99116"),
            Choice("99135"),
        ),
        rationale="99140 adds units for anesthesia complicated by an emergency. 99100 is for a patient younger "
                  "than 1 or older than 70, 99116 for total body hypothermia and 99135 for controlled "
                  "hypotension.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=PRACTICE,
        prompt="Excisional debridement of a 15 sq cm pressure ulcer, removing tissue down to and including "
               "the subcutaneous fat. The code is",
        choices=(
            Choice("11042", correct=True),
            Choice("11043"),
            Choice("97597"),
            Choice("11000"),
        ),
        rationale="Debridement is coded by the deepest tissue removed and the area: subcutaneous tissue, first "
                  "20 sq cm, 11042. 11043 reaches muscle or fascia; 97597 is selective (non-excisional) wound "
                  "care debridement.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=PRACTICE,
        prompt="An intertrochanteric fracture of the femur is fixed with an intramedullary (cephalomedullary) "
               "nail. The code is",
        choices=(
            Choice("27245", correct=True),
            Choice("27244"),
            Choice("27236"),
            Choice("27130"),
        ),
        rationale="Intertrochanteric fracture treatment is chosen by the implant: 27245 with an intramedullary "
                  "implant, 27244 with a plate and screws. 27236 replaces the femoral head for a neck fracture; "
                  "27130 is a total hip arthroplasty.",
    ),
    Single(
        domain="cpc:surgery-respiratory",
        module=PRACTICE,
        prompt="Thoracentesis of a right pleural effusion with ultrasound guidance, images saved. What is "
               "reported?",
        choices=(
            Choice("32555", correct=True),
            Choice("32554 and 76942"),
            Choice("32554"),
            Choice("32557"),
        ),
        rationale="32555 is thoracentesis with imaging guidance; the guidance is included and not coded "
                  "separately. 32554 is without imaging; 32557 places an indwelling drainage catheter.",
    ),
    Single(
        domain="cpc:surgery-cardiovascular",
        module=PRACTICE,
        prompt="Endovenous radiofrequency ablation of the incompetent great saphenous vein of the left leg; one "
               "vein treated. The code is",
        choices=(
            Choice("36475", correct=True),
            Choice("36478"),
            Choice("36476"),
            Choice("37700"),
        ),
        rationale="36475 is radiofrequency ablation of the first vein treated in a leg; 36476 is the add-on for "
                  "each further vein, and 36478 is the laser ablation. 37700 is an open ligation.",
    ),
    Single(
        domain="cpc:surgery-digestive",
        module=PRACTICE,
        prompt="Upper endoscopy (esophagus, stomach, duodenum) with cold forceps biopsies of the gastric antrum. "
               "The code is",
        choices=(
            Choice("43239", correct=True),
            Choice("43235"),
            Choice("43249"),
            Choice("45380"),
        ),
        rationale="43239 is EGD with biopsy, one or more. 43235 is the diagnostic EGD, 43249 EGD with balloon "
                  "dilation of the esophagus, and 45380 a colonoscopy with biopsy.",
    ),
    Single(
        domain="cpc:surgery-urinary",
        module=PRACTICE,
        prompt="Complete transurethral electrosurgical resection of the prostate for benign prostatic "
               "hyperplasia. The code is",
        choices=(
            Choice("52601", correct=True),
            Choice("52450"),
            Choice("52000"),
            Choice("55700"),
        ),
        rationale="52601 is the transurethral resection of the prostate (TURP), in the urinary section's "
                  "transurethral surgery codes. 52450 is a transurethral incision, 52000 a diagnostic "
                  "cystoscopy and 55700 a prostate biopsy.",
    ),
    Single(
        domain="cpc:surgery-reproductive",
        module=PRACTICE,
        prompt="Laparoscopic total hysterectomy with removal of both tubes and ovaries; the uterus weighs 180 g. "
               "The code is",
        choices=(
            Choice("58571", correct=True),
            Choice("58570"),
            Choice("58150"),
            Choice("58262"),
        ),
        rationale="58571 is the laparoscopic total hysterectomy, uterus 250 g or less, with removal of tubes "
                  "and/or ovaries; 58570 is without them. 58150 is the abdominal (open) hysterectomy and 58262 "
                  "a vaginal one.",
    ),
    Single(
        domain="cpc:surgery-nervous",
        module=PRACTICE,
        prompt="Transforaminal epidural steroid injection at one lumbar level (L4-L5, right) under fluoroscopic "
               "guidance. The code is",
        choices=(
            Choice("64483", correct=True),
            Choice("62323"),
            Choice("64479"),
            Choice("62322"),
        ),
        rationale="64483 is a transforaminal epidural injection, lumbar or sacral, one level, imaging "
                  "included. 62323 is the interlaminar approach with imaging, 62322 without; 64479 is the "
                  "cervical or thoracic transforaminal code.",
    ),
    Single(
        domain="cpc:surgery-eye-ear",
        module=PRACTICE,
        prompt="A lesion is excised from the left lower eyelid. Which HCPCS Level II modifier identifies the "
               "eyelid?",
        choices=(
            Choice("E1"),
            Choice("E2", correct=True),
            Choice("E3"),
            Choice("E4"),
        ),
        rationale="E1 upper left, E2 lower left, E3 upper right, E4 lower right. LT would give only the side.",
    ),
    Single(
        domain="cpc:radiology",
        module=PRACTICE,
        prompt="A screening mammogram of both breasts, with computer-aided detection, for a 52-year-old with "
               "no symptoms. The code is",
        choices=(
            Choice("77067", correct=True),
            Choice("77066"),
            Choice("77065"),
            Choice("77063"),
        ),
        rationale="77067 is the bilateral screening mammogram, CAD included when done. 77065 and 77066 are "
                  "diagnostic mammograms (one or both breasts) and 77063 the add-on for screening tomosynthesis.",
    ),
    Single(
        domain="cpc:pathology-laboratory",
        module=PRACTICE,
        prompt="A rapid strep test is run in the office on a CLIA-waived kit, read by eye. For Medicare, the "
               "lab line is",
        choices=(
            Choice("87880 with QW", correct=True),
            Choice("87880 without a modifier"),
            Choice("87081"),
            Choice("87070"),
        ),
        rationale="The rapid antigen test for group A strep is 87880; on a waived kit Medicare wants QW. 87081 "
                  "and 87070 are cultures.",
    ),
    Single(
        domain="cpc:medicine",
        module=PRACTICE,
        prompt="Under a physical therapy plan of care, a Medicare patient receives 23 minutes of therapeutic "
               "exercise and nothing else that day. What is reported?",
        choices=(
            Choice("97110 x 2 with GP", correct=True),
            Choice("97110 x 1 with GP"),
            Choice("97110 x 2 with GO"),
            Choice("97530 x 2 with GP"),
        ),
        rationale="Medicare counts timed codes by the 8-minute rule: 8 to 22 minutes is one unit, 23 to 37 "
                  "minutes two. GP marks a physical therapy plan of care (GO is occupational therapy). 97530 is "
                  "therapeutic activities, a different service.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=PRACTICE,
        prompt="Regular insulin, 10 units, is given in the office. J1815 is insulin per 5 units. The drug line is",
        choices=(
            Choice("J1815 x 2", correct=True),
            Choice("J1815 x 10"),
            Choice("J1815 x 1"),
            Choice("J3490 x 1"),
        ),
        rationale="10 units of insulin divided by the 5-unit billing unit is 2. J3490 is for unclassified "
                  "drugs, never for a drug with its own code.",
    ),
    Single(
        domain="cpc:compliance",
        module=PRACTICE,
        prompt="Billing the parts of a procedure separately when one comprehensive code describes them all is "
               "called",
        choices=(
            Choice("unbundling", correct=True),
            Choice("upcoding"),
            Choice("downcoding"),
            Choice("balance billing"),
        ),
        rationale="Unbundling reports the components of a comprehensive code one by one, for more payment; "
                  "NCCI edits are built to catch it. Upcoding is reporting a higher level than was done; "
                  "balance billing charges the patient the difference between the charge and the payer's "
                  "allowance.",
    ),
    Single(
        domain="cpc:pathology-laboratory",
        module=PRACTICE,
        multiple=True,
        prompt="Which of these specimens are reported with surgical pathology level IV, 88305? Choose all that "
               "apply.",
        choices=(
            Choice("Colon biopsy", correct=True),
            Choice("Skin biopsy of a lesion (not a cyst or tag)", correct=True),
            Choice("Prostate needle biopsy", correct=True),
            Choice("Gallbladder"),
            Choice("Appendix removed incidentally"),
        ),
        rationale="Colon biopsies, skin lesion biopsies and prostate needle biopsies are level IV (88305). The "
                  "gallbladder is level III (88304) and an incidental appendix level II (88302).",
    ),
    Single(
        domain="cpc:terminology-anatomy",
        module=PRACTICE,
        multiple=True,
        prompt="Which of these are parts of the small intestine? Choose all that apply.",
        choices=(
            Choice("Duodenum", correct=True),
            Choice("Jejunum", correct=True),
            Choice("Ileum", correct=True),
            Choice("Cecum"),
            Choice("Sigmoid colon"),
        ),
        rationale="Duodenum, jejunum and ileum make the small intestine. The cecum begins the large intestine "
                  "and the sigmoid colon is near its end, before the rectum.",
    ),
    Single(
        domain="cpc:compliance",
        module=PRACTICE,
        multiple=True,
        prompt="Which of these are covered entities under HIPAA? Choose all that apply.",
        choices=(
            Choice("A health plan", correct=True),
            Choice("A health care clearinghouse", correct=True),
            Choice("A provider who sends claims electronically", correct=True),
            Choice("A life insurance company"),
            Choice("An employer's human resources office, as employer"),
        ),
        rationale="HIPAA's covered entities are health plans, clearinghouses and providers who conduct standard "
                  "transactions electronically. Life insurers and employers acting as employers are not "
                  "covered entities (an employer's group health plan is).",
    ),
    CodeEntry(
        domain="cpc:em",
        module=PRACTICE,
        prompt="Established patient: type 2 diabetes with diabetic chronic kidney disease stage 3a, on "
               "metformin; the dose is adjusted (moderate decision making). Code the visit and the diagnoses.",
        key=(
            Key("procedure", "99214",
                "A chronic illness with progression (moderate problem) and prescription drug management "
                "(moderate risk): 99214."),
            Key("principal", "E11.22",
                "Diabetes with CKD is presumed linked ('with'): type 2 diabetes with diabetic chronic kidney "
                "disease, E11.22."),
            Key("secondary", "N18.31", "E11.22's Use additional code note asks for the stage: 3a, N18.31."),
            Key("secondary", "Z79.84", "E11 asks for the drug: metformin, oral hypoglycemic, Z79.84."),
        ),
        rationale="99214 with E11.22, N18.31 and Z79.84. E11.9 would ignore the presumed link to the kidney "
                  "disease; N18.31 goes after E11.22 because N18 says to code the diabetic CKD first.",
    ),
    CodeEntry(
        domain="cpc:surgery-integumentary",
        module=PRACTICE,
        prompt="Nursing facility resident: excisional debridement of a stage 3 pressure ulcer of the sacrum, "
               "12 sq cm, to the subcutaneous tissue. Code the procedure and the diagnosis.",
        key=(
            Key("procedure", "11042", "Debridement of subcutaneous tissue, first 20 sq cm: 11042."),
            Key("principal", "L89.153", "Pressure ulcer of the sacral region, stage 3: L89.153."),
        ),
        rationale="11042 with L89.153. The stage is the sixth character; the debridement depth, not the ulcer "
                  "stage, picks the CPT code.",
    ),
    CodeEntry(
        domain="cpc:surgery-respiratory",
        module=PRACTICE,
        prompt="Urgent care: anterior nosebleed stopped with silver nitrate cautery of the septum after "
               "pressure failed. Code the procedure and the diagnosis.",
        key=(
            Key("procedure", "30901",
                "Control of an anterior nosebleed, simple (limited cautery or packing): 30901."),
            Key("principal", "R04.0", "Epistaxis: R04.0."),
        ),
        rationale="30901 with R04.0. 30903 is for complex anterior control (extensive cautery or packing); "
                  "posterior bleeding has its own codes.",
    ),
    CodeEntry(
        domain="cpc:surgery-reproductive",
        module=PRACTICE,
        prompt="Colposcopy of the cervix with two cervical biopsies, no endocervical curettage; pathology "
               "shows moderate dysplasia (CIN 2). Code the procedure and the diagnosis.",
        key=(
            Key("procedure", "57455",
                "Colposcopy of the cervix with biopsy: 57455. One code however many biopsies; 57454 would add "
                "the curettage."),
            Key("principal", "N87.1", "Moderate cervical dysplasia (CIN 2): N87.1."),
        ),
        rationale="57455 with N87.1. CIN 3 would be carcinoma in situ (D06.-), not N87.",
    ),
    CodeEntry(
        domain="cpc:surgery-eye-ear",
        module=PRACTICE,
        prompt="Child with chronic mucoid otitis media of both ears: tympanostomy tubes placed in both ears "
               "under general anesthesia. Code the procedure and the diagnosis.",
        key=(
            Key("procedure", "69436",
                "Tympanostomy with ventilating tube under general anesthesia: 69436; 50 for both ears.",
                modifiers=("50",)),
            Key("principal", "H65.33", "Chronic mucoid otitis media, bilateral: H65.33."),
        ),
        rationale="69436-50 with H65.33. 69433 is the same procedure under local or topical anesthesia.",
    ),
    CodeEntry(
        domain="cpc:radiology",
        module=PRACTICE,
        prompt="Hospital outpatient: MRI of the lumbar spine without contrast for lumbar radiculopathy, read by "
               "a radiologist of an independent group. Code the radiologist's service and the diagnosis.",
        key=(
            Key("procedure", "72148",
                "MRI of the lumbar spine without contrast: 72148, with 26 for the professional component.",
                modifiers=("26",)),
            Key("principal", "M54.16", "Radiculopathy, lumbar region: M54.16."),
        ),
        rationale="72148-26 with M54.16. 72149 is with contrast and 72158 without and with; the hospital bills "
                  "the technical component.",
    ),
    CodeEntry(
        domain="cpc:medicine",
        module=PRACTICE,
        prompt="Hospital outpatient infusion center: ceftriaxone 1 g by IV infusion over 30 minutes for "
               "pneumonia, organism not identified. Code the infusion, the drug and the diagnosis.",
        key=(
            Key("procedure", "96365", "IV infusion of a drug, first hour (16 minutes or more): 96365."),
            Key("supply", "J0696", "Ceftriaxone per 250 mg: 1 g is 4 units.", units=4),
            Key("principal", "J18.9", "Pneumonia, organism not specified: J18.9."),
        ),
        rationale="96365, J0696 x 4 and J18.9. A push (96374) is 15 minutes or less; 30 minutes is an "
                  "infusion.",
    ),
    CodeEntry(
        domain="cpc:icd10cm",
        module=PRACTICE,
        prompt="Office visit: pneumonia due to COVID-19, confirmed by a positive test today. Code the "
               "diagnoses.",
        key=(
            Key("principal", "U07.1",
                "Confirmed COVID-19 is sequenced first: U07.1, whose note asks for the manifestation."),
            Key("secondary", "J12.82",
                "Pneumonia due to COVID-19: J12.82, which has a Code first note for U07.1."),
        ),
        rationale="U07.1 then J12.82. J18.9 would lose the cause; reversing the order breaks J12.82's Code "
                  "first note.",
    ),
    CodeEntry(
        domain="cpc:hcpcs",
        module=PRACTICE,
        prompt="Medicare patient, 66, gets the flu vaccine (inactivated, trivalent, preservative-free 0.5 mL, "
               "intramuscular) and the 20-valent pneumococcal conjugate vaccine at a nurse visit. Code the "
               "services and the diagnosis.",
        key=(
            Key("procedure", "G0008", "Medicare's administration code for the flu vaccine: G0008."),
            Key("procedure", "90656", "The flu vaccine product: trivalent, preservative-free 0.5 mL, into muscle."),
            Key("procedure", "G0009", "Medicare's administration code for the pneumococcal vaccine: G0009."),
            Key("procedure", "90677", "The 20-valent pneumococcal conjugate vaccine product."),
            Key("principal", "Z23", "Encounter for immunization: Z23, once for the visit."),
        ),
        rationale="Each vaccine is two lines for Medicare: the product and its G administration code (G0008 "
                  "flu, G0009 pneumococcal), in place of 90471 and 90472. Z23 is reported once.",
    ),
    Case(
        domain="cpc:surgery-digestive",
        module=PRACTICE,
        prompt="Code the gastroenterologist's procedure (CPT, with modifiers) and the diagnoses (ICD-10-CM).",
        record_title="Procedure note",
        record_text=_t("""
            Patient: Cordelia Famuyiwa, 52 F. Northwind Endoscopy Center, 2026-06-16. Commercial insurance.
            Provider: Farida Haddad, MD.
            Indication: First screening colonoscopy; average risk, no symptoms.
            Scope advanced to the cecum; appendiceal orifice and ileocecal valve photographed. Prep excellent.
            Findings: One 8 mm sessile polyp in the sigmoid colon, removed completely with a cold snare and
            retrieved. Remainder of the colon normal.
            Pathology (June 18): Sigmoid colon polyp, tubular adenoma, margins clear.
            Impression: Sigmoid polyp removed. Repeat colonoscopy in 7 years.
            """),
        items=(
            CaseItem(
                label="Procedure",
                prompt="Code the procedure (CPT, with modifiers).",
                key=(
                    Key("procedure", "45385",
                        "Colonoscopy with removal of a polyp by snare: 45385. Modifier 33: the procedure "
                        "began as a preventive screening service, so commercial plans waive the patient's "
                        "share (Medicare would want PT instead).", modifiers=("33",)),
                ),
            ),
            CaseItem(
                label="Diagnoses",
                prompt="Code the diagnoses (ICD-10-CM).",
                key=(
                    Key("principal", "Z12.11",
                        "A screening that finds something: the screening code stays first (Section "
                        "I.C.21.c.5)."),
                    Key("secondary", "D12.5",
                        "The finding, from pathology: a tubular adenoma is a benign neoplasm of the sigmoid "
                        "colon, D12.5 (not K63.5, a polyp without that pathology)."),
                ),
            ),
        ),
        rationale="45385-33 with Z12.11 and D12.5. The technique (cold snare) picks 45385, not 45380 or "
                  "45384; the pathology turns 'polyp' into an adenoma.",
    ),
    Case(
        domain="cpc:surgery-urinary",
        module=PRACTICE,
        prompt="Code the urologist's procedure (CPT, with modifiers) and the postoperative diagnosis "
               "(ICD-10-CM).",
        record_title="Operative report",
        record_text=_t("""
            Patient: Augustin Lefebvre-Nakamura, 47 M. Northwind Regional Medical Center, 2026-07-29.
            Surgeon: Rashid Okonjo, MD. Anesthesia: General.
            Preoperative and postoperative diagnosis: 7 mm stone of the left distal ureter.
            Cystoscopy: bladder normal. Guidewire passed up the left ureter.
            Semirigid ureteroscope advanced to the stone in the distal ureter. Holmium laser lithotripsy
            broke the stone into fragments, which were removed with a basket.
            Ureteroscopy to the kidney: no further stones.
            A 6 French by 24 cm double-J stent placed in the left ureter over the wire; position confirmed.
            No complications. Fragments sent for analysis.
            """),
        items=(
            CaseItem(
                label="Procedure",
                prompt="Code the procedure (CPT, with modifiers).",
                key=(
                    Key("procedure", "52356",
                        "Ureteroscopy with lithotripsy, with the indwelling stent included in the same code: "
                        "52356, LT for the left side. 52332 is not added for the stent.", modifiers=("LT",)),
                ),
            ),
            CaseItem(
                label="Diagnosis",
                prompt="Code the diagnosis (ICD-10-CM).",
                key=(Key("principal", "N20.1", "Calculus of the ureter: N20.1."),),
            ),
        ),
        rationale="52356-LT with N20.1. 52353 is lithotripsy without a stent; the diagnostic cystoscopy and "
                  "the ureteroscopy to the kidney are part of the procedure.",
    ),
    Case(
        domain="cpc:anesthesia",
        module=PRACTICE,
        prompt="Code the anesthesiologist's services (CPT, with modifiers) and the diagnosis (ICD-10-CM).",
        record_title="Anesthesia record",
        record_text=_t("""
            Patient: Wilhelmina Castellanos-Reyes, 73 F. Northwind Regional Medical Center, 2026-08-20.
            Anesthesiologist: Jonas Lindqvist-Mbatha, MD, personally performed (no resident, no CRNA).
            Procedure: Laparoscopic cholecystectomy.
            Preoperative evaluation done; consent for general anesthesia.
            Anesthesia start 07:42 (patient in the room, monitors placed); induction 07:50; intubated.
            Surgery 08:05 to 09:10. Extubated; care handed to the PACU nurse at 09:27.
            Anesthesia time: 105 minutes.
            Postoperative diagnosis (surgeon): Chronic cholecystitis with cholelithiasis, no obstruction.
            """),
        items=(
            CaseItem(
                label="Anesthesia services",
                prompt="Code the anesthesia services (CPT, with modifiers).",
                key=(
                    Key("procedure", "00790",
                        "Anesthesia for a laparoscopic procedure in the upper abdomen: 00790. AA: the "
                        "anesthesiologist personally performed it.", modifiers=("AA",)),
                    Key("procedure", "99100",
                        "Qualifying circumstance: the patient is older than 70, so the extreme-age add-on "
                        "is reported with the anesthesia code."),
                ),
            ),
            CaseItem(
                label="Diagnosis",
                prompt="Code the diagnosis (ICD-10-CM).",
                key=(
                    Key("principal", "K80.10",
                        "The surgeon's postoperative diagnosis: gallstones with chronic cholecystitis, "
                        "without obstruction, one combination code."),
                ),
            ),
        ),
        rationale="00790-AA and 99100 with K80.10. Anesthesia is coded by the procedure's region and "
                  "approach, not with the surgeon's 47562; the 105 minutes go on the claim as time.",
    ),
    Case(
        domain="cpc:em",
        module=PRACTICE,
        prompt="Code the emergency physician's services (CPT) and the diagnoses (ICD-10-CM).",
        record_title="Emergency department record",
        record_text=_t("""
            Patient: Reginald Osei-Whitfield, 58 M. Northwind Regional Medical Center ED, 2026-09-10.
            Provider: Annika Sorensen, MD.
            CC: Chest discomfort for 2 hours, sharp, worse with deep breaths, while resting.
            History: Hypertension on amlodipine. No diabetes. Never smoked.
            Exam: BP 148/88, HR 84. Chest wall not tender. Heart and lungs normal.
            ECG: interpreted by me, separate signed report: sinus rhythm, no ST changes.
            Ordered: troponin at 0 and 3 hours (both normal), CBC, basic metabolic panel, chest x-ray (normal).
            Assessment: Atypical chest pain, acute coronary syndrome ruled out. Hypertension.
            Plan: Home; outpatient stress test with cardiology within 1 week. Continue amlodipine.
            """),
        items=(
            CaseItem(
                label="Services",
                prompt="Code the ED physician's services (CPT).",
                key=(
                    Key("procedure", "99284",
                        "An undiagnosed new problem with uncertain prognosis (moderate) and four unique tests "
                        "ordered (moderate data): two of three elements reach moderate."),
                    Key("procedure", "93010",
                        "The ED physician's own signed interpretation of the ECG, on the hospital's machine: "
                        "interpretation and report only. It is not counted again as data."),
                ),
            ),
            CaseItem(
                label="Diagnoses",
                prompt="Code the diagnoses (ICD-10-CM).",
                key=(
                    Key("principal", "R07.89",
                        "Atypical chest pain is indexed to other chest pain, R07.89; the ruled-out "
                        "syndrome is not coded."),
                    Key("secondary", "I10", "Hypertension, addressed (continue amlodipine): I10."),
                ),
            ),
        ),
        rationale="99284 and 93010 with R07.89 and I10. The troponins, labs and x-ray are the hospital's and "
                  "the radiologist's to bill; a 'ruled out' condition is never coded.",
    ),
    Written(
        domain="cpc:compliance",
        module=PRACTICE,
        prompt="What are NCCI procedure-to-procedure edits, and when may modifier 59 (or XE, XS, XP, XU) be "
               "used to bypass one?",
        rubric="1 point: PTP edits are CMS pairs of codes that are not paid together for the same patient, "
               "same provider and date (column 2 is bundled into column 1). 1 point: a modifier may bypass only "
               "an edit with modifier indicator 1, never 0. 1 point: only when the documentation shows a "
               "distinct service (different encounter, site or structure, practitioner, or non-overlapping "
               "service), choosing the X modifier that fits.",
        rationale="The National Correct Coding Initiative publishes pairs of codes that should not be billed "
                  "together by the same provider for the same patient on the same date: the column 2 code is "
                  "part of the column 1 code. Each pair has a modifier indicator. With 0, no modifier allows "
                  "both. With 1, a modifier such as 59, or the more specific XE (separate encounter), XS "
                  "(separate structure), XP (separate practitioner) or XU (unusual non-overlapping service), "
                  "may be used when the record shows the second service was truly distinct, for example a "
                  "lesion removed from a different site. Adding 59 just to get a denied pair paid is "
                  "unbundling.",
    ),
    Written(
        domain="cpc:icd10cm",
        module=PRACTICE,
        prompt="A patient has hypertension, chronic kidney disease stage 4 and chronic diastolic heart failure. "
               "List the codes in order and explain the sequence.",
        rubric="1 point: I13.0 first, as ICD-10-CM presumes hypertension causes both the heart failure and the "
               "CKD. 1 point: I50.32 for the type of heart failure and N18.4 for the stage, as I13.0's Use "
               "additional code notes ask. 1 point: explains that separate I10, I11 or I12 codes would be "
               "wrong, and that the provider would have to document another cause to break the link.",
        rationale="I13.0, I50.32, N18.4. The 'with' convention and guideline I.C.9.a presume that hypertension "
                  "is the cause of both heart failure and chronic kidney disease, so the combination category "
                  "I13, hypertensive heart and chronic kidney disease, applies; I13.0 is the code with heart "
                  "failure and CKD stage 1 to 4. Its notes ask for additional codes for the type of heart "
                  "failure (chronic diastolic, I50.32) and the stage of the kidney disease (N18.4). Coding I10, "
                  "I11.0 or I12.9 instead would ignore part of the presumed link; only documentation that the "
                  "conditions are unrelated would change it.",
    ),
)
