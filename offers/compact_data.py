"""The Compact's first data, in the portal's own words, each fact with its source.

Loaded by `manage.py load_compact_data` (offers.services.compact_data_load). Records are
keyed by slug, number, name or a fixed UUID, so loading twice changes nothing, and records
staff have changed in admin are kept (unless --update).

Where the facts come from
-------------------------
Every fact below comes from the project's fact sheet (OFFER-FACTS.md, which names a source
for each fact) or from the public page given as the offer's `source_url`. Nothing is
invented: where a source does not settle something (a fact the fact sheet marks UNVERIFIED,
or a rule no source states), it is said in `not_yet_confirmed`, which the portal shows as
"not yet confirmed", or it is left out.

LAST_CHECKED is the date we last checked these facts against their sources: 26 November
2026, the day this data was written from the fact sheet and the source pages. It is not the
date the provider last changed its offer. Staff confirm an offer in admin, which moves
its last-checked date on; offers not checked for 6 months are flagged as overdue.

Ages are whole years, inclusive: "until your 25th birthday" is max_age 24; "valid until the
day before your 26th birthday" is max_age 25.
"""

import datetime
import uuid

from boroughs.models import ENGLAND, LONDON

LAST_CHECKED = datetime.date(2026, 11, 26)

# NHS integrated care boards in London (GSS codes, as in boroughs/data/london_boroughs.csv).
NORTH_WEST_LONDON_ICB = "E54000027"
NORTH_CENTRAL_LONDON_ICB = "E54000028"
NORTH_EAST_LONDON_ICB = "E54000029"
SOUTH_EAST_LONDON_ICB = "E54000030"
SOUTH_WEST_LONDON_ICB = "E54000031"

# London authorities that appear below (GSS codes).
BARKING_AND_DAGENHAM = "E09000002"
BEXLEY = "E09000004"
BRENT = "E09000005"
HAMMERSMITH_AND_FULHAM = "E09000013"
HARROW = "E09000015"
ISLINGTON = "E09000019"
KENSINGTON_AND_CHELSEA = "E09000020"
KINGSTON = "E09000021"
TOWER_HAMLETS = "E09000030"

THEMES = [
    # (slug, name, description)
    ("travel", "Travel", "Cheaper bus, tram and train travel."),
    ("health", "Health", "Prescriptions, dental and eye care, and staying well."),
    ("housing", "Housing", "Somewhere to live, deposits, and help if you might lose your home."),
    ("money", "Money", "Grants, bursaries, benefits and council tax."),
    (
        "education-training-employment",
        "Education, training and employment",
        "College, university, apprenticeships and work.",
    ),
    (
        "wellbeing-relationships",
        "Wellbeing and relationships",
        "Support from people who are there for you.",
    ),
    (
        "immigration-legal",
        "Immigration and legal help",
        "Help with immigration status and legal problems.",
    ),
]

# Theme names in the languages the developer could write them in with confidence, drafted
# for the fluent speakers to check: until one ticks "checked" in admin, the pages label them
# "translation not yet checked" (offers.content_language). The other languages show the
# English, marked as English. Persian uses the Dari word first where the two differ
# (README "Persian and Dari").
THEME_NAMES = {
    "travel": {"ar": "المواصلات", "fa": "رفت‌وآمد", "vi": "Đi lại", "sq": "Udhëtimi"},
    "health": {"ar": "الصحة", "fa": "صحت / سلامت", "vi": "Sức khỏe", "sq": "Shëndeti"},
    "housing": {"ar": "السكن", "fa": "مسکن", "vi": "Nhà ở", "sq": "Strehimi"},
    "money": {"ar": "المال", "fa": "پول", "vi": "Tài chính", "sq": "Paratë"},
    "education-training-employment": {
        "ar": "التعليم والتدريب والعمل",
        "fa": "تحصیل، آموزش و کار",
        "vi": "Học tập, đào tạo và việc làm",
        "sq": "Arsimi, formimi dhe punësimi",
    },
    "wellbeing-relationships": {
        "ar": "الرفاه والعلاقات",
        "fa": "صحت روانی و روابط",
        "vi": "Sức khỏe tinh thần và các mối quan hệ",
        "sq": "Mirëqenia dhe marrëdhëniet",
    },
    "immigration-legal": {
        "ar": "الهجرة والمساعدة القانونية",
        "fa": "مهاجرت و کمک حقوقی",
        "vi": "Di trú và trợ giúp pháp lý",
        "sq": "Imigracioni dhe ndihma ligjore",
    },
}

# The six borough commitments of the Pan London Care Leavers Compact (OFFER-FACTS.md).
# Their exact wording is not yet published; these titles describe them.
COMMITMENTS = [
    # (number, slug, title, theme slug)
    (1, "council-tax-exemption", "Council tax exemption for care leavers", "money"),
    (2, "rent-deposit-scheme", "Rent deposit scheme", "housing"),
    (3, "priority-need-to-25", "Priority need for housing up to 25", "housing"),
    (
        4,
        "no-intentionally-homeless-to-25",
        'No "intentionally homeless" finding up to 25',
        "housing",
    ),
    (5, "joint-housing-protocol", "Joint housing and children's services protocol", "housing"),
    (6, "care-leaver-covenant", "Signatory of the Care Leaver Covenant", "wellbeing-relationships"),
]

