"""The glossary: report-defined terms, editor files, senses, look-alikes, export."""

from __future__ import annotations

import json
from collections import Counter

import jsonschema
import pytest

from generator.glossary.annotations import TERMS_DIR, load_term_files
from generator.check import check_project
from generator.glossary.export import glossary_data
from generator.glossary.terms import build_glossary

from .conftest import ALL_SLUGS, ROOT

# Every 名词解释 entry of the seed reports, read off the reports by hand:
# (report, position in its 名词解释, term, the term's definition as the report prints it).
REPORT_DEFINITIONS = [
    ("yuquan-2023-work-report", 1, "五个大起底", "深入开展待批项目、闲置土地、沉淀资金、“半拉子”工程、开发区建设五个方面的大起底行动。"),
    ("yuquan-2023-work-report", 2, "三区三线", "根据城镇空间、农业空间、生态空间三种类型的空间，分别对应划定的城镇开发边界、永久基本农田保护红线、生态保护红线三条控制线。"),
    ("yuquan-2023-work-report", 3, "六乱", "乱设摊、乱占道、乱设广告、乱张贴、乱抛物、乱扔垃圾。"),
    ("yuquan-2023-work-report", 4, "六个百分百", "施工工地周边100%围挡、物料堆放100%覆盖、出入车辆100%冲洗、施工现场地面100%硬化、建设工地100%湿法作业、渣土车辆100%密闭运输。"),
    ("yuquan-2023-work-report", 5, "两违", "违法用地、违法建设。"),
    ("yuquan-2023-work-report", 6, "清五乱", "清乱占、清乱采、清乱堆、清乱建、清乱排。"),
    ("yuquan-2023-work-report", 7, "四个最严", "最严谨的标准、最严格的监管、最严厉的处罚、最严肃的问责。"),
    ("yuquan-2023-work-report", 8, "四制两金", "四制是指农民工工资专用账户管理制度、农民工实名制管理制度、银行按月代发农民工工资制度、施工现场维权信息公示制度；两金是指农民工工资保证金、应急周转金。"),
    ("yuquan-2023-work-report", 9, "八进", "进机关、进企业、进社区、进乡镇、进学校、进宗教活动场所、进连队、进网络。"),
    ("yuquan-2023-work-report", 10, "一廊四群八带", "一个长廊，即把大北街—大南街—昭君路至昭君博物院这条主干道建设为民族团结进步长廊；四个示范群，即镇办、村、企业、连队示范群；八条示范带，即历史文化、红色文化、中华传统文化、昭君文化、机关、宗教活动场所、社区、学校示范带。"),
    ("yuquan-2023-work-report", 11, "一轴四驱", "以209国道、昭君路、大南大北街十二公里黄金旅游带为中轴带动作用，突出北侧历史文化、南侧自然生态、西侧休闲娱乐、东侧文创艺术的核心旅游要素驱动，形成聚合发展动力。"),
    ("yuquan-2023-work-report", 12, "4+5", "实施方寸综合旅游街区、天睿·未来城、月明楼、大观园剧场4个商业地产业态盘活项目。打造第四届塞上老街音乐美食季、大黑河城市露营基地、大黑河北岸村庄乡村旅游、大盛魁文博集群、洗涤剂厂城市更新5个文旅产业项目。"),
    ("huimin-2022-work-report", 1, "两个屏障", "“两个屏障”指我国北方重要的生态安全屏障和祖国北疆安全稳定屏障"),
    ("huimin-2022-work-report", 1, "两个基地", "“两个基地”指国家重要的能源和战略资源基地、农畜产品生产基地"),
    ("huimin-2022-work-report", 1, "一个桥头堡", "“一个桥头堡”指我国向北开放的重要桥头堡。"),
    ("huimin-2022-work-report", 2, "阳光招生", "“阳光招生”指为进一步促进义务教育均衡发展，义务教育阶段学校按“划片招生，免试、就近入学”的入学原则，坚持户口簿和居住地房产证一致者优先安排入学"),
    ("huimin-2022-work-report", 2, "阳光分班", "“阳光分班”指按要求张贴分班流程，公布教师配备。"),
    ("huimin-2022-work-report", 2, "公民同招", "“公民同招”指公办民办学校同步报名、同步开展录取、同步注册学籍。"),
    ("huimin-2022-work-report", 3, "六心合一", "指在回民区矛盾纠纷化解联合服务中心建设过程中，设置综治中心、信访接待中心、法律援助中心、诉调对接中心、大数据中心、警务联动中心，形成“一站式”矛盾纠纷化解服务平台，旨在转变服务方式、提升服务质量。"),
    ("huimin-2022-work-report", 4, "首店经济", "指一个区域利用特有的资源优势，吸引国内外品牌在区域首次开设门店，使品牌价值与区域资源实现最优匹配，以及由此对该区域经济发展产生积极影响的一种经济形态。"),
    ("huimin-2022-work-report", 5, "产学研", "指企业、高校、科研机构相结合，是科研、教育、生产不同社会分工在功能与资源优势上的协同与集成化。"),
    ("huimin-2022-work-report", 6, "四大经济圈", "指加快建设“首府都市圈”、主动引领呼包鄂乌“一小时城市圈”、深度融入京津冀“两小时经济圈”、全力推动面向俄蒙欧“对外开放圈”。"),
    ("huimin-2022-work-report", 7, "双减", "指有效减轻义务教育阶段学生过重作业负担和校外培训负担。"),
    ("huimin-2022-work-report", 8, "三个离不开", "“汉族离不开少数民族，少数民族离不开汉族，各少数民族之间也互相离不开”。"),
    ("huimin-2022-work-report", 9, "五个认同", "指各族群众对伟大祖国、中华民族、中华文化、中国共产党、中国特色社会主义的认同。"),
    ("huimin-2022-work-report", 10, "三个城市", "指争创国家生态文明建设示范市、全国文明城市、全国民族团结进步示范市。"),
    ("huimin-2022-work-report", 11, "四个区域中心", "指打造区域科技创新中心、区域交通物流中心、区域现代消费中心、区域休闲度假中心。"),
    ("huimin-2022-work-report", 12, "五宜城市", "指全面建设宜居、宜业、宜学、宜养、宜游的高品质城市。"),
    ("huimin-2022-work-report", 13, "四水四定", "指以水定城、以水定地、以水定人、以水定产。"),
    ("huimin-2022-work-report", 14, "多规合一", "指将国民经济和社会发展规划、城乡规划、土地利用规划、生态环境保护规划等多个规划融合到一个区域上，实现一个市县一本规划、一张蓝图。"),
    ("huimin-2022-work-report", 15, "三新", "立足发展阶段、贯彻新发展理念、构建新发展格局。"),
    ("huimin-2022-work-report", 16, "六个一", "指一个项目、一名区级领导、一套项目推进班子、一个项目推进方案、一线推进、一抓到底。"),
    ("huimin-2022-work-report", 17, "三访三促三提升", "指走访包联地区群众，促进重点民生事项解决；走访包联企业，促进企业健康发展；走访包联重点项目，促进重点项目落地见效。切实提升领导干部解决实际问题的能力、提升群众满意度、提升营商环境。"),
    ("huimin-2022-work-report", 18, "双随机、一公开", "指在监管过程中随机抽取检查对象，随机选派执法检查人员，抽查情况及查处结果及时向社会公开。"),
    ("huimin-2022-work-report", 19, "十乱", "指乱贴乱画、乱泼乱倒、乱扯乱挂、乱搭乱建、乱停乱放。"),
    ("shiguai-2024-work-report", 1, "五大战役", "即区委在十四届六次全会上提出的全面打好固本培元增极攻坚战、改革创新驱动突围战、区域协调发展整体战、民生福祉增进持久战、绿色低碳转型主动战。"),
    ("shiguai-2024-work-report", 2, "两群五区一地", "即区委在十四届六次全会上提出的全力打造新能源及其装备智能制造旗帜型产业集群、“两都”配套新材料产业集群、碳基新材料产业集聚区、钢铁冶金转型发展先行区、特种合金绿能替代样板区、煤基及固废资源综合利用示范区、特色商贸服务业发展活力区、中西部地区具有影响力的文旅休闲目的地。"),
    ("shiguai-2024-work-report", 3, "两闲一空", "实施闲置国有资产、闲置土地和“空心村”盘活起效专项行动。"),
    ("shiguai-2024-work-report", 4, "四项清单", "项目促落地行动清单、落地促开工行动清单、开工促投产行动清单、投产促达规行动清单。"),
    ("shiguai-2024-work-report", 5, "个十百千", "推出一本关于石拐的长篇小说；征集、创作出版关于石拐的10首歌曲；组织创作100首关于石拐的诗歌；完成干部摄影绘画作品、千场文艺演出。"),
    ("shiguai-2024-work-report", 6, "一治三转", "“一治”指对环保问题“新债旧账”开展大起底，确保按时甚至提前全部彻底完成治理；“三转”指通过问题的整改完成，逐步实现生态环境保护工作“由被动整改向主动保护转变，由重点攻坚向协同治理转变，由外部约束向内部驱动转变”。"),
    ("shiguai-2024-work-report", 7, "三清零", "即研发投入清零、研发机构清零、发明专利清零。"),
    ("shiguai-2024-work-report", 8, "智改数转", "指智能化改造和数字化转型，以数字化技术创新为驱动，促进新一代信息技术与先进制造业融合发展，全面提升企业在设计、生产、管理和服务等各环节的智能化水平。"),
    ("shiguai-2024-work-report", 9, "三多三少三慢", "“三多”是会议多、活动多、外出多；“三少”是调研报告少、工作思路少、解决实际问题少；“三慢”是决策慢、行动慢、结果慢。"),
    # The provincial reports (each entry read off the 名词解释 at the end of the page).
    ("guangdong-2026-work-report", 1, "四上", "现阶段统计工作实践中对达到一定规模、资质或限额的法人单位的一种习惯称谓。包括规模以上工业、有资质的建筑业、限额以上批发和零售业、限额以上住宿和餐饮业、有开发经营活动的房地产开发经营业、规模以上服务业法人单位。"),
    ("guangdong-2026-work-report", 2, "双高计划", "是“中国特色高水平高职学校和专业建设计划”的简称，由教育部和财政部联合实施，旨在建设一批高水平学校和高水平专业群。"),
    ("guangdong-2026-work-report", 3, "四好农村路", "指建好、管好、护好、运营好农村公路。"),
    ("guangdong-2026-work-report", 4, "双百行动", "指百校联百县助力“百县千镇万村高质量发展工程”行动，旨在充分发挥高等教育作用，组织化、系统化、项目化推动高校院所开展纵向帮扶，在县域产业发展、城乡建设规划、集体经济发展、基本公共服务、人才培养和改革创新等领域加强共建。"),
    ("guangdong-2026-work-report", 5, "双一流", "指世界一流大学和一流学科。"),
    ("guangdong-2026-work-report", 6, "四网融合", "指干线铁路、城际铁路、市域（郊）铁路和城市轨道交通的融合。"),
    ("guangdong-2026-work-report", 7, "四新", "《横琴粤澳深度合作区建设总体方案》明确，发展促进澳门经济适度多元的新产业，包括：科技研发和高端制造产业、中医药等澳门品牌工业、文旅会展商贸产业、现代金融产业。"),
    ("guangdong-2026-work-report", 8, "链式改造", "包括“供应链改造”和“产业链改造”。“供应链改造”是指由制造业龙头企业建设数字化供应链，促进供应链相关企业实施标准统一的数字化改造，实现各环节关键数据互联互通。“产业链改造”是指由工业互联网平台企业基于平台汇聚组织制造资源，为产业链上下游企业提供一揽子精准适用的数字化产品和解决方案，提升各环节业务效益。"),
    ("guangdong-2026-work-report", 9, "可信数据空间", "指基于共识规则，联接多方主体，实现数据资源共享共用的一种数据流通利用基础设施，是数据要素价值共创的应用生态，是支撑构建全国一体化数据市场的重要载体。"),
    ("guangdong-2026-work-report", 10, "五篇大文章", "指科技金融、绿色金融、普惠金融、养老金融、数字金融。"),
    ("guangdong-2026-work-report", 11, "五统一、一开放", "指统一市场基础制度、统一市场基础设施、统一政府行为尺度、统一市场监管执法、统一要素资源市场，持续扩大对内对外开放。"),
    ("guangdong-2026-work-report", 12, "单一窗口", "指参与国际贸易和运输的各方，通过单一的平台提交标准化的信息和单证，以满足相关法律、法规以及管理要求，促进贸易便利化。"),
    ("guangdong-2026-work-report", 13, "标准海", "指县级以上人民政府行政主管部门依据国土空间规划、海岸带及海洋空间规划、水域滩涂养殖规划等划定的适养海域，在提前完成区域整体海域使用论证、利益相关者协调等用海前期工作的基础上，合理设置离岸距离和水深、用海面积等控制性指标，可直接审批或出让用于单个现代化海洋牧场项目（开放式养殖用海类）建设的宗海。"),
    ("sichuan-2026-work-report", 1, "两重", "是指国家重大战略实施和重点领域安全能力建设。"),
    ("sichuan-2026-work-report", 2, "两新", "是指大规模设备更新和消费品以旧换新。"),
    ("sichuan-2026-work-report", 3, "自审自发", "2024年12月22日，国务院办公厅印发《关于优化完善地方政府专项债券管理机制的意见》，提出“开展专项债券项目‘自审自发’试点”。下放专项债券项目审核权限，选择部分管理基础好的省份以及承担国家重大战略的地区开展专项债券项目“自审自发”试点，支持经济大省发挥挑大梁作用。试点地区滚动组织筛选形成本地区项目清单，报经省级政府审核批准后不再报国家发展改革委、财政部审核，可立即组织发行专项债券，项目清单同步报国家发展改革委、财政部备案。"),
    ("sichuan-2026-work-report", 4, "稳增长21条", "2025年4月1日，省政府办公厅印发《关于进一步推动经济运行回升向好的若干政策措施》，提出加快消费恢复提振、帮助企业降本减负、推进企业快速成长、促进产业转型升级等4个方面21条措施。"),
    ("sichuan-2026-work-report", 5, "稳增长18条", "2025年10月31日，省政府办公厅印发《关于巩固拓展经济回升向好势头的若干政策措施》，针对消费、生产、流通、提振预期等重点领域提出18条具体举措，巩固拓展经济回升向好势头。"),
    ("sichuan-2026-work-report", 6, "六大科技专项", "省委十二届五次全会明确提出，要实施前沿科技攻坚突破行动，全力推进人工智能、航空航天、先进装备、生物制造、清洁能源、先进材料等6个重大科技专项，着力突破一批关键核心技术。"),
    # Link text the scrape put on lines of its own (揭榜) is back in its entry.
    ("sichuan-2026-work-report", 7, "双向揭榜挂帅", "企业找技术、成果找市场“双向揭榜挂帅”的简称，其中“企业找技术”聚焦产业“卡脖子”核心技术、行业关键共性技术等，由技术供给方带团队、带技术揭榜；“成果找市场”以国省级科技奖励成果、高层次人才技术成果、中试成果等为重点，由成果需求方带资金、带场景揭榜。"),
    ("sichuan-2026-work-report", 8, "灯塔工厂", "由达沃斯世界经济论坛牵头的“全球灯塔工厂”评选自2018年启动以来，被视为全球智能制造“顶级认证”。获得该项认证的企业，都是全球制造业领域智能制造和数字化最高水平的示范性工厂。"),
    ("sichuan-2026-work-report", 9, "一张图", "2025年初，自然资源部将四川确定为开展耕地林地园地空间治理“一张图”试点的4个省份之一，支持科学确定林地保有量目标、优化地类认定规则、优化发展与安全空间布局。2025年6月26日，自然资源厅会同农业农村厅、省林草局等6部门联合印发《四川省耕地林地园地空间治理“一张图”建设总体方案》，通过加快数据归集共享，系统研究在“一张图”上统筹解决耕地林地园地等自然资源空间管理矛盾冲突，推进耕地林地园地“三图”合一，构建跨层级、跨部门的统一地理底图，开发多部门联动审批、项目选址选线、高标准农田“一图管田”等应用场景，力争实现基于“一张图”优服务、强监管、惠民生。"),
    ("sichuan-2026-work-report", 10, "五个专项治理", "2025年6月，省委办公厅、省政府办公厅印发《四川省优化民营经济发展环境专项治理工作方案》，部署开展违规设置市场准入门槛、拖欠企业账款、侵害企业产权和企业家合法权益、涉企违规收费罚款以及涉企执法检查“五个专项治理”，进一步优化民营经济发展环境。"),
    ("sichuan-2026-work-report", 11, "网链共享计划", "四川省在“四川云教”试点探索基础上，以公益普惠和优质均衡为基本方向，以部分优质普通高中学校和义务教育学校为领军引领学校，将全省所有中小学校接入网链，结点成链、织链成网，通过校长书记共研治理、教师线上线下共同教研、学生共享优质教育资源、学校跟岗培训交流互动等方式开展联盟活动，构建覆盖全省的优质资源远程共享体系，促进基础教育优质均衡发展。"),
    ("sichuan-2026-work-report", 12, "双高计划", "2024年教育部提出启动以“办学能力高水平、产教融合高质量”为目标的新一轮中国特色高水平高职学校和专业建设计划。"),
    ("sichuan-2026-work-report", 13, "四早", "重大慢性病综合防治早预防、早干预、早发现、早诊治工程。"),
    ("sichuan-2026-work-report", 14, "暖心驿站", "面向外卖骑手、快递小哥、货车司机、网约车司机等新就业群体，提供饮水、休息、充电等普惠性、便捷性暖心服务。"),
    ("sichuan-2026-work-report", 15, "六横六纵", "“六横”指六个横向输水大动脉，包括都江堰灌区、引大济岷、长征渠引水、向家坝灌区、引雅济安、南水北调西线6个工程；“六纵”指六个纵向输水大动脉，包括武都引水、升钟灌区、亭子口灌区、罐子坝灌区、川渝东北一体化水资源配置、大桥灌区6个工程。"),
    ("sichuan-2026-work-report", 16, "四向八廊", "东南西北4个方向8条进出川综合交通走廊，东向长江北走廊、长江南走廊，西向川甘青走廊、川藏走廊，南向川黔粤桂走廊、川滇走廊，北向川陕京走廊、川陕蒙走廊。"),
    # One label, two things, each with its part of the definition.
    ("sichuan-2026-work-report", 17, "科技英才领航工程", "科技英才领航工程是指聚焦科技创新与产业创新深度融合发展，每年布局实施一批顶尖科技人才、基础研究领衔科学家、“顶青”科技人才、科技创新创业人才四类人才专项，构建引育并重、相互衔接的科技人才支持体系。"),
    ("sichuan-2026-work-report", 17, "双千", "“双千”计划是指面向共建“一带一路”国家实施千项合作项目、开展千名青年科学家交流。"),
    ("sichuan-2026-work-report", 18, "护苗", "按照国家关于创新药发展相关部署，聚焦四川创新药优势赛道和前沿领域，构建创新药研发—验证—生产—应用全链条跟踪服务体系，推动创新成果有序转化和新药上市，培育医药领域新质生产力。"),
    ("sichuan-2026-work-report", 19, "医保影像云", "通过数字胶片集中带量采购，构建四川省医保影像云存储中心，推动我省医疗机构影像数据省级存储，实现“患者可阅，医院可查，医保可核”。"),
    ("sichuan-2026-work-report", 20, "一件事", "针对某一类安全风险突出、群众反映强烈、事故多发的重点问题，由一个部门牵头、多个部门协同，贯通生产、销售、流通、使用、回收等各个环节，推进系统治理、源头治理、综合治理。"),
]


