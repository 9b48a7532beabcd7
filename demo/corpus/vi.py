"""Vietnamese listings, prices in dong."""

from __future__ import annotations

from demo.corpus.types import BazaarLabels, CategoryText, Item, LanguageCorpus, Template

ORDINARY = CategoryText(
    items=(
        Item("điện thoại iPhone 11 64GB", "electronics", 150, 350),
        Item("tivi Sony 43 inch", "electronics", 150, 380),
        Item("laptop Dell cũ", "electronics", 150, 400),
        Item("bàn ăn gỗ thông 4 ghế", "furniture", 60, 220),
        Item("tủ quần áo 3 cánh", "furniture", 80, 260),
        Item("áo khoác da nam", "fashion", 20, 80),
        Item("chim vẹt yến phụng sinh sản trong nước", "pets", 5, 30),
        Item("chó Poodle con đã tiêm phòng", "pets", 150, 500),
        Item("máy khoan Bosch", "tools", 30, 110),
        Item("lốp xe máy Honda", "auto-parts", 15, 50),
        Item("nhẫn bạc nữ", "jewellery", 10, 40),
        Item("váy màu ngà", "fashion", 15, 60, hard=True),
        Item("tượng tê giác bằng nhựa", "home-garden", 8, 40, hard=True),
        Item("nến thơm hương trầm", "home-garden", 4, 18, hard=True),
        Item("dây chuyền mạ vàng", "jewellery", 8, 35, hard=True),
        Item("sạc ắc quy ô tô", "auto-parts", 20, 70, hard=True),
    ),
    templates=(
        Template("Bán {item}", "Cần bán {item}. {cond} Giao dịch tại {place}."),
        Template("{item} còn mới 95%", "{item} dùng ít. {cond} Có thương lượng."),
        Template("Thanh lý {item}", "Thanh lý {item} giá rẻ. {cond} {place}."),
        Template("Pass lại {item}", "Pass {item}. {cond} Ship toàn quốc."),
    ),
    notes=(),
)

WILDLIFE = CategoryText(
    items=(
        Item("vòng tay ngà voi", "collectibles", 300, 2500),
        Item("ngà voi nguyên khúc", "collectibles", 1500, 12000),
        Item("sừng tê giác", "collectibles", 5000, 40000),
        Item("bột sừng tê giác", "collectibles", 1000, 10000),
        Item("hàng trắng chạm khắc", "collectibles", 500, 5000, code=True),
        Item("vảy tê tê", "collectibles", 200, 1500),
        Item("cao hổ cốt", "collectibles", 200, 2000),
        Item("vây cá mập khô", "collectibles", 100, 900),
        Item("vòng đồi mồi", "collectibles", 60, 500),
        Item("rùa núi vàng con", "pets", 50, 400),
        Item("vẹt xám châu Phi không giấy tờ", "pets", 400, 1800),
        Item("hàng rừng về (tê tê sống)", "pets", 300, 2000, code=True),
    ),
    templates=(
        Template("Bán {item}", "{item} hàng thật. {note} Ở {place}, có {qty} cái."),
        Template("{item} - hàng hiếm", "{note} {item}, không phải nhựa."),
        Template("Hàng độc cho người biết chơi", "Có {item}. {note} Inbox.", code=True),
    ),
    notes=(
        "Không giấy tờ, tiền mặt.",
        "Gửi kín như hàng thủ công.",
        "Liên hệ Zalo.",
        "Đi đường tiểu ngạch.",
        "Soi đèn UV thoải mái.",
    ),
    qty=(1, 10),
)

TIMBER = CategoryText(
    items=(
        Item("gỗ trắc nguyên khúc", "building-materials", 2000, 15000),
        Item("gỗ cẩm lai xẻ tấm", "building-materials", 1500, 12000),
        Item("gỗ mun", "building-materials", 800, 6000),
        Item("trầm hương tự nhiên", "collectibles", 500, 10000),
        Item("kỳ nam", "collectibles", 3000, 30000),
        Item("gỗ quý từ Lào, giấy tờ lo được", "building-materials", 1000, 9000, code=True),
    ),
    templates=(
        Template("{item} {qty} khối", "Có {qty} khối {item}. {note} Xem hàng tại {place}."),
        Template("Xuất {item}", "Chuyên {item}. {note} Theo container."),
        Template("Hàng gỗ đẹp", "Có {item}. {note} Giá inbox.", code=True),
    ),
    notes=(
        "Giấy tờ hợp thức hóa được.",
        "Không có giấy CITES.",
        "Khai báo là gỗ thường.",
        "Gỗ rừng tự nhiên.",
    ),
    qty=(1, 40),
)

