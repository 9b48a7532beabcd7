"""Spanish listings: Spain (euros) and Mexico/Peru/Colombia (pesos, dollars)."""

from __future__ import annotations

from demo.corpus.types import BazaarLabels, CategoryText, Item, LanguageCorpus, Template

ORDINARY = CategoryText(
    items=(
        Item("iPhone 13 128GB libre", "electronics", 250, 550),
        Item("televisor LG 50 pulgadas", "electronics", 180, 420),
        Item("portátil HP Pavilion", "electronics", 200, 500),
        Item("mesa de comedor de pino", "furniture", 60, 250),
        Item("sofá cama gris", "furniture", 90, 350),
        Item("chaqueta vaquera talla M", "fashion", 15, 60),
        Item("periquitos criados en casa", "pets", 10, 40),
        Item("agapornis anillados con factura de criador", "pets", 40, 120),
        Item("taladro percutor Bosch", "tools", 40, 130),
        Item("faros delanteros Seat Ibiza", "auto-parts", 50, 180),
        Item("pendientes de plata de ley", "jewellery", 15, 60),
        Item("vestido color marfil de novia", "fashion", 150, 600, hard=True),
        Item("abrigo de piel sintética", "fashion", 30, 120, hard=True),
        Item("figura de rinoceronte de resina", "home-garden", 10, 50, hard=True),
        Item("motor fuera de borda Mercury 9.9", "auto-parts", 900, 2400, hard=True),
        Item("cargador de baterías para coche", "auto-parts", 25, 80, hard=True),
        Item("collar chapado en oro", "jewellery", 10, 45, hard=True),
        Item("anillo de oro blanco 18k con certificado", "jewellery", 400, 1500, hard=True),
    ),
    templates=(
        Template("Vendo {item}", "Vendo {item}. {cond} Entrega en mano en {place}."),
        Template("{item} como nuevo", "{item} en muy buen estado. {cond} Precio negociable."),
        Template("Se vende {item}", "Por mudanza se vende {item}. {cond} {place}."),
        Template("{item} - oportunidad", "Oportunidad: {item}. {cond} Envío a toda la península."),
    ),
    notes=(),
)

WILDLIFE = CategoryText(
    items=(
        Item("colmillo de marfil tallado", "collectibles", 400, 3000),
        Item("talla de hueso antiguo color crema", "collectibles", 300, 2000, code=True),
        Item("cuerno de rinoceronte", "collectibles", 5000, 40000),
        Item("escamas de pangolín", "collectibles", 200, 1500),
        Item("aleta de tiburón seca", "collectibles", 100, 900),
        Item("peineta de carey", "collectibles", 80, 600),
        Item("pulsera de concha de tortuga auténtica", "collectibles", 60, 400, code=True),
        Item("guacamayas bebés sin papeles", "pets", 500, 2500),
        Item("loros cabeza amarilla silvestres", "pets", 300, 1500),
        Item("tortugas de tierra sin documentación", "pets", 100, 800),
        Item("piel de jaguar", "home-garden", 1000, 6000),
    ),
    templates=(
        Template("{item}", "Auténtico {item}. {note} Estoy en {place}. Tengo {qty}."),
        Template("{item} - solo coleccionistas", "{note} {item} de verdad, no es resina."),
        Template("Pieza antigua de herencia", "Vendo {item} de la familia. {note}", code=True),
    ),
    notes=(
        "Sin papeles, solo efectivo.",
        "Envío discreto como artesanía.",
        "Contacto por WhatsApp.",
        "No pregunten por CITES.",
        "Recién sacados del monte.",
    ),
    qty=(1, 10),
)

TIMBER = CategoryText(
    items=(
        Item("trozas de palo de rosa", "building-materials", 2000, 15000),
        Item("madera de cocobolo en bloques", "building-materials", 800, 8000),
        Item("caoba de bosque natural", "building-materials", 1500, 12000),
        Item("ébano en tablones", "building-materials", 800, 6000),
        Item("madera fina sin guía forestal", "building-materials", 1000, 9000, code=True),
        Item("agar (madera de aloe) en astillas", "collectibles", 300, 4000),
    ),
    templates=(
        Template("{item} - {qty} m3", "{qty} metros cúbicos de {item}. {note} Carga en {place}."),
        Template("{item} para exportación", "Exporto {item}. {note} Por contenedor."),
        Template("Madera preciosa disponible", "Tengo {item}. {note} Precio por pie.", code=True),
    ),
    notes=(
        "Los papeles se arreglan.",
        "Sin permiso CITES, por eso el precio.",
        "Se declara como madera común.",
        "Sacada de selva, no de plantación.",
    ),
    qty=(2, 60),
)

