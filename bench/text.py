"""Synthetic Chinese prose for the benchmark: sentences built from party and school phrases, so that jieba
segments real words (党章党规, 主题党日, 立德树人 …) and page sizes match real submissions of about 1,500 字."""

from __future__ import annotations

import random

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
SUBJECTS = (
    "党支部",
    "支部委员会",
    "全体党员",
    "党员教师",
    "青年党员",
    "各党小组",
    "党支部书记",
    "入党积极分子",
    "班主任党员",
    "退休党员",
    "年级组党员",
    "教研组长中的党员",
    "学校党总支",
    "支部组织委员",
    "支部宣传委员",
    "党员骨干教师",
    "党员志愿服务队",
    "新入职的青年教师",
)
ADVERBS = ("认真", "扎实", "深入", "持续", "主动", "切实", "系统", "坚持不懈地", "创造性地", "有计划地", "分层分类")
VERBS = ("学习", "落实", "开展", "推进", "组织", "贯彻", "研讨", "谋划", "部署", "对照检查", "宣讲", "践行")
OBJECTS = (
    "党章党规",
    "系列讲话精神",
    "三会一课制度",
    "主题党日活动",
    "师德师风建设",
    "立德树人根本任务",
    "课程思政",
    "两学一做学习教育",
    "中央八项规定精神",
    "四讲四有标准",
    "四个合格要求",
    "党员志愿服务",
    "双报到双报告",
    "组织生活会",
    "民主评议党员",
    "党员示范岗创建",
    "谈心谈话制度",
    "发展党员工作",
    "一校一品党建品牌",
    "按时足额交纳党费",
    "家校共育",
    "校园安全管理",
    "教育教学改革",
    "红色基因传承",
    "廉洁从教承诺",
    "新时代好老师标准",
    "党务公开",
    "支部标准化规范化建设",
)
TIMES = (
    "新学期开学前",
    "每月第一个星期五下午",
    "暑假期间",
    "寒假前夕",
    "期中考试结束后",
    "七一前夕",
    "国庆节前",
    "开学第一周",
    "学年结束时",
    "清明节前后",
    "教师节前",
    "每学期初",
    "年底述职评议时",
)
PLACES = (
    "党员活动室",
    "校史陈列室",
    "龙华烈士陵园",
    "社区党群服务中心",
    "学校多功能厅",
    "学校图书馆",
    "各年级教研室",
    "徐家汇街道党建服务站",
    "中共一大会址纪念馆",
    "钱学森图书馆",
)
METHODS = (
    "集中学习与个人自学相结合",
    "线上打卡与线下研讨相结合",
    "书记领学、党员讲学、专家导学",
    "老党员与青年党员结对帮扶",
    "案例教学和现场教学",
    "知识竞答和微党课展示",
    "专题研讨和交流发言",
    "岗位建功和承诺践诺",
    "问卷调查和个别访谈",
)
RESULTS = (
    "党员参与组织生活的积极性明显提高",
    "支部的凝聚力和战斗力进一步增强",
    "家长和学生的满意度不断提升",
    "形成了可复制、可推广的工作经验",
    "教育教学质量稳步提升",
    "党员的先锋模范作用更加凸显",
    "组织生活更加规范、更有实效",
    "学生的获得感和认同感明显增强",
    "青年教师的职业认同感不断增强",
    "支部工作得到上级党组织的肯定",
    "群众对党员教师的评价明显提高",
)
DETAILS = (
    "支部现有党员二十余名，其中青年党员约占三分之一",
    "多数党员担任班主任或学科骨干，日常教学任务繁重",
    "过去活动时间不固定，常与教研活动冲突",
    "个别党员把组织生活看成例行公事，会上发言少、会后落实少",
    "学校地处老城区，周边社区老人和双职工家庭较多",
    "支部委员都是兼职，党务工作经验不足",
    "党员教师分布在三个校区，集中活动不够方便",
    "学校正处在集团化办学的起步阶段",
)
NUMBERS = ("三", "四", "五", "六", "八", "十", "十二", "二十", "三十")
MARKER = "薪火相传小讲堂"  # a made-up phrase in a few items, mid-sentence: the benchmark searches for it

