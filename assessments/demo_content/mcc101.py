"""Question bank of MCC-101 Medical Terminology and Anatomy.

Modules: 1 word parts, 2 directions, planes and laterality, 3 body systems (heart, lungs, kidneys,
glands). A beginner's bank: mostly terminology, with the codes a first-term student can already
find from the words. Patients, providers and facilities are fictional; no CPT descriptor is quoted.
"""

from __future__ import annotations

from assessments.demo_content.shapes import (  # noqa: F401  (the domains this bank uses)
    ANES, CO, CV, DIG, EM, GL, HC, ICD, INTEG, LAB, MED, MSK, RAD, RESP, TA, Case, CaseItem, Choice, CodeEntry, Key, R,
    Single, W, Written,
)
from courses.demo_content.shapes import _t

QUESTIONS: tuple = (
    # --- module 1: word parts --------------------------------------------------------
    Single(
        TA, "The operative report title reads \"Cholecystectomy\". What was done?",
        (W("An incision into the gallbladder"), R("Removal of the gallbladder"),
         W("A new opening made into the gallbladder"), W("Inflammation of the gallbladder")),
        "Read the suffix first: -ectomy is removal; chole (bile) + cyst (sac) is the gallbladder. An incision "
        "into it would be a cholecystotomy (-otomy), a new opening a cholecystostomy (-ostomy), and "
        "cholecystitis (-itis) is a diagnosis, not an operation.",
        module=1,
    ),
    Single(
        TA, "Which suffix means a puncture to draw off fluid?",
        (W("-ectomy"), W("-ostomy"), R("-centesis"), W("-scopy")),
        "-centesis is a puncture to remove fluid, as in arthrocentesis (a joint) or paracentesis (the abdomen). "
        "-scopy is looking inside with a scope, -ostomy a new opening and -ectomy a removal.",
        module=1,
    ),
    Single(
        TA, "A nurse's note says the patient's fingerstick showed hypoglycemia. What does the word mean?",
        (R("Too little sugar in the blood"), W("Too much sugar in the blood"),
         W("Sugar in the urine"), W("Low blood pressure")),
        "hypo- (below, too little) + glyc (sugar) + -emia (condition of the blood). Hyperglycemia is too much "
        "sugar; sugar in the urine is glycosuria; low blood pressure is hypotension. The prefix matters for "
        "the code: E11.649 is type 2 diabetes with hypoglycemia, E11.65 with hyperglycemia.",
        module=1,
    ),
    Single(
        TA, "The combining forms nephr/o and ren/o both refer to which organ?",
        (W("The liver"), W("The adrenal gland"), R("The kidney"), W("The urinary bladder")),
        "nephr/o (Greek) and ren/o (Latin) both mean kidney: nephropathy, renal failure. The liver is hepat/o, "
        "the bladder cyst/o or vesic/o, and the adrenal gland adren/o, which sits on the kidney but is a "
        "gland, not the kidney itself.",
        module=1,
    ),
    Single(
        TA, "Which term means inflammation of a joint?",
        (W("Arthralgia"), W("Arthrodesis"), W("Osteitis"), R("Arthritis")),
        "arthr/o (joint) + -itis (inflammation). Arthralgia is joint pain (-algia), a symptom; arthrodesis is "
        "the surgical fusion of a joint (-desis, binding); osteitis is inflammation of a bone (oste/o).",
        module=1,
    ),
    Single(
        TA, "The vital signs list \"HR 128, tachycardia\". What does tachycardia describe?",
        (R("A fast heart rate"), W("A slow heart rate"), W("An irregular heart rhythm"),
         W("An enlarged heart")),
        "tachy- is fast (more than 100 beats a minute in an adult). A slow rate is bradycardia (brady-), an "
        "irregular rhythm an arrhythmia, and an enlarged heart cardiomegaly (-megaly). Unexplained, tachycardia "
        "is coded R00.0; bradycardia R00.1.",
        module=1,
    ),
    Single(
        TA, "A surgeon brings the end of the colon out through the abdominal wall so stool drains into a bag. "
            "What is the operation called?",
        (W("Colectomy"), W("Colotomy"), R("Colostomy"), W("Colonoscopy")),
        "-ostomy makes a new, lasting opening (a stoma) to the outside: colostomy. A colectomy removes all or "
        "part of the colon, a colotomy only cuts into it, and a colonoscopy looks inside with a scope. Each is "
        "coded in a different place, so the suffix decides the code.",
        module=1,
    ),
    Single(
        TA, "The chief complaint is \"hematuria for two days\". What has the patient noticed?",
        (W("Vomiting blood"), R("Blood in the urine"), W("Coughing up blood"), W("Black, tarry stools")),
        "hemat (blood) + -uria (condition of the urine): hematuria, R31.9 when not further described. Vomiting "
        "blood is hematemesis (K92.0), coughing up blood hemoptysis (R04.2), and black tarry stools melena "
        "(K92.1).",
        module=1,
    ),
    Single(
        ICD, "The assessment reads: \"Type 2 diabetes mellitus, poorly controlled, blood sugars in the 300s.\" "
             "Which code fits?",
        (W("E11.649"), W("E11.9"), R("E11.65"), W("E10.65")),
        "Poorly controlled diabetes with high sugars is coded as diabetes with hyperglycemia (hyper-, too much "
        "sugar): E11.65 for type 2. E11.649 is with hypoglycemia (too little), E11.9 is without complications, "
        "and E10.65 is type 1, which the provider did not document.",
        module=1,
    ),
    Single(
        DIG, "The operative report describes removal of an inflamed appendix through three small abdominal ports "
             "with a camera. Which CPT code fits?",
        (W("44950"), R("44970"), W("47562"), W("49320")),
        "Laparoscopy (lapar/o, abdomen + -scopy) with removal of the appendix is 44970. 44950 is the open "
        "appendectomy through an incision, 47562 a laparoscopic gallbladder removal, and 49320 a diagnostic "
        "laparoscopy, which is included when the surgeon goes on to remove the appendix.",
        module=1,
    ),
    Single(
        GL, "The assessment reads \"Cellulitis of the right lower leg\", and the exam notes redness, warmth and "
            "swelling. What do you code?",
        (W("The cellulitis, plus codes for the redness and the swelling"), R("The cellulitis only"),
         W("The redness and swelling only, since cellulitis is the provider's impression"),
         W("The swelling first, then the cellulitis")),
        "Signs and symptoms that are routinely part of a diagnosis are not coded separately (Guidelines "
        "Section I.B.5): redness, warmth and swelling are what cellulitis is. Code L03.115, cellulitis of the "
        "right lower limb. A definite diagnosis in the assessment is not an uncertain impression.",
        module=1,
    ),
    Single(
        LAB, "lip/o means fat. Which laboratory test measures the blood fats: total cholesterol, HDL and "
             "triglycerides?",
        (R("Lipid panel (80061)"), W("Comprehensive metabolic panel (80053)"),
         W("Hemoglobin A1c (83036)"), W("Complete blood count with automated differential (85025)")),
        "The lipid panel, 80061, groups total cholesterol, HDL cholesterol and triglycerides. The comprehensive "
        "metabolic panel measures glucose, electrolytes and kidney and liver tests, the A1c average blood "
        "sugar, and the CBC the blood cells. A high result the provider diagnoses is hyperlipidemia, E78.5.",
        module=1,
    ),
    CodeEntry(
        ICD, "Office visit: acute cholecystitis with gallstones in the gallbladder; no obstruction. "
             "Code the diagnosis.",
        (Key("principal", "K80.00",
             "Two words, one code: chole (bile) + cyst (sac) + -itis is the inflamed gallbladder, and "
             "cholelithiasis (lith, stone) the stones. The Index sends Cholecystitis, acute, with calculus to "
             "Calculus, gallbladder, with cholecystitis, acute: K80.00 without obstruction. Coding K81.0 and a "
             "stone code separately misses the combination code."),),
        "A combination code names the stones and the acute inflammation together: K80.00. Fifth character 0 "
        "is without obstruction, as documented.",
        module=1,
    ),
    CodeEntry(
        ICD, "Established patient with type 2 diabetes, on insulin for four years, seen for a low blood sugar "
             "episode without coma. Code the diagnoses.",
        (Key("principal", "E11.649",
             "hypo- is too little: type 2 diabetes with hypoglycemia without coma, E11.649. E11.65 is "
             "hyperglycemia, the opposite. Insulin does not make the diabetes type 1."),
         Key("secondary", "Z79.4",
             "E11 asks for the long-term drug that controls the diabetes: insulin, Z79.4.")),
        "E11.649 for the hypoglycemia of type 2 diabetes, then Z79.4 for long-term insulin use, as the "
        "Use additional code note at E11 asks.",
        module=1,
    ),
    CodeEntry(
        ICD, "Urgent care visit: gastroenteritis, vomiting and diarrhea for a day; no organism or cause named. "
             "Code the diagnosis.",
        (Key("principal", "K52.9",
             "gastr (stomach) + enter (small intestine) + -itis. The Index entry Gastroenteritis (acute) "
             "(chronic) (noninfectious) leads to K52.9. Vomiting and diarrhea are part of it and are not coded. "
             "A09 is for gastroenteritis the provider calls infectious, which this one is not."),),
        "K52.9: the Index defaults gastroenteritis not described further to noninfective; its symptoms are "
        "integral and not coded.",
        module=1,
    ),
    CodeEntry(
        MSK, "Office procedure: fluid is drawn from the right knee with a needle (arthrocentesis), no ultrasound "
             "guidance, for an effusion of the right knee. Code the procedure and the diagnosis.",
        (Key("procedure", "20610",
             "arthr/o (joint) + -centesis (puncture to draw fluid). The knee is a major joint: aspiration of a "
             "major joint without ultrasound guidance is 20610; 20611 is the same with ultrasound guidance, "
             "and 20605 an intermediate joint such as the wrist or elbow."),
         Key("principal", "M25.461",
             "Effusion, joint, knee leads to M25.46-: sixth character 1 is the right knee.")),
        "20610 for the aspiration of a major joint without imaging guidance; M25.461 for the effusion of the "
        "right knee that it treats.",
        module=1,
    ),
    Single(
        INTEG, "The note reads \"simple repair of a 2.0 cm laceration of the left forearm\". Which CPT code fits?",
        (R("12001"), W("12002"), W("12011"), W("12031")),
        "A simple (one-layer) repair of the trunk or limbs up to 2.5 cm is 12001. 12002 is the next length "
        "(2.6 to 7.5 cm), 12011 is a simple repair of the face, and 12031 an intermediate (layered) repair. "
        "Repairs are chosen by depth, site and summed length.",
        module=1,
    ),
    # --- module 2: directions, planes and laterality ----------------------------------
    Single(
        TA, "Where is the distal radius?",
        (R("At the wrist, the end of the radius farther from the trunk"),
         W("At the elbow, the end of the radius nearer the trunk"),
         W("On the little-finger side of the forearm"),
         W("Behind the ulna, toward the back of the forearm")),
        "Distal is farther from the trunk, proximal nearer: the distal radius is at the wrist, the proximal "
        "radius at the elbow. In anatomic position the radius is lateral, on the thumb side; the ulna is on "
        "the little-finger side.",
        module=2,
    ),
    Single(
        TA, "Which plane divides the body into right and left parts?",
        (W("Coronal (frontal)"), R("Sagittal"), W("Transverse (axial)"), W("Oblique")),
        "A sagittal plane runs front to back and splits right from left (the midsagittal plane in equal "
        "halves). The coronal plane splits front from back, and the transverse or axial plane, the one CT "
        "slices show, splits upper from lower.",
        module=2,
    ),
    Single(
        TA, "The x-ray report says the patient was positioned prone. How was the patient lying?",
        (R("Face down"), W("Face up"), W("On the left side"), W("Sitting with the head raised")),
        "Prone is face down; supine is face up (on the spine). Lying on a side is lateral recumbent, and "
        "sitting with the head of the bed raised is Fowler's position.",
        module=2,
    ),
    Single(
        ICD, "ED diagnosis: closed, displaced fracture of the shaft of the left clavicle, initial encounter. "
             "Which code fits?",
        (W("S42.021A"), R("S42.022A"), W("S42.025A"), W("S42.022D")),
        "In S42.02- the sixth character gives side and displacement: 1 displaced right, 2 displaced left, 5 "
        "nondisplaced left. The 7th character A is the initial encounter for a closed fracture; D is a later "
        "encounter for routine healing. S42.021A is the wrong side.",
        module=2,
    ),
    Single(
        ICD, "The assessment reads \"Primary osteoarthritis of both hips.\" How is it coded?",
        (W("M16.11 and M16.12"), W("M17.0"), R("M16.0"), W("M16.9")),
        "Osteoarthritis of the hip has a bilateral code: primary osteoarthritis of both hips is M16.0, used "
        "instead of right (M16.11) and left (M16.12) together. M17.0 is the bilateral code for the knees, and "
        "M16.9 is for a record that does not say which kind.",
        module=2,
    ),
    Single(
        GL, "The x-ray report reads \"fracture of the right femoral neck, midcervical\" and says nothing about "
            "displacement or whether it is open. How is it coded?",
        (R("As displaced and closed"), W("As nondisplaced and closed"),
         W("As displaced and open"), W("It cannot be coded until the provider is queried")),
        "The fracture guideline (Section I.C.19.c.1) says a fracture not documented as displaced or "
        "nondisplaced is coded as displaced, and one not documented as open or closed is coded as closed: "
        "S72.031A. A query is good practice when the record allows, but the default lets you code it.",
        module=2,
    ),
    Single(
        ICD, "A patient returns for a routine cast check three weeks after a closed fracture of the wrist, healing "
             "as expected. Which 7th character goes on the fracture code?",
        (W("A, initial encounter"), R("D, subsequent encounter with routine healing"),
         W("S, sequela"), W("G, subsequent encounter with delayed healing")),
        "The active treatment was the first visit; a cast check during normal healing is a subsequent "
        "encounter, D. G is for delayed healing, which is not documented, and S for a late effect (a "
        "sequela) such as a malunion scar.",
        module=2,
    ),
    Single(
        RAD, "The order reads \"X-ray, right ankle, three views\". Which CPT code fits?",
        (W("73600"), W("73630"), R("73610"), W("73110")),
        "73610 is the complete x-ray of the ankle, with at least three views. 73600 is the ankle with two "
        "views, 73630 is a complete study of the foot, not the ankle, and 73110 is the wrist.",
        module=2,
    ),
    Single(
        HC, "Which HCPCS Level II modifier shows that a procedure was performed on the left side of the body?",
        (W("RT"), R("LT"), W("TA"), W("50")),
        "LT is the left side and RT the right. TA is also a left modifier, but only for the left great toe. "
        "50 is the CPT modifier for a bilateral procedure, both sides at one session.",
        module=2,
    ),
    Single(
        MSK, "A 9-year-old has a torus (buckle) fracture of the distal right radius. The orthopedist applies a "
             "cast; no manipulation is needed. Which CPT code is the fracture care?",
        (R("25600"), W("25605"), W("25500"), W("29075")),
        "Closed treatment of a distal radius fracture without manipulation is 25600, and its first cast is "
        "included. 25605 is with manipulation (reduction), 25500 is a fracture of the radial shaft, not the "
        "distal end, and 29075 is a cast alone, used when no fracture care is reported.",
        module=2,
    ),
    Single(
        ANES, "How are the anesthesia codes (00100-01999) arranged in CPT?",
        (W("By the drug used for the anesthetic"), W("By how long the surgery lasted"),
         R("By the region of the body operated on"), W("By the patient's physical status")),
        "Anesthesia codes follow the body: head, neck, thorax, upper abdomen, lower leg, and so on, so anatomy "
        "terms lead to them. Time is reported in units on top of the code, and physical status by a "
        "modifier (P1 to P6); the drug does not choose the code.",
        module=2,
    ),
    CodeEntry(
        ICD, "Office visit: cellulitis of the right lower leg; no organism identified. Code the diagnosis.",
        (Key("principal", "L03.115",
             "Cellulitis, leg leads to L03.11-: sixth character 5 is the right lower limb, 6 the left. "
             "L03.119 (unspecified part of limb) is wrong when the note names the leg and its side."),),
        "L03.115. The side is the patient's own right, taken from the documentation.",
        module=2,
    ),
    CodeEntry(
        ICD, "ED visit: closed, displaced fracture of the shaft of the right clavicle after a fall from a "
             "playground swing. Code the fracture and, if your facility reports it, the external cause.",
        (Key("principal", "S42.021A",
             "Fracture, clavicle, shaft, displaced leads to S42.02-; sixth character 1 is the right side, and "
             "A the initial encounter for a closed fracture while it is actively treated."),
         Key("secondary", "W09.1XXA",
             "Fall from a playground swing; placeholder X fills positions 5 and 6 before the 7th character A. "
             "External cause codes are not required nationally, so this line is optional.",
             requirement="optional")),
        "S42.021A, with W09.1XXA as an optional external cause code.",
        module=2,
    ),
    CodeEntry(
        ICD, "Office visit: primary osteoarthritis of both knees. Code the diagnosis.",
        (Key("principal", "M17.0",
             "Osteoarthritis, primary, knee, bilateral: M17.0, one code for both sides. Reporting M17.11 and "
             "M17.12 together is wrong when a bilateral code exists."),),
        "M17.0 is the bilateral code for primary osteoarthritis of the knee.",
        module=2,
    ),
    # --- module 3: body systems ------------------------------------------------------
    Single(
        TA, "A nephrology note gives an eGFR of 38. Which stage of chronic kidney disease does that range match?",
        (W("Stage 3a (45-59)"), R("Stage 3b (30-44)"), W("Stage 4 (15-29)"), W("Stage 5 (below 15)")),
        "An eGFR of 30 to 44 is stage 3b. The coder still codes the stage the provider documents (N18.32 for "
        "3b), never one worked out from a lab value.",
        module=3,
    ),
    Single(
        ICD, "The assessment lists \"CKD stage 3b\". Which code fits?",
        (W("N18.31"), W("N18.30"), W("N18.4"), R("N18.32")),
        "CKD is chronic kidney disease; N18.3 is a header with three codes below it: N18.30 stage 3 "
        "unspecified, N18.31 stage 3a and N18.32 stage 3b. N18.4 is stage 4.",
        module=3,
    ),
    Single(
        GL, "The assessment lists \"HTN\" and \"CKD stage 2\", with no other cause given for the kidney disease. "
            "Which code is listed first?",
        (W("I10"), W("N18.2"), R("I12.9"), W("I13.10")),
        "ICD-10-CM presumes hypertension and chronic kidney disease are linked (Section I.C.9.a.2): "
        "hypertensive CKD with stage 1-4, I12.9, goes first and N18.2 follows for the stage. I10 is "
        "hypertension without the kidney disease, and I13.10 adds heart disease the note does not document.",
        module=3,
    ),
    Single(
        GL, "CC: \"SOB and cough x 5 days.\" Assessment: \"Acute bronchitis.\" What do you code?",
        (W("R06.02 and J20.9"), R("J20.9 only"), W("R06.02 only"), W("J40")),
        "SOB is shortness of breath, a symptom the diagnosis explains, so it is not coded (Section I.B.5): "
        "J20.9 alone. J40 is bronchitis not called acute or chronic; this provider said acute.",
        module=3,
    ),
    Single(
        LAB, "Which laboratory test shows a patient's average blood sugar over about three months?",
        (W("Glucose, quantitative, blood (82947)"), R("Hemoglobin A1c (83036)"),
         W("Basic metabolic panel (80048)"), W("Urinalysis without microscopy, nonautomated (81002)")),
        "The hemoglobin A1c, 83036, reflects blood sugar over the life of the red cells, about three months. A "
        "blood glucose (82947) is one moment's value, the basic metabolic panel includes a single glucose "
        "among its tests, and a urinalysis looks for sugar in the urine.",
        module=3,
    ),
    Single(
        CV, "The cardiology report says \"angioplasty of the right coronary artery\". What does the word mean?",
        (W("An x-ray image of the vessel after dye is injected"), W("Removal of a vessel"),
         R("Repair of a vessel, here widening it from inside with a balloon"), W("Suturing of a vessel")),
        "angi/o (vessel) + -plasty (repair, reshape): an angioplasty opens a narrowed vessel, usually with a "
        "balloon. The x-ray image is an angiogram (-gram), removal would be -ectomy, and suturing -rrhaphy.",
        module=3,
    ),
    Single(
        RESP, "The procedure note says \"flexible bronchoscopy\". What was done?",
        (R("The airways were examined with a scope passed through the nose or mouth"),
         W("An incision was made into a bronchus"), W("A bronchus was surgically repaired"),
         W("The airways were x-rayed after contrast was given")),
        "-scopy is looking inside with a scope: bronchoscopy examines the trachea and bronchi. An incision "
        "would be a bronchotomy, a repair a bronchoplasty, and an x-ray with contrast a bronchography.",
        module=3,
    ),
    Single(
        MED, "A 12-lead electrocardiogram is recorded in the office, and the physician reads it and writes the "
             "report. Which CPT code covers the whole service?",
        (W("93005"), W("93010"), R("93000"), W("93306")),
        "93000 is the complete routine ECG: the tracing plus the interpretation and report. 93005 is the "
        "tracing only and 93010 the interpretation and report only (for a physician reading another "
        "facility's tracing). 93306 is an echocardiogram, an ultrasound of the heart, not an ECG.",
        module=3,
    ),
    # --- no module: the other exam areas a beginner meets ---------------------------------
    Single(
        EM, "A new patient is seen in the office, and the medical decision making is documented as low. Which "
            "code fits?",
        (W("99213"), W("99202"), R("99203"), W("99204")),
        "Office visits for a new patient run 99202 to 99205 by the level of medical decision making: "
        "straightforward 99202, low 99203, moderate 99204. 99213 is the low-level visit for an established "
        "patient, one seen by the same practice within three years.",
    ),
    Single(
        EM, "An emergency department physician documents moderate medical decision making. Which code fits?",
        (W("99214"), W("99283"), W("99285"), R("99284")),
        "ED visits are 99281 to 99285 and there is no new or established patient distinction: moderate "
        "decision making is 99284, low 99283 and high 99285. 99214 is an office visit, not an ED visit.",
    ),
    Single(
        RAD, "The order reads \"CT head without contrast\" for a patient who fell. Which CPT code fits?",
        (R("70450"), W("70460"), W("70470"), W("70551")),
        "70450 is CT of the head or brain without contrast. 70460 is with contrast, 70470 without and then "
        "with contrast, and 70551 is an MRI of the brain, a different kind of imaging.",
    ),
    Single(
        LAB, "A shave of a skin lesion from the left forearm goes to the pathologist for a diagnosis under the "
             "microscope. Which surgical pathology level does a skin specimen like this usually take?",
        (W("88302 (level II)"), W("88304 (level III)"), R("88305 (level IV)"), W("88307 (level V)")),
        "Surgical pathology is coded by the specimen's level, from a list in CPT: a skin biopsy or excision "
        "(other than a cyst, tag or plastic-repair tissue) is level IV, 88305. Level II is for specimens "
        "examined to confirm what they are, level III includes an appendix or gallbladder, and level V larger "
        "resections.",
    ),
    Single(
        MED, "A nurse gives a patient an intramuscular injection of an antibiotic in the office. Which CPT code "
             "reports giving the injection?",
        (W("90471"), R("96372"), W("96365"), W("36415")),
        "96372 is a therapeutic, prophylactic or diagnostic injection under the skin or into a muscle; the drug "
        "itself is reported with its own HCPCS code. 90471 is for giving a vaccine, 96365 for an IV infusion, "
        "and 36415 for drawing blood from a vein.",
    ),
    Single(
        HC, "A patient leaves the office with a pair of adjustable aluminum crutches that fit under the arms. "
            "Which HCPCS Level II code is the supply?",
        (W("E0110"), W("E0100"), W("E0130"), R("E0114")),
        "E0114 is a pair of underarm crutches not made of wood. E0110 is forearm crutches, which cuff around "
        "the forearm, E0100 a cane and E0130 a rigid pickup walker.",
    ),
    Single(
        CO, "Which use of the health record is appropriate for a coder under HIPAA's minimum necessary rule?",
        (R("Reading the records of the encounters you are assigned to code"),
         W("Looking up a neighbor's visit to see how she is doing"),
         W("Emailing a record to a classmate to ask how to code it"),
         W("Printing a note to finish coding it at home")),
        "Coders may use the protected health information they need for their job, and no more. Curiosity, "
        "sharing with someone outside the work, and taking records home break the privacy and security "
        "rules, even with good intentions.",
    ),
    Single(
        CO, "A physician asks you to add \"diabetic\" to a foot ulcer diagnosis because the claim would pay "
            "more, but the note never links the ulcer to diabetes. What do you do?",
        (W("Add it: the physician is the provider and has told you"),
         R("Code only what the record supports, and ask the physician to document the link if it is clinically true"),
         W("Add it only if the patient has diabetes on the problem list"),
         W("Leave the ulcer uncoded so the claim is not questioned")),
        "Codes must be supported by the documentation for the encounter. A verbal request does not change "
        "the record; if the physician believes the ulcer is diabetic, the right path is an addendum or a "
        "compliant query. Coding to raise payment without documentation is fraud.",
    ),
    # --- multiple answer --------------------------------------------------------------
    Single(
        TA, "Which of these suffixes name a surgical procedure? Select all that apply.",
        (R("-ectomy"), W("-itis"), R("-otomy"), R("-plasty"), W("-emia")),
        "-ectomy (removal), -otomy (cutting into) and -plasty (repair) describe operations. -itis is "
        "inflammation and -emia a condition of the blood: both name diagnoses, coded in ICD-10-CM, not "
        "procedures.",
        module=1, multiple=True,
    ),
    Single(
        TA, "Which statements about anatomic position and directional terms are true? Select all that apply.",
        (R("Right and left are always the patient's own, not the viewer's"),
         R("The palms face forward"),
         W("Proximal means closer to the midline of the body"),
         W("The knee is distal to the ankle")),
        "In anatomic position the patient stands facing you, palms forward, and right and left are the "
        "patient's. Proximal means nearer the trunk or the point of attachment (closer to the midline is "
        "medial), and the knee is proximal to the ankle, not distal.",
        module=2, multiple=True,
    ),
    Single(
        TA, "Which of these abbreviations name a chronic disease of the lungs or the kidneys? Select all that "
            "apply.",
        (R("COPD"), W("SOB"), R("CKD"), W("eGFR")),
        "COPD is chronic obstructive pulmonary disease and CKD chronic kidney disease. SOB (shortness of "
        "breath) is a symptom, and eGFR (estimated glomerular filtration rate) a lab value used to stage CKD; "
        "neither is a disease.",
        module=3, multiple=True,
    ),
    Single(
        HC, "Which of these are reported with HCPCS Level II codes? Select all that apply.",
        (R("Durable medical equipment such as walkers and crutches"), R("Ambulance services"),
         W("Office visits for established patients"), R("Drugs given by injection, such as ceftriaxone"),
         W("The diagnoses that justify a service")),
        "HCPCS Level II covers the items and services CPT does not: equipment and supplies (E, A codes), "
        "ambulance transport (A0425-A0429), drugs given other than orally (J codes). Office visits are CPT "
        "(99211-99215), and diagnoses are ICD-10-CM.",
        multiple=True,
    ),
    # --- more code entry --------------------------------------------------------------
    CodeEntry(
        ICD, "Office visit: hypothyroidism, on levothyroxine, stable; no cause documented. Code the diagnosis.",
        (Key("principal", "E03.9",
             "hypo- (too little) + thyr/o: the thyroid makes too little hormone. Hypothyroidism not further "
             "described is E03.9. E05.90 would be hyperthyroidism, the opposite."),),
        "E03.9, hypothyroidism, unspecified: the note gives no cause (such as postprocedural, E89.0).",
        module=3,
    ),
    CodeEntry(
        EM, "Established patient seen for acute pharyngitis; rapid strep test negative; the medical decision "
            "making is low. Code the visit and the diagnosis.",
        (Key("procedure", "99213",
             "An established patient office visit with low medical decision making is 99213; 99203 would be "
             "a new patient."),
         Key("principal", "J02.9",
             "pharyng/o (throat) + -itis: acute pharyngitis, no organism found, is J02.9. J02.0 is only for "
             "strep throat, which the negative test rules out.")),
        "99213 for the visit and J02.9 for the diagnosis. The rapid strep test, if done in the office, has its "
        "own laboratory code.",
    ),
    # --- cases ------------------------------------------------------------------------
    Case(
        INTEG, "Code this urgent care visit.",
        "Procedure note",
        _t("""
            Patient: Tobias Wendell, 41-year-old man. Date of service: 2026-04-21.
            Northwind Urgent Care. Provider: Anika Brandvold, PA-C.
            CC: Painful, swollen lump on the left forearm for 4 days.
            Exam: T 99.4 F. Dorsal left forearm: 3 cm fluctuant, tender, red mass. No lymphangitic streaking.
            Assessment: Cutaneous abscess of the left forearm.
            Procedure: Incision and drainage. Skin cleansed with chlorhexidine; 1% lidocaine local.
            A single 1.5 cm incision released purulent material. Cavity irrigated with saline.
            Gauze dressing applied. No culture sent.
            Plan: Warm compresses three times daily. Return if redness spreads or fever develops.
            """),
        (CaseItem("Diagnoses", "Code the diagnosis (ICD-10-CM).",
                  (Key("principal", "L02.414",
                       "Abscess, arm (any part) leads to Abscess, upper limb, L02.41-: sixth character 4 is the "
                       "left upper limb. No organism was identified, so no B95-B96 code."),)),
         CaseItem("Procedures", "Code the procedure (CPT).",
                  (Key("procedure", "10060",
                       "Incision and drainage of a single, simple skin abscess is 10060. 10061 is for a "
                       "complicated or multiple abscesses, which this note does not describe."),))),
        "An incision (-otomy) and drainage of one simple abscess: 10060, for a cutaneous abscess of the left "
        "upper limb, L02.414.",
        module=1,
    ),
    Case(
        RAD, "Code this emergency department visit.",
        "ED record",
        _t("""
            Patient: Serena Halloway, 27-year-old woman. Date of service: 2026-05-09.
            Northwind Regional Medical Center, Emergency Department. Physician: Rafael Quintero, MD.
            CC: Right ankle pain after rolling it on a curb while jogging.
            Exam: Swelling and tenderness over the anterior lateral right ankle, below the lateral malleolus.
            Able to bear weight with a limp. No bony tenderness of the medial malleolus or the fifth metatarsal.
            X-ray right ankle, three views (AP, lateral, mortise): no fracture.
            Assessment: Sprain of the anterior talofibular ligament of the right ankle.
            Plan: Rest, ice, elevation; air splint; ibuprofen. Follow up with primary care in 1 week.
            """),
        (CaseItem("Diagnoses", "Code the diagnosis (ICD-10-CM).",
                  (Key("principal", "S93.491A",
                       "Sprain, ankle, talofibular ligament leads to Sprain, ankle, specified ligament NEC, "
                       "S93.49-: sixth character 1 is the right ankle, and A the initial encounter. S93.401A "
                       "(unspecified ligament) is wrong: the ligament is named."),)),
         CaseItem("Radiology", "Code the ankle x-ray (CPT).",
                  (Key("procedure", "73610",
                       "Three views of the ankle make the complete study, 73610; 73600 is two views."),))),
        "The anterior talofibular ligament is on the lateral side of the ankle, and the side comes from the "
        "record: S93.491A. The three-view ankle x-ray is 73610.",
        module=2,
    ),
    Case(
        EM, "Code this office visit.",
        "Office note",
        _t("""
            Patient: Harold Quimby, 66-year-old man. Date of service: 2026-06-15.
            Northwind Family Medicine. Provider: Carmen Oyelaran, MD. Established patient.
            CC: Follow-up of T2DM, HTN and CKD.
            HPI: T2DM on metformin 1000 mg BID. HTN on lisinopril 20 mg. No new symptoms.
            Labs: A1c 7.1%. eGFR 52, urine albumin-to-creatinine ratio elevated.
            Exam: BP 136/82. No edema. Feet: sensation intact.
            Assessment:
            1. T2DM with diabetic CKD stage 3a.
            2. HTN, controlled.
            Plan: Continue metformin; increase lisinopril to 40 mg for kidney protection. BMP in 4 weeks.
            Medical decision making: moderate (two chronic illnesses, prescription drug management).
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM).",
                  (Key("principal", "E11.22",
                       "T2DM is type 2 diabetes mellitus; the provider links it to the CKD, so the combination "
                       "code E11.22, diabetic chronic kidney disease."),
                   Key("secondary", "I12.9",
                       "HTN with CKD: ICD-10-CM presumes the link, so hypertensive CKD with stage 1-4, I12.9, "
                       "not I10."),
                   Key("secondary", "N18.31",
                       "The stage the provider documents, 3a: N18.31. Both E11.22 and I12.9 ask for the stage, "
                       "and N18's Code first note puts it after them."),
                   Key("secondary", "Z79.84",
                       "Long-term oral drug for the diabetes (metformin): Z79.84, as the E11 note asks."))),
         CaseItem("Visit", "Code the office visit (CPT).",
                  (Key("procedure", "99214",
                       "Established patient, moderate medical decision making: 99214. 99204 would be a new "
                       "patient."),))),
        "Decode each abbreviation first: T2DM, HTN, CKD, BID. Then E11.22, I12.9, N18.31 and Z79.84, and the "
        "visit at 99214.",
        module=3,
    ),
    Case(
        MED, "Code this office visit.",
        "Office note",
        _t("""
            Patient: Rosalind Okerlund, 63-year-old woman. Date of service: 2026-07-08.
            Northwind Family Medicine. Provider: Samuel Okafor, DO.
            CC: SOB on exertion for 6 months.
            HPI: Smokes 1 pack of cigarettes per day for 40 years; tried to quit twice, could not.
            Exam: Prolonged expiration, scattered wheezes. SpO2 95% RA.
            Spirometry in the office (no bronchodilator given): FEV1/FVC 0.58, FEV1 64% predicted.
            Assessment:
            1. COPD, newly diagnosed, stable.
            2. Nicotine dependence, cigarettes.
            Plan: Tiotropium inhaler daily. Smoking cessation counseling; quit line referral. Recheck in 6 weeks.
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM).",
                  (Key("principal", "J44.9",
                       "COPD, chronic obstructive pulmonary disease, not in exacerbation and without infection: "
                       "J44.9. The shortness of breath is part of it."),
                   Key("secondary", "F17.210",
                       "Chapter 10 asks for tobacco use: she smokes cigarettes now and the provider documents "
                       "dependence, F17.210. Z87.891 would be history, for someone who has quit."))),
         CaseItem("Procedures", "Code the spirometry (CPT).",
                  (Key("procedure", "94010",
                       "spir/o (breathing) + -metry (measuring): spirometry without a bronchodilator is 94010. "
                       "94060 is before and after a bronchodilator, which was not given."),))),
        "J44.9 and F17.210 for the diagnoses, and 94010 for spirometry done without a bronchodilator.",
        module=3,
    ),
    # --- written ----------------------------------------------------------------------
    Written(
        TA, "A student reads \"colostomy\" in an operative report and codes a colectomy. Explain the difference "
            "between colectomy, colotomy and colostomy, and why the suffix matters to a coder.",
        "1 point: colectomy is removal of all or part of the colon. 1 point: colotomy is an incision into the "
        "colon, and colostomy a new opening from the colon to the skin (a stoma). 1 point: the suffix names a "
        "different operation, and different operations have different CPT codes, so reading the suffix first "
        "avoids a wrong code.",
        "All three share the root col/o, the colon; the suffix says what was done. -ectomy is removal: a "
        "colectomy takes out all or part of the colon. -otomy is cutting into: a colotomy opens the colon, for "
        "example to remove a foreign body, and closes it again. -ostomy is a new opening: a colostomy brings "
        "the colon to the abdominal wall as a stoma. These are different operations, coded with different CPT "
        "codes, so a coder reads the suffix first and does not code from the root alone.",
        module=1,
    ),
    Written(
        GL, "An office note reads \"Osteoarthritis of the knee, worse with stairs\" and never says which knee. "
            "What are your options for coding it, and which is best?",
        "1 point: the note does not document the side, and the coder never guesses it. 1 point: the "
        "unspecified-side code (M17.10, unilateral primary osteoarthritis, unspecified knee) can be reported "
        "as the record stands. 1 point: a query to the provider for the side is better when the record allows, "
        "and the code follows the answer (M17.11, M17.12 or M17.0).",
        "Laterality must come from the provider's documentation, not from a guess or the coder's reading of "
        "the exam. As written, the note supports only the unspecified knee, M17.10. That code is acceptable "
        "when the side truly is not known, but here the provider knows which knee was examined, so the better "
        "course is a query asking for the side. Once the provider documents right, left or both, code M17.11, "
        "M17.12 or the bilateral M17.0.",
        module=2,
    ),
    Written(
        CO, "An assessment lists \"MS\" with no other clue in the note. Why must a coder not pick a meaning on "
            "their own, and what two things can settle it?",
        "1 point: MS has more than one meaning (multiple sclerosis, mitral stenosis, and others), and the two "
        "lead to different codes. 1 point: the facility's approved abbreviation list or the context of the "
        "record can settle it. 1 point: when they do not, the coder queries the provider rather than guessing.",
        "MS can mean multiple sclerosis, a nervous system disease (category G35), or mitral stenosis, a heart valve "
        "disease (I05.0 or I34.2), and the codes, the risk adjustment and the medical necessity of the visit "
        "all change with it. A coder who guesses may put a serious wrong diagnosis on the patient's record. "
        "First check the context (medications, the specialist seen, the exam) and the facility's approved "
        "abbreviation list. If the meaning is still not clear, send the provider a compliant, non-leading "
        "query and code from the answer.",
        module=3,
    ),
)
