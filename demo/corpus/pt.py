"""Portuguese listings: Brazil (reais), with the Amazon gold-mining towns, and Portugal (euros)."""

from __future__ import annotations

from demo.corpus.types import BazaarLabels, CategoryText, Item, LanguageCorpus, Template

ORDINARY = CategoryText(
    items=(
        Item("iPhone 11 64GB desbloqueado", "electronics", 150, 350),
        Item("geladeira Brastemp frost free", "electronics", 250, 600),
        Item("notebook Lenovo Ideapad", "electronics", 200, 480),
        Item("guarda-roupa casal 6 portas", "furniture", 100, 350),
        Item("rack para TV em MDF", "furniture", 40, 150),
        Item("tênis Adidas tamanho 41", "fashion", 25, 90),
        Item("calopsitas filhotes com nota fiscal do criadouro", "pets", 40, 120),
        Item("furadeira de impacto Makita", "tools", 40, 140),
        Item("kit embreagem Gol G5", "auto-parts", 60, 200),
        Item("corrente de prata 925", "jewellery", 20, 80),
        Item("vestido cor marfim para festa", "fashion", 40, 200, hard=True),
        Item("casaco de pele sintética", "fashion", 30, 110, hard=True),
        Item("estátua de rinoceronte em resina", "home-garden", 10, 50, hard=True),
        Item("motor de popa Mercury 15hp", "auto-parts", 900, 2600, hard=True),
        Item("colar folheado a ouro", "jewellery", 10, 45, hard=True),
        Item("móvel em jacarandá de reflorestamento com nota fiscal", "furniture", 300, 1200, hard=True),
    ),
    templates=(
        Template("Vendo {item}", "Vendo {item}. {cond} Retirar em {place}."),
        Template("{item} seminovo", "{item} em ótimo estado. {cond} Aceito Pix."),
        Template("{item} - oportunidade", "Oportunidade: {item}. {cond} Entrego na região."),
        Template("Passo {item}", "Passo {item} por motivo de mudança. {cond} {place}."),
    ),
    notes=(),
)

WILDLIFE = CategoryText(
    items=(
        Item("filhotes de arara-azul sem anilha", "pets", 800, 4000),
        Item("papagaio-verdadeiro do mato", "pets", 200, 900),
        Item("jabutis filhotes sem documentação", "pets", 50, 400),
        Item("escamas de pangolim", "collectibles", 200, 1500),
        Item("marfim esculpido antigo", "collectibles", 400, 3000),
        Item("osso de boi entalhado, cor de marfim, peça antiga", "collectibles", 300, 2000, code=True),
        Item("barbatana de tubarão seca", "collectibles", 100, 900),
        Item("pele de onça", "home-garden", 1000, 6000),
        Item("passarinhos de fibra (canários-da-terra do mato)", "pets", 30, 200, code=True),
    ),
    templates=(
        Template("{item}", "{item} legítimo. {note} Estou em {place}. Tenho {qty}."),
        Template("{item} - só pra quem entende", "{note} {item}, chama no zap.", code=True),
        Template("Raridade: {item}", "Peça rara: {item}. {note} Envio para todo Brasil."),
    ),
    notes=(
        "Sem documento, só dinheiro.",
        "Envio discreto pelos Correios.",
        "Chama no WhatsApp.",
        "Tirados da mata esse mês.",
        "Sem IBAMA, por isso o preço.",
    ),
    qty=(1, 10),
)

TIMBER = CategoryText(
    items=(
        Item("toras de pau-rosa", "building-materials", 2000, 15000),
        Item("jacarandá-da-bahia em pranchas", "building-materials", 1500, 12000),
        Item("ipê em toras sem DOF", "building-materials", 1000, 9000),
        Item("madeira de lei com documento esquentado", "building-materials", 1500, 10000, code=True),
        Item("óleo essencial de pau-rosa bruto", "collectibles", 300, 3000),
        Item("ébano em blocos", "building-materials", 800, 6000),
    ),
    templates=(
        Template("{item} - {qty} m³", "{qty} metros cúbicos de {item}. {note} Carrego em {place}."),
        Template("{item} para exportação", "Exporto {item}. {note} Por contêiner."),
        Template("Madeira nobre disponível", "Tenho {item}. {note} Preço por metro.", code=True),
    ),
    notes=(
        "DOF a gente resolve.",
        "Sem licença do IBAMA.",
        "Sai como madeira de reflorestamento.",
        "Tirada de terra indígena.",
    ),
    qty=(2, 60),
)

