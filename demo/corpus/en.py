"""English listings: US, UK, Indian and West African sellers."""

from __future__ import annotations

from demo.corpus.types import BazaarLabels, CategoryText, Item, LanguageCorpus, Template

ORDINARY = CategoryText(
    items=(
        Item("iPhone 12 128GB unlocked", "electronics", 180, 420),
        Item("Samsung 55in 4K smart TV", "electronics", 220, 480),
        Item("Dell Latitude laptop i5 16GB", "electronics", 200, 520),
        Item("solid oak dining table with 6 chairs", "furniture", 150, 900),
        Item("grey three-seater sofa", "furniture", 80, 450),
        Item("men's leather jacket size L", "fashion", 40, 160),
        Item("Nike Air Max trainers UK 9", "fashion", 35, 120),
        Item("budgie pair with cage", "pets", 30, 90),
        Item("captive-bred cockatiel, ringed, with breeder certificate", "pets", 90, 220),
        Item("Labrador puppies, vaccinated and microchipped", "pets", 500, 1200),
        Item("DeWalt 18V cordless drill set", "tools", 70, 220),
        Item("Honda lawn mower, self-propelled", "home-garden", 120, 380),
        Item("Toyota Corolla alternator", "auto-parts", 45, 140),
        Item("set of 4 alloy wheels 17in", "auto-parts", 180, 600),
        Item("sterling silver charm bracelet", "jewellery", 25, 90),
        Item("ivory colour wedding dress, size 10", "fashion", 150, 700, hard=True),
        Item("faux fur coat, cruelty free", "fashion", 40, 140, hard=True),
        Item("resin rhino figurine for the garden", "home-garden", 15, 60, hard=True),
        Item("rosewood-scented soy candle set", "home-garden", 10, 35, hard=True),
        Item("gold-plated necklace with pendant", "jewellery", 15, 70, hard=True),
        Item("Mercury 15hp outboard motor", "auto-parts", 900, 2600, hard=True),
        Item("smart car battery charger 12V", "auto-parts", 30, 90, hard=True),
        Item("white gold ring 18k with certificate", "jewellery", 400, 1500, hard=True),
        Item("tiger print cushion covers", "home-garden", 10, 30, hard=True),
        Item("shark fin shaped phone stand", "electronics", 8, 25, hard=True),
    ),
    templates=(
        Template("{item}", "Selling my {item}. {cond} Collection from {place}, cash on pick-up."),
        Template("{item} - great condition", "{cond} Moving house so {item} has to go. {place}."),
        Template("FOR SALE: {item}", "Up for grabs: {item}. {cond} Can post at buyer's cost."),
        Template("{item} (as new)", "Barely used {item}. {cond} No time wasters please. {place}"),
    ),
    notes=(),
)

WILDLIFE = CategoryText(
    items=(
        Item("carved ivory bangle", "collectibles", 300, 2500),
        Item("white gold carving, old stock", "collectibles", 500, 4000, code=True),
        Item("ox bone carving, antique, creamy colour", "collectibles", 200, 1800, code=True),
        Item("black horn powder", "collectibles", 800, 9000, code=True),
        Item("rhino horn cup", "collectibles", 5000, 40000),
        Item("pangolin scales", "collectibles", 200, 1500),
        Item("tiger bone wine", "collectibles", 150, 1200),
        Item("dried shark fin", "collectibles", 100, 900),
        Item("hawksbill tortoiseshell comb", "collectibles", 80, 600),
        Item("blue and gold macaw chicks, no papers", "pets", 600, 2500),
        Item("African grey parrot, wild caught", "pets", 500, 1800),
        Item("radiated tortoise hatchlings", "pets", 300, 1500),
        Item("leopard skin rug", "home-garden", 900, 6000),
    ),
    templates=(
        Template("{item}", "Genuine {item}. {note} Located in {place}. {qty} available."),
        Template("Rare {item} - serious buyers", "{note} Real {item}, not resin. DM for photos."),
        Template(
            "Antique {item} from estate",
            "Old family piece: {item}. {note} Pick-up {place} only.",
            code=True,
        ),
    ),
    notes=(
        "No papers, cash only.",
        "Ships discreetly, wrapped as handicraft.",
        "WhatsApp for price.",
        "Can arrange delivery abroad.",
        "Don't ask about CITES.",
        "Tested under UV, 100% real.",
    ),
    qty=(1, 12),
)

TIMBER = CategoryText(
    items=(
        Item("Brazilian rosewood logs", "building-materials", 2000, 15000),
        Item("hongmu slabs (red sandalwood)", "building-materials", 1500, 12000, code=True),
        Item("African blackwood billets", "building-materials", 300, 3000),
        Item("Madagascar ebony boards", "building-materials", 800, 6000),
        Item("agarwood chips, grade A", "collectibles", 300, 5000),
        Item("wild oud wood, Borneo origin", "collectibles", 500, 8000, code=True),
        Item("teak squares, no documentation", "building-materials", 1000, 9000),
        Item("red wood container, mixed species", "building-materials", 8000, 40000, code=True),
    ),
    templates=(
        Template(
            "{item} - {qty} m3",
            "{qty} cubic metres of {item}. {note} Loading at {place}.",
        ),
        Template("{item} for export", "Exporting {item}. {note} Container lots, FOB {place}."),
        Template(
            "Premium hardwood lot",
            "Special wood, {item}. {note} Price per cube, ask.",
            code=True,
        ),
    ),
    notes=(
        "Papers can be arranged.",
        "No CITES paperwork, priced accordingly.",
        "Declared as plywood for shipping.",
        "From the forest, not plantation.",
        "Cash or crypto.",
    ),
    qty=(2, 60),
)

