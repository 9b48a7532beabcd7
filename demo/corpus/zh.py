"""Chinese listings: mainland sellers, prices in yuan."""

from __future__ import annotations

from demo.corpus.types import BazaarLabels, CategoryText, Item, LanguageCorpus, Template

ORDINARY = CategoryText(
    items=(
        Item("华为 Mate 40 手机 256G", "electronics", 150, 400),
        Item("小米空气净化器", "electronics", 40, 120),
        Item("联想笔记本电脑 i7", "electronics", 250, 600),
        Item("实木书桌带抽屉", "furniture", 60, 250),
        Item("布艺沙发三人位", "furniture", 90, 400),
        Item("羊毛大衣 女款 M码", "fashion", 40, 150),
        Item("虎皮鹦鹉一对 人工繁殖", "pets", 10, 40),
        Item("柯基幼犬 已打疫苗", "pets", 300, 900),
        Item("博世电钻套装", "tools", 40, 130),
        Item("汽车刹车片 丰田", "auto-parts", 20, 70),
        Item("925银手链", "jewellery", 15, 60),
        Item("象牙白连衣裙 M码", "fashion", 25, 90, hard=True),
        Item("仿皮草外套 环保材质", "fashion", 30, 110, hard=True),
        Item("树脂犀牛摆件 家居装饰", "home-garden", 10, 45, hard=True),
        Item("红木色相框 (松木)", "home-garden", 5, 20, hard=True),
        Item("18K白金钻戒 带证书", "jewellery", 400, 1600, hard=True),
        Item("沉香味香薰蜡烛", "home-garden", 5, 25, hard=True),
        Item("镀金项链 时尚款", "jewellery", 8, 40, hard=True),
    ),
    templates=(
        Template("出售{item}", "自用{item}，{cond}，{place}同城自提。"),
        Template("{item} 九成新", "{item}转让，{cond}。地址：{place}，可小刀。"),
        Template("低价转让 {item}", "闲置{item}，{cond}，非诚勿扰。"),
        Template("【个人闲置】{item}", "搬家清仓：{item}。{cond}。{place}面交。"),
    ),
    notes=(),
)

WILDLIFE = CategoryText(
    items=(
        Item("象牙手镯", "collectibles", 400, 3000),
        Item("象牙雕件 老料", "collectibles", 800, 6000),
        Item("白色黄金 雕刻摆件", "collectibles", 600, 5000, code=True),
        Item("犀角杯", "collectibles", 6000, 40000),
        Item("犀角粉", "collectibles", 1000, 10000),
        Item("黑角 老货", "collectibles", 2000, 15000, code=True),
        Item("穿山甲片", "collectibles", 200, 1500),
        Item("甲片 中药材", "collectibles", 150, 1200, code=True),
        Item("虎骨酒 老酒", "collectibles", 200, 2000),
        Item("鱼翅 干货", "collectibles", 100, 900),
        Item("玳瑁手镯", "collectibles", 150, 1200),
        Item("金刚鹦鹉幼鸟 无证", "pets", 800, 3000),
        Item("辐射陆龟 苗子", "pets", 300, 1500),
    ),
    templates=(
        Template("出{item}", "正品{item}，{note}。坐标{place}，数量{qty}。"),
        Template("老货 {item} 懂的来", "{item}，{note}，私聊。", code=True),
        Template("{item} 收藏级", "家传{item}，{note}。{place}可面交，可发货。"),
    ),
    notes=(
        "无证，只收现金",
        "包装成工艺品发货",
        "加微信详聊",
        "可走香港",
        "紫外灯验货，假一赔十",
        "低调出，勿问来源",
    ),
    qty=(1, 10),
)

TIMBER = CategoryText(
    items=(
        Item("大红酸枝原木", "building-materials", 2000, 15000),
        Item("红木板材 老挝料", "building-materials", 1500, 12000),
        Item("海南黄花梨 原木", "building-materials", 5000, 40000),
        Item("紫檀料 小叶", "building-materials", 3000, 25000),
        Item("沉香 野生 奇楠", "collectibles", 1000, 20000),
        Item("沉香木块 加里曼丹", "collectibles", 400, 6000),
        Item("乌木 (阴沉木)", "building-materials", 800, 8000),
        Item("好木头 一柜", "building-materials", 10000, 50000, code=True),
    ),
    templates=(
        Template("{item} {qty}吨", "现货{item}{qty}吨，{note}，{place}看货。"),
        Template("批发 {item}", "长期供应{item}，{note}。"),
        Template("好料出售", "{item}，{note}，价格私聊。", code=True),
    ),
    notes=(
        "手续可以办",
        "无CITES证，价格优惠",
        "报关按普通木材",
        "原始林料，非人工林",
        "可开发票",
    ),
    qty=(1, 40),
)