# Who makes the offers below. `area` ties a provider to the council or ICB it stands for.
PROVIDERS = [
    {
        "name": "Transport for London and the Mayor of London",
        "kind": "transport",
        "area": LONDON,
        "website": "https://tfl.gov.uk",
    },
    {
        "name": "NHS North Central London Integrated Care Board",
        "kind": "nhs",
        "area": NORTH_CENTRAL_LONDON_ICB,
        "website": "https://nclhealthandcare.org.uk",
    },
    {
        "name": "NHS North East London Integrated Care Board",
        "kind": "nhs",
        "area": NORTH_EAST_LONDON_ICB,
        "website": "https://northeastlondon.icb.nhs.uk",
    },
    {
        "name": "NHS North West London Integrated Care Board",
        "kind": "nhs",
        "area": NORTH_WEST_LONDON_ICB,
        "website": "",
    },
    {
        "name": "NHS South East London Integrated Care Board",
        "kind": "nhs",
        "area": SOUTH_EAST_LONDON_ICB,
        "website": "",
    },
    {
        "name": "NHS South West London Integrated Care Board",
        "kind": "nhs",
        "area": SOUTH_WEST_LONDON_ICB,
        "website": "",
    },
    {
        "name": "Department for Education",
        "kind": "government",
        "area": ENGLAND,
        "website": "https://www.gov.uk/government/organisations/department-for-education",
    },
    {
        "name": "Department for Work and Pensions",
        "kind": "government",
        "area": None,
        "website": "https://www.gov.uk/government/organisations/department-for-work-pensions",
    },
    {
        "name": "Department of Health and Social Care",
        "kind": "government",
        "area": ENGLAND,
        "website": "https://www.gov.uk/government/organisations/department-of-health-and-social-care",
    },
    {
        # Funded by the Department for Education and run by Spectra First.
        "name": "Care Leaver Covenant (Spectra First)",
        "kind": "other",
        "area": ENGLAND,
        "website": "https://mycovenant.org.uk",
    },
    {
        "name": "Barking and Dagenham Council",
        "kind": "council",
        "area": BARKING_AND_DAGENHAM,
        "website": "https://www.lbbd.gov.uk",
    },
    {
        "name": "Hammersmith & Fulham Council",
        "kind": "council",
        "area": HAMMERSMITH_AND_FULHAM,
        "website": "https://www.lbhf.gov.uk",
    },
    {
        "name": "Harrow Council",
        "kind": "council",
        "area": HARROW,
        "website": "https://www.harrow.gov.uk",
    },
    {
        "name": "Islington Council",
        "kind": "council",
        "area": ISLINGTON,
        "website": "https://www.islington.gov.uk",
    },
    {
        "name": "Royal Borough of Kensington and Chelsea",
        "kind": "council",
        "area": KENSINGTON_AND_CHELSEA,
        "website": "https://www.rbkc.gov.uk",
    },
    {
        "name": "Royal Borough of Kingston upon Thames",
        "kind": "council",
        "area": KINGSTON,
        "website": "https://www.kingston.gov.uk",
    },
    {
        "name": "Tower Hamlets Council",
        "kind": "council",
        "area": TOWER_HAMLETS,
        "website": "https://www.towerhamlets.gov.uk",
    },
]

# Said on offers whose support comes from the leaving-care duties of the council that
# looked after you (OFFER-FACTS.md, "Former unaccompanied asylum-seeking children").
SCHEDULE_3 = (
    "If you came to the UK as an unaccompanied child: leaving-care support is limited by "
    "Schedule 3 of the Nationality, Immigration and Asylum Act 2002. If your asylum appeal "
    "rights are exhausted, your council must carry out a human rights assessment before it "
    "can go on supporting you. Ask your personal adviser, or get immigration advice."
)

_PRESCRIPTION_DETAILS = (
    "A free NHS Prescription Prepayment Certificate. While it is valid you pay nothing for "
    "NHS prescriptions. It lasts a year, and you get a reminder about a month before it "
    "runs out."
)
_PRESCRIPTION_CONDITIONS = (
    "You must be registered with a GP. It is for care leavers who would otherwise pay for "
    "prescriptions: if you already get them free (for example because of certain benefits "
    "or a medical exemption), you do not need it. It depends on the council that looked "
    "after you, not on where you live now."
)
_PRESCRIPTION_STEPS = (
    "Ask your personal adviser or leaving care team to apply for you.\n"
    "Give them an email address you can use: the certificate is sent by email.\n"
    "The certificate usually arrives within 2 weeks.\n"
    "When the reminder comes, ask your personal adviser to apply for the next one."
)

_ICB_NOT_CONFIRMED = (
    "We have not yet checked this on {icb}'s own pages: how to apply, who exactly can get "
    "it and since when are not yet confirmed. London's integrated care boards offer free "
    "prescriptions to care leavers as part of the Compact; ask your personal adviser "
    "whether it is running for care leavers of your council."
)

_COUNCIL_TAX_DETAILS = "You pay no council tax on your home."

