"""The Compact's first data, in the portal's own words, each fact with its source.

Loaded by `manage.py load_compact_data` (offers.services.compact_data_load). Records
are keyed by slug, number or a fixed UUID so that loading twice changes nothing.
"""

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

PROVIDERS = []
OFFERS = []
COMMITMENT_STATUSES = []
