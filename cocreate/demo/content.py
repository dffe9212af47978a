"""Word lists the demo community is made of: a fictional outdoor-gear brand, Trailhead."""

BOARDS = [
    {
        "slug": "mobile-app",
        "name": "Trailhead mobile app",
        "description": "Route planning, trip logs and the gear checklist on iOS and Android.",
        "tags": ["Offline", "Maps", "Sync", "Notifications", "Accessibility", "Wearables"],
        "objects": [
            "offline maps",
            "trip log",
            "route planner",
            "gear checklist",
            "elevation profile",
            "weather alerts",
            "photo journal",
            "GPX import",
            "dark mode",
            "watch app",
        ],
    },
    {
        "slug": "web-shop",
        "name": "Website and shop",
        "description": "Everything about buying from us online: search, checkout, returns, your account.",
        "tags": ["Checkout", "Search", "Returns", "Account", "Payments", "Delivery"],
        "objects": [
            "checkout",
            "size guide",
            "order tracking",
            "wishlist",
            "product search",
            "returns portal",
            "gift cards",
            "store pickup",
            "product reviews",
            "saved carts",
        ],
    },
    {
        "slug": "gear",
        "name": "Gear and apparel",
        "description": "Tents, packs, jackets and boots: what should we make, change or bring back?",
        "tags": ["Tents", "Packs", "Footwear", "Jackets", "Sustainability", "Sizing"],
        "objects": [
            "ultralight tent",
            "35L daypack",
            "rain jacket",
            "hiking boots",
            "sleeping bag",
            "trekking poles",
            "base layers",
            "kids' range",
            "repair kits",
            "recycled fabrics",
        ],
    },
    {
        "slug": "stores",
        "name": "Store experience",
        "description": "Our shops, rentals and workshops: in person and at the kiosk.",
        "tags": ["Rentals", "Workshops", "Kiosk", "Staff", "Events"],
        "objects": [
            "gear rentals",
            "repair workshop",
            "in-store kiosk",
            "fitting service",
            "weekend events",
            "trade-in program",
            "loyalty desk",
        ],
    },
]
PRIVATE_BOARD = {
    "slug": "beta-lab",
    "name": "Beta lab (staff)",
    "description": "Internal board for the product team and moderators: prototypes and early feedback.",
    "tags": ["Prototype", "Research"],
    "objects": ["prototype stove", "smart tag", "new fabric test", "app onboarding"],
    "allowed_roles": "moderator,product",
}

TITLE_PATTERNS = [
    "Add {feature} to the {obj}",
    "Let me {verb} the {obj}",
    "{Obj}: {feature}",
    "Make the {obj} work {context}",
    "Bring back the old {obj}",
    "The {obj} needs {feature}",
    "Please support {feature} in the {obj}",
    "{Obj} should {verb} {context}",
]
FEATURES = [
    "sharing with friends",
    "an export to CSV",
    "a larger size range",
    "offline access",
    "clearer pricing",
    "keyboard shortcuts",
    "a compact mode",
    "reminders",
    "a metric/imperial switch",
    "family accounts",
    "repair instructions",
    "a lighter version",
    "recycled materials",
    "a high-contrast theme",
    "multi-day planning",
    "real-time stock",
    "a trial period",
]
VERBS = [
    "customise",
    "share",
    "export",
    "pause",
    "schedule",
    "compare",
    "filter",
    "sync",
    "reorder",
    "repair",
]
CONTEXTS = [
    "without a signal",
    "on small screens",
    "for groups",
    "in winter",
    "with gloves on",
    "for left-handed people",
    "across devices",
    "for kids",
    "in the rain",
]

BODY_SENTENCES = [
    "I use this every weekend and this is the one thing that slows me down.",
    "Right now I have to work around it with screenshots and notes, which is clumsy.",
    "Our hiking club has twelve people and we all ran into the same problem last month.",
    "Competitors already do something similar, but I would rather stay with Trailhead.",
    "It matters most on longer trips, when there is no time to fiddle with settings.",
    "Even a simple first version would help a lot; it does not need every option.",
    "I would happily test an early version and report back.",
    "The current behaviour is confusing: I expected it to remember my choice.",
    "For people with limited mobility this would make a real difference.",
    "This came up again on our last trip in the Dolomites.",
]
COMMENTS = [
    "Same here, this would save me a lot of time.",
    "+1, especially for longer trips.",
    "A workaround I use: export first, then edit it on the laptop. Not great though.",
    "Would this also cover the kids' range?",
    "Thanks for the update! Looking forward to trying it.",
    "I'd pay extra for this, honestly.",
    "Could you share when this is expected?",
    "We discussed this in the store workshop last week and everyone agreed.",
    "Please keep it simple: one switch would be enough.",
    "This is the main reason I still carry a paper map.",
]
STATUS_NOTES = {
    "under_review": "Thanks, we're looking into how many of you need this.",
    "planned": "This is on the roadmap for next quarter.",
    "in_progress": "Our team started working on this.",
    "shipped": "Shipped! Thank you all for the votes and details.",
    "declined": "We won't do this for now: it conflicts with our safety guidelines.",
}

PRODUCTS = [
    ("Ridge 2 ultralight tent", "gear", "A two-person tent at 1.1 kg with a freestanding frame."),
    ("Summit 35L daypack", "gear", "A ventilated daypack with a rain cover and hip-belt pockets."),
    ("Storm shell jacket", "gear", "A three-layer waterproof jacket with pit zips."),
    ("Granite hiking boots", "gear", "Leather boots with a grippy sole for rocky trails."),
    ("Trailhead app Premium", "mobile-app", "Offline maps, route planning and weather alerts."),
    ("Gear rental service", "stores", "Rent tents, packs and stoves for a weekend."),
]
REVIEW_TITLES = {
    5: ["Best purchase this year", "Exceeded my expectations", "Worth every cent"],
    4: ["Very good, small niggles", "Solid and reliable", "Would buy again"],
    3: ["Does the job", "Okay for the price", "Mixed feelings"],
    2: ["Not what I hoped", "Quality issues", "Disappointing after a month"],
    1: ["Broke on the first trip", "Would not recommend", "Returned it"],
}
REVIEW_BODIES = [
    "Used it on a week-long trek in the Alps and it held up well.",
    "Sizing runs small, so order one size up.",
    "Customer service replaced a faulty part within days.",
    "Heavier than advertised, but very sturdy.",
    "Packed it in the rain twice and everything stayed dry.",
    "The zips started to stick after a few weeks.",
]
PROS = ["Light", "Sturdy", "Great value", "Easy to set up", "Warm", "Comfortable"]
CONS = ["Pricey", "Runs small", "Zips stick", "Heavy", "Few colours", ""]
