"""The words around a number that say what it is: a phone, a WhatsApp, a price, an order number.

A digit string alone is rarely enough: "0812 3456 7890" is a phone, "Rp 1.500.000" a price,
"SKU 12345678" a reference, and "WA/Telegram: 0813…" two messaging accounts. The *label* right
before a number (and an app named right after it: "(WhatsApp)", "微信同号", "zalo cùng số") decides.
Vocabulary covers the watched languages; matching is case-insensitive, on word boundaries for
Latin words and anywhere for Chinese ones.

Cue classes: a messaging channel (``whatsapp``, ``telegram``, ...), ``phone`` (a voice word: tel,
call, HP, sđt, 电话), ``contact`` (contact, hubungi, liên hệ, 联系: says "this is how to reach me"
but names no channel), ``ref`` (order, SKU, lot, tracking, tax or bank-account numbers) and
``price``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from networks.numberwords import trie_pattern

CHANNELS = ("phone", "whatsapp", "telegram", "wechat", "line", "zalo", "signal")
"""The cue classes that give a number its kind (the kinds a number can have)."""


def _words(spellings: str) -> tuple[str, ...]:
    """Spellings written as one "|"-separated string (compact to read, one language after another)."""
    return tuple(word.strip() for word in spellings.split("|") if word.strip())


_VOCABULARY: dict[str, tuple[str, ...]] = {
    "phone": _words(
        "tel|telephone|phone|phones|ph|call|calls|ring|text|txt|sms|mobile|mob|cell|cellphone|"
        "cell phone|hotline|landline|cellular|teléfono|telefono|tlf|tlfn|telf|tfno|cel|celular|móvil|"
        "movil|llamar|llama|llámame|llamame|llamadas|llamada|fono|háblame|hablame|tél|téléphone|"
        "portable|gsm|appel|appels|appelez|appeler|fixe|telefone|fone|ligue|liga|ligar|ligações|"
        "ligacoes|telemóvel|telemovel|fixo|tlm|sđt|sdt|số điện thoại|so dien thoai|điện thoại|"
        "dien thoai|đt|dt|đtdđ|di động|gọi|goi|gọi ngay|hp|no hp|nomor hp|telp|telpon|telepon|tlp|"
        "tlpn|kantor|"
        "电话|電話|手机|手機|手机号|手機號|手机号码|座机|座機|固话|固話|热线|熱線|致电|拨打|來電|来电|"
        "电话号码|電話號碼"
    ),
    "whatsapp": _words(
        "whatsapp|whats app|whatsap|whatapp|watsap|watsapp|wasap|wassap|guasap|wsp|wpp|whats|zap|"
        "zapzap|wa|w.a|wtsp|whatsapp me"
    ),
    "telegram": _words("telegram|telegrama|tg|tlgrm|电报|電報|飞机|飛機|纸飞机|紙飛機"),
    "wechat": _words(
        "wechat|we chat|weixin|wx|vx|v信|微信|微信号|微信號|薇信|威信|维信|徽信|加v|加vx|加微|加微信"
    ),
    "line": _words("line id|id line|加賴|賴"),
    "zalo": _words("zalo|za lo"),
    "signal": _words("signal"),
    "contact": _words(
        "contact|contacts|contacto|contato|contacte|contactez|contacter|contactar|kontak|hubungi|hub|"
        "liên hệ|lien he|lh|info|informes|información|informacion|consultas|consulta|inquiries|"
        "enquiries|escribir|escríbeme|escribeme|escreva|écrire|écrivez|message|msg|mensaje|mensagem|"
        "pm|inbox|nhắn|nhắn tin|chat|number|número|numero|numéro|nomor|minat|yape|plin|nequi|"
        "daviplata|pix|m-pesa|mpesa|gcash|mb way|reach me|"
        "联系|聯絡|联络|聯繫|联系人|聯絡人|联系方式|聯繫方式|咨询|諮詢|号码|號碼"
    ),
    "ref": _words(
        "sku|ref|réf|référence|reference|referencia|referência|lot|lote|lô|số lô|order|orders|pedido|"
        "commande|encomenda|invoice|factura|facture|fatura|nota fiscal|nf|bill|boleta|recibo|receipt|"
        "tracking|rastreio|rastreamento|suivi|guía|guia|seguimiento|resi|vận đơn|mã vận đơn|mã|mã số|"
        "mã đơn|mst|thuế|nik|npwp|ktp|cpf|cnpj|rut|nif|siret|siren|tva|cep|kode|kode pos|booking|"
        "postcode|post code|zip|zip code|pin code|pincode|code postal|código postal|codigo postal|"
        "código|codigo|cites|permit|licence|license|giấy phép|account|acct|rekening|norek|cuenta|"
        "clabe|conta|compte|tài khoản|tk|stk|item|article|artículo|artigo|model|modelo|modèle|serial|"
        "s/n|isbn|matrícula|matricula|anilha|bagué|sispass|registro|registration|views|vistas|vues|"
        "visto|lượt xem|dilihat|terjual|sold|vendidos|ramal|ext|extension|batch|id card|#|"
        "订单|订单号|訂單|单号|單號|快递|快遞|编号|編號|货号|貨號|批号|批號|身份证|身份證|证号|證號|"
        "销量|銷量|浏览|浏览量|瀏覽|库存|庫存|运单|運單"
    ),
    "price": _words(
        "price|prices|prix|precio|precios|preço|preco|valor|harga|giá|gia|total|tổng|tổng cộng|"
        "ongkir|frete|envío|envio|shipping|postage|cost|costo|coût|custo|tarif|tarifa|cọc|dp|价格|價格|"
        "售价|售價|价|價|特价|特價|总价|總價"
    ),
}

# Words that may stand between a label and its number, or between two labels, and say nothing.
_FILLER_WORDS = frozenset(
    """no nr nro num nos me us at on to al le la au aux di ke de do da dos das du em en par por pour
    via sur pelo pela para ini là is es est é kami saya aku aja mình anh chị chi em ya gan sis please
    pls plz now ngay here my our mi mis mon ma mes meu minha nosso nossa or ou o y e et and atau dan
    hoặc hay và id só only solo seulement apenas chỉ cuma hanya số the a an or""".split()
)
_CJK_FILLERS = frozenset("或和及请請加我的是为為号號：:")

_JOIN_RE = re.compile(
    r"[\s/&+,|\-:：、]*(?:(?:or|ou|o|y|e|et|and|atau|dan|hoặc|hay|và|或|或者|和|及)[\s/&+,|\-:：、]*)?",
    re.IGNORECASE,
)


def _cue_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    classes: dict[str, str] = {}
    for cls, words in _VOCABULARY.items():
        for word in words:
            classes.setdefault(word.lower(), cls)
    latin = [w for w in classes if w.isascii() or not _has_cjk(w)]
    cjk = [w for w in classes if _has_cjk(w)]
    # "line" only as a label ("Line:", "LINE@"), not the English word
    pattern = (
        rf"(?<![A-Za-zÀ-ɏḀ-ỿ])(?P<latin>{trie_pattern(latin)})(?![A-Za-zÀ-ɏḀ-ỿ])"
        rf"|(?P<cjk>{trie_pattern(cjk)})"
        r"|(?<![A-Za-zÀ-ɏḀ-ỿ])(?P<linelabel>line)(?=\s*[:：@])"
    )
    return re.compile(pattern, re.IGNORECASE), classes


def _has_cjk(word: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" for char in word)


_CUE_RE, _CLASSES = _cue_regex()
_WORD_RE = re.compile(r"[^\W\d_]+")
_CJK_CHAR_RE = re.compile(r"[\u3400-\u9fff]")

_APPS = ("whatsapp", "telegram", "wechat", "line", "zalo", "signal")
_APP_WORDS = [w for w, cls in _CLASSES.items() if cls in _APPS and w not in ("wa", "賴")]
_CONNECTORS = r"(?:or|ou|o|y|e|et|and|atau|dan|hoặc|hay|và|also|aussi|também|tambien|también|juga|cũng)"
_TRAIL_RE = re.compile(
    r"[\s,，、(（/\-]*"
    rf"(?P<connector>(?:(?:{_CONNECTORS}|por|par|on|via|sur|pelo|no|na|en|qua|trên|di)\s+|(?:或者|或|也是|也|和))*)"
    rf"(?P<app>{trie_pattern(_APP_WORDS)})(?![A-Za-z])"
    r"(?!\s*[:：=]?\s*(?:[@+\d]|[A-Za-z][\w.\-]*[\d_]))"
    r"(?P<same>\s*(?:同号|同號|cùng số|same number|mismo número|même numéro|mesmo número|nomor sama))?",
    re.IGNORECASE,
)
_CONNECTOR_RE = re.compile(
    rf"(?<![A-Za-zÀ-ɏḀ-ỿ]){_CONNECTORS}(?![A-Za-zÀ-ɏḀ-ỿ])|或者|或|也|和", re.IGNORECASE
)

WINDOW = 48
"""How far before a number its label is looked for (characters)."""


@dataclass(frozen=True, slots=True)
class Label:
    """The label group nearest before a number: its cue classes, nearest last, and where it starts."""

    classes: tuple[str, ...]
    start: int

    @property
    def nearest(self) -> str:
        return self.classes[-1]

    @property
    def channels(self) -> tuple[str, ...]:
        """The kinds the label gives a number: apps named, and phone for a voice word."""
        return tuple(dict.fromkeys(cls for cls in self.classes if cls in CHANNELS))


def _class_of(match: re.Match[str]) -> str:
    if match.lastgroup == "linelabel":
        return "line"
    return _CLASSES.get(match.group().lower(), "contact")


def _gap_ok(gap: str, free_words: int) -> bool:
    """Whether only fillers (and at most ``free_words`` other words) stand in ``gap``."""
    if any(char.isdigit() for char in gap):
        return False
    others = 0.0
    for word in _WORD_RE.findall(gap):
        if word.lower() in _FILLER_WORDS:
            continue
        cjk = _CJK_CHAR_RE.findall(word)
        if cjk:
            others += sum(0 if c in _CJK_FILLERS else 0.5 for c in cjk)
            if len(cjk) < len(word):
                others += 1
        else:
            others += 1
    return others <= free_words


def label_before(text: str, start: int, floor: int = 0) -> Label | None:
    """The label group that ends right before ``text[start]`` (not looking before ``floor``)."""
    low = max(floor, start - WINDOW)
    matches = list(_CUE_RE.finditer(text, low, start))
    if not matches:
        return None
    last = matches[-1]
    cls = _class_of(last)
    free = {"price": 0, "ref": 1}.get(cls, 2)
    if not _gap_ok(text[last.end() : start], free):
        return None
    group = [cls]
    first = last
    for previous in reversed(matches[:-1]):
        if _JOIN_RE.fullmatch(text, previous.end(), first.start()) is None:
            break
        group.append(_class_of(previous))
        first = previous
    group.reverse()
    return Label(tuple(group), first.start())


def apps_after(text: str, end: int, ceiling: int | None = None) -> tuple[tuple[str, ...], bool]:
    """Apps named right after a number that are about that number, and whether in addition.

    "(WhatsApp)" says what the number is (an app *instead of* a phone); "ou par WhatsApp",
    "hoặc zalo cùng số", "微信同号" say the number is *also* that app's (in addition).
    """
    high = min(len(text) if ceiling is None else ceiling, end + WINDOW)
    match = _TRAIL_RE.match(text, end, high)
    if match is None:
        return (), False
    additive = bool(match.group("same")) or _CONNECTOR_RE.search(match.group("connector")) is not None
    return (_CLASSES[match.group("app").lower()],), additive


def joins_list(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` only separates two items of a list (", ", " or ", " / ")."""
    if end - start > 12:
        return False
    gap = text[start:end]
    if not gap.strip():
        return True
    stripped = re.sub(r"\b(?:al|au|le|ao|no|di|ke)\b", " ", gap, flags=re.IGNORECASE)
    return _JOIN_RE.fullmatch(stripped) is not None
