"""Question bank of MCC-104 CPT and HCPCS Level II Procedure Coding.

Modules: 1 how CPT is organized and the office visit; 2 surgery of the skin, the global package and
modifier 25; 3 HCPCS Level II supplies, equipment, drugs and Medicare services.
CPT services are described in our own words, never by their descriptors.
"""

from __future__ import annotations

from assessments.demo_content.shapes import Case, CaseItem, Choice, CodeEntry, Key, Single, Written
from courses.demo_content.shapes import _t

CPT_ORG, SURGERY, HCPCS = 1, 2, 3

QUESTIONS: tuple = (
    # --- module 1: how CPT is organized, and the office visit -------------------------------------
    Single(
        domain="cpc:guidelines",
        module=CPT_ORG,
        prompt="A CPT code made of four digits and the letter F, such as 3074F, is",
        choices=(
            Choice("a Category II code that tracks a quality measure and is not paid by itself", correct=True),
            Choice("a Category III code for an emerging technology"),
            Choice("a HCPCS Level II code for a supply"),
            Choice("an unlisted procedure code that needs a report attached"),
        ),
        rationale="Category II codes end in F and report quality data (a blood pressure reading, a counseling "
                  "measure); they carry no payment of their own. Category III codes end in T and describe new "
                  "or emerging technology, which is the choice students most often swap with it.",
    ),
    Single(
        domain="cpc:guidelines",
        module=CPT_ORG,
        prompt="In the CPT book, a plus sign in front of a code tells you that the code",
        choices=(
            Choice("is an add-on code, reported only with the primary procedure it belongs to", correct=True),
            Choice("is exempt from modifier 51"),
            Choice("is new this year"),
            Choice("may be reported for a service given by telemedicine"),
        ),
        rationale="The plus sign marks an add-on code: extra work done with a primary procedure, never reported "
                  "alone and not reduced as a multiple procedure. Modifier 51 exemption has its own symbol (a "
                  "circle with a slash); a new code is marked with a bullet and telemedicine with a star.",
    ),
    Single(
        domain="cpc:guidelines",
        module=CPT_ORG,
        prompt="The surgeon performed a procedure that no Category I code describes. What do you report?",
        choices=(
            Choice("A Category III code if one describes it; otherwise the unlisted code of that body area, "
                   "with the operative report", correct=True),
            Choice("The closest Category I code with modifier 22"),
            Choice("The closest Category I code with modifier 52"),
            Choice("HCPCS A9270 for a non-covered service"),
        ),
        rationale="CPT says not to pick a code that only approximates the service. A Category III code takes "
                  "precedence over an unlisted code when one exists; otherwise use the unlisted code of the "
                  "section and body area and send the documentation. Modifier 22 is for a listed procedure "
                  "that took substantially more work, not for a different procedure.",
    ),
    Single(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="Dr. Lindqvist, an internist, retired. Her patient, last seen by her 14 months ago, now sees "
               "Dr. Adeyemi, another internist in the same group practice, for the first time. The visit is "
               "coded as",
        choices=(
            Choice("an established patient office visit (99212-99215)", correct=True),
            Choice("a new patient office visit (99202-99205)"),
            Choice("a new patient visit, because this provider has never seen the patient"),
            Choice("an office consultation"),
        ),
        rationale="A patient is established when they received a professional service in the last three years "
                  "from the same provider or another of the same specialty and subspecialty in the same group. "
                  "Dr. Adeyemi has never met the patient, but the group and the specialty make it established.",
    ),
    Single(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="The provider documents 32 minutes of her own time on the date of an established patient's "
               "office visit, spent reviewing results, examining, counseling and documenting. By time, the visit "
               "is",
        choices=(
            Choice("99213"),
            Choice("99214", correct=True),
            Choice("99215"),
            Choice("99204"),
        ),
        rationale="For established patients the thresholds are 10, 20, 30 and 40 minutes for 99212 to 99215. "
                  "Thirty-two minutes meets 30 but not 40, so 99214. 99204 is a new patient code; the patient "
                  "is established.",
    ),
    Single(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="A new patient office visit reaches low on problems addressed and low on risk of management; "
               "data reviewed is minimal. The code is",
        choices=(
            Choice("99202"),
            Choice("99203", correct=True),
            Choice("99213"),
            Choice("99204"),
        ),
        rationale="Medical decision making needs two of the three elements: problems and risk are both low, "
                  "so the decision making is low and the new patient code is 99203. 99213 is the same level for "
                  "an established patient.",
    ),
    Single(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="In medical decision making, deciding to start, stop or continue a prescription drug places the "
               "risk of patient management at",
        choices=(
            Choice("minimal"),
            Choice("low"),
            Choice("moderate", correct=True),
            Choice("high"),
        ),
        rationale="Prescription drug management is CPT's example of moderate risk. Advice on over-the-counter "
                  "drugs is low; a decision about hospital admission or drug therapy needing intensive "
                  "monitoring for toxicity is high.",
    ),
    Single(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="An established patient comes in for a blood pressure check with the nurse, under the "
               "physician's supervision in the office. The physician does not see the patient. The visit is",
        choices=(
            Choice("99211", correct=True),
            Choice("99212"),
            Choice("99202"),
            Choice("no code: a nurse visit cannot be reported"),
        ),
        rationale="99211 is the visit that may not need the presence of a physician or other qualified "
                  "professional: clinical staff under supervision. 99212 and higher are chosen by the provider's "
                  "own decision making or time.",
    ),
    Single(
        domain="cpc:radiology",
        module=CPT_ORG,
        prompt="A radiologist in private practice reads a two-view chest x-ray taken on the hospital's equipment "
               "by the hospital's technologist. The radiologist's claim reports the x-ray with",
        choices=(
            Choice("modifier 26, for the professional component only", correct=True),
            Choice("modifier TC, for the technical component only"),
            Choice("no modifier, for the global service"),
            Choice("modifier 59"),
        ),
        rationale="The radiologist did only the interpretation and report: the professional component, "
                  "modifier 26. The hospital reports the equipment, staff and films, the technical component. "
                  "The code without a modifier would claim both.",
    ),
    Single(
        domain="cpc:pathology-laboratory",
        module=CPT_ORG,
        prompt="Every test of the comprehensive metabolic panel was ordered and run. The laboratory reports",
        choices=(
            Choice("80053", correct=True),
            Choice("80048"),
            Choice("80061"),
            Choice("80076"),
        ),
        rationale="When all the tests of a panel are done, report the panel code: 80053 is the comprehensive "
                  "metabolic panel. 80048 is the basic metabolic panel, a smaller set; 80061 is the lipid panel "
                  "and 80076 the hepatic function panel.",
    ),
    Single(
        domain="cpc:medicine",
        module=CPT_ORG,
        prompt="A 45-year-old with commercial insurance gets a tetanus, diphtheria and acellular pertussis (Tdap) "
               "booster by intramuscular injection from the medical assistant. What is reported?",
        choices=(
            Choice("90715 for the vaccine and 90471 for giving it", correct=True),
            Choice("90715 only: the product code includes giving it"),
            Choice("90471 only: the administration code includes the vaccine"),
            Choice("90715 and 96372"),
        ),
        rationale="Vaccines take two codes: the product (90715, Tdap for patients 7 and older, into a muscle) "
                  "and the administration (90471 for the first vaccine given by injection). 96372 is the "
                  "injection code for drugs, not vaccines; 90460 would apply only through age 18 with "
                  "counseling by the provider.",
    ),
    Single(
        domain="cpc:anesthesia",
        module=CPT_ORG,
        prompt="Anesthesia time, reported in minutes, starts when",
        choices=(
            Choice("the anesthesia provider begins preparing the patient for anesthesia in the operating room "
                   "or an equivalent area", correct=True),
            Choice("the surgeon makes the incision"),
            Choice("the patient is admitted to the hospital"),
            Choice("the preoperative evaluation begins the day before"),
        ),
        rationale="Anesthesia time runs from when the anesthesia provider starts preparing the patient in the "
                  "operating room (or equivalent) until the patient is safely handed off to postoperative "
                  "care and the provider is no longer in personal attendance. The incision is surgical time.",
    ),
    Single(
        domain="cpc:terminology-anatomy",
        module=CPT_ORG,
        prompt="Reading the CPT index by procedure name: which suffix means surgical repair or reconstruction?",
        choices=(
            Choice("-ectomy"),
            Choice("-otomy"),
            Choice("-ostomy"),
            Choice("-plasty", correct=True),
        ),
        rationale="-plasty is repair or reshaping (rhinoplasty, arthroplasty). -ectomy is removal, -otomy is "
                  "cutting into and -ostomy is making a new opening: colectomy, colotomy and colostomy are three "
                  "different procedures.",
    ),
    Single(
        domain="cpc:compliance",
        module=CPT_ORG,
        prompt="Which of these is enough for a coder to report a procedure on the claim?",
        choices=(
            Choice("The provider's documentation in the record shows it was done", correct=True),
            Choice("It is checked on the encounter form (superbill)"),
            Choice("It was on the day's schedule"),
            Choice("The patient says it was done"),
        ),
        rationale="Code only from the provider's documentation: if it is not documented, it was not done. A "
                  "checked box on the encounter form or the schedule shows what was planned or charged, and "
                  "billing from them without the note risks a false claim.",
    ),
    Single(
        domain="cpc:em",
        module=CPT_ORG,
        multiple=True,
        prompt="Which of these count toward the provider's total time for an office visit chosen by time? "
               "Choose all that apply.",
        choices=(
            Choice("Reviewing the patient's test results that morning, before the visit", correct=True),
            Choice("Documenting the visit in the record that evening", correct=True),
            Choice("Counseling the patient and family about treatment options", correct=True),
            Choice("The medical assistant's time taking vital signs and the history"),
            Choice("Time spent performing a separately billed joint injection"),
        ),
        rationale="Total time is the provider's own time on the date of the encounter, face to face or not: "
                  "preparing, reviewing results, examining, counseling, ordering and documenting. Clinical "
                  "staff time does not count, and neither does time on a service billed separately.",
    ),
    CodeEntry(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="Established patient office visit: essential hypertension and hyperlipidemia, both stable; both "
               "prescriptions refilled (moderate decision making). Code the visit and the diagnoses.",
        key=(
            Key("procedure", "99214",
                "Two stable chronic illnesses are moderate problems, and prescription drug management is "
                "moderate risk: two of three elements reach moderate."),
            Key("principal", "I10", "Essential hypertension, no heart or kidney disease documented: I10."),
            Key("secondary", "E78.5", "Hyperlipidemia not further specified: E78.5."),
        ),
        rationale="99214 with I10 and E78.5. A common mistake is 99213 for 'stable' conditions: one stable "
                  "chronic illness is low, but two are moderate.",
    ),
    CodeEntry(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="New patient with low back pain for one week, no injury, no radiating pain. The provider "
               "documents 47 minutes of total time on the date of the visit. Code the visit and the diagnosis.",
        key=(
            Key("procedure", "99204",
                "By time, new patient thresholds are 15, 30, 45 and 60 minutes: 47 minutes meets 45, so "
                "99204."),
            Key("principal", "M54.50",
                "Low back pain without a more specific cause documented: M54.50 (M54.5 has been a header "
                "since October 2021)."),
        ),
        rationale="Choose by time when the total time supports a higher level than the decision making: 47 "
                  "minutes gives 99204, not 99205 (60 minutes). The diagnosis needs its fifth character: M54.50.",
    ),
    CodeEntry(
        domain="cpc:radiology",
        module=CPT_ORG,
        prompt="Hospital outpatient: a two-view chest x-ray for a cough of three weeks, read by a radiologist of "
               "an independent group. Code the radiologist's service and the diagnosis.",
        key=(
            Key("procedure", "71046",
                "Chest x-ray, two views. Modifier 26: the radiologist bills only the interpretation; the "
                "hospital owns the equipment and bills the technical component.", modifiers=("26",)),
            Key("principal", "R05.9",
                "The reason for the study is the cough, not further described: R05.9. The read was normal, so "
                "the sign is what you code."),
        ),
        rationale="71046-26 with R05.9. 71045 would be a single view; without 26 the claim would bill the "
                  "hospital's part as well.",
    ),
    CodeEntry(
        domain="cpc:pathology-laboratory",
        module=CPT_ORG,
        prompt="Office laboratory: for a patient with type 2 diabetes on metformin, blood is drawn by "
               "venipuncture and the office lab runs a lipid panel and a hemoglobin A1c. Code the lab services "
               "and the diagnoses.",
        key=(
            Key("procedure", "80061", "All the tests of the lipid panel were run: the panel code, 80061."),
            Key("procedure", "83036", "Hemoglobin A1c (glycated hemoglobin): 83036."),
            Key("procedure", "36415", "The office drew the blood by venipuncture: 36415."),
            Key("principal", "E11.9", "Type 2 diabetes with no complication documented: E11.9."),
            Key("secondary", "Z79.84",
                "E11's Use additional code note asks for the drug: metformin is an oral hypoglycemic, Z79.84."),
        ),
        rationale="Three lab lines (the panel, the A1c, the draw) with E11.9 and Z79.84. Do not code the "
                  "lipid panel's tests one by one when the whole panel was done.",
    ),
    Case(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="Code this new patient visit: the services (CPT) and the diagnoses (ICD-10-CM).",
        record_title="Office note",
        record_text=_t("""
            Patient: Rosalind Achterberg, 61 F. Northwind Family Medicine, 2026-05-12. Provider: Samuel Okafor, DO.
            CC: Establish care; moved from out of state.
            HPI: Hypertension on amlodipine 5 mg and hyperlipidemia on simvastatin 20 mg, both for years.
            Records from her previous physician reviewed: BP at goal, no end-organ disease.
            Exam: BP 128/80, HR 70. Heart regular, lungs clear, no edema.
            ECG (12-lead) done in the office today and read by me: sinus rhythm, normal intervals.
            Blood drawn here by venipuncture; CMP and lipid panel sent to Northwind Reference Lab.
            1. Essential hypertension, controlled: continue amlodipine, refilled.
            2. Hyperlipidemia, stable: continue simvastatin, refilled.
            Return in 6 months.
            """),
        items=(
            CaseItem(
                label="Services",
                prompt="Code the services the practice reports (CPT).",
                key=(
                    Key("procedure", "99204",
                        "New patient: two stable chronic illnesses (moderate problems), prescription drug "
                        "management (moderate risk), and external records reviewed and two tests ordered "
                        "(moderate data). The ECG the practice bills is not counted again as data."),
                    Key("procedure", "93000",
                        "The ECG was recorded in the office and read by the provider: the whole service, "
                        "tracing with interpretation and report."),
                    Key("procedure", "36415",
                        "The practice drew the blood; the outside lab bills the panels, so the practice "
                        "reports only the venipuncture."),
                ),
            ),
            CaseItem(
                label="Diagnoses",
                prompt="Code the diagnoses (ICD-10-CM), first-listed first.",
                key=(
                    Key("principal", "I10", "Essential hypertension, the first problem managed: I10."),
                    Key("secondary", "E78.5", "Hyperlipidemia not further specified: E78.5."),
                ),
            ),
        ),
        rationale="99204, 93000 and 36415 with I10 and E78.5. The lab panels are not the practice's to bill: it "
                  "only collected the specimen. No modifier 25 is needed: an ECG is not a procedure with a "
                  "global package.",
    ),
    Written(
        domain="cpc:em",
        module=CPT_ORG,
        prompt="Explain the two ways an office visit level may be chosen, and how the decision-making level is "
               "decided. Give one example of each way.",
        rubric="1 point: names medical decision making and the provider's total time on the date of the "
               "encounter, whichever supports the higher level. 1 point: decision making is set by two of the "
               "three elements (problems, data, risk). 1 point: a correct example of each (for instance two "
               "stable chronic illnesses with prescription management = moderate, 99214; 42 minutes "
               "established = 99215).",
        rationale="Office visits are chosen either by medical decision making or by the provider's total time on "
                  "the date of the visit, whichever gives the higher level; history and exam only need to be "
                  "medically appropriate. Decision making has three elements: the number and complexity of "
                  "problems addressed, the data reviewed and analyzed, and the risk of the management. The level "
                  "is the highest that two of the three reach. Example by decision making: an established "
                  "patient with stable hypertension and diabetes whose prescriptions are managed has moderate "
                  "problems and moderate risk, so 99214. Example by time: 42 minutes of the provider's time for "
                  "an established patient meets the 40-minute threshold, so 99215.",
    ),
    # --- module 2: surgery of the skin, the global package and modifier 25 ----------------------------
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="Simple repairs of a 2.5 cm laceration of the scalp and a 3.0 cm laceration of the left hand "
               "at the same session. What is reported?",
        choices=(
            Choice("12002", correct=True),
            Choice("12001"),
            Choice("12004"),
            Choice("12013"),
        ),
        rationale="Repairs of the same complexity in the same anatomic group are added together. Scalp and "
                  "hands are both in the group of the 12001-12007 codes, so 2.5 + 3.0 = 5.5 cm, one line of "
                  "12002 (2.6 to 7.5 cm). 12001 twice would unbundle the sum; 12013 is the face group.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="A 0.8 cm benign nevus of the back is excised with 0.2 cm margins on each side, and the wound is "
               "closed with a simple closure. The excision code is",
        choices=(
            Choice("11401"),
            Choice("11402", correct=True),
            Choice("11422"),
            Choice("11602"),
        ),
        rationale="Excisions are coded by the excised diameter: the lesion plus the narrowest margin on each "
                  "side, 0.8 + 0.2 + 0.2 = 1.2 cm, which is 11402 for a benign lesion of the trunk. 11401 is "
                  "the size of the lesion alone; 11422 is the scalp, neck, hands and feet group and 11602 a "
                  "malignant lesion.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="Eighteen common warts on both hands are destroyed with liquid nitrogen. The procedure is "
               "reported as",
        choices=(
            Choice("17111", correct=True),
            Choice("17110"),
            Choice("17000"),
            Choice("11200"),
        ),
        rationale="Destruction of benign lesions other than skin tags: 17110 covers up to 14 lesions, 17111 "
                  "covers 15 or more, one unit either way. 17000 is for premalignant lesions (actinic "
                  "keratoses) and 11200 for removing skin tags.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="Five actinic keratoses on the forehead are destroyed by cryotherapy. How is it reported?",
        choices=(
            Choice("17000 once and 17003 with 4 units", correct=True),
            Choice("17000 with 5 units"),
            Choice("17004 once"),
            Choice("17110 once"),
        ),
        rationale="Premalignant lesions are counted: 17000 for the first, the add-on 17003 for each of the "
                  "second through fourteenth (here 4), and 17004 alone for 15 or more. 17110 is for benign "
                  "lesions such as warts.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="A 4 mm punch biopsy of a single lesion of the right forearm is sent to pathology. The biopsy is",
        choices=(
            Choice("11102"),
            Choice("11104", correct=True),
            Choice("11106"),
            Choice("11300"),
        ),
        rationale="Skin biopsies are coded by technique: 11102 tangential (shave or scoop), 11104 punch, 11106 "
                  "incisional. 11300 is a shave removal of a lesion, not a biopsy.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="A single, uncomplicated abscess of the back is opened, drained and packed in the office. "
               "The code is",
        choices=(
            Choice("10060", correct=True),
            Choice("10061"),
            Choice("10140"),
            Choice("10080"),
        ),
        rationale="10060 is incision and drainage of a simple or single abscess; 10061 is for a complicated "
                  "abscess or several. 10140 drains a hematoma or seroma and 10080 a pilonidal cyst.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="A 4.0 cm laceration of the left forearm is closed in layers (deep sutures in the subcutaneous "
               "tissue, then the skin). The repair code is",
        choices=(
            Choice("12002"),
            Choice("12032", correct=True),
            Choice("12042"),
            Choice("13121"),
        ),
        rationale="A layered closure is an intermediate repair. The forearm is in the 12031-12037 group "
                  "(scalp, axillae, trunk, extremities other than hands and feet), 2.6 to 7.5 cm: 12032. "
                  "12042 is the hands, feet and neck group; 12002 would be a simple repair and 13121 complex.",
    ),
    Single(
        domain="cpc:guidelines",
        module=SURGERY,
        prompt="Which of these is included in the global surgical package of a procedure and is not billed "
               "separately?",
        choices=(
            Choice("Routine follow-up visits after the surgery, without complications", correct=True),
            Choice("The visit the day before a major operation at which the decision to operate was made"),
            Choice("A visit during the postoperative period for an unrelated problem"),
            Choice("A return to the operating room for a complication"),
        ),
        rationale="The package covers the usual care before (from the day before a major procedure), during "
                  "and after the operation, including routine postoperative visits. The decision-for-surgery "
                  "visit (modifier 57), unrelated visits (24) and a return to the operating room for a "
                  "complication (78) are billed.",
    ),
    Single(
        domain="cpc:em",
        module=SURGERY,
        prompt="Three weeks after a laparoscopic cholecystectomy (90-day global), the same surgeon sees the "
               "patient in the office for a new breast lump. The visit carries modifier",
        choices=(
            Choice("24", correct=True),
            Choice("25"),
            Choice("57"),
            Choice("79"),
        ),
        rationale="Modifier 24 marks an E/M service during a postoperative period that is unrelated to the "
                  "surgery. 25 is for a separate visit on the day of a procedure; 79 is for an unrelated "
                  "procedure, not a visit, during the global period.",
    ),
    Single(
        domain="cpc:em",
        module=SURGERY,
        prompt="An orthopedic surgeon sees a patient in the office, diagnoses a hip fracture, and decides to "
               "operate the next morning (a 90-day global procedure). The visit is reported with modifier",
        choices=(
            Choice("25"),
            Choice("57", correct=True),
            Choice("24"),
            Choice("58"),
        ),
        rationale="A visit on the day of or the day before a major operation is part of the package unless it "
                  "is where the decision to operate was made: then modifier 57. Modifier 25 is for minor "
                  "procedures (0 or 10-day global); 58 is a staged procedure.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal",
        module=SURGERY,
        prompt="Ten days after a total hip arthroplasty, the same surgeon takes the patient back to the "
               "operating room to evacuate a wound hematoma. The second procedure is reported with modifier",
        choices=(
            Choice("78", correct=True),
            Choice("79"),
            Choice("58"),
            Choice("76"),
        ),
        rationale="An unplanned return to the operating room by the same physician for a problem related to "
                  "the first operation, during its global period, takes 78. 79 is for an unrelated procedure, "
                  "58 for a planned or staged one, 76 for a repeat of the same procedure.",
    ),
    Single(
        domain="cpc:surgery-digestive",
        module=SURGERY,
        prompt="The surgeon removes an inflamed, unruptured appendix through the laparoscope. The code is",
        choices=(
            Choice("44970", correct=True),
            Choice("44950"),
            Choice("44960"),
            Choice("47562"),
        ),
        rationale="44970 is the laparoscopic appendectomy. 44950 is the open operation and 44960 the open "
                  "operation for a ruptured appendix with abscess or generalized peritonitis; 47562 is a "
                  "laparoscopic cholecystectomy.",
    ),
    Single(
        domain="cpc:surgery-digestive",
        module=SURGERY,
        prompt="The surgeon starts with a diagnostic laparoscopy, finds acute appendicitis and removes the "
               "appendix laparoscopically. What is reported?",
        choices=(
            Choice("44970 only", correct=True),
            Choice("49320 and 44970"),
            Choice("49320 and 44970 with modifier 59"),
            Choice("44950"),
        ),
        rationale="A surgical laparoscopy always includes the diagnostic laparoscopy (49320), which is a "
                  "separate procedure: report it only when nothing more is done. Modifier 59 cannot unbundle "
                  "it here because it is the same session and the same field.",
    ),
    Single(
        domain="cpc:icd10cm",
        module=SURGERY,
        prompt="A pigmented skin lesion is excised in the office; the note says 'lesion of skin, rule out "
               "melanoma'. Pathology is expected in three days. What does the coder do?",
        choices=(
            Choice("Wait for the pathology report and code the diagnosis it confirms", correct=True),
            Choice("Code melanoma, since the provider suspects it"),
            Choice("Code a neoplasm of uncertain behavior"),
            Choice("Code the lesion as benign to send the claim today"),
        ),
        rationale="In outpatient coding a 'rule out' diagnosis is never coded as if confirmed. For an excised "
                  "lesion, wait for the pathology and code what it shows; uncertain behavior is a "
                  "pathologist's finding, not a placeholder while waiting.",
    ),
    Single(
        domain="cpc:compliance",
        module=SURGERY,
        prompt="A provider asks you to add modifier 25 to every office visit billed on the same day as a minor "
               "procedure, so those visits are paid. The right response is",
        choices=(
            Choice("Add 25 only when the note shows a significant, separately identifiable E/M service",
                   correct=True),
            Choice("Add 25 to all of them, since the provider is responsible for the claim"),
            Choice("Add 59 to the procedure instead"),
            Choice("Bill the visits on a different date of service"),
        ),
        rationale="Modifier 25 is supported by documentation of work beyond the usual evaluation before the "
                  "procedure. Adding it by rule is a pattern auditors look for and can make the claims false. "
                  "Moving the visit to another date is falsifying the record.",
    ),
    Single(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        multiple=True,
        prompt="Which of these are included in a laceration repair code and not reported separately? Choose "
               "all that apply.",
        choices=(
            Choice("Local anesthesia", correct=True),
            Choice("Simple ligation of small vessels in the wound", correct=True),
            Choice("Irrigation and simple cleansing of the wound", correct=True),
            Choice("Repair of a cut tendon"),
            Choice("Extensive debridement of a grossly contaminated wound"),
        ),
        rationale="Repair codes include local anesthesia, simple exploration, ligation of small vessels and "
                  "normal cleansing. Debridement is reported separately only when gross contamination needs "
                  "prolonged cleaning or a lot of tissue is removed, and tendon or nerve repair has codes of "
                  "its own.",
    ),
    CodeEntry(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="Urgent care: simple repair of a 3.0 cm laceration of the right forearm, cut on a kitchen knife "
               "while cooking. Code the repair and the diagnoses.",
        key=(
            Key("procedure", "12002",
                "Simple repair, extremities group, 2.6 to 7.5 cm: 12002."),
            Key("principal", "S51.811A",
                "Laceration without foreign body of the right forearm, initial encounter (active treatment)."),
            Key("secondary", "W26.0XXA",
                "External cause: contact with a knife, with placeholders to the 7th character.",
                requirement="optional"),
        ),
        rationale="12002 with S51.811A; the external cause W26.0XXA is reported where the payer or facility "
                  "collects them. 12001 is for 2.5 cm or less.",
    ),
    CodeEntry(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="Excision of a basal cell carcinoma of the nose; the excised diameter (lesion and margins) is "
               "1.4 cm, confirmed by pathology. Code the excision and the diagnosis.",
        key=(
            Key("procedure", "11642",
                "Malignant lesion of the face group (face, ears, eyelids, nose, lips), excised diameter 1.1 "
                "to 2.0 cm: 11642."),
            Key("principal", "C44.311", "Basal cell carcinoma of the skin of the nose: C44.311."),
        ),
        rationale="Code malignant excisions only once pathology confirms malignancy: 11642 with C44.311. A "
                  "benign code (11442) would be right only with benign pathology.",
    ),
    CodeEntry(
        domain="cpc:surgery-digestive",
        module=SURGERY,
        prompt="Laparoscopic appendectomy for acute appendicitis; no perforation, abscess, gangrene or "
               "peritonitis found. Code the procedure and the diagnosis.",
        key=(
            Key("procedure", "44970", "Appendectomy through the laparoscope: 44970."),
            Key("principal", "K35.80",
                "Acute appendicitis with no peritonitis, perforation or gangrene documented: K35.80."),
        ),
        rationale="44970 with K35.80. The open code 44950 and the codes for peritonitis (K35.2-, K35.3-) do "
                  "not fit this note.",
    ),
    Case(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="Code this office procedure: the surgeon's procedures (CPT) and the diagnosis (ICD-10-CM).",
        record_title="Procedure note",
        record_text=_t("""
            Patient: Desmond Okonkwo-Hale, 44 M. Northwind Dermatology, 2026-06-02. Provider: Priya Ramaswamy, MD.
            Procedure scheduled at the visit of May 19; nothing else addressed today.
            Preoperative diagnosis: Cyst of the upper back, 1.8 cm, recurrent inflammation.
            Consent signed. Lidocaine 1% with epinephrine infiltrated.
            Elliptical excision of the cyst with 0.3 cm margins; excised diameter 2.4 cm.
            Wound 3.5 cm after undermining; closed in layers with 4-0 absorbable deep sutures and 5-0 nylon skin.
            Specimen to pathology. Estimated blood loss minimal. No complications.
            Pathology (June 4): Epidermal inclusion cyst, excised completely.
            """),
        items=(
            CaseItem(
                label="Procedures",
                prompt="Code the procedures (CPT).",
                key=(
                    Key("procedure", "11403",
                        "Benign lesion of the trunk, excised diameter 2.4 cm (2.1 to 3.0): 11403."),
                    Key("procedure", "12032",
                        "The layered closure is an intermediate repair, coded separately from a benign "
                        "excision; 3.5 cm on the trunk: 12032."),
                ),
            ),
            CaseItem(
                label="Diagnosis",
                prompt="Code the diagnosis (ICD-10-CM).",
                key=(Key("principal", "L72.0", "Epidermal (inclusion) cyst, as pathology confirms: L72.0."),),
            ),
        ),
        rationale="11403 and 12032 with L72.0. A simple closure is included in an excision, but an intermediate "
                  "or complex one is reported too, by the length of the closure. No office visit: the "
                  "procedure was scheduled and nothing else was addressed.",
    ),
    Case(
        domain="cpc:surgery-integumentary",
        module=SURGERY,
        prompt="Code the emergency physician's repairs (CPT, with modifiers) and the diagnoses (ICD-10-CM). "
               "The ED visit itself is coded separately.",
        record_title="Emergency department record",
        record_text=_t("""
            Patient: Harriet Vandermolen, 37 F. Northwind Regional Medical Center ED, 2026-07-18.
            Provider: Tomas Eriksen, MD.
            Cut her left palm on a broken drinking glass while washing up at home, and struck her head on
            the cabinet door.
            Exam: 2.0 cm laceration of the left palm into the subcutaneous fat; tendons intact, sensation intact.
            3.0 cm superficial laceration of the scalp. No loss of consciousness; neuro exam normal.
            Procedure: Both wounds irrigated. Palm closed in layers (4-0 absorbable deep, 5-0 nylon skin).
            Scalp closed with staples, single layer.
            Diagnoses: Laceration of left palm; laceration of scalp.
            """),
        items=(
            CaseItem(
                label="Procedures",
                prompt="Code the repairs (CPT, with modifiers).",
                key=(
                    Key("procedure", "12041",
                        "The palm was closed in layers: intermediate repair, hands group, 2.5 cm or less: "
                        "12041. List the more complex repair first."),
                    Key("procedure", "12002",
                        "The scalp was closed in one layer: simple repair, 3.0 cm. Different complexity "
                        "from the palm, so it is not added to it; CPT asks for modifier 59 on the less "
                        "complex repair.", modifiers=("59",)),
                ),
            ),
            CaseItem(
                label="Diagnoses",
                prompt="Code the diagnoses (ICD-10-CM).",
                key=(
                    Key("principal", "S61.412A",
                        "Laceration without foreign body of the left hand, initial encounter: the more "
                        "serious injury, first."),
                    Key("secondary", "S01.01XA",
                        "Laceration without foreign body of the scalp, with placeholder X: S01.01XA."),
                    Key("secondary", "W25.XXXA",
                        "External cause: contact with sharp glass.", requirement="optional"),
                ),
            ),
        ),
        rationale="12041 and 12002-59 with S61.412A and S01.01XA. Only repairs of the same complexity and "
                  "anatomic group are added together; staples are still a simple repair.",
    ),
    Written(
        domain="cpc:guidelines",
        module=SURGERY,
        prompt="When may modifier 25 be added to an office visit on the same day as a minor procedure? Give "
               "one example where it applies and one where it does not.",
        rubric="1 point: a significant, separately identifiable E/M service by the same provider on the day of "
               "a minor procedure, beyond the usual evaluation before that procedure. 1 point: the modifier "
               "goes on the E/M code, supported by documentation; a different diagnosis is not required. "
               "1 point: one correct example each way.",
        rationale="Every minor procedure already includes the brief evaluation that leads to it. Modifier 25 on "
                  "the visit code says the provider also did a significant, separately identifiable E/M service "
                  "that day, and the note must show that work. The diagnosis may be the same, but the "
                  "documentation has to stand on its own. Applies: a patient seen for diabetes and "
                  "hypertension follow-up who also has warts frozen (99214-25 and 17110). Does not apply: a "
                  "patient who comes only to have a laceration repaired, where the exam of the wound is part "
                  "of the repair, so only the repair code is billed.",
    ),
    # --- module 3: HCPCS Level II -----------------------------------------------------------------
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="Dexamethasone sodium phosphate 10 mg is given intramuscularly. J1100 is described per 1 mg. "
               "How many units of J1100?",
        choices=(
            Choice("1"),
            Choice("4"),
            Choice("10", correct=True),
            Choice("2"),
        ),
        rationale="The unit is the amount in the descriptor: 1 mg. 10 mg is 10 units. One unit per vial or per "
                  "injection is the mistake to avoid.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="Ceftriaxone 1 g is given intramuscularly. J0696 is ceftriaxone per 250 mg. The units are",
        choices=(
            Choice("1"),
            Choice("2"),
            Choice("4", correct=True),
            Choice("250"),
        ),
        rationale="1 g is 1,000 mg; 1,000 divided by 250 is 4 units of J0696.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="A Medicare patient rents a hospital bed for home use. The equipment line carries modifier",
        choices=(
            Choice("RR", correct=True),
            Choice("NU"),
            Choice("UE"),
            Choice("KX"),
        ),
        rationale="RR is rental. NU is new equipment purchased and UE used equipment purchased; KX says the "
                  "requirements of a medical policy are met, which some policies ask for in addition.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="A Medicare patient receives a service the provider expects Medicare to deny as not reasonable "
               "and necessary, but no Advance Beneficiary Notice was signed. The line carries",
        choices=(
            Choice("GA"),
            Choice("GZ", correct=True),
            Choice("GY"),
            Choice("GX"),
        ),
        rationale="GZ: a denial for medical necessity is expected and no ABN is on file, so the patient cannot "
                  "be billed. GA says an ABN is on file; GY marks a service Medicare excludes by law; GX a "
                  "voluntary notice for a non-covered service.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="Canes, walkers, hospital beds and home oxygen equipment are durable medical equipment. Most of "
               "them are coded in the HCPCS Level II range that starts with",
        choices=(
            Choice("A"),
            Choice("E", correct=True),
            Choice("J"),
            Choice("L"),
        ),
        rationale="E codes are durable medical equipment (E0100 cane, E0143 folding wheeled walker, E0260 "
                  "hospital bed). A codes are transport and supplies, J codes drugs, L codes orthotics and "
                  "prosthetics.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="A Medicare patient gets a seasonal flu vaccine in the office. The administration is reported "
               "with",
        choices=(
            Choice("G0008", correct=True),
            Choice("G0009"),
            Choice("90471"),
            Choice("96372"),
        ),
        rationale="Medicare has its own administration code for flu vaccine, G0008, in place of 90471. G0009 "
                  "is giving the pneumococcal vaccine; 96372 is for drug injections. The vaccine product is "
                  "still coded with its CPT code.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="Methylprednisolone acetate 80 mg is injected. J1010 is methylprednisolone acetate, 1 mg. "
               "What is reported?",
        choices=(
            Choice("J1010 x 80", correct=True),
            Choice("J1010 x 1"),
            Choice("J1040 x 1"),
            Choice("J1030 x 2"),
        ),
        rationale="J1010 is per 1 mg, so 80 mg is 80 units. One unit would report 1 mg. J1030 (40 mg) and J1040 "
                  "(80 mg) were retired on 2024-03-31 when CMS moved to the 1 mg code.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="An advanced life support ambulance makes an emergency ground transport; the patient is on board "
               "for 12 miles. What is reported?",
        choices=(
            Choice("A0427 and A0425 with 12 units", correct=True),
            Choice("A0427 with 12 units"),
            Choice("A0429 and A0425 with 12 units"),
            Choice("A0425 only, with 12 units"),
        ),
        rationale="The transport level (A0427, ALS level 1 emergency) is one unit; mileage is its own line, "
                  "A0425 per statute mile with the patient on board. A0429 is basic life support.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="From a single-dose vial, part of the drug is given and the rest is thrown away. On a Medicare "
               "claim, the discarded amount goes on its own line with modifier",
        choices=(
            Choice("JW", correct=True),
            Choice("KX"),
            Choice("GA"),
            Choice("KO"),
        ),
        rationale="JW marks the amount of a drug discarded and not given to any patient, from a single-dose "
                  "container. KO describes a single-drug unit dose formulation, not waste.",
    ),
    Single(
        domain="cpc:medicine",
        module=HCPCS,
        prompt="In the office, the nurse gives ketorolac 30 mg by IV push on the physician's order. Besides "
               "J1885 x 2, the administration is",
        choices=(
            Choice("96374", correct=True),
            Choice("96372"),
            Choice("96365"),
            Choice("96360"),
        ),
        rationale="96374 is a single or first drug given by IV push. 96372 is an injection into muscle or under "
                  "the skin; 96365 is an IV infusion of a drug for up to an hour and 96360 IV hydration. "
                  "J1885 is per 15 mg, so 30 mg is 2 units.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="A Medicare beneficiary, enrolled in Part B for three years, had her first annual wellness visit "
               "last year and comes for this year's. The visit is",
        choices=(
            Choice("G0402"),
            Choice("G0438"),
            Choice("G0439", correct=True),
            Choice("99397"),
        ),
        rationale="G0439 is the subsequent annual wellness visit. G0438 is the first one (done last year) and "
                  "G0402 the initial preventive physical exam, only in the first 12 months of Part B. 99397 is "
                  "a preventive visit code Medicare does not pay.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        multiple=True,
        prompt="Which HCPCS Level II modifiers say whether durable medical equipment is new, used or rented? "
               "Choose all that apply.",
        choices=(
            Choice("NU", correct=True),
            Choice("UE", correct=True),
            Choice("RR", correct=True),
            Choice("KX"),
            Choice("TC"),
        ),
        rationale="NU new, UE used, RR rental. KX says the policy's requirements are met; TC is the technical "
                  "component of a test.",
    ),
    Single(
        domain="cpc:hcpcs",
        module=HCPCS,
        multiple=True,
        prompt="For a Medicare patient, which of these services are reported with a HCPCS Level II G code in "
               "place of the CPT code? Choose all that apply.",
        choices=(
            Choice("Giving a flu vaccine", correct=True),
            Choice("A screening colonoscopy for a patient not at high risk", correct=True),
            Choice("The initial preventive physical examination ('Welcome to Medicare')", correct=True),
            Choice("Drawing blood by venipuncture"),
            Choice("An established patient office visit"),
        ),
        rationale="G0008 (flu vaccine administration), G0121 (screening colonoscopy, not high risk) and G0402 "
                  "(initial preventive physical exam) replace CPT codes for Medicare. Venipuncture (36415) and "
                  "office visits (99212-99215) are reported with CPT.",
    ),
    CodeEntry(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="On the physician's order the nurse gives dexamethasone sodium phosphate 8 mg intramuscularly "
               "for moderate persistent asthma with an acute exacerbation. Code the injection, the drug and the "
               "diagnosis (the visit is coded separately).",
        key=(
            Key("procedure", "96372", "An injection into the muscle, given on the physician's order: 96372."),
            Key("supply", "J1100", "Dexamethasone sodium phosphate per 1 mg: 8 mg is 8 units.", units=8),
            Key("principal", "J45.41", "Moderate persistent asthma with (acute) exacerbation: J45.41."),
        ),
        rationale="96372, J1100 x 8 and J45.41. One unit of J1100 would pay for 1 mg; the unspecified asthma "
                  "code J45.901 ignores the severity the note gives.",
    ),
    CodeEntry(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="Primary osteoarthritis of the right knee. The patient is fitted with a prefabricated knee "
               "orthosis with adjustable joints, customized to fit by the orthotist, and buys a new standard "
               "cane. Code the items and the diagnosis.",
        key=(
            Key("supply", "L1832",
                "Knee orthosis, adjustable joints, prefabricated and customized to fit by an individual with "
                "expertise: L1832, with RT for the side.", modifiers=("RT",)),
            Key("supply", "E0100", "A standard cane: E0100, NU for a new item bought.", modifiers=("NU",)),
            Key("principal", "M17.11", "Unilateral primary osteoarthritis of the right knee: M17.11."),
        ),
        rationale="L1832-RT and E0100-NU with M17.11. A quad cane would be E0105; an off-the-shelf brace has "
                  "different codes from one customized by an orthotist.",
    ),
    Case(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="Code this urgent care visit: the services and drug (CPT and HCPCS Level II, with modifiers and "
               "units) and the diagnosis (ICD-10-CM).",
        record_title="Urgent care note",
        record_text=_t("""
            Patient: Bartholomew Nwosu, 39 M. Northwind Urgent Care, 2026-08-04. Provider: Leah Whitcombe, PA-C.
            Commercial insurance. Established patient.
            CC: Low back pain since lifting a heavy box of books at home yesterday.
            Exam: Paraspinal muscle spasm and tenderness, left more than right. Straight-leg raise negative.
            Neuro intact. No red flags.
            Assessment: Strain of the muscles of the lower back.
            Plan: Ketorolac 60 mg intramuscularly, right gluteus, given by the medical assistant on my order.
            Cyclobenzaprine 5 mg prescribed. Heat, gentle activity; return if not better in 2 weeks.
            """),
        items=(
            CaseItem(
                label="Services and drug",
                prompt="Code the visit, the injection and the drug (CPT and HCPCS Level II).",
                key=(
                    Key("procedure", "99213",
                        "Established patient: an acute uncomplicated injury is a low problem and a new "
                        "prescription is moderate risk; with minimal data, two of three elements reach low, so "
                        "99213. Modifier 25: the evaluation and prescription are separate from giving the "
                        "injection.", modifiers=("25",)),
                    Key("procedure", "96372", "The injection into the muscle on the provider's order: 96372."),
                    Key("supply", "J1885", "Ketorolac per 15 mg: 60 mg is 4 units.", units=4),
                ),
            ),
            CaseItem(
                label="Diagnosis",
                prompt="Code the diagnosis (ICD-10-CM).",
                key=(
                    Key("principal", "S39.012A",
                        "Strain of muscle, fascia and tendon of the lower back, initial encounter. Low back "
                        "pain (M54.5-) is not coded with it: its Excludes1 note sends low back strain here."),
                    Key("secondary", "X50.0XXA", "External cause: overexertion from lifting a heavy load.",
                        requirement="optional"),
                ),
            ),
        ),
        rationale="99213-25, 96372 and J1885 x 4 with S39.012A. Ketorolac is counted in 15 mg units; the "
                  "injection needs its own code, and the visit carries 25 because the evaluation was separate "
                  "from the injection.",
    ),
    Written(
        domain="cpc:hcpcs",
        module=HCPCS,
        prompt="How do you work out the units for a HCPCS Level II drug code? Work two examples and say what "
               "modifier JW is for.",
        rubric="1 point: the unit is the amount in the code's descriptor; divide the dose given by it (and "
               "round up a partial unit for Medicare). 1 point: two correct examples (for instance J1100 "
               "dexamethasone 1 mg: 10 mg = 10 units; J0696 ceftriaxone 250 mg: 1 g = 4 units). 1 point: JW "
               "reports the amount discarded from a single-dose container, on its own line.",
        rationale="Read the descriptor to the end: it says what one unit is. Divide the dose given by that "
                  "amount, and when the dose falls between two units, Medicare has you round up. J1100 "
                  "dexamethasone sodium phosphate is per 1 mg, so 10 mg is 10 units; J0696 ceftriaxone is per "
                  "250 mg, so 1 g is 4 units. The unit is never the vial or the syringe. When part of a "
                  "single-dose vial is thrown away, the wasted amount is reported on a second line of the same "
                  "code with modifier JW, so the payer sees what was given and what was discarded.",
    ),
)
