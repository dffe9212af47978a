"""Demo content for CoCreate: the community of Trailhead, a fictional outdoor-gear brand.

Data only. Boards, ideas (with comments, statuses and the product team's notes), products and
reviews, campaigns with stories, beta programs and the names demo members are made from.
"""

from __future__ import annotations

BOARDS = {
    "mobile-app": {
        "name": "Trailhead mobile app",
        "description": "Route planning, offline maps, trip logs and the gear checklist, on your phone and "
        "your watch. Tell us what would make the app more useful out on the trail.",
        "tags": ["Offline", "Maps", "Sync", "Notifications", "Accessibility", "Wearables"],
    },
    "web-shop": {
        "name": "Website and shop",
        "description": "Buying from us online: finding the right gear, checkout, delivery, returns and your "
        "account.",
        "tags": ["Checkout", "Search", "Returns", "Account", "Payments", "Delivery"],
    },
    "gear": {
        "name": "Gear and apparel",
        "description": "Tents, packs, jackets, boots and everything else we make. What should we change, "
        "add or bring back?",
        "tags": ["Tents", "Packs", "Footwear", "Jackets", "Sustainability", "Sizing"],
    },
    "stores": {
        "name": "Store experience",
        "description": "Our shops in person: gear rentals, repair workshops, the in-store kiosk, our staff "
        "and weekend events.",
        "tags": ["Rentals", "Workshops", "Kiosk", "Staff", "Events"],
    },
}

PRIVATE_BOARD = {
    "slug": "beta-lab",
    "name": "Beta lab (staff)",
    "description": "Staff only: the product team and moderators share prototypes, research notes and "
    "early test results here before anything goes public.",
    "tags": ["Prototype", "Research"],
    "allowed_roles": "moderator,product",
}

PRODUCTS = [
    {
        "slug": "ridge-2-tent",
        "name": "Ridge 2 ultralight tent",
        "board": "gear",
        "description": "A two-person freestanding tent at 1.1 kg, with one door, a roomy vestibule and "
        "a single hub pole that pitches in about three minutes.",
        "colour": "#2f6f4e",
    },
    {
        "slug": "summit-35l-daypack",
        "name": "Summit 35L daypack",
        "board": "gear",
        "description": "A ventilated mesh-back daypack with hip-belt pockets, a stowable rain cover and "
        "a side pocket you can reach with the pack on.",
        "colour": "#c4622d",
    },
    {
        "slug": "storm-shell-jacket",
        "name": "Storm shell jacket",
        "board": "gear",
        "description": "A three-layer waterproof shell with long pit zips, a helmet-compatible hood and "
        "a PFAS-free water-repellent finish.",
        "colour": "#1f4e79",
    },
    {
        "slug": "granite-hiking-boots",
        "name": "Granite hiking boots",
        "board": "gear",
        "description": "Leather mid-height boots with a waterproof lining, a firm heel counter and a deep "
        "lug sole for rocky trails. Resoleable.",
        "colour": "#6b4f3a",
    },
    {
        "slug": "trailhead-app-premium",
        "name": "Trailhead app Premium",
        "board": "mobile-app",
        "description": "Offline maps, route planning with elevation profiles, weather alerts along your "
        "route and unlimited trip logs.",
        "colour": "#3a7ca5",
    },
    {
        "slug": "gear-rental-service",
        "name": "Gear rental service",
        "board": "stores",
        "description": "Rent tents, packs, sleeping bags and stoves from any Trailhead store for a "
        "weekend or a week. Everything is cleaned and checked between trips.",
        "colour": "#8a6d3b",
    },
    {
        "slug": "ember-stove",
        "name": "Ember canister stove",
        "board": "gear",
        "description": "A compact canister stove with a wide burner, a push-button igniter and fine "
        "simmer control. Boils 1 L of water in about four minutes and folds to 90 g.",
        "colour": "#d9822b",
    },
    {
        "slug": "drift-sleeping-bag",
        "name": "Drift -5 down sleeping bag",
        "board": "gear",
        "description": "A 3-season down bag with a comfort rating of 0°C, a neck baffle and a "
        "water-resistant shell. Packs to the size of a large water bottle.",
        "colour": "#5b4b8a",
    },
    {
        "slug": "ascent-trekking-poles",
        "name": "Ascent carbon trekking poles",
        "board": "gear",
        "description": "Three-section carbon poles with flick locks, cork grips and swappable tips. "
        "240 g each.",
        "colour": "#444c56",
    },
    {
        "slug": "puddle-kids-jacket",
        "name": "Puddle kids' rain jacket",
        "board": "gear",
        "description": "A waterproof jacket for ages 3 to 12 with reflective trims, a hood that stays "
        "out of their eyes and a name label inside.",
        "colour": "#e3b505",
    },
    {
        "slug": "beacon-headlamp",
        "name": "Beacon 400 headlamp",
        "board": "gear",
        "description": "A 400-lumen rechargeable headlamp with a red mode, a lock switch and a battery "
        "indicator. Charges over USB-C.",
        "colour": "#b23a48",
    },
    {
        "slug": "clearflow-filter",
        "name": "Clearflow water filter",
        "board": "gear",
        "description": "A squeeze filter that removes bacteria and protozoa, with a 1 L soft flask and a "
        "backflush syringe. Filters up to 1,500 L.",
        "colour": "#2a9d8f",
    },
]