MINERALS = CategoryText(
    items=(
        Item("azogue (mercurio) puro", "industrial", 80, 600, code=True),
        Item("mercurio líquido para minería", "industrial", 60, 500),
        Item("oro sin papeles de mina artesanal", "jewellery", 1500, 20000),
        Item("oro en polvo de río", "jewellery", 800, 15000, code=True),
        Item("esmeraldas en bruto", "jewellery", 400, 6000),
        Item("coltán de alta ley", "industrial", 2000, 20000),
        Item("casiterita concentrada", "industrial", 1500, 12000),
    ),
    templates=(
        Template("{item} - {qty} kg", "{qty} kg de {item}. {note} Entrega en {place}."),
        Template("Vendo {item}", "Tengo {item}. {note} Suministro constante."),
        Template("Material amarillo", "Hay {item}. {note} Solo gente seria.", code=True),
    ),
    notes=(
        "Sin factura ni certificado de origen.",
        "Directo de la mina.",
        "Ideal para la minería pequeña.",
        "Se puede enviar escondido.",
    ),
    qty=(1, 50),
)

WASTE = CategoryText(
    items=(
        Item("chatarra electrónica por toneladas", "electronics", 800, 6000),
        Item("baterías de plomo usadas para exportar", "industrial", 500, 8000),
        Item("monitores CRT y televisores viejos", "electronics", 200, 3000),
        Item("aceite de transformador con PCB", "industrial", 300, 4000),
        Item("equipos usados 'para reparar'", "electronics", 500, 5000, code=True),
        Item("chatarra de desguace de barcos", "industrial", 2000, 20000),
    ),
    templates=(
        Template("{item} - {qty} t", "{qty} toneladas de {item}. {note} Patio en {place}."),
        Template("Exportación de {item}", "Suministro mensual de {item}. {note}"),
        Template("Lote de chatarra barato", "Liquido {item}. {note} Recoge el comprador.", code=True),
    ),
    notes=(
        "Se declara como mercancía de segunda mano.",
        "Sin documentos de Basilea.",
        "Destino Asia o África.",
        "Las baterías aún tienen ácido.",
    ),
    qty=(5, 200),
)

CORPUS = LanguageCorpus(
    language="es",
    locations=(
        ("Madrid, España", "EUR"),
        ("Valencia, España", "EUR"),
        ("Ciudad de México, México", "MXN"),
        ("Guadalajara, México", "MXN"),
        ("Iquitos, Perú", "USD"),
    ),
    sellers=(
        "juanito_ventas",
        "maria.g",
        "el_chatarrero",
        "coleccionista_mx",
        "pepe_madrid",
        "ofertas_ya",
        "lucia_r",
        "don_carlos",
    ),
    conditions=(
        "Funciona perfectamente.",
        "Tiene algún rasguño.",
        "Con caja original.",
        "Poco uso.",
        "Sin tara.",
    ),
    ordinary=ORDINARY,
    suspect={"wildlife": WILDLIFE, "timber": TIMBER, "minerals": MINERALS, "waste": WASTE},
    replies=(
        "¿Sigue disponible?",
        "Te doy 200 € ahora mismo.",
        "Mándame privado.",
        "¿Haces envíos a Lima?",
        "Muy caro, lo vi en 80 € en otro sitio.",
        "Interesado.",
    ),
    labels=BazaarLabels(
        board="Mercado",
        board_slug="mercado",
        price="Precio:",
        location="Ubicación:",
        availability="Estado:",
        posted="Publicado",
        replies="Respuestas",
        next_page="Siguiente »",
        availability_words={
            "InStock": "Disponible",
            "OutOfStock": "Agotado",
            "PreOrder": "Por encargo",
            "SoldOut": "Vendido",
            "LimitedAvailability": "Últimas unidades",
        },
        date_format="%d/%m/%Y %H:%M",
    ),
    edit_titles=("(rebajado)", "¡URGE!", "(actualizado)"),
)
