"""Demo content of OCE-103."""

from __future__ import annotations

from courses.demo_content.shapes import (
    EXERCISE_70, Exercise, Key, MEDIA, Module, RS_CLINIC, Reading, Video, _patient, _prose, _record, _t,
)

OCE_103_M1 = "Reimbursement and compliance basics"

OCE_103 = (
    Module(
        title=OCE_103_M1,
        kind="revenue_cycle",
        release_offset_days=0,
        summary="NCCI edits, medically unlikely edits and the provider query.",
        lessons=(
            Reading(
                title="NCCI edits and medically unlikely edits",
                summary="Which code pairs Medicare bundles, how many units it allows, and when a modifier is honest.",
                textbook=("National Correct Coding Initiative Policy Manual for Medicare Services",
                          "Chapter I: General correct coding policies", ""),
                body=_t("""
                    ## Procedure-to-procedure edits

                    CMS publishes pairs of codes that are not paid together for the same patient on the same
                    day by the same provider: the second code is part of the first. Some pairs may be
                    unbundled with a modifier when the services really were separate; others never.

                    | modifier | says the second service was distinct because |
                    |---|---|
                    | **XE** | it was at a separate encounter |
                    | **XS** | it was on a separate organ or structure |
                    | **XP** | a different practitioner did it |
                    | **XU** | it does not overlap the usual parts of the main service |
                    | **59** | it was distinct, when no X modifier fits |

                    Use them only when the documentation shows the separation. Adding a modifier just to get
                    past an edit is a false claim.

                    ## Medically unlikely edits

                    An MUE is the most units of a code a provider would report for one patient on one day.
                    More units than the MUE are denied unless documented and appealed.

                    ## Where to check

                    The edit tables are public and updated each quarter. Encoders check them for you, but a
                    coder must know why a pair was flagged.
                    """),
            ),
            Video(
                title="Querying a provider",
                duration_seconds=360,
                video_url=f"{MEDIA}/oce-103/querying-a-provider.mp4",
                summary="When to ask, how to ask without leading, and what to do with the answer.",
                transcript=_prose("""
                    Query the provider when the record is unclear, incomplete or conflicting: a fracture
                    with no side, a diagnosis in the assessment that the history contradicts, a test result
                    that seems significant but is never addressed.

                    A good query states the facts from the record and asks an open question, or offers
                    reasonable options including other and unable to determine. It never suggests the
                    answer that pays more, and it never mentions payment.

                    When the provider answers, the answer must become part of the record, as an addendum or
                    on the query form the facility keeps. Then code from the record as amended.
                    """),
            ),
        ),
    ),
    Module(
        title="CCA practice cases",
        kind="exam_review",
        release_offset_days=7,
        requires=(OCE_103_M1,),
        requirements=EXERCISE_70,
        summary="Mixed outpatient records, coded completely, the way the CCA exam's scenarios ask.",
        lessons=(
            Reading(
                title="The CCA exam at a glance",
                summary="What the Certified Coding Associate exam covers and how to prepare.",
                body=_t("""
                    ## The exam

                    AHIMA's Certified Coding Associate exam tests entry-level coding across settings:
                    ICD-10-CM, ICD-10-PCS for inpatient procedures, CPT and HCPCS Level II, with
                    reimbursement, compliance and documentation. The questions are multiple choice; check
                    AHIMA's current candidate guide for the number of questions, the time and which code
                    books are allowed.

                    ## Domains to practice

                    | domain | practice with |
                    |---|---|
                    | clinical classification systems | whole records, every code |
                    | reimbursement methodologies | fee schedules, prospective payment, the claim |
                    | health records and data content | what each part of a record holds |
                    | compliance | NCCI edits, queries, the ABN |
                    | information technologies | encoders, the electronic record |
                    | confidentiality and privacy | HIPAA, release of information |

                    ## How to use these cases

                    Code each case completely before you look at the key, then read every rationale,
                    including those for the lines you got right. Time yourself: aim for about ten minutes
                    a record at first, and work toward five.

                    When you miss a line, write down why: a wrong main term in the Index, a note you did
                    not read in the Tabular, a 7th character, a modifier. The same few reasons usually
                    account for most misses, and they are the ones to practice.
                    """),
            ),
            Exercise(
                title="A fall from the jungle gym",
                record_kind="office_note",
                summary="A child's wrist: the visit with modifier 25, the radiograph, the splint and the fracture "
                        "code.",
                instructions="Code the services (CPT, with modifiers) and the diagnoses (ICD-10-CM), with an "
                             "external cause code if your facility reports them.",
                patient=_patient("Amara Lindqvist-Osei", "2019-03-02", "female", "RS-200307", "2026-05-20",
                                 "Tamsin Greaves, NP", RS_CLINIC),
                note=_record("""
                    CC: Right wrist pain after a fall.

                    HPI: 7-year-old girl, new to the clinic, brought by her mother, who gives the history.
                    She fell from the jungle gym at school about 2 hours ago onto her outstretched right
                    hand. Pain and swelling at the wrist; she will not use the hand. No other injury, no
                    head strike.

                    Exam: Swelling and point tenderness over the distal right radius. No deformity. Skin
                    intact. Radial pulse 2+, capillary refill brisk, sensation and movement of all fingers
                    normal. Elbow and hand nontender.

                    X-ray: Right wrist, three views, taken in the clinic and read by me: buckle (torus)
                    fracture of the distal radius, no displacement, growth plate not involved.

                    Assessment: Torus fracture of the lower end of the right radius.

                    Procedure: Short arm volar splint of fiberglass from the roll, padded, molded from the
                    forearm to the palm and applied by me; neurovascular check after application normal.

                    Plan: Ibuprofen over the counter for pain. Keep the splint dry. Orthopedics will take
                    over the fracture care; appointment on May 22.
                    """),
                key=(
                    Key("procedure", "99203",
                        "New patient visit: an acute uncomplicated injury (low problems), history from an "
                        "independent historian (limited data) and over-the-counter drug advice (low risk). "
                        "Modifier 25: the workup of an injury not yet diagnosed goes beyond the decision to "
                        "splint.", modifiers=("25",)),
                    Key("procedure", "73110",
                        "Three views make the complete wrist x-ray, taken and read in the clinic. RT for "
                        "the right side.", modifiers=("RT",)),
                    Key("procedure", "29125",
                        "The provider molded and put on a rigid splint reaching from the forearm to the "
                        "hand. Orthopedics will treat the fracture, so this is the splint code, not fracture "
                        "care. RT for the right side.",
                        modifiers=("RT",)),
                    Key("principal", "S52.521A",
                        "Torus (buckle) fracture of the lower end of the right radius, initial encounter: "
                        "S52.521A. Torus fractures have no displaced or open choices."),
                    Key("secondary", "W09.2XXA",
                        "External cause: fall on or from a jungle gym, with placeholder X in positions 5 "
                        "and 6.", requirement="optional"),
                ),
            ),
        ),
    ),
)


#: Every course of both demo programs, by course code, modules in order.