IDEAS = {
    "mobile-app": [
        {
            "title": "Offline maps for whole national parks",
            "body": "When I hike in a national park I lose signal within an hour of the trailhead, and "
            "downloading route by route means I always miss the side trail I end up wanting. Let me "
            "download the whole park in one go, even if it takes a few hundred MB.",
            "tags": ["Offline", "Maps"],
            "product": "trailhead-app-premium",
            "comments": [
                {
                    "body": "Yes please. Last summer I had to turn back at a junction because the detour "
                    "wasn't inside my downloaded corridor.",
                    "replies": [
                        "Same thing happened to me on a lake loop. The route was fine, the escape "
                        "path wasn't."
                    ],
                },
                {
                    "body": "Please show the download size before it starts. By day three my phone is "
                    "nearly full of photos.",
                    "replies": [
                        "Paula from the product team here: the download screen will show the size "
                        "and let you pick a lower detail level for the biggest parks."
                    ],
                },
                {
                    "body": "Would this include contour lines, or just the paths? Contours are what I "
                    "actually navigate with.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "On the plan for app 4.3: downloads by park boundary instead of by route "
                "corridor, contours and huts included.",
                "in_progress": "Whole-park downloads work in our test builds. We're now shrinking map tiles "
                "so even a large park fits in under 400 MB. You can try it in the Offline maps beta.",
            },
        },
        {
            "title": "Warn me before I lose signal on a route",
            "body": "The app roughly knows where coverage drops off. A heads-up like 'no signal for the "
            "next 6 km' would remind me to check the forecast and message home while I still can.",
            "tags": ["Offline", "Notifications"],
            "product": None,
            "comments": [
                {
                    "body": "Great idea for solo hikers. I always forget to send the 'still fine' message "
                    "until it's too late.",
                    "replies": ["Same. Even a buzz at the last bar of signal would do."],
                },
                {
                    "body": "Where would the coverage data come from? Carrier maps are wildly optimistic "
                    "in the hills.",
                    "replies": [
                        "Paula from the product team here: from anonymous signal reports by app "
                        "users who opt in, so it reflects what hikers actually see rather than the carrier's "
                        "map."
                    ],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "Lots of support for this. We're checking whether we have enough signal "
                "data to make the warnings reliable.",
                "planned": "Planned alongside whole-park downloads: the app will flag stretches of your "
                "route with no reported signal, based on opt-in reports from other hikers.",
            },
        },
        {
            "title": "Let me reorder my gear checklist",
            "body": "My checklist is in the order I added things, so the stove sits between socks and "
            "sunscreen. I pack by category, so I'd like to drag items up and down, or at least group "
            "them.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Groups would be even better than drag and drop: shelter, kitchen, clothing, "
                    "first aid.",
                    "replies": ["Agreed, and let me collapse the groups I've already packed."],
                },
                {
                    "body": "Thank you for shipping this! Tidied up my winter list in two minutes.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "We'll add drag-and-drop ordering to the checklist, plus optional groups.",
                "in_progress": "Drag and drop works in testing. Groups are coming in the same release.",
                "shipped": "Out now in app 4.1: press and hold an item to move it, or tap 'Add group' to "
                "sort items into sections.",
            },
            "changelog": "Gear checklist: press and hold to reorder items, and sort them into groups you "
            "can collapse once they're packed.",
        },
        {
            "title": "Sync trip logs between phone and tablet",
            "body": "I plan at home on a tablet and hike with my phone. Trip logs only show up on the "
            "device that recorded them, so my planning notes and my actual tracks never meet.",
            "tags": ["Sync"],
            "product": None,
            "comments": [
                {
                    "body": "This would also stop people losing everything when they change phones.",
                    "replies": ["That's how I lost two years of logs. Painful."],
                },
                {
                    "body": "I'd want a way to keep some logs on one device only, for private routes.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Show sunset and remaining daylight on the route card",
            "body": "Every autumn I misjudge how much light I have left. If the route card showed sunset "
            "and something like 'about 1 h 40 min of daylight after your estimated finish', I'd plan "
            "my start much better.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Twilight too, please. On open ground there's usable light for a while after "
                    "sunset.",
                    "replies": [
                        "Paula from the product team here: twilight is in the expanded view. Tap "
                        "the sun icon on the route card."
                    ],
                },
                {
                    "body": "This saved me on a ridge walk last week. I turned around at the right time.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned for the next route card update. We'll use your start time and pace to "
                "work out the daylight left at your finish.",
                "in_progress": "Sunset and daylight estimates are in testing on both platforms.",
                "shipped": "Shipped in app 4.0. The route card now shows sunset and how much daylight "
                "you'll have at your estimated finish.",
            },
            "changelog": "Route cards now show sunset, twilight and the daylight left at your estimated "
            "finish time.",
        },
        {
            "title": "Bigger buttons when I'm wearing gloves",
            "body": "In winter I hike in thick gloves and can't hit the small record and pause buttons. A "
            "glove mode with big targets for the main actions would stop me taking my gloves off at "
            "-10°C.",
            "tags": ["Accessibility"],
            "product": None,
            "comments": [
                {
                    "body": "Touchscreen gloves help a bit, but not with the tiny map buttons.",
                    "replies": [],
                },
                {
                    "body": "This would help people with a tremor too, not just winter hikers.",
                    "replies": [
                        "Paula from the product team here: that's exactly why we're building it "
                        "as a general 'large controls' setting rather than a winter-only mode."
                    ],
                },
                {
                    "body": "Using the volume buttons to start and pause recording would be a neat extra.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "We'll add a large controls setting that makes record, pause and map zoom "
                "much bigger.",
                "in_progress": "Design is done and large controls are being built. We're testing them with "
                "a winter hiking club and with people who have limited hand mobility.",
            },
        },
        {
            "title": "Import GPX files straight from email and messages",
            "body": "Friends send me routes as GPX attachments, and right now I have to save the file, "
            "find it, then import it from the app's menu. Opening the attachment should just offer "
            "'Open in Trailhead'.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Worth supporting KML as well, some club websites still use it.",
                    "replies": [
                        "Paula from the product team here: KML came in the same release, along "
                        "with files that hold several tracks."
                    ],
                },
                {
                    "body": "Works nicely now. One tap from the group chat to the map.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "We'll register the app for GPX files so attachments open straight in Trailhead.",
                "in_progress": "Working on it. We're also making sure files with waypoints and several "
                "tracks import cleanly.",
                "shipped": "Shipped in app 4.0: tap a GPX or KML attachment and choose Trailhead to import "
                "it as a route.",
            },
            "changelog": "GPX and KML attachments now open straight in the app from email, messages and "
            "your files.",
        },
        {
            "title": "Show the elevation profile in offline mode",
            "body": "Once I'm out of signal the elevation profile goes blank, which is exactly when I want "
            "to know how much climbing is left. The heights must already be in the downloaded map.",
            "tags": ["Offline", "Maps"],
            "product": "trailhead-app-premium",
            "comments": [
                {
                    "body": "This. I use the profile to decide whether to push on to the hut or camp early.",
                    "replies": ["Same, especially on the last climb of the day."],
                },
                {
                    "body": "Even a simple 'remaining ascent' number would be enough for me.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "Confirmed: the profile needs a live connection today. We're looking at "
                "bundling elevation data with downloads.",
                "planned": "Planned with the new offline downloads. Elevation data will come with every "
                "downloaded region, so the profile and remaining ascent work without signal.",
            },
        },
        {
            "title": "Watch app that shows the next junction",
            "body": "I don't want to pull my phone out at every fork. A simple watch screen with 'next "
            "junction in 400 m, keep left' would be enough, no map needed.",
            "tags": ["Wearables", "Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Please make it work with the phone in the pack, not only when the app is open.",
                    "replies": [],
                },
                {
                    "body": "I'd settle for a buzz at each junction and an arrow.",
                    "replies": ["Same, a map on a watch is too small to read anyway."],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking at which watches our hikers use, and whether junction cues "
                "can run while the phone screen is off.",
            },
        },
        {
            "title": "Screen reader labels on the map controls",
            "body": "I'm partially sighted and use a screen reader. On the map screen most buttons are "
            "read out as just 'button', so I have to guess which one is zoom, layers or 'go to my "
            "location'.",
            "tags": ["Accessibility"],
            "product": None,
            "comments": [
                {
                    "body": "Thanks for raising this. The checklist has the same problem with its "
                    "checkboxes.",
                    "replies": [
                        "Paula from the product team here: thank you both. We're checking every "
                        "screen, the checklist included, not just the map."
                    ],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned for the next release: proper labels on every map control, tested with "
                "screen readers on both platforms.",
                "in_progress": "Labels are done on the map and the checklist. We're now working through "
                "the route planner with two testers who use screen readers every day.",
            },
        },
        {
            "title": "Share my live location with one person, for a set time",
            "body": "When I hike alone my partner wants to know where I am, but I don't want a permanent "
            "tracker. Let me share a link for, say, 8 hours that shows my position and when it last "
            "updated.",
            "tags": ["Notifications"],
            "product": None,
            "comments": [
                {
                    "body": "The 'last updated' time is key. Without signal the dot just freezes and "
                    "people at home panic.",
                    "replies": ["Good point. Maybe 'last seen 40 min ago, no signal expected here' too."],
                },
                {
                    "body": "Could the link end automatically when I stop recording?",
                    "replies": [
                        "Paula from the product team here: yes, sharing will end when you stop "
                        "recording or when the time runs out, whichever comes first."
                    ],
                },
                {
                    "body": "Would be great for group leaders keeping track of the slow group at the back.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're looking at how to do this without draining the battery or sharing "
                "more than you mean to.",
                "planned": "Planned. You'll pick a person and a time limit; they get a link showing your "
                "position and when it last updated.",
            },
        },
        {
            "title": "Shared gear checklist for group trips",
            "body": "Four of us are doing a three-day hut trip and we keep ending up with two stoves and "
            "no first-aid kit. A shared list where each person can claim items would fix that.",
            "tags": ["Sync"],
            "product": None,
            "comments": [
                {
                    "body": "Add a weight-per-person view and I'm sold. Someone always carries too much.",
                    "replies": ["Ha, that someone is usually me."],
                },
                {
                    "body": "For now we use a shared note, but it doesn't know what's in our checklists.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Dark mode that dims the map too, not just the menus",
            "body": "Dark mode turns the menus dark but the map stays bright white, which ruins my night "
            "vision when I check the route in the tent or on an alpine start.",
            "tags": ["Accessibility", "Maps"],
            "product": None,
            "comments": [
                {
                    "body": "A red night mode would be even better for stargazing trips.",
                    "replies": [
                        "Paula from the product team here: we shipped a dark map first. A "
                        "red-tinted night mode is next on our list to look at."
                    ],
                },
                {
                    "body": "Much better now, thank you. My tent mate noticed too.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: a dark map style that follows the app's dark mode.",
                "in_progress": "We're tuning the dark map so paths and contour labels stay readable.",
                "shipped": "Shipped in app 4.1: the map now follows dark mode, with softer paths and "
                "labels that stay readable.",
            },
            "changelog": "The map now has a dark style that follows your dark mode setting, so checking "
            "the route at night is easier on the eyes.",
        },
        {
            "title": "Weather alerts for where I'm hiking tomorrow, not where I am now",
            "body": "Alerts are based on my current location, so I get warnings for the city while my trip "
            "is in the mountains 200 km away. Let me tie alerts to a planned route.",
            "tags": ["Notifications"],
            "product": "trailhead-app-premium",
            "comments": [
                {
                    "body": "And for multi-day routes, for each night's camp, not just the start.",
                    "replies": [
                        "Paula from the product team here: we're starting with the route's start "
                        "and highest point, then each camp on multi-day routes."
                    ],
                },
                {
                    "body": "Please keep them quiet overnight unless it's a severe warning.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "Makes a lot of sense. We're working out which points along a route the "
                "alerts should watch.",
                "planned": "Planned for the spring update: alerts will follow your next planned route, "
                "starting with its start point and its highest point.",
            },
        },
        {
            "title": "Download maps over Wi-Fi only",
            "body": "I started a region download on the train and it used half my monthly data before I "
            "noticed. Please add a 'Wi-Fi only' switch for downloads, or at least ask first.",
            "tags": ["Offline"],
            "product": None,
            "comments": [
                {
                    "body": "And resume when the Wi-Fi comes back, instead of starting again from zero.",
                    "replies": [],
                },
                {
                    "body": "Mine paused itself once, so maybe it's already there on some phones?",
                    "replies": ["I think that was your phone's own data saver, not the app."],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "Thanks. We're checking how this should work with the larger park "
                "downloads that are on the way.",
            },
        },
        {
            "title": "Let me mark water sources and refill points",
            "body": "On dry routes water is the thing I plan around. I'd like to drop pins for springs, "
            "taps and streams, note whether they were flowing and when, and see them offline.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Shared pins would be amazing, as long as they show a date. A spring that ran "
                    "in May can be dry by August.",
                    "replies": ["Agreed, a 'last confirmed' date is essential."],
                },
                {
                    "body": "Add a 'treat before drinking' note too.",
                    "replies": [],
                },
                {
                    "body": "I keep these in a notes app at the moment. Would love them on the map.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Export trip logs as GPX and CSV",
            "body": "I keep a spreadsheet of every hike with distance, ascent and time. I'd like to export "
            "trip logs as CSV for that, and as GPX so I have my tracks somewhere else too.",
            "tags": ["Sync"],
            "product": None,
            "comments": [
                {
                    "body": "GPX export matters for rescue planning too: some huts ask for your "
                    "planned route.",
                    "replies": [],
                },
                {
                    "body": "Bulk export, please, not one trip at a time.",
                    "replies": [
                        "Paula from the product team here: noted. We're looking at one export of "
                        "all your trips from the account page."
                    ],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking into a bulk export of all trip logs, as GPX and CSV, from "
                "your account.",
            },
        },
        {
            "title": "Heart rate from my watch on the trip log",
            "body": "My watch records heart rate and the app records the route, but the two never meet. "
            "Seeing heart rate along the elevation profile would show me where I push too hard on "
            "climbs.",
            "tags": ["Wearables"],
            "product": None,
            "comments": [
                {
                    "body": "Would be useful for pacing a group with mixed fitness.",
                    "replies": [],
                },
                {
                    "body": "I'd rather keep health data out of the hiking app, so please make it optional.",
                    "replies": ["Fair, opt-in would be fine by me."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A quieter way to tell me I've gone off route",
            "body": "The off-route alert is a loud chime, which is awkward in a quiet forest or on an early "
            "start next to other tents. A vibrate-only option, on the phone or the watch, would be "
            "plenty.",
            "tags": ["Notifications", "Wearables"],
            "product": None,
            "comments": [
                {
                    "body": "It also fires too early. I get alerts when I step aside to let people pass.",
                    "replies": ["Yes, a 50 m tolerance setting would help."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Check what's downloaded before I leave",
            "body": "Before a trip I want one screen that says 'this route is fully available offline' "
            "with a clear 'ready' badge. At the moment I switch my phone's data off and open the map to test it.",
            "tags": ["Offline"],
            "product": None,
            "comments": [
                {
                    "body": "Switching data off to test is what I do too. Good to know I'm not the only one.",
                    "replies": [],
                },
                {
                    "body": "Include the forecast in the check, so I know how old the saved forecast is.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Walking time estimates that learn my pace",
            "body": "The estimates assume a fairly brisk pace, and I'm about 30% slower with a full pack. "
            "I'd like the app to learn from my past trips, or let me set one pace for day hikes and "
            "another for multi-day trips.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Please take descents into account too. I'm slow going down steep ground.",
                    "replies": [],
                },
                {
                    "body": "Two pace profiles would be enough for me: daypack and full pack.",
                    "replies": ["And one for hiking with kids, which is its own speed entirely."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Photo journal pins on the map",
            "body": "After a trip I'd love to see my photos placed along the track where I took them, so "
            "I can remember which viewpoint was which.",
            "tags": ["Maps"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Let me add a note to each checklist item",
            "body": "Some items need a reminder, like 'new batteries' for the headlamp or 'check fuel "
            "level' for the stove. A short note under the item would save me keeping a second list.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Same for first aid: I'd note expiry dates on the blister patches.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Switch between km and miles without changing my phone's region",
            "body": "My phone is set to one region but my hiking club talks in miles and feet. Please let "
            "me choose units inside the app, for distance and elevation separately.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Separately is key. I think in km for distance but in feet for height, don't "
                    "ask why.",
                    "replies": ["Ha, same. Blame the old maps I learned on."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Huts and campsites as their own map layer",
            "body": "I'd like to switch on a layer with huts, shelters and official campsites, with the "
            "months they're open. Planning a multi-day route is mostly working out where I can sleep.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Opening months would be the big win. Half the huts near me close in October.",
                    "replies": [],
                },
                {
                    "body": "Could it show whether you need to book ahead?",
                    "replies": ["That changes so often. Maybe just a link to the hut's own page."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Battery saver mode for multi-day trips",
            "body": "On a four-day trip with one power bank I need the app to record a rough track and "
            "nothing else. A mode that logs a point every few minutes and switches everything else off "
            "would let me keep recording the whole way.",
            "tags": ["Offline"],
            "product": None,
            "comments": [
                {
                    "body": "Yes, I'd trade track detail for battery any day on long trips.",
                    "replies": ["Same. A point every 2 minutes is plenty for a trip log."],
                },
                {
                    "body": "Please show an estimate, like 'about 3 days of recording left'.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're measuring battery use on a range of phones to see how much a "
                "low-detail recording mode would really save.",
            },
        },
        {
            "title": "Plan a route by drawing it with my finger",
            "body": "Tapping point by point is slow on a phone. If I could trace roughly along the trails "
            "and have the app snap to the nearest path, planning on the bus would be much quicker.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Snapping is the tricky part. It sometimes jumps to a road running alongside.",
                    "replies": ["An undo for the last stretch would make that much less painful."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Avalanche risk layer for winter routes",
            "body": "In winter I'd like to see avalanche danger on the map, shaded by slope angle, so I "
            "can steer clear of steep slopes on high-risk days.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Careful with this one. A shaded map can give people false confidence.",
                    "replies": ["That's fair. A link to the official forecast would already help."],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We're talking to two mountain rescue teams before we decide anything.",
                "declined": "Thank you for this. We won't build it: reading avalanche danger needs local "
                "forecasters and training, and a shaded map in a hiking app could give false confidence. "
                "Instead, route cards will link to the official avalanche forecast wherever one exists.",
            },
        },
        {
            "title": "A feed of my friends' latest hikes",
            "body": "I'd love to see what my friends have been hiking lately, with likes and comments, so "
            "I can find new routes and keep up with people.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Please no. I use Trailhead to get away from feeds.",
                    "replies": ["Shared routes are enough for me too."],
                },
                {
                    "body": "Maybe just a list of the routes friends have shared with me?",
                    "replies": [],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We're weighing this against what most of you use the app for.",
                "declined": "Thanks for the idea. We've decided to keep the app a navigation tool rather "
                "than a social network, so we won't add a feed. You can still share routes and trip logs "
                "by link, and we're making shared routes easier to find.",
            },
        },
        {
            "title": "Emergency info on the lock screen while I'm recording",
            "body": "If I'm hurt, whoever finds me should see my allergies and an emergency contact without "
            "unlocking my phone. The app could show this as a lock screen card while a hike is being "
            "recorded.",
            "tags": ["Notifications"],
            "product": None,
            "comments": [
                {
                    "body": "Most phones have a medical ID already, but nobody knows where to look. A "
                    "visible card would be better.",
                    "replies": ["Good point, it needs to be obvious to a stranger."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Remind me to check stove fuel the night before",
            "body": "Twice now I've reached camp with a nearly empty canister. A reminder the evening "
            "before a planned trip, based on my checklist, would help: 'Check fuel, charge headlamp'.",
            "tags": ["Notifications"],
            "product": None,
            "comments": [
                {
                    "body": "Weigh the canister and compare it with the empty weight printed on it. Old "
                    "trick, works well.",
                    "replies": ["Good tip. I'd still like the reminder though!"],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Add gear I buy in the shop to my checklist",
            "body": "I bought a new sleeping bag online and then had to type it into my checklist by hand. "
            "If my account knows what I bought, the app could offer to add it, weight included.",
            "tags": ["Sync"],
            "product": None,
            "comments": [
                {
                    "body": "The weight is the bit I always have to look up, so yes.",
                    "replies": [],
                },
                {
                    "body": "Only if it asks first. I buy gifts too.",
                    "replies": ["Yes, a quick 'add to checklist?' prompt would be right."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Follow my phone's text size on the route card",
            "body": "The route card ignores my phone's text size setting, so distances and times are tiny. "
            "Please follow the system setting like the rest of the app does.",
            "tags": ["Accessibility"],
            "product": None,
            "comments": [
                {
                    "body": "Hard to read in bright sun as well. Bigger, bolder numbers please.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Distance to the next water on my watch",
            "body": "On dry trails I'd like my watch to show 'next water 5.2 km' using the water points on "
            "my route. It's the one number I check all afternoon.",
            "tags": ["Wearables"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Hide trails that are closed",
            "body": "Last month the app routed me onto a trail closed for bridge repairs. Showing closures, "
            "or at least letting hikers report them, would save a lot of backtracking.",
            "tags": ["Maps", "Notifications"],
            "product": None,
            "comments": [
                {
                    "body": "Reports should expire. Closures get lifted and nobody updates them.",
                    "replies": [
                        "Paula from the product team here: agreed. A report would expire after a "
                        "set time unless someone confirms it again."
                    ],
                },
                {
                    "body": "Park services often publish closures. Could you pull those in?",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're talking to a few park services about official closure data, and "
                "sketching hiker reports that expire on their own.",
            },
        },
        {
            "title": "Save a shared route for later without starting it",
            "body": "When a friend shares a route I want to keep it for a trip next month, but the only "
            "button is 'Start navigation'. A simple 'save for later' list would do.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "I thought I was doing something wrong! Same problem here.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Breadcrumb trail back to where I left the path",
            "body": "When I go off trail to find a campsite or a viewpoint, I'd like a simple line back to "
            "where I left the path, even without a downloaded map.",
            "tags": ["Offline", "Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Great for foggy days on open moorland.",
                    "replies": [],
                },
                {
                    "body": "A 'back to the car' arrow would be nice too, like a compass pointing at the "
                    "start.",
                    "replies": ["Yes, just a direction and a distance would do."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Pause recording on its own at lunch stops",
            "body": "I forget to pause when I stop for lunch, so my average speed looks terrible. "
            "Auto-pause after a few minutes without moving would keep the trip stats honest.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Make it optional. I like seeing the total time including breaks.",
                    "replies": ["It could show both: moving time and total time."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Family plan for Premium",
            "body": "My partner and our two teenagers all use the app. Four Premium subscriptions feels "
            "like a lot when we mostly hike together. A family plan for up to five people would keep "
            "us all on Premium.",
            "tags": [],
            "product": "trailhead-app-premium",
            "comments": [
                {
                    "body": "Even better if family members could use each other's downloaded maps.",
                    "replies": [],
                },
                {
                    "body": "Same for hiking clubs. A group plan would be popular.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Show the trail surface along a route",
            "body": "I'd like to see which parts are paved, gravel, rocky or scrambling before I pick a "
            "route, especially when I'm hiking with my parents.",
            "tags": ["Maps"],
            "product": None,
            "comments": [
                {
                    "body": "Add muddy sections in spring and I'll be very happy.",
                    "replies": ["That changes too often, but an 'often muddy' note would work."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Route lines that don't rely on red and green",
            "body": "I can't tell red from green, so my planned route and my recorded track look the same "
            "on the map. Patterns would help, like **dashed for planned** and solid for recorded.",
            "tags": ["Accessibility"],
            "product": None,
            "comments": [
                {
                    "body": "Dashed lines would help everyone in bright sun too.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "One-tap trip plan for the person at home",
            "body": "Before I leave I send my partner the route, my start time and when to start worrying. "
            "The app has all of that, so a one-tap message would be quicker and clearer:\n\n"
            "- route and map link\n- where I parked\n- expected finish time",
            "tags": ["Notifications"],
            "product": None,
            "comments": [
                {
                    "body": "The parking spot is a great touch. Rescue teams often ask for it.",
                    "replies": ["I'd never have thought of that one."],
                },
                {
                    "body": "This plus live location sharing would cover most of my solo trips.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Search for place names offline",
            "body": "Offline maps show the names, but search only works with signal. When someone says "
            "'meet at the old quarry' I can't find it without scrolling around for ages.",
            "tags": ["Offline"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Let me choose a start time when I plan a route",
            "body": "Planning assumes I start right now, so the daylight and weather on the route card are "
            "wrong when I plan the night before. A start time field would fix that.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Put this together with the sunset info and it becomes really useful.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Keep the screen on while navigating",
            "body": "On tricky sections I want the map to stay on without touching the phone. A 'keep "
            "screen on' switch just for navigation would do, and it could switch itself off below 20% "
            "battery.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Or only wake the screen as you approach a junction. Saves battery.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
    ],
    "web-shop": [
        {
            "title": "Show stock at my local store before I drive there",
            "body": "The nearest store is 40 minutes away. Twice I've driven there for a pack that was 'in "
            "stock' online but not on the shelf. Show stock per store and per size on the product page "
            "and I'll happily make the trip.",
            "tags": ["Search", "Delivery"],
            "product": None,
            "comments": [
                {
                    "body": "Per size is the important bit. 'In stock' means nothing if it's only size 46 "
                    "boots.",
                    "replies": ["Exactly, same with jackets in XS."],
                },
                {
                    "body": "A 'hold it for me until tomorrow' button would make this perfect.",
                    "replies": [
                        "Paula from the product team here: that's the second step, once the stock "
                        "numbers are reliable enough to hold items against."
                    ],
                },
                {
                    "body": "Even a 'low stock' warning would help.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "We'll show live stock per store and per size on every product page, starting "
                "with boots and jackets.",
                "in_progress": "Store stock now updates every 15 minutes in our test shop. We're checking it "
                "against shelf counts in three stores before we switch it on for everyone.",
            },
        },
        {
            "title": "Size guide that compares with boots I already own",
            "body": "Every brand sizes differently. If the size guide asked which boots I wear now and in "
            "what size, then told me which Granite size people with the same boots chose, I'd get the "
            "right pair first time.",
            "tags": [],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Half my returns are about size. This would pay for itself.",
                    "replies": [],
                },
                {
                    "body": "Foot length in cm would already help more than the current chart.",
                    "replies": [
                        "True, but most people don't know their foot length. Comparing with old "
                        "boots is easier."
                    ],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Spare parts shop: buckles, pole sections, zip pulls",
            "body": "Spare tent poles are on the site now, which is great, but most of my gear outlives one "
            "small part. I'd buy **hip-belt buckles, sternum straps and zip pulls** if I could find "
            "them; right now I have to email customer service.",
            "tags": ["Search"],
            "product": None,
            "comments": [
                {
                    "body": "Yes! I've kept a pack going for ten years with spare buckles.",
                    "replies": [],
                },
                {
                    "body": "Listing the part numbers on each product page would help too.",
                    "replies": ["And a diagram, so you know which buckle is which."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Click and collect from any store, not just my home store",
            "body": "I'd like to order online and pick up at whichever store is on my way to the hills, "
            "not only the one set as my home store.",
            "tags": ["Delivery", "Checkout"],
            "product": None,
            "comments": [
                {
                    "body": "Pick-up lockers outside opening hours would be great for early starts.",
                    "replies": [
                        "Paula from the product team here: we're looking at lockers for the bigger "
                        "stores. Collecting from any store comes first."
                    ],
                },
                {
                    "body": "Yes! The store near my parents' place is the one I actually drive past.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're checking how fast we can move stock between stores, so we can promise "
                "a pick-up date.",
                "planned": "Planned for early next year: choose any store at checkout and see the pick-up "
                "date before you pay.",
            },
        },
        {
            "title": "Filter search results by weight",
            "body": "When I look for a tent or a sleeping bag, weight is the first thing I compare. A weight "
            "filter, and sorting by lightest first, would save me clicking into every product.",
            "tags": ["Search"],
            "product": None,
            "comments": [
                {
                    "body": "Please use packed weight, not the minimum trail weight. They're very different.",
                    "replies": [
                        "Paula from the product team here: the filter uses packed weight, and both "
                        "weights are listed on the product page."
                    ],
                },
                {
                    "body": "Found my new stove in two minutes with this. Thank you.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: a weight filter and 'lightest first' sorting for tents, packs, "
                "sleeping bags and stoves.",
                "in_progress": "We're adding packed weights to the products where they were missing.",
                "shipped": "Live now: filter by packed weight, or sort lightest first, on tents, packs, "
                "sleeping bags, stoves and poles.",
            },
            "changelog": "Shop search: filter by packed weight and sort lightest first on tents, packs, "
            "sleeping bags, stoves and poles.",
        },
        {
            "title": "Let me save my card for next time",
            "body": "I buy fuel canisters and small bits often, and typing my card number every time is a "
            "pain, especially on my phone.",
            "tags": ["Payments", "Account"],
            "product": None,
            "comments": [
                {
                    "body": "Please keep it optional. I'd rather not store mine.",
                    "replies": ["It is optional, there's a checkbox at checkout."],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "We'll let you save a card to your account. The card details will be held by our "
                "payment provider, not on our servers.",
                "in_progress": "Saved cards are in testing, including removing a card from your account "
                "page.",
                "shipped": "Shipped: choose 'save this card' at checkout. You can remove saved cards any time "
                "under Account > Payment methods.",
            },
            "changelog": "You can now save a card at checkout, and remove it any time from Account > "
            "Payment methods.",
        },
        {
            "title": "Returns with a QR code instead of a printed label",
            "body": "I don't own a printer, so every return means a trip to the library to print a label. A "
            "QR code I can show at the drop-off point would fix it.",
            "tags": ["Returns"],
            "product": None,
            "comments": [
                {
                    "body": "Same, nobody I know has a working printer anymore.",
                    "replies": [],
                },
                {
                    "body": "Could the QR code work at the stores too?",
                    "replies": [
                        "Paula from the product team here: yes, the same code will work at any "
                        "Trailhead store as well as the carrier's drop-off points."
                    ],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're checking which carriers accept QR codes in all the countries we ship "
                "to.",
                "planned": "Planned: returns will offer a QR code instead of a label, accepted at drop-off "
                "points and at every Trailhead store.",
            },
        },
        {
            "title": "Filter tents by packed size",
            "body": "For bikepacking the packed length matters more than the weight. Please let me filter "
            "tents and sleeping bags by packed size, or at least show it in the search results.",
            "tags": ["Search"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Pole length is the limit for me, it has to fit between the handlebars.",
                    "replies": ["Good point, folded pole length should be listed on its own."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Tell me the real delivery date, not '3-5 days'",
            "body": "I usually order a few days before a trip and need to know whether it'll arrive by "
            "Friday. Show me a date at checkout, based on my address and the time I order.",
            "tags": ["Delivery"],
            "product": None,
            "comments": [
                {
                    "body": "And an order-by time: 'order in the next 2 hours for Thursday delivery'.",
                    "replies": [],
                },
                {
                    "body": "If the date slips, tell me right away so I can buy it in store instead.",
                    "replies": [
                        "Paula from the product team here: we'll email you as soon as the carrier "
                        "changes the date, with a link to check stock in your nearest store."
                    ],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned: checkout will show a delivery date based on your address, the carrier "
                "and the time you order.",
                "in_progress": "Delivery dates are in testing with our main carrier. We're measuring how "
                "often the date we show matches the real one before we put it live.",
            },
        },
        {
            "title": "Guest checkout without creating an account",
            "body": "I was buying a gift for my brother and had to create an account, confirm my email and "
            "pick a password just to pay. A guest checkout would have saved me five minutes and nearly "
            "an abandoned cart.",
            "tags": ["Checkout", "Account"],
            "product": None,
            "comments": [
                {
                    "body": "Offer to create the account after payment, with one click. That's the nicest "
                    "way.",
                    "replies": ["That's how it works now, nice."],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: checkout as a guest, with the option to create an account afterwards.",
                "in_progress": "Guest checkout is built. We're testing order tracking links for guests.",
                "shipped": "Shipped: check out as a guest, and create an account afterwards from the "
                "confirmation page if you want one.",
            },
            "changelog": "Guest checkout: pay without an account, and turn your order into an account "
            "afterwards with one click.",
        },
        {
            "title": "Order history that shows the size I bought",
            "body": "When I want the same base layer again I have to guess whether I took M or L last time. "
            "My order history lists the product but not the size or the shade.",
            "tags": ["Account"],
            "product": None,
            "comments": [
                {
                    "body": "And a 'buy again' button right there, please.",
                    "replies": [
                        "Paula from the product team here: both are in the plan, the size and a "
                        "'buy again' button."
                    ],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "Confirmed: older orders don't show sizes. We're checking how far back the "
                "data goes.",
                "planned": "Planned: order history will show the size and variant of every item, with a "
                "'buy again' button.",
            },
        },
        {
            "title": "Pay with a gift card and a card in the same order",
            "body": "I had a gift card that covered part of a new tent, and checkout wouldn't let me pay the "
            "rest by card. I ended up calling customer service to get the order through.",
            "tags": ["Payments"],
            "product": None,
            "comments": [
                {
                    "body": "Same problem with using two gift cards at once.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "Thanks, this is a real gap. We're checking what our payment provider "
                "supports.",
                "planned": "Planned: checkout will take one or more gift cards first, then ask for a card "
                "for whatever is left.",
            },
        },
        {
            "title": "Tell me when my size is back in stock",
            "body": "The Storm shell in my size has been sold out for weeks. A 'tell me when it's back' "
            "button for a specific size would save me checking the page every few days.",
            "tags": ["Account", "Search"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "Only for my size please, not every time any size comes back.",
                    "replies": [
                        "Paula from the product team here: yes, alerts will be per size and per variant."
                    ],
                },
                {
                    "body": "An alert in the app would be even better than an email.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned: back-in-stock alerts for a specific size and variant.",
                "in_progress": "Back-in-stock alerts are being built. Email comes first, app notifications "
                "after that.",
            },
        },
        {
            "title": "A wishlist I can share with family",
            "body": "Every birthday my family asks what gear I want. A shareable wishlist link, where people "
            "can mark something as bought without me seeing, would stop the duplicate headlamps.",
            "tags": ["Account"],
            "product": None,
            "comments": [
                {
                    "body": "We got two identical stoves last winter, so yes please.",
                    "replies": ["Keep the spare for a friend's trip, ha."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Compare two jackets side by side",
            "body": "I spent an evening with three tabs open comparing shells: weight, waterproof rating, "
            "pit zips, hood. A compare view with the specs in one table would make this much easier.",
            "tags": ["Search"],
            "product": None,
            "comments": [
                {
                    "body": "Limit it to three or four products or the table gets silly on a phone.",
                    "replies": [],
                },
                {
                    "body": "Include fit notes from reviews too, like 'runs small'.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Pay in three parts for bigger purchases",
            "body": "A tent, sleeping bag and pack together is a big spend before a first trek. Spreading it "
            "over three months, without interest, would make it much easier.",
            "tags": ["Payments"],
            "product": None,
            "comments": [
                {
                    "body": "I'd be careful with this. It's easy to overspend.",
                    "replies": ["True, but it's optional. For a planned purchase it's useful."],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking at providers who offer this without interest or late fees, "
                "and at how to explain it clearly at checkout.",
            },
        },
        {
            "title": "Show the total weight of my cart",
            "body": "When I'm buying a new cooking set-up I want to know what it all weighs together before "
            "I pay. A small 'cart weight' line would be a lovely touch for gram counters like me.",
            "tags": ["Checkout"],
            "product": None,
            "comments": [
                {
                    "body": "This is the most hiker idea on this board and I love it.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Exchange for another size without waiting for a refund",
            "body": "I sent back boots in 43 to get the 44, and the 44s sold out while I was waiting for my "
            "refund. Let me choose an exchange, and hold the new size while the return is on its way.",
            "tags": ["Returns"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Exactly what happened to me with a pack in size L.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking at holding the new size as soon as you start an exchange, so "
                "it can't sell out while your return is in transit.",
            },
        },
        {
            "title": "Search that understands '2 person tent under 2 kg'",
            "body": "I type what I need and the search finds tent pegs and a two-person mug set. It should "
            "pick up capacity and weight from the words I use.",
            "tags": ["Search"],
            "product": None,
            "comments": [
                {
                    "body": "Synonyms too: 'shell', 'rain jacket' and 'waterproof' should all find the same "
                    "jackets.",
                    "replies": ["Yes, I got zero results for 'waterproof' last week."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Deliver to a pick-up locker",
            "body": "I'm never home during the day and my building has nowhere safe to leave deliveries. "
            "Delivery to a pick-up locker near the station would be ideal.",
            "tags": ["Delivery"],
            "product": None,
            "comments": [
                {
                    "body": "Check the locker sizes though, a tent box might not fit.",
                    "replies": ["Fine for most orders. Big items could stay as home delivery."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Put customer photos next to the studio photos",
            "body": "Studio photos are nice, but I want to see the pack on a real person on a real, muddy "
            "trail. Reviews often have photos, so put them in the product gallery.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "With the reviewer's height next to it, that'd be perfect for judging fit.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Filter reviews by height and build",
            "body": "I'm 1.62 m and most jacket reviews are from much taller people. If reviewers could add "
            "their height and usual size, I'd filter to people like me.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "Make it optional though. Not everyone wants to share that.",
                    "replies": ["Sure, optional fields would be fine."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Keep my cart when I switch from phone to laptop",
            "body": "I fill the cart on my phone on the way home, then open the laptop to pay and the cart "
            "is empty. If I'm signed in, the cart should follow me.",
            "tags": ["Account", "Checkout"],
            "product": None,
            "comments": [
                {
                    "body": "Works now! Just used it for my spring order.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: carts will be saved to your account when you're signed in.",
                "in_progress": "Saved carts are in testing, including merging a guest cart when you sign in.",
                "shipped": "Shipped: when you're signed in, your cart is saved to your account and shows up "
                "on every device.",
            },
            "changelog": "Your cart is now saved to your account, so it follows you between phone, tablet "
            "and computer.",
        },
        {
            "title": "Carbon-neutral delivery option",
            "body": "I'd pay a little extra for a delivery option that offsets its emissions. It would be "
            "nice to choose it at checkout.",
            "tags": ["Delivery"],
            "product": None,
            "comments": [
                {
                    "body": "Offsets are a mixed bag. I'd rather you just used fewer boxes.",
                    "replies": [
                        "Paula from the product team here: fewer boxes is exactly where we've put "
                        "our effort, see the note on this idea."
                    ],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We're looking at offset options, and at what else we could change about "
                "deliveries.",
                "declined": "Thank you for this. We looked at offset-based delivery options and didn't find "
                "one we could stand behind, so we won't add it. Instead, orders with several items now "
                "ship in one box, and all our boxes and fillers are recycled paper.",
            },
        },
        {
            "title": "Return online orders to any store",
            "body": "I'd rather drop a return at the store on my way home than make a trip to the post "
            "office. Every Trailhead store should take online returns and refund on the spot.",
            "tags": ["Returns"],
            "product": None,
            "comments": [
                {
                    "body": "I did this last month and it worked, at least at my store. Maybe it depends?",
                    "replies": [
                        "Paula from the product team here: most stores take them, but not all can "
                        "refund on the spot yet. Your votes help us make it consistent."
                    ],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Show which repairs the warranty covers",
            "body": "My pack's buckle broke after a year and I had no idea whether that was covered. A "
            "warranty page in my account, per product, with what's covered and how to start a claim "
            "would help.",
            "tags": ["Account"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Gift cards by email, not only plastic",
            "body": "I always remember birthdays at the last minute. An e-gift card I can send the same day, "
            "with a short message, would save me.",
            "tags": ["Payments"],
            "product": None,
            "comments": [
                {
                    "body": "Nice if you could schedule it to arrive on the day itself.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're checking how email gift cards would work for paying in stores too.",
            },
        },
        {
            "title": "Hiking club discount at online checkout",
            "body": "Our hiking club gets a discount in store when we show our membership cards, but there's "
            "no way to use it online. A club code at checkout, checked against the membership list, would "
            "fix it.",
            "tags": ["Checkout", "Payments"],
            "product": None,
            "comments": [
                {
                    "body": "Same for mountain rescue volunteers, who get a discount in store too.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Delivery notes like 'leave it by the side gate'",
            "body": "Our front door is on a busy road. A free-text note for the driver would stop orders "
            "being left on the step for anyone to pick up.",
            "tags": ["Delivery"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Hide sold-out sizes when I filter by size",
            "body": "I filter by my size and still see products where only XS is left. If I've picked a "
            "size, only show me things I can actually buy in it.",
            "tags": ["Search"],
            "product": None,
            "comments": [
                {
                    "body": "Maybe move them to the end instead of hiding them?",
                    "replies": ["That works too, as long as they're not in the top results."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Remember my sizes across the site",
            "body": "I pick my boot size on one product page and then have to pick it again on every other "
            "pair. Save my sizes in my account, by category: boots, jackets, gloves.",
            "tags": ["Account"],
            "product": None,
            "comments": [
                {
                    "body": "Kids' sizes too, for parents. Mine change every six months.",
                    "replies": ["Ha, maybe with their age so it can remind you they've grown."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Bundle price for a tent, sleeping bag and mat",
            "body": "I'm kitting out for my first overnight trips. A small discount for buying the tent, a "
            "sleeping bag and a mat together would tip me into buying it all here.",
            "tags": ["Checkout"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Would be good for people who rented first and now want to buy, too.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Refund me once the store has checked my return",
            "body": "My return was checked in store the day I dropped it off, but the refund still took 12 "
            "days. If staff have already checked it, the refund should go out the same day.",
            "tags": ["Returns"],
            "product": None,
            "comments": [
                {
                    "body": "12 days is a long time when you're waiting to buy the replacement.",
                    "replies": [
                        "Paula from the product team here: agreed. Most of that time is the return "
                        "making its way to our warehouse, and we're looking at refunding at the store check "
                        "instead."
                    ],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Care instructions in the order email",
            "body": "I always lose the little care booklet. If the order email said how to wash each item "
            "and restore its water repellency, I'd actually look after my jacket properly.",
            "tags": ["Account"],
            "product": None,
            "comments": [
                {
                    "body": "Or a link to a short care video for each product.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Show where each product is made",
            "body": "I'd like the product page to say which factory and country made it, and what it's made "
            "of, the way food labels do. It would help me choose.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "And whether the factory has been independently audited.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Pay with my phone's wallet on the website",
            "body": "Typing card details on a phone is slow and awkward. Paying with the wallet on my phone, "
            "in one tap, would make small orders much quicker.",
            "tags": ["Payments"],
            "product": None,
            "comments": [
                {
                    "body": "This is the main reason I still order on a laptop.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're checking this with our payment provider, alongside the saved cards "
                "that just shipped.",
            },
        },
        {
            "title": "Search my past orders by product name",
            "body": "I needed the order for the gaiters I bought two years ago to make a warranty claim, but "
            "order history only shows dates and order numbers. A search box would have saved me scrolling "
            "through 40 orders.",
            "tags": ["Account", "Search"],
            "product": None,
            "comments": [
                {
                    "body": "Or at least show a thumbnail of what's in each order.",
                    "replies": ["Both would be good. Thumbnails for browsing, search for finding."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Weekend delivery for last-minute trips",
            "body": "The forecast turns good on Thursday and I find my headlamp is dead. Saturday delivery, "
            "even for a fee, would save the trip.",
            "tags": ["Delivery"],
            "product": None,
            "comments": [
                {
                    "body": "Or same-day delivery from the nearest store.",
                    "replies": ["That only works in cities, but yes."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Don't sign me out in the middle of checkout",
            "body": "I went to find my card, came back after ten minutes and checkout had signed me out and "
            "cleared my delivery details. Please keep me signed in while I'm on the payment page.",
            "tags": ["Checkout", "Account"],
            "product": None,
            "comments": [
                {
                    "body": "Happened to me twice this week.",
                    "replies": [
                        "Paula from the product team here: thanks, we can reproduce it and we're "
                        "looking at the cause."
                    ],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We can reproduce this: sessions end too early on the payment step. We're "
                "working out a fix that keeps you signed in safely.",
            },
        },
        {
            "title": "Show international delivery costs before the last page",
            "body": "I live across the border and only see the delivery cost and import fees on the final "
            "page of checkout. Show them on the product page, or at least in the cart.",
            "tags": ["Delivery", "Checkout"],
            "product": None,
            "comments": [
                {
                    "body": "Import fees especially. I got a surprise bill on a jacket.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Buy and sell used Trailhead gear on the site",
            "body": "A lot of good Trailhead gear sits unused after one trip. A section for checked, "
            "second-hand gear, sold back through you, would keep it out of landfill and help people on a "
            "budget.",
            "tags": [],
            "product": None,
            "comments": [
                {
                    "body": "I'd love store credit for my old tent.",
                    "replies": [
                        "There's an idea about trade-ins on the stores board, worth voting there too."
                    ],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Show the packed size in the product photos",
            "body": "A photo of the packed tent next to a water bottle would tell me more than the "
            "dimensions. I can't picture 42 x 15 cm.",
            "tags": [],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Apply my member discount automatically",
            "body": "As a member I get 10% off, but I have to remember to type the code. If I'm signed in, "
            "it should just apply.",
            "tags": ["Checkout", "Account"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Price match with other outdoor shops",
            "body": "Other shops sometimes sell the same brands for less. If you matched their price I'd buy "
            "from you every time.",
            "tags": ["Payments"],
            "product": None,
            "comments": [
                {
                    "body": "Trailhead mostly sells its own gear, so what would you match against?",
                    "replies": ["Fair, I meant the few other brands they stock."],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We're looking at how pricing works across our stores and the website.",
                "declined": "Thanks for suggesting this. We keep one price online and in stores and don't "
                "price match, because that price also pays for free repairs and rental support. We do run "
                "member discounts and end-of-season prices, and we'll make those easier to find.",
            },
        },
        {
            "title": "Kids' size chart by height, not age",
            "body": "My kids are tall for their age, so the age on the label is useless. A size chart by "
            "height and chest, with advice on room to grow, would help me get it right without a return.",
            "tags": [],
            "product": "puddle-kids-jacket",
            "comments": [
                {
                    "body": "Room-to-grow advice is the key. I always buy one size up and hope.",
                    "replies": ["Same, then the sleeves cover their hands for a year."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
    ],
    "gear": [
        {
            "title": "Bring back the green Storm shell",
            "body": "The forest green Storm shell from two seasons ago was perfect: dark enough not to show "
            "dirt, but not the black everyone else wears in photos. Mine is finally wearing out at the "
            "shoulders and I'd buy the same one again tomorrow.",
            "tags": ["Jackets"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "Yes! The new blue is nice but the green looked great against snow.",
                    "replies": ["Agreed, my summit photos from that winter are still my best ones."],
                },
                {
                    "body": "Bright shades are safer for rescue though. I'd keep a red or orange option too.",
                    "replies": [
                        "Paula from the product team here: we'll keep a bright option in the range. "
                        "The green would come back alongside it, not instead."
                    ],
                },
                {
                    "body": "Please keep the new hood when you bring it back. That was a real improvement.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "Your votes got our attention. We're checking whether the original fabric "
                "mill can still dye that green.",
                "planned": "It's coming back next autumn, on the current Storm shell with the new hood, in "
                "sizes XS to XXL.",
            },
        },
        {
            "title": "Kids' sizes for the Granite boots",
            "body": "My 10-year-old now does full days on rocky paths with me, and the kids' boots we find "
            "are soft and wear out in a season. A smaller Granite with the same grippy sole would be "
            "worth it.",
            "tags": ["Footwear", "Sizing"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Lighter, please. Kids' legs tire quickly with heavy leather.",
                    "replies": ["True, maybe a fabric upper with the Granite sole."],
                },
                {
                    "body": "They outgrow boots so fast. A trade-in for the next size up would make this "
                    "easier to justify.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking at a lighter kids' version with the same sole, and at "
                "whether a trade-in for the next size up could work with it.",
            },
        },
        {
            "title": "A Ridge 2 footprint that packs inside the tent bag",
            "body": "The footprint I bought separately doesn't fit in the Ridge 2's bag, so I carry it "
            "strapped to the outside of my pack where it gets soaked. A footprint cut to size that fits "
            "in the bag would solve it.",
            "tags": ["Tents"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Please make it pitchable with just the fly for fast-and-light trips.",
                    "replies": [
                        "Paula from the product team here: it has the same corner buckles as the "
                        "tent, so fly-plus-footprint pitching works."
                    ],
                },
                {
                    "body": "Got mine last week. It fits in the bag with room to spare.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "We'll make a footprint cut to the Ridge 2's floor that fits inside its bag.",
                "in_progress": "Samples are out with testers on gravel and forest pitches.",
                "shipped": "Available now: the Ridge 2 footprint, 140 g, with corner buckles for pitching "
                "the fly and footprint on their own.",
            },
            "changelog": "New: a 140 g footprint cut for the Ridge 2 that packs inside the tent bag and "
            "pitches with just the fly.",
        },
        {
            "title": "Women's Summit 35L with a shorter back",
            "body": "I'm 1.58 m and the Summit's hip belt sits on my waist instead of my hips, so all the "
            "weight ends up on my shoulders. A women's version with a shorter back and a shaped hip belt "
            "would fix it.",
            "tags": ["Packs", "Sizing"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "Not just women: plenty of shorter men have the same problem.",
                    "replies": [
                        "Paula from the product team here: good point. We're making it as a short "
                        "back length with a choice of hip belt shapes, not a women-only pack."
                    ],
                },
                {
                    "body": "Shoulder straps that don't rub the chest would be great too.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned for next spring: a short back length of the Summit 35L, with a curved "
                "hip belt option.",
                "in_progress": "Second samples are being tested by a group of 20 hikers between 1.50 and "
                "1.70 m. We're adjusting the shoulder strap shape based on their feedback.",
            },
        },
        {
            "title": "Resoling service for Granite boots",
            "body": "My Granites have 900 km on them. The uppers are fine, the sole is worn smooth. I'd much "
            "rather pay to resole them than buy new boots and break them in again.",
            "tags": ["Footwear", "Sustainability"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Please keep the price well below a new pair, otherwise people won't bother.",
                    "replies": [],
                },
                {
                    "body": "A local cobbler did mine, but the new sole wasn't as grippy as the original.",
                    "replies": ["That's why an official resole with the original sole would be worth it."],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're talking to two repair partners about resoling with the original "
                "Granite sole.",
                "planned": "Planned: drop your Granites at any store and get them back with a new original "
                "sole in about three weeks. Pricing will be shared before launch.",
            },
        },
        {
            "title": "Longer pit zips on the Storm shell",
            "body": "The pit zips stop just below the armpit, so on steep climbs I still overheat. Running "
            "them further down the side, like on older mountain jackets, would make a real difference.",
            "tags": ["Jackets"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "Two-way zips too, so I can open them in the middle under a pack's shoulder "
                    "straps.",
                    "replies": ["Yes, the top opens fine but the hip belt blocks the bottom."],
                },
                {
                    "body": "Longer zips add weight. I'd prefer the current length.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Sell spare tent poles and pole sections",
            "body": "I snapped a pole section on the Ridge 2 in a storm and had to send the whole tent in "
            "for repair, three weeks without a tent. Let me buy a single section, or the whole pole, "
            "and fix it myself.",
            "tags": ["Tents", "Sustainability"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "A repair sleeve in the tent bag would get you home in the meantime.",
                    "replies": [
                        "Paula from the product team here: every Ridge 2 now ships with one, and "
                        "they're sold on their own too."
                    ],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "We'll sell single sections and complete poles for the Ridge 2, plus repair "
                "sleeves.",
                "in_progress": "Parts are on their way to our warehouse, and we're writing a short "
                "how-to for replacing a section.",
                "shipped": "Spare pole sections, full poles and repair sleeves for the Ridge 2 are now in "
                "the web shop, with a step-by-step guide.",
            },
            "changelog": "Spare pole sections, full poles and repair sleeves for the Ridge 2 are now in the "
            "shop, with a guide to swapping a section yourself.",
        },
        {
            "title": "Hip-belt pockets big enough for a phone",
            "body": "The Summit's hip-belt pockets fit a snack bar but not my phone, so it lives in a "
            "trouser pocket or the lid. Bigger stretch pockets would let me take photos without stopping.",
            "tags": ["Packs"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "Phones keep getting bigger, so make them stretchy rather than fixed.",
                    "replies": [],
                },
                {
                    "body": "Keep one zipped pocket for keys. I lost mine once from an open pocket.",
                    "replies": [
                        "Paula from the product team here: the new belt has one large stretch "
                        "pocket and one zipped pocket on the other side."
                    ],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned for the next Summit update: a larger stretch pocket on one side of "
                "the hip belt.",
                "in_progress": "Samples fit phones up to 17 cm tall. We're testing that the pocket doesn't "
                "bounce on descents.",
            },
        },
        {
            "title": "Wide fit version of the Granite boots",
            "body": "I have wide feet and the Granite pinches across the forefoot, even a size up. A wide "
            "fit would make them my go-to boot; right now I can only wear them for half a day.",
            "tags": ["Footwear", "Sizing"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Same here. Sizing up just gives me heel lift and blisters.",
                    "replies": ["Exactly, a size up is not a wide fit."],
                },
                {
                    "body": "Try the lacing trick that skips the first eyelets, it helped me a bit.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're measuring foot scans from our store fittings to see how wide the "
                "wide fit should be.",
                "planned": "A wide fit Granite is planned for next year, in men's and women's sizes, built "
                "on a new last with a roomier forefoot.",
            },
        },
        {
            "title": "Recycled fabric for the Storm shell",
            "body": "The Storm shell is great, but it's made from new nylon. If the face fabric were "
            "recycled and just as waterproof, I'd happily pay a bit more.",
            "tags": ["Jackets", "Sustainability"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "Only if it lasts as long. A jacket that wears out quicker isn't greener.",
                    "replies": [
                        "Paula from the product team here: agreed, that's why it has to pass the "
                        "same abrasion and waterproofing tests as the current fabric first."
                    ],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned: a Storm shell with a recycled face fabric, if it passes the same tests "
                "as the current one.",
                "in_progress": "A recycled nylon face fabric has passed our waterproofing tests. Abrasion "
                "tests and a season of field testing are under way.",
            },
        },
        {
            "title": "A three-person Ridge for families",
            "body": "We camp as two adults and a 6-year-old. The Ridge 2 is a squeeze and most 3-person "
            "tents weigh twice as much. A Ridge 3 under 1.6 kg would be ideal.",
            "tags": ["Tents"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Two doors on a 3-person tent, please. Climbing over each other at night is "
                    "no fun.",
                    "replies": [],
                },
                {
                    "body": "We'd use it as a roomy two-person tent too.",
                    "replies": ["Same, with dogs it's the only way."],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're sketching a three-person Ridge and checking whether it can stay "
                "freestanding under 1.6 kg.",
            },
        },
        {
            "title": "Tall sizes in jackets, with longer sleeves",
            "body": "I'm 1.95 m with long arms. The XL fits my chest but the sleeves end above my wrists and "
            "the hem rides up when I lift my arms. A tall fit in the Storm shell would be great.",
            "tags": ["Jackets", "Sizing"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "Yes, and without making the body huge. Slim and tall is what I need.",
                    "replies": [],
                },
                {
                    "body": "Longer sleeves would help with gloves too.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're checking sleeve and back lengths with tall customers at our fitting "
                "days.",
                "planned": "Planned: tall versions of the Storm shell in M to XXL, with 5 cm more on the "
                "sleeves and back length.",
            },
        },
        {
            "title": "PFAS-free water repellency on every jacket",
            "body": "The Storm shell is already PFAS-free. Please do the same for the rest of the range, "
            "including the kids' jackets, so I don't have to check each label.",
            "tags": ["Jackets", "Sustainability"],
            "product": None,
            "comments": [
                {
                    "body": "Does PFAS-free wet out faster? My old jacket did.",
                    "replies": [
                        "Paula from the product team here: it needs washing and re-treating a bit "
                        "more often. The care guide on each product explains how."
                    ],
                },
                {
                    "body": "Great to see this done across the whole range. Thank you.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: every jacket we make, kids' jackets included, moves to a PFAS-free "
                "finish.",
                "in_progress": "Most jackets have switched. The Puddle kids' jacket is the last one to "
                "change.",
                "shipped": "Done: every Trailhead jacket made from this season on uses a PFAS-free water "
                "repellent finish.",
            },
            "changelog": "Every Trailhead jacket, including the Puddle kids' jacket, now uses a PFAS-free "
            "water repellent finish.",
        },
        {
            "title": "High-visibility rain cover for the Summit pack",
            "body": "I walk the last stretch to the trailhead on a road with nowhere to walk but the edge. A rain cover in "
            "bright yellow with reflective strips would make me much more visible in bad weather.",
            "tags": ["Packs"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "Great for winter evenings when it gets dark at 4 pm.",
                    "replies": [],
                },
                {
                    "body": "Got one. Drivers give me noticeably more room now.",
                    "replies": ["Good to hear, ordering one for my partner."],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "We'll make a bright yellow rain cover with reflective strips for the Summit "
                "packs.",
                "in_progress": "Samples are in testing for fit on the 35L and the strip placement.",
                "shipped": "Out now: a hi-vis rain cover that fits the Summit 35L, with reflective strips on "
                "all four sides.",
            },
            "changelog": "New: a hi-vis yellow rain cover for the Summit 35L, with reflective strips on all "
            "four sides.",
        },
        {
            "title": "Two-way zip on the Drift sleeping bag",
            "body": "On warm nights I want to open the foot of the Drift to cool down without unzipping the "
            "whole side. A two-way zip would make it a true three-season bag.",
            "tags": [],
            "product": "drift-sleeping-bag",
            "comments": [
                {
                    "body": "And make sure left and right zips can join, so two bags can be zipped together.",
                    "replies": ["Yes! My partner and I bought two Drifts hoping they'd zip together."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Trekking poles that fit inside a 35L pack",
            "body": "The Ascent poles collapse to 62 cm, which is too long to fit inside my daypack for "
            "scrambles and bus rides. A folding version under 40 cm would be perfect.",
            "tags": [],
            "product": "ascent-trekking-poles",
            "comments": [
                {
                    "body": "Folding poles are less stiff though. I'd keep the Ascent for steep descents.",
                    "replies": ["Fair, it would be a second option, not a replacement."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Two doors on the Ridge 2, please",
            "body": "The Ridge 2 is great for one, but with two people whoever sleeps at the back climbs "
            "over the other every night. A second door and vestibule would be worth 100 g to me.",
            "tags": ["Tents"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Would rather keep the weight down. It's an ultralight tent after all.",
                    "replies": ["Maybe as a separate model then, the Ridge 2 plus?"],
                },
                {
                    "body": "Agree, the second vestibule matters even more than the door for storing boots.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Make the Beacon's lock switch harder to knock",
            "body": "My Beacon 400 turned itself on in my pack twice and was dead when I needed it. The "
            "lock switch slides too easily. A firmer lock, or press-and-hold to unlock, would fix it.",
            "tags": [],
            "product": "beacon-headlamp",
            "comments": [
                {
                    "body": "Until then, I turn the battery door a quarter turn. Works every time.",
                    "replies": ["Clever, thanks for the tip."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Half sizes in the Granite boots",
            "body": "I'm between a 42 and a 43. The 42 squeezes my toes on descents and the 43 lets my heel "
            "lift. Half sizes would make a big difference for a boot this stiff.",
            "tags": ["Footwear", "Sizing"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Thicker socks in the 43 solved it for me, for what it's worth.",
                    "replies": ["Tried that, but then they're too warm in summer."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A windscreen made to fit the Ember stove",
            "body": "The Ember's simmer control is great until the wind picks up, then the flame blows "
            "sideways and boiling 1 L takes twice as long. A light folding windscreen made for it would help.",
            "tags": [],
            "product": "ember-stove",
            "comments": [
                {
                    "body": "Careful with full windscreens on canister stoves, the canister can overheat.",
                    "replies": [
                        "Paula from the product team here: right, any screen we make would wrap "
                        "the burner and pot only, never the canister."
                    ],
                },
                {
                    "body": "I use a folded foil screen around the pot. Ugly but it works.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Pack liners made from factory offcuts",
            "body": "I line my pack with a heavy plastic bag on wet days. A light roll-top liner, sewn from "
            "the offcuts left over from making jackets, would be useful and use up fabric that's "
            "otherwise wasted.",
            "tags": ["Packs", "Sustainability"],
            "product": None,
            "comments": [
                {
                    "body": "Mixed patterns from offcuts would look great too.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Extendable sleeves on the Puddle kids' jacket",
            "body": "My son goes up a size every year. If the Puddle's sleeves had a seam I could let out "
            "by a few cm, we'd get a second winter from each jacket.",
            "tags": ["Jackets", "Sizing"],
            "product": "puddle-kids-jacket",
            "comments": [
                {
                    "body": "Some brands do this with a coded stitch you cut. Works well.",
                    "replies": [],
                },
                {
                    "body": "Longer back length too. Kids bend over puddles, a lot.",
                    "replies": ["Ha, that's literally what the jacket is named after."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Clearflow filter that screws onto any bottle",
            "body": "The soft flask that comes with the Clearflow is fine, but I'd like to screw the filter "
            "straight onto the standard bottles you can buy at any corner shop on the trail.",
            "tags": [],
            "product": "clearflow-filter",
            "comments": [
                {
                    "body": "It already fits most 28 mm bottle threads, at least the ones I've tried.",
                    "replies": ["Good to know, I'll try it. Maybe list that on the product page?"],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A tent under 500 grams",
            "body": "I'm chasing a lighter base weight for long trails. A single-wall shelter under 500 g "
            "that pitches with trekking poles would be amazing from Trailhead.",
            "tags": ["Tents"],
            "product": None,
            "comments": [
                {
                    "body": "Under 500 g means very thin fabric. I'd worry about it on rocky sites.",
                    "replies": [],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We're checking what we could build at that weight that still meets our "
                "durability standards.",
                "declined": "Thanks for pushing us on weight. Below about 800 g we'd need fabrics that "
                "don't pass our tear and abrasion tests, so we won't make a sub-500 g shelter. We're "
                "working on shaving grams from the Ridge instead.",
            },
        },
        {
            "title": "Mesh inner for hot summer nights",
            "body": "The Ridge 2's inner is mostly solid fabric, which is great in spring but stuffy in "
            "July. An all-mesh inner I could swap in would let me see the stars and sleep cooler.",
            "tags": ["Tents"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Yes, and without the fly it would be a perfect bug shelter.",
                    "replies": [],
                },
                {
                    "body": "Mesh inners are cold in the mountains. I'd want it as an option, not standard.",
                    "replies": ["Agreed, a swap-in option is what I meant."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Repair patches in every jacket shade",
            "body": "I tore my Storm shell on a branch and the only patch I could get was black on blue. "
            "Stick-on patches matching each jacket's shade would make repairs almost invisible.",
            "tags": ["Jackets", "Sustainability"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "I think a contrasting patch looks cool, honestly. Shows the jacket's history.",
                    "replies": ["Fair, maybe both options then."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Trade-in credit for old tents",
            "body": "I've upgraded to the Ridge 2 and my old Trailhead tent still works. I'd love to hand it "
            "in for credit, so it can be repaired and rented out or sold second-hand instead of sitting "
            "in the cellar.",
            "tags": ["Tents", "Sustainability"],
            "product": None,
            "comments": [
                {
                    "body": "Would be great for packs and boots too.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Summit 45 for overnight hut trips",
            "body": "I love the Summit 35L's back system, but for hut trips with a sleeping bag liner and "
            "spare clothes I need a bit more space. Same pack, 45 L, with a lid pocket.",
            "tags": ["Packs"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "With a proper frame sheet, please, for carrying 10 kg comfortably.",
                    "replies": [],
                },
                {
                    "body": "I pack for hut trips in the 35L with a compression sack. It can be done!",
                    "replies": ["Respect, but I'm not that disciplined."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Vegan version of the Granite boots",
            "body": "I don't wear leather, and most synthetic boots I've tried are too soft for rocky "
            "trails. A Granite with a synthetic upper and the same sole and heel counter would be "
            "perfect.",
            "tags": ["Footwear", "Sustainability"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Synthetic uppers dry faster too, which I'd love for wet trips.",
                    "replies": [],
                },
                {
                    "body": "Make sure the glue is vegan too, not only the upper.",
                    "replies": [
                        "Paula from the product team here: good catch, we're checking every "
                        "component, glue included."
                    ],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're testing synthetic upper materials for durability on the Granite's "
                "last, and checking every component, glues included.",
            },
        },
        {
            "title": "Hood adjusters I can reach with gloves on",
            "body": "The Storm shell's rear hood adjuster is a tiny cord at the back of my head. With gloves "
            "on in the wind I can't find it. A larger toggle or a pull tab at the side would help.",
            "tags": ["Jackets"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "Yes, the front ones are fine, it's the back one that's impossible.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Tent pegs that hold in sand and snow",
            "body": "The pegs that come with the Ridge 2 are great on grass but useless on a beach or in "
            "snow. A set of wide pegs I could swap in for those trips would be handy.",
            "tags": ["Tents"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Bury a stuff sack full of sand as an anchor. Works in snow too.",
                    "replies": ["Good trick, but wide pegs are quicker when it's getting dark."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Size charts with real measurements, not just S/M/L",
            "body": "Please list the actual garment measurements: chest, back length, sleeve from the middle "
            "of the back of the neck. I'd compare with a jacket I own and know straight away.",
            "tags": ["Sizing"],
            "product": None,
            "comments": [
                {
                    "body": "And say which size the model is wearing, with their height.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A warmer Drift for winter camping",
            "body": "The Drift is lovely in spring and autumn, but at -5°C I'm wearing everything I own "
            "inside it. A winter version rated to -10°C comfort, with the same hood, would finish my "
            "kit.",
            "tags": [],
            "product": "drift-sleeping-bag",
            "comments": [
                {
                    "body": "A liner adds a few degrees in the meantime. Not perfect though.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Longer foam grips on the Ascent poles",
            "body": "On traverses I choke down on the uphill pole and end up holding bare carbon. A foam "
            "extension below the cork grip, like on many poles, would make side-hill sections much "
            "easier.",
            "tags": [],
            "product": "ascent-trekking-poles",
            "comments": [
                {
                    "body": "Agreed. It's the one thing missing from otherwise great poles.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're trying a 12 cm foam extension on test poles to see what it adds in "
                "weight and whether it survives a season.",
            },
        },
        {
            "title": "The orange Summit pack was the best one",
            "body": "I still get compliments on my old burnt-orange Summit, and it's easy to spot in a pile "
            "of black packs at the hut. Please bring that shade back.",
            "tags": ["Packs"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "Easy to find in the dark too. Black packs are a pain at night.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "An insulated jacket that packs into its own pocket",
            "body": "I want a light synthetic jacket for lunch stops and camp that stuffs into its own "
            "chest pocket and doubles as a pillow. It would pair well with the Storm shell.",
            "tags": ["Jackets"],
            "product": None,
            "comments": [
                {
                    "body": "Synthetic rather than down, please, so it still works when damp.",
                    "replies": ["Agreed, for wet climates synthetic is the only sensible choice."],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking at synthetic fills, and whether the jacket can fit over "
                "a fleece and under the Storm shell.",
            },
        },
        {
            "title": "Publish a repair manual for every product",
            "body": "I'm happy to fix my own gear, but I don't know which glue works on which fabric or how "
            "to replace a buckle. A short repair guide per product would keep a lot of gear in use.",
            "tags": ["Sustainability"],
            "product": None,
            "comments": [
                {
                    "body": "Short videos would be even better than PDFs.",
                    "replies": [],
                },
                {
                    "body": "Include which parts you sell, with links. That's half the battle.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A lighter summer boot to go with the Granite",
            "body": "The Granite is my boot for rocky ground, but in July it's heavy and hot. A lighter "
            "fabric mid-boot with a similar sole would cover summer day hikes.",
            "tags": ["Footwear"],
            "product": None,
            "comments": [
                {
                    "body": "Not waterproof, please. Summer boots should breathe and dry fast.",
                    "replies": ["Agreed, a waterproof lining in July is a swamp."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Red light first when I switch the headlamp on",
            "body": "Switching the Beacon on in a shared hut room blasts everyone with white light before I "
            "can reach red. I'd like an option for it to start in red mode.",
            "tags": [],
            "product": "beacon-headlamp",
            "comments": [
                {
                    "body": "Yes, my tent mate has complained about this more than once.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A slightly bigger tent bag so packing isn't a fight",
            "body": "Getting the Ridge 2 back into its bag on a cold wet morning takes three attempts. A bag "
            "a couple of cm wider would make packing up so much less annoying.",
            "tags": ["Tents"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Stuff the fly instead of rolling it. Much faster and the bag fits fine.",
                    "replies": ["This changed my mornings, thank you."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Lifetime warranty on all packs",
            "body": "A pack should last decades. A lifetime warranty would show you stand behind your "
            "packs, and I'd happily pay a bit more for that peace of mind.",
            "tags": ["Packs"],
            "product": None,
            "comments": [
                {
                    "body": "Repairs matter more to me than replacements, honestly.",
                    "replies": [],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We're looking at what our repair workshops already handle, and at what a "
                "longer warranty would mean.",
                "declined": "Thank you for this. We won't offer a lifetime replacement warranty, because "
                "we'd rather keep packs in use than replace them. Instead our repair workshops will fix "
                "any Trailhead pack at cost, for as long as it's repairable.",
            },
        },
        {
            "title": "Gaiters that clip onto the Granite laces",
            "body": "My gaiters slide up on muddy paths because the hook doesn't hold on the Granite's "
            "laces. A matching gaiter with a clip designed for that lace hook would stay put.",
            "tags": ["Footwear"],
            "product": "granite-hiking-boots",
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Laces that don't come undone on scree",
            "body": "The Granite's round laces loosen on long descents, usually halfway down a scree slope. "
            "Flatter laces with more grip, or a lace lock, would stop me stopping every 20 minutes.",
            "tags": ["Footwear"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "A surgeon's knot at the top hooks fixed this for me.",
                    "replies": ["Tried it, still loosens. The laces are slippery."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A stove and pot set that nests together",
            "body": "I'd like an Ember kit where the stove, a small canister and a lighter all nest inside "
            "a 1 L pot with a lid that doubles as a mug. One less thing rattling around in the pack.",
            "tags": [],
            "product": "ember-stove",
            "comments": [
                {
                    "body": "With a heat-proof handle that folds flat, please.",
                    "replies": [],
                },
                {
                    "body": "Something that fits a 100 g canister, the 230 g ones are too big for 1 L pots.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Reflective guy lines as standard",
            "body": "I trip over my own guy lines every night. Reflective ones would light up in my "
            "headlamp beam and save my toes and my tent.",
            "tags": ["Tents"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
    ],
    "stores": [
        {
            "title": "Book rentals online and pick them up at the store",
            "body": "Right now I have to call the store to reserve a rental tent, and twice the person who "
            "took the call wasn't in when I came to collect. Let me book online, pay the deposit and just "
            "pick the gear up on Friday afternoon.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Show what's actually free on my dates, please, not just a request form.",
                    "replies": [
                        "Sam from the stores team here: that's the plan. You'll see live "
                        "availability per store and per date before you book."
                    ],
                },
                {
                    "body": "And a reminder the day before with the store's opening hours.",
                    "replies": [],
                },
                {
                    "body": "Phone booking worked fine for me, but online would be easier after work.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned: book and pay for rentals online, with live availability for each store.",
                "in_progress": "Online booking is live for staff testing in two stores. We're inviting "
                "renters to the Rental booking beta before it opens everywhere.",
            },
        },
        {
            "title": "Return rental gear to a different store",
            "body": "I often start a trek near one store and finish near another. Being able to drop the "
            "rental pack and tent at the store where I finish would save a long drive back.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Even for a small fee, this would be worth it for point-to-point trails.",
                    "replies": [],
                },
                {
                    "body": "Would they still check the gear before releasing the deposit?",
                    "replies": [
                        "Sam from the stores team here: yes, any store can check a rental in. "
                        "The deposit is released as soon as that's done."
                    ],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're working out how to get gear back to its home store without long "
                "waits for the next renter.",
                "planned": "Planned with online booking: choose a different return store when you book, "
                "for a small transfer fee.",
            },
        },
        {
            "title": "Evening repair workshops after work",
            "body": "The repair workshops are always on Saturday mornings, which is when I'm out hiking. "
            "An evening session once a month would let me learn to patch my own jacket and fix zips.",
            "tags": ["Workshops"],
            "product": None,
            "comments": [
                {
                    "body": "Went to the first one. Learned to replace a buckle in ten minutes, great "
                    "evening.",
                    "replies": [
                        "Sam from the stores team here: glad you enjoyed it! Next month is seam sealing."
                    ],
                },
                {
                    "body": "Could they be recorded for people who live far from a store?",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "We'll add a monthly weekday evening workshop in our five largest stores.",
                "in_progress": "The first sessions are booked: zips, buckles and patching.",
                "shipped": "Evening repair workshops now run on the first Wednesday of each month, 6 to "
                "8 pm, in our five largest stores. Book at the counter or on the website.",
            },
            "changelog": "Repair workshops now run on the first Wednesday evening of each month in our five "
            "largest stores, as well as on Saturdays.",
        },
        {
            "title": "Let the kiosk check stock in other stores",
            "body": "The kiosk told me my size was out of stock, full stop. Staff then found it in the store "
            "across town in a minute. The kiosk should show the nearest store that has it.",
            "tags": ["Kiosk"],
            "product": None,
            "comments": [
                {
                    "body": "And let me reserve it there from the kiosk.",
                    "replies": [
                        "Sam from the stores team here: you can now ask for it to be sent to your "
                        "store, free, right from the kiosk."
                    ],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: the kiosk will show stock in nearby stores when your size is sold out.",
                "in_progress": "Testing in three stores, including requesting a transfer.",
                "shipped": "Live in every store: when your size is sold out, the kiosk shows the nearest "
                "stores that have it and can request a free transfer.",
            },
            "changelog": "The in-store kiosk now shows stock in nearby stores and can request a free "
            "transfer to yours.",
        },
        {
            "title": "Beginner navigation walks on Saturday mornings",
            "body": "I can follow the app, but I'd like to learn map and compass properly before I try "
            "longer routes. A relaxed beginners' walk with a staff member, two or three hours, would be "
            "perfect.",
            "tags": ["Events"],
            "product": None,
            "comments": [
                {
                    "body": "Please keep groups small. Eight people at most, so everyone gets a turn.",
                    "replies": [],
                },
                {
                    "body": "Include what to do when the phone dies. That's the real skill.",
                    "replies": ["Exactly, relocating yourself with a map is what people never get to try."],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're finding staff who are qualified to lead navigation sessions in each "
                "region.",
                "planned": "Planned from April: free two-hour navigation walks for beginners, eight people "
                "per group, starting from four stores.",
            },
        },
        {
            "title": "Rent a stove with a fuel canister included",
            "body": "I flew in for a trek, rented a stove, and only found out at the store that fuel isn't "
            "included. You can't bring canisters on a plane, so offer one with every stove rental and "
            "refund whatever I don't use.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Refund by weight is a nice touch. Half-used canisters pile up otherwise.",
                    "replies": [],
                },
                {
                    "body": "Tried it last month, very easy. They weighed the canister on return.",
                    "replies": [],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: stove rentals will include a full canister, charged by how much you "
                "use.",
                "in_progress": "Stores are getting scales and a simple weight chart for the counter.",
                "shipped": "Every stove rental now comes with a full canister. We weigh it when you "
                "return it and you only pay for the fuel you used.",
            },
            "changelog": "Stove rentals now include a full fuel canister; you pay only for the fuel you use, "
            "weighed on return.",
        },
        {
            "title": "Boot fitting appointments I can book",
            "body": "On Saturdays the boot fitter is always busy and I gave up after 40 minutes. A "
            "30-minute appointment I can book online would make sure I get proper time with someone "
            "who knows feet.",
            "tags": ["Staff"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Let me say in advance what I'm looking for, so they can have sizes ready.",
                    "replies": [
                        "Sam from the stores team here: the booking form will ask about your "
                        "trips and current boots for exactly that reason."
                    ],
                },
                {
                    "body": "Weekday evenings would be ideal for people who work.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned: bookable 30-minute boot fittings in every store with a trained fitter.",
                "in_progress": "The booking page is being built, and we're training two more fitters per "
                "store so there are enough slots.",
            },
        },
        {
            "title": "Pay the rental deposit with a card hold, not cash",
            "body": "The rental deposit has to be paid up front and refunded later, which ties up money for "
            "days. A hold on my card, released when I return the gear, would be much easier.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Yes, especially for a full kit rental where the deposit is large.",
                    "replies": [],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're checking with our payment provider how long a card hold can last "
                "for week-long rentals.",
                "planned": "Planned with online booking: deposits will be a hold on your card, released "
                "when the gear is checked in.",
            },
        },
        {
            "title": "Make the kiosk usable from a wheelchair",
            "body": "I use a wheelchair and the kiosk screen is too high to reach the top half, where the "
            "search bar is. A lower screen, or moving the controls to the bottom, would let me use it "
            "on my own.",
            "tags": ["Kiosk"],
            "product": None,
            "comments": [
                {
                    "body": "The same layout would help kids and shorter people too.",
                    "replies": [],
                },
                {
                    "body": "Thank you for raising this. Accessibility in stores is often forgotten.",
                    "replies": [
                        "Sam from the stores team here: thank you for telling us. We're fixing "
                        "both the screen layout and the mounting height."
                    ],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Planned: a 'reach mode' that moves all controls to the lower half, and lower "
                "mounting for new kiosks.",
                "in_progress": "Reach mode is being tested with wheelchair users in two stores. New "
                "kiosks are being mounted 20 cm lower.",
            },
        },
        {
            "title": "Rent kids' gear for a whole season",
            "body": "My kids need a new jacket and boots every year. Renting them for the season, then "
            "swapping for the next size up, would be cheaper and less wasteful than buying.",
            "tags": ["Rentals"],
            "product": "puddle-kids-jacket",
            "comments": [
                {
                    "body": "What about wear and tear? Kids are hard on gear.",
                    "replies": ["That's the point of renting, normal wear should be expected."],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking at which kids' items would survive several seasons of "
                "renting, and what a fair seasonal price would be.",
            },
        },
        {
            "title": "Zip repairs while I wait",
            "body": "A broken zip slider is a five-minute job, but the workshop keeps the jacket for two "
            "weeks. A walk-in slot for small fixes, done while I browse, would be great.",
            "tags": ["Workshops"],
            "product": None,
            "comments": [
                {
                    "body": "Same for buckles and cord locks. Small jobs, long waits.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A quiet hour without music or announcements",
            "body": "I'm autistic and the music and announcements make it hard to concentrate on choosing "
            "boots. One hour a week with no music, softer lights and fewer people would help me and "
            "others.",
            "tags": ["Staff"],
            "product": None,
            "comments": [
                {
                    "body": "Would love this with a baby who's just fallen asleep in the carrier.",
                    "replies": [],
                },
                {
                    "body": "Went on Tuesday morning. So calm, and staff had time to talk.",
                    "replies": [
                        "Sam from the stores team here: that's lovely to hear, thank you for coming."
                    ],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned: a weekly quiet hour in every store.",
                "in_progress": "Staff are being briefed, and we're picking a time that suits the most "
                "people.",
                "shipped": "Every Tuesday from 9 to 10 am, all our stores now have a quiet hour: no music, "
                "no announcements and softer lighting.",
            },
            "changelog": "Quiet hour: every Tuesday 9-10 am, all stores turn off music and announcements and "
            "dim the lights.",
        },
        {
            "title": "Staff trip reports on a board by the door",
            "body": "The staff at my store hike a lot. A board with their recent trips, trail conditions and "
            "a tip or two would be more useful to me than any poster.",
            "tags": ["Staff"],
            "product": None,
            "comments": [
                {
                    "body": "Our store does this already and it's the first thing I look at.",
                    "replies": ["Which store? I'd love to see how it's laid out."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A tent pitching area in the bigger stores",
            "body": "I'd like to pitch a tent myself before buying it, not just look at the one on display. "
            "A small area with a floor I can peg into, in the bigger stores, would settle it for me.",
            "tags": ["Events"],
            "product": "ridge-2-tent",
            "comments": [
                {
                    "body": "Timed pitching contests at events would be fun too.",
                    "replies": ["Ha, I'd lose every time."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Let me try packs with weight inside",
            "body": "An empty pack always feels fine. Please keep a few sandbags so I can try the Summit with "
            "8-10 kg in it and walk around the store before buying.",
            "tags": ["Staff"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "My store has them, just ask! But they're not on display, so nobody knows.",
                    "replies": ["Good to know. A sign would help."],
                },
                {
                    "body": "A small ramp or a couple of steps to walk on would be even better.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A seam-check note with every rental tent",
            "body": "When I rent a tent I'd like a card saying when it was last checked, what was fixed and "
            "what to watch for, like 'door zip is a bit stiff'.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "And a way to report issues on return so the next person is warned.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Send a product page from the kiosk to my phone",
            "body": "I find something on the kiosk and want to think about it. A QR code on screen that "
            "opens the product on my phone would save me taking a photo of the screen.",
            "tags": ["Kiosk"],
            "product": None,
            "comments": [
                {
                    "body": "Yes, and add it to my wishlist if I'm signed in.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Sharpening service for ice axes and crampons",
            "body": "Before the winter season I have to find someone to sharpen my crampons. A "
            "sharpening service in the workshop, a few days before the first snow, would be very popular.",
            "tags": ["Workshops"],
            "product": None,
            "comments": [
                {
                    "body": "Teach people to do it themselves with a file, too. It's not hard.",
                    "replies": ["Good idea for a workshop session."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Women-led beginner hikes",
            "body": "I'd love to join a group hike, but the ones I've tried were fast and mostly men. A "
            "regular beginner hike led by women staff would help me and several friends get started.",
            "tags": ["Events"],
            "product": None,
            "comments": [
                {
                    "body": "My friends and I would come every month.",
                    "replies": [],
                },
                {
                    "body": "Please make them at an easy pace, with proper stops.",
                    "replies": [
                        "Sam from the stores team here: they'll be 8-10 km at a relaxed pace, "
                        "with a coffee stop in the middle."
                    ],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "We're asking staff across our stores who would like to lead these.",
                "planned": "Planned from spring: a monthly women-led beginner hike from six stores, free, "
                "12 places each.",
            },
        },
        {
            "title": "Rent a pack, boots and poles together for a first trek",
            "body": "I want to try a multi-day trek before spending on everything. A beginner bundle, with "
            "a pack, boots and poles at one price and a fitting included, would make it easy.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Renting boots feels odd, but if they're cleaned properly, why not.",
                    "replies": ["They do a deep clean and new insoles, I asked."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Long weekend rentals from Thursday to Monday",
            "body": "A weekend rental means picking up Friday and returning Monday morning, so I can't leave "
            "early on Friday. A long weekend option from Thursday evening would help.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Same price as a weekend plus one day would be fair.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're checking whether we have enough tents to cover Thursday pick-ups "
                "without running short.",
            },
        },
        {
            "title": "A repair café for gear of any brand",
            "body": "Once a month, open the workshop for anyone to bring any gear, any brand, and fix it "
            "with help from staff and volunteers. Good for the community and keeps gear in use.",
            "tags": ["Workshops", "Events"],
            "product": None,
            "comments": [
                {
                    "body": "Love this. I have a pile of old gear from other brands I'd like to save.",
                    "replies": [],
                },
                {
                    "body": "I'd volunteer. I've been fixing tents for friends for years.",
                    "replies": [
                        "Sam from the stores team here: that's great, we'll be in touch if it goes ahead."
                    ],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're looking at space, insurance and volunteers, and whether to start "
                "in one store as a trial.",
            },
        },
        {
            "title": "A kit check before a big trip",
            "body": "Before my first multi-day trek I'd have paid for 20 minutes with someone experienced "
            "going through my pack and checklist. A bookable kit check would be a great service.",
            "tags": ["Staff"],
            "product": None,
            "comments": [
                {
                    "body": "Would be useful to know what to leave behind, not just what to add.",
                    "replies": ["So true. My first pack weighed 16 kg."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Start a return by scanning my order at the kiosk",
            "body": "Returning an online order in store means waiting at the counter while staff look it "
            "up. Scanning the order QR at the kiosk to start the return would speed it up.",
            "tags": ["Kiosk"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Evening talks by local rangers",
            "body": "Rangers know the local trails, the wildlife and the rules better than anyone. An "
            "evening talk in store, maybe once a season, would be a lovely event.",
            "tags": ["Events"],
            "product": None,
            "comments": [
                {
                    "body": "Especially about where you can and can't camp. It's confusing.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Keep fuel canisters in stock at every store",
            "body": "I arrived at the store near the trailhead on a Friday and they were out of canisters. "
            "You can't bring them on a plane, so stores near popular areas should never run out.",
            "tags": [],
            "product": "ember-stove",
            "comments": [
                {
                    "body": "Same problem in summer at the mountain stores.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Buy the rental gear I liked at a discount",
            "body": "I rented a Ridge 2 for a week and loved it. If I could buy that tent, or a new one, with "
            "part of the rental fee taken off, I'd have bought it on the spot.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Deducting the rental fee from a new purchase would be a great incentive.",
                    "replies": [],
                },
                {
                    "body": "Some stores already sell off ex-rental gear at the end of the season.",
                    "replies": ["Didn't know that. Worth advertising more!"],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Loyalty points for repairs, not just purchases",
            "body": "I'm rewarded for buying new things but not for repairing old ones. Points for repair "
            "jobs would fit with what Trailhead says about keeping gear in use.",
            "tags": ["Workshops"],
            "product": None,
            "comments": [
                {
                    "body": "Exactly. It sends the right message.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Open at 6 am on weekends",
            "body": "I often want to pick up something on the way to the hills at dawn. Opening at 6 am on "
            "Saturdays and Sundays would let me do that without going the day before.",
            "tags": ["Staff"],
            "product": None,
            "comments": [
                {
                    "body": "That's a lot to ask of staff every weekend.",
                    "replies": ["Fair, maybe a pick-up locker instead?"],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We ran early openings in two stores last summer to see how many people "
                "would come.",
                "declined": "Thank you for the idea. In our trial very few people came before 8 am, and "
                "early shifts every weekend would be hard on our teams, so we won't open at 6. We're "
                "looking at pick-up lockers for online orders instead.",
            },
        },
        {
            "title": "Re-waterproof my jacket while I shop",
            "body": "Washing and re-treating a jacket at home is a hassle. A service where I drop it off, shop, "
            "and pick it up re-treated a few hours later would be worth paying for.",
            "tags": ["Workshops"],
            "product": "storm-shell-jacket",
            "comments": [
                {
                    "body": "A few hours is optimistic, it needs to dry properly. Next day would be fine.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "The kiosk in more languages",
            "body": "Lots of tourists come into the mountain stores and the kiosk is only in one language. "
            "Adding a few more would help them find what they need without waiting for staff.",
            "tags": ["Kiosk"],
            "product": None,
            "comments": [
                {
                    "body": "Product names could stay the same, just the menus.",
                    "replies": [],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're checking which languages visitors to our mountain stores use most.",
            },
        },
        {
            "title": "A play corner so I can try boots in peace",
            "body": "Trying on boots properly takes time, and my toddler doesn't have any. A small corner "
            "with a few books and toys would let me focus for 15 minutes.",
            "tags": ["Staff"],
            "product": None,
            "comments": [
                {
                    "body": "Even a bench and a few picture books would do.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A photo wall of trips made with rental gear",
            "body": "It would be fun to see where rental tents and packs have been. A photo wall, with "
            "renters' pictures, would also show newcomers what's possible.",
            "tags": ["Rentals", "Events"],
            "product": "gear-rental-service",
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Sleeping bag washing service",
            "body": "Washing a down bag at home is nerve-wracking and takes a whole day of drying. A "
            "washing service in the workshop would keep my Drift lofty for years.",
            "tags": ["Workshops"],
            "product": "drift-sleeping-bag",
            "comments": [
                {
                    "body": "Tennis balls in the dryer help, but a pro service is better.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Trail clean-up days with the store team",
            "body": "Once or twice a year, a clean-up day on a popular trail near each store, with gloves and "
            "bags provided and a drink afterwards. I'd bring friends.",
            "tags": ["Events"],
            "product": None,
            "comments": [
                {
                    "body": "Work with the local park rangers so it's where it's most needed.",
                    "replies": [],
                },
                {
                    "body": "Yes please, I'd bring the kids.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Name badges that say what staff like to hike",
            "body": "I never know who to ask about winter camping versus trail running. Badges like "
            "'Ask me about: via ferrata, kids' hikes' would help me find the right person.",
            "tags": ["Staff"],
            "product": None,
            "comments": [
                {
                    "body": "Fun idea, and great for starting a conversation.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A printed packing list with every rental",
            "body": "When I picked up a rental kit I wasn't sure everything was there. A list of all the "
            "parts, like pegs, poles and repair kit, would make checking easy at pick-up and return.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "A photo of the full kit laid out would be even quicker to check.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Book a workshop slot from the kiosk",
            "body": "I saw a poster for the repair workshop in store, but had to go home to book it online. "
            "The kiosk should show upcoming workshops and let me book there.",
            "tags": ["Kiosk", "Workshops"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "A quick drop-off spot for rental returns",
            "body": "On Monday mornings I wait behind people buying things just to hand back a rental. A "
            "separate drop-off desk or a return bin with a check-in later would save time.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "As long as I still get told the deposit is released.",
                    "replies": ["A text message once it's checked would be fine."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Winter skills evening before the season",
            "body": "An evening in November on **layering, using crampons and what to carry in winter**, "
            "before people head out in the snow. Practical, with gear to try on.",
            "tags": ["Events", "Workshops"],
            "product": None,
            "comments": [
                {
                    "body": "Add a session on spotting hypothermia. It matters.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Dogs welcome in every store",
            "body": "I hike with my dog, and it's a pain to leave her in the car while I pick up something. "
            "Some stores let dogs in, some don't. Please make it the same everywhere.",
            "tags": ["Staff"],
            "product": None,
            "comments": [
                {
                    "body": "Some people are scared of dogs, so only if they're kept close.",
                    "replies": ["Of course, she never leaves my side in shops."],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're checking with our landlords and our staff before setting one rule "
                "for every store.",
            },
        },
        {
            "title": "Gear swap nights",
            "body": "An evening where people bring gear they no longer use and swap or sell it to each other, "
            "in the store. Good for kids' gear especially.",
            "tags": ["Events"],
            "product": None,
            "comments": [
                {
                    "body": "We did one at our hiking club, it was a big success.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Rent a satellite messenger",
            "body": "For one big trip a year I'd like a satellite messenger, but buying one and paying for a "
            "plan doesn't make sense. Renting one with the tent would be ideal.",
            "tags": ["Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "I'd worry whether it's set up correctly for emergencies.",
                    "replies": [],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "We're talking to device makers about how rentals would work.",
                "declined": "Thanks for this. These devices need a personal subscription and emergency "
                "contacts registered to the user, and we can't make sure that's done safely for every "
                "rental, so we won't offer them. Our staff are happy to advise on buying one.",
            },
        },
        {
            "title": "Show rental availability on the kiosk",
            "body": "The kiosk shows products for sale but nothing about rentals. Being able to check which "
            "tents are free next weekend from the kiosk would save me asking at the counter.",
            "tags": ["Kiosk", "Rentals"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Once online booking exists, this should come with it.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Pack fitting sessions for teenagers",
            "body": "My 14-year-old is doing her first expedition with school. A short fitting session for "
            "teenagers, who are between kids' and adults' sizes, would help a lot.",
            "tags": ["Staff"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "School expedition season is spring, so timing matters.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
    ],
    "beta-lab": [
        {
            "title": "Ember prototype: new simmer valve in crosswind",
            "body": "I took prototype 3 of the new Ember valve up the ridge behind the office. At its lowest "
            "setting it held a flame in gusts that blew out the current stove, but the knob is stiff with "
            "cold hands. Logging results here as we go.",
            "tags": ["Prototype"],
            "product": "ember-stove",
            "comments": [
                {
                    "body": "Did you time boils at the low setting, or only check that it stays lit?",
                    "replies": ["Only stays-lit so far. Boil times next week, same spot, same pot."],
                },
                {
                    "body": "The stiff knob might be the O-ring at low temperature. Worth trying the softer "
                    "compound.",
                    "replies": [],
                },
            ],
            "status": "in_progress",
            "status_notes": {
                "planned": "Approved for the next Ember revision, provided it holds a low flame in wind at "
                "altitude.",
                "in_progress": "Prototype 4, with a softer O-ring, is with the test team. Altitude tests "
                "next month.",
            },
        },
        {
            "title": "Interview ten families before we design kids' boots",
            "body": "Before anyone sketches a kids' Granite, I'd like to hear from families who hike every "
            "month: what wears out first, how often kids outgrow boots, and whether a trade-in would "
            "change what they buy.",
            "tags": ["Research"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "I can recruit from the kids' sizing threads on the public boards. Lots of keen "
                    "parents there.",
                    "replies": ["Perfect, please do. Aim for a mix of ages and hiking levels."],
                },
            ],
            "status": "planned",
            "status_notes": {
                "under_review": "Good call. We'll agree the interview guide with the gear team first.",
                "planned": "Ten interviews booked over the next two months. Findings go to the gear team "
                "before any design work starts.",
            },
        },
        {
            "title": "Tags on rental tents to count nights used",
            "body": "We retire rental tents by age, not by use. A small tag scanned at pick-up and return "
            "would tell us how many nights each tent has done and which ones are due a seam check.",
            "tags": ["Prototype"],
            "product": "gear-rental-service",
            "comments": [
                {
                    "body": "Couldn't the new booking system log this without a tag?",
                    "replies": [
                        "Partly, but tags also catch tents that get swapped between kits at the counter."
                    ],
                },
            ],
            "status": "under_review",
            "status_notes": {
                "under_review": "We're comparing the cost of tags with logging nights in the new booking "
                "system.",
            },
        },
        {
            "title": "Onboarding: no account until someone saves a route",
            "body": "In our test, 38% of new users quit on the sign-up screen before they ever saw a map. "
            "Letting people explore first, and asking for an account only when they save a route, should "
            "keep far more of them.",
            "tags": ["Prototype"],
            "product": "trailhead-app-premium",
            "comments": [
                {
                    "body": "Offline downloads should still need an account, or we lose the path to Premium.",
                    "replies": ["Agreed. Saving and downloading both ask for an account."],
                },
            ],
            "status": "shipped",
            "status_notes": {
                "planned": "Planned for app 4.1: explore first, sign up on first save or download.",
                "in_progress": "Built, and running as a test with half of new installs.",
                "shipped": "Shipped to everyone in app 4.1. Sign-up completion went from 62% to 79% in the "
                "first month.",
            },
            "changelog": "New to the app? You can now explore maps and routes before creating an account; "
            "we'll ask when you save a route or download a map.",
        },
        {
            "title": "Recycled ripstop vs current fabric: abrasion results",
            "body": "First lab results for the recycled ripstop we're looking at for packs:\n\n"
            "- **abrasion**: 92% of the current fabric's cycles\n- **tear strength**: equal\n"
            "- **cost**: about 8% higher\n\nIs 92% good enough for the Summit's base panel?",
            "tags": ["Prototype", "Research"],
            "product": "summit-35l-daypack",
            "comments": [
                {
                    "body": "Not for the base panel, I'd say. Use it for the body and keep the base as is.",
                    "replies": ["That's where I'm leaning too. Let's test the mixed build."],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Diary study: how people pack the night before a trip",
            "body": "I'd like 15 hikers to send us photos and a short note the night before each trip for a "
            "month. It would show how the app checklist is really used, and what's missing from it.",
            "tags": ["Research"],
            "product": None,
            "comments": [
                {
                    "body": "Include a few people who don't use the checklist at all. Why not is useful too.",
                    "replies": [],
                },
            ],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Where do people give up on the kiosk?",
            "body": "Kiosk logs from three stores show a lot of sessions ending on the size picker. I'd like "
            "to sit next to a kiosk for a Saturday and watch what happens there.",
            "tags": ["Research"],
            "product": None,
            "comments": [],
            "status": "open",
            "status_notes": {},
        },
        {
            "title": "Heated insole prototype for the Granite",
            "body": "We built a battery-heated insole that fits the Granite. It keeps toes warm for about "
            "five hours at -10°C. Sharing the first results before we decide whether to go further.",
            "tags": ["Prototype"],
            "product": "granite-hiking-boots",
            "comments": [
                {
                    "body": "Five hours isn't a winter day. And who wants to charge their boots?",
                    "replies": ["Fair. That's what the testers said too."],
                },
            ],
            "status": "declined",
            "status_notes": {
                "under_review": "Testers are trying the prototype on two winter trips.",
                "declined": "Closing this one. The battery added 180 g per boot and needs charging every "
                "night, which doesn't fit how our customers hike. We'll look at better insulated insoles "
                "instead.",
            },
        },
    ],
}

REVIEWS = {
    "ridge-2-tent": [
        {
            "rating": 5,
            "title": "Pitches in minutes, even in the wind",
            "body": "Pitched it on an exposed ridge in strong gusts and the single hub pole went up in under "
            "five minutes. Peg the windward corner first and it's easy.",
            "pros": "Fast pitch, stable in wind",
            "cons": "Only one door",
        },
        {
            "rating": 5,
            "title": "My go-to for solo trips",
            "body": "At 1.1 kg it's the lightest tent I've owned that still feels roomy for one person and "
            "their gear. The vestibule takes my pack and boots with room to cook.",
            "pros": "Light, roomy for one",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Great tent, snug for two",
            "body": "Two of us fit, but whoever sleeps at the back climbs over the other to get out. Fine for "
            "a couple, a squeeze for friends.",
            "pros": "Light for a two-person tent",
            "cons": "Tight for two, one door",
        },
        {
            "rating": 4,
            "title": "Dry through a night of heavy rain",
            "body": "Six hours of heavy rain at a lakeside campsite and nothing came through. Some "
            "condensation on the inner by morning, which wiped off with a cloth.",
            "pros": "Waterproof fly",
            "cons": "Some condensation",
        },
        {
            "rating": 3,
            "title": "Good tent, stuff sack far too small",
            "body": "The tent itself is excellent, but getting it back into the bag on a wet morning is a "
            "fight. I now use a bigger stuff sack.",
            "pros": "Quick to pitch",
            "cons": "Tiny stuff sack",
        },
        {
            "rating": 5,
            "title": "A week on the coast and it didn't flinch",
            "body": "Seven nights on a windy coastal trail with sandy pitches and salt spray. The pegs "
            "struggled in sand, but the tent itself stayed solid every night.",
            "pros": "Stable in wind",
            "cons": "Pegs weak in sand",
        },
        {
            "rating": 2,
            "title": "Pole snapped on night two",
            "body": "A pole section cracked in a strong gust on the second night and ended my trip early. "
            "Customer service sent a replacement section quickly, which I appreciated.",
            "pros": "Fast replacement part",
            "cons": "Pole broke in a gust",
        },
        {
            "rating": 4,
            "title": "Worth the price for the weight saved",
            "body": "Paid more than I planned, but my back thanks me on long days. I'd love a second "
            "vestibule for wet gear.",
            "pros": "1.1 kg all in",
            "cons": "Price",
        },
    ],
    "summit-35l-daypack": [
        {
            "rating": 5,
            "title": "Ventilated back really works",
            "body": "The mesh back keeps my shirt noticeably drier on climbs, and the hip-belt pockets hold "
            "a day's worth of snacks.",
            "pros": "Ventilated back, hip-belt pockets",
            "cons": "Pockets won't fit a phone",
        },
        {
            "rating": 4,
            "title": "Comfortable up to about 9 kg",
            "body": "Carried it on a 25 km day with water for two and it was comfortable all day. Above "
            "9 kg the hip belt isn't stiff enough.",
            "pros": "Comfort, reachable side pocket",
            "cons": "Not for heavy loads",
        },
        {
            "rating": 5,
            "title": "The rain cover actually stays on",
            "body": "The cover tucked into the base pulls over in seconds and didn't blow off on a windy "
            "ridge. Everything inside stayed dry through an afternoon downpour.",
            "pros": "Built-in rain cover",
            "cons": "",
        },
        {
            "rating": 3,
            "title": "Too long in the back for me",
            "body": "At 1.58 m the hip belt sits on my waist rather than my hips. A great pack otherwise; I "
            "hope the shorter version comes soon.",
            "pros": "Well made",
            "cons": "Only one back length",
        },
        {
            "rating": 4,
            "title": "A side pocket you can reach with the pack on",
            "body": "I can grab my bottle without taking the pack off, which shouldn't be rare but is. The "
            "lid pocket is a little small.",
            "pros": "Reachable bottle pocket",
            "cons": "Small lid pocket",
        },
        {
            "rating": 5,
            "title": "Three years in and still like new",
            "body": "Used weekly for three years for commuting and hiking. Buckles and zips all still work "
            "and the fabric barely shows any wear.",
            "pros": "Very durable",
            "cons": "",
        },
        {
            "rating": 2,
            "title": "Sternum strap keeps slipping",
            "body": "The sternum strap slides down the shoulder straps during the day and I keep pushing it "
            "back up. Annoying on an otherwise nice pack.",
            "pros": "Good size for day hikes",
            "cons": "Sternum strap slips",
        },
        {
            "rating": 4,
            "title": "Just enough for hut to hut",
            "body": "Did three days hut to hut with a sleeping bag liner and spare clothes. Tight, but it "
            "closed, and the compression straps kept the load stable.",
            "pros": "Compresses well",
            "cons": "Tight for multi-day trips",
        },
    ],
    "storm-shell-jacket": [
        {
            "rating": 5,
            "title": "The pit zips make all the difference",
            "body": "On steep climbs I open the pit zips and stay comfortable without taking the jacket off. "
            "Kept me dry through a full day of rain.",
            "pros": "Long pit zips, waterproof",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Brilliant hood, fiddly adjuster",
            "body": "The hood fits over a helmet and turns with my head. The rear adjuster cord is hard to "
            "find with gloves on.",
            "pros": "Great hood",
            "cons": "Rear adjuster hard to reach",
        },
        {
            "rating": 5,
            "title": "Dry after six hours of sideways rain",
            "body": "A coastal walk in a storm, six hours of rain coming at us sideways. Dry underneath, "
            "with only damp cuffs where gloves met sleeves.",
            "pros": "Properly waterproof",
            "cons": "",
        },
        {
            "rating": 3,
            "title": "Needs re-treating more often than my old one",
            "body": "The PFAS-free finish wets out after a few months and I had to wash and re-treat it "
            "sooner than my old jacket. Still waterproof underneath.",
            "pros": "Better for the environment",
            "cons": "Outer fabric wets out sooner",
        },
        {
            "rating": 4,
            "title": "Sleeves a touch short for long arms",
            "body": "I'm 1.88 m and the L fits my body, but the sleeves ride up when I reach for holds on "
            "scrambles. Otherwise excellent and very breathable.",
            "pros": "Breathable",
            "cons": "Sleeves ride up",
        },
        {
            "rating": 5,
            "title": "Packs small enough to never leave behind",
            "body": "It packs small enough to live in my pack's lid all year, so I always have it when the "
            "weather turns.",
            "pros": "Packs small",
            "cons": "Pricey",
        },
        {
            "rating": 1,
            "title": "Seam tape peeled after a year",
            "body": "The seam tape at the shoulders started peeling after a year and it leaked where the "
            "pack straps sit. The warranty replaced it, but I expected more at this price.",
            "pros": "",
            "cons": "Seam tape failed",
        },
        {
            "rating": 4,
            "title": "Room for a fleece without looking baggy",
            "body": "There's room for a fleece underneath without it looking like a tent. I do wish it came "
            "in the old green again.",
            "pros": "Layers well",
            "cons": "Few shades to choose from",
        },
    ],
    "granite-hiking-boots": [
        {
            "rating": 5,
            "title": "Ankle support that saved my trip",
            "body": "I went over on my ankle on a scree descent and the firm collar stopped it becoming a "
            "sprain. Grippy on wet rock too.",
            "pros": "Ankle support, grip on rock",
            "cons": "Heavy",
        },
        {
            "rating": 4,
            "title": "Long break-in, then perfect",
            "body": "The first 40 km were stiff and I had hot spots on my heels. Now they fit like slippers "
            "and stay dry through boggy ground.",
            "pros": "Waterproof, durable",
            "cons": "Long break-in",
        },
        {
            "rating": 3,
            "title": "Narrow across the forefoot",
            "body": "Great boots if you have narrow feet. Mine are wide and the forefoot pinches after "
            "about four hours, even a size up.",
            "pros": "Well made",
            "cons": "Narrow fit",
        },
        {
            "rating": 5,
            "title": "900 km and the uppers are still great",
            "body": "Three summers and 900 km, and the leather is still in great shape. The sole is worn "
            "smooth now, so I'm waiting for the resoling service.",
            "pros": "Tough leather",
            "cons": "Sole wears down eventually",
        },
        {
            "rating": 4,
            "title": "Love the boots, not the laces",
            "body": "The round laces loosen on long descents. I swapped them for flat laces and the problem "
            "is gone.",
            "pros": "Support and grip",
            "cons": "Slippery laces",
        },
        {
            "rating": 5,
            "title": "Dry feet through a week of wet trails",
            "body": "A week of rain and stream crossings and my socks stayed dry every day. Drying them out "
            "in the hut overnight was slow.",
            "pros": "Waterproof lining",
            "cons": "Slow to dry",
        },
        {
            "rating": 2,
            "title": "Too hot for summer treks",
            "body": "Bought them for a summer trek and my feet were cooking by noon. Great boots for spring "
            "and autumn, the wrong choice for July.",
            "pros": "Sturdy",
            "cons": "Hot in summer",
        },
        {
            "rating": 4,
            "title": "Bites on rock, clogs in mud",
            "body": "The lugs grip well on rock and gravel. In deep clay mud they clog up, but that's true "
            "of most boots I've had.",
            "pros": "Grip on rock",
            "cons": "Clogs in heavy mud",
        },
    ],
    "trailhead-app-premium": [
        {
            "rating": 5,
            "title": "Offline downloads saved my weekend",
            "body": "No signal for two days in the hills and the downloaded map, contours and all, worked "
            "perfectly. Worth the subscription for that alone.",
            "pros": "Reliable offline maps",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Great maps, hungry for battery",
            "body": "Navigation is excellent, but recording all day takes about 40% of my battery. I carry a "
            "power bank now.",
            "pros": "Clear, detailed maps",
            "cons": "Battery use while recording",
        },
        {
            "rating": 4,
            "title": "Weather alerts got me off the ridge in time",
            "body": "Got a thunderstorm warning an hour before it hit and was off the ridge in time. I wish "
            "the alerts followed my planned route instead of my location.",
            "pros": "Timely weather alerts",
            "cons": "Alerts follow my location",
        },
        {
            "rating": 3,
            "title": "Downloading route by route is a chore",
            "body": "Downloads only cover the route corridor, so I was missing the side trail I needed when "
            "plans changed. Whole-area downloads would fix it.",
            "pros": "Good route planner",
            "cons": "Downloads by route only",
        },
        {
            "rating": 5,
            "title": "The elevation profile changed how I plan",
            "body": "Seeing every climb before I set off helps me split multi-day trips into sensible days. "
            "The sunset time on the route card is a great addition.",
            "pros": "Elevation profile, daylight info",
            "cons": "",
        },
        {
            "rating": 2,
            "title": "Lost my trip logs when I changed phones",
            "body": "Two years of trip logs stayed on my old phone. Support helped recover some, but logs "
            "should sync to my account automatically.",
            "pros": "Good maps",
            "cons": "Trip logs don't sync",
        },
        {
            "rating": 4,
            "title": "Worth it for multi-day trips",
            "body": "For day hikes the free version is enough, but for multi-day trips the offline maps and "
            "weather alerts make planning much easier.",
            "pros": "Planning tools",
            "cons": "No family plan",
        },
        {
            "rating": 5,
            "title": "GPX import is painless now",
            "body": "A friend sent a route in our group chat and it opened straight in the app. Planning a "
            "trip together has never been easier.",
            "pros": "One-tap GPX import",
            "cons": "",
        },
    ],
    "gear-rental-service": [
        {
            "rating": 5,
            "title": "The perfect way to try camping",
            "body": "We rented a full kit for our first family camping weekend. Everything was clean and "
            "complete, and the staff showed us how to pitch the tent before we left.",
            "pros": "Clean, complete kit",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Quick pick-up, slow return",
            "body": "Pick-up on Friday took five minutes. On Monday I waited 20 minutes behind shoppers just "
            "to hand it back.",
            "pros": "Quick pick-up",
            "cons": "Slow returns on Mondays",
        },
        {
            "rating": 5,
            "title": "Staff who know their stuff",
            "body": "The staff member asked where we were going and swapped our tent for a sturdier one "
            "because of the forecast. Good call: it blew hard all night.",
            "pros": "Helpful advice",
            "cons": "",
        },
        {
            "rating": 3,
            "title": "Good gear, booking by phone is a pain",
            "body": "The gear was great, but booking meant calling twice and my reservation wasn't in the "
            "system when I arrived.",
            "pros": "Quality gear",
            "cons": "Phone-only booking",
        },
        {
            "rating": 4,
            "title": "The stove came with fuel, finally",
            "body": "Loved that the stove came with a canister and I only paid for the fuel I used. The "
            "deposit for the full kit is steep, though.",
            "pros": "Fuel included",
            "cons": "High deposit",
        },
        {
            "rating": 2,
            "title": "Tent door zip kept sticking",
            "body": "The rental tent's door zip kept sticking and nobody mentioned it at pick-up. The store "
            "gave a partial refund, but a note would have helped.",
            "pros": "Fair partial refund",
            "cons": "Faulty zip, no warning",
        },
        {
            "rating": 5,
            "title": "Rented before buying, no regrets",
            "body": "Rented the Ridge 2 for a week, loved it and bought one. Renting first meant I knew "
            "exactly what I was getting.",
            "pros": "Try before you buy",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Great value for a one-off trek",
            "body": "For a single trek abroad, renting a pack and sleeping bag cost a fraction of buying. I "
            "wish I could have returned them at a different store.",
            "pros": "Good value",
            "cons": "Return to the same store only",
        },
    ],
    "ember-stove": [
        {
            "rating": 5,
            "title": "Simmer control that actually simmers",
            "body": "Made a proper risotto at camp without burning it. The flame turns right down without "
            "going out.",
            "pros": "Fine simmer control",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Fast boil, struggles in wind",
            "body": "Boils 1 L in about four minutes in calm air. In wind it takes twice as long, so I fold "
            "a foil screen around the pot.",
            "pros": "Fast boil",
            "cons": "Needs shelter from wind",
        },
        {
            "rating": 5,
            "title": "The igniter has worked every time",
            "body": "The push-button igniter has worked on all 30 nights I've used it, even at 2,000 m. I "
            "still carry a lighter but haven't needed it.",
            "pros": "Reliable igniter",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Tiny, light and fits in my pot",
            "body": "Folds to almost nothing and fits inside my 750 ml pot with a small canister. The pot "
            "supports are a little narrow for a wide pan.",
            "pros": "90 g, packs small",
            "cons": "Narrow pot supports",
        },
        {
            "rating": 3,
            "title": "Works well, but it's loud",
            "body": "It roars at full power, which is noticeable at a quiet campsite early in the morning. "
            "Turned down it's fine.",
            "pros": "Powerful",
            "cons": "Noisy at full power",
        },
        {
            "rating": 5,
            "title": "Lit first time on a cold summit",
            "body": "Porridge and coffee at sunrise on a summit in a cold breeze, lit first try. This stove "
            "has never let me down.",
            "pros": "Lights in the cold",
            "cons": "",
        },
        {
            "rating": 2,
            "title": "Igniter stopped sparking after six months",
            "body": "After six months the igniter stopped working. The stove still runs with a lighter, but "
            "the igniter was the reason I bought it.",
            "pros": "Good flame",
            "cons": "Igniter failed",
        },
        {
            "rating": 4,
            "title": "Just right for two people",
            "body": "For two of us cooking dinner and hot drinks it's perfect. For a group of four you'd "
            "want a bigger burner.",
            "pros": "Fuel efficient",
            "cons": "Small for groups",
        },
    ],
    "drift-sleeping-bag": [
        {
            "rating": 5,
            "title": "Warm and packs tiny",
            "body": "Slept warm at 2°C in just a base layer. It packs down to the size of a large water "
            "bottle.",
            "pros": "Warm for its weight",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "The neck baffle makes a real difference",
            "body": "The neck baffle stops warm air escaping when I turn over. Comfortable to about 0°C for "
            "me; colder than that I add a liner.",
            "pros": "Neck baffle",
            "cons": "Not a winter bag",
        },
        {
            "rating": 3,
            "title": "Warm bag, snagging zip",
            "body": "Warm and light, but the zip snags on the inner fabric at least once a night. A stiffer "
            "zip guard would fix it.",
            "pros": "Light",
            "cons": "Zip snags",
        },
        {
            "rating": 5,
            "title": "Down stayed dry through a damp week",
            "body": "Condensation in the tent every night for a week, and the shell kept the down dry. "
            "Still lofty at the end of the trip.",
            "pros": "Water-resistant shell",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Roomy footbox for side sleepers",
            "body": "I sleep on my side with my knees bent and there's enough room. I wish the zip opened "
            "from the bottom too, for warm nights.",
            "pros": "Roomy footbox",
            "cons": "One-way zip",
        },
        {
            "rating": 2,
            "title": "Cold for me at the rated temperature",
            "body": "I'm a cold sleeper and was cold at 3°C. Check the comfort rating carefully and go "
            "warmer if you run cold.",
            "pros": "Packs small",
            "cons": "Cold for cold sleepers",
        },
        {
            "rating": 5,
            "title": "Best sleep I've had outdoors",
            "body": "The hood cinches nicely, the fabric feels soft and it doesn't slide off my mat. Worth "
            "saving up for.",
            "pros": "Comfortable, great hood",
            "cons": "Price",
        },
    ],
    "ascent-trekking-poles": [
        {
            "rating": 5,
            "title": "The flick locks never slip",
            "body": "I leaned my full weight on them on steep descents and the flick locks didn't budge. "
            "Easy to adjust with gloves on.",
            "pros": "Secure locks",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Light, but long when packed",
            "body": "At 240 g each I barely notice them. At 62 cm they don't fit inside my daypack, so they "
            "ride on the side.",
            "pros": "Light",
            "cons": "Long when collapsed",
        },
        {
            "rating": 5,
            "title": "Cork grips are lovely",
            "body": "The cork grips don't get sweaty in summer and feel warm in winter. My knees are "
            "grateful on long descents.",
            "pros": "Cork grips",
            "cons": "",
        },
        {
            "rating": 3,
            "title": "Carbon makes me a little nervous",
            "body": "Great poles, but I'm careful with them between rocks, because carbon cracks rather than "
            "bends. No problems so far.",
            "pros": "Stiff and light",
            "cons": "Carbon can snap",
        },
        {
            "rating": 4,
            "title": "Swappable tips are handy",
            "body": "Rubber tips for the road section, carbide tips for the trail, and they swap in seconds. "
            "I'd like a longer grip for traverses.",
            "pros": "Swappable tips",
            "cons": "Short grip",
        },
        {
            "rating": 1,
            "title": "Snapped when I slipped",
            "body": "One pole snapped when I slipped and it caught between two boulders. Maybe not the "
            "pole's fault, but I couldn't buy a single replacement section.",
            "pros": "",
            "cons": "Snapped, no spare sections",
        },
        {
            "rating": 5,
            "title": "Made descents possible again",
            "body": "After knee surgery these made long descents possible again. Light enough that I take "
            "them on every hike.",
            "pros": "Light and sturdy",
            "cons": "",
        },
    ],
    "puddle-kids-jacket": [
        {
            "rating": 5,
            "title": "Survived puddle season",
            "body": "My 5-year-old spends every walk in puddles and stays dry. The reflective trims are "
            "great on dark afternoons.",
            "pros": "Waterproof, reflective",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "The hood stays out of her eyes",
            "body": "The hood has a small peak and adjusts at the back, so it doesn't slip over her eyes. "
            "Sleeves are long at first, which is good for growing.",
            "pros": "Well-fitting hood",
            "cons": "Sleeves long at first",
        },
        {
            "rating": 5,
            "title": "The name label means it comes home",
            "body": "Half the class has a jacket like this, and the label inside means ours comes home. "
            "Tough enough for tree climbing too.",
            "pros": "Tough, name label",
            "cons": "",
        },
        {
            "rating": 3,
            "title": "Zip is hard for small hands",
            "body": "My 4-year-old can't start the zip by himself yet, so I'm still doing it every time. "
            "Otherwise a solid jacket.",
            "pros": "Waterproof",
            "cons": "Fiddly zip",
        },
        {
            "rating": 4,
            "title": "Handed down twice and still going",
            "body": "Our eldest wore it for two winters and now the youngest has it. Still waterproof after a "
            "wash and re-treat.",
            "pros": "Lasts for years",
            "cons": "Faded a little",
        },
        {
            "rating": 2,
            "title": "Runs small for tall kids",
            "body": "I ordered by age and it was too short in the body for my tall 7-year-old. Size up if "
            "your child is tall.",
            "pros": "Nice fabric",
            "cons": "Runs small",
        },
        {
            "rating": 5,
            "title": "Lives in the school bag",
            "body": "It packs into its own pocket, so it stays in the school bag for surprise showers.",
            "pros": "Packs small",
            "cons": "",
        },
    ],
    "beacon-headlamp": [
        {
            "rating": 5,
            "title": "Red mode is perfect in shared huts",
            "body": "The red mode doesn't wake the whole room and it's bright enough to find things in my "
            "pack. I wish it started in red.",
            "pros": "Red mode",
            "cons": "Always starts in white",
        },
        {
            "rating": 4,
            "title": "Bright and comfortable",
            "body": "400 lumens lights up the trail properly on early starts, and the strap is comfortable "
            "over a hat.",
            "pros": "Bright beam",
            "cons": "",
        },
        {
            "rating": 3,
            "title": "Keeps turning on in my pack",
            "body": "Twice it turned itself on in my pack and was dead when I needed it. The lock switch is "
            "too easy to knock.",
            "pros": "Bright",
            "cons": "Lock switch slides too easily",
        },
        {
            "rating": 5,
            "title": "USB-C charging is so handy",
            "body": "Same cable as my phone and power bank, so one less thing to carry. A full charge lasts "
            "me a week of evenings in camp.",
            "pros": "USB-C, good battery life",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "An honest battery indicator",
            "body": "The battery indicator is accurate, so I know when to charge. On full power it lasts "
            "about three hours, so I mostly use medium.",
            "pros": "Accurate battery indicator",
            "cons": "Short run time on max",
        },
        {
            "rating": 5,
            "title": "Survived a dunk in a stream",
            "body": "Dropped it in a stream while filtering water, fished it out, and it still works "
            "perfectly.",
            "pros": "Water resistant",
            "cons": "",
        },
        {
            "rating": 2,
            "title": "Strap lost its stretch within a year",
            "body": "After a year the elastic strap is baggy and the lamp slides down my forehead. The lamp "
            "itself is great.",
            "pros": "Good light",
            "cons": "Strap wears out",
        },
    ],
    "clearflow-filter": [
        {
            "rating": 5,
            "title": "Fast flow and easy to clean",
            "body": "Filters about 1 L a minute when new, and the backflush syringe brings the flow back "
            "after muddy streams.",
            "pros": "Fast flow, easy backflush",
            "cons": "",
        },
        {
            "rating": 4,
            "title": "Great filter, weak soft flask",
            "body": "The filter is great, but the soft flask started leaking at the seam after two months. "
            "Now I screw the filter onto an ordinary bottle.",
            "pros": "Fits standard bottles",
            "cons": "Flask seam leaks",
        },
        {
            "rating": 5,
            "title": "Light enough to always carry",
            "body": "It weighs almost nothing, so it lives in my daypack. Water from mountain streams tastes "
            "clean.",
            "pros": "Light",
            "cons": "",
        },
        {
            "rating": 3,
            "title": "Slows down fast in silty water",
            "body": "In silty glacier water it clogged after a couple of bottles. Pre-filtering through a "
            "bandana helped a lot.",
            "pros": "Easy to backflush",
            "cons": "Clogs in silt",
        },
        {
            "rating": 4,
            "title": "Good for two, slow for a group",
            "body": "For two people on a weekend it's quick enough. For a group we'd want a gravity filter.",
            "pros": "Simple to use",
            "cons": "Slow for groups",
        },
        {
            "rating": 5,
            "title": "Saved our trip when the hut's water was off",
            "body": "The hut's water supply was off, so we filtered from the stream for three days. No "
            "problems at all.",
            "pros": "Reliable",
            "cons": "",
        },
        {
            "rating": 2,
            "title": "Froze overnight and had to be replaced",
            "body": "I left it in the vestibule on a frosty night and it froze, which can damage the filter. "
            "The warning is in the leaflet, but it's easy to miss.",
            "pros": "Worked well before",
            "cons": "Ruined by freezing",
        },
    ],
}

CAMPAIGNS = [
    {
        "title": "Show us your trail kitchen",
        "brief": "Cooking outdoors? **Share a photo of your trail kitchen** and one tip other hikers should "
        "know: a one-pot dinner, a wind trick, how you keep coffee hot.\n\n"
        "- One photo per story, please\n"
        "- Tell us roughly where you cooked\n"
        "- We feature our picks every week, and three of them win an Ember stove",
        "product": "ember-stove",
        "running": True,
        "stories": [
            {
                "title": "Breakfast above the clouds",
                "story": "Porridge at 2,400 m with the stove tucked behind a rock. It lit on the first try, "
                "even in the wind.",
            },
            {
                "title": "One-pot lentil curry for four",
                "story": "Red lentils, a stock cube and a bag of spinach in one pot. Fifteen minutes on the "
                "lowest simmer and everyone had seconds.",
            },
            {
                "title": "Camp kitchen, version 4",
                "story": "I finally found a layout that works: stove on the left, water on the right, pot "
                "in the middle, and the lighter always in the same pocket.",
            },
            {
                "title": "Coffee before the crowds",
                "story": "Up at 5 to catch sunrise from the lake shore. With the flame turned right down I "
                "can make proper coffee without boiling it.",
            },
            {
                "title": "The kids are on pancake duty",
                "story": "My two now run trail pancakes. Batter pre-mixed in a bottle at home, a small pan "
                "and a very low flame.",
            },
            {
                "title": "A windscreen from an old baking tray",
                "story": "An old foil tray folded into a screen around the pot, never around the canister. "
                "It halved my boil time on the coast.",
            },
            {
                "title": "Melting snow at the winter hut",
                "story": "No running water at the hut, so the stove melted snow all evening. Tip: start "
                "with a little water in the pot so the snow doesn't scorch.",
            },
        ],
    },
    {
        "title": "Spring summits 2026",
        "brief": "The snow is melting and the days are getting longer. Tell us about your **first summit "
        "of the season**: where it was, who came with you, and what you wish you'd packed.",
        "product": None,
        "running": False,
        "stories": [
            {
                "title": "My daughter's first summit",
                "story": "She carried her own water bottle all the way up and hasn't stopped talking about "
                "it since.",
            },
            {
                "title": "Late snow on the north side",
                "story": "The south slope was dry, the north side still knee-deep. Glad I packed gaiters "
                "and poles.",
            },
            {
                "title": "First light, first summit",
                "story": "We left the car at 4 am to beat the heat and had the top to ourselves for an hour.",
            },
            {
                "title": "Rain-proof test, unplanned",
                "story": "Six hours of spring rain on the way down, and everything in the pack stayed dry. "
                "Lunch was soggy, though.",
            },
        ],
    },
]

BETA_PROGRAMS = [
    {
        "name": "Offline maps beta",
        "description": "Help us test **whole-park downloads** before they reach everyone. You'll get an "
        "early build of the app with:\n\n"
        "- downloads by park boundary, contours and huts included\n"
        "- the elevation profile working without signal\n"
        "- a warning before you walk out of coverage\n\n"
        "Take it on at least two hikes in the next six weeks and tell us what works, what breaks and "
        "how much space the downloads take on your phone.",
        "idea_titles": [
            "Offline maps for whole national parks",
            "Warn me before I lose signal on a route",
            "Show the elevation profile in offline mode",
        ],
        "questions": "Which phone do you use? | iPhone, Android, Other | iPhone, Android\n"
        "Where do you hike most? | National parks, Coast, Forests, High mountains, Close to home\n"
        "How often do you hike without signal? | Most trips, Sometimes, Rarely | Most trips, Sometimes",
        "consents": [
            "I understand this is a test build and may crash or drain my battery faster.",
            "I will carry a paper map or another way to navigate on every beta hike.",
            "Trailhead may use my anonymous app logs to fix problems during the beta.",
        ],
        "terms": "The beta build is for testing only. Please don't share screenshots or recordings of "
        "unreleased features in public until the feature ships. Always carry a backup way to navigate: "
        "the beta may not show the route correctly. You can leave the beta at any time from your "
        "account page, and we'll delete your beta logs within 30 days of it ending.",
    },
    {
        "name": "Rental booking beta",
        "description": "Book rental gear online before everyone else. In this beta you can:\n\n"
        "- see **live availability** at two stores and book a pick-up slot\n"
        "- pay the deposit as a **card hold**, released when the gear is checked in\n"
        "- choose a different store to return to, for a small fee\n\n"
        "After each rental we'll ask three quick questions about how it went.",
        "idea_titles": [
            "Book rentals online and pick them up at the store",
            "Return rental gear to a different store",
            "Pay the rental deposit with a card hold, not cash",
        ],
        "questions": "Which store do you usually rent from?\n"
        "How often do you rent gear? | Once a year or less, A few times a year, Monthly | A few times a "
        "year, Monthly\n"
        "What do you usually rent? | Tents, Packs, Sleeping bags, Stoves, A full kit",
        "consents": [
            "I understand bookings made in the beta are real and I'll pick up the gear or cancel in time.",
            "Trailhead may contact me by email about my rentals during the beta.",
        ],
        "terms": "Beta bookings are real bookings and normal rental terms apply. If something goes wrong "
        "with the booking system, the store team will stand by your booking as shown in your confirmation "
        "email. The beta runs for eight weeks; you can leave at any time.",
    },
]

FEEDBACK = [
    ("Offline maps beta", "bug", "Download stalls at 99% for large parks on older phones"),
    ("Offline maps beta", "praise", "Elevation profile worked all day with no signal on the ridge walk"),
    ("Offline maps beta", "suggestion", "Let me delete one park's download without clearing the rest"),
    ("Rental booking beta", "bug", "Card hold wasn't released after the tent was checked in on Monday"),
]

FIRST_NAMES = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elif",
    "Femi",
    "Greta",
    "Hugo",
    "Isla",
    "Jonas",
    "Kai",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Bruno",
    "Carmen",
    "Dario",
    "Esme",
    "Farid",
    "Gaia",
    "Hana",
    "Ivan",
    "Jade",
    "Kofi",
    "Lucia",
    "Maya",
    "Noah",
    "Olu",
    "Pilar",
    "Rahul",
    "Sofia",
    "Tomasz",
    "Ines",
    "Amara",
    "Leilani",
    "Mei",
    "Arjun",
    "Freya",
    "Tendai",
    "Santiago",
    "Noor",
    "Emil",
    "Thandiwe",
    "Kenji",
    "Marisol",
    "Aroha",
    "Declan",
]

LAST_NAMES = [
    "Adams",
    "Berg",
    "Costa",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hansen",
    "Ito",
    "Jensen",
    "Kumar",
    "Lopez",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quint",
    "Rossi",
    "Silva",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Abiodun",
    "Bianchi",
    "Chowdhury",
    "Dubois",
    "Eriksen",
    "Fernandes",
    "Gallagher",
    "Haddad",
    "Ibrahim",
    "Jovanovic",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Novak",
    "O'Brien",
    "Park",
    "Rahman",
    "Sato",
    "Takahashi",
    "Van Dijk",
    "Walsh",
    "Yamada",
    "Alvarez",
    "Banda",
    "Castillo",
    "Demir",
    "Horvath",
    "Kaur",
    "Mwangi",
    "Nguyen",
    "Osei",
    "Patel",
    "Reyes",
    "Sorensen",
]