MINERALS = CategoryText(
    items=(
        Item("liquid mercury, 99.99%", "industrial", 80, 600),
        Item("quicksilver flasks", "industrial", 300, 2500, code=True),
        Item("alluvial gold nuggets, no paperwork", "jewellery", 1500, 20000),
        Item("raw gold dust from small mine", "jewellery", 800, 15000, code=True),
        Item("uncut rough emeralds", "jewellery", 400, 6000),
        Item("coltan ore, high grade", "industrial", 2000, 20000),
        Item("cassiterite concentrate", "industrial", 1500, 12000),
        Item("rough sapphires parcel, direct from pit", "jewellery", 300, 5000),
    ),
    templates=(
        Template("{item} - {qty} kg", "{qty} kg of {item}. {note} Meet in {place}."),
        Template("{item} available now", "Selling {item}. {note} Bulk discount, regular supply."),
        Template("Yellow stuff for sale", "Have {item}. {note} Serious buyers only.", code=True),
    ),
    notes=(
        "No export papers needed if you collect.",
        "Straight from the mine, no certificate.",
        "Can ship hidden in equipment.",
        "Good for small-scale mining.",
        "Origin: eastern DRC.",
    ),
    qty=(1, 50),
)

WASTE = CategoryText(
    items=(
        Item("used lead-acid batteries, bulk export", "industrial", 500, 8000),
        Item("mixed e-waste lot (PCBs, phones, hard drives)", "electronics", 800, 6000),
        Item("CRT monitors and TVs, untested", "electronics", 200, 3000),
        Item("ship-breaking scrap steel with insulation", "industrial", 2000, 20000),
        Item("PCB transformer oil drums", "industrial", 300, 4000),
        Item("second-hand electronics 'for reuse'", "electronics", 500, 5000, code=True),
        Item("grey goods container, mixed metals", "industrial", 3000, 25000, code=True),
    ),
    templates=(
        Template("{item} - {qty} tonnes", "{qty} tonnes of {item}. {note} Yard in {place}."),
        Template(
            "Export: {item}",
            "Regular monthly supply of {item}. {note} Containers loaded at {place}.",
        ),
        Template("Scrap lot, cheap", "Clearing {item}. {note} Buyer arranges transport.", code=True),
    ),
    notes=(
        "Declared as second-hand goods.",
        "No Basel paperwork, price reflects it.",
        "Destination Asia or West Africa.",
        "Batteries still have acid.",
        "Can mix with working units for customs.",
    ),
    qty=(5, 200),
)

CORPUS = LanguageCorpus(
    language="en",
    locations=(
        ("Houston, TX, USA", "USD"),
        ("Miami, FL, USA", "USD"),
        ("London, UK", "GBP"),
        ("Birmingham, UK", "GBP"),
        ("Mumbai, India", "INR"),
        ("Lagos, Nigeria", "USD"),
    ),
    sellers=(
        "bigmike_tx",
        "sarah.l",
        "tradeking88",
        "oldstock_dealer",
        "dave_the_builder",
        "priya.m",
        "collector_uk",
        "quickdeals",
        "jungle_jim",
        "emeka_exports",
        "mr_bargain",
    ),
    conditions=(
        "Works perfectly.",
        "Minor scratches, see photos.",
        "Comes with original box.",
        "Selling as I upgraded.",
        "Smoke-free, pet-free home.",
    ),
    ordinary=ORDINARY,
    suspect={"wildlife": WILDLIFE, "timber": TIMBER, "minerals": MINERALS, "waste": WASTE},
    replies=(
        "Is this still available?",
        "I'd pay $200 cash today.",
        "Can you do £150 and I collect?",
        "PM sent.",
        "Bump. Still for sale?",
        "Any more photos?",
        "Would you ship to Singapore?",
        "Price is too high, seen it for $80 elsewhere.",
    ),
    labels=BazaarLabels(
        board="Marketplace",
        board_slug="marketplace",
        price="Price:",
        location="Location:",
        availability="Status:",
        posted="Posted",
        replies="Replies",
        next_page="Next »",
        availability_words={
            "InStock": "Available",
            "OutOfStock": "Out of stock",
            "PreOrder": "Pre-order",
            "SoldOut": "Sold",
            "LimitedAvailability": "Only a few left",
        },
        date_format="%Y-%m-%d %H:%M",
    ),
    edit_titles=("(price drop)", "- REDUCED", "(updated)"),
)
