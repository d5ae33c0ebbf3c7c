"""The words of the bench courses: course and module titles, readings, lectures and coding cases.

Pages should weigh what real ones weigh, so readings carry a table and a
list, lectures a transcript, and exercises a full office note with a key of
real ICD-10-CM codes (checked against the April 2026 tabular: every key code
is billable).
"""

from __future__ import annotations

from dataclasses import dataclass

from courses.models import Credential, KeyRole, ModuleKind, RecordKind

# code, title, prepares for, module kind, eight module titles
COURSES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("BEN-101", "ICD-10-CM Diagnosis Coding", Credential.CPC, ModuleKind.ICD10CM, (
        "How the ICD-10-CM book is built", "Conventions and official guidelines", "Endocrine and metabolic diseases",
        "Diseases of the circulatory system", "Diseases of the respiratory system", "Injuries and external causes",
        "Factors influencing health status (Z codes)", "Review: coding the whole record",
    )),
    ("BEN-102", "CPT Procedure Coding", Credential.CPC, ModuleKind.CPT, (
        "CPT structure and conventions", "Evaluation and management", "Anesthesia", "Surgery: integumentary system",
        "Surgery: musculoskeletal system", "Radiology", "Pathology and laboratory", "Medicine section",
    )),
    ("BEN-103", "HCPCS Level II and Modifiers", Credential.CCA, ModuleKind.HCPCS, (
        "HCPCS Level II structure", "Modifiers that change payment", "Durable medical equipment",
        "Drugs administered other than orally", "Ambulance and transport", "Medical and surgical supplies",
        "Temporary national codes", "Payer rules and edits",
    )),
    ("BEN-104", "Specialty Coding and CPC Exam Review", Credential.CPC, ModuleKind.EXAM_REVIEW, (
        "Cardiology", "Orthopedics", "E/M in specialty practice", "Revenue cycle basics", "Compliance and audits",
        "CPC exam strategy", "Timed practice", "Final review",
    )),
)

# Reading tables: code, what it means.
CODE_TABLE = (
    ("E11.65", "Type 2 diabetes mellitus with hyperglycemia"),
    ("Z79.4", "Long term (current) use of insulin"),
    ("I10", "Essential (primary) hypertension"),
    ("E78.5", "Hyperlipidemia, unspecified"),
    ("J44.1", "Chronic obstructive pulmonary disease with (acute) exacerbation"),
    ("F17.210", "Nicotine dependence, cigarettes, uncomplicated"),
    ("I48.91", "Unspecified atrial fibrillation"),
    ("Z79.01", "Long term (current) use of anticoagulants"),
    ("N39.0", "Urinary tract infection, site not specified"),
    ("M54.50", "Low back pain, unspecified"),
)

READING = """\
## {topic}

Coders read the whole record before they look anything up. In this reading we
follow one encounter from the chief complaint to the final codes, and stop at
each step to ask what the documentation supports. The provider's assessment
names the conditions; the history and exam tell us how specific we may be.

Always start in the **Alphabetic Index**, then verify the code in the
**Tabular List**: the Index never gives a final code, and the Tabular holds the
notes (Excludes1, Excludes2, *code first*, *use additional code*) that decide
what else must be reported.

| Code | Meaning |
|---|---|
{rows}

Before you move on, check that you can:

- find the main term in the Index and follow its subterms;
- read the instructional notes at the category and at the block;
- tell a billable code from a header that needs more characters;
- sequence the first-listed diagnosis by the reason for the encounter.

> A code the documentation does not support is an error even when it pays more.
"""

TRANSCRIPT = (
    "Welcome back. This week's topic is {topic}. We work through it the way you will meet it on the job: "
    "a real note, the Index, the Tabular, and the guideline that settles the question. "
    "First we read the assessment and plan, because that is where the provider states the diagnoses. "
    "Then we go back to the history and the exam to see how specific the documentation lets us be. "
    "Notice the instructional notes at the top of the category; they tell us to code first the "
    "underlying condition, or to use an additional code for the long-term drug. "
    "We finish with three short cases; pause the video and code each one before I show the answer."
)


@dataclass(frozen=True)
class Case:
    title: str
    note: str
    key: tuple[tuple[str, str, str], ...]  # role, code, rationale
    wrong: str  # a near miss a student types instead of the first key code
    record_kind: str = RecordKind.OFFICE_NOTE


def _note(complaint: str, history: str, assessment: str) -> str:
    return (
        f"CC: {complaint}\n\nHPI: {history}\n\nExam: Alert, oriented, in no distress. Vitals reviewed.\n\n"
        f"Assessment:\n{assessment}\n\nPlan: Continue current medicines; follow up in 3 months or sooner if worse."
    )


