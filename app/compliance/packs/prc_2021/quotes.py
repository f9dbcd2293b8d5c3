"""The articles the pack's rules implement, quoted from the primary texts (shared/law/:
安全生产法 as amended in 2021, 职业病防治法 as amended in 2018), each with an English
rendering, so that docs/rules.md shows the law beside the rule."""

from __future__ import annotations

from app.compliance.rules import Text

ART_24 = Text(
    "第二十四条 矿山、金属冶炼、建筑施工、运输单位和危险物品的生产、经营、储存、装卸单位，"
    "应当设置安全生产管理机构或者配备专职安全生产管理人员。\n"
    "前款规定以外的其他生产经营单位，从业人员超过一百人的，应当设置安全生产管理机构或者配备"
    "专职安全生产管理人员；从业人员在一百人以下的，应当配备专职或者兼职的安全生产管理人员。",
    "Art. 24. Mines, metal smelting, construction and transport units and units producing, "
    "trading, storing or loading/unloading dangerous goods shall set up a safety body or employ "
    "full-time safety officers. Other units with more than 100 employees shall set up a safety "
    "body or employ full-time safety officers; those with 100 or fewer shall employ full- or "
    "part-time safety officers.",
)
ART_27_2 = Text(
    "第二十七条第二款 危险物品的生产、经营、储存、装卸单位以及矿山、金属冶炼、建筑施工、运输单位的"
    "主要负责人和安全生产管理人员，应当由主管的负有安全生产监督管理职责的部门对其安全生产知识和"
    "管理能力考核合格。考核不得收费。",
    "Art. 27 para 2. The principals and safety officers of units producing, trading, storing or "
    "loading/unloading dangerous goods and of mines, metal smelting, construction and transport "
    "units shall pass the competent safety authority's assessment of their safety knowledge "
    "and management ability. The assessment is free of charge.",
)
ART_27_3 = Text(
    "第二十七条第三款 危险物品的生产、储存、装卸单位以及矿山、金属冶炼单位应当有注册安全工程师"
    "从事安全生产管理工作。鼓励其他生产经营单位聘用注册安全工程师从事安全生产管理工作。注册安全"
    "工程师按专业分类管理，具体办法由国务院人力资源和社会保障部门、国务院应急管理部门会同国务院"
    "有关部门制定。",
    "Art. 27 para 3. Units producing, storing or loading/unloading dangerous goods, mines and "
    "metal smelting units shall have registered safety engineers working in their safety "
    "management; other units are encouraged to. Registered safety engineers are managed by "
    "specialty, under measures of the State Council's departments.",
)
ART_28_1 = Text(
    "第二十八条第一款 生产经营单位应当对从业人员进行安全生产教育和培训，保证从业人员具备必要的"
    "安全生产知识，熟悉有关的安全生产规章制度和安全操作规程，掌握本岗位的安全操作技能，了解事故"
    "应急处理措施，知悉自身在安全生产方面的权利和义务。未经安全生产教育和培训合格的从业人员，"
    "不得上岗作业。",
    "Art. 28 para 1. A unit shall educate and train its employees in work safety so that they "
    "have the necessary knowledge, know the rules and operating procedures, master their "
    "post's safe operating skills, understand emergency measures and know their rights and "
    "duties. No employee may work at a post without having been trained and passed.",
)
ART_30 = Text(
    "第三十条 生产经营单位的特种作业人员必须按照国家有关规定经专门的安全作业培训，取得相应资格，"
    "方可上岗作业。\n特种作业人员的范围由国务院应急管理部门会同国务院有关部门确定。",
    "Art. 30. A unit's special-operation workers must receive specialised safety training and "
    "obtain the corresponding qualification under the state's rules before working at the "
    "post. The scope of special operations is set by the State Council's emergency management "
    "department with the departments concerned.",
)
ART_40_2 = Text(
    "第四十条第二款 生产经营单位应当按照国家有关规定将本单位重大危险源及有关安全措施、应急措施"
    "报有关地方人民政府应急管理部门和有关部门备案。",
    "Art. 40 para 2. A unit shall file its major hazard sources, with their safety and emergency "
    "measures, with the local emergency management department and the departments concerned, "
    "under the state's rules.",
)
ART_41_2 = Text(
    "第四十一条第二款 生产经营单位应当建立健全并落实生产安全事故隐患排查治理制度，采取技术、管理"
    "措施，及时发现并消除事故隐患。事故隐患排查治理情况应当如实记录，并通过职工大会或者职工代表"
    "大会、信息公示栏等方式向从业人员通报。其中，重大事故隐患排查治理情况应当及时向负有安全生产"
    "监督管理职责的部门和职工大会或者职工代表大会报告。",
    "Art. 41 para 2. A unit shall establish and carry out a system for finding and remedying "
    "hidden dangers, taking technical and management measures to find and remove them "
    "promptly. It shall record the work truthfully and tell employees of it; the finding and "
    "remedying of major hidden dangers shall be reported promptly to the safety regulator and "
    "to the workers' congress.",
)
OD_16 = Text(
    "职业病防治法第十六条第二款 用人单位工作场所存在职业病目录所列职业病的危害因素的，应当及时、"
    "如实向所在地卫生行政部门申报危害项目，接受监督。",
    "Occupational Disease Law art. 16 para 2. An employer whose workplace has a hazard factor of "
    "a listed occupational disease shall declare the hazard items to the local health authority "
    "promptly and truthfully, and accept its supervision.",
)
OD_20 = Text(
    "职业病防治法第二十条 用人单位应当采取下列职业病防治管理措施：\n（一）设置或者指定职业卫生管理"
    "机构或者组织，配备专职或者兼职的职业卫生管理人员，负责本单位的职业病防治工作；……",
    "Occupational Disease Law art. 20. An employer shall take these management measures: (1) set "
    "up or designate an occupational-health body, with full- or part-time occupational-health "
    "staff responsible for preventing occupational disease; …",
)
OD_35_1 = Text(
    "职业病防治法第三十五条第一款 对从事接触职业病危害的作业的劳动者，用人单位应当按照国务院卫生"
    "行政部门的规定组织上岗前、在岗期间和离岗时的职业健康检查，并将检查结果书面告知劳动者。"
    "职业健康检查费用由用人单位承担。",
    "Occupational Disease Law art. 35 para 1. For workers exposed to occupational hazards the "
    "employer shall arrange pre-job, periodic and exit health exams under the health "
    "authority's rules, tell the worker the results in writing and bear the cost.",
)
OD_35_2 = Text(
    "职业病防治法第三十五条第二款 用人单位不得安排未经上岗前职业健康检查的劳动者从事接触职业病"
    "危害的作业；不得安排有职业禁忌的劳动者从事其所禁忌的作业；……对未进行离岗前职业健康检查的"
    "劳动者不得解除或者终止与其订立的劳动合同。",
    "Occupational Disease Law art. 35 para 2. An employer shall not let a worker do exposed work "
    "without a pre-job exam, nor let a worker with a contraindication do the work it concerns; "
    "… nor end the labour contract of a worker who has had no exit exam.",
)
ART_27_1 = Text(
    "第二十七条第一款 生产经营单位的主要负责人和安全生产管理人员必须具备与本单位所从事的生产"
    "经营活动相应的安全生产知识和管理能力。",
    "Art. 27 para 1. A unit's principal and safety officers must have the safety knowledge and "
    "management ability its activities call for.",
)
ART_51_1 = Text(
    "第五十一条第一款 生产经营单位必须依法参加工伤保险，为从业人员缴纳保险费。",
    "Art. 51 para 1. A unit must take part in work-injury insurance under the law and pay the "
    "premiums for its employees.",
)
ART_51_2 = Text(
    "第五十一条第二款 国家鼓励生产经营单位投保安全生产责任保险；属于国家规定的高危行业、领域的"
    "生产经营单位，应当投保安全生产责任保险。具体范围和实施办法由国务院应急管理部门会同国务院"
    "财政部门、国务院保险监督管理机构和相关行业主管部门制定。",
    "Art. 51 para 2. The state encourages units to take out work-safety liability insurance; "
    "units in the high-risk industries and fields the state names shall take it out. The scope "
    "and the measures are set by the State Council's emergency management department with the "
    "finance department, the insurance regulator and the sector authorities.",
)
ART_81 = Text(
    "第八十一条 生产经营单位应当制定本单位生产安全事故应急救援预案，与所在地县级以上地方人民政府"
    "组织制定的生产安全事故应急救援预案相衔接，并定期组织演练。\n"
    "生产安全事故应急条例第八条第二款 易燃易爆物品、危险化学品等危险物品的生产、经营、储存、运输"
    "单位，矿山、金属冶炼、城市轨道交通运营、建筑施工单位，以及宾馆、商场、娱乐场所、旅游景区等"
    "人员密集场所经营单位，应当至少每半年组织1次生产安全事故应急救援预案演练，并将演练情况报送"
    "所在地县级以上地方人民政府负有安全生产监督管理职责的部门。",
    "Art. 81. A unit shall draw up its emergency rescue plan for work-safety accidents, "
    "consistent with the local government's plan, and drill it regularly. "
    "Emergency Response Regulation art. 8 para 2. Units producing, trading, storing or "
    "carrying dangerous goods such as flammable or explosive goods and hazardous chemicals; "
    "mines, metal smelting, urban rail transit operators and construction units; and operators "
    "of crowded venues such as hotels, malls, entertainment venues and scenic spots shall drill "
    "their emergency rescue plan at least once every half year and report the drill to the "
    "local safety regulator at county level or above.",
)
SL_2_9 = Text(
    "安全生产许可证条例第二条 国家对矿山企业、建筑施工企业和危险化学品、烟花爆竹、民用爆炸物品"
    "生产企业(以下统称企业)实行安全生产许可制度。\n"
    "企业未取得安全生产许可证的，不得从事生产活动。\n"
    "第九条 安全生产许可证的有效期为3年。安全生产许可证有效期满需要延期的，企业应当于期满前3个月"
    "向原安全生产许可证颁发管理机关办理延期手续。\n"
    "企业在安全生产许可证有效期内，严格遵守有关安全生产的法律法规，未发生死亡事故的，安全生产"
    "许可证有效期届满时，经原安全生产许可证颁发管理机关同意，不再审查，安全生产许可证有效期延期3年。",
    "Work Safety Licence Regulation art. 2. The state licenses the work safety of mining "
    "enterprises, construction enterprises and producers of hazardous chemicals, fireworks and "
    "civil explosives (the enterprises). An enterprise without a safety production licence "
    "shall not produce. Art. 9. A licence is valid for 3 years. Where it is to be extended, the "
    "enterprise shall apply to the issuing authority 3 months before it expires. An enterprise "
    "that kept the law during the validity and had no fatal accident has its licence extended "
    "by 3 years without review, with the authority's consent.",
)
SE_14 = Text(
    "特种设备安全法第十四条 特种设备安全管理人员、检测人员和作业人员应当按照国家有关规定取得相应"
    "资格，方可从事相关工作。……",
    "Special Equipment Safety Law art. 14. Special-equipment safety managers, testers and "
    "operators shall obtain the corresponding qualification under the state's rules before "
    "doing the work. …",
)
SE_33 = Text(
    "特种设备安全法第三十三条 特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，"
    "向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书。登记标志应当置于该特种设备的"
    "显著位置。",
    "Special Equipment Safety Law art. 33. A user of special equipment shall register it for "
    "use with the special-equipment authority before or within 30 days after putting it into "
    "use, and obtain the registration certificate. The registration mark is displayed on the "
    "equipment.",
)
SE_40 = Text(
    "特种设备安全法第四十条 特种设备使用单位应当按照安全技术规范的要求，在检验合格有效期届满前"
    "一个月向特种设备检验机构提出定期检验要求。\n"
    "……\n"
    "未经定期检验或者检验不合格的特种设备，不得继续使用。",
    "Special Equipment Safety Law art. 40. A user of special equipment shall request periodic "
    "inspection from an inspection body one month before the validity of the last inspection "
    "runs out, as the safety technical specifications require. … Equipment not periodically "
    "inspected, or failing the inspection, shall not be used further.",
)
ART_81_PLANS = Text(
    "第八十一条 生产经营单位应当制定本单位生产安全事故应急救援预案，……\n"
    "生产安全事故应急条例第五条第二款 生产经营单位应当针对本单位可能发生的生产安全事故的特点和"
    "危害，进行风险辨识和评估，制定相应的生产安全事故应急救援预案，并向本单位从业人员公布。\n"
    "生产安全事故应急条例第七条 ……易燃易爆物品、危险化学品等危险物品的生产、经营、储存、运输"
    "单位，矿山、金属冶炼、城市轨道交通运营、建筑施工单位，以及宾馆、商场、娱乐场所、旅游景区等"
    "人员密集场所经营单位，应当将其制定的生产安全事故应急救援预案按照国家有关规定报送县级以上"
    "人民政府负有安全生产监督管理职责的部门备案，并依法向社会公布。",
    "Art. 81. A unit shall draw up its emergency rescue plan for work-safety accidents, … "
    "Emergency Response Regulation art. 5 para 2. A unit shall identify and assess the risks "
    "of the accidents it may have, draw up the corresponding emergency rescue plan and "
    "publish it to its employees. Art. 7. … Units producing, trading, storing or carrying "
    "dangerous goods such as flammable or explosive goods and hazardous chemicals; mines, "
    "metal smelting, urban rail transit operators and construction units; and operators of "
    "crowded venues such as hotels, malls, entertainment venues and scenic spots shall file "
    "their emergency rescue plans with the safety regulator at county level or above as the "
    "state provides, and publish them to society as the law provides.",
)
ART_82 = Text(
    "第八十二条 危险物品的生产、经营、储存单位以及矿山、金属冶炼、城市轨道交通运营、建筑施工单位"
    "应当建立应急救援组织；生产经营规模较小的，可以不建立应急救援组织，但应当指定兼职的应急救援"
    "人员。\n……\n"
    "生产安全事故应急条例第十条第一款 易燃易爆物品、危险化学品等危险物品的生产、经营、储存、运输"
    "单位，矿山、金属冶炼、城市轨道交通运营、建筑施工单位，以及宾馆、商场、娱乐场所、旅游景区等"
    "人员密集场所经营单位，应当建立应急救援队伍；其中，小型企业或者微型企业等规模较小的生产经营"
    "单位，可以不建立应急救援队伍，但应当指定兼职的应急救援人员，并且可以与邻近的应急救援队伍"
    "签订应急救援协议。",
    "Art. 82. Units producing, trading or storing dangerous goods, mines, metal smelting, "
    "urban rail transit operators and construction units shall set up an emergency rescue "
    "organisation; those of a small scale may instead designate part-time rescuers. … "
    "Emergency Response Regulation art. 10 para 1. Units producing, trading, storing or "
    "carrying dangerous goods such as flammable or explosive goods and hazardous chemicals; "
    "mines, metal smelting, urban rail transit operators and construction units; and "
    "operators of crowded venues such as hotels, malls, entertainment venues and scenic spots "
    "shall set up an emergency rescue team; small units such as small or micro enterprises "
    "may instead designate part-time rescuers, and may also sign a rescue agreement with a "
    "nearby rescue team.",
)
ART_45 = Text(
    "第四十五条 生产经营单位必须为从业人员提供符合国家标准或者行业标准的劳动防护用品，并监督、"
    "教育从业人员按照使用规则佩戴、使用。",
    "Art. 45. A unit must provide its employees with protective equipment meeting national or "
    "industry standards, and supervise and educate them to wear and use it by the rules.",
)
OD_26 = Text(
    "职业病防治法第二十六条 用人单位应当实施由专人负责的职业病危害因素日常监测，并确保监测系统"
    "处于正常运行状态。\n"
    "用人单位应当按照国务院卫生行政部门的规定，定期对工作场所进行职业病危害因素检测、评价。检测、"
    "评价结果存入用人单位职业卫生档案，定期向所在地卫生行政部门报告并向劳动者公布。\n"
    "职业病危害因素检测、评价由依法设立的取得国务院卫生行政部门或者设区的市级以上地方人民政府卫生"
    "行政部门按照职责分工给予资质认可的职业卫生技术服务机构进行。……",
    "Occupational Disease Law art. 26. An employer shall carry out daily monitoring of hazard "
    "factors under a person in charge and keep the monitoring system working. It shall have "
    "the workplace's hazard factors detected and evaluated periodically, as the State "
    "Council's health authority provides, file the results in its occupational-health "
    "records, report them periodically to the local health authority and publish them to "
    "the workers. Detection and evaluation are done by an occupational-health technical "
    "service organisation accredited by the health authority. …",
)
