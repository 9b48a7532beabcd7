"""Indonesian listings, prices in rupiah."""

from __future__ import annotations

from demo.corpus.types import BazaarLabels, CategoryText, Item, LanguageCorpus, Template

ORDINARY = CategoryText(
    items=(
        Item("HP Samsung Galaxy A52 8/128", "electronics", 120, 280),
        Item("TV LED Polytron 32 inch", "electronics", 80, 200),
        Item("laptop Acer Aspire bekas", "electronics", 150, 380),
        Item("lemari pakaian jati belanda", "furniture", 60, 220),
        Item("sofa minimalis 3 dudukan", "furniture", 90, 300),
        Item("jaket bomber pria", "fashion", 10, 40),
        Item("lovebird hasil ternak lengkap ring", "pets", 15, 60),
        Item("kucing persia anakan", "pets", 60, 250),
        Item("bor listrik Makita", "tools", 30, 110),
        Item("velg racing ring 15", "auto-parts", 100, 350),
        Item("cincin perak 925", "jewellery", 8, 35),
        Item("gaun warna gading", "fashion", 20, 90, hard=True),
        Item("jaket bulu sintetis", "fashion", 20, 70, hard=True),
        Item("patung badak resin", "home-garden", 8, 40, hard=True),
        Item("lilin aromaterapi wangi gaharu", "home-garden", 4, 18, hard=True),
        Item("kalung lapis emas", "jewellery", 6, 30, hard=True),
        Item("mesin tempel Mercury 15 PK", "auto-parts", 900, 2400, hard=True),
    ),
    templates=(
        Template("Jual {item}", "Jual {item}. {cond} COD {place}."),
        Template("{item} mulus", "{item} kondisi mulus. {cond} Nego tipis."),
        Template("Dijual cepat {item}", "Butuh dana, dijual {item}. {cond} Lokasi {place}."),
        Template("WTS {item}", "WTS {item}. {cond} Bisa kirim luar kota."),
    ),
    notes=(),
)

WILDLIFE = CategoryText(
    items=(
        Item("sisik trenggiling", "collectibles", 200, 1500),
        Item("gading gajah ukir", "collectibles", 400, 3000),
        Item("cula badak", "collectibles", 5000, 40000),
        Item("sirip hiu kering", "collectibles", 100, 900),
        Item("sisir sisik penyu (karah)", "collectibles", 60, 500),
        Item("anakan kakatua jambul kuning tanpa surat", "pets", 300, 1500),
        Item("nuri kepala hitam tangkapan alam", "pets", 100, 600),
        Item("kura-kura moncong babi", "pets", 50, 300),
        Item("paruh rangkong (gading merah)", "collectibles", 500, 4000, code=True),
        Item("barang putih ukiran lama", "collectibles", 400, 3000, code=True),
    ),
    templates=(
        Template("Jual {item}", "{item} asli. {note} Lokasi {place}, stok {qty}."),
        Template("{item} - langka", "{note} {item}, bukan resin."),
        Template("Barang antik warisan", "Ada {item}. {note} Japri saja.", code=True),
    ),
    notes=(
        "Tanpa surat, cash.",
        "Kirim aman dibungkus kerajinan.",
        "Hubungi WA.",
        "Hasil hutan langsung.",
        "Jangan tanya CITES.",
    ),
    qty=(1, 10),
)

TIMBER = CategoryText(
    items=(
        Item("gaharu super kelas A", "collectibles", 500, 10000),
        Item("gubal gaharu alam Kalimantan", "collectibles", 800, 15000),
        Item("kayu eboni Sulawesi", "building-materials", 800, 6000),
        Item("kayu sonokeling gelondongan", "building-materials", 1500, 12000),
        Item("kayu merbau tanpa SVLK", "building-materials", 1000, 9000),
        Item("kayu bagus, dokumen bisa diurus", "building-materials", 1000, 9000, code=True),
    ),
    templates=(
        Template("{item} {qty} kubik", "Ready {qty} kubik {item}. {note} Muat di {place}."),
        Template("Ekspor {item}", "Supplier {item}. {note} Per kontainer."),
        Template("Kayu kualitas ekspor", "Ada {item}. {note} Harga japri.", code=True),
    ),
    notes=(
        "Dokumen bisa diatur.",
        "Tanpa izin CITES.",
        "Dilaporkan sebagai kayu olahan.",
        "Dari hutan alam.",
    ),
    qty=(1, 40),
)