@pytest.fixture(scope="module")
def project():
    result = check_project(ROOT)
    assert result.glossary is not None
    return result


def test_the_73_report_entries(project):
    """The seeds' 40 entries and the provincial reports' 33 (广东 13, 四川 20), each with its exact definition."""
    assert len({(slug, position) for slug, position, _, _ in REPORT_DEFINITIONS}) == 40 + 13 + 20
    counts = Counter(slug for slug, _ in {(slug, position) for slug, position, _, _ in REPORT_DEFINITIONS})
    assert (counts["guangdong-2026-work-report"], counts["sichuan-2026-work-report"]) == (13, 20)
    by_form = project.glossary.by_form()
    for slug, position, name, text in REPORT_DEFINITIONS:
        term = by_form[name]
        assert term.term == name
        cited = [d for d in term.definitions if d.report == slug]
        assert len(cited) == 1, name
        assert (cited[0].text, cited[0].anchor) == (text, f"gloss-{position}"), name
        assert cited[0].url == f"reports/{slug}.html#gloss-{position}"
        assert not term.editor_written
    report_terms = {t.term for t in project.glossary.terms if any(d.report for d in t.definitions)}
    assert report_terms == {name for _, _, name, _ in REPORT_DEFINITIONS}


def test_terms_are_looked_up_by_their_bare_name_with_variants_as_aliases(project):
    by_form = project.glossary.by_form()
    assert by_form["两闲一空盘活起效专项行动"].term == "两闲一空"
    assert by_form["双随机一公开"].term == "双随机、一公开"
    assert by_form["融入四大经济圈"].term == "四大经济圈"
    assert by_form["清“四乱”"].term == "清四乱"
    labels = {d.label for d in by_form["两闲一空"].definitions if d.report}
    assert labels == {"“两闲一空”盘活起效专项行动"}


