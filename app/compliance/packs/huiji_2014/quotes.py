"""The seed's words each district rule implements (惠政文〔2014〕53号, shared/seed/
huiji-2014-53.txt), quoted as published with "……" for what a rule does not rest on, and an
English rendering: docs/rules.md prints them beside the rules."""

from __future__ import annotations

from app.compliance.rules import Text

ART_5 = Text(
    "5. 深化重点行业（领域）隐患排查治理。……要建立健全隐患排查的专家队伍，全面落实重大隐患"
    "周报制度、隐患现场查处、分级督办、动态监控和“重患必停”制度，……",
    "5. Deepen the finding and remedying of hidden dangers in key sectors. … Build expert teams "
    "for finding hidden dangers, and fully carry out the weekly reporting of major hidden "
    "dangers, on-site handling, graded supervision, dynamic monitoring and the rule that a "
    "major hidden danger stops work, …",
)
ART_17 = Text(
    "17. 健全企业安全管理机构。企业应按规定设置安全管理机构,配备安全管理人员。建筑施工、"
    "危险化学品、烟花爆竹等高危行业生产经营储存单位以及从业人员超过300人的其他生产经营单位,要依法设置安全管理"
    "机构,配备2名以上专职安全管理人员,车间(部门、工程队)、班组应配备专兼职安全管理人员;2015年底前,"
    "高危企业专职安全管理人员中至少有1名注册安全工程师。300人以下的其他生产经营单位,应设置安全管理"
    "机构或指定机构负责安全生产工作,配备专(兼)职安全管理人员。无法设置安全管理机构的小微企业,应委托"
    "安全生产服务机构或注册安全工程师提供安全生产管理服务。",
    "17. Improve enterprises' safety bodies. Enterprises shall set up safety bodies and employ "
    "safety officers as prescribed. High-risk units producing, trading or storing in "
    "construction, hazardous chemicals, fireworks and the like, and other units with more "
    "than 300 employees, shall set up a safety body as the law requires and employ at least 2 "
    "full-time safety officers, and workshops (departments, engineering teams) and teams shall "
    "have full- or part-time safety officers; by the end of 2015 at least one of a high-risk "
    "enterprise's full-time safety officers shall be a registered safety engineer. Other units "
    "of 300 or fewer shall set up a safety body or designate one to be in charge of work "
    "safety, with full- or part-time safety officers. Small and micro enterprises that cannot "
    "set up a safety body shall entrust a safety service firm or a registered safety engineer "
    "with their safety management.",
)
ART_18_ASSESSMENT = Text(
    "18. 加强企业全员安全培训。企业主要负责人、安全管理人员必须经有关主管部门对其进行安全生产知识和"
    "管理能力考核合格后方可任职;……",
    "18. Strengthen the safety training of all staff. The principal and the safety officers "
    "may take up their posts only after the competent department has assessed their work-"
    "safety knowledge and management ability and passed them; …",
)
ART_18_SPECIAL_OPERATIONS = Text(
    "18. ……特种作业人员必须按照国家有关规定经专门的安全作业培训,取得特种作业操作证书;……",
    "18. … Special-operation workers shall receive dedicated safety training as the state "
    "provides and obtain a special-operation certificate; …",
)
ART_18_EDUCATION = Text(
    "18. ……企业其他人员上岗前必须经过所从事岗位相应的安全教育培训;企业新员工、换岗人员严格执行三级"
    "安全教育制度,未经安全培训合格,一律不得上岗作业。",
    "18. … The enterprise's other staff shall receive the safety education and training "
    "their post needs before taking it up; new employees and people changing posts go "
    "strictly through the three-level safety education, and nobody works on a post without "
    "having passed the safety training.",
)
ART_19 = Text(
    "19. 推进安全生产标准化建设。……2014 年底前,危险化学品、烟花爆竹企业全面实现达标,……;2015 年底前,"
    "冶金、机械、轻工、建材、冷冻食品、建筑施工等行业领域规模以上企业实现达标;2016 年底前,规模以下"
    "企业实现达标。对未在规定期限内实现达标的企业,依照有关规定暂扣生产许可证、安全生产许可证,责令"
    "停产整顿;……",
    "19. Advance work-safety standardization. … By the end of 2014 every hazardous-chemicals "
    "and fireworks enterprise reaches the standard, …; by the end of 2015 enterprises above "
    "designated size in metallurgy, machinery, light industry, building materials, frozen "
    "food, construction and similar sectors do; by the end of 2016 enterprises below "
    "designated size do. An enterprise that has not reached the standard by its deadline has "
    "its production and safety licences suspended and is ordered to stop and rectify; …",
)
ART_20 = Text(
    "20. 健全企业隐患排查治理机制。经常性地开展安全隐患排查,建立隐患排查治理档案,保证隐患整改所需"
    "投入,切实做到整改措施、责任、资金、时限和预案“五到位”。建立以安全生产专业人员为主导的隐患整改"
    "效果评价制度,确保整改到位。……",
    "20. Improve enterprises' mechanism for finding and remedying hidden dangers. Inspect for "
    "hidden dangers regularly and keep files of the inspections and remediation, ensure the "
    "funds remediation needs, and have the measures, the responsibility, the funds, the "
    "deadline and the contingency plan of each fix in place. Set up an evaluation of fixes "
    "led by work-safety professionals, so that each fix is made good. …",
)
ART_21 = Text(
    "21. 探索建立企业安全生产诚信机制。积极探索建立企业安全生产诚信机制，推行企业安全承诺。……",
    "21. Explore an integrity mechanism for enterprises' work safety. Actively explore an "
    "integrity mechanism and promote enterprises' safety commitments. …",
)
ART_22 = Text(
    "22. 强化职业安全健康管理。家具制造、装饰材料加工、磨料磨具、机械加工等涉及有毒有害作业的企业，"
    "要依法进行职业危害因素申报、登记、监测、检测和评价，按照国家标准和要求进行职业危害程度分级，"
    "配备作业场所职业危害防护设施，免费为从业人员发放合格的个体防护用品，设立专（兼）职职业健康监督"
    "管理员，并严格执行从业人员岗前、岗中、离岗健康体检制度，切实保障从业人员职业健康权益。",
    "22. Strengthen occupational safety and health. Enterprises with toxic or harmful work — "
    "furniture making, decoration materials, abrasives, machining and the like — shall "
    "declare, register, monitor, detect and evaluate their occupational hazard factors as the "
    "law requires, grade the hazards by national standards, equip workplaces with protective "
    "facilities, issue qualified personal protective equipment to employees free of charge, "
    "appoint a full- or part-time occupational-health supervisor, and strictly carry out "
    "employees' health exams before the job, on the job and on leaving it, so that their "
    "occupational health is truly protected.",
)
ART_23 = Text(
    "23. 建立完善企业安全生产预警机制。建立完善企业安全生产动态监控及预警预报体系，每月进行一次"
    "安全生产风险分析。发现事故征兆要立即发布预警信息，落实防范和应急处置措施。对重大危险源和重大"
    "隐患要报当地安全生产监管部门、负有安全生产监管职责的部门和行业管理部门备案。",
    "23. Build and improve enterprises' early-warning mechanism. Build and improve dynamic "
    "monitoring and early warning of work safety, and analyse work-safety risks once a month. "
    "On finding signs of an accident, issue a warning at once and take the preventive and "
    "emergency measures. Major hazard sources and major hidden dangers are filed with the "
    "local work-safety regulator, the departments with work-safety duties and the sector's "
    "authority.",
)
ART_24_ANNUAL = Text(
    "24. 全面实施安全素质提升工程。……企业各类人员必须按规定进行安全教育和培训，未经安全生产教育和"
    "培训合格的从业人员，不得上岗作业。……新任职人员必须经培训考核合格，在职人员每年至少接受一次安全"
    "知识培训。",
    "24. Carry out the safety-quality improvement project throughout. … Every kind of "
    "enterprise staff shall receive safety education and training as prescribed; employees "
    "who have not passed it shall not work on a post. … People newly taking up a post shall "
    "pass training and assessment, and people in post shall receive safety training at least "
    "once a year.",
)
# 17.4 rests on the workshops' and teams' clause alone.
ART_17_TEAMS = Text(
    "17. 健全企业安全管理机构。企业应按规定设置安全管理机构,配备安全管理人员。建筑施工、"
    "危险化学品、烟花爆竹等高危行业生产经营储存单位以及从业人员超过300人的其他生产经营单位,"
    "要依法设置安全管理机构,配备2名以上专职安全管理人员,车间(部门、工程队)、班组应配备专兼职"
    "安全管理人员;……",
    "17. Improve enterprises' safety bodies. Enterprises shall set up safety bodies and employ "
    "safety officers as prescribed. High-risk units producing, trading or storing in "
    "construction, hazardous chemicals, fireworks and the like, and other units with more "
    "than 300 employees, shall set up a safety body as the law requires and employ at least 2 "
    "full-time safety officers, and workshops (departments, engineering teams) and teams (班组) "
    "shall have full- or part-time safety officers; …",
)
# 24.2: no uncertified work, and the consequence the seed orders.
ART_24_UNCERTIFIED = Text(
    "24. 全面实施安全素质提升工程。……企业各类人员必须按规定进行安全教育和培训，未经安全生产教育"
    "和培训合格的从业人员，不得上岗作业。高危行业新进人员要强制安全培训；强化岗前、岗中、转岗安全"
    "教育。凡存在无证上岗人员的企业，依法停产整顿；……",
    "24. Carry out the safety-quality improvement project throughout. … Every kind of "
    "enterprise staff shall receive safety education and training as prescribed; employees "
    "who have not passed safety education and training shall not work on a post. New staff of "
    "high-risk sectors shall receive compulsory safety training; strengthen pre-job, on-job and "
    "transfer safety education. Any enterprise where people work without the required "
    "certificate shall stop production to rectify, according to law; …",
)