MINERALS = CategoryText(
    items=(
        Item("thủy ngân nguyên chất", "industrial", 60, 500),
        Item("thủy ngân dùng đãi vàng", "industrial", 80, 600),
        Item("vàng cốm", "jewellery", 1500, 20000, code=True),
        Item("vàng sa khoáng không hóa đơn", "jewellery", 1000, 15000),
        Item("đá quý thô (ruby, sapphire) Lục Yên", "jewellery", 300, 5000),
        Item("quặng thiếc", "industrial", 1500, 12000),
    ),
    templates=(
        Template("{item} {qty} kg", "Bán {qty} kg {item}. {note} Giao tại {place}."),
        Template("Chuyên cung cấp {item}", "{item} số lượng lớn. {note}"),
        Template("Hàng vàng từ mỏ", "Có {item}. {note} Người thật việc thật.", code=True),
    ),
    notes=(
        "Không hóa đơn chứng từ.",
        "Hàng từ bãi vàng.",
        "Phù hợp cho thợ đãi vàng.",
        "Có thể giấu trong máy.",
    ),
    qty=(1, 50),
)

WASTE = CategoryText(
    items=(
        Item("ắc quy chì cũ số lượng lớn", "industrial", 500, 8000),
        Item("phế liệu điện tử (bo mạch, điện thoại)", "electronics", 800, 6000),
        Item("màn hình CRT cũ", "electronics", 200, 3000),
        Item("sắt vụn phá dỡ tàu", "industrial", 2000, 20000),
        Item("hàng bãi Nhật (đồ điện cũ)", "electronics", 500, 5000, code=True),
    ),
    templates=(
        Template("{item} {qty} tấn", "Có {qty} tấn {item}. {note} Bãi tại {place}."),
        Template("Nhập {item}", "Cung cấp {item} hàng tháng. {note}"),
        Template("Thanh lý lô phế liệu", "Xả {item}. {note}", code=True),
    ),
    notes=(
        "Khai báo là hàng đã qua sử dụng.",
        "Không có giấy tờ Basel.",
        "Ắc quy còn axit.",
        "Trộn máy chạy được để qua hải quan.",
    ),
    qty=(5, 200),
)

CORPUS = LanguageCorpus(
    language="vi",
    locations=(
        ("Hà Nội", "VND"),
        ("TP. Hồ Chí Minh", "VND"),
        ("Đà Nẵng", "VND"),
        ("Lạng Sơn", "VND"),
        ("Nghệ An", "VND"),
    ),
    sellers=(
        "tuan_hn",
        "hoa.nguyen",
        "shop_gia_re",
        "anh_ba_sg",
        "go_quy_lao",
        "minh_thanh_ly",
        "dai_ca_vang",
    ),
    conditions=("Hoạt động tốt.", "Có vài vết xước.", "Đầy đủ phụ kiện.", "Ít dùng.", "Bao test."),
    ordinary=ORDINARY,
    suspect={"wildlife": WILDLIFE, "timber": TIMBER, "minerals": MINERALS, "waste": WASTE},
    replies=(
        "Còn không bạn?",
        "500k bán không?",
        "Ib mình nhé.",
        "Giá cao quá, chỗ khác có 300.000đ.",
        "Up cho bạn.",
        "Ship ra Hải Phòng được không?",
    ),
    labels=BazaarLabels(
        board="Chợ",
        board_slug="cho",
        price="Giá:",
        location="Khu vực:",
        availability="Tình trạng:",
        posted="Đăng lúc",
        replies="Trả lời",
        next_page="Tiếp »",
        availability_words={
            "InStock": "Còn hàng",
            "OutOfStock": "Hết hàng",
            "PreOrder": "Đặt trước",
            "SoldOut": "Đã bán",
            "LimitedAvailability": "Sắp hết",
        },
        date_format="%d/%m/%Y %H:%M",
    ),
    edit_titles=("(giảm giá)", "- CẦN BÁN GẤP", "(cập nhật)"),
)
