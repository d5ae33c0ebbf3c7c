"""Question bank of OCE-101 Terminology, Anatomy and Disease (Riverside).

Module 1: Medical language for the outpatient record. Module 2: Common outpatient conditions.
A beginners' course: most questions are about words and the body, and the coding ones stay with the
codes a first-term student meets (the upper airway, the urinary tract, a chronic condition or two).
"""

from __future__ import annotations

from assessments.demo_content.shapes import Case, CaseItem, Choice, CodeEntry, Key, Single, Written
from courses.demo_content.shapes import _record

C = Choice
TERMS = "cpc:terminology-anatomy"
ICD = "cpc:icd10cm"
GUIDE = "cpc:guidelines"

QUESTIONS: tuple = (
    # --- Module 1: medical language for the outpatient record ------------------------------------
    Single(
        domain=TERMS, module=1,
        prompt="The assessment reads *pharyngitis*. What does the suffix **-itis** tell you?",
        choices=(
            C("Inflammation", correct=True),
            C("Pain"),
            C("Enlargement"),
            C("Abnormal condition, not otherwise described"),
        ),
        rationale="-itis is inflammation: pharyngitis is inflammation of the pharynx (throat). Pain is -algia, "
                  "enlargement -megaly, and a nonspecific abnormal condition is -osis.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="A referral letter mentions a past **tonsillectomy**. What was done?",
        choices=(
            C("An incision into the tonsils"),
            C("Surgical removal of the tonsils", correct=True),
            C("Surgical repair of the tonsils"),
            C("Inflammation of the tonsils"),
        ),
        rationale="-ectomy is excision, removal. Students mix it up with -otomy (cutting into, as in tracheotomy) "
                  "and -plasty (surgical repair). Inflammation of the tonsils is tonsillitis.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="The HPI says the patient has had **arthralgia** of both knees for a month. What is documented?",
        choices=(
            C("Inflammation of the knee joints"),
            C("Wearing down of the cartilage of the knees"),
            C("Joint pain", correct=True),
            C("Muscle pain around the knees"),
        ),
        rationale="Arthr/o is joint and -algia is pain: arthralgia is joint pain, a symptom. It is not arthritis "
                  "(inflammation) or osteoarthritis (wear of the cartilage), which would be coded as diseases, and "
                  "muscle pain is myalgia.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="Which organ does the combining form **hepat/o** name, as in *hepatitis* or *hepatomegaly*?",
        choices=(
            C("Kidney"),
            C("Spleen"),
            C("Gallbladder"),
            C("Liver", correct=True),
        ),
        rationale="Hepat/o is the liver. The kidney is nephr/o or ren/o, the spleen splen/o, and the gallbladder "
                  "cholecyst/o: a student who thinks of the gallbladder is thinking of the liver's neighbour.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="The nurse notes **bradycardia** before a procedure. What does the prefix **brady-** mean?",
        choices=(
            C("Slow", correct=True),
            C("Fast"),
            C("Irregular"),
            C("Difficult or painful"),
        ),
        rationale="Brady- is slow: bradycardia is a slow heart rate. Tachy- (fast) is its opposite, an irregular "
                  "rhythm is an arrhythmia, and dys- means difficult or painful.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="A stroke survivor is referred for **dysphagia**. What is the problem?",
        choices=(
            C("Difficulty speaking or finding words"),
            C("Difficulty swallowing", correct=True),
            C("Painful urination"),
            C("Difficulty breathing"),
        ),
        rationale="-phagia is eating or swallowing: dysphagia is difficulty swallowing (R13.1-). Dysphasia, one "
                  "letter away, is a language disorder (R47.02): the two are coded very differently. Painful "
                  "urination is dysuria and difficult breathing dyspnea.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="The ultrasound report concludes **nephrolithiasis**. What did it find?",
        choices=(
            C("Gallstones"),
            C("Inflammation of the kidney"),
            C("Stones in the urinary bladder"),
            C("Kidney stones", correct=True),
        ),
        rationale="Nephr/o is the kidney and -lithiasis the presence of stones. Gallstones are cholelithiasis, "
                  "kidney inflammation is nephritis, and bladder stones are cystolithiasis.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="In **cystitis**, what does **cyst/o** refer to?",
        choices=(
            C("A closed sac filled with fluid"),
            C("The gallbladder"),
            C("The urinary bladder", correct=True),
            C("The kidney"),
        ),
        rationale="In urology cyst/o is the urinary bladder, so cystitis is inflammation of the bladder. The "
                  "everyday meaning of cyst (a fluid-filled sac) is the trap; the gallbladder is cholecyst/o and "
                  "the kidney nephr/o.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="What does the suffix **-scopy** mean in *colonoscopy* or *laryngoscopy*?",
        choices=(
            C("Recording an image of a structure"),
            C("Visual examination with a lighted instrument", correct=True),
            C("Surgical creation of a new opening"),
            C("Surgical removal"),
        ),
        rationale="-scopy is looking inside with a scope. -graphy is the process of recording an image (as in "
                  "mammography), -stomy the creation of an opening (colostomy), and -ectomy removal.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="The plan says: *ibuprofen 400 mg PO q6h PRN pain*. What does **PRN** mean?",
        choices=(
            C("By mouth"),
            C("Twice a day"),
            C("At bedtime"),
            C("As needed", correct=True),
        ),
        rationale="PRN (pro re nata) is as needed. In the same order PO is by mouth and q6h every 6 hours; "
                  "twice a day is BID and at bedtime is HS.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="The chief complaint reads: *Pt c/o sore throat x 2 days.* What does **c/o** stand for?",
        choices=(
            C("Complains of", correct=True),
            C("Care of"),
            C("Culture ordered"),
            C("Chronic obstruction"),
        ),
        rationale="In a chief complaint, c/o is complains of: it introduces what the patient reports. Outside the "
                  "chart c/o means care of (an address), which is why context matters.",
    ),
    Single(
        domain="cpc:compliance", module=1,
        prompt="The assessment reads *MS, stable on current medication*. Nothing else in the note tells you whether "
               "MS means multiple sclerosis or mitral stenosis. What should the coder do?",
        choices=(
            C("Code multiple sclerosis, the more common meaning in a clinic"),
            C("Code mitral stenosis, because the patient takes medication"),
            C("Query the provider for the meaning before coding", correct=True),
            C("Code both conditions so that neither is missed"),
        ),
        rationale="An abbreviation with two meanings is not coded until its meaning is clear. If the record does not "
                  "settle it, the coder asks the provider (a query) and codes from the answer. Guessing, or coding "
                  "both, reports a condition the patient may not have.",
    ),
    Single(
        domain=GUIDE, module=1,
        prompt="Office note: *Cough for 4 days and fever of 101 F. Probable pneumonia; chest x-ray ordered, result "
               "not yet available.* What is coded for this visit?",
        choices=(
            C("Pneumonia (J18.9)"),
            C("Acute cough (R05.1) and fever (R50.9)", correct=True),
            C("Pneumonia (J18.9), acute cough (R05.1) and fever (R50.9)"),
            C("Nothing until the x-ray has been read"),
        ),
        rationale="In outpatient coding a probable, suspected or rule-out diagnosis is not coded as if it were "
                  "confirmed: code the signs and symptoms that are certain, here acute cough and fever. Coding J18.9 "
                  "would put a disease on the claim that nobody has diagnosed.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="The assessment says *DM, on metformin, A1c at goal*. The note never says which type of diabetes, "
               "and no complication is documented. Which diabetes code is assigned?",
        choices=(
            C("E10.9"),
            C("E13.9"),
            C("E11.9", correct=True),
            C("E08.9"),
        ),
        rationale="When the type of diabetes is not documented, the guidelines default to type 2, category E11; "
                  "with no complication that is E11.9 (and Z79.84 for the metformin). E10 is type 1, E13 other "
                  "specified diabetes, and E08 diabetes due to an underlying condition.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="PMH: *colon cancer, right hemicolectomy in 2021, no treatment since, no evidence of disease.* "
               "Which code describes the cancer today?",
        choices=(
            C("C18.9"),
            C("Z80.0"),
            C("Z86.0100"),
            C("Z85.038", correct=True),
        ),
        rationale="The cancer was excised and is no longer treated, so it is history: Z85.038, personal history of "
                  "malignant neoplasm of the large intestine. C18.9 is a current cancer, Z80.0 a family history, "
                  "and Z86.0100 a history of colon polyps, which are benign.",
    ),
    Single(
        domain=ICD, module=1,
        prompt="Social and family history: *Mother had breast cancer at 52. Patient has no breast disease.* Which "
               "code reports this?",
        choices=(
            C("Z85.3"),
            C("Z80.3", correct=True),
            C("Z12.31"),
            C("Z15.01"),
        ),
        rationale="A relative's cancer is a family history code: Z80.3. Z85.3 is the patient's own history, Z12.31 "
                  "an encounter for a screening mammogram, and Z15.01 a genetic susceptibility shown by testing, "
                  "which nothing here documents.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="The x-ray report describes a fracture of the **distal** radius. Where is it?",
        choices=(
            C("At the wrist end of the radius, farther from the trunk", correct=True),
            C("At the elbow end of the radius, nearer the trunk"),
            C("On the palm side of the forearm"),
            C("In the middle third of the shaft"),
        ),
        rationale="Distal means farther from the point of attachment or the trunk; for the radius that is the wrist "
                  "end. Proximal is the elbow end, the palm side is volar (palmar), and the middle third is the "
                  "shaft. ICD-10-CM codes the distal radius under lower end of radius, S52.5-.",
    ),
    Single(
        domain=TERMS, module=1,
        prompt="What does the suffix **-emia** mean in *anemia* and *hyperlipidemia*?",
        choices=(
            C("A condition of the urine"),
            C("A decrease or deficiency"),
            C("A condition of the blood", correct=True),
            C("A cell"),
        ),
        rationale="-emia is a condition of the blood: hyperlipidemia is too much fat in the blood. -uria is a "
                  "condition of the urine, -penia a deficiency (as in leukopenia), and -cyte a cell.",
    ),
    Single(
        domain=TERMS, module=1, multiple=True,
        prompt="Which of these suffixes name a **surgical procedure**? Select all that apply.",
        choices=(
            C("-ectomy", correct=True),
            C("-itis"),
            C("-otomy", correct=True),
            C("-algia"),
            C("-plasty", correct=True),
        ),
        rationale="-ectomy (removal), -otomy (incision) and -plasty (surgical repair) describe procedures. -itis "
                  "(inflammation) and -algia (pain) describe a condition or a symptom.",
    ),
    Single(
        domain=GUIDE, module=1, multiple=True,
        prompt="In an office note, which words mark a diagnosis as **uncertain**, so that it is not coded as if "
               "confirmed? Select all that apply.",
        choices=(
            C("Probable", correct=True),
            C("Rule out", correct=True),
            C("History of"),
            C("Consistent with", correct=True),
            C("Acute"),
        ),
        rationale="Probable, suspected, questionable, rule out, compatible with, consistent with and working "
                  "diagnosis all express uncertainty; outpatient coders code the symptoms instead. History of "
                  "means the condition happened before, and acute describes its course: neither makes it uncertain.",
    ),
    CodeEntry(
        domain=ICD, module=1,
        prompt="Established patient. Assessment: *HTN, on lisinopril 10 mg daily, BP at goal today.* Code the "
               "diagnosis.",
        key=(Key("principal", "I10", "HTN is hypertension; with no heart or kidney involvement documented, "
                                     "essential hypertension is I10."),),
        rationale="Expand the abbreviation, then code what it means: HTN is hypertension, indexed to I10. Nothing "
                  "links it to heart or kidney disease, so I11-I13 do not apply.",
    ),
    CodeEntry(
        domain=ICD, module=1,
        prompt="CC: *c/o dysuria x 2 days.* Urine dipstick negative; the provider documents no diagnosis and "
               "advises fluids. Code the diagnosis.",
        key=(Key("principal", "R30.0", "Dysuria, painful urination, is the symptom the visit is for; with no "
                                       "diagnosis made it is the first-listed code."),),
        rationale="Dys- (painful) and -uria (urine): dysuria, R30.0. With a negative test and no diagnosis, the "
                  "symptom is coded; a urinary tract infection (N39.0) was never diagnosed.",
    ),
    CodeEntry(
        domain=ICD, module=1,
        prompt="Established patient. Assessment: *DM, stable on metformin. No complications.* The type of "
               "diabetes is not documented anywhere in the note. Code the diagnoses.",
        key=(
            Key("principal", "E11.9", "When the type is not documented, diabetes defaults to type 2 (E11); no "
                                      "complication is documented, so E11.9."),
            Key("secondary", "Z79.84", "E11's note asks for the long-term drug: metformin is an oral "
                                       "hypoglycemic, Z79.84."),
        ),
        rationale="DM is diabetes mellitus. The guidelines default an undocumented type to E11, and the category's "
                  "Use additional code note adds Z79.84 for the oral drug.",
    ),
    CodeEntry(
        domain=GUIDE, module=1,
        prompt="Follow-up visit: colon cancer treated by right hemicolectomy in 2021, no treatment since. Exam and "
               "labs today show no recurrence. Code the diagnoses.",
        key=(
            Key("principal", "Z08", "The visit is a follow-up examination after completed cancer treatment, "
                                    "with no recurrence found."),
            Key("secondary", "Z85.038", "Z08 asks for the personal history of the cancer: large intestine, "
                                        "Z85.038."),
            Key("secondary", "Z90.49", "Z08 also asks for any acquired absence of an organ: part of the colon was "
                                       "removed, Z90.49."),
        ),
        rationale="No current cancer, so no C code: Z08 explains the visit, and its notes add the history (Z85.038) "
                  "and the missing part of the colon (Z90.49).",
    ),
    Written(
        domain=TERMS, module=1,
        prompt="A therapy referral reads *dysphasia after stroke*; the next note from another clinician says "
               "*dysphagia*. Explain the two terms part by part, and say what a coder should do.",
        rubric="1 point: dysphasia broken down (dys- difficult, -phasia speech) and defined as a language disorder. "
               "1 point: dysphagia broken down (-phagia swallowing) and defined as difficulty swallowing. 1 point: "
               "says the codes differ and the coder queries the provider rather than picking one.",
        rationale="Dysphasia is dys- (difficult, impaired) and -phasia (speech): impaired ability to speak or "
                  "understand language. Dysphagia is dys- and -phagia (eating, swallowing): difficulty swallowing. "
                  "They lead to different codes (a sequela of stroke with dysphasia, or with dysphagia), so a coder "
                  "who finds both in the record does not guess: she queries the provider, and codes what the "
                  "provider confirms.",
    ),
    # --- Module 2: common outpatient conditions -------------------------------------------------
    Single(
        domain=ICD, module=2,
        prompt="A 16-year-old has fever, tonsillar exudate and a positive rapid strep test. Assessment: "
               "*streptococcal pharyngitis.* Which code is assigned?",
        choices=(
            C("J02.9"),
            C("J03.00"),
            C("J02.0", correct=True),
            C("B95.0"),
        ),
        rationale="Pharyngitis, streptococcal, is J02.0, a combination code that holds the organism, so B95.0 is "
                  "not added. J02.9 is pharyngitis with no cause named, and J03.00 is streptococcal tonsillitis, "
                  "which the provider did not diagnose.",
    ),
    Single(
        domain=GUIDE, module=2,
        prompt="The provider documents both *common cold* and *acute pharyngitis* for the same visit. What does the "
               "Tabular tell the coder?",
        choices=(
            C("Report J00 and J02.9: both were documented"),
            C("J00 has an Excludes1 note for acute pharyngitis (J02.-): the two are not reported together",
              correct=True),
            C("Report J06.9, which combines every upper respiratory infection"),
            C("Report J00 only, because a cold is the more common condition"),
        ),
        rationale="An Excludes1 note means the two conditions cannot be coded together. J00 excludes acute "
                  "pharyngitis, so the coder reports the pharyngitis the provider treated (and queries if the "
                  "record is unclear) instead of listing both. J06.9 is for an upper respiratory infection not "
                  "further specified.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="Assessment: *acute maxillary sinusitis, 12 days of facial pressure and purulent drainage.* First "
               "episode. Which code is assigned?",
        choices=(
            C("J32.0"),
            C("J01.90"),
            C("J30.9"),
            C("J01.00", correct=True),
        ),
        rationale="Sinusitis, acute, maxillary is J01.00. J32.0 is chronic maxillary sinusitis (the main term's "
                  "default is chronic, so read the subterm acute), J01.90 acute sinusitis with no sinus named, and "
                  "J30.9 allergic rhinitis.",
    ),
    Single(
        domain=TERMS, module=2,
        prompt="A patient with laryngitis has lost her voice. Which structure is inflamed?",
        choices=(
            C("The pharynx, the throat behind the mouth and nose"),
            C("The larynx, the voice box", correct=True),
            C("The trachea, the windpipe"),
            C("The epiglottis, the flap over the airway"),
        ),
        rationale="The larynx holds the vocal cords, so laryngitis takes the voice. Pharynx and larynx are the "
                  "pair students confuse: the pharynx is the throat (pharyngitis, sore throat). Trachea is the "
                  "windpipe below, and the epiglottis covers the larynx when we swallow.",
    ),
    Single(
        domain=TERMS, module=2,
        prompt="Why do young children with colds so often develop otitis media? Which structure links the middle "
               "ear to the back of the nose?",
        choices=(
            C("The external auditory canal"),
            C("The cochlea"),
            C("The eustachian (auditory) tube", correct=True),
            C("The tympanic membrane"),
        ),
        rationale="The eustachian tube runs from the middle ear to the nasopharynx; in children it is short and "
                  "level, so congestion blocks it and infection spreads. The external canal lies outside the "
                  "eardrum (otitis externa), the cochlea is the inner ear, and the tympanic membrane is the eardrum.",
    ),
    Single(
        domain="cpc:pathology-laboratory", module=2,
        prompt="The clinic performs a rapid strep test on a throat swab and reads the result on the test strip. "
               "Which CPT code reports it?",
        choices=(
            C("87081"),
            C("86308"),
            C("87804"),
            C("87880", correct=True),
        ),
        rationale="A rapid antigen test for group A strep read by eye is 87880. 87081 is a screening culture, "
                  "86308 the heterophile antibody (mono) screen, and 87804 the rapid antigen test for influenza.",
    ),
    Single(
        domain=GUIDE, module=2,
        prompt="A patient with confirmed strep pharyngitis also has fever and a sore throat. Are R50.9 (fever) and "
               "J02.9 (sore throat) added to J02.0?",
        choices=(
            C("No: signs and symptoms that are routinely part of a confirmed diagnosis are not coded",
              correct=True),
            C("Yes: the fever is coded because it was the reason for the visit"),
            C("Yes: each symptom the patient reports is coded"),
            C("Only the fever, when it is above 101 F"),
        ),
        rationale="Once a diagnosis is confirmed, the symptoms that are part of it are not coded. Fever and sore "
                  "throat are what strep pharyngitis is, so J02.0 alone is reported; J02.9 with J02.0 would also "
                  "report the throat twice.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="A rapid test is positive for influenza A. Assessment: *influenza A with cough and sore throat.* "
               "Which code is assigned?",
        choices=(
            C("J11.1"),
            C("J10.1", correct=True),
            C("J09.X2"),
            C("J06.9"),
        ),
        rationale="Seasonal influenza with a virus identified, with respiratory symptoms and no pneumonia: J10.1. "
                  "J11.1 is for influenza whose virus was not identified, J09.X2 only for novel (avian, pandemic) "
                  "influenza A, and J06.9 an upper respiratory infection that is not influenza.",
    ),
    Single(
        domain=TERMS, module=2,
        prompt="A 9-month-old is diagnosed with **bronchiolitis**. Which part of the airway is inflamed?",
        choices=(
            C("The bronchi, the large airways"),
            C("The alveoli, the air sacs"),
            C("The trachea"),
            C("The bronchioles, the smallest airways", correct=True),
        ),
        rationale="-iole is a small one: bronchioles are the smallest airways, and bronchiolitis (J21.-) is their "
                  "inflammation. Inflamed bronchi are bronchitis (J20.-), infection of the alveoli is pneumonia, and "
                  "inflammation of the trachea is tracheitis.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="Assessment: *hay fever, sneezing and itchy eyes every spring when the trees pollinate.* Which code "
               "is assigned?",
        choices=(
            C("J30.9"),
            C("J30.2"),
            C("J30.1", correct=True),
            C("J31.0"),
        ),
        rationale="Hay fever is allergic rhinitis due to pollen, J30.1. J30.2 is other seasonal allergic rhinitis "
                  "(not pollen), J30.9 allergic rhinitis with no cause named, and J31.0 chronic rhinitis, which "
                  "J31.0 itself says excludes allergic rhinitis.",
    ),
    Single(
        domain="cpc:radiology", module=2,
        prompt="To look for pneumonia, the provider orders a chest x-ray, frontal and lateral views. Which CPT "
               "code reports it?",
        choices=(
            C("71045"),
            C("71047"),
            C("71250"),
            C("71046", correct=True),
        ),
        rationale="Chest radiographs are coded by the number of views: two views (frontal and lateral) is 71046. "
                  "71045 is a single view, 71047 three views, and 71250 a CT of the chest.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="Assessment: *acute bronchitis, 5 days of productive cough, lungs with scattered rhonchi.* Which code "
               "is assigned?",
        choices=(
            C("J40"),
            C("J42"),
            C("J20.9", correct=True),
            C("J21.9"),
        ),
        rationale="Bronchitis, acute, is J20.9. J40 is bronchitis not specified as acute or chronic (and J20 "
                  "excludes it), J42 chronic bronchitis, and J21.9 bronchiolitis, the small airways.",
    ),
    Single(
        domain=ICD, module=2,
        prompt="Assessment: *acute cystitis with hematuria.* Which code is assigned for the cystitis?",
        choices=(
            C("N30.00"),
            C("N39.0"),
            C("R31.9"),
            C("N30.01", correct=True),
        ),
        rationale="Cystitis, acute, with hematuria is N30.01: the blood in the urine is in the code, and R31's "
                  "Excludes1 note keeps R31.9 off the claim. N30.00 is without hematuria, and N39.0 is a urinary "
                  "tract infection of unspecified site, which N39.0 itself excludes once the site (bladder) is known.",
    ),
    Single(
        domain=TERMS, module=2, multiple=True,
        prompt="Which of these belong to the **upper** respiratory tract, where the infections coded in J00-J06 "
               "live? Select all that apply.",
        choices=(
            C("Nasal cavity", correct=True),
            C("Bronchioles"),
            C("Paranasal sinuses", correct=True),
            C("Alveoli"),
            C("Pharynx", correct=True),
        ),
        rationale="The nose, the sinuses and the pharynx (with the larynx) make up the upper airway. Bronchioles "
                  "and alveoli are deep in the lungs: their infections are bronchiolitis and pneumonia, coded in "
                  "the lower respiratory blocks.",
    ),
    CodeEntry(
        domain=ICD, module=2,
        prompt="A 20-year-old has fever, white tonsillar exudate and a positive rapid strep test. Assessment: "
               "*strep pharyngitis.* Code the diagnosis.",
        key=(Key("principal", "J02.0", "Pharyngitis, streptococcal, J02.0: the organism is in the code, and the "
                                       "fever is part of the diagnosis."),),
        rationale="One code says it all: J02.0. No B95.0 (the organism is built in) and no R50.9 (fever is part of "
                  "the confirmed infection).",
    ),
    CodeEntry(
        domain=ICD, module=2,
        prompt="Third episode this year of acute maxillary sinusitis; the provider documents *acute recurrent "
               "maxillary sinusitis.* Code the diagnosis.",
        key=(Key("principal", "J01.01", "Sinusitis, acute, maxillary, recurrent: J01.01."),),
        rationale="J01.0- separates a single episode (J01.00) from recurrent acute maxillary sinusitis (J01.01). "
                  "It is still acute, so not J32.0 (chronic).",
    ),
    CodeEntry(
        domain=ICD, module=2,
        prompt="A 3-year-old has a bulging red left eardrum. Assessment: *acute otitis media, left ear.* Code "
               "the diagnosis.",
        key=(Key("principal", "H66.92", "Otitis media, acute, not further specified, of the left ear: the sixth "
                                        "character 2 is the left ear."),),
        rationale="The Index sends Otitis, media, acute to H66.9-; the Tabular completes it with laterality: H66.92 "
                  "for the left ear. No suppurative or serous type is documented, so H66.0- and H65.- do not apply.",
    ),
    CodeEntry(
        domain=ICD, module=2,
        prompt="Rapid test positive for influenza A. Assessment: *influenza A with fever, cough and sore throat; "
               "lungs clear.* Code the diagnosis.",
        key=(Key("principal", "J10.1", "Influenza due to an identified (seasonal) influenza virus with other "
                                       "respiratory manifestations, no pneumonia: J10.1."),),
        rationale="The virus was identified, so J10 (not J11). The cough and sore throat are the respiratory "
                  "manifestations in J10.1, and J02.9 is excluded with it.",
    ),
    CodeEntry(
        domain=ICD, module=2,
        prompt="Assessment: *acute cystitis with hematuria.* The urine culture, back before the claim goes out, "
               "grows *E. coli*. Code the diagnoses.",
        key=(
            Key("principal", "N30.01", "Acute cystitis with hematuria: N30.01, the blood is part of the code."),
            Key("secondary", "B96.20", "N30's note asks for the infectious agent: E. coli, not further typed, "
                                       "B96.20."),
        ),
        rationale="Cyst- (bladder) -itis (inflammation): N30.01. The category's Use additional code note adds the "
                  "organism, B96.20, after it.",
    ),
    Written(
        domain=ICD, module=2,
        prompt="A note reads *sore throat, probable strep; rapid test negative, culture sent.* A classmate codes "
               "J02.0. Explain why that is wrong and what you would code.",
        rubric="1 point: probable is uncertain and uncertain diagnoses are not coded in outpatient settings. "
               "1 point: the negative test does not confirm strep. 1 point: codes J02.9 (the Index entry for sore "
               "throat), not R07.0 or J02.0.",
        rationale="J02.0 would report a streptococcal infection that no one has confirmed: *probable* is an "
                  "uncertain diagnosis, and the rapid test was negative. Outpatient coding reports the symptom "
                  "instead. The Index sends *Sore throat* to acute pharyngitis, unspecified, J02.9, so that is the "
                  "code (R07.0, pain in throat, excludes acute sore throat). If the culture comes back positive and "
                  "the provider diagnoses strep before the claim is sent, the code becomes J02.0.",
    ),
    # --- Beyond the two modules: the body systems and the rest of the claim ---------------------
    Single(
        domain="cpc:em", module=0,
        prompt="A patient last saw Dr. Castellanos 26 months ago. Today she sees Tamsin Greaves, NP, who works in "
               "the same family medicine practice. Which office visit codes apply?",
        choices=(
            C("New patient visits, 99202-99205: she has never seen the NP"),
            C("Established patient visits, 99212-99215", correct=True),
            C("Office consultations, 99242-99245"),
            C("Emergency department visits, 99281-99285"),
        ),
        rationale="A patient is established if she received professional services from a physician or other "
                  "qualified health professional of the same specialty in the same group within the past three "
                  "years. An NP working with the physicians counts as the same specialty, and 26 months is inside "
                  "three years.",
    ),
    Single(
        domain="cpc:compliance", module=0,
        prompt="The patient's employer phones the clinic to ask why she missed work last Tuesday. She has signed "
               "no authorization. What may the coder tell the employer?",
        choices=(
            C("The diagnosis only, without the notes"),
            C("Anything, because the employer pays for the health plan"),
            C("Nothing: the employer needs the patient's written authorization", correct=True),
            C("Whatever the provider approves by phone"),
        ),
        rationale="Under HIPAA an employer is not a treating provider or a health plan, so disclosure needs the "
                  "patient's written authorization. Even the diagnosis alone is protected health information.",
    ),
    Single(
        domain="cpc:compliance", module=0, multiple=True,
        prompt="Which of these are protected health information (PHI) when they appear with a visit record? "
               "Select all that apply.",
        choices=(
            C("The patient's date of birth", correct=True),
            C("The patient's medical record number", correct=True),
            C("The ICD-10-CM edition the clinic uses"),
            C("The patient's home address", correct=True),
            C("The clinic's published opening hours"),
        ),
        rationale="PHI is health information tied to a person by an identifier: a date of birth, a record number or "
                  "an address all identify her. Which code set the clinic uses and its opening hours identify no "
                  "patient.",
    ),
    Single(
        domain="cpc:hcpcs", module=0,
        prompt="After an ankle sprain, the patient is given a pair of adjustable aluminum underarm crutches. Which "
               "HCPCS Level II code reports them?",
        choices=(
            C("E0110"),
            C("E0100"),
            C("E0143"),
            C("E0114", correct=True),
        ),
        rationale="Underarm crutches of a material other than wood, a pair, are E0114. E0110 is forearm crutches, "
                  "E0100 a cane, and E0143 a folding wheeled walker.",
    ),
    Single(
        domain="cpc:surgery-integumentary", module=0,
        prompt="The provider opens and drains a single uncomplicated abscess on the patient's thigh. Which CPT code "
               "reports it?",
        choices=(
            C("10061"),
            C("10140"),
            C("10060", correct=True),
            C("10160"),
        ),
        rationale="Incision and drainage of one simple abscess is 10060. 10061 is for a complicated abscess or "
                  "several, 10140 drains a hematoma or seroma (not pus), and 10160 is drainage by needle "
                  "aspiration, without an incision.",
    ),
    Single(
        domain="cpc:surgery-musculoskeletal", module=0,
        prompt="In CPT's fracture codes, what does **closed treatment** mean?",
        choices=(
            C("The fracture site is not surgically opened", correct=True),
            C("The skin over the fracture is intact"),
            C("The bone ends were not moved back into place"),
            C("The fracture has healed and the cast is removed"),
        ),
        rationale="Open and closed treatment describe what the surgeon does: closed treatment does not open the "
                  "fracture site. It is not the same as a closed fracture (intact skin, an ICD-10-CM idea), and a "
                  "closed treatment may be with or without manipulation (reduction).",
    ),
    Single(
        domain="cpc:medicine", module=0,
        prompt="The clinic records a 12-lead ECG on its own machine and the physician writes the interpretation "
               "and report. Which CPT code reports it?",
        choices=(
            C("93005"),
            C("93000", correct=True),
            C("93010"),
            C("93040"),
        ),
        rationale="When the same practice performs the tracing and interprets it, the complete service is 93000. "
                  "93005 is the tracing only, 93010 the interpretation and report only, and 93040 a rhythm strip "
                  "of one to three leads.",
    ),
    Single(
        domain="cpc:pathology-laboratory", module=0,
        prompt="The provider orders a complete blood count with an automated differential white cell count. Which "
               "CPT code reports it?",
        choices=(
            C("85027"),
            C("80053"),
            C("85018"),
            C("85025", correct=True),
        ),
        rationale="An automated CBC with automated differential is 85025; without the differential it is 85027. "
                  "80053 is the comprehensive metabolic panel (chemistry, not blood counts), and 85018 a hemoglobin "
                  "alone.",
    ),
    Single(
        domain=TERMS, module=0,
        prompt="A colonoscopy report mentions the **duodenum**, jejunum and ileum. Which is the first part of the "
               "small intestine, right after the stomach?",
        choices=(
            C("Jejunum"),
            C("Duodenum", correct=True),
            C("Ileum"),
            C("Cecum"),
        ),
        rationale="Food leaves the stomach into the duodenum, then the jejunum and the ileum. The cecum is the "
                  "first part of the large intestine, where the ileum empties.",
    ),
    Single(
        domain="cpc:surgery-eye-ear", module=0,
        prompt="Impacted earwax is removed from the right ear by the physician with a curette under direct vision. "
               "Which CPT code reports it?",
        choices=(
            C("69209"),
            C("69200"),
            C("69210", correct=True),
            C("69020"),
        ),
        rationale="Removal of impacted cerumen with instruments (curette, suction) is 69210, one ear. 69209 is "
                  "removal by irrigation, 69200 removal of a foreign body from the ear canal, and 69020 drainage of "
                  "an abscess of the external canal.",
    ),
    Written(
        domain="cpc:compliance", module=0,
        prompt="The plan in a note says *refer to PT*. Give three meanings PT can have in a clinic record, and "
               "explain how a coder decides which one is meant.",
        rubric="1 point: three meanings (patient, physical therapy, prothrombin time, or another correct one). "
               "1 point: the context of the note decides (a referral, a lab order, the patient). 1 point: if the "
               "context does not settle it, query the provider; never guess.",
        rationale="PT can mean patient, physical therapy or prothrombin time (a clotting test). The sentence around "
                  "it usually decides: *refer to PT* with knee pain is physical therapy, *PT/INR* in a warfarin "
                  "check is the lab test. When the record still leaves the meaning open, the coder does not pick "
                  "one: she sends the provider a query and codes from the answer.",
    ),
    # --- Cases ------------------------------------------------------------------------------------
    Case(
        domain=ICD, module=2,
        prompt="Code this visit: the diagnosis, then the services. The patient's plan follows Medicare's rules for "
               "waived tests.",
        record_title="Office note",
        record_text=_record("""
            Patient: Dario Pellegrini-Hart, 19, male, established. Seen 2026-04-21, Tamsin Greaves, NP,
            Riverside Community Clinic.
            CC: Sore throat and fever for 2 days.
            HPI: Pain on swallowing, fever to 101.6 F at home. No cough, no runny nose.
            Exam: T 101.2 F. Tonsils enlarged with white exudate; tender anterior cervical nodes. Lungs clear.
            Lab: Rapid strep antigen test (CLIA-waived kit) done in the clinic and read on the strip: positive.
            Assessment: Streptococcal pharyngitis.
            Plan: Amoxicillin 500 mg twice daily for 10 days (prescription sent). Fluids, ibuprofen for pain.
            Return if not better in 48 hours.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnosis (ICD-10-CM).", key=(
                Key("principal", "J02.0", "Confirmed by the rapid test: streptococcal pharyngitis, J02.0, with the "
                                          "fever and sore throat inside it."),
            )),
            CaseItem(label="Services", prompt="Code the visit and the test (CPT, with modifiers).", key=(
                Key("procedure", "99213", "Established patient: an acute uncomplicated illness (low) and a "
                                          "prescription drug (moderate risk) make low-level decision making."),
                Key("procedure", "87880", "Rapid group A strep antigen test read by eye. QW tells the payer the "
                                          "test was done with a CLIA-waived kit.", modifiers=("QW",)),
            )),
        ),
        rationale="One diagnosis, J02.0, no symptom codes. The visit is 99213; the in-office strep test is 87880 "
                  "with QW for the waived kit. No modifier 25 is needed: a lab test is not a procedure with its own "
                  "evaluation built in.",
    ),
    Case(
        domain="cpc:em", module=2,
        prompt="Code this visit: the diagnosis, then the services and the drug.",
        record_title="Office note",
        record_text=_record("""
            Patient: Noor Abernathy-Kim, 4, female, established; weight 17 kg. Seen 2026-05-06, Tamsin Greaves, NP,
            Riverside Community Clinic.
            CC: Barking cough and noisy breathing since last night. History from her father.
            HPI: Runny nose for 2 days, then a hoarse, barky cough; low fever. Drinking well.
            Exam: T 100.4 F. Barky cough, hoarse voice; soft stridor only when crying; no retractions at rest.
            Lungs clear. O2 saturation 98%.
            Assessment: Croup (acute laryngotracheitis), mild.
            Procedure: Dexamethasone sodium phosphate 10 mg given IM, right thigh, by the nurse on my order.
            Plan: Cool mist, fluids; return or ER for stridor at rest or trouble breathing.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnosis (ICD-10-CM).", key=(
                Key("principal", "J05.0", "Croup is acute obstructive laryngitis, J05.0; the cough, hoarseness and "
                                          "stridor are part of it."),
            )),
            CaseItem(label="Services", prompt="Code the visit, the injection and the drug (CPT and HCPCS).", key=(
                Key("procedure", "99213", "Acute uncomplicated illness (low), history from the father as an "
                                          "independent historian (limited data), prescription drug given "
                                          "(moderate risk): low decision making. Modifier 25: the evaluation is "
                                          "separate from giving the injection.", modifiers=("25",)),
                Key("procedure", "96372", "The intramuscular injection of a drug is its own service."),
                Key("supply", "J1100", "Dexamethasone sodium phosphate is billed per 1 mg: 10 mg is 10 units.",
                    units=10),
            )),
        ),
        rationale="Laryngo- (larynx), tracheo- (trachea), -itis: croup, J05.0. The services are the visit with "
                  "modifier 25, the injection 96372, and the drug J1100 for 10 units.",
    ),
    Case(
        domain="cpc:surgery-integumentary", module=0,
        prompt="Code this visit: the diagnoses, then the procedure. Your clinic reports external cause codes when "
               "the record gives them.",
        record_title="Office note",
        record_text=_record("""
            Patient: Caspian Oduya, 31, male, established. Seen 2026-06-10, Owen Castellanos, MD,
            Riverside Community Clinic.
            CC: Cut on right forearm.
            HPI: Cut himself an hour ago on a broken drinking glass while washing dishes at home. Tetanus booster
            in 2023.
            Exam: 2.4 cm clean linear laceration of the right volar forearm, through skin into subcutaneous fat. No
            glass seen or felt. Tendons, sensation and circulation intact.
            Procedure: Irrigated, 1% lidocaine, closed with five 4-0 nylon simple interrupted sutures in a single
            layer. Dressing applied.
            Assessment: Laceration of right forearm without foreign body.
            Plan: Keep dry 24 hours; suture removal in 10 days.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the injury and its cause (ICD-10-CM).", key=(
                Key("principal", "S51.811A", "Laceration without foreign body of the right forearm, first "
                                             "treatment: 7th character A."),
                Key("secondary", "W25.XXXA", "Contact with sharp glass, with placeholder X to reach the 7th "
                                             "character.", requirement="optional"),
            )),
            CaseItem(label="Procedure", prompt="Code the repair (CPT).", key=(
                Key("procedure", "12001", "A single-layer (simple) repair of a 2.4 cm wound of an extremity: "
                                          "the first size range, up to 2.5 cm."),
            )),
        ),
        rationale="S51.811A for the injury (no foreign body, right side, initial encounter) and, where the clinic "
                  "reports them, W25.XXXA for the glass. One layer of sutures is a simple repair, 12001. No visit "
                  "code: the evaluation of the wound is part of the repair.",
    ),
    Case(
        domain="cpc:pathology-laboratory", module=2,
        prompt="Code this visit: the diagnosis, then the services.",
        record_title="Office note",
        record_text=_record("""
            Patient: Marisol Quintanilla, 28, female, established. Seen 2026-07-15, Owen Castellanos, MD,
            Riverside Community Clinic.
            CC: Burning on urination and frequency for 2 days; pink urine this morning.
            HPI: No fever, no flank pain, no vaginal symptoms. Not pregnant (LMP 2 weeks ago).
            Exam: Afebrile. Mild suprapubic tenderness. No CVA tenderness.
            Lab: Urine dipstick by hand in the clinic, no microscopy: positive leukocyte esterase, nitrite and blood.
            Urine culture sent to the reference lab.
            Assessment: Acute cystitis with hematuria.
            Plan: Nitrofurantoin 100 mg twice daily for 5 days (prescription sent). Will call with culture.
            """),
        items=(
            CaseItem(label="Diagnoses", prompt="Code the diagnosis (ICD-10-CM). The culture is not back yet.", key=(
                Key("principal", "N30.01", "Acute cystitis with hematuria. No organism code yet: the culture is "
                                           "pending."),
            )),
            CaseItem(label="Services", prompt="Code what the clinic bills (CPT).", key=(
                Key("procedure", "99213", "An acute uncomplicated illness (low) treated with a prescription drug "
                                          "(moderate risk): low decision making."),
                Key("procedure", "81002", "Dipstick urinalysis read by hand, without microscopy. It needs no QW: "
                                          "CMS exempts it from the waived-test modifier."),
            )),
        ),
        rationale="N30.01 holds the hematuria, so no R31.9; B96.20 waits for the culture. The clinic bills the visit "
                  "and its own dipstick test; the reference lab bills the culture.",
    ),
)
