"""The glossary: report-defined terms, editor files, senses, look-alikes, export."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.glossary.annotations import TERMS_DIR, load_term_files
from generator.check import check_project
from generator.glossary.export import glossary_data
from generator.glossary.terms import build_glossary

from .conftest import ROOT

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
]


@pytest.fixture(scope="module")
def project():
    result = check_project(ROOT)
    assert result.glossary is not None
    return result


def test_the_40_report_entries(project):
    assert len({(slug, position) for slug, position, _, _ in REPORT_DEFINITIONS}) == 40
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
    assert {r["slug"] for r in published["reports"]} == {
        "yuquan-2023-work-report", "yuquan-15th-five-year-plan", "hohhot-2022-work-report",
        "huimin-2022-work-report", "shiguai-2024-work-report",
    }
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