MINERALS = CategoryText(
    items=(
        Item("air raksa murni", "industrial", 60, 500),
        Item("raksa untuk tambang emas", "industrial", 80, 600),
        Item("emas tanpa dokumen hasil PETI", "jewellery", 1500, 20000),
        Item("butiran emas dari sungai", "jewellery", 800, 15000, code=True),
        Item("batu akik bongkahan mentah", "jewellery", 50, 800),
        Item("pasir timah Bangka", "industrial", 1500, 12000),
    ),
    templates=(
        Template("{item} {qty} kg", "Jual {qty} kg {item}. {note} Ketemu di {place}."),
        Template("Supplier {item}", "Ready stok {item}. {note}"),
        Template("Barang kuning ready", "Ada {item}. {note} Serius saja.", code=True),
    ),
    notes=(
        "Tanpa dokumen asal.",
        "Langsung dari lubang tambang.",
        "Cocok untuk gelundung.",
        "Bisa dikirim tersembunyi.",
    ),
    qty=(1, 50),
)

WASTE = CategoryText(
    items=(
        Item("aki bekas partai besar untuk ekspor", "industrial", 500, 8000),
        Item("limbah elektronik campur (PCB, HP)", "electronics", 800, 6000),
        Item("monitor tabung CRT bekas", "electronics", 200, 3000),
        Item("besi tua potongan kapal", "industrial", 2000, 20000),
        Item("barang elektronik bekas 'rekondisi'", "electronics", 500, 5000, code=True),
    ),
    templates=(
        Template("{item} {qty} ton", "Ready {qty} ton {item}. {note} Gudang di {place}."),
        Template("Ekspor {item}", "Suplai rutin {item}. {note}"),
        Template("Lot rongsok murah", "Obral {item}. {note}", code=True),
    ),
    notes=(
        "Dilaporkan sebagai barang bekas.",
        "Tanpa dokumen Basel.",
        "Aki masih ada airnya.",
        "Bisa dicampur unit hidup untuk bea cukai.",
    ),
    qty=(5, 200),
)

CORPUS = LanguageCorpus(
    language="id",
    locations=(
        ("Jakarta Utara", "IDR"),
        ("Surabaya", "IDR"),
        ("Pontianak, Kalbar", "IDR"),
        ("Medan", "IDR"),
        ("Makassar", "IDR"),
    ),
    sellers=(
        "budi_jualan",
        "siti.rahma",
        "agan_murah",
        "juragan_kayu",
        "toko_berkah",
        "andi_mks",
        "bang_rongsok",
    ),
    conditions=("Normal semua.", "Ada lecet pemakaian.", "Fullset dus.", "Jarang dipakai.", "Garansi toko."),
    ordinary=ORDINARY,
    suspect={"wildlife": WILDLIFE, "timber": TIMBER, "minerals": MINERALS, "waste": WASTE},
    replies=(
        "Masih ada gan?",
        "Rp 200.000 boleh?",
        "Cek PM gan.",
        "Kemahalan, di lapak sebelah Rp 80.000.",
        "Bisa kirim ke Bandung?",
        "Minat.",
    ),
    labels=BazaarLabels(
        board="Pasar",
        board_slug="pasar",
        price="Harga:",
        location="Lokasi:",
        availability="Status:",
        posted="Diposting",
        replies="Balasan",
        next_page="Berikutnya »",
        availability_words={
            "InStock": "Tersedia",
            "OutOfStock": "Stok habis",
            "PreOrder": "Pre-order",
            "SoldOut": "Terjual",
            "LimitedAvailability": "Stok terbatas",
        },
        date_format="%d/%m/%Y %H:%M",
    ),
    edit_titles=("(turun harga)", "- BUTUH CEPAT", "(update)"),
)