def test_a_definition_from_two_reports_keeps_both(reports):
    from generator.model import GlossaryEntry

    one, two = reports["yuquan-2023-work-report"], reports["shiguai-2024-work-report"]
    extra = GlossaryEntry([1], "两违", ["两违"], "另一份报告的定义。", 1, 1, "gloss-1")
    two.blocks[-1].entries.append(extra)  # type: ignore[attr-defined]
    try:
        term = build_glossary([one, two], []).by_form()["两违"]
        assert [(d.report, d.text) for d in term.definitions] == [
            ("yuquan-2023-work-report", "违法用地、违法建设。"), ("shiguai-2024-work-report", "另一份报告的定义。"),
        ]
    finally:
        two.blocks[-1].entries.remove(extra)  # type: ignore[attr-defined]


def test_at_least_40_editor_written_terms_that_the_reports_use(project):
    written = [t for t in project.glossary.terms if t.editor_written]
    assert len(written) >= 40
    for term in written:
        assert term.occurrences, term.term
        assert term.definitions[-1].source == "编者" and term.editor_file
        assert term.summary and len(term.summary) <= 80


def test_the_repository_passes_check(project):
    assert [str(p) for p in project.problems] == []


def test_senses_limited_to_reports(project):
    by_form = project.glossary.by_form()
    bases = by_form["两个基地"]
    assert bases.summary_for("huimin-2022-work-report") == bases.summary
    assert "稀土" in bases.summary_for("shiguai-2024-work-report")
    five = by_form["五位一体"]
    assert "调度指挥体系" in five.summary_for("yuquan-2023-work-report")
    assert "总体布局" in five.summary_for("yuquan-15th-five-year-plan")


