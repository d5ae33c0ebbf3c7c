"""Question bank of MCC-102 Pathophysiology for Coders.

Modules: 1 how disease works (inflammation, infection, neoplasia), 2 respiratory disease (asthma
and COPD), 3 diabetes, hypertension and the kidney. The disease process first, then the words in
the record that choose the code. Patients, providers and facilities are fictional; no CPT descriptor
is quoted.
"""

from __future__ import annotations

from assessments.demo_content.shapes import (  # noqa: F401  (the domains this bank uses)
    ANES, CO, CV, DIG, EM, GL, HC, ICD, INTEG, LAB, MED, MSK, RAD, RESP, TA, Case, CaseItem, Choice, CodeEntry, Key, R,
    Single, W, Written,
)
from courses.demo_content.shapes import _t

QUESTIONS: tuple = (
    # --- module 1: inflammation, infection and neoplasia -----------------------------------
    Single(
        GL, "The provider documents both the acute and the chronic form of a condition, and the Index lists "
            "acute and chronic as subterms at the same indentation level. How do you code it?",
        (W("The chronic code only, since it includes the acute episode"),
         W("Both codes, the chronic one first because it came first"),
         R("Both codes, the acute one first"),
         W("One unspecified code, since the two forms conflict")),
        "Guidelines Section I.B.8: when the same condition is described as both acute (subacute) and chronic "
        "and the Index gives separate subentries at the same level, code both and sequence the acute code "
        "first. If a combination code exists for both, use it instead.",
        module=1,
    ),
    Single(
        ICD, "Discharge diagnosis: acute on chronic diastolic heart failure. The patient has no hypertension. "
             "Which code or codes fit?",
        (W("I50.31 and I50.32"), R("I50.33"), W("I50.32"), W("I50.31")),
        "ICD-10-CM has a combination code for acute on chronic diastolic heart failure: I50.33. Reporting the "
        "acute (I50.31) and chronic (I50.32) codes together misses it, and either one alone loses half of the "
        "course of the disease.",
        module=1,
    ),
    Single(
        ICD, "A rapid strep test is positive, and the provider diagnoses streptococcal pharyngitis. Which "
             "code or codes are reported?",
        (W("J02.9 and B95.0"), W("J02.0 and B95.0"), R("J02.0"), W("J03.00")),
        "J02.0 is a combination code that names both the site and the organism, so no B95.0 is added: the "
        "organism is already in the code. J02.9 plus B95.0 ignores the combination code, and J03.00 is strep "
        "tonsillitis, not pharyngitis.",
        module=1,
    ),
    Single(
        TA, "Which statement describes a benign neoplasm?",
        (R("It grows in one place and does not invade nearby tissue or spread"),
         W("It has spread from where it started to a distant site"),
         W("Its malignant cells are still confined to the layer where they began"),
         W("The pathologist cannot tell whether it is benign or malignant")),
        "A benign neoplasm (D10-D36) grows locally without invading or spreading. Spread to a distant site is "
        "a secondary malignancy (C77-C79), malignant cells confined to their layer are in situ (D00-D09), and a "
        "pathologist's undecided finding is uncertain behavior (D37-D44, D48).",
        module=1,
    ),
    Single(
        ICD, "Pathology report: basal cell carcinoma of the skin of the nose. Which code fits?",
        (W("C43.31"), W("D04.39"), R("C44.311"), W("D48.5")),
        "Basal cell carcinoma is a malignant skin cancer coded in C44 by site and cell type: skin of the nose, "
        "C44.311. C43.31 is a melanoma of the nose, a different cancer; D04.39 is carcinoma in situ, not "
        "invasive; D48.5 is uncertain behavior, which the pathologist did not report.",
        module=1,
    ),
    Single(
        ICD, "Which code range is used for a neoplasm whose behavior the pathologist, having examined it, cannot "
             "determine?",
        (W("D49 (unspecified behavior)"), W("D10-D36 (benign)"), W("D00-D09 (in situ)"),
         R("D37-D44 and D48 (uncertain behavior)")),
        "Uncertain behavior is a finding of the pathologist: the cells were examined and their behavior cannot "
        "be predicted. Unspecified behavior (D49) is for a growth whose nature is not documented, often before "
        "any pathology, and must not be used once the report says uncertain.",
        module=1,
    ),
    Single(
        ICD, "Adenocarcinoma of the sigmoid colon has spread to the liver. Which code describes the liver "
             "tumor?",
        (W("C22.0"), W("C18.7"), W("D37.6"), R("C78.7")),
        "Cancer that has spread from its primary site is a secondary malignancy: liver, C78.7. C22.0 is a "
        "cancer that began in the liver cells, which this is not; C18.7 is the primary colon cancer, reported "
        "as well; D37.6 is uncertain behavior.",
        module=1,
    ),
    Single(
        TA, "\"Arthritis\" covers very different disease processes. Which one is osteoarthritis?",
        (R("Wear and breakdown of the cartilage of the joint"), W("A bacterial infection inside the joint"),
         W("An autoimmune attack on the lining of the joint"), W("Crystals of uric acid deposited in the joint")),
        "Osteoarthritis (M15-M19) is degenerative, not an infection. A bacterial joint infection is pyogenic "
        "arthritis (M00), an autoimmune synovitis is rheumatoid arthritis (M05-M06), and urate crystals are "
        "gout (M10). The -itis alone does not tell you the cause: read what the provider says.",
        module=1,
    ),
    Single(
        LAB, "Which test grows and counts the bacteria in a urine sample to confirm a urinary tract infection?",
        (W("Urinalysis, automated, with microscopy (81001)"), R("Urine culture with colony count (87086)"),
         W("Rapid group A strep antigen test (87880)"), W("Complete blood count with differential (85025)")),
        "87086 is the quantitative bacterial culture of urine, which shows the organism and how many colonies "
        "grew. A urinalysis shows signs of infection (white cells, nitrite) but grows nothing; 87880 detects "
        "strep in a throat swab; a CBC counts blood cells.",
        module=1,
    ),
    Single(
        GL, "In an outpatient visit, when is a sign or symptom code from chapter 18 reported as the "
            "first-listed diagnosis?",
        (W("Whenever it is the chief complaint, even if a diagnosis explains it"),
         R("When the provider has not established a diagnosis that explains it"),
         W("Only in inpatient admissions"),
         W("Never: a symptom is always replaced by a diagnosis")),
        "Outpatient guidelines (Section IV.D) allow symptom codes when no definitive diagnosis is made at the "
        "visit, including when the provider writes only probable or suspected. A symptom that a confirmed "
        "diagnosis explains is not coded.",
        module=1,
    ),
    Single(
        LAB, "A gallbladder removed for chronic cholecystitis goes to the pathologist. Which surgical pathology "
             "level applies?",
        (W("88302 (level II)"), R("88304 (level III)"), W("88305 (level IV)"), W("88307 (level V)")),
        "CPT lists specimens by level: the gallbladder is in level III, 88304. A skin biopsy or a colon biopsy "
        "is level IV (88305); level II is for specimens examined only to confirm what they are, and level V "
        "for larger, more complex resections.",
        module=1,
    ),
    Single(
        DIG, "For suspected gastritis, the gastroenterologist passes a scope through the mouth into the "
             "stomach and duodenum and takes biopsies. Which CPT code fits?",
        (W("43235"), R("43239"), W("45380"), W("43200")),
        "An upper GI endoscopy (esophagogastroduodenoscopy, EGD) with one or more biopsies is 43239. 43235 "
        "is the diagnostic EGD without biopsy, 45380 a colonoscopy with biopsy, and 43200 an esophagoscopy "
        "that goes no further than the esophagus.",
        module=1,
    ),
    Single(
        INTEG, "A dermatologist removes a full-thickness core of skin from a changing mole with a 4 mm round "
               "punch for diagnosis. Which CPT code fits?",
        (W("11102"), W("11106"), R("11104"), W("11300")),
        "A punch biopsy of a single lesion is 11104. 11102 is a tangential (shave or scoop) biopsy, 11106 an "
        "incisional biopsy with a scalpel, and 11300 a shave removal of the whole lesion, not a biopsy.",
        module=1,
    ),
    CodeEntry(
        ICD, "Office visit: acute maxillary sinusitis on top of chronic maxillary sinusitis; no organism "
             "identified. Code the diagnoses.",
        (Key("principal", "J01.00",
             "Sinusitis, maxillary, acute leads to J01.0-: acute maxillary sinusitis, J01.00 (not recurrent). "
             "Section I.B.8 puts the acute code first."),
         Key("secondary", "J32.0",
             "Sinusitis, maxillary, chronic: J32.0. There is no combination code, so the chronic form is "
             "coded too. J01's Excludes1 is sinusitis NOS (J32.9), not chronic maxillary sinusitis.")),
        "Acute and chronic are separate subentries at the same level: J01.00 first, then J32.0.",
        module=1,
    ),
    CodeEntry(
        ICD, "Office visit: urinary tract infection; the urine culture grew Escherichia coli. Code the "
             "diagnoses.",
        (Key("principal", "N39.0",
             "Infection, urinary (tract) leads to N39.0, site not specified. No site (bladder, kidney) is "
             "documented, so not N30.- cystitis."),
         Key("secondary", "B96.20",
             "N39.0 has a Use additional code note for the organism: E. coli not further described, B96.20. "
             "The organism code follows the infection code.")),
        "The site code does not name the organism, so a B95-B97 code is added: N39.0, then B96.20.",
        module=1,
    ),
    CodeEntry(
        ICD, "Urgent care visit: cellulitis of the right lower leg; the wound culture grew methicillin-resistant "
             "Staphylococcus aureus. Code the diagnoses.",
        (Key("principal", "L03.115",
             "Cellulitis of the right lower limb, L03.115. The infection of the skin comes first."),
         Key("secondary", "B95.62",
             "The L00-L08 Use additional code note asks for the organism: MRSA is B95.62. B95.61 is "
             "methicillin-susceptible Staphylococcus aureus, the wrong resistance.")),
        "L03.115 for the cellulitis, then B95.62 for the MRSA that caused it.",
        module=1,
    ),
    CodeEntry(
        ICD, "Oncology visit for chemotherapy planning: squamous cell carcinoma of the upper lobe of the right "
             "lung, with metastases to bone; smokes cigarettes daily, nicotine dependence documented. Treatment "
             "is directed at the lung primary. Code the diagnoses.",
        (Key("principal", "C34.11",
             "The primary cancer is the focus of treatment, so it is listed first: upper lobe, right lung, "
             "C34.11."),
         Key("secondary", "C79.51",
             "Spread to bone is a secondary malignancy: C79.51 (C79.52 is bone marrow)."),
         Key("secondary", "F17.210",
             "C34 asks for tobacco use or dependence: current cigarette dependence, F17.210.")),
        "C34.11 first, then C79.51 for the metastases and F17.210 for the dependence C34's note asks for. "
        "The secondary site would go first only if treatment were directed at it alone.",
        module=1,
    ),
    CodeEntry(
        MSK, "Office procedure: a 2.4 cm subcutaneous lump of the upper back is excised; pathology reports a "
             "benign lipoma. Code the procedure and the diagnosis.",
        (Key("procedure", "21930",
             "A lipoma lies in the subcutaneous tissue, so it is excised with the soft tissue tumor codes of "
             "the back and flank by depth and size: subcutaneous, under 3 cm, 21930. 21931 is 3 cm or more. "
             "The skin lesion codes (11400-11446) are for lesions of the skin itself."),
         Key("principal", "D17.1",
             "lip/o (fat) + -oma (tumor): a benign lipomatous neoplasm of the skin and subcutaneous tissue of "
             "the trunk, D17.1. The back is part of the trunk.")),
        "21930 for the excision and D17.1 for the benign lipoma the pathology confirms.",
        module=1,
    ),
    Single(
        TA, "Which of these terms describe a malignant neoplasm? Select all that apply.",
        (R("Carcinoma"), W("Lipoma"), R("Sarcoma"), R("Melanoma"), W("Adenoma")),
        "A carcinoma is a cancer of epithelial tissue, a sarcoma of connective tissue (bone, muscle, fat), and "
        "a melanoma of pigment cells. A lipoma (fat) and an adenoma (gland) are benign, although an -oma "
        "alone only says tumor: check the histology term in the Index.",
        module=1, multiple=True,
    ),
    # --- module 2: respiratory disease ----------------------------------------------------
    Single(
        TA, "Which feature best separates asthma from COPD?",
        (W("Asthma is caused by smoking; COPD is an allergy"),
         R("The airway narrowing of asthma largely reverses with treatment; in COPD it persists"),
         W("Asthma affects the alveoli; COPD affects only the trachea"),
         W("COPD occurs in children; asthma only in older adults")),
        "Asthma narrows the airways in episodes that reverse; COPD (emphysema and chronic obstructive "
        "bronchitis) narrows them for good, most often after years of smoking. Both affect the airways, and "
        "both occur across ages, though COPD rarely before middle age.",
        module=2,
    ),
    Single(
        ICD, "Assessment: moderate persistent asthma with acute exacerbation. Which code fits?",
        (W("J45.40"), W("J45.42"), R("J45.41"), W("J45.901")),
        "J45.4- is moderate persistent asthma; the fifth character 1 is with (acute) exacerbation. J45.40 is "
        "uncomplicated, J45.42 with status asthmaticus (an attack that does not respond to treatment), and "
        "J45.901 is asthma whose severity is not documented.",
        module=2,
    ),
    Single(
        ICD, "Assessment: COPD with pneumonia in the left lower lobe; no exacerbation documented; no organism "
             "identified. Which codes fit?",
        (R("J44.0 and J18.9"), W("J44.1 and J18.9"), W("J44.9 and J18.9"), W("J18.9 only")),
        "COPD with an acute lower respiratory infection is J44.0, and its Code also note asks for the "
        "infection itself: J18.9, pneumonia with the organism unspecified. J44.1 is an exacerbation, a "
        "worsening of the COPD itself, which the provider did not document.",
        module=2,
    ),
    Single(
        GL, "A patient with hypertension says she smoked for 20 years and quit 10 years ago. Which tobacco code "
            "goes on the claim?",
        (W("F17.210"), W("Z72.0"), R("Z87.891"), W("Z77.22")),
        "A former smoker gets Z87.891, personal history of nicotine dependence. F17.210 is current cigarette "
        "dependence (and Z87.891's Excludes1 forbids the two together), Z72.0 is current tobacco use, and "
        "Z77.22 exposure to someone else's smoke.",
        module=2,
    ),
    Single(
        ICD, "The pulmonologist documents \"emphysema\" and nothing else about the lungs. Which code fits?",
        (W("J44.9"), W("J42"), R("J43.9"), W("J98.2")),
        "Emphysema destroys the alveolar walls; it is a form of COPD but has its own category: J43.9 when the "
        "type is not stated. J44 has an Excludes2 note for emphysema without chronic bronchitis, J42 is chronic "
        "bronchitis, and J98.2 interstitial emphysema, air in the lung's connective tissue.",
        module=2,
    ),
    Single(
        ICD, "A 24-year-old uses nicotine e-cigarettes all day, and the provider documents nicotine "
             "dependence. Which code fits?",
        (W("F17.210"), R("F17.290"), W("Z72.0"), W("F17.200")),
        "An e-cigarette is a tobacco product other than cigarettes, chewing tobacco or cigars for "
        "classification: F17.290, nicotine dependence, other tobacco product. F17.210 is for cigarettes, "
        "F17.200 for an unspecified product (the product is known here), and Z72.0 is use without dependence.",
        module=2,
    ),
    Single(
        TA, "The ED note documents \"acute respiratory failure with hypoxia\". Hypoxia means:",
        (W("Too much carbon dioxide in the blood"), R("Too little oxygen reaching the tissues"),
         W("Breathing that is too fast"), W("A collapsed lung")),
        "hypo- (too little) + ox (oxygen): J96.01 is acute respiratory failure with hypoxia. Too much carbon "
        "dioxide is hypercapnia (J96.02), fast breathing tachypnea, and a collapsed lung atelectasis or "
        "pneumothorax.",
        module=2,
    ),
    Single(
        ICD, "ED diagnosis: acute respiratory failure with hypoxia due to a COPD exacerbation. Which code "
             "describes the respiratory failure?",
        (W("J96.02"), W("J96.11"), W("R09.02"), R("J96.01")),
        "Acute respiratory failure with hypoxia is J96.01. J96.02 is with hypercapnia, J96.11 chronic "
        "respiratory failure, and R09.02 hypoxemia, a finding that is part of the respiratory failure and not "
        "coded with it.",
        module=2,
    ),
    Single(
        RAD, "The order reads \"Chest x-ray, PA and lateral\" for suspected pneumonia. Which CPT code fits?",
        (W("71045"), R("71046"), W("71047"), W("71250")),
        "Chest x-rays are coded by the number of views: two views (PA and lateral) is 71046, one view 71045, "
        "three views 71047. 71250 is a CT of the chest without contrast.",
        module=2,
    ),
    Single(
        MED, "Spirometry is done, albuterol is given, and spirometry is repeated to see whether the obstruction "
             "reverses. Which CPT code reports the testing?",
        (W("94010"), W("94640"), R("94060"), W("94760")),
        "Spirometry before and after a bronchodilator is 94060, the test that separates reversible (asthma) "
        "from fixed (COPD) obstruction. 94010 is spirometry without the bronchodilator, 94640 a nebulizer "
        "treatment given as therapy, and 94760 a pulse oximetry reading.",
        module=2,
    ),
    Single(
        HC, "For a COPD exacerbation, the nurse injects methylprednisolone acetate 80 mg into the gluteal "
            "muscle. How is the drug reported?",
        (R("J1010 x 80"), W("J1040 x 1"), W("J1010 x 1"), W("J1100 x 80")),
        "J1010 is methylprednisolone acetate per 1 mg, so 80 mg is 80 units. J1040 (80 mg) and J1030 (40 mg) "
        "were retired on 2024-03-31 when CMS moved to the 1 mg code; one unit of J1010 would be 1 mg; J1100 "
        "is dexamethasone, a different steroid.",
        module=2,
    ),
    Single(
        RESP, "Fluid is drained from the pleural space with a needle under ultrasound guidance, for a pleural "
              "effusion caused by pneumonia; no catheter is left in place. Which CPT code fits?",
        (W("32554"), R("32555"), W("32557"), W("31622")),
        "Thoracentesis (thorac/o, chest + -centesis) with imaging guidance is 32555, and the guidance is "
        "included. 32554 is without imaging guidance, 32557 places an indwelling drainage catheter, and 31622 "
        "is a diagnostic bronchoscopy.",
        module=2,
    ),
    Single(
        EM, "An established patient is seen for asthma. The provider documents 42 minutes of total time on the "
            "date of the visit and does not rely on medical decision making. Which code fits?",
        (W("99213"), W("99214"), R("99215"), W("99205")),
        "When an office visit is chosen by total time on the date of the encounter, an established patient "
        "visit reaches 99215 at 40 minutes; 99214 starts at 30 and 99213 at 20. 99205 is a new patient visit.",
        module=2,
    ),
    Single(
        ICD, "Which codes can never be reported together with F17.210 (nicotine dependence, cigarettes)? Select "
             "all that apply.",
        (R("Z87.891 (history of nicotine dependence)"), W("J44.1 (COPD with acute exacerbation)"),
         R("Z72.0 (tobacco use)"), W("I10 (essential hypertension)")),
        "F17 has Excludes1 notes for history of tobacco dependence (Z87.891) and tobacco use NOS (Z72.0): a "
        "patient who is dependent now has neither a history nor mere use. COPD and hypertension are exactly "
        "the diagnoses whose notes ask for the tobacco code.",
        module=2, multiple=True,
    ),
    CodeEntry(
        ICD, "Pediatric visit: mild intermittent asthma with acute exacerbation in a 7-year-old whose parents "
             "smoke at home. Code the diagnoses.",
        (Key("principal", "J45.21",
             "Mild intermittent asthma (J45.2-) with (acute) exacerbation: fifth character 1, J45.21."),
         Key("secondary", "Z77.22",
             "J45's Use additional code note asks for tobacco exposure: the child breathes the parents' "
             "smoke, Z77.22. F17 and Z72.0 are for the patient's own use.")),
        "J45.21 for the asthma and its exacerbation, then Z77.22 for exposure to environmental tobacco smoke.",
        module=2,
    ),
    CodeEntry(
        ICD, "Urgent care visit: influenza A confirmed by rapid test, with pneumonia. Code the diagnosis.",
        (Key("principal", "J10.00",
             "An influenza virus that is identified (influenza A, not a novel or avian strain) is J10; with "
             "pneumonia of unspecified type, J10.00. J11.00 is for influenza not confirmed, and J09 for novel "
             "influenza A. The pneumonia is in the combination code, so J18.9 is not added."),),
        "J10.00: identified influenza virus with pneumonia, one combination code.",
        module=2,
    ),
    # --- module 3: diabetes, hypertension and the kidney -------------------------------------
    Single(
        TA, "What goes wrong in type 1 diabetes mellitus?",
        (R("The pancreas makes little or no insulin, usually after an autoimmune attack on its beta cells"),
         W("The body's cells resist insulin, and the pancreas cannot keep up"),
         W("High blood sugar appears only during pregnancy"),
         W("A medicine such as prednisone raises the blood sugar")),
        "Type 1 (E10) is the loss of insulin production. Insulin resistance is type 2 (E11), diabetes that "
        "begins in pregnancy is gestational (O24.4-), and diabetes caused by a drug is E09. Insulin use does "
        "not make a patient type 1: many with type 2 need insulin too.",
        module=3,
    ),
    Single(
        GL, "The provider documents \"diabetes mellitus\" without the type; the patient takes insulin. How is it "
            "coded?",
        (W("E10.9, because the patient uses insulin"), R("E11.9 and Z79.4"), W("E13.9 and Z79.4"),
         W("E11.9 only")),
        "When the type is not documented, diabetes defaults to type 2 (Section I.C.4.a.2), and insulin use "
        "does not change that (I.C.4.a.3): E11.9 with Z79.4 for long-term insulin. E13 is other specified "
        "diabetes, and leaving out Z79.4 ignores E11's Use additional code note.",
        module=3,
    ),
    Single(
        ICD, "Assessment: type 2 diabetes with diabetic polyneuropathy of both feet. Which code fits?",
        (W("E11.40"), R("E11.42"), W("E11.41"), W("E11.9 and G62.9")),
        "High blood sugar damages many peripheral nerves together: polyneuropathy, E11.42. E11.40 is diabetic "
        "neuropathy of unspecified type, E11.41 a mononeuropathy (one nerve), and E11.9 with G62.9 misses the "
        "combination code the Index gives under Diabetes, with.",
        module=3,
    ),
    Single(
        GL, "A patient has hypertension and chronic diastolic heart failure. The provider does not say the "
            "heart failure is due to the hypertension. How is it coded?",
        (W("I10 and I50.32"), R("I11.0 and I50.32"), W("I50.32 and I10"), W("I11.9 and I50.32")),
        "ICD-10-CM presumes a causal link between hypertension and heart failure unless the provider says "
        "they are unrelated (Section I.C.9.a.1): I11.0, hypertensive heart disease with heart failure, then "
        "I50.32 for the type. I11.9 is without heart failure.",
        module=3,
    ),
    Single(
        ICD, "A patient with hypertension has end-stage renal disease and receives hemodialysis three times a "
             "week. Which codes fit?",
        (W("I12.9, N18.5"), W("I10, N18.6"), R("I12.0, N18.6, Z99.2"), W("I12.0, N18.5, Z99.2")),
        "Hypertension with ESRD is I12.0, and its note asks for the stage: N18.6 (ESRD, which includes CKD "
        "requiring dialysis). N18.6 in turn asks for the dialysis status, Z99.2. N18.5 is stage 5 not on "
        "dialysis, and I12.9 is for stages 1-4.",
        module=3,
    ),
    Single(
        ICD, "A patient has hypertension, heart failure and chronic kidney disease stage 3a. Which category is "
             "listed first?",
        (W("I11.0"), W("I12.9"), R("I13.0"), W("I50.9")),
        "When hypertension, heart disease and CKD are all present, the combination category I13 applies: "
        "I13.0 with heart failure and stage 1-4 CKD, followed by the I50 code for the type of heart failure "
        "and N18.31 for the stage. I11.0 and I12.9 each cover only one of the two.",
        module=3,
    ),
    Single(
        TA, "What does the estimated glomerular filtration rate (eGFR) measure?",
        (W("The amount of protein in the urine"), R("How much blood the kidneys filter each minute"),
         W("The average blood sugar over three months"), W("The pressure in the kidney's arteries")),
        "The eGFR, calculated from the blood creatinine, estimates the filtering of the glomeruli in mL per "
        "minute, and the stage of CKD follows it. Protein in the urine is measured with a urine albumin test, "
        "average blood sugar with the A1c.",
        module=3,
    ),
    Single(
        LAB, "Which test finds small amounts of albumin in the urine, an early sign of diabetic kidney damage?",
        (R("Urine albumin, quantitative (82043)"), W("Urinalysis, automated, without microscopy (81003)"),
         W("Creatinine, blood (82565)"), W("Hemoglobin A1c (83036)")),
        "82043 measures urine albumin (microalbumin) quantitatively; with a urine creatinine it gives the "
        "albumin-to-creatinine ratio. A routine urinalysis dipstick is not sensitive to small amounts, the "
        "blood creatinine feeds the eGFR, and the A1c is blood sugar control.",
        module=3,
    ),
    Single(
        HC, "A patient with diabetes is given 100 test strips for her home glucose monitor. How is the supply "
            "reported?",
        (W("A4253 x 100"), W("A4253 x 1"), W("A4259 x 1"), R("A4253 x 2")),
        "A4253 is per 50 strips, so 100 strips are 2 units. One unit would be 50 strips, and A4259 is "
        "lancets, by the box of 100, not strips.",
        module=3,
    ),
    Single(
        ICD, "A patient has anemia due to chronic kidney disease stage 4; there is no hypertension or "
             "diabetes. In what order are the codes listed?",
        (R("N18.4, D63.1"), W("D63.1, N18.4"), W("D64.9, N18.4"), W("D63.1 only")),
        "Failing kidneys make too little erythropoietin, so fewer red cells are made. D63.1, anemia in CKD, "
        "has a Code first note for the underlying kidney disease: N18.4, then D63.1. D64.9 is anemia with no "
        "cause named, which the provider did name.",
        module=3,
    ),
    Single(
        MED, "A nephrologist sees a patient during one hemodialysis session and evaluates him once. Which CPT "
             "code fits?",
        (W("90937"), W("90945"), R("90935"), W("90960")),
        "90935 is a hemodialysis procedure with a single evaluation by the physician. 90937 is for repeated "
        "evaluations during the session, 90945 for dialysis other than hemodialysis (peritoneal dialysis), "
        "and 90960 the monthly ESRD services code.",
        module=3,
    ),
    Single(
        EM, "Which elements decide the level of medical decision making for an office visit?",
        (W("The history, the exam and the time spent"),
         R("The problems addressed, the data reviewed or ordered, and the risk of the patient's management"),
         W("The number of diagnoses coded and the number of prescriptions"),
         W("The patient's age, the chief complaint and the place of service")),
        "Since 2021 an office visit is leveled by medical decision making or by time. Decision making has "
        "three elements: the number and complexity of problems addressed, the amount and complexity of data, "
        "and the risk of complications of management; two of three decide the level. History and exam are "
        "documented as medically appropriate but no longer choose the code.",
        module=3,
    ),
    Single(
        CO, "In risk adjustment, a chronic condition such as diabetic CKD is reported for a visit when:",
        (W("It appears anywhere on the problem list"),
         W("It was coded at any visit during the past year"),
         R("The provider documents that it was evaluated, monitored or treated at that visit"),
         W("The patient mentions it in the review of systems")),
        "Each encounter's codes must be supported by that encounter's documentation: the provider monitors, "
        "evaluates, assesses or treats the condition (often taught as MEAT). A problem list entry or a prior "
        "year's claim alone does not support the code, and reporting it anyway overstates the risk.",
        module=3,
    ),
    Single(
        ICD, "Under Diabetes, with, which of these does the Index link to diabetes without the provider "
             "writing \"due to\"? Select all that apply.",
        (R("Chronic kidney disease"), R("Polyneuropathy"), W("Essential hypertension"),
         R("Foot ulcer"), W("Pneumonia")),
        "The subterm with presumes a link for the conditions listed under it (Section I.A.15), among them "
        "chronic kidney disease (E11.22), polyneuropathy (E11.42) and foot ulcer (E11.621), unless the "
        "provider names another cause. Hypertension and pneumonia are not listed there; they are coded on "
        "their own.",
        module=3, multiple=True,
    ),
    CodeEntry(
        ICD, "Office visit: diabetes caused by long-term prednisone, taken as prescribed for rheumatoid "
             "arthritis; no complications of the diabetes. Code the diabetes and the drug.",
        (Key("principal", "E09.9",
             "Diabetes caused by a drug taken as prescribed is drug-induced diabetes, E09: without "
             "complications, E09.9. E11 is wrong: a cause other than type 2 is documented."),
         Key("secondary", "T38.0X5A",
             "E09's Use additional code note asks for the adverse effect: glucocorticoids (prednisone), "
             "adverse effect, T38.0X5-, with placeholder X and 7th character A while the effect is actively "
             "treated."),
         Key("secondary", "M06.9",
             "The rheumatoid arthritis the prednisone treats is still present; the key accepts it without "
             "requiring it.", requirement="optional")),
        "The nature of the adverse effect first (E09.9), then the drug (T38.0X5A), as E09 and the T36-T50 Code "
        "first note direct.",
        module=3,
    ),
    CodeEntry(
        ICD, "Wound clinic visit: type 2 diabetes with a chronic ulcer of the ball of the right foot, fat layer "
             "exposed; on insulin. Code the diagnoses.",
        (Key("principal", "E11.621",
             "The Index links diabetes and foot ulcer (Diabetes, with, foot ulcer): E11.621."),
         Key("secondary", "L97.512",
             "E11.621 asks for the site of the ulcer: the ball of the foot is other part of the foot (L97.51-), "
             "right, with fat layer exposed: L97.512. L97's Code first note puts the diabetes ahead of it."),
         Key("secondary", "Z79.4",
             "Long-term insulin, as E11's Use additional code note asks.")),
        "E11.621, then L97.512 for the site and depth, then Z79.4.",
        module=3,
    ),
    # --- no module ----------------------------------------------------------------------
    Single(
        ANES, "How is an anesthesia service's payment built?",
        (R("Base units for the procedure, plus time units, plus any modifying units, times a conversion factor"),
         W("A flat fee per surgery, the same for every patient"),
         W("The surgeon's fee divided by the number of anesthesia providers"),
         W("Only the minutes of anesthesia, with no regard for the procedure")),
        "Each anesthesia code carries base units that reflect the procedure's difficulty; time units are "
        "added (usually one per 15 minutes), and physical status modifiers or qualifying circumstances may add "
        "units. The sum is multiplied by a conversion factor.",
    ),
    Single(
        CO, "Which of these belong in a compliant query to a provider? Select all that apply.",
        (R("The clinical facts from the record that prompted the question"),
         W("A note that the claim will pay more with a more specific diagnosis"),
         R("Reasonable options, including other and clinically undetermined"),
         W("The diagnosis the coder wants, worded as a yes-or-no question with no alternatives"),
         R("A request to document the provider's own clinical judgment")),
        "A compliant query (AHIMA and ACDIS practice brief) presents the clinical indicators, offers "
        "clinically reasonable choices with other and undetermined among them, and asks for the provider's "
        "judgment. It never mentions payment and never leads the provider to one answer; a yes-or-no query is "
        "only for a fact such as confirming a diagnosis already documented elsewhere in the record.",
        multiple=True,
    ),
    # --- cases ---------------------------------------------------------------------------
    Case(
        INTEG, "Code this dermatology visit (the pathology result is in).",
        "Procedure note with pathology",
        _t("""
            Patient: Colette Fairbanks, 52-year-old woman. Date of service: 2026-04-28.
            Northwind Dermatology. Provider: Ingrid Halvorsen, MD.
            CC: Mole on the right upper arm that has grown and darkened over 3 months.
            Exam: 7 mm irregular, unevenly pigmented macule on the posterior right upper arm.
            Procedure: Tangential (scoop) biopsy of the lesion after 1% lidocaine; hemostasis with
            aluminum chloride. Specimen to pathology.
            Pathology (2026-05-01): Malignant melanoma, superficial spreading type, Breslow depth 0.6 mm.
            Plan: Wide local excision to be scheduled; the patient is informed.
            """),
        (CaseItem("Diagnoses", "Code the diagnosis (ICD-10-CM).",
                  (Key("principal", "C43.61",
                       "The pathology confirms an invasive melanoma: malignant melanoma of the right upper limb, "
                       "including the shoulder, C43.61. Melanoma in situ (D03.61) would need the pathologist to "
                       "say in situ; a Breslow depth means invasion."),)),
         CaseItem("Procedures", "Code the biopsy (CPT).",
                  (Key("procedure", "11102",
                       "A tangential biopsy (shave or scoop) of one lesion is 11102; a punch would be 11104."),))),
        "Code from the pathology once it is back: C43.61. The biopsy technique decides the code: tangential, "
        "11102.",
        module=1,
    ),
    Case(
        EM, "Code the emergency physician's services.",
        "ED record",
        _t("""
            Patient: Dmitri Valcourt, 19-year-old man. Date of service: 2026-05-20.
            Northwind Regional Medical Center, Emergency Department. Physician: Rafael Quintero, MD.
            CC: Wheezing and chest tightness since last night.
            HPI: Moderate persistent asthma on a daily inhaled steroid; spent last evening with a friend's cats.
            Exam: RR 26, SpO2 93% RA. Diffuse expiratory wheezes. Speaking full sentences.
            ED course: Albuterol-ipratropium nebulizer x 2; oral prednisone. Wheezes improved, SpO2 97%.
            Diagnosis: Moderate persistent asthma with acute exacerbation.
            Disposition: Home on a 5-day prednisone burst; continue the inhaled steroid; avoid cats.
            Medical decision making: moderate.
            """),
        (CaseItem("Diagnoses", "Code the diagnosis (ICD-10-CM).",
                  (Key("principal", "J45.41",
                       "Moderate persistent asthma with (acute) exacerbation: J45.41. It responded to treatment, "
                       "so it is not status asthmaticus (J45.42)."),
                   )),
         CaseItem("Visit", "Code the ED visit (CPT).",
                  (Key("procedure", "99284",
                       "ED visit with moderate medical decision making: 99284. ED codes have no new or "
                       "established distinction."),))),
        "J45.41 for an exacerbation that responded to treatment, and 99284 for moderate decision making.",
        module=2,
    ),
    Case(
        ICD, "Code this hospital stay.",
        "Discharge summary",
        _t("""
            Patient: Margarethe Lindqvist, 78-year-old woman. Admitted 2026-06-03, discharged 2026-06-07.
            Northwind Regional Medical Center. Attending: Samuel Okafor, DO.
            Reason for admission: Shortness of breath, leg swelling, 4 kg weight gain.
            History: Hypertension; chronic kidney disease stage 3b; chronic diastolic heart failure.
            Course: IV furosemide with 3.5 kg diuresis; echo: EF 60%, diastolic dysfunction.
            Creatinine at baseline on discharge (eGFR 34).
            Discharge diagnoses:
            1. Acute on chronic diastolic heart failure.
            2. Hypertension.
            3. Chronic kidney disease stage 3b.
            Discharge day: 40 minutes spent on the discharge, including medication reconciliation.
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM).",
                  (Key("principal", "I13.0",
                       "Hypertension with heart failure and CKD stage 1-4: ICD-10-CM presumes both links, so the "
                       "combination I13.0 is the principal diagnosis (Section I.C.9.a.3), even though the heart "
                       "failure was the reason for admission."),
                   Key("secondary", "I50.33",
                       "I13.0 asks for the type of heart failure: acute on chronic diastolic, I50.33."),
                   Key("secondary", "N18.32",
                       "I13.0 also asks for the stage: 3b, N18.32."))),
         CaseItem("Discharge", "Code the attending's discharge day (CPT).",
                  (Key("procedure", "99239",
                       "Hospital discharge day management over 30 minutes is 99239; 30 minutes or less is "
                       "99238."),))),
        "I13.0, I50.33, N18.32, in the order the notes set, and 99239 for a 40-minute discharge.",
        module=3,
    ),
    Case(
        ICD, "Code this office visit.",
        "Office note",
        _t("""
            Patient: Reginald Ashcombe, 58-year-old man. Date of service: 2026-07-14.
            Northwind Family Medicine. Provider: Carmen Oyelaran, MD. Established patient.
            CC: Diabetes follow-up.
            HPI: Type 2 diabetes on metformin 1000 mg BID and weekly semaglutide injections. Home fasting
            sugars 180-240. No lows.
            Labs: A1c 8.9%.
            Exam: BMI 35.4. Feet normal. Retinal exam in March normal.
            Assessment:
            1. Type 2 diabetes mellitus with hyperglycemia.
            2. Obesity, BMI 35.4.
            Plan: Increase semaglutide dose; nutrition referral. Medical decision making: moderate.
            """),
        (CaseItem("Diagnoses", "Code the diagnoses (ICD-10-CM).",
                  (Key("principal", "E11.65",
                       "Type 2 diabetes with hyperglycemia, documented and supported by the A1c: E11.65."),
                   Key("secondary", "Z79.84",
                       "Long-term oral antidiabetic drug (metformin): Z79.84."),
                   Key("secondary", "Z79.85",
                       "Long-term injectable non-insulin antidiabetic drug (semaglutide): Z79.85. Both are "
                       "reported; semaglutide is not insulin, so not Z79.4."),
                   Key("secondary", "E66.9",
                       "Obesity without a class documented: E66.9. E66.812 (class 2) needs the provider to "
                       "document the class."),
                   Key("secondary", "Z68.35",
                       "E66's Use additional code note asks for the BMI: 35.0-35.9, adult, Z68.35. The BMI may "
                       "come from a clinician other than the provider, but only with the provider's obesity "
                       "diagnosis."))),
         CaseItem("Visit", "Code the office visit (CPT).",
                  (Key("procedure", "99214",
                       "Established patient, moderate medical decision making: 99214."),))),
        "E11.65 with Z79.84 and Z79.85 for both drugs, E66.9 with Z68.35, and 99214.",
        module=3,
    ),
    # --- written -----------------------------------------------------------------------------
    Written(
        ICD, "Explain the difference between a neoplasm of uncertain behavior and a neoplasm of unspecified "
             "behavior, and say when a coder uses each.",
        "1 point: uncertain behavior (D37-D44, D48) is the pathologist's finding after examining the tissue: "
        "its behavior cannot be predicted. 1 point: unspecified behavior (D49) is for a neoplasm whose nature "
        "is not documented, for example before pathology. 1 point: the coder does not choose uncertain behavior "
        "from the provider's doubt; it is used only when the pathology says so.",
        "Both sound like not knowing, but they mean different things. Uncertain behavior is a histologic "
        "finding: the pathologist has examined the cells and cannot tell whether the tumor will behave as "
        "benign or malignant, so D37-D44 or D48 is used. Unspecified behavior, D49, is for a growth whose "
        "morphology and behavior are simply not documented, typically a mass seen on imaging or removed "
        "before the pathology is back. A provider's uncertainty (\"possible cancer\") is neither: in the "
        "outpatient setting the coder codes the documented sign or finding, and waits for the pathology when "
        "the claim can wait.",
        module=1,
    ),
    Written(
        GL, "A COPD patient has more cough and sputum. Explain the difference between a COPD exacerbation and "
            "COPD with an acute lower respiratory infection, and name the codes.",
        "1 point: an exacerbation (J44.1) is a worsening of the COPD itself: more breathlessness, cough, "
        "sputum. 1 point: COPD with an acute lower respiratory infection (J44.0) applies when the provider "
        "documents an infection such as acute bronchitis or pneumonia, and the infection is coded too. 1 point: "
        "the coder follows the provider's diagnosis, not the antibiotic or the sputum color, and queries when "
        "it is unclear.",
        "In an exacerbation the disease itself flares: the airways narrow more and mucus increases, and the "
        "code is J44.1. When the provider diagnoses an infection of the lower airway or lung, the code is "
        "J44.0, with a second code for the infection (J20.9 acute bronchitis, J18.9 pneumonia), as J44.0's "
        "Code also note asks. Treatment does not decide it: an antibiotic for purulent sputum is common in an "
        "exacerbation. If the note suggests an infection but does not name one, the coder queries the provider "
        "rather than adding J44.0.",
        module=2,
    ),
    Written(
        ICD, "Explain, as a coder, why long-standing diabetes and hypertension damage the kidneys, and how "
             "ICD-10-CM reflects that link when a note lists type 2 diabetes, hypertension and CKD stage 3a.",
        "1 point: high blood sugar and high blood pressure both injure the small vessels of the glomeruli, so "
        "filtering falls and protein leaks (chronic kidney disease). 1 point: the Index word with presumes the "
        "diabetes-CKD link (E11.22) and the guidelines presume the hypertension-CKD link (I12.9) unless another "
        "cause is documented. 1 point: the stage code N18.31 is added and follows both, as N18's Code first note "
        "requires.",
        "Each kidney has about a million nephrons whose glomeruli filter the blood through tiny capillaries. "
        "Years of high glucose thicken and scar those capillaries, and high pressure strains and hardens them; "
        "protein leaks into the urine and the filtration rate falls, which is chronic kidney disease. ICD-10-CM "
        "builds the link in: under Diabetes, with, chronic kidney disease leads to E11.22, and Section I.C.9.a "
        "presumes hypertension causes CKD, giving I12.9. Neither needs the provider to write \"due to\". The "
        "stage comes from the provider: N18.31, listed after E11.22 and I12.9, since N18 says to code them "
        "first.",
        module=3,
    ),
)
