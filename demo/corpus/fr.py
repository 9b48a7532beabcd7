"""French listings: France (euros) and West Africa (CFA francs)."""

from __future__ import annotations

from demo.corpus.types import BazaarLabels, CategoryText, Item, LanguageCorpus, Template

ORDINARY = CategoryText(
    items=(
        Item("iPhone 12 mini 64 Go", "electronics", 150, 350),
        Item("machine à café Nespresso", "electronics", 40, 120),
        Item("ordinateur portable Asus", "electronics", 200, 500),
        Item("commode en chêne", "furniture", 60, 250),
        Item("canapé d'angle convertible", "furniture", 150, 500),
        Item("manteau en laine taille 38", "fashion", 30, 120),
        Item("perruches ondulées d'élevage", "pets", 10, 40),
        Item("perceuse visseuse Makita", "tools", 40, 140),
        Item("pare-choc avant Peugeot 208", "auto-parts", 60, 200),
        Item("bague en argent", "jewellery", 15, 60),
        Item("robe couleur ivoire", "fashion", 40, 200, hard=True),
        Item("veste en fausse fourrure", "fashion", 30, 110, hard=True),
        Item("statuette rhinocéros en résine", "home-garden", 10, 50, hard=True),
        Item("bougie parfumée bois de rose", "home-garden", 8, 30, hard=True),
        Item("moteur hors-bord Mercury 6 CV", "auto-parts", 700, 1800, hard=True),
        Item("collier plaqué or", "jewellery", 10, 45, hard=True),
        Item("bague en or blanc 18 carats avec certificat", "jewellery", 400, 1500, hard=True),
    ),
    templates=(
        Template("Vends {item}", "Vends {item}. {cond} À récupérer à {place}."),
        Template("{item} très bon état", "{item} en très bon état. {cond} Prix à débattre."),
        Template("{item} - à saisir", "À saisir : {item}. {cond} Remise en main propre."),
        Template("Cause déménagement : {item}", "Je vends {item}. {cond} {place}."),
    ),
    notes=(),
)

WILDLIFE = CategoryText(
    items=(
        Item("bracelet en ivoire sculpté", "collectibles", 300, 2500),
        Item("os de bœuf sculpté, couleur crème, ancien", "collectibles", 300, 2000, code=True),
        Item("corne de rhinocéros", "collectibles", 5000, 40000),
        Item("écailles de pangolin", "collectibles", 200, 1500),
        Item("ailerons de requin séchés", "collectibles", 100, 900),
        Item("peigne en écaille de tortue (caret)", "collectibles", 80, 600),
        Item("perroquets gris du Gabon sans papiers", "pets", 400, 1800),
        Item("tortues sillonnées bébés", "pets", 100, 800),
        Item("viande de brousse fumée (pangolin, singe)", "collectibles", 20, 150, code=True),
        Item("peau de léopard", "home-garden", 900, 6000),
    ),
    templates=(
        Template("{item}", "{item} authentique. {note} Je suis à {place}. {qty} disponibles."),
        Template("{item} - pour connaisseurs", "{note} Vrai {item}, pas de la résine."),
        Template("Objet ancien de succession", "Pièce de famille : {item}. {note}", code=True),
    ),
    notes=(
        "Sans papiers, paiement cash.",
        "Envoi discret comme artisanat.",
        "Contact WhatsApp uniquement.",
        "Ne me parlez pas de CITES.",
        "Arrivage direct de la brousse.",
    ),
    qty=(1, 10),
)

TIMBER = CategoryText(
    items=(
        Item("grumes de bois de rose de Madagascar", "building-materials", 2000, 15000),
        Item("ébène en planches", "building-materials", 800, 6000),
        Item("palissandre sans permis", "building-materials", 1500, 10000),
        Item("bois précieux, papiers à arranger", "building-materials", 1000, 9000, code=True),
        Item("bois d'agar (oud) en copeaux", "collectibles", 300, 5000),
        Item("afrormosia (assamela) en grumes", "building-materials", 1200, 9000),
    ),
    templates=(
        Template("{item} - {qty} m3", "{qty} m3 de {item}. {note} Chargement à {place}."),
        Template("{item} pour export", "J'exporte {item}. {note} Par conteneur."),
        Template("Bois rouge disponible", "Dispose de {item}. {note} Prix au mètre cube.", code=True),
    ),
    notes=(
        "Les papiers peuvent s'arranger.",
        "Sans permis CITES, prix en conséquence.",
        "Déclaré comme contreplaqué.",
        "Coupé en forêt naturelle.",
    ),
    qty=(2, 60),
)