OFFERS = [
    # --- Travel -------------------------------------------------------------------------
    {
        "id": uuid.UUID("d27f059d-6ce6-464a-939e-8cad248006a7"),
        "title": "Half-price bus and tram travel in London",
        "summary": (
            "The 18-25 Care Leaver Bus & Tram Discount Oyster photocard halves adult bus and "
            "tram fares in London."
        ),
        "details": (
            "50% off adult pay as you go fares on London's buses and trams, and 50% off "
            "Bus & Tram Passes for 7 days or for one to 12 months."
        ),
        "how_to_get": (
            "Tell your personal adviser at the London council that looked after you that "
            "you want the card. If you can get it, the council sends your details to TfL.\n"
            "Apply online on TfL's website with your email address and a digital photo of "
            "yourself.\n"
            "Pay the £20 fee with a debit or credit card registered to a London address.\n"
            "The card usually arrives within 2 weeks. You can follow your application in the "
            "photocard account TfL sets up for you."
        ),
        "documents_needed": (
            "An email address you use; a digital photo of yourself (a .jpg, .bmp or .gif "
            "file under 6MB); a debit or credit card registered to a London address."
        ),
        "cost": "£20 fee",
        "contact": "",
        "url": "https://tfl.gov.uk/fares/free-and-discounted-travel/18-25-care-leaver-oyster-photocard",
        "provider": "Transport for London and the Mayor of London",
        "themes": ["travel"],
        "area": LONDON,
        "min_age": 18,
        "max_age": 25,  # valid until the day before the 26th birthday
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,  # the responsible council must be in London
        "conditions": (
            "The council that looked after you must be a London council: it is the council "
            "that tells TfL you can have the card. You can hold only one TfL photocard at a "
            "time, so if you have an 18+ Student Oyster photocard you need to choose one. "
            "The card stops working the day before your 26th birthday."
        ),
        "not_yet_confirmed": (
            "Whether care leavers looked after by a council outside London who now live in "
            "London can get the card is not yet confirmed (probably not)."
        ),
        "starts_on": datetime.date(2024, 2, 21),  # applications opened (Mayoral Decision MD3173)
        "source_url": "https://tfl.gov.uk/fares/free-and-discounted-travel/18-25-care-leaver-oyster-photocard",
    },
    # --- Health: free prescriptions, one offer per London ICB -----------------------------
    # Eligibility follows the ICB of the council that looked after the person, wherever
    # they live: must_be_looked_after_by_area on the ICB's area.
    {
        "id": uuid.UUID("5e77f5dc-95ae-4b28-a747-42efadd8cf9d"),
        "title": "Free prescriptions (North Central London)",
        "summary": (
            "Care leavers of Barnet, Camden, Enfield, Haringey and Islington can get a free "
            "NHS prescription certificate, wherever they live now."
        ),
        "details": _PRESCRIPTION_DETAILS,
        "how_to_get": _PRESCRIPTION_STEPS,
        "documents_needed": "An email address you can use.",
        "cost": "Free",
        "contact": "Your personal adviser at your council's leaving care service.",
        "url": "https://nclhealthandcare.org.uk/keeping-well/support-with-the-cost-of-living/free-prescriptions-for-care-leavers/",
        "provider": "NHS North Central London Integrated Care Board",
        "themes": ["health"],
        "area": NORTH_CENTRAL_LONDON_ICB,
        "min_age": 18,
        "max_age": 24,  # up to the 25th birthday
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": _PRESCRIPTION_CONDITIONS,
        "not_yet_confirmed": "",
        "source_url": "https://nclhealthandcare.org.uk/keeping-well/support-with-the-cost-of-living/free-prescriptions-for-care-leavers/",
    },
    {
        "id": uuid.UUID("f4bc3ddf-28d4-4d3f-8e6a-3cdd48791209"),
        "title": "Free prescriptions (North East London)",
        "summary": (
            "Care leavers of the City of London, Barking and Dagenham, Hackney, Havering, "
            "Newham, Redbridge, Tower Hamlets and Waltham Forest can get a free NHS "
            "prescription certificate, wherever they live now."
        ),
        "details": _PRESCRIPTION_DETAILS,
        "how_to_get": _PRESCRIPTION_STEPS,
        "documents_needed": "An email address you can use.",
        "cost": "Free",
        "contact": "Your council's leaving care team.",
        "url": "https://northeastlondon.icb.nhs.uk/health-advice/support-for-nhs-costs/",
        "provider": "NHS North East London Integrated Care Board",
        "themes": ["health"],
        "area": NORTH_EAST_LONDON_ICB,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": _PRESCRIPTION_CONDITIONS,
        "not_yet_confirmed": "",
        "source_url": "https://northeastlondon.icb.nhs.uk/health-advice/support-for-nhs-costs/",
    },
    {
        "id": uuid.UUID("9566ebdf-0b03-471d-a8c5-f28ea850e490"),
        "title": "Free prescriptions (North West London)",
        "summary": (
            "Care leavers of councils in North West London may be able to get free NHS "
            "prescriptions. The details are not yet confirmed."
        ),
        "details": _PRESCRIPTION_DETAILS,
        "how_to_get": "Ask your personal adviser or leaving care team.",
        "documents_needed": "",
        "cost": "Free",
        "contact": "Your personal adviser at your council's leaving care service.",
        "url": "",
        "provider": "NHS North West London Integrated Care Board",
        "themes": ["health"],
        "area": NORTH_WEST_LONDON_ICB,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": _PRESCRIPTION_CONDITIONS,
        "not_yet_confirmed": _ICB_NOT_CONFIRMED.format(icb="North West London ICB"),
        "source_url": "https://www.londoncouncils.gov.uk/news/2024/pan-london-care-leavers-compact-london-unites-support-care-leavers-discounted-travel",
    },
    {
        "id": uuid.UUID("4ce74229-ed83-47ff-b89b-258bb0b4412b"),
        "title": "Free prescriptions (South East London)",
        "summary": (
            "Care leavers of councils in South East London may be able to get free NHS "
            "prescriptions. Lewisham's care leavers can apply themselves."
        ),
        "details": _PRESCRIPTION_DETAILS,
        "how_to_get": (
            "Lewisham's care leavers can apply for the certificate themselves, or ask their "
            "personal adviser to apply for them.\n"
            "Care leavers of other South East London councils: ask your personal adviser."
        ),
        "documents_needed": "",
        "cost": "Free",
        "contact": "Your personal adviser at your council's leaving care service.",
        "url": "https://lewisham.gov.uk/myservices/children-and-young-people-service/children-in-care/support-for-young-people-leaving-care",
        "provider": "NHS South East London Integrated Care Board",
        "themes": ["health"],
        "area": SOUTH_EAST_LONDON_ICB,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": _PRESCRIPTION_CONDITIONS,
        "not_yet_confirmed": (
            "Lewisham Council says it offers this with the local NHS to its own care leavers "
            "(its page says aged 18 to 25). For care leavers of Bexley, Bromley, Greenwich, "
            "Lambeth and Southwark, and for the exact age limit, this is not yet confirmed: "
            "ask your personal adviser."
        ),
        "source_url": "https://lewisham.gov.uk/myservices/children-and-young-people-service/children-in-care/support-for-young-people-leaving-care",
    },
    {
        "id": uuid.UUID("43860778-5785-48b8-a55b-341bb7abf8a9"),
        "title": "Free prescriptions (South West London)",
        "summary": (
            "Care leavers of councils in South West London may be able to get free NHS "
            "prescriptions. The details are not yet confirmed."
        ),
        "details": _PRESCRIPTION_DETAILS,
        "how_to_get": "Ask your personal adviser or leaving care team.",
        "documents_needed": "",
        "cost": "Free",
        "contact": "Your personal adviser at your council's leaving care service.",
        "url": "",
        "provider": "NHS South West London Integrated Care Board",
        "themes": ["health"],
        "area": SOUTH_WEST_LONDON_ICB,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": _PRESCRIPTION_CONDITIONS,
        "not_yet_confirmed": _ICB_NOT_CONFIRMED.format(icb="South West London ICB"),
        "source_url": "https://www.londoncouncils.gov.uk/news/2024/pan-london-care-leavers-compact-london-unites-support-care-leavers-discounted-travel",
    },
    {
        # Announced; how and from when are UNVERIFIED, so this stays a draft that staff can
        # complete and publish once confirmed.
        "id": uuid.UUID("b65fd295-6897-4568-b723-3e411a006e3d"),
        "status": "draft",
        "title": "Free prescriptions, dental and eye care in England",
        "summary": (
            "The government has announced free prescriptions, dental and eye care for care "
            "leavers in England up to their 25th birthday."
        ),
        "details": "Free NHS prescriptions, NHS dental care and eye care.",
        "how_to_get": "Not yet confirmed.",
        "documents_needed": "",
        "cost": "Free",
        "contact": "",
        "url": "",
        "provider": "Department of Health and Social Care",
        "themes": ["health"],
        "area": ENGLAND,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": False,
        "conditions": "",
        "not_yet_confirmed": (
            "The Department of Health and Social Care announced this on 23 December 2025. "
            "How to claim it, who exactly qualifies and from when are not yet confirmed."
        ),
        "source_url": "https://www.lbc.co.uk/article/care-leavers-prescriptions-dental-care-5HjdPnK_2/",
    },
    # --- Education, training and employment pilots (London ICBs) -------------------------
    # The Compact lists pilots "in North Central and North West London"; nothing else about
    # them is published in our sources. Offered where they run (must live in the ICB area);
    # everything else is shown as not yet confirmed.
    {
        "id": uuid.UUID("14ad2880-ae60-49dc-9b7e-12b125f78832"),
        "title": "Education, training and employment pilot (North Central London)",
        "summary": (
            "A pilot run by the NHS in North Central London to help care leavers into "
            "education, training and work."
        ),
        "details": (
            "London's integrated care boards run education, training and employment pilots "
            "for care leavers in North Central London (Barnet, Camden, Enfield, Haringey "
            "and Islington) and North West London, as part of the Compact. At its launch "
            "the Compact described this as access to training and jobs in healthcare."
        ),
        "how_to_get": "Ask your personal adviser whether the pilot is open and how to join.",
        "documents_needed": "",
        "cost": "",
        "contact": "Your personal adviser.",
        "url": "",
        "provider": "NHS North Central London Integrated Care Board",
        "themes": ["education-training-employment"],
        "area": NORTH_CENTRAL_LONDON_ICB,
        "min_age": 18,
        "max_age": 25,
        "must_live_in_area": True,
        "must_be_looked_after_by_area": False,
        "conditions": "",
        "not_yet_confirmed": (
            "The pilot's details are not yet confirmed: what it offers, who can join "
            "(whether you must live in North Central London or have been looked after by "
            "one of its councils), the age range, how to apply and whether it is still "
            "running."
        ),
        "source_url": "https://www.liia.london/priority-areas/care-leavers/",
    },
    {
        "id": uuid.UUID("b88fbfe6-4ed4-4a9a-a0c6-3e9e7230809d"),
        "title": "Education, training and employment pilot (North West London)",
        "summary": (
            "A pilot run by the NHS in North West London to help care leavers into "
            "education, training and work."
        ),
        "details": (
            "London's integrated care boards run education, training and employment pilots "
            "for care leavers in North West London (Brent, Ealing, Hammersmith and Fulham, "
            "Harrow, Hillingdon, Hounslow, Kensington and Chelsea and Westminster) and North "
            "Central London, as part of the Compact. At its launch the Compact described "
            "this as access to training and jobs in healthcare."
        ),
        "how_to_get": "Ask your personal adviser whether the pilot is open and how to join.",
        "documents_needed": "",
        "cost": "",
        "contact": "Your personal adviser.",
        "url": "",
        "provider": "NHS North West London Integrated Care Board",
        "themes": ["education-training-employment"],
        "area": NORTH_WEST_LONDON_ICB,
        "min_age": 18,
        "max_age": 25,
        "must_live_in_area": True,
        "must_be_looked_after_by_area": False,
        "conditions": "",
        "not_yet_confirmed": (
            "The pilot's details are not yet confirmed: what it offers, who can join "
            "(whether you must live in North West London or have been looked after by one of its "
            "councils), the age range, how to apply and whether it is still running."
        ),
        "source_url": "https://www.liia.london/priority-areas/care-leavers/",
    },
    # --- National entitlements (England) ---------------------------------------------------
    {
        "id": uuid.UUID("d292a2e7-9521-435b-8d75-2495d82c0b26"),
        "title": "A personal adviser until you are 25",
        "summary": (
            "The council that looked after you must give you a personal adviser until your "
            "25th birthday, whether or not you are studying."
        ),
        "details": (
            "A personal adviser (PA) from the council that looked after you: someone who "
            "keeps in touch, helps you plan and helps you get the support you are entitled "
            "to. Together you keep a pathway plan, looked at again at least every 6 months. "
            "Since the Children and Social Work Act 2017 this lasts until you are 25 even if "
            "you are not in education or training; the same Act makes every council publish "
            "its local offer for care leavers."
        ),
        "how_to_get": (
            "Contact the leaving care team of the council that looked after you.\n"
            "If you are over 21 and no longer have a PA, you can ask for one again up to "
            "your 25th birthday."
        ),
        "documents_needed": "",
        "cost": "Free",
        "contact": "The leaving care team of the council that looked after you.",
        "url": "https://childlawadvice.org.uk/information-pages/services-for-children-leaving-care",
        "provider": "Department for Education",
        "themes": ["wellbeing-relationships"],
        "area": ENGLAND,
        "min_age": 16,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": (
            "For care leavers: you were looked after for at least 13 weeks after your 14th "
            "birthday, including some time after you turned 16. If you were in care for "
            'less time after 16, you are a "qualifying" care leaver and can get advice and '
            "help instead. " + SCHEDULE_3
        ),
        "not_yet_confirmed": "",
        "source_url": "https://childlawadvice.org.uk/information-pages/services-for-children-leaving-care",
    },
    {
        "id": uuid.UUID("9fca46c5-df3f-421b-9c99-01d96c0d9e4d"),
        "title": "Staying Put: stay with your foster carers until 21",
        "summary": (
            "If you were in foster care when you turned 18, you can stay living with your "
            "foster carers until you are 21, if you and they both want to."
        ),
        "details": (
            "Your council must support the arrangement until you are 21 (or until you move "
            "out, if sooner), including support for your foster carers and a personal "
            "adviser for you."
        ),
        "how_to_get": (
            "Talk to your social worker or personal adviser and your foster carers well "
            "before you turn 18: Staying Put should be part of your pathway plan."
        ),
        "documents_needed": "",
        "cost": "",
        "contact": "Your social worker or personal adviser.",
        "url": "https://frg.org.uk/get-help-and-advice/a-z-of-terms/staying-put/",
        "provider": "Department for Education",
        "themes": ["housing"],
        "area": ENGLAND,
        "min_age": 18,
        "max_age": 20,  # up to 21
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": (
            "You must have been in foster care when you turned 18, after being looked after "
            "for at least 13 weeks since you were 14. You and your foster carers must both "
            "want it. " + SCHEDULE_3
        ),
        "not_yet_confirmed": "",
        "source_url": "https://frg.org.uk/get-help-and-advice/a-z-of-terms/staying-put/",
    },
    {
        "id": uuid.UUID("8fbf1dee-2e74-4999-93cb-22879aa2e693"),
        "title": "Setting up home allowance",
        "summary": (
            "Money from the council that looked after you for the things you need when you "
            "move into your first home."
        ),
        "details": (
            "Since 1 April 2023 the government has expected councils to give at least £3,000 "
            "(it was £2,000 before), for essentials like furniture and a fridge or cooker."
        ),
        "how_to_get": (
            "Talk to your personal adviser before you move about what you will need. Your "
            "council decides how the money is given."
        ),
        "documents_needed": "",
        "cost": "",
        "contact": "Your personal adviser.",
        "url": "https://coramvoice.org.uk/latest/the-grand-campaign-3000-for-every-care-leaver-clear-rights-fair-support-and-freedom-to-choose",
        "provider": "Department for Education",
        "themes": ["housing", "money"],
        "area": ENGLAND,
        "min_age": 16,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": (
            "Councils set their own rules for how it is used. Not every council pays the "
            "full £3,000: ask yours what it pays. " + SCHEDULE_3
        ),
        "not_yet_confirmed": "",
        "source_url": "https://coramvoice.org.uk/latest/the-grand-campaign-3000-for-every-care-leaver-clear-rights-fair-support-and-freedom-to-choose",
    },
    {
        "id": uuid.UUID("2c3581f6-a079-422f-a1d4-a2cde8ef6a85"),
        "title": "Higher education bursary",
        "summary": (
            "£2,000 from the council that looked after you if you go to university or on "
            "another higher education course."
        ),
        "details": (
            "A £2,000 bursary on top of your student loan and any other help from your "
            "council. You decide what to spend it on."
        ),
        "how_to_get": (
            "Tell your personal adviser about your course, so it is in your pathway plan. "
            "Your council pays the bursary as one sum or in parts."
        ),
        "documents_needed": "",
        "cost": "",
        "contact": "Your personal adviser.",
        "url": "https://coramvoice.org.uk/young-peoples-zone/faq/careleaver-frc/what-help-can-i-get-study-or-do-training",
        "provider": "Department for Education",
        "themes": ["education-training-employment", "money"],
        "area": ENGLAND,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": (
            'For care leavers who were "eligible" or "relevant" before 18 (looked after for '
            "at least 13 weeks since 14, including after 16). " + SCHEDULE_3
        ),
        "not_yet_confirmed": "",
        "source_url": "https://coramvoice.org.uk/young-peoples-zone/faq/careleaver-frc/what-help-can-i-get-study-or-do-training",
    },
    {
        "id": uuid.UUID("ee3f6e6a-3f62-441c-95a6-7820302c4f05"),
        "title": "16 to 19 bursary",
        "summary": (
            "Up to £1,200 a year from your school, college or training provider to help with "
            "the costs of your course."
        ),
        "details": (
            "Up to £1,200 a year for young people in or leaving care, for things like travel, "
            "lunch on study days, books, equipment and clothing for your course. How much you "
            "get depends on what your course costs you."
        ),
        "how_to_get": (
            "Ask student services at your school, college or training provider for the "
            "bursary for students in vulnerable groups.\n"
            "Give them written confirmation from your council that you are a care leaver: "
            "your personal adviser can send it."
        ),
        "documents_needed": (
            "A letter or email from your council confirming that you are, or were, looked after."
        ),
        "cost": "",
        "contact": "Student services at your school, college or training provider.",
        "url": "https://www.gov.uk/government/publications/16-to-19-bursary-fund-guidance/16-to-19-bursary-fund-guide-2025-to-2026",
        "provider": "Department for Education",
        "themes": ["education-training-employment", "money"],
        "area": ENGLAND,
        "min_age": 16,
        "max_age": 18,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": False,
        "conditions": (
            "You must be under 19 on 31 August at the start of the school or college year, "
            "and studying at a publicly funded school, college or training provider in "
            "England (not a university)."
        ),
        "not_yet_confirmed": "",
        "source_url": "https://www.gov.uk/government/publications/16-to-19-bursary-fund-guidance/16-to-19-bursary-fund-guide-2025-to-2026",
    },
    {
        "id": uuid.UUID("7a17f19e-03df-4022-8a82-87fc396eeaf6"),
        "title": "Apprenticeship bursary for care leavers",
        "summary": "£3,000 if you start an apprenticeship in England before you are 25.",
        "details": (
            "£3,000 for apprenticeships started on or after 1 August 2023 (it was £1,000 "
            "before), paid in parts during the first year. You pay no tax on it, and it does "
            "not count as income for Universal Credit. You decide what to spend it on."
        ),
        "how_to_get": (
            "Tell your training provider that you are a care leaver, at the start of your "
            "apprenticeship.\n"
            "Give them written confirmation from your council that you are a care leaver.\n"
            "Your training provider claims the bursary and passes each payment on to you."
        ),
        "documents_needed": "Written confirmation from your council that you are a care leaver.",
        "cost": "",
        "contact": "Your apprenticeship training provider.",
        "url": "https://www.gov.uk/government/publications/apprenticeships-bursary-for-care-leavers/apprenticeships-care-leavers-bursary-policy-summary",
        "provider": "Department for Education",
        "themes": ["education-training-employment", "money"],
        "area": ENGLAND,
        "min_age": 16,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": False,
        "conditions": (
            "You must be under 25 when your apprenticeship starts, and in care or a care "
            "leaver. You can choose whether your employer is told you are a care leaver."
        ),
        "not_yet_confirmed": "",
        "source_url": "https://www.gov.uk/government/publications/apprenticeships-bursary-for-care-leavers/apprenticeships-care-leavers-bursary-policy-summary",
    },
    {
        "id": uuid.UUID("93478460-c5c7-481d-868e-28c2e1350be7"),
        "title": "More help with rent: no shared accommodation rate until 25",
        "summary": (
            "If you rent privately and get Universal Credit or Housing Benefit, you get help "
            "at the one-bedroom rate, not the lower shared accommodation rate, until you are "
            "25."
        ),
        "details": (
            "Most single people under 35 only get help with rent at the shared accommodation "
            "rate, meant for a room in a shared house. Since 31 May 2021 care leavers under "
            "25 are exempt, so the housing help is worked out at the higher one-bedroom rate "
            "of Local Housing Allowance."
        ),
        "how_to_get": (
            "Tell your Universal Credit work coach, or the Housing Benefit office, that you "
            "are a care leaver."
        ),
        "documents_needed": "",
        "cost": "",
        "contact": "Your Universal Credit work coach.",
        "url": "https://www.gov.uk/government/news/care-leavers-and-homeless-people-could-receive-extra-housing-support",
        "provider": "Department for Work and Pensions",
        "themes": ["housing", "money"],
        "area": ENGLAND,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": False,
        "conditions": (
            "For private renting paid through Universal Credit or Housing Benefit. Not for "
            "people with no recourse to public funds (NRPF), who cannot claim these benefits."
        ),
        "not_yet_confirmed": "",
        "source_url": "https://www.gov.uk/government/news/care-leavers-and-homeless-people-could-receive-extra-housing-support",
    },
    {
        "id": uuid.UUID("c460154f-078c-4fca-8bdb-b9379bf108df"),
        "title": "Care Leaver Covenant",
        "summary": (
            "Offers from companies, charities and public bodies that have pledged to support "
            "care leavers in England: jobs, training, discounts and more."
        ),
        "details": (
            "Organisations that sign the Covenant make offers to care leavers aged 16 to 25: "
            "for example jobs, apprenticeships, work experience, training, mentoring and "
            "discounts. The Covenant started on 26 October 2018; the Department for "
            "Education funds it and Spectra First runs it. The Greater London Authority "
            "signed it in 2018."
        ),
        "how_to_get": (
            "Sign up free on the Care Leaver Covenant website to hear about offers that suit "
            "you.\n"
            "Your personal adviser can sign up too and look at offers with you."
        ),
        "documents_needed": "",
        "cost": "Free",
        "contact": "",
        "url": "https://mycovenant.org.uk",
        "provider": "Care Leaver Covenant (Spectra First)",
        "themes": ["education-training-employment", "wellbeing-relationships"],
        "area": ENGLAND,
        "min_age": 16,
        "max_age": 25,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": False,
        "conditions": "Each organisation sets the rules for its own offer.",
        "not_yet_confirmed": "",
        "source_url": "https://mycovenant.org.uk",
    },
    # --- Council tax: each borough's own rule ----------------------------------------------
    {
        "id": uuid.UUID("ff240baa-c314-4021-9836-ca588500b7ae"),
        "title": "No council tax for care leavers living in Islington",
        "summary": (
            "Any care leaver who lives in Islington pays no council tax until their 25th "
            "birthday, whichever council looked after them."
        ),
        "details": _COUNCIL_TAX_DETAILS,
        "how_to_get": "Ask Islington Council's council tax team or your personal adviser.",
        "documents_needed": "",
        "cost": "",
        "contact": "",
        "url": "",
        "provider": "Islington Council",
        "themes": ["money"],
        "area": ISLINGTON,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": True,
        "must_be_looked_after_by_area": False,
        "conditions": "",
        "not_yet_confirmed": "How to apply is not yet confirmed.",
        "starts_on": datetime.date(2017, 4, 1),
        "source_url": "http://www.islingtongazette.co.uk/news/politics/no_more_council_tax_for_care_leavers_in_islington_1_4886020",
    },
    {
        "id": uuid.UUID("debc66d5-905b-4b71-9038-b13749531272"),
        "title": "No council tax for Kingston's care leavers living in Kingston",
        "summary": (
            "Care leavers of Kingston Council who live in Kingston pay no council tax until "
            "their 25th birthday. Care leavers of other councils cannot get it."
        ),
        "details": (
            "A 100% discount on your council tax, taken after any other discount or "
            "Council Tax Reduction you get. If you share your home, you are not counted for "
            "council tax, which can lower the bill of the people you live with."
        ),
        "how_to_get": (
            "Apply to Kingston Council using the contact form on its council tax pages.\n"
            "Send your date of birth and a copy of your tenancy agreement.\n"
            "The council checks with Achieving for Children that you are a Kingston care "
            "leaver."
        ),
        "documents_needed": "Your date of birth; a copy of your tenancy agreement.",
        "cost": "",
        "contact": "",
        "url": "https://kingston.gov.uk/council-tax/discounts-exemptions",
        "provider": "Royal Borough of Kingston upon Thames",
        "themes": ["money"],
        "area": KINGSTON,
        "min_age": 18,
        "max_age": 24,  # until the day before the 25th birthday
        "must_live_in_area": True,
        "must_be_looked_after_by_area": True,
        "conditions": (
            "You must be a Kingston care leaver and be the person who has to pay the council "
            "tax. It does not apply in a house in multiple occupation where the landlord "
            "pays the council tax."
        ),
        "not_yet_confirmed": "",
        "starts_on": datetime.date(2024, 4, 1),
        "source_url": "https://kingston.gov.uk/council-tax/discounts-exemptions",
    },
    {
        "id": uuid.UUID("6fef63f6-69e3-4fbd-86b1-1149f2c9b972"),
        "title": "No council tax for Tower Hamlets' care leavers",
        "summary": (
            "Care leavers of Tower Hamlets Council pay no council tax until they are 25, "
            "whether they live in Tower Hamlets or somewhere else."
        ),
        "details": _COUNCIL_TAX_DETAILS,
        "how_to_get": "Ask your personal adviser at Tower Hamlets Council.",
        "documents_needed": "",
        "cost": "",
        "contact": "Your personal adviser at Tower Hamlets Council.",
        "url": "",
        "provider": "Tower Hamlets Council",
        "themes": ["money"],
        "area": TOWER_HAMLETS,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": "",
        "not_yet_confirmed": (
            "How to apply, and how it works when you live in another borough (who pays "
            "the bill there), are not yet confirmed."
        ),
        "starts_on": datetime.date(2017, 4, 1),  # backdated to April 2017
        "source_url": "https://www.towerhamlets.gov.uk/News_events/News/2017/August_2017/Council_Tax_exemption_for_care_leavers_until_the_age_of_25.aspx",
    },
    {
        "id": uuid.UUID("d39208d0-d330-4d04-ace9-1d3dad6af25a"),
        "title": "No council tax for Barking and Dagenham's care leavers living in the borough",
        "summary": (
            "Care leavers of Barking and Dagenham Council who live in the borough pay no "
            "council tax. The council takes it off your bill without you applying."
        ),
        "details": (
            "No council tax to pay, even if you share with other care leavers. If you live "
            "with someone who is not a care leaver, they pay the bill with a 25% discount."
        ),
        "how_to_get": (
            "You do not need to apply: the council gives it automatically.\n"
            "If your bill does not show it, call the council's Corporate Parents Team."
        ),
        "documents_needed": "",
        "cost": "",
        "contact": "Corporate Parents Team: 020 8227 5496 or 020 8227 2778",
        "url": "https://www.lbbd.gov.uk/council-tax/discounts-and-exemptions/children-and-young-people",
        "provider": "Barking and Dagenham Council",
        "themes": ["money"],
        "area": BARKING_AND_DAGENHAM,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": True,
        "must_be_looked_after_by_area": True,
        "conditions": (
            "You must be responsible for the council tax on your home, alone or with others. "
            "If you share with other care leavers, you must all be named on the tenancy and "
            "pay rent on the whole home. It does not apply in a house in multiple occupation "
            "where the owner pays the council tax."
        ),
        "not_yet_confirmed": (
            "The upper age: the council's page says 18 to 25, which may mean until your "
            "25th or your 26th birthday."
        ),
        "starts_on": datetime.date(2020, 4, 1),
        "source_url": "https://www.lbbd.gov.uk/council-tax/discounts-and-exemptions/children-and-young-people",
    },
    {
        "id": uuid.UUID("becef94f-799f-4af7-8972-9fb0a5801305"),
        "title": "Six months without council tax for Harrow's care leavers",
        "summary": (
            "Care leavers of Harrow Council can have up to 6 months without council tax on "
            "a home in council tax band A, B or C."
        ),
        "details": (
            "A 100% discount for up to 6 months in all, which can be spread over two "
            "financial years or two homes."
        ),
        "how_to_get": "Ask your personal adviser at Harrow Council.",
        "documents_needed": "",
        "cost": "",
        "contact": "Your personal adviser at Harrow Council.",
        "url": "",
        "provider": "Harrow Council",
        "themes": ["money"],
        "area": HARROW,
        "min_age": 18,
        "max_age": 25,
        "must_live_in_area": False,
        "must_be_looked_after_by_area": True,
        "conditions": (
            "Only for care leavers Harrow Council looked after. As reported in 2019: you "
            "must live alone, in a home in council tax band A, B or C."
        ),
        "not_yet_confirmed": (
            "These rules were reported in 2019 and may have changed since. Whether it "
            "covers a home outside Harrow, the exact upper age and how to apply are not yet "
            "confirmed."
        ),
        "source_url": "https://www.harrowtimes.co.uk/news/18023797.childrens-society-urges-harrow-council-increase-tax-exemptions-care-leavers/",
    },
    {
        "id": uuid.UUID("206bb914-3cde-49b3-9b75-969bd633ca11"),
        "title": "No council tax for care leavers in Hammersmith & Fulham",
        "summary": (
            "Care leavers in Hammersmith & Fulham pay no council tax until their 25th "
            "birthday. It was the first London borough to do this, in December 2016."
        ),
        "details": _COUNCIL_TAX_DETAILS,
        "how_to_get": "Ask your personal adviser or Hammersmith & Fulham Council.",
        "documents_needed": "",
        "cost": "",
        "contact": "",
        "url": "",
        "provider": "Hammersmith & Fulham Council",
        "themes": ["money"],
        "area": HAMMERSMITH_AND_FULHAM,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": True,
        "must_be_looked_after_by_area": False,
        "conditions": "",
        "not_yet_confirmed": (
            "Whether care leavers looked after by other councils can get it, whether the "
            "council's own care leavers living elsewhere can, and how to apply, are not yet "
            "confirmed."
        ),
        "source_url": "https://www.lbhf.gov.uk/news/2016/12/hf-council-first-london-scrap-council-tax-care-leavers",
    },
    {
        "id": uuid.UUID("ff8097f9-d2ac-486e-b02d-ea7e6e393f68"),
        "title": "No council tax for care leavers living in Kensington and Chelsea",
        "summary": (
            "Care leavers who live in Kensington and Chelsea and pay council tax there pay "
            "nothing until they are 25."
        ),
        "details": (
            "No council tax to pay. It is worked out after any Council Tax Reduction, single "
            "person discount or student exemption you get."
        ),
        "how_to_get": (
            "Contact your support worker in the council's children's services, who will ask "
            "for it for you."
        ),
        "documents_needed": "",
        "cost": "",
        "contact": "Your support worker in children's services.",
        "url": "https://www.rbkc.gov.uk/council-tax/discounts-reductions-and-exemptions/if-you-are-care-leaver",
        "provider": "Royal Borough of Kensington and Chelsea",
        "themes": ["money"],
        "area": KENSINGTON_AND_CHELSEA,
        "min_age": 18,
        "max_age": 24,
        "must_live_in_area": True,
        "must_be_looked_after_by_area": False,
        "conditions": "You must be the person who has to pay the council tax.",
        "not_yet_confirmed": (
            "How care leavers looked after by another council apply is not yet confirmed: "
            "the council's page asks a support worker in its own children's services to "
            "apply."
        ),
        "source_url": "https://www.rbkc.gov.uk/council-tax/discounts-reductions-and-exemptions/if-you-are-care-leaver",
    },
]

