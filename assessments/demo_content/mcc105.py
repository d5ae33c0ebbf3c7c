"""Question bank of MCC-105 Specialty Coding, Revenue Cycle and Compliance.

Modules: 1 cardiology; 2 orthopedics; 3 E/M across settings; 4 revenue cycle and compliance.
CPT services are described in our own words, never by their descriptors.
"""

from __future__ import annotations

from assessments.demo_content.shapes import Case, CaseItem, Choice, CodeEntry, Key, Single, Written
from courses.demo_content.shapes import _t

CARDIO, ORTHO, EM, REVENUE = 1, 2, 3, 4

QUESTIONS: tuple = (
    # --- module 1: cardiology -------------------------------------------------------------------
    Single(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Office visit: hypertension and chronic kidney disease stage 3a. No heart disease. The "
               "diagnoses are",
        choices=(
            Choice("I12.9, N18.31", correct=True),
            Choice("I10, N18.31"),
            Choice("N18.31, I12.9"),
            Choice("I13.10, N18.31"),
        ),
        rationale="ICD-10-CM presumes the link between hypertension and chronic kidney disease, so the "
                  "combination code I12.9 comes first and its Use additional code note adds the stage, N18.31. "
                  "I10 ignores the presumed link; I13 is for heart and kidney disease together.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Hypertension and chronic systolic heart failure; the provider does not say the two are "
               "unrelated. How are they coded?",
        choices=(
            Choice("I11.0 first, then the type of heart failure (I50.22)", correct=True),
            Choice("I50.22 first, then I10"),
            Choice("I10 and I50.22 in either order"),
            Choice("I11.9 and I50.22"),
        ),
        rationale="Heart failure with hypertension is presumed hypertensive: I11.0, hypertensive heart disease "
                  "with heart failure, is sequenced first (I50 has a Code first note for it) and the heart "
                  "failure type is added. I11.9 is hypertensive heart disease without heart failure.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Coronary artery disease of the native arteries with unstable angina. The code is",
        choices=(
            Choice("I25.110", correct=True),
            Choice("I20.0"),
            Choice("I25.10 and I20.0"),
            Choice("I25.119"),
        ),
        rationale="Coronary atherosclerosis with angina is one combination code; the sixth character gives the "
                  "type of angina: I25.110 for unstable angina. An Excludes1 note at I20 keeps the angina code "
                  "off when the combination applies; I25.119 is angina not further specified.",
    ),
    Single(
        domain="cpc:medicine",
        module=CARDIO,
        prompt="A cardiologist reads and reports a 12-lead ECG recorded in the hospital on the hospital's "
               "machine. The cardiologist reports",
        choices=(
            Choice("93000"),
            Choice("93005"),
            Choice("93010", correct=True),
            Choice("93040"),
        ),
        rationale="The ECG codes split the service: 93000 tracing and interpretation together, 93005 the "
                  "tracing only (the hospital's part), 93010 the interpretation and report only. 93040 is a "
                  "rhythm strip of one to three leads.",
    ),
    Single(
        domain="cpc:medicine",
        module=CARDIO,
        prompt="A complete transthoracic echocardiogram is done with spectral and color flow Doppler. The code "
               "is",
        choices=(
            Choice("93306", correct=True),
            Choice("93307"),
            Choice("93308"),
            Choice("93312"),
        ),
        rationale="93306 is the complete transthoracic study that includes spectral and color Doppler. 93307 "
                  "is complete without Doppler, 93308 a limited or follow-up study, and 93312 a "
                  "transesophageal echo.",
    ),
    Single(
        domain="cpc:medicine",
        module=CARDIO,
        prompt="In the cardiology office, a treadmill stress test is done on the practice's equipment; the "
               "cardiologist supervises it and writes the interpretation. The code is",
        choices=(
            Choice("93015", correct=True),
            Choice("93016"),
            Choice("93017"),
            Choice("93018"),
        ),
        rationale="93015 is the global stress test: supervision, tracing, interpretation and report. When "
                  "the parts are split, 93016 is supervision only, 93017 the tracing only and 93018 the "
                  "interpretation and report only.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Six weeks after a myocardial infarction, the patient is seen for follow-up; no chest pain, no "
               "current ischemia. The infarction is coded",
        choices=(
            Choice("I25.2", correct=True),
            Choice("I21.9"),
            Choice("I22.9"),
            Choice("I25.10"),
        ),
        rationale="An infarction is coded as acute (I21) for 4 weeks from its onset. After that, with no "
                  "current symptoms, it is an old myocardial infarction, I25.2. I22 is a new infarction within "
                  "4 weeks of a first one.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Admitted with an acute ST-elevation myocardial infarction of the inferior wall; the "
               "catheterization finds the right coronary artery occluded. The code is",
        choices=(
            Choice("I21.11", correct=True),
            Choice("I21.19"),
            Choice("I21.4"),
            Choice("I22.1"),
        ),
        rationale="STEMI of the inferior wall involving the right coronary artery: I21.11. I21.19 is another "
                  "artery of the inferior wall, I21.4 a non-ST elevation infarction, and I22.1 a subsequent "
                  "inferior STEMI.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="The cardiologist documents longstanding persistent atrial fibrillation. The code is",
        choices=(
            Choice("I48.11", correct=True),
            Choice("I48.19"),
            Choice("I48.21"),
            Choice("I48.0"),
        ),
        rationale="I48.11 is longstanding persistent. I48.19 is other persistent atrial fibrillation, I48.21 "
                  "permanent and I48.0 paroxysmal: the type of atrial fibrillation decides the code.",
    ),
    Single(
        domain="cpc:surgery-cardiovascular",
        module=CARDIO,
        prompt="A new permanent pacemaker is implanted with transvenous leads in the right atrium and the right "
               "ventricle. The code is",
        choices=(
            Choice("33208", correct=True),
            Choice("33207"),
            Choice("33206"),
            Choice("33249"),
        ),
        rationale="The pacemaker codes are chosen by the chambers the leads go to: 33206 atrial, 33207 "
                  "ventricular, 33208 both (dual chamber). 33249 inserts an implantable defibrillator.",
    ),
    Single(
        domain="cpc:medicine",
        module=CARDIO,
        prompt="Cardiac catheterization: catheters placed in the coronary arteries for angiography, with left "
               "heart catheterization and a left ventriculogram; no bypass grafts. The code is",
        choices=(
            Choice("93458", correct=True),
            Choice("93454"),
            Choice("93459"),
            Choice("93460"),
        ),
        rationale="93458 is coronary angiography with left heart catheterization, including the left "
                  "ventriculogram when done. 93454 is coronary angiography alone, 93459 adds bypass graft "
                  "angiography and 93460 adds a right heart catheterization.",
    ),
    Single(
        domain="cpc:surgery-cardiovascular",
        module=CARDIO,
        prompt="Coronary artery bypass: one arterial graft (left internal mammary to the LAD) and two vein "
               "grafts. What is reported?",
        choices=(
            Choice("33533 and 33518", correct=True),
            Choice("33511 and 33533"),
            Choice("33533 x 3"),
            Choice("33510 and 33518"),
        ),
        rationale="When arterial and vein grafts are combined, the arterial graft code (33533, one arterial "
                  "graft) is reported with the add-on for the number of vein grafts (33518, two). The vein-only "
                  "codes 33510-33516 are for operations that use only veins.",
    ),
    Single(
        domain="cpc:pathology-laboratory",
        module=CARDIO,
        prompt="A patient on warfarin for atrial fibrillation has a fingerstick test to check the INR. The lab "
               "code is",
        choices=(
            Choice("85610", correct=True),
            Choice("85730"),
            Choice("85025"),
            Choice("80053"),
        ),
        rationale="Warfarin is monitored with the prothrombin time and INR, 85610. 85730 is the partial "
                  "thromboplastin time, used for heparin; 85025 is a complete blood count.",
    ),
    Single(
        domain="cpc:guidelines",
        module=CARDIO,
        multiple=True,
        prompt="With hypertension, which conditions does ICD-10-CM presume are caused by it, unless the "
               "provider says otherwise? Choose all that apply.",
        choices=(
            Choice("Heart failure", correct=True),
            Choice("Chronic kidney disease", correct=True),
            Choice("Coronary artery disease"),
            Choice("Atrial fibrillation"),
        ),
        rationale="The 'with' convention and guideline I.C.9.a presume a link between hypertension and heart "
                  "involvement such as heart failure, and between hypertension and chronic kidney disease. "
                  "Coronary artery disease and arrhythmias are coded separately beside the hypertension.",
    ),
    CodeEntry(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Established patient: hypertension with chronic kidney disease stage 3b, both stable. Code the "
               "diagnoses.",
        key=(
            Key("principal", "I12.9",
                "Hypertension with CKD is presumed hypertensive chronic kidney disease; stage 1 to 4: I12.9."),
            Key("secondary", "N18.32",
                "I12.9's Use additional code note asks for the stage: 3b is N18.32."),
        ),
        rationale="I12.9 then N18.32. N18.30 would be stage 3 unspecified; the note gives 3b.",
    ),
    CodeEntry(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Cardiology follow-up: permanent atrial fibrillation, rate controlled, on apixaban long term. "
               "Code the diagnoses.",
        key=(
            Key("principal", "I48.21", "Permanent atrial fibrillation: I48.21."),
            Key("secondary", "Z79.01",
                "Apixaban is an anticoagulant taken long term: Z79.01 (not Z79.02, antiplatelets)."),
        ),
        rationale="I48.21 and Z79.01. Apixaban, like warfarin, is an anticoagulant; aspirin and clopidogrel "
                  "go to Z79.02 and Z79.82.",
    ),
    CodeEntry(
        domain="cpc:icd10cm",
        module=CARDIO,
        prompt="Hypertensive heart disease with chronic diastolic heart failure; no kidney disease. Code the "
               "diagnoses.",
        key=(
            Key("principal", "I11.0",
                "Hypertension with heart failure: hypertensive heart disease with heart failure, I11.0, first."),
            Key("secondary", "I50.32",
                "I11.0 asks for the type of heart failure: chronic diastolic, I50.32."),
        ),
        rationale="I11.0 then I50.32. Listing I50.32 first breaks the Code first note at I50.",
    ),
    Case(
        domain="cpc:medicine",
        module=CARDIO,
        prompt="Code this cardiology visit: the services (CPT, with modifiers) and the diagnoses (ICD-10-CM).",
        record_title="Office note",
        record_text=_t("""
            Patient: Cornelius Abernathy-Rowe, 74 M. Northwind Heart and Vascular, 2026-07-14. Medicare.
            Provider: Miriam Castellanos, MD. Established patient.
            CC: Follow-up of atrial fibrillation and blood pressure.
            Permanent atrial fibrillation on warfarin since 2022; hypertension on lisinopril 20 mg.
            No bleeding, no palpitations. BP 132/78, HR 74 irregularly irregular.
            ECG in the office, read by me: atrial fibrillation, rate 72, no acute changes.
            INR by fingerstick (CLIA-waived analyzer): 2.6, in range.
            1. Permanent atrial fibrillation: rate controlled. Continue warfarin 5 mg; INR in 4 weeks.
            2. Hypertension: at goal. Continue lisinopril, refilled.
            """),
        items=(
            CaseItem(
                label="Services",
                prompt="Code the services (CPT, with modifiers).",
                key=(
                    Key("procedure", "99214",
                        "Two stable chronic illnesses (moderate problems) and prescription drug management, "
                        "including warfarin dosing (at least moderate risk): two of three elements reach "
                        "moderate."),
                    Key("procedure", "93000",
                        "The ECG was recorded and read in the office: the complete service."),
                    Key("procedure", "85610",
                        "Prothrombin time with INR, done on a waived analyzer: Medicare wants QW on a "
                        "CLIA-waived test.", modifiers=("QW",)),
                ),
            ),
            CaseItem(
                label="Diagnoses",
                prompt="Code the diagnoses (ICD-10-CM).",
                key=(
                    Key("principal", "I48.21", "Permanent atrial fibrillation, the main reason for the visit."),
                    Key("secondary", "I10", "Essential hypertension, managed today."),
                    Key("secondary", "Z79.01", "Long-term warfarin, an anticoagulant: Z79.01."),
                ),
            ),
        ),
        rationale="99214, 93000 and 85610-QW with I48.21, I10 and Z79.01. The ECG and the INR need no modifier "
                  "25 on the visit; the QW belongs on the waived test itself.",
    ),
    # --- module 2: orthopedics ------------------------------------------------------------------
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="Injection of the subacromial bursa of the right shoulder, by landmarks, without imaging "
               "guidance. The code is",
        choices=(
            Choice("20610", correct=True),
            Choice("20611"),
            Choice("20605"),
            Choice("20550"),
        ),
        rationale="The shoulder and its subacromial bursa are a major joint and bursa: 20610 without "
                  "ultrasound, 20611 with ultrasound recorded. 20605 is an intermediate joint (elbow, wrist, "
                  "ankle); 20550 is an injection of a tendon sheath or ligament.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="The olecranon bursa of the left elbow is aspirated without ultrasound guidance. The code is",
        choices=(
            Choice("20605", correct=True),
            Choice("20600"),
            Choice("20610"),
            Choice("20606"),
        ),
        rationale="The elbow and the olecranon bursa are intermediate: 20605 without ultrasound. 20600 is a "
                  "small joint such as a finger, 20610 a major joint, 20606 the intermediate joint with "
                  "ultrasound guidance.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="A displaced Colles' fracture is reduced by closed manipulation and a short arm cast is applied; "
               "the orthopedist will follow the fracture. What is reported?",
        choices=(
            Choice("25605", correct=True),
            Choice("25600"),
            Choice("25605 and 29075"),
            Choice("25607"),
        ),
        rationale="Closed treatment of a distal radius fracture with manipulation is 25605, and the fracture "
                  "care includes the first cast, so 29075 is not added. 25600 is without manipulation and "
                  "25607 an open treatment with internal fixation.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=ORTHO,
        prompt="A patient returns for a cast check of a healing fracture; healing is normal. The 7th character "
               "of the fracture code is",
        choices=(
            Choice("A"),
            Choice("D", correct=True),
            Choice("G"),
            Choice("S"),
        ),
        rationale="D is a subsequent encounter with routine healing: care after the active treatment. A is "
                  "active treatment, G delayed healing and S a sequela.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=ORTHO,
        prompt="A 7-year-old has a buckle (torus) fracture of the distal right radius after a fall from a "
               "scooter; initial treatment. The injury code is",
        choices=(
            Choice("S52.521A", correct=True),
            Choice("S52.501A"),
            Choice("S52.531A"),
            Choice("S52.521D"),
        ),
        rationale="A torus fracture of the lower end of the right radius, initial encounter for closed "
                  "fracture: S52.521A. S52.501A is the unspecified fracture, S52.531A a Colles' fracture and "
                  "the D character is for follow-up care.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=ORTHO,
        prompt="A 78-year-old woman with age-related osteoporosis has a compression fracture of a thoracic "
               "vertebra from bending to pick up laundry; first visit for it. The code is",
        choices=(
            Choice("M80.08XA", correct=True),
            Choice("M81.0 and S22.009A"),
            Choice("M48.50XA"),
            Choice("M84.48XA"),
        ),
        rationale="A fracture from minimal stress in an osteoporotic bone is a pathological fracture of "
                  "osteoporosis: M80.08XA (vertebra, initial encounter). M81.0 is osteoporosis without a "
                  "current fracture, and an injury code would call it traumatic.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="Knee arthroscopy: partial medial meniscectomy with chondroplasty of the medial femoral condyle. "
               "What is reported?",
        choices=(
            Choice("29881", correct=True),
            Choice("29881 and 29877"),
            Choice("29880"),
            Choice("27447"),
        ),
        rationale="29881 is the arthroscopic meniscectomy of the medial or the lateral meniscus, and it "
                  "includes chondroplasty in any compartment of the same knee, so 29877 is not added. 29880 is "
                  "both menisci; 27447 is a total knee arthroplasty.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="Both knees of a Medicare patient are injected with a corticosteroid at one session, without "
               "imaging guidance. How is the procedure reported?",
        choices=(
            Choice("20610 with modifier 50, on one line", correct=True),
            Choice("20610 with 2 units, no modifier"),
            Choice("20610 with modifier 59"),
            Choice("20611 with modifier 50"),
        ),
        rationale="Medicare pays a bilateral procedure on one line with modifier 50 (some commercial payers "
                  "want RT and LT lines instead). Two units without a modifier do not say where; 59 is for a "
                  "distinct procedure, and 20611 needs ultrasound guidance.",
    ),
    Single(
        domain="cpc:anesthesia",
        module=ORTHO,
        prompt="General anesthesia for an arthroscopic meniscectomy of the knee. The anesthesia code is",
        choices=(
            Choice("01400", correct=True),
            Choice("01382"),
            Choice("01402"),
            Choice("01380"),
        ),
        rationale="Anesthesia codes follow the procedure: 01400 covers open or surgical arthroscopic knee "
                  "procedures. 01382 is for diagnostic arthroscopy only, 01402 a total knee arthroplasty and "
                  "01380 closed procedures on the knee.",
    ),
    Single(
        domain="cpc:anesthesia",
        module=ORTHO,
        prompt="A certified registered nurse anesthetist gives the anesthetic with no anesthesiologist "
               "medically directing. The CRNA's claim carries modifier",
        choices=(
            Choice("QZ", correct=True),
            Choice("QX"),
            Choice("QK"),
            Choice("AA"),
        ),
        rationale="QZ: CRNA service without medical direction. QX is a CRNA service with medical direction, "
                  "QK the anesthesiologist directing two to four cases, and AA an anesthesiologist personally "
                  "performing the anesthesia.",
    ),
    Single(
        domain="cpc:radiology",
        module=ORTHO,
        prompt="Three views of the right wrist are taken in the orthopedic office and read by the orthopedist. "
               "The x-ray code is",
        choices=(
            Choice("73110", correct=True),
            Choice("73100"),
            Choice("73090"),
            Choice("73130"),
        ),
        rationale="73110 is a complete wrist study of at least three views; 73100 is two views. 73090 is the "
                  "forearm and 73130 the hand. Owned equipment and the orthopedist's read: no 26 or TC.",
    ),
    Single(
        domain="cpc:terminology-anatomy",
        module=ORTHO,
        prompt="The olecranon, the point of the elbow, is part of which bone?",
        choices=(
            Choice("Ulna", correct=True),
            Choice("Radius"),
            Choice("Humerus"),
            Choice("Scapula"),
        ),
        rationale="The olecranon is the proximal end of the ulna. The radius is on the thumb side of the "
                  "forearm; the humerus ends at the elbow in its condyles and epicondyles.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        multiple=True,
        prompt="An orthopedist provides closed fracture care (a 90-day global code). Which of these are part of "
               "the fracture care code? Choose all that apply.",
        choices=(
            Choice("Applying the first cast", correct=True),
            Choice("Routine follow-up visits for the fracture during the global period", correct=True),
            Choice("The radiographs taken at each visit"),
            Choice("Replacing the cast later in the global period"),
        ),
        rationale="Fracture care includes the first cast or splint and the routine follow-up care of the "
                  "fracture. Radiographs are reported separately, and so is a later replacement cast (with its "
                  "supplies).",
    ),
    CodeEntry(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="Scheduled injection of the right knee for primary osteoarthritis: methylprednisolone acetate "
               "40 mg with lidocaine, by landmarks, no imaging; nothing else addressed. Code the procedure, the "
               "drug and the diagnosis.",
        key=(
            Key("procedure", "20610", "Major joint injection without ultrasound, right side.", modifiers=("RT",)),
            Key("supply", "J1010",
                "Methylprednisolone acetate is J1010, per 1 mg: 40 mg is 40 units. The lidocaine is included "
                "in the injection.", units=40),
            Key("principal", "M17.11", "Unilateral primary osteoarthritis of the right knee: M17.11."),
        ),
        rationale="20610-RT, J1010 x 40 and M17.11. No visit code: the injection was planned and nothing else "
                  "was done. J1030, the old 40 mg code, was retired on 2024-03-31 when CMS moved to J1010.",
    ),
    CodeEntry(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="Slipped on ice and fell: displaced Colles' fracture of the left radius, closed reduction and "
               "cast by the orthopedist, who will follow it. Code the procedure and the diagnoses.",
        key=(
            Key("procedure", "25605",
                "Closed treatment of a distal radius fracture with manipulation; the cast is included. LT for "
                "the side.", modifiers=("LT",)),
            Key("principal", "S52.532A",
                "Colles' fracture of the left radius, initial encounter for a closed fracture."),
            Key("secondary", "W00.0XXA", "External cause: fall on the same level due to ice and snow.",
                requirement="optional"),
        ),
        rationale="25605-LT with S52.532A (and W00.0XXA where external causes are collected). No cast code: "
                  "the first cast is part of the fracture care.",
    ),
    Case(
        domain="cpc:surgery-musculoskeletal",
        module=ORTHO,
        prompt="Code the surgeon's procedure (CPT, with modifiers) and the postoperative diagnosis (ICD-10-CM).",
        record_title="Operative report",
        record_text=_t("""
            Patient: Gwendolyn Ostrowski, 56 F. Northwind Surgery Center, 2026-08-11. Surgeon: Desmond Achebe, MD.
            Preoperative diagnosis: Medial meniscus tear, right knee.
            Postoperative diagnosis: Old tear of the posterior horn of the medial meniscus, right knee.
            Procedure: Right knee arthroscopy with partial medial meniscectomy and chondroplasty.
            Anesthesia: General. History: knee twisted on a hike two years ago; locking since.
            Findings: Degenerative complex tear of the posterior horn of the medial meniscus. Grade 2
            chondromalacia of the medial femoral condyle. Lateral meniscus and ligaments intact.
            The torn meniscus was trimmed to a stable rim with a shaver and basket forceps; the loose
            cartilage flaps of the medial femoral condyle were smoothed. Portals closed. No complications.
            """),
        items=(
            CaseItem(
                label="Procedure",
                prompt="Code the procedure (CPT, with modifiers).",
                key=(
                    Key("procedure", "29881",
                        "Arthroscopic meniscectomy of one meniscus; the chondroplasty of the same knee is "
                        "included. RT for the right knee.", modifiers=("RT",)),
                ),
            ),
            CaseItem(
                label="Diagnosis",
                prompt="Code the postoperative diagnosis (ICD-10-CM).",
                key=(
                    Key("principal", "M23.221",
                        "An old tear of the posterior horn of the medial meniscus, right knee: M23.221. The "
                        "injury was two years ago, so not a current injury code (S83.2-)."),
                ),
            ),
        ),
        rationale="29881-RT with M23.221. 29880 would need both menisci; a current tear (S83.2-) is for a "
                  "recent injury, not a two-year-old one.",
    ),
    # --- module 3: E/M across settings ----------------------------------------------------------
    Single(
        domain="cpc:em",
        module=EM,
        prompt="An emergency department visit reaches moderate medical decision making. The code is",
        choices=(
            Choice("99284", correct=True),
            Choice("99283"),
            Choice("99285"),
            Choice("99214"),
        ),
        rationale="ED visits are chosen by decision making only: 99283 low, 99284 moderate, 99285 high. ED "
                  "codes make no new or established distinction, and 99214 is an office code.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        prompt="The admitting hospitalist's first-day note for an inpatient supports high medical decision "
               "making. The code is",
        choices=(
            Choice("99223", correct=True),
            Choice("99222"),
            Choice("99233"),
            Choice("99285"),
        ),
        rationale="Initial hospital inpatient or observation care: 99221 straightforward or low, 99222 "
                  "moderate, 99223 high. 99233 is a later hospital day and 99285 an ED visit.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        prompt="On day 3 of the stay, the hospitalist's progress note supports moderate decision making. The "
               "code is",
        choices=(
            Choice("99232", correct=True),
            Choice("99231"),
            Choice("99222"),
            Choice("99214"),
        ),
        rationale="Subsequent hospital care: 99231 straightforward or low, 99232 moderate, 99233 high. 99222 "
                  "is only for the first day.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        prompt="The attending physician spends 35 minutes on the day of discharge: final exam, instructions, "
               "prescriptions and the discharge summary. The code is",
        choices=(
            Choice("99238"),
            Choice("99239", correct=True),
            Choice("99232"),
            Choice("99233"),
        ),
        rationale="Discharge day management is chosen by time: 99238 for 30 minutes or less, 99239 for more "
                  "than 30. It replaces a subsequent care code on that day.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        prompt="Since 2023, the physician's first-day service for a patient placed in observation is reported "
               "with",
        choices=(
            Choice("the initial hospital inpatient or observation care codes, 99221-99223", correct=True),
            Choice("the ED visit codes, 99281-99285"),
            Choice("the office visit codes for a new patient"),
            Choice("a HCPCS G code for observation"),
        ),
        rationale="The 2023 CPT revision merged observation into the hospital codes: 99221-99223 for the first "
                  "day, 99231-99233 for later days and 99238-99239 for discharge. The old observation codes "
                  "were deleted.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        prompt="A Medicare patient is sent to a cardiologist in the office for an opinion at the request of "
               "the primary care physician; the cardiologist has never seen the patient. The cardiologist "
               "reports",
        choices=(
            Choice("a new patient office visit (99202-99205)", correct=True),
            Choice("an office consultation code (99242-99245)"),
            Choice("an established patient visit (99212-99215)"),
            Choice("an ED visit code"),
        ),
        rationale="Medicare stopped paying consultation codes in 2010: the consultant reports the office or "
                  "hospital visit code that fits, here a new patient visit. Other payers may still accept "
                  "99242-99245.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        prompt="A resident sees a hospital patient; the teaching physician is present for the key portions and "
               "documents her participation. The teaching physician's claim carries modifier",
        choices=(
            Choice("GC", correct=True),
            Choice("GE"),
            Choice("AI"),
            Choice("25"),
        ),
        rationale="GC: the service was performed in part by a resident under the direction of a teaching "
                  "physician. GE is for the primary care exception, when the teaching physician is not "
                  "present; AI marks the admitting physician of record.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        prompt="A 45-year-old established patient comes for an annual preventive exam; no problems are "
               "addressed. The code is",
        choices=(
            Choice("99396", correct=True),
            Choice("99386"),
            Choice("99395"),
            Choice("99214"),
        ),
        rationale="Preventive medicine codes go by age and new or established: 99396 is an established patient "
                  "aged 40 to 64. 99386 is the new patient code of that age and 99395 the established code for "
                  "18 to 39.",
    ),
    Single(
        domain="cpc:em",
        module=EM,
        multiple=True,
        prompt="For which of these code families does it matter whether the patient is new or established? "
               "Choose all that apply.",
        choices=(
            Choice("Office or other outpatient visits", correct=True),
            Choice("Preventive medicine visits", correct=True),
            Choice("Emergency department visits"),
            Choice("Initial hospital inpatient or observation care"),
        ),
        rationale="Office visits (99202-99205 and 99211-99215) and preventive visits (99381-99387 and "
                  "99391-99397) are split by new and established. ED visits and initial hospital care make no "
                  "such distinction.",
    ),
    CodeEntry(
        domain="cpc:em",
        module=EM,
        prompt="Emergency department: a 34-year-old with fever, flank pain and vomiting; labs and urine "
               "culture ordered, diagnosed with acute pyelonephritis and discharged on an oral antibiotic "
               "(moderate decision making). Code the ED visit and the diagnosis.",
        key=(
            Key("procedure", "99284", "ED visit with moderate decision making: 99284."),
            Key("principal", "N10", "Acute pyelonephritis: N10. The organism is not yet known."),
        ),
        rationale="99284 with N10. The fever, flank pain and vomiting are symptoms of the diagnosis and are "
                  "not coded separately; add B96.20 only once the culture names E. coli.",
    ),
    CodeEntry(
        domain="cpc:em",
        module=EM,
        prompt="Hospitalist's admission note: cellulitis of the left lower leg failing oral antibiotics, "
               "admitted for IV antibiotics (moderate decision making). Code the visit and the diagnosis.",
        key=(
            Key("procedure", "99222", "Initial hospital inpatient care, moderate decision making: 99222."),
            Key("principal", "L03.116", "Cellulitis of the left lower limb: L03.116."),
        ),
        rationale="99222 with L03.116. 99223 would need high decision making; L03.115 is the right leg.",
    ),
    Case(
        domain="cpc:em",
        module=EM,
        prompt="Code the emergency physician's services (CPT, with modifiers) and the diagnoses (ICD-10-CM).",
        record_title="Emergency department record",
        record_text=_t("""
            Patient: Marguerite Lindahl, 68 F. Northwind Regional Medical Center ED, 2026-09-03.
            Provider: Tomas Eriksen, MD.
            Slipped on a wet floor at home and struck her head on the corner of the dining table. No loss of
            consciousness; headache and nausea since. On no blood thinners.
            Exam: 4.5 cm laceration of the scalp. GCS 15, neuro exam normal.
            CT head without contrast ordered and reviewed: no bleed, no fracture.
            Procedure: Scalp laceration irrigated and closed with staples, single layer.
            Assessment: Concussion without loss of consciousness; scalp laceration.
            Plan: Home with her husband; head injury precautions. Ondansetron 4 mg tablets prescribed.
            """),
        items=(
            CaseItem(
                label="Services",
                prompt="Code the ED visit and the repair (CPT, with modifiers).",
                key=(
                    Key("procedure", "99284",
                        "An acute complicated injury (concussion) is a moderate problem and a new "
                        "prescription is moderate risk: moderate decision making. Modifier 25: the head "
                        "injury workup is separate from the repair.", modifiers=("25",)),
                    Key("procedure", "12002", "Simple (single-layer) repair of the scalp, 4.5 cm: 12002."),
                ),
            ),
            CaseItem(
                label="Diagnoses",
                prompt="Code the diagnoses (ICD-10-CM).",
                key=(
                    Key("principal", "S06.0X0A",
                        "Concussion without loss of consciousness, initial encounter: the more serious "
                        "injury, first."),
                    Key("secondary", "S01.01XA", "Laceration without foreign body of the scalp, initial encounter."),
                    Key("secondary", "W01.190A",
                        "External cause: fall on the same level from slipping with striking against "
                        "furniture.", requirement="optional"),
                ),
            ),
        ),
        rationale="99284-25 and 12002 with S06.0X0A and S01.01XA. The headache and nausea are part of the "
                  "concussion. The CT is the radiologist's to bill; the ED physician's review of a test they "
                  "ordered counts as data, not as a separate code.",
    ),
    Written(
        domain="cpc:em",
        module=EM,
        prompt="Explain how to decide whether a patient is new or established for an office visit, and work "
               "this example: the patient saw a cardiologist in the group two years ago and now sees the "
               "group's family physician for the first time.",
        rubric="1 point: established if the patient received any professional service in the last three years "
               "from the same provider or another of the same specialty and subspecialty in the same group. "
               "1 point: otherwise new. 1 point: the example is a new patient, because family medicine is a "
               "different specialty from cardiology.",
        rationale="A patient is established when, within the past three years, they received any professional "
                  "service from the same physician or qualified professional or from another of "
                  "the exact same specialty and subspecialty in the same group practice. Otherwise they are "
                  "new; a covering provider counts as the provider covered for. In the example, the earlier "
                  "service was from a cardiologist and today's provider is a family physician: a different "
                  "specialty, so the visit is a new patient visit (99202-99205) even though it is the same "
                  "group and within three years.",
    ),
    # --- module 4: revenue cycle and compliance -------------------------------------------------
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="A Medicare patient buys a hearing aid, an item Medicare excludes by law. The claim line carries",
        choices=(
            Choice("GY", correct=True),
            Choice("GA"),
            Choice("GZ"),
            Choice("KX"),
        ),
        rationale="GY marks an item or service excluded by statute; no ABN is required because Medicare never "
                  "covers it. GA and GZ are for services expected to be denied as not reasonable and "
                  "necessary, with and without a signed ABN.",
    ),
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="A coder looks up a friend's hospital record out of concern, without any work reason. Under "
               "HIPAA this is",
        choices=(
            Choice("a privacy violation: access is limited to the minimum necessary for the job", correct=True),
            Choice("allowed, because the coder works for the covered entity"),
            Choice("allowed, if nothing is shared with anyone"),
            Choice("a billing error to be corrected on the claim"),
        ),
        rationale="HIPAA's minimum necessary standard limits workforce members to the health information their "
                  "job needs. Curiosity is not a work reason, even without disclosure, and employers audit "
                  "record access.",
    ),
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="A physician refers Medicare patients for lab tests to a laboratory her husband owns. Which law "
               "does this raise?",
        choices=(
            Choice("The Stark law (physician self-referral)", correct=True),
            Choice("HIPAA"),
            Choice("EMTALA"),
            Choice("The Anti-Kickback Statute only, since no money changes hands"),
        ),
        rationale="Stark prohibits referring Medicare patients for designated health services, lab tests "
                  "among them, to an entity in which the physician or an immediate family member has a "
                  "financial relationship, unless an exception applies. The Anti-Kickback Statute is about "
                  "paying for referrals.",
    ),
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="An NCCI procedure-to-procedure edit pair has a modifier indicator of 0. This means",
        choices=(
            Choice("no modifier allows the column 2 code to be paid with the column 1 code", correct=True),
            Choice("modifier 59 or an X modifier allows both codes when documented"),
            Choice("the edit applies only to facilities"),
            Choice("the two codes may always be billed together"),
        ),
        rationale="Indicator 0: the pair is never paid together for the same patient on the same day by the "
                  "same provider, whatever the modifier. Indicator 1 allows a modifier such as 59 or XS when "
                  "the documentation supports a distinct service.",
    ),
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="By when must a Medicare Part B claim be filed?",
        choices=(
            Choice("Within 12 months (one calendar year) after the date of service", correct=True),
            Choice("Within 90 days after the date of service"),
            Choice("Within 6 months after the date of service"),
            Choice("Within 24 months after the date of service"),
        ),
        rationale="Medicare's timely filing limit is one calendar year from the date of service. Commercial "
                  "payers set their own limits in their contracts, often shorter.",
    ),
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="The note says 'heart failure' with no type. Which query to the provider is compliant?",
        choices=(
            Choice("'Based on the echo (EF 35%) and BNP, can the type of heart failure be specified? Systolic; "
                   "diastolic; combined; other; unable to determine'", correct=True),
            Choice("'Please document systolic heart failure so we can use a higher-paying code'"),
            Choice("'The patient has systolic heart failure, correct? Yes / No'"),
            Choice("No query: code the type the coder thinks the echo shows"),
        ),
        rationale="A compliant query gives the clinical indicators, offers the reasonable options including "
                  "'other' and 'unable to determine', and does not lead or mention payment. A yes/no query "
                  "that introduces a new diagnosis leads the provider; a coder never diagnoses from a test "
                  "result.",
    ),
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="Which document explains, line by line, how the payer processed a claim, with claim adjustment "
               "reason codes?",
        choices=(
            Choice("The remittance advice (electronic: the 835)", correct=True),
            Choice("The Advance Beneficiary Notice"),
            Choice("The encounter form (superbill)"),
            Choice("The 837P claim"),
        ),
        rationale="The remittance advice (ERA, transaction 835) shows what was paid, adjusted or denied for "
                  "each line and why. The 837P is the professional claim itself; the ABN is given to the "
                  "patient before the service.",
    ),
    Single(
        domain="cpc:compliance",
        module=REVENUE,
        multiple=True,
        prompt="Which of these are among the seven elements of an effective compliance program in the OIG's "
               "guidance? Choose all that apply.",
        choices=(
            Choice("Written policies, procedures and standards of conduct", correct=True),
            Choice("A designated compliance officer", correct=True),
            Choice("Internal monitoring and auditing", correct=True),
            Choice("Bonuses for coders based on the amount collected"),
            Choice("A target number of high-level visits per provider"),
        ),
        rationale="The seven elements are written standards, a compliance officer and committee, training, "
                  "open lines of communication, monitoring and auditing, enforcement through discipline, and "
                  "prompt response with corrective action. Pay tied to collections or visit-level quotas are "
                  "risks the program exists to prevent.",
    ),
    CodeEntry(
        domain="cpc:hcpcs",
        module=REVENUE,
        prompt="Medicare patient with pernicious anemia: the nurse gives cyanocobalamin 1,000 mcg "
               "intramuscularly, the monthly dose ordered by the physician. Code the injection, the drug and "
               "the diagnosis.",
        key=(
            Key("procedure", "96372", "An injection into the muscle on the physician's order: 96372."),
            Key("supply", "J3420", "Vitamin B-12 up to 1,000 mcg: one unit of J3420."),
            Key("principal", "D51.0",
                "Pernicious anemia is vitamin B-12 deficiency anemia due to intrinsic factor deficiency: D51.0."),
        ),
        rationale="96372, J3420 and D51.0. Medicare covers B-12 injections for pernicious anemia, so no ABN "
                  "or GA is needed, unlike a shot given for tiredness alone.",
    ),
    CodeEntry(
        domain="cpc:hcpcs",
        module=REVENUE,
        prompt="A Medicare patient with sensorineural hearing loss of the left ear (normal hearing on the "
               "right) buys a digital behind-the-ear hearing aid for the left ear. Code the item, with "
               "modifiers, and the diagnosis.",
        key=(
            Key("supply", "V5257",
                "A digital monaural behind-the-ear hearing aid: V5257. GY: Medicare excludes hearing aids by "
                "law; LT for the ear.", modifiers=("GY", "LT")),
            Key("principal", "H90.42",
                "Sensorineural hearing loss, unilateral, left ear, with unrestricted hearing on the other "
                "side: H90.42."),
        ),
        rationale="V5257-GY-LT with H90.42. The claim is filed so the patient's supplemental plan can "
                  "consider it; no ABN is needed for a statutory exclusion, so GA would be wrong.",
    ),
    Case(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="Code the gastroenterologist's service (HCPCS Level II, with modifiers) and the diagnosis "
               "(ICD-10-CM).",
        record_title="Procedure note",
        record_text=_t("""
            Patient: Ignatius Pemberton, 67 M. Northwind Endoscopy Center, 2026-05-19. Medicare.
            Provider: Farida Haddad, MD.
            Indication: Screening colonoscopy. Average risk: no personal or family history of polyps or
            colorectal cancer, no symptoms. Last screening colonoscopy 6 years ago, normal.
            The patient was told Medicare covers an average-risk screening colonoscopy once every 10 years
            and may not pay for this one. Advance Beneficiary Notice signed before the procedure (option 1).
            Procedure: Colonoscope advanced to the cecum, confirmed by the appendiceal orifice and ileocecal
            valve. Preparation good. Withdrawal time 9 minutes.
            Findings: Normal colon. No polyps. Impression: Normal screening colonoscopy.
            """),
        items=(
            CaseItem(
                label="Service",
                prompt="Code the service (HCPCS Level II, with modifiers).",
                key=(
                    Key("procedure", "G0121",
                        "Medicare's code for a screening colonoscopy in a patient not at high risk: G0121. GA: "
                        "the ABN for a frequency limit was signed before the service.", modifiers=("GA",)),
                ),
            ),
            CaseItem(
                label="Diagnosis",
                prompt="Code the diagnosis (ICD-10-CM).",
                key=(
                    Key("principal", "Z12.11",
                        "Encounter for screening for malignant neoplasm of the colon: Z12.11. Nothing was "
                        "found, so no other code."),
                ),
            ),
        ),
        rationale="G0121-GA with Z12.11. Medicare allows an average-risk screening colonoscopy every 120 months; "
                  "at 6 years a denial is expected, the ABN makes the patient liable, and GA tells Medicare a "
                  "notice is on file. GZ would mean no notice was signed.",
    ),
    Written(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="Explain what modifiers GA, GZ and GY tell Medicare, and who pays if Medicare denies the "
               "service in each case.",
        rubric="1 point: GA, a service expected to be denied as not reasonable and necessary, with a signed ABN "
               "on file: the patient may be billed. 1 point: GZ, the same expectation but no ABN: the provider "
               "cannot bill the patient. 1 point: GY, a service excluded by statute (never a Medicare "
               "benefit), no ABN needed: the patient is responsible.",
        rationale="GA says the provider expected Medicare to deny the service as not reasonable and necessary "
                  "and the patient signed an Advance Beneficiary Notice before it: if Medicare denies it, the "
                  "patient may be billed. GZ says the same denial was expected but no valid ABN was signed: "
                  "Medicare denies it and the provider may not bill the patient. GY marks an item or service "
                  "that is never a Medicare benefit by law, such as hearing aids or routine physicals: no ABN "
                  "is required, Medicare denies it, and the patient pays (the denial helps a secondary payer "
                  "consider it).",
    ),
    Written(
        domain="cpc:compliance",
        module=REVENUE,
        prompt="What is the difference between fraud and abuse in billing? Give one example of each.",
        rubric="1 point: fraud is knowingly and willfully billing falsely to obtain payment. 1 point: abuse is "
               "a practice inconsistent with sound business or medical practice that leads to improper payment, "
               "without proof of intent. 1 point: one correct example of each (for instance billing for visits "
               "that never happened; billing a level above what is documented because of poor training).",
        rationale="Fraud is intentional: knowingly submitting false claims or misrepresenting services to get "
                  "paid, such as billing for visits that never took place or coding a diagnosis the patient "
                  "does not have to get a service covered. It carries civil penalties under the False Claims "
                  "Act and can be criminal. Abuse is a practice that results in payment that should not have "
                  "been made, without proof that it was deliberate: for example repeatedly billing a higher "
                  "visit level than the documentation supports because nobody was trained, or billing "
                  "services that were not medically necessary. Abuse that continues after it is pointed out "
                  "can become fraud.",
    ),
)