MINERALS = CategoryText(
    items=(
        Item("mercure liquide pur", "industrial", 80, 600),
        Item("vif-argent en flacons", "industrial", 300, 2500, code=True),
        Item("or artisanal sans papiers", "jewellery", 1500, 20000),
        Item("poudre jaune de la mine", "jewellery", 800, 15000, code=True),
        Item("coltan haute teneur", "industrial", 2000, 20000),
        Item("cassitérite concentrée", "industrial", 1500, 12000),
        Item("pierres brutes (saphirs) du gisement", "jewellery", 300, 5000),
    ),
    templates=(
        Template("{item} - {qty} kg", "{qty} kg de {item}. {note} Rendez-vous à {place}."),
        Template("Vente {item}", "Je vends {item}. {note} Approvisionnement régulier."),
        Template("Produit jaune à vendre", "J'ai {item}. {note} Acheteurs sérieux.", code=True),
    ),
    notes=(
        "Pas de certificat d'origine.",
        "Direct de la mine, Sud-Kivu.",
        "Idéal pour l'orpaillage.",
        "Peut voyager caché.",
    ),
    qty=(1, 50),
)

WASTE = CategoryText(
    items=(
        Item("batteries plomb-acide usagées pour export", "industrial", 500, 8000),
        Item("lot de déchets électroniques (DEEE)", "electronics", 800, 6000),
        Item("écrans cathodiques et vieilles télés", "electronics", 200, 3000),
        Item("huile de transformateur au PCB", "industrial", 300, 4000),
        Item("matériel d'occasion 'à réparer'", "electronics", 500, 5000, code=True),
    ),
    templates=(
        Template("{item} - {qty} t", "{qty} tonnes de {item}. {note} Dépôt à {place}."),
        Template("Export {item}", "Approvisionnement mensuel : {item}. {note}"),
        Template("Lot de ferraille pas cher", "Je liquide {item}. {note}", code=True),
    ),
    notes=(
        "Déclaré comme occasion.",
        "Sans document Bâle.",
        "Destination Afrique de l'Ouest.",
        "Les batteries contiennent encore l'acide.",
    ),
    qty=(5, 200),
)

CORPUS = LanguageCorpus(
    language="fr",
    locations=(
        ("Paris, France", "EUR"),
        ("Marseille, France", "EUR"),
        ("Abidjan, Côte d'Ivoire", "XOF"),
        ("Dakar, Sénégal", "XOF"),
    ),
    sellers=(
        "jeanmarc75",
        "sophie.b",
        "bonnes_affaires",
        "collection_ancienne",
        "moussa_abj",
        "le_brocanteur",
        "fatou.d",
    ),
    conditions=(
        "Fonctionne parfaitement.",
        "Quelques rayures.",
        "Avec boîte d'origine.",
        "Peu servi.",
        "Non fumeur.",
    ),
    ordinary=ORDINARY,
    suspect={"wildlife": WILDLIFE, "timber": TIMBER, "minerals": MINERALS, "waste": WASTE},
    replies=(
        "Toujours disponible ?",
        "Je propose 200 € tout de suite.",
        "MP envoyé.",
        "Trop cher, vu à 80 € ailleurs.",
        "Livraison possible à Lyon ?",
        "Intéressé.",
    ),
    labels=BazaarLabels(
        board="Marché",
        board_slug="marche",
        price="Prix :",
        location="Lieu :",
        availability="Statut :",
        posted="Publié le",
        replies="Réponses",
        next_page="Suivant »",
        availability_words={
            "InStock": "Disponible",
            "OutOfStock": "En rupture",
            "PreOrder": "Sur commande",
            "SoldOut": "Vendu",
            "LimitedAvailability": "Dernières pièces",
        },
        date_format="%d/%m/%Y %H:%M",
    ),
    edit_titles=("(prix baissé)", "- URGENT", "(mis à jour)"),
)
