"""Abbreviations of physician notes, searched as the words of the ICD-10-CM Tabular.

A coder reads "CHF", "DM2" or "N/V" in a note; the Tabular says "congestive heart
failure", "type 2 diabetes mellitus", "nausea with vomiting". ``expand`` replaces each
abbreviation of a query by its meaning and says what it searched. Each meaning is
written in words the Tabular uses, so searching it finds codes (a test checks every one
against the real release, on SQLite and PostgreSQL). Our own list: diagnoses, statuses and
external causes that ICD-10-CM codes, and apart from them a few note shorthands ("Fx",
"w/o") written out the same way.

Matching is per token and case-insensitive, with care for abbreviations that are
also ordinary words ("MS", "PE", "pad", "all"): a query of one token always expands
("chf", "ms"); within longer queries a token expands when written in capitals (or
as listed, "AFib"), or when its lower-case form is no ordinary word ("copd
exacerbation"). A query that is a code (E11.65, J1100) is never expanded. An
ambiguous abbreviation searches its first meaning and lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codesets.formats import looks_like_code

# Abbreviation as usually written -> its meanings, the most likely first.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    # heart and vessels
    "MI": ("myocardial infarction",),
    "AMI": ("acute myocardial infarction",),
    "STEMI": ("ST elevation myocardial infarction",),
    "NSTEMI": ("non-ST elevation myocardial infarction",),
    "ACS": ("acute ischemic heart disease",),
    "CAD": ("coronary artery disease",),
    "ASHD": ("atherosclerotic heart disease",),
    "ASCVD": ("atherosclerotic cardiovascular disease",),
    "CHF": ("congestive heart failure",),
    "HF": ("heart failure",),
    "HFrEF": ("heart failure with reduced ejection fraction",),
    "HFpEF": ("heart failure with preserved ejection fraction",),
    "HTN": ("hypertension",),
    "HBP": ("hypertension",),
    "HHD": ("hypertensive heart disease",),
    "AFib": ("atrial fibrillation",),
    "AF": ("atrial fibrillation",),
    "PAF": ("paroxysmal atrial fibrillation",),
    "AFL": ("atrial flutter",),
    "SVT": ("supraventricular tachycardia",),
    "VT": ("ventricular tachycardia",),
    "VTach": ("ventricular tachycardia",),
    "VF": ("ventricular fibrillation",),
    "VFib": ("ventricular fibrillation",),
    "SSS": ("sick sinus syndrome",),
    "CHB": ("complete atrioventricular block",),
    "LBBB": ("left bundle branch block",),
    "RBBB": ("right bundle branch block",),
    "WPW": ("Wolff-Parkinson-White syndrome",),
    "HCM": ("hypertrophic cardiomyopathy",),
    "HOCM": ("obstructive hypertrophic cardiomyopathy",),
    "DCM": ("dilated cardiomyopathy",),
    "AS": ("aortic stenosis", "ankylosing spondylitis"),
    "AR": ("aortic regurgitation", "allergic rhinitis"),
    "MR": ("mitral regurgitation",),
    "MS": ("multiple sclerosis", "mitral stenosis"),
    "MVP": ("mitral valve prolapse",),
    "RHD": ("rheumatic heart disease",),
    "PAD": ("peripheral arterial disease",),
    "PVD": ("peripheral vascular disease", "vitreous detachment"),
    "DVT": ("deep vein thrombosis",),
    "PE": ("pulmonary embolism", "pleural effusion"),
    "AAA": ("abdominal aortic aneurysm",),
    "TAA": ("thoracic aortic aneurysm",),
    "PAH": ("pulmonary arterial hypertension",),
    "CVA": ("cerebral infarction",),
    "TIA": ("transient ischemic attack",),
    "CVD": ("cerebrovascular disease", "cardiovascular disease"),
    "SAH": ("subarachnoid hemorrhage",),
    "SDH": ("subdural hemorrhage",),
    "EDH": ("epidural hemorrhage",),
    "ICH": ("intracerebral hemorrhage",),
    "IVH": ("intraventricular hemorrhage",),
    "HLD": ("hyperlipidemia",),
    "POTS": ("postural orthostatic tachycardia syndrome",),
    # lungs, ear, nose and throat
    "COPD": ("chronic obstructive pulmonary disease",),
    "AECOPD": ("chronic obstructive pulmonary disease with acute exacerbation",),
    "URI": ("upper respiratory infection",),
    "LRTI": ("lower respiratory infection",),
    "PNA": ("pneumonia",),
    "ARDS": ("acute respiratory distress syndrome",),
    "OSA": ("obstructive sleep apnea",),
    "OHS": ("obesity hypoventilation syndrome",),
    "SOB": ("shortness of breath",),
    "TB": ("tuberculosis",),
    "LTBI": ("latent tuberculosis",),
    "CF": ("cystic fibrosis",),
    "ILD": ("interstitial lung disease",),
    "IPF": ("idiopathic pulmonary fibrosis",),
    "PTX": ("pneumothorax",),
    "RSV": ("respiratory syncytial virus",),
    "AOM": ("acute otitis media",),
    "OM": ("otitis media",),
    "OE": ("otitis externa",),
    "ETD": ("eustachian tube disorder",),
    "CRS": ("chronic sinusitis", "cytokine release syndrome"),
    "PND": ("postnasal drip",),
    "BPPV": ("benign paroxysmal vertigo",),
    "SNHL": ("sensorineural hearing loss",),
    # digestive system
    "GERD": ("gastro-esophageal reflux disease",),
    "GIB": ("gastrointestinal hemorrhage",),
    "PUD": ("peptic ulcer",),
    "IBS": ("irritable bowel syndrome",),
    "UC": ("ulcerative colitis",),
    "CD": ("Crohn's disease", "celiac disease"),
    "NAFLD": ("nonalcoholic fatty liver disease",),
    "NASH": ("nonalcoholic steatohepatitis",),
    "SBP": ("spontaneous bacterial peritonitis",),
    "PSC": ("primary sclerosing cholangitis",),
    "PBC": ("primary biliary cirrhosis",),
    "HCC": ("hepatocellular carcinoma",),
    "HAV": ("hepatitis A",),
    "HBV": ("hepatitis B",),
    "HCV": ("hepatitis C",),
    "EoE": ("eosinophilic esophagitis",),
    "N/V": ("nausea with vomiting",),
    # kidney, urinary and genital organs, pregnancy
    "CKD": ("chronic kidney disease",),
    "ESRD": ("end stage renal disease",),
    "AKI": ("acute kidney failure",),
    "ARF": ("acute kidney failure", "acute respiratory failure"),
    "ATN": ("acute tubular necrosis",),
    "UTI": ("urinary tract infection",),
    "VUR": ("vesicoureteral reflux",),
    "PKD": ("polycystic kidney",),
    "BPH": ("benign prostatic hyperplasia",),
    "LUTS": ("lower urinary tract symptoms",),
    "OAB": ("overactive bladder",),
    "SUI": ("stress incontinence",),
    "PID": ("pelvic inflammatory disease",),
    "PCOS": ("polycystic ovarian syndrome",),
    "AUB": ("abnormal uterine bleeding",),
    "PMB": ("postmenopausal bleeding",),
    "PMS": ("premenstrual tension syndrome",),
    "PMDD": ("premenstrual dysphoric disorder",),
    "STD": ("sexually transmitted disease",),
    "GDM": ("gestational diabetes mellitus",),
    "PIH": ("pregnancy-induced hypertension",),
    "PROM": ("premature rupture of membranes",),
    "HG": ("hyperemesis gravidarum",),
    "SAB": ("spontaneous abortion",),
    "PPD": ("postpartum depression", "tuberculin skin test"),
    # newborns and children
    "RDS": ("respiratory distress syndrome of newborn",),
    "TTN": ("transient tachypnea of newborn",),
    "BPD": ("bronchopulmonary dysplasia", "borderline personality disorder"),
    "ROP": ("retinopathy of prematurity",),
    "HIE": ("hypoxic ischemic encephalopathy",),
    "NAS": ("neonatal abstinence syndrome",),
    "SGA": ("small for gestational age",),
    "SIDS": ("sudden infant death syndrome",),
    "FTT": ("failure to thrive",),
    "PDA": ("patent ductus arteriosus",),
    "ASD": ("atrial septal defect", "autism spectrum disorder"),
    "VSD": ("ventricular septal defect",),
    "TOF": ("tetralogy of Fallot",),
    "CP": ("cerebral palsy", "chest pain"),
    "DS": ("Down syndrome",),
    "SMA": ("spinal muscular atrophy",),
    "DMD": ("Duchenne muscular dystrophy",),
    # endocrine, metabolic, blood
    "DM": ("diabetes mellitus",),
    "DM1": ("type 1 diabetes mellitus",),
    "DM2": ("type 2 diabetes mellitus",),
    "T1DM": ("type 1 diabetes mellitus",),
    "T2DM": ("type 2 diabetes mellitus",),
    "IDDM": ("type 1 diabetes mellitus",),
    "NIDDM": ("type 2 diabetes mellitus",),
    "DKA": ("diabetic ketoacidosis",),
    "NPDR": ("nonproliferative diabetic retinopathy",),
    "PDR": ("proliferative diabetic retinopathy",),
    "DI": ("diabetes insipidus",),
    "SIADH": ("inappropriate secretion of antidiuretic hormone",),
    "CAH": ("congenital adrenal hyperplasia",),
    "FH": ("familial hypercholesterolemia", "family history"),
    "PKU": ("phenylketonuria",),
    "IDA": ("iron deficiency anemia",),
    "SCD": ("sickle-cell disease",),
    "ITP": ("immune thrombocytopenic purpura",),
    "HIT": ("heparin induced thrombocytopenia",),
    "DIC": ("disseminated intravascular coagulation",),
    "HUS": ("hemolytic-uremic syndrome",),
    "vWD": ("von Willebrand disease",),
    "CVID": ("common variable immunodeficiency",),
    "SCID": ("severe combined immunodeficiency",),
    # neoplasms
    "CA": ("malignant neoplasm",),
    "NHL": ("non-Hodgkin lymphoma",),
    "CLL": ("chronic lymphocytic leukemia",),
    "CML": ("chronic myeloid leukemia",),
    "AML": ("acute myeloid leukemia",),
    "ALL": ("acute lymphoblastic leukemia",),
    "MM": ("multiple myeloma", "malignant melanoma"),
    "MDS": ("myelodysplastic syndrome",),
    "MGUS": ("monoclonal gammopathy",),
    "PV": ("polycythemia vera",),
    "ET": ("essential thrombocythemia", "essential tremor"),
    "BCC": ("basal cell carcinoma",),
    "SCC": ("squamous cell carcinoma",),
    # nervous system
    "ALS": ("amyotrophic lateral sclerosis",),
    "PD": ("Parkinson's disease",),
    "AD": ("Alzheimer's disease", "atopic dermatitis"),
    "MG": ("myasthenia gravis",),
    "GBS": ("Guillain-Barre syndrome", "group B streptococcus"),
    "TBI": ("traumatic brain injury",),
    "SCI": ("spinal cord injury",),
    "Sz": ("seizure",),
    "HA": ("headache",),
    "RLS": ("restless legs syndrome",),
    "NPH": ("normal pressure hydrocephalus",),
    "TN": ("trigeminal neuralgia",),
    "PHN": ("postherpetic neuralgia",),
    "CTS": ("carpal tunnel syndrome",),
    "CRPS": ("complex regional pain syndrome",),
    "LOC": ("loss of consciousness",),
    "AMS": ("altered mental status",),
    "MCI": ("mild cognitive impairment",),
    "CJD": ("Creutzfeldt-Jakob disease",),
    "NF": ("neurofibromatosis",),
    "TSC": ("tuberous sclerosis",),
    # mental and behavioural
    "ADHD": ("attention-deficit hyperactivity disorder",),
    "ADD": ("attention deficit disorder",),
    "PTSD": ("post-traumatic stress disorder",),
    "OCD": ("obsessive-compulsive disorder",),
    "MDD": ("major depressive disorder",),
    "GAD": ("generalized anxiety disorder",),
    "BPAD": ("bipolar disorder",),
    "ODD": ("oppositional defiant disorder",),
    "SI": ("suicidal ideations",),
    "EtOH": ("alcohol",),
    "AUD": ("alcohol use disorder",),
    "OUD": ("opioid dependence",),
    # muscles, bones and joints
    "OA": ("osteoarthritis",),
    "DJD": ("osteoarthritis",),
    "RA": ("rheumatoid arthritis",),
    "JRA": ("juvenile rheumatoid arthritis",),
    "PsA": ("psoriatic arthritis",),
    "SLE": ("systemic lupus erythematosus",),
    "DLE": ("discoid lupus erythematosus",),
    "GCA": ("giant cell arteritis",),
    "PMR": ("polymyalgia rheumatica",),
    "LBP": ("low back pain",),
    "DDD": ("intervertebral disc degeneration",),
    "HNP": ("intervertebral disc displacement",),
    "ACL": ("anterior cruciate ligament",),
    "MCL": ("medial collateral ligament",),
    "RCT": ("rotator cuff tear",),
    "TMJ": ("temporomandibular joint disorder",),
    "OI": ("osteogenesis imperfecta",),
    "EDS": ("Ehlers-Danlos syndrome",),
    # skin
    "AK": ("actinic keratosis",),
    "SK": ("seborrheic keratosis",),
    "HS": ("hidradenitis suppurativa",),
    "SJS": ("Stevens-Johnson syndrome",),
    "TEN": ("toxic epidermal necrolysis",),
    # eye
    "AMD": ("age-related macular degeneration",),
    "ARMD": ("age-related macular degeneration",),
    "POAG": ("primary open-angle glaucoma",),
    "DR": ("diabetic retinopathy",),
    "RD": ("retinal detachment",),
    "CRAO": ("central retinal artery occlusion",),
    "CRVO": ("central retinal vein occlusion",),
    # infections
    "HIV": ("human immunodeficiency virus",),
    "HPV": ("human papillomavirus",),
    "HSV": ("herpes simplex",),
    "HZ": ("herpes zoster",),
    "EBV": ("Epstein-Barr virus",),
    "CMV": ("cytomegaloviral",),
    "MRSA": ("methicillin resistant Staphylococcus aureus",),
    "MSSA": ("methicillin susceptible Staphylococcus aureus",),
    "VRE": ("resistance to vancomycin",),
    "ESBL": ("extended spectrum beta lactamase",),
    "RMSF": ("Rocky Mountain spotted fever",),
    "HFMD": ("hand, foot and mouth disease",),
    "FUO": ("fever of unknown origin",),
    "SIRS": ("systemic inflammatory response syndrome",),
    # status and external causes
    "BKA": ("acquired absence of leg below knee",),
    "DNR": ("do not resuscitate",),
    "MVA": ("motor vehicle accident",),
}

# Note shorthand: no diagnosis by itself, written out the same way ("DM2 w/ hyperglycemia").
SHORTHAND: dict[str, tuple[str, ...]] = {
    "Fx": ("fracture",),
    "Hx": ("history",),
    "h/o": ("history",),
    "FHx": ("family history",),
    "abd": ("abdominal",),
    "bilat": ("bilateral",),
    "w/": ("with",),
    "w/o": ("without",),
}

# Abbreviations whose lower-case spelling is an ordinary word or means something else in a note
# ("81 mg", "si joint"): within a longer query they expand only when written in capitals.
ORDINARY_WORDS = frozenset({
    "AD", "ADD", "AF", "ALL", "AS", "CA", "CAD", "CD", "CP", "DI", "DR", "ET", "GAD", "HA", "HIT", "MG", "MR", "MS",
    "ODD", "OM", "PAD", "PE", "POTS", "SI", "TEN",
})

_MEANINGS = {**ABBREVIATIONS, **SHORTHAND}
_BY_KEY = {abbreviation.upper(): abbreviation for abbreviation in _MEANINGS}
_EDGE = ".,;:!?()[]\"'"


@dataclass(frozen=True)
class Expansion:
    text: str  # the query with each abbreviation replaced by its (first) meaning
    note: str  # what to tell the user ("CHF: searched congestive heart failure"), "" if nothing expanded
    meanings: list[tuple[str, str]] = field(default_factory=list)  # ambiguous ones: (abbreviation, meaning) for every meaning


def lookup(token: str, *, alone: bool) -> str | None:
    """The abbreviation ``token`` stands for, as listed, or None (``alone``: the query is just this token)."""
    core = token.strip(_EDGE)
    abbreviation = _BY_KEY.get(core.upper())
    if abbreviation is None:
        return None
    if alone or core == abbreviation or core.isupper() or abbreviation not in ORDINARY_WORDS:
        return abbreviation
    return None


def expand(query: str) -> Expansion:
    """``query`` with its abbreviations searched as their meanings, and what to tell the user."""
    tokens = query.split()
    alone = len(tokens) == 1
    if not tokens or (looks_like_code(query) and lookup(tokens[0], alone=True) is None):
        return Expansion(text=query, note="")
    out, notes, meanings = [], [], []
    for token in tokens:
        abbreviation = lookup(token, alone=alone)
        if abbreviation is None:
            out.append(token)
            continue
        first, *others = _MEANINGS[abbreviation]
        out.append(_written_out(token, first))
        note = f"{abbreviation}: searched {first}"
        if note not in notes:
            notes.append(note)
            if others:
                meanings.extend((abbreviation, meaning) for meaning in (first, *others))
    if not notes:
        return Expansion(text=query, note="")
    return Expansion(text=" ".join(out), note="; ".join(notes), meanings=meanings)


def with_meaning(query: str, abbreviation: str, meaning: str) -> str:
    """``query`` with ``abbreviation`` written out as ``meaning`` (the other abbreviations left as typed)."""
    tokens = query.split()
    alone = len(tokens) == 1
    return " ".join(_written_out(token, meaning) if lookup(token, alone=alone) == abbreviation else token for token in tokens)


def _written_out(token: str, meaning: str) -> str:
    """The token with the abbreviation replaced, its punctuation kept ("CHF," -> "congestive heart failure,")."""
    return token.replace(token.strip(_EDGE), meaning)


def alternatives(query: str, meanings: list[tuple[str, str]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """For the pages: each ambiguous abbreviation with its meanings, and the query that searches each."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for abbreviation, meaning in meanings:
        grouped.setdefault(abbreviation, []).append((meaning, with_meaning(query, abbreviation, meaning)))
    return list(grouped.items())