MINERALS = CategoryText(
    items=(
        Item("水银 液体 高纯", "industrial", 60, 500),
        Item("水银 提金用", "industrial", 100, 800),
        Item("沙金 无来源证明", "jewellery", 1500, 20000),
        Item("金沙 矿上直接出", "jewellery", 1000, 15000, code=True),
        Item("原石 翡翠毛料 缅甸", "jewellery", 500, 10000),
        Item("钽铁矿 (钶钽铁矿) 高品位", "industrial", 2000, 20000),
        Item("锡石精矿", "industrial", 1500, 12000),
        Item("红宝石原石 一包", "jewellery", 300, 5000),
    ),
    templates=(
        Template("{item} {qty}公斤", "出{item}{qty}公斤，{note}，{place}交易。"),
        Template("长期供应 {item}", "{item}，{note}。量大从优。"),
        Template("黄色的东西", "有{item}，{note}。懂的私聊。", code=True),
    ),
    notes=(
        "无出口手续",
        "矿上直供，无证书",
        "可藏在设备里发货",
        "适合小型金矿使用",
        "刚果(金)东部来源",
    ),
    qty=(1, 50),
)

WASTE = CategoryText(
    items=(
        Item("废旧铅酸电池 大量", "industrial", 500, 8000),
        Item("电子垃圾 线路板 混装", "electronics", 800, 6000),
        Item("CRT显示器 旧电视 整柜", "electronics", 200, 3000),
        Item("拆船废钢 带保温层", "industrial", 2000, 20000),
        Item("变压器油 含多氯联苯", "industrial", 300, 4000),
        Item("二手电器 翻新用", "electronics", 500, 5000, code=True),
        Item("洋垃圾 混合金属", "industrial", 3000, 25000, code=True),
    ),
    templates=(
        Template("{item} {qty}吨", "{item}{qty}吨，{note}，{place}装柜。"),
        Template("出口 {item}", "每月稳定供应{item}，{note}。"),
        Template("便宜处理一批货", "处理{item}，{note}，买家自提。", code=True),
    ),
    notes=(
        "报关按二手货",
        "无巴塞尔公约文件",
        "可发东南亚",
        "电池带酸",
        "可混装好的机器过海关",
    ),
    qty=(5, 200),
)

CORPUS = LanguageCorpus(
    language="zh",
    locations=(
        ("广东 广州", "CNY"),
        ("云南 昆明", "CNY"),
        ("福建 福州", "CNY"),
        ("上海", "CNY"),
        ("广西 凭祥", "CNY"),
    ),
    sellers=("老王收藏", "阿明", "小李二手", "云南老张", "宝贝多多", "福州陈先生", "大鹏", "木头哥"),
    conditions=("功能正常", "有轻微划痕", "配件齐全", "几乎全新", "无拆无修"),
    ordinary=ORDINARY,
    suspect={"wildlife": WILDLIFE, "timber": TIMBER, "minerals": MINERALS, "waste": WASTE},
    replies=(
        "还在吗？",
        "200块出不出？",
        "私信你了",
        "顶一下",
        "能发顺丰吗？",
        "价格太高了，别家才卖¥500",
        "有实拍图吗？",
    ),
    labels=BazaarLabels(
        board="市场",
        board_slug="shichang",
        price="价格：",
        location="所在地：",
        availability="状态：",
        posted="发表于",
        replies="回复",
        next_page="下一页 »",
        availability_words={
            "InStock": "有货",
            "OutOfStock": "缺货",
            "PreOrder": "预订",
            "SoldOut": "已售出",
            "LimitedAvailability": "仅剩少量",
        },
        date_format="%Y年%m月%d日 %H:%M",
    ),
    edit_titles=("（降价）", "【更新】", "急出"),
)