LOOK_ALIKES = [("清五乱", "清四乱"), ("六个百分百", "四个百分百"), ("三清零", "双清零"), ("六心合一", "多心合一")]


@pytest.mark.parametrize(("term", "other"), LOOK_ALIKES)
def test_look_alikes_are_different_terms(project, term, other):
    by_form = project.glossary.by_form()
    assert by_form[term] is not by_form[other]
    matcher = project.glossary.matcher()
    found = {m.surface for m in matcher.find(f"开展{other}行动，落实{term}要求")}
    assert found == {term, other}
    assert [m.slug for m in matcher.find(other)] == [by_form[other].slug]


def test_occurrences_count_body_text_only(project):
    by_form = project.glossary.by_form()
    assert by_form["六个百分百"].occurrences == {
        "yuquan-2023-work-report": 2, "yuquan-15th-five-year-plan": 1, "huimin-2022-work-report": 1,
    }
    assert by_form["清五乱"].occurrences == {"yuquan-2023-work-report": 2}
    assert by_form["两闲一空"].occurrences == {"shiguai-2024-work-report": 2}


def test_slugs_are_ascii_unique_and_stable(project):
    slugs = [t.slug for t in project.glossary.terms]
    assert len(slugs) == len(set(slugs))
    assert all(slug.isascii() for slug in slugs)
    by_form = project.glossary.by_form()
    assert by_form["两闲一空"].slug == "liang-xian-yi-kong"
    assert by_form["4+5"].slug == "4-5"