# Known borough positions on the Compact commitments. Every other borough and commitment
# stays "not known". `as_of` is the date the evidence gives; None where it gives only a
# month or a year (said in the note).
COMMITMENT_STATUSES = [
    # (borough GSS code, commitment slug, status, note, evidence link, as of)
    (
        ISLINGTON,
        "council-tax-exemption",
        "yes",
        "Any care leaver living in Islington, until 25, from April 2017.",
        "http://www.islingtongazette.co.uk/news/politics/no_more_council_tax_for_care_leavers_in_islington_1_4886020",
        datetime.date(2017, 2, 11),
    ),
    (
        KINGSTON,
        "council-tax-exemption",
        "yes",
        "Kingston's own care leavers living in Kingston, until 25, from 1 April 2024. Not "
        "for care leavers of other councils.",
        "https://kingston.gov.uk/council-tax/discounts-exemptions",
        datetime.date(2024, 4, 1),
    ),
    (
        TOWER_HAMLETS,
        "council-tax-exemption",
        "yes",
        "Tower Hamlets' own care leavers, living in the borough or outside it, until 25 "
        "(council news, August 2017).",
        "https://www.towerhamlets.gov.uk/News_events/News/2017/August_2017/Council_Tax_exemption_for_care_leavers_until_the_age_of_25.aspx",
        None,
    ),
    (
        BARKING_AND_DAGENHAM,
        "council-tax-exemption",
        "yes",
        "Its own care leavers living in the borough; given automatically from 1 April 2020.",
        "https://www.lbbd.gov.uk/council-tax/discounts-and-exemptions/children-and-young-people",
        datetime.date(2020, 4, 1),
    ),
    (
        HARROW,
        "council-tax-exemption",
        "partly",
        "Its own care leavers, for at most 6 months, homes in bands A-C only (reported in 2019).",
        "https://www.harrowtimes.co.uk/news/18023797.childrens-society-urges-harrow-council-increase-tax-exemptions-care-leavers/",
        None,
    ),
    (
        HAMMERSMITH_AND_FULHAM,
        "council-tax-exemption",
        "yes",
        "Until 25; the first London borough to do this (council news, December 2016).",
        "https://www.lbhf.gov.uk/news/2016/12/hf-council-first-london-scrap-council-tax-care-leavers",
        None,
    ),
    (
        KENSINGTON_AND_CHELSEA,
        "council-tax-exemption",
        "yes",
        "Care leavers living in the borough and liable for council tax, until 25.",
        "https://www.rbkc.gov.uk/council-tax/discounts-reductions-and-exemptions/if-you-are-care-leaver",
        datetime.date(2020, 6, 1),  # the page's "last updated" date
    ),
    (
        BRENT,
        "council-tax-exemption",
        "yes",
        "Brent's care leavers do not pay council tax, since 2018 (report to Brent's "
        "Corporate Parenting Committee, 2024). Exact rules not yet confirmed.",
        "https://democracy.brent.gov.uk/mgAi.aspx?ID=67433",
        None,
    ),
    (
        BRENT,
        "rent-deposit-scheme",
        "no",
        "No rent deposit scheme in 2024; the council said it would look at one as part of "
        "the Compact.",
        "https://democracy.brent.gov.uk/mgAi.aspx?ID=67433",
        None,
    ),
    (
        BRENT,
        "priority-need-to-25",
        "partly",
        "Not formally adopted in 2024, but the housing and looked-after children's services "
        "work closely together in practice.",
        "https://democracy.brent.gov.uk/mgAi.aspx?ID=67433",
        None,
    ),
    (
        BRENT,
        "no-intentionally-homeless-to-25",
        "yes",
        "In practice, 2024: care leavers are offered supported accommodation until they are "
        "ready for their own tenancy, so none has been found intentionally homeless.",
        "https://democracy.brent.gov.uk/mgAi.aspx?ID=67433",
        None,
    ),
    (
        BEXLEY,
        "council-tax-exemption",
        "yes",
        "The cabinet decided to exempt young adults leaving Bexley's care (council news). "
        "Its exact rules and start date are not yet confirmed.",
        "https://www.bexley.gov.uk/news/council-tax-exemption-young-adults-leaving-care",
        None,
    ),
    (
        HAMMERSMITH_AND_FULHAM,
        "joint-housing-protocol",
        "yes",
        "A published joint protocol between children's services and housing for care leavers.",
        "https://lbhf.gov.uk/joint-housing-protocol-care-leavers",
        None,
    ),
]