MINERALS = CategoryText(
    items=(
        Item("ouro de garimpo sem nota", "jewellery", 1500, 20000),
        Item("ouro em pó direto da balsa", "jewellery", 800, 15000, code=True),
        Item("mercúrio metálico (azougue)", "industrial", 80, 600, code=True),
        Item("mercúrio para garimpo", "industrial", 60, 500),
        Item("cassiterita do Pará", "industrial", 1500, 12000),
        Item("pedras preciosas brutas (esmeralda, turmalina)", "jewellery", 300, 6000),
    ),
    templates=(
        Template("{item} - {qty} g", "{qty} gramas de {item}. {note} Entrego em {place}."),
        Template("Compro e vendo {item}", "Trabalho com {item}. {note} Pagamento na hora."),
        Template("Material amarelo disponível", "Tenho {item}. {note} Só sério.", code=True),
    ),
    notes=(
        "Sem nota fiscal.",
        "Direto do garimpo no Tapajós.",
        "Ideal pra apuração no garimpo.",
        "Pode ir escondido no motor.",
    ),
    qty=(5, 500),
)

WASTE = CategoryText(
    items=(
        Item("sucata eletrônica em toneladas", "electronics", 800, 6000),
        Item("baterias de chumbo-ácido usadas para exportação", "industrial", 500, 8000),
        Item("monitores CRT antigos", "electronics", 200, 3000),
        Item("óleo de transformador com ascarel (PCB)", "industrial", 300, 4000),
        Item("eletrônicos usados 'para conserto'", "electronics", 500, 5000, code=True),
    ),
    templates=(
        Template("{item} - {qty} t", "{qty} toneladas de {item}. {note} Pátio em {place}."),
        Template("Exportação de {item}", "Fornecimento mensal de {item}. {note}"),
        Template("Lote de sucata barato", "Desova de {item}. {note}", code=True),
    ),
    notes=(
        "Declarado como usado.",
        "Sem documentação de Basileia.",
        "Destino Ásia ou África.",
        "Baterias ainda com ácido.",
    ),
    qty=(5, 200),
)

CORPUS = LanguageCorpus(
    language="pt",
    locations=(
        ("São Paulo, SP", "BRL"),
        ("Manaus, AM", "BRL"),
        ("Itaituba, PA", "BRL"),
        ("Belém, PA", "BRL"),
        ("Lisboa, Portugal", "EUR"),
    ),
    sellers=(
        "zeca_garimpo",
        "ana.paula",
        "vendas_manaus",
        "joao_sp",
        "tio_madeira",
        "rafa_ofertas",
        "colecionador_pt",
    ),
    conditions=("Funcionando 100%.", "Pequenos riscos.", "Com caixa e nota.", "Pouco uso.", "Aceito troca."),
    ordinary=ORDINARY,
    suspect={"wildlife": WILDLIFE, "timber": TIMBER, "minerals": MINERALS, "waste": WASTE},
    replies=(
        "Ainda disponível?",
        "Faço R$ 200 à vista.",
        "Chamei no privado.",
        "Manda mais fotos?",
        "Caro demais, vi por R$ 80 no outro grupo.",
        "Tenho interesse.",
    ),
    labels=BazaarLabels(
        board="Feira",
        board_slug="feira",
        price="Preço:",
        location="Local:",
        availability="Situação:",
        posted="Postado em",
        replies="Respostas",
        next_page="Próxima »",
        availability_words={
            "InStock": "Disponível",
            "OutOfStock": "Esgotado",
            "PreOrder": "Sob encomenda",
            "SoldOut": "Vendido",
            "LimitedAvailability": "Últimas unidades",
        },
        date_format="%d/%m/%Y %H:%M",
    ),
    edit_titles=("(baixei o preço)", "- URGENTE", "(atualizado)"),
)