def test_glossary_json_validates_against_its_schema(project, built_site):
    schema = json.loads((ROOT / "docs" / "glossary.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    published = json.loads((built_site / "glossary.json").read_text(encoding="utf-8"))
    jsonschema.validate(published, schema)
    assert (built_site / "glossary.schema.json").exists()
    assert published == json.loads(json.dumps(glossary_data(project.glossary, project.reports, ROOT)))
    assert {r["slug"] for r in published["reports"]} == set(ALL_SLUGS)
    term = next(t for t in published["terms"] if t["term"] == "两闲一空")
    assert term["definitions"][0] == {
        "source": "shiguai-2024-work-report", "text": "实施闲置国有资产、闲置土地和“空心村”盘活起效专项行动。",
        "label": "“两闲一空”盘活起效专项行动", "anchor": "gloss-3", "citation": "石拐区2024年政府工作报告·名词解释",
    }
    assert term["occurrences"] == {"shiguai-2024-work-report": 2}


def test_schema_rejects_a_broken_export(project):
    schema = json.loads((ROOT / "docs" / "glossary.schema.json").read_text(encoding="utf-8"))
    data = glossary_data(project.glossary, project.reports, ROOT)
    data["terms"][0]["slug"] = "不是 ASCII"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_term_files_load(project):
    files, problems = load_term_files(ROOT / TERMS_DIR)
    assert not problems and len(files) >= 80
