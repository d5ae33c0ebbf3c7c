"""Demo content of OCE-101."""

from __future__ import annotations

from courses.demo_content.shapes import (
    DX, EXERCISE_70, Exercise, Key, MEDIA, Module, RS_CLINIC, Reading, Video, _patient, _prose, _record, _t,
)

OCE_101_M1 = "Medical language for the outpatient record"

OCE_101 = (
    Module(
        title=OCE_101_M1,
        kind="foundations",
        release_offset_days=0,
        summary="Word parts and abbreviations as they appear in clinic notes.",
        lessons=(
            Video(
                title="Word parts in the clinic note",
                duration_seconds=420,
                video_url=f"{MEDIA}/oce-101/word-parts-in-the-clinic-note.mp4",
                summary="Taking medical words apart, with examples from real-looking office notes.",
                transcript=_prose("""
                    Medical words are built from a root, often a prefix and a suffix. Pharyngitis is pharyng,
                    the throat, and itis, inflammation. Tonsillectomy is the removal of the tonsils.
                    Otitis media is inflammation of the middle ear.

                    In a clinic note you will meet the same parts again and again: itis for inflammation,
                    algia for pain, as in arthralgia, joint pain, and emia for a condition of the blood, as
                    in hyperlipidemia, too much fat in the blood.

                    When a word is new, take it apart before you look it up. Then look it up anyway: the
                    coder's job is to find the term the Index uses, and that is often the noun at the root.
                    """),
            ),
            Reading(
                title="Abbreviations in office notes",
                summary="The short forms in a typical outpatient note, and why context decides.",
                body=_t("""
                    ## Common short forms

                    | abbreviation | meaning |
                    |---|---|
                    | CC | chief complaint |
                    | HPI | history of present illness |
                    | ROS | review of systems |
                    | PMH | past medical history |
                    | c/o | complains of |
                    | PRN | as needed |
                    | BID, TID | twice a day, three times a day |
                    | URI | upper respiratory infection |
                    | UTI | urinary tract infection |
                    | HTN, DM | hypertension, diabetes mellitus |

                    ## Context decides

                    Some abbreviations mean two things: **PT** is a patient, physical therapy, or
                    prothrombin time; **MS** multiple sclerosis or mitral stenosis. Read the sentence
                    around it. If the meaning is still not clear, do not code it: query the provider.

                    ## Things that are not diagnoses

                    "Rule out", "probable" and "suspected" describe uncertainty. In outpatient coding,
                    code the symptoms or findings instead, not the uncertain condition. "History of" can
                    mean a condition that is over (a history code from **Z85-Z87**) or one the patient still
                    has; read the plan to see whether it is still treated.

                    ## Do not expand what the provider did not write

                    An abbreviation stands for the words the provider meant, no more. "DM" is diabetes
                    mellitus, not type 2 diabetes with a complication: the type and any complication must
                    be documented elsewhere in the note before they can be coded.
                    """),
            ),
        ),
    ),
    Module(
        title="Common outpatient conditions",
        kind="foundations",
        release_offset_days=7,
        requires=(OCE_101_M1,),
        requirements=EXERCISE_70,
        summary="Infections of the upper airway: how they present, how they are confirmed, and how they are coded.",
        lessons=(
            Reading(
                title="Infections of the upper airway",
                summary="Colds, sinusitis, pharyngitis and strep: the test that confirms, and the code it leads to.",
                body=_t("""
                    ## What the provider sees

                    | condition | typical findings | confirmed by | code |
                    |---|---|---|---|
                    | common cold | congestion, runny nose, mild sore throat | exam | **J00** |
                    | acute sinusitis | facial pressure, thick nasal discharge beyond 10 days | exam | **J01.-** |
                    | acute pharyngitis, cause not known | sore throat, red pharynx | exam, negative strep test | **J02.9** |
                    | strep pharyngitis | fever, tonsillar exudate, tender neck nodes, no cough | rapid strep test or culture | **J02.0** |

                    ## Coding notes

                    - Strep pharyngitis has the organism in the code: no **B95** code is added.
                    - Fever and sore throat are part of the diagnosis once it is made; they are not coded.
                    - A sore throat with a negative strep test and no other diagnosis is **J02.9**: the
                      Index sends *Sore throat* to acute pharyngitis, unspecified.
                    - **J00** has Excludes1 acute pharyngitis (**J02.-**): a cold and a pharyngitis are
                      not reported together.

                    ## Why the test matters

                    Most sore throats are viral and get no antibiotic. A provider who treats for strep
                    without a positive test usually documents the reason, such as a positive culture
                    pending from a sibling. The coder still codes what the provider concludes, and a
                    "probable strep" in an office note is coded as the sore throat, **J02.9**.
                    """),
            ),
            Exercise(
                title="Sore throat, fever and a positive rapid test",
                record_kind="office_note",
                summary="A confirmed infection coded once, with its symptoms inside it.",
                instructions=DX,
                patient=_patient("Julian Espinoza", "2007-02-14", "male", "RS-200114", "2026-04-15",
                                 "Tamsin Greaves, NP", RS_CLINIC),
                note=_record("""
                    CC: Sore throat and fever for 2 days.

                    HPI: 19-year-old man with 2 days of sore throat, pain on swallowing and fever to 101.8 F
                    at home. No cough, no runny nose.

                    Exam: T 101.4 F. Tonsils swollen with white exudate. Tender, enlarged anterior cervical
                    nodes. Lungs clear.

                    Rapid strep antigen test: positive.

                    Assessment: Streptococcal pharyngitis.

                    Plan: Amoxicillin 500 mg twice daily for 10 days. Fluids, ibuprofen for pain and fever.
                    Return to class after 24 hours of antibiotic and no fever.
                    """),
                key=(
                    Key("principal", "J02.0",
                        "Pharyngitis, streptococcal, leads to J02.0, confirmed by the rapid test. The fever "
                        "and sore throat are part of the diagnosis, and the organism is in the code, so "
                        "neither a symptom code nor B95.0 is added."),
                ),
            ),
        ),
    ),
)


# --- OCE-102 Outpatient Diagnosis and Procedure Coding (Riverside) -----------------------------
