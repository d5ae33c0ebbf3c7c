"""Question bank of OCE-103 Coding Practice and CCA Exam Review (Riverside).

Module 1: Reimbursement and compliance basics (NCCI edits, MUEs, modifiers, queries, the ABN, HIPAA,
payment systems). Module 2: CCA practice cases, mixed records across the code sets and body systems,
at the level of the CCA exam's scenarios.
"""

from __future__ import annotations

from assessments.demo_content.shapes import Case, CaseItem, Choice, CodeEntry, Key, Single, Written
from courses.demo_content.shapes import _record

C = Choice
COMPLIANCE = "cpc:compliance"
ICD = "cpc:icd10cm"
GUIDE = "cpc:guidelines"

QUESTIONS: tuple = (
    # --- Module 1: reimbursement and compliance basics ------------------------------------------
    Single(
        domain=COMPLIANCE, module=1,
        prompt="What is an NCCI procedure-to-procedure (PTP) edit?",
        choices=(
            C("A pair of codes Medicare does not pay together for one patient, same day, same provider, unless a "
              "modifier is allowed and supported", correct=True),
            C("The most units of one code Medicare pays for one patient on one day"),
            C("A list of diagnoses that support the medical necessity of a procedure"),
            C("A payer's rule on how often a screening test is covered"),
        ),
        rationale="PTP edits pair a column 1 code with a column 2 code that is part of it or should not be "
                  "billed with it. The most units per day is a medically unlikely edit (MUE); diagnoses that "
                  "support a service are a coverage determination; frequency is a coverage limit.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="Same day, same provider: a benign lesion of the back is excised (11402) and a separate lesion of "
               "the scalp gets a tangential biopsy (11102). The pair hits an NCCI edit. Which modifier goes on "
               "11102?",
        choices=(
            C("XE"),
            C("XU"),
            C("25"),
            C("XS", correct=True),
        ),
        rationale="The biopsy was of a different lesion at a different site: a separate structure, XS. XE is a "
                  "separate encounter, XU a service that does not overlap the usual components, and 25 belongs "
                  "only on an E/M code.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="What is a medically unlikely edit (MUE)?",
        choices=(
            C("A code pair that is never paid together"),
            C("The highest number of units of a code a provider would report for one patient on one date of "
              "service", correct=True),
            C("A diagnosis that Medicare considers unlikely to need the service"),
            C("An edit that rejects a code for the patient's sex or age"),
        ),
        rationale="An MUE caps the units of one code per patient per day; units above it are denied unless "
                  "documented and appealed. Age and sex conflicts are other claim edits, and code pairs are PTP "
                  "edits.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="To get claims paid, a biller adds modifier 59 to every code pair that hits an NCCI edit, without "
               "reading the notes. What is this?",
        choices=(
            C("Acceptable, because the payer can audit the claims later"),
            C("Acceptable for modifier 59, but not for the X modifiers"),
            C("A false claim: a modifier may only be added when the record shows the services were distinct",
              correct=True),
            C("A coding error only if the payer denies the claim"),
        ),
        rationale="A modifier is a statement about what happened. Adding 59 (or XE, XS, XP, XU) where the "
                  "documentation does not support it bills for bundled services as if they were separate, which "
                  "is a false claim whether or not it is caught.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="Which of these is a compliant provider query?",
        choices=(
            C("*Please document acute blood loss anemia so we can capture the higher-paying code.*"),
            C("*Hgb fell from 12.1 to 8.4 after surgery and 2 units were transfused. Please clarify the "
              "diagnosis: acute blood loss anemia / other anemia (specify) / no anemia / unable to "
              "determine.*", correct=True),
            C("*Does the patient have acute blood loss anemia? Yes or no.*"),
            C("*The physician before you agreed this is acute blood loss anemia; please sign.*"),
        ),
        rationale="A good query states the clinical facts from the record and offers reasonable options, "
                  "including other and unable to determine. Mentioning payment, a yes/no question that introduces "
                  "a new diagnosis, and pressure from another provider's opinion all lead the provider.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="The assessment says *type 1 diabetes with CKD*, the problem list says *type 2 diabetes*, and the "
               "only diabetes drug is metformin. What should the coder do?",
        choices=(
            C("Code type 2, because metformin is used in type 2 diabetes"),
            C("Code type 1, because the assessment wins"),
            C("Code E13.22, other specified diabetes, to cover both"),
            C("Query the provider, because the record conflicts on the type and the type changes the code",
              correct=True),
        ),
        rationale="The type of diabetes is the provider's diagnosis, and here the record says two things. The "
                  "coder does not decide from the drug list or pick one entry: she queries, and codes from the "
                  "answer once it is in the record.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="A Medicare patient receives a service that Medicare is expected to deny as not reasonable and "
               "necessary, but no ABN was given. Which modifier goes on the line?",
        choices=(
            C("GA"),
            C("GZ", correct=True),
            C("GY"),
            C("KX"),
        ),
        rationale="GZ reports an expected medical-necessity denial with no ABN on file: the provider, not the "
                  "patient, is liable. GA means an ABN is on file, GY a statutory exclusion, and KX that a "
                  "policy's requirements were met.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="A cardiologist's office asks for the patient's recent ECG and office notes to treat her next week. "
               "She has signed no authorization. What may the clinic do?",
        choices=(
            C("Send them: disclosures for treatment need no authorization", correct=True),
            C("Refuse until the patient signs an authorization"),
            C("Send only the ECG, never the notes"),
            C("Send them only if the cardiologist is in the same practice"),
        ),
        rationale="HIPAA lets a covered entity disclose protected health information for treatment, payment and "
                  "health care operations without the patient's authorization. The minimum necessary standard does "
                  "not limit disclosures to a provider for treatment.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="A practice bills for a 99214 visit on a day the patient was not seen. What is this?",
        choices=(
            C("Abuse"),
            C("Fraud", correct=True),
            C("Waste"),
            C("A medical necessity denial"),
        ),
        rationale="Knowingly billing for a service that was not provided is fraud, a false claim. Abuse is a "
                  "practice inconsistent with sound billing that causes unnecessary cost without proven intent; "
                  "waste is overuse of resources.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="The note supports a level 3 established patient visit, but the coder reports 99215. What is this "
               "called?",
        choices=(
            C("Unbundling"),
            C("Downcoding"),
            C("Upcoding", correct=True),
            C("Cloning"),
        ),
        rationale="Reporting a higher level or a more expensive service than the record supports is upcoding. "
                  "Unbundling splits a service into its parts, downcoding reports less than was done, and cloning "
                  "copies documentation from visit to visit.",
    ),
    Single(
        domain="cpc:pathology-laboratory", module=1,
        prompt="A lab bills glucose, calcium, sodium, potassium, CO2, chloride, BUN and creatinine as eight separate "
               "tests on one specimen. How should they be reported?",
        choices=(
            C("80053"),
            C("Each test separately, as performed"),
            C("80048", correct=True),
            C("80051 plus each of the other tests"),
        ),
        rationale="Those eight tests are exactly the basic metabolic panel, 80048; billing them one by one is "
                  "unbundling. 80053 (comprehensive panel) adds liver tests that were not done, and 80051 is the "
                  "electrolyte panel.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="Under the Medicare physician fee schedule, which three relative value units make up a service's "
               "payment?",
        choices=(
            C("Work, practice expense and malpractice (professional liability)", correct=True),
            C("Work, time and complexity"),
            C("Facility, professional and technical"),
            C("Base units, time units and modifying units"),
        ),
        rationale="The RBRVS gives each code work, practice expense and malpractice RVUs, each adjusted by a "
                  "geographic index and multiplied by the conversion factor. Base and time units are how "
                  "anesthesia is paid.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="Which payment system does Medicare use for hospital outpatient services, such as an outpatient "
               "colonoscopy in the hospital?",
        choices=(
            C("MS-DRGs"),
            C("The physician fee schedule (RBRVS)"),
            C("The skilled nursing facility PPS"),
            C("APCs under the outpatient prospective payment system", correct=True),
        ),
        rationale="Hospital outpatient services are grouped into ambulatory payment classifications (APCs) under "
                  "the OPPS. MS-DRGs pay inpatient stays, the RBRVS pays the physician's professional service, and "
                  "the SNF PPS pays skilled nursing facilities.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="Which code set reports the procedures of a hospital inpatient stay on the facility claim?",
        choices=(
            C("CPT"),
            C("ICD-10-PCS", correct=True),
            C("HCPCS Level II"),
            C("ICD-10-CM"),
        ),
        rationale="Inpatient facility procedures are coded in ICD-10-PCS. CPT and HCPCS report outpatient and "
                  "professional services, and ICD-10-CM reports diagnoses in every setting.",
    ),
    Single(
        domain="cpc:em", module=1,
        prompt="Two weeks after a knee arthroscopy (90-day global), the surgeon sees the patient for an unrelated "
               "cellulitis of the arm. Which modifier goes on the visit?",
        choices=(
            C("25"),
            C("57"),
            C("24", correct=True),
            C("79"),
        ),
        rationale="An E/M unrelated to the surgery during its postoperative period takes modifier 24. 25 is for a "
                  "separate E/M on the day of a procedure, 57 for the decision for major surgery, and 79 for an "
                  "unrelated procedure (not a visit) in the global period.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="How long does a provider normally have to file a Medicare Part B claim?",
        choices=(
            C("90 days from the date of service"),
            C("6 months from the date of service"),
            C("12 months from the date of service", correct=True),
            C("2 years from the date of service"),
        ),
        rationale="Medicare's timely filing limit is one calendar year (12 months) after the date of service. "
                  "Commercial payers set their own, often shorter, limits in their contracts.",
    ),
    Single(
        domain=COMPLIANCE, module=1,
        prompt="Which claim form (or electronic transaction) does a physician office use, and which does a hospital "
               "use for its facility charges?",
        choices=(
            C("Office: CMS-1500 (837P); hospital: UB-04 (837I)", correct=True),
            C("Office: UB-04 (837I); hospital: CMS-1500 (837P)"),
            C("Both use the CMS-1500"),
            C("Both use the UB-04"),
        ),
        rationale="Professional services go on the CMS-1500 or its electronic form 837P; institutional (facility) "
                  "charges go on the UB-04 or 837I, with revenue codes.",
    ),
    Single(
        domain=COMPLIANCE, module=1, multiple=True,
        prompt="Which modifiers report a distinct procedural service to an NCCI edit, when the documentation "
               "supports them? Select all that apply.",
        choices=(
            C("XE", correct=True),
            C("25"),
            C("XS", correct=True),
            C("26"),
            C("XU", correct=True),
        ),
        rationale="XE (separate encounter), XS (separate structure), XU (unusual non-overlapping service), with XP "
                  "and 59, tell the payer a column 2 code was distinct. 25 is for an E/M on the day of a procedure "
                  "and 26 for the professional component.",
    ),
    Single(
        domain=COMPLIANCE, module=1, multiple=True,
        prompt="Which belong in a compliant provider query? Select all that apply.",
        choices=(
            C("The clinical indicators from the record that prompted it", correct=True),
            C("How the answer will change the payment"),
            C("Reasonable options, including other and clinically undetermined", correct=True),
            C("A statement that another provider already agreed with the diagnosis"),
            C("Only the diagnosis the coder expects"),
        ),
        rationale="A query shows the facts and lets the provider choose among reasonable answers, including none "
                  "of them. Payment impact, another provider's opinion as pressure, and a single suggested "
                  "diagnosis all lead.",
    ),
    Single(
        domain=COMPLIANCE, module=1, multiple=True,
        prompt="Which of these are covered entities under HIPAA? Select all that apply.",
        choices=(
            C("A health plan", correct=True),
            C("A patient's employer"),
            C("A health care clearinghouse", correct=True),
            C("A provider who sends claims electronically", correct=True),
            C("A life insurance company"),
        ),
        rationale="HIPAA covers health plans, clearinghouses and providers who conduct standard transactions "
                  "electronically. Employers and life insurers are not covered entities (a group health plan an "
                  "employer sponsors is, separately).",
    ),
    CodeEntry(
        domain=COMPLIANCE, module=1,
        prompt="Same day, same provider: excision of a benign lesion of the back, excised diameter 1.5 cm, simple "
               "closure; and a tangential biopsy of a different lesion on the scalp. The pair hits an NCCI edit. "
               "Code the procedures.",
        key=(
            Key("procedure", "11402", "Benign excision, trunk, excised diameter 1.1-2.0 cm; simple closure "
                                      "included."),
            Key("procedure", "11102", "The biopsy of a separate lesion at another site: XS for a separate "
                                      "structure gets it past the edit, honestly.", modifiers=("XS",)),
        ),
        rationale="The edit exists because a biopsy of the lesion being excised is part of the excision. This "
                  "biopsy was of another lesion, so XS (or 59) is supported.",
    ),
    CodeEntry(
        domain="cpc:hcpcs", module=1,
        prompt="A Medicare patient comes in only for a flu shot: trivalent, split-virus, preservative-free 0.5 mL "
               "vaccine, given IM. Code the vaccine, its administration and the diagnosis.",
        key=(
            Key("principal", "Z23", "The visit is for an immunization."),
            Key("procedure", "90656", "The vaccine itself, coded by product: this trivalent split-virus vaccine "
                                      "without preservative, in the 0.5 mL IM dose."),
            Key("procedure", "G0008", "Medicare pays flu vaccine administration under G0008, not 90471."),
        ),
        rationale="Z23; the vaccine product 90656; and Medicare's own administration code G0008. A commercial plan "
                  "would usually take 90471 instead.",
    ),
    CodeEntry(
        domain="cpc:medicine", module=1,
        prompt="Diagnosis: *gonococcal urethritis.* Ceftriaxone 500 mg is given IM in the office. Code the "
               "diagnosis, the injection and the drug.",
        key=(
            Key("principal", "A54.01", "Urethritis, gonococcal: A54.01, gonococcal cystitis and urethritis."),
            Key("procedure", "96372", "An intramuscular injection of a drug."),
            Key("supply", "J0696", "Ceftriaxone is billed per 250 mg: 500 mg is 2 units.", units=2),
        ),
        rationale="A54.01 (the organism is in the code), 96372 and J0696 for 2 units. Billing 500 units, one per "
                  "milligram, would also hit the code's MUE.",
    ),
    CodeEntry(
        domain=COMPLIANCE, module=1,
        prompt="An average-risk Medicare patient wants a screening colonoscopy 5 years after a normal one; "
               "Medicare covers one every 10 years. She signs an ABN. No polyps are found. Code the procedure and "
               "the diagnosis.",
        key=(
            Key("principal", "Z12.11", "Screening for colon cancer, with nothing found."),
            Key("procedure", "G0121", "Medicare's screening colonoscopy for a patient not at high risk. GA: the "
                                      "ABN is on file, so she can be billed if Medicare denies for frequency.",
                modifiers=("GA",)),
        ),
        rationale="Z12.11 and G0121-GA. Without the ABN the modifier would be GZ and the practice could not bill "
                  "the patient.",
    ),
    Written(
        domain=COMPLIANCE, module=1,
        prompt="Explain what an NCCI procedure-to-procedure edit is, and when it is honest to report modifier 59 "
               "or an X modifier on the column 2 code. Give one example.",
        rubric="1 point: PTP edit defined (a code pair not paid together for the same patient, same day, same "
               "provider). 1 point: a modifier only when the record shows the service was distinct (separate "
               "site, encounter, practitioner or non-overlapping), and only where the edit allows one. 1 point: a "
               "correct example.",
        rationale="A PTP edit pairs a column 1 code with a column 2 code that is normally part of it; Medicare "
                  "pays only the column 1 code for the same patient, date and provider. When the edit's modifier "
                  "indicator allows it, modifier 59 or, more precisely, XE, XS, XP or XU may unlock the pair, but "
                  "only if the record shows the second service was really separate. Example: an excision of a "
                  "lesion on the back and a biopsy of a different lesion on the scalp, 11102-XS. A biopsy of the "
                  "same lesion that is then excised gets no modifier: it is part of the excision.",
    ),
    Written(
        domain=COMPLIANCE, module=1,
        prompt="The ED note documents a temperature of 103 F, heart rate 124, WBC 19,000 and a source of "
               "pneumonia, but the provider writes only *pneumonia*. Write a compliant query.",
        rubric="1 point: quotes the clinical indicators from the record. 1 point: asks an open question or gives "
               "options that include sepsis, another diagnosis, and unable to determine. 1 point: no leading "
               "(no payment, no single suggested answer, no yes/no for a new diagnosis).",
        rationale="*Dr. Castellanos: the ED record of 2026-05-14 documents T 103 F, HR 124, WBC 19,000, and "
                  "pneumonia on chest x-ray. Based on your clinical judgment, can you clarify the diagnosis that "
                  "these findings represent? Options: pneumonia with sepsis / pneumonia without sepsis / other "
                  "(please specify) / unable to determine. Please answer in the record.* The query gives the "
                  "facts, offers real choices including none, and says nothing about payment.",
    ),
    # --- Module 2: CCA practice cases ----------------------------------------------------------------
    Single(
        domain=ICD, module=2,
        prompt="Assessment: *COPD with acute exacerbation; no pneumonia.* Which code is assigned?",
        choices=(
            C("J44.0"),
            C("J44.9"),
            C("J44.1", correct=True),
            C("J43.9"),
        ),
        rationale="COPD with (acute) exacerbation is J44.1. J44.0 is COPD with an acute lower respiratory "
                  "infection, J44.9 COPD with nothing more said, and J43.9 emphysema.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="A patient with type 1 diabetes is found confused with a glucose of 48; she responds to glucose and "
               "never loses consciousness. Assessment: *type 1 diabetes with hypoglycemia.* Which code is assigned "
               "for the diabetes?",
        choices=(
            C("E10.641"),
            C("E10.649", correct=True),
            C("E11.649"),
            C("E16.2"),
        ),
        rationale="Diabetes, type 1, with hypoglycemia, without coma: E10.649. E10.641 is with coma, E11.649 is "
                  "type 2, and E16.2 (hypoglycemia NOS) excludes diabetic hypoglycemia.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="Assessment: *atrial fibrillation, type not specified; continues apixaban long term.* Which codes "
               "are reported?",
        choices=(
            C("I48.91"),
            C("I48.0, Z79.01"),
            C("I48.91, Z79.02"),
            C("I48.91, Z79.01", correct=True),
        ),
        rationale="Unspecified atrial fibrillation is I48.91; apixaban is an anticoagulant, Z79.01. I48.0 needs "
                  "the paroxysmal type documented, and Z79.02 is for antiplatelet drugs such as clopidogrel.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="Assessment: *cellulitis of the right lower leg*; no abscess. Which code is assigned?",
        choices=(
            C("L03.115", correct=True),
            C("L03.116"),
            C("L03.119"),
            C("L02.415"),
        ),
        rationale="Cellulitis of the right lower limb is L03.115. L03.116 is the left, L03.119 an unspecified "
                  "limb, and L02.415 an abscess (a collection of pus), which the provider ruled out.",
    ),
    Single(
        domain=GUIDE, module=2,
        prompt="A patient 20 weeks pregnant sprains her right ankle. The provider documents that the pregnancy is "
               "incidental to the visit. Which codes are reported?",
        choices=(
            C("O9A.212, S93.401A, Z3A.20"),
            C("S93.401A, Z3A.20"),
            C("S93.401A, Z33.1", correct=True),
            C("S93.401A"),
        ),
        rationale="Chapter 15 codes come first in pregnancy unless the provider documents that the pregnancy is "
                  "incidental; then the condition is coded with Z33.1, pregnant state, incidental, in place of "
                  "any O code. Z3A codes follow a Chapter 15 code (their Code first note), so they do not go with "
                  "Z33.1.",
    ),
    Single(
        domain="cpc:em", module=2,
        prompt="An emergency department physician documents medical decision making of moderate complexity. Which "
               "code reports the ED visit?",
        choices=(
            C("99283"),
            C("99285"),
            C("99284", correct=True),
            C("99214"),
        ),
        rationale="ED visits are leveled by medical decision making alone: low is 99283, moderate 99284, high "
                  "99285. 99214 is an office code and is not used in the ED.",
    ),
    Single(
        domain="cpc:em", module=2,
        prompt="An established 45-year-old patient has her yearly preventive visit with age-appropriate counseling; "
               "no problems are addressed. Which code applies?",
        choices=(
            C("99386"),
            C("99395"),
            C("99215"),
            C("99396", correct=True),
        ),
        rationale="Preventive medicine codes go by new or established patient and by age: established, 40-64 years "
                  "is 99396. 99386 is a new patient of that age, 99395 an established patient aged 18-39, and 99215 "
                  "a problem-oriented visit.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal", module=2,
        prompt="A nondisplaced distal radius fracture is treated by the orthopedist with a cast, without "
               "manipulation; she will provide the follow-up care. Which CPT code reports it?",
        choices=(
            C("25605"),
            C("29125"),
            C("25607"),
            C("25600", correct=True),
        ),
        rationale="Closed treatment of a distal radius fracture without manipulation is 25600, and it includes the "
                  "first cast. 25605 is with manipulation, 25607 open treatment with fixation, and 29125 a splint "
                  "applied by someone who does not take on the fracture care.",
    ),
    Single(
        domain="cpc:surgery-cardiovascular", module=2,
        prompt="A medical assistant draws blood from an arm vein for tests sent to the reference lab. Which CPT code "
               "reports the draw?",
        choices=(
            C("36416"),
            C("36415", correct=True),
            C("36410"),
            C("36000"),
        ),
        rationale="Routine venipuncture is 36415. 36416 is a capillary (fingerstick or heelstick) collection, "
                  "36410 a venipuncture that needs a physician's skill, and 36000 placing a needle or catheter in a "
                  "vein for another purpose.",
    ),
    Single(
        domain="cpc:surgery-digestive", module=2,
        prompt="During an upper GI endoscopy (EGD), the gastroenterologist takes biopsies of the gastric antrum. "
               "Which CPT code reports it?",
        choices=(
            C("43235"),
            C("43251"),
            C("45380"),
            C("43239", correct=True),
        ),
        rationale="An EGD with one or more biopsies is 43239. 43235 is the diagnostic EGD, 43251 removal of a "
                  "lesion by snare, and 45380 a colonoscopy with biopsy.",
    ),
    Single(
        domain="cpc:surgery-urinary", module=2,
        prompt="The urologist looks into the urethra and bladder with a cystoscope to evaluate hematuria; nothing "
               "else is done. Which CPT code reports it?",
        choices=(
            C("52000", correct=True),
            C("51702"),
            C("52005"),
            C("51798"),
        ),
        rationale="Diagnostic cystourethroscopy is 52000. 51702 is placing a temporary Foley catheter, 52005 "
                  "cystoscopy with catheterization of the ureters, and 51798 a bladder scan for residual urine.",
    ),
    Single(
        domain="cpc:surgery-respiratory", module=2,
        prompt="The ENT physician examines both nasal passages with an endoscope for chronic sinusitis; no biopsy "
               "or debridement. Which CPT code reports it?",
        choices=(
            C("31237"),
            C("31231", correct=True),
            C("30901"),
            C("31575"),
        ),
        rationale="Diagnostic nasal endoscopy, one or both sides, is 31231. 31237 adds a biopsy, polypectomy or "
                  "debridement, 30901 controls a simple anterior nosebleed, and 31575 is a flexible laryngoscopy.",
    ),
    Single(
        domain="cpc:surgery-nervous", module=2,
        prompt="The surgeon releases the transverse carpal ligament through an open incision at the wrist for carpal "
               "tunnel syndrome. Which CPT code reports it?",
        choices=(
            C("29848"),
            C("64718"),
            C("64721", correct=True),
            C("20526"),
        ),
        rationale="Open carpal tunnel release is a neuroplasty of the median nerve at the carpal tunnel, 64721. "
                  "29848 is the endoscopic release, 64718 the ulnar nerve at the elbow, and 20526 an injection into "
                  "the carpal tunnel.",
    ),
    Single(
        domain="cpc:surgery-eye-ear", module=2,
        prompt="Routine cataract surgery: the lens is removed by phacoemulsification and an intraocular lens is "
               "inserted; no complex technique is needed. Which CPT code reports it?",
        choices=(
            C("66984", correct=True),
            C("66982"),
            C("66840"),
            C("92014"),
        ),
        rationale="Extracapsular cataract removal with lens insertion, not complex, is 66984. 66982 is for a "
                  "complex case (devices to expand the pupil or support the capsule, for example), 66840 removes "
                  "lens material without an implant, and 92014 is an eye exam.",
    ),
    Single(
        domain="cpc:surgery-reproductive", module=2,
        prompt="Colposcopy of the cervix with biopsy of the cervix and endocervical curettage. Which CPT code "
               "reports it?",
        choices=(
            C("57455"),
            C("57452"),
            C("57500"),
            C("57454", correct=True),
        ),
        rationale="Colposcopy with cervical biopsy and endocervical curettage is 57454. 57455 is with biopsy only, "
                  "57452 the colposcopy alone, and 57500 a cervical biopsy without colposcopy.",
    ),
    Single(
        domain="cpc:radiology", module=2,
        prompt="A 50-year-old without symptoms has her routine screening mammogram of both breasts, with "
               "computer-aided detection. Which CPT code reports it?",
        choices=(
            C("77066"),
            C("77067", correct=True),
            C("77065"),
            C("76641"),
        ),
        rationale="Bilateral screening mammography (CAD included) is 77067. 77066 and 77065 are diagnostic "
                  "mammograms (bilateral and unilateral), done for a problem, and 76641 is a breast ultrasound.",
    ),
    Single(
        domain="cpc:radiology", module=2,
        prompt="A radiologist in private practice reads a CT done on the hospital's scanner. Which modifier goes on "
               "the radiologist's claim?",
        choices=(
            C("TC"),
            C("26", correct=True),
            C("59"),
            C("52"),
        ),
        rationale="The radiologist bills the professional component, modifier 26; the hospital bills the technical "
                  "component (the equipment, staff and supplies), which on a physician claim would be TC. 59 is for "
                  "distinct procedures and 52 for a reduced service.",
    ),
    Single(
        domain="cpc:pathology-laboratory", module=2,
        prompt="The provider orders total cholesterol, HDL cholesterol and triglycerides on one specimen. Which CPT "
               "code reports them?",
        choices=(
            C("80053"),
            C("82465"),
            C("83718"),
            C("80061", correct=True),
        ),
        rationale="Those three tests together are the lipid panel, 80061 (a calculated LDL is part of it). 82465 "
                  "is total cholesterol alone and 83718 HDL alone: billing them with the triglycerides would be "
                  "unbundling. 80053 is the comprehensive metabolic panel.",
    ),
    Single(
        domain="cpc:medicine", module=2,
        prompt="A dehydrated patient receives IV normal saline for 50 minutes as hydration, with no drug. Which CPT "
               "code reports the infusion?",
        choices=(
            C("96360", correct=True),
            C("96365"),
            C("96374"),
            C("96361"),
        ),
        rationale="IV hydration, first hour (31 minutes or more), is 96360. 96365 is a therapeutic drug infusion, "
                  "96374 an IV push of a drug, and 96361 each additional hour of hydration.",
    ),
    Single(
        domain="cpc:anesthesia", module=2,
        prompt="An anesthesiologist medically directs one CRNA during a case. Which modifier goes on the "
               "anesthesiologist's claim?",
        choices=(
            C("QX"),
            C("AA"),
            C("QY", correct=True),
            C("QK"),
        ),
        rationale="QY is medical direction of one CRNA by an anesthesiologist. The CRNA's own claim takes QX, AA is "
                  "for anesthesia the anesthesiologist performs personally, and QK for directing two to four "
                  "concurrent cases.",
    ),
    Single(
        domain="cpc:hcpcs", module=2,
        prompt="A patient with diabetes is supplied 100 blood glucose test strips for her home monitor. How are "
               "they reported?",
        choices=(
            C("A4253 × 1"),
            C("A4253 × 100"),
            C("A4259 × 1"),
            C("A4253 × 2", correct=True),
        ),
        rationale="A4253 is per 50 strips, so 100 strips are 2 units. A4259 is lancets, per box of 100.",
    ),
    Single(
        domain="cpc:hcpcs", module=2,
        prompt="After a hip replacement, the patient is supplied a folding walker with wheels. Which HCPCS Level II "
               "code reports it?",
        choices=(
            C("E0130"),
            C("E0143", correct=True),
            C("E0100"),
            C("E0105"),
        ),
        rationale="A folding wheeled walker is E0143. E0130 is a rigid pick-up walker, E0100 a cane, and E0105 a "
                  "quad cane.",
    ),
    Single(
        domain="cpc:medicine", module=2,
        prompt="A 34-year-old gets a Tdap booster from the nurse (commercial plan); it is the only vaccine given. "
               "How are the vaccine and its administration reported?",
        choices=(
            C("90714, 90471"),
            C("90715, 96372"),
            C("90715, 90471", correct=True),
            C("90702, 90471"),
        ),
        rationale="Tdap for patients 7 years and older is 90715, and one vaccine given by injection without "
                  "physician counseling of a child is 90471. 90714 is Td (no pertussis), 90702 the DT vaccine for "
                  "young children, and 96372 is for drugs, not vaccines.",
    ),
    Single(
        domain=GUIDE, module=2, multiple=True,
        prompt="Office visit. Assessment: *1. Acute sinusitis. 2. Hypertension, lisinopril refilled. 3. Loud "
               "snoring, rule out obstructive sleep apnea; sleep study ordered.* Which codes are reported? Select "
               "all that apply.",
        choices=(
            C("J01.90", correct=True),
            C("G47.33"),
            C("I10", correct=True),
            C("R06.83", correct=True),
            C("F17.210"),
        ),
        rationale="Acute sinusitis (J01.90) and managed hypertension (I10) are coded; the uncertain sleep apnea is "
                  "not, but its symptom, snoring (R06.83), is. Nicotine dependence (F17.210) is not documented.",
    ),
    CodeEntry(
        domain=ICD, module=2,
        prompt="Established patient: type 2 diabetes with diabetic chronic kidney disease stage 3b; hypertension; "
               "on insulin. Code the diagnoses.",
        key=(
            Key("principal", "E11.22", "Type 2 diabetes with diabetic CKD."),
            Key("secondary", "I12.9", "Hypertension with CKD is presumed linked: I12.9 as well."),
            Key("secondary", "N18.32", "Both E11.22 and I12.9 ask for the stage: 3b, N18.32, once."),
            Key("secondary", "Z79.4", "Long-term insulin use."),
        ),
        rationale="The CKD is linked to both the diabetes and the hypertension, so both combination codes are "
                  "reported, then one stage code and Z79.4.",
    ),
    CodeEntry(
        domain=ICD, module=2,
        prompt="Assessment: *COPD with acute exacerbation. Smokes one pack of cigarettes a day.* Code the "
               "diagnoses.",
        key=(
            Key("principal", "J44.1", "COPD with acute exacerbation, no infection documented."),
            Key("secondary", "F17.210", "Chapter 10's note asks for tobacco use or dependence: a pack-a-day smoker "
                                        "is coded as nicotine dependence, cigarettes, uncomplicated."),
        ),
        rationale="J44.1, then F17.210 as the chapter's Use additional code note asks. The Index sends *Smoker* "
                  "to Dependence, drug, nicotine, so a cigarette smoker is F17.210 rather than Z72.0 (tobacco use).",
    ),
    CodeEntry(
        domain="cpc:surgery-musculoskeletal", module=2,
        prompt="Colles' fracture of the left radius, closed, first visit. The orthopedist applies a short arm cast "
               "without manipulation and will provide the fracture care. Code the procedure and the diagnosis.",
        key=(
            Key("principal", "S52.532A", "Colles' fracture of the left radius, initial encounter for closed "
                                         "fracture."),
            Key("procedure", "25600", "Closed treatment of a distal radius fracture without manipulation, which "
                                      "includes the first cast. LT for the side.", modifiers=("LT",)),
        ),
        rationale="S52.532A and 25600-LT. The cast application (29075) is not added: the fracture care code "
                  "includes the first cast.",
    ),
    CodeEntry(
        domain="cpc:hcpcs", module=2,
        prompt="Type 2 diabetes without complications, on insulin. The practice supplies 100 glucose test strips "
               "and a box of 100 lancets; the commercial plan requires no modifiers. Code the supplies and the "
               "diagnoses.",
        key=(
            Key("principal", "E11.9", "Type 2 diabetes without complications."),
            Key("secondary", "Z79.4", "Long-term insulin use, which also supports the testing."),
            Key("supply", "A4253", "Test strips per 50: 100 strips are 2 units.", units=2),
            Key("supply", "A4259", "Lancets per box of 100: 1 unit."),
        ),
        rationale="E11.9 with Z79.4, A4253 for 2 units and A4259 for 1. Read each supply code's unit before "
                  "counting.",
    ),
    CodeEntry(
        domain="cpc:em", module=2,
        prompt="ED visit for chest pain: high-complexity decision making documented (a threat to life considered, "
               "admission weighed). The ED physician interprets the ECG traced on the hospital's machine; workup "
               "negative, no cause found. Code the physician's services and the diagnosis.",
        key=(
            Key("principal", "R07.9", "No cause found and no type of chest pain described: R07.9."),
            Key("procedure", "99285", "ED visit with high medical decision making."),
            Key("procedure", "93010", "The physician's interpretation and report of the ECG only; the hospital "
                                      "bills the tracing."),
        ),
        rationale="R07.9, 99285 and 93010. The ECG the physician bills separately is not counted again in the "
                  "visit's data.",
    ),
    Written(
        domain=GUIDE, module=2,
        prompt="Compare the rules for an uncertain diagnosis (*probable pneumonia*) in an office visit and at "
               "discharge from an inpatient stay, and say which term names the diagnosis listed first in each "
               "setting.",
        rubric="1 point: outpatient: first-listed diagnosis; inpatient: principal diagnosis (the condition "
               "established after study to be chiefly responsible for the admission). 1 point: outpatient codes "
               "the symptoms, never the uncertain diagnosis. 1 point: inpatient codes an uncertain diagnosis "
               "documented at discharge as if it existed.",
        rationale="In the office the diagnosis listed first is the first-listed diagnosis, the reason chiefly "
                  "responsible for the visit, and *probable pneumonia* is not coded: the cough and fever are. In an "
                  "inpatient stay the principal diagnosis is the condition established after study to be chiefly "
                  "responsible for the admission, and an uncertain diagnosis still documented at discharge "
                  "(probable, suspected, likely) is coded as if it existed, because the workup and treatment were "
                  "for it.",
    ),
    # --- Cases ------------------------------------------------------------------------------------
    Case(
        domain="cpc:em", module=2,
        prompt="Code this visit completely: the diagnoses, then the service.",
        record_title="Office note",
        record_text=_record("""
            Patient: Beatrix Oyelaran-Holt, 58, female, established. Seen 2026-04-22, Owen Castellanos, MD,
            Riverside Community Clinic.
            CC: Facial pressure and thick nasal discharge for 12 days; medicine refills.
            HPI: Cold 2 weeks ago, now worse, with pressure over both cheeks. No fever.
            Exam: T 98.9 F. Tenderness over the sinuses; purulent nasal drainage. BP 128/80.
            Assessment: 1. Acute sinusitis. 2. Essential hypertension, controlled. 3. Hyperlipidemia, on
            atorvastatin.
            Plan: Amoxicillin-clavulanate for 7 days. Lisinopril and atorvastatin refilled for 90 days.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnoses (ICD-10-CM).", key=(
                Key("principal", "J01.90", "The reason for the visit: acute sinusitis, no sinus named, so "
                                           "J01.90."),
                Key("secondary", "I10", "Essential hypertension, managed today."),
                Key("secondary", "E78.5", "Hyperlipidemia, type not stated, managed today."),
            )),
            CaseItem(label="Service", prompt="Code the visit (CPT).", key=(
                Key("procedure", "99214", "Two stable chronic illnesses plus an acute illness (moderate problems) "
                                          "and prescription drug management (moderate risk): 99214."),
            )),
        ),
        rationale="The acute problem brought her in and goes first; the chronic conditions managed at the visit "
                  "follow. Two stable chronic illnesses already reach moderate problems, and with prescriptions the "
                  "visit is 99214.",
    ),
    Case(
        domain="cpc:surgery-integumentary", module=2,
        prompt="Code this visit completely: the diagnoses (your clinic reports external causes), then the "
               "services.",
        record_title="Urgent care note",
        record_text=_record("""
            Patient: Leopold Varga-Nakamura, 42, male, established. Seen 2026-06-24, Tamsin Greaves, NP,
            Riverside Community Clinic.
            CC: Cut on left index finger.
            HPI: Slipped while slicing bread with a kitchen knife 30 minutes ago. Last tetanus shot over 10 years ago.
            Exam: 2.0 cm laceration, radial side of the left index finger, middle phalanx. Nail intact. Tendon
            function, sensation and capillary refill normal. No foreign body.
            Procedure: Digital block, irrigation, closed with 4-0 nylon simple interrupted sutures in one layer.
            Tdap 0.5 mL IM, left deltoid, by the nurse on my order; vaccine information given.
            Assessment: Laceration of the left index finger. Tetanus booster given.
            Plan: Suture removal in 10 days.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnoses (ICD-10-CM).", key=(
                Key("principal", "S61.211A", "Laceration without foreign body of the left index finger, nail not "
                                             "damaged, initial encounter."),
                Key("secondary", "Z23", "The Tdap booster given at the visit."),
                Key("secondary", "W26.0XXA", "Contact with a knife.", requirement="optional"),
            )),
            CaseItem(label="Services", prompt="Code the repair, the vaccine and its administration (CPT).", key=(
                Key("procedure", "12001", "Simple one-layer repair of 2.0 cm on an extremity (the hands and "
                                          "fingers are in this group)."),
                Key("procedure", "90715", "Tdap vaccine, 7 years and older."),
                Key("procedure", "90471", "Administration of one vaccine."),
            )),
        ),
        rationale="S61.211A (left index, nail intact), Z23, and W26.0XXA where reported. 12001, 90715 and 90471; "
                  "no E/M, because the evaluation of the wound is part of the repair.",
    ),
    Case(
        domain="cpc:surgery-digestive", module=2,
        prompt="Code this outpatient procedure: the diagnoses in order, then the procedure. The commercial plan "
               "asks for no modifier.",
        record_title="Procedure report",
        record_text=_record("""
            Patient: Hollis Fairweather-Osei, 52, male. Date 2026-07-21. Endoscopist: Priya Castellano-Reyes, MD,
            Riverside Endoscopy Center.
            Indication: Screening colonoscopy, average risk; no symptoms, no family history of colon cancer.
            Procedure: Colonoscopy to the cecum, identified by the appendiceal orifice; prep good.
            Findings: An 8 mm sessile polyp in the descending colon, removed with a cold snare and retrieved.
            Scattered diverticula in the sigmoid colon; no bleeding, no inflammation. Otherwise normal.
            Impression: Descending colon polyp, removed. Sigmoid diverticulosis.
            Pathology (July 23): Tubular adenoma.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnoses (ICD-10-CM).", key=(
                Key("principal", "Z12.11", "A screening stays first-listed even when something is found."),
                Key("secondary", "D12.4", "The pathology is back: a tubular adenoma is a benign neoplasm, of the "
                                          "descending colon."),
                Key("secondary", "K57.30", "Diverticulosis of the large intestine without perforation, abscess or "
                                           "bleeding."),
            )),
            CaseItem(label="Procedure", prompt="Code the procedure (CPT).", key=(
                Key("procedure", "45385", "Colonoscopy with removal of a polyp by snare (cold or hot)."),
            )),
        ),
        rationale="Z12.11 first, then the findings: D12.4 from the pathology (an adenoma, not the K63.5 polyp code) "
                  "and K57.30. The snare removal makes it 45385.",
    ),
    Case(
        domain=ICD, module=2,
        prompt="Code this inpatient stay: the diagnoses (principal first), then the attending physician's "
               "discharge-day service.",
        record_title="Discharge summary",
        record_text=_record("""
            Patient: Esperanza Lindgren-Obi, 66, female. Admitted 2026-08-03, discharged 2026-08-06, Riverside
            General Hospital. Attending: Owen Castellanos, MD.
            Reason for admission: Fever 102.8 F, right flank pain and vomiting.
            Labs: Urine culture grew E. coli; blood cultures negative. Glucose 320 on admission.
            Course: IV ceftriaxone, then oral cefalexin. Metformin held and insulin given on a sliding scale; glucose
            140s at discharge, metformin restarted. Blood pressure controlled on home amlodipine.
            Discharge diagnoses: 1. Acute pyelonephritis due to E. coli.
            2. Type 2 diabetes mellitus with hyperglycemia.
            3. Essential hypertension.
            Discharge: Home on cefalexin to complete 14 days, metformin, amlodipine. Discharge work, instructions
            and coordination: 40 minutes.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnoses (ICD-10-CM).", key=(
                Key("principal", "N10", "The condition that, after study, occasioned the admission: acute "
                                        "pyelonephritis."),
                Key("secondary", "B96.20", "N10's note asks for the organism: E. coli, not typed."),
                Key("secondary", "E11.65", "Type 2 diabetes with hyperglycemia, as documented."),
                Key("secondary", "Z79.84", "Metformin is her long-term drug. The sliding-scale insulin was "
                                           "temporary, so no Z79.4."),
                Key("secondary", "I10", "Essential hypertension, treated during the stay."),
            )),
            CaseItem(label="Discharge-day service", prompt="Code the attending's discharge-day service (CPT).", key=(
                Key("procedure", "99239", "The attending spent more than 30 minutes on the discharge day: the "
                                          "higher of the two discharge codes."),
            )),
        ),
        rationale="N10 as principal with B96.20; E11.65 with Z79.84 (temporary insulin in the hospital does not "
                  "get Z79.4); I10. The fever, flank pain and vomiting are part of the pyelonephritis. The "
                  "documented 40 minutes makes the discharge 99239 rather than 99238.",
    ),
)