TEMPLATES = (
    "{time}，{subject}{adverb}{verb}{object}，{result}。",
    "{subject}坚持把{object}与{object2}结合起来，采取{method}的方式，{result}。",
    "通过{method}，{subject}进一步{verb}{object}，{result}。",
    "{detail}，为此{subject}决定从{object}入手，{adverb}{verb}{object2}。",
    "在{place}，{subject}围绕{object}开展了{number}次专题活动，{result}。",
    "{name}同志说，做合格党员就要在{object}上走在前面，在{object2}上做出表率。",
    "{subject}每学期至少{verb}一次{object}，由{name}负责记录和督促落实。",
    "实践证明，只有把{object}融入日常工作，才能做到{result2}。",
    "{time}，{subject}组织党员到{place}参观学习，大家重温入党誓词，交流{object}的体会。",
    "支部还建立了{object}台账，做到年度有计划、每月有方案、活动有记录，{result}。",
    "针对{detail}的情况，{subject}{adverb}调整了{object}的安排，{result}。",
    "{name}老师在交流中谈到，{object}不是一句口号，而是落在每一节课、每一次家访中的具体行动。",
)
WARNING_ACTS = (
    "组织本班学生到校外有偿补课",
    "收受学生家长赠送的礼品和购物卡",
    "在招生工作中违规为他人提供便利",
    "违规使用公务用车办理私事",
    "利用职务之便为亲属承揽学校工程",
    "在教育教学中对学生实施体罚",
    "违规发放津贴补贴",
)
REGULATIONS = (
    "《中小学教师违反职业道德行为处理办法》",
    "《严禁中小学校和在职中小学教师有偿补课的规定》",
    "《中国共产党纪律处分条例》",
    "《中国共产党廉洁自律准则》",
    "《中小学教师职业道德规范》",
)
WARNING_TEMPLATES = (
    "据通报，某校教师{name}在{time}{act}，造成了不良影响。",
    "{name}的行为违反了{regulation}的有关规定，属于违反职业道德的行为。",
    "经调查核实，有关部门依据{regulation}给予{name}相应处分，并责令其作出深刻检查。",
    "支部组织全体党员学习这一通报，对照{object}逐条检查，{result}。",
    "以案为鉴，党员教师要严守纪律底线，自觉抵制{act}等不良风气，切实做到{result2}。",
)


class Writer:
    """Deterministic prose from one seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "某某"

    def sentence(self, templates: tuple[str, ...] = TEMPLATES, marker: bool = False) -> str:
        r = self.rng
        objects = r.sample(OBJECTS, 2)
        results = r.sample(RESULTS, 2)
        text = r.choice(templates).format(
            time=r.choice(TIMES),
            subject=r.choice(SUBJECTS),
            adverb=r.choice(ADVERBS),
            verb=r.choice(VERBS),
            object=objects[0],
            object2=objects[1],
            method=r.choice(METHODS),
            result=results[0],
            result2=results[1],
            detail=r.choice(DETAILS),
            place=r.choice(PLACES),
            number=r.choice(NUMBERS),
            name=self.name(),
            act=r.choice(WARNING_ACTS),
            regulation=r.choice(REGULATIONS),
        )
        if marker:  # mid-sentence, never at a boundary
            text = f"{r.choice(SUBJECTS)}依托{MARKER}为学生讲述身边的榜样故事，" + text
        return text

    def paragraph(self, sentences: int, templates: tuple[str, ...] = TEMPLATES, marker: bool = False) -> str:
        picked = [self.sentence(templates) for _ in range(sentences)]
        if marker:
            picked[len(picked) // 2] = self.sentence(templates, marker=True)
        return "".join(picked)

    def body(self, headings: list[str], target: int, limit: int, marker: bool = False, warning: bool = False) -> str:
        """`##` sections in order, about `target` 字 in all and never more than `limit` (whitespace not counted)."""
        sections: list[list[str]] = [[] for _ in headings]
        size = sum(len(h) for h in headings) + 3 * len(headings)
        marker_at = self.rng.randrange(len(headings)) if marker else -1
        index = 0
        while size < target:
            templates = WARNING_TEMPLATES if warning and self.rng.random() < 0.5 else TEMPLATES
            text = self.paragraph(self.rng.randint(2, 4), templates, marker=index == marker_at)
            if index == marker_at:
                marker_at = -1
            if size + len(text) > limit:
                break
            sections[index % len(headings)].append(text)
            size += len(text)
            index += 1
        parts = []
        for heading, paragraphs in zip(headings, sections, strict=True):
            parts.append(f"## {heading}\n\n" + "\n\n".join(paragraphs or [self.sentence()]))
        return "\n\n".join(parts) + "\n"

    def summary(self, limit: int) -> str:
        text = ""
        while True:
            candidate = text + self.sentence()
            if len(candidate) > limit:
                return text or candidate[: limit - 1] + "。"
            text = candidate