P, S = KeyRole.PRINCIPAL, KeyRole.SECONDARY
CASES: tuple[Case, ...] = (
    Case("Type 2 diabetes, high sugars on insulin", _note(
        "Diabetes follow-up; sugars running high.",
        "62-year-old woman with type 2 diabetes on insulin glargine; fasting readings 220-300 mg/dL. A1c 9.6%.",
        "1. Type 2 diabetes mellitus with hyperglycemia.\n2. Long-term insulin use."),
        ((P, "E11.65", "Diabetes, type 2, with hyperglycemia: E11.65."),
         (S, "Z79.4", "The E11 note asks for the long-term insulin code.")), wrong="E11.9"),
    Case("Hypertension and high cholesterol", _note(
        "Blood pressure check.", "58-year-old man, BP 148/92 on lisinopril; LDL 172 mg/dL.",
        "1. Essential hypertension.\n2. Hyperlipidemia."),
        ((P, "I10", "Hypertension without heart or kidney disease: I10."),
         (S, "E78.5", "Hyperlipidemia, unspecified.")), wrong="I11.9"),
    Case("COPD flare in a smoker", _note(
        "Worse shortness of breath for 3 days.", "67-year-old with COPD, more sputum and wheeze; smokes a pack a day.",
        "1. COPD with acute exacerbation.\n2. Nicotine dependence, cigarettes."),
        ((P, "J44.1", "COPD with (acute) exacerbation."),
         (S, "F17.210", "J44 asks for the tobacco use or dependence code.")), wrong="J44.9"),
    Case("Atrial fibrillation on a blood thinner", _note(
        "Palpitations follow-up.", "71-year-old in atrial fibrillation, rate controlled, on apixaban.",
        "1. Atrial fibrillation, type not stated.\n2. Long-term anticoagulant."),
        ((P, "I48.91", "Atrial fibrillation, unspecified."),
         (S, "Z79.01", "Long-term (current) use of anticoagulants.")), wrong="I48.0"),
    Case("Urinary infection due to E. coli", _note(
        "Burning on urination for 2 days.", "34-year-old woman; urine culture grew Escherichia coli.",
        "1. Urinary tract infection.\n2. E. coli as the cause."),
        ((P, "N39.0", "UTI, site not specified; N39.0 asks for the organism."),
         (S, "B96.20", "E. coli as the cause of disease classified elsewhere.")), wrong="N30.00"),
    Case("Low back pain, obesity", _note(
        "Low back pain for 3 weeks.", "45-year-old, no radiation, no trauma. BMI 30.4.",
        "1. Low back pain.\n2. Obesity.\n3. BMI 30.4."),
        ((P, "M54.50", "Low back pain, unspecified (M54.5 was expanded in 2021)."),
         (S, "E66.9", "Obesity, unspecified."),
         (S, "Z68.30", "BMI 30.0-30.9, adult, reported with the weight diagnosis.")), wrong="M54.9"),
    Case("Fall on an outstretched hand", _note(
        "Wrist pain after a fall.", "29-year-old slipped at home; X-ray: fracture of the right radius shaft.",
        "1. Fracture of the shaft of the right radius, initial encounter.\n2. Fall."),
        ((P, "S52.301A", "Fracture of the shaft of the right radius, unspecified, initial encounter."),
         (S, "W19.XXXA", "Unspecified fall, initial encounter: placeholder X keeps the 7th character.")),
        wrong="S52.90XA", record_kind=RecordKind.ED_RECORD),
    Case("Asthma and reflux", _note(
        "Night cough.", "24-year-old with asthma, uses albuterol twice a week; heartburn after meals.",
        "1. Asthma, uncomplicated.\n2. GERD without esophagitis."),
        ((P, "J45.909", "Unspecified asthma, uncomplicated."),
         (S, "K21.9", "Gastro-esophageal reflux disease without esophagitis.")), wrong="J45.901"),
    Case("Knee arthritis in a former smoker", _note(
        "Right knee pain on stairs.", "66-year-old; X-ray: joint-space narrowing. Quit smoking in 2015.",
        "1. Primary osteoarthritis, right knee.\n2. History of nicotine dependence."),
        ((P, "M17.11", "Unilateral primary osteoarthritis, right knee."),
         (S, "Z87.891", "Personal history of nicotine dependence.")), wrong="M17.0"),
    Case("Migraine and iron deficiency", _note(
        "Headaches and tiredness.", "31-year-old with throbbing headaches; ferritin low.",
        "1. Migraine, unspecified.\n2. Iron deficiency anemia."),
        ((P, "G43.909", "Migraine, unspecified, not intractable, without status migrainosus."),
         (S, "D50.9", "Iron deficiency anemia, unspecified.")), wrong="G44.209"),
)
