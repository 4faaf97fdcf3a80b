"""Fixed vocabularies of contract version 1, each value with the ASCII id used in URLs."""

from __future__ import annotations

CASE_TYPES = {"工作案例": "work", "先进典型": "exemplary", "警示案例": "warning"}

CATEGORIES = {
    "党支部工作法": "branch-method",
    "组织生活": "org-life",
    "主题党日": "theme-day",
    "党员教育": "member-education",
    "党员示范岗": "model-post",
    "志愿服务": "volunteer",
    "师德师风": "teacher-ethics",
    "双报到双报告": "community-report",
    "党建品牌": "brand",
    "思政育人": "ideological-education",
    "廉洁教育": "integrity",
    "其他": "other",
}

# `##` headings a case body needs, in order; a heading passes when it contains the word.
SECTIONS = {
    "工作案例": ("背景", "做法", "成效", "启示"),
    "先进典型": ("基本情况", "事迹", "意义"),
    "警示案例": ("案情", "违反", "处理", "警示"),
}

ROLES = (
    "党支部书记",
    "党总支书记",
    "党委书记",
    "党支部副书记",
    "支部委员",
    "党员教师",
    "党员干部",
    "先进模范",
    "普通党员",
    "特邀",
)
SECRETARY_ROLES = ("党支部书记", "党总支书记", "党委书记")

FORMATS = {"视频": "video", "音频": "audio", "图文": "text"}

TOPICS = {
    "政治理论教育": "political-theory",
    "政治教育和政治训练": "political-training",
    "党章党规党纪教育": "constitution-rules",
    "党的宗旨教育": "party-purpose",
    "革命传统教育": "revolutionary-tradition",
    "形势政策教育": "current-policy",
    "知识技能教育": "knowledge-skills",
}

ORG_TYPES = ("党委", "党总支", "党支部", "联合党支部")

# Limits, in 字 (characters other than whitespace).
CASE_TITLE_WARN, CASE_TITLE_MAX = 30, 50
LESSON_TITLE_WARN, LESSON_TITLE_MAX = 24, 40
CASE_SUMMARY_MAX, LESSON_SUMMARY_MAX = 150, 200
CAPTION_MAX, IMAGES_MAX = 100, 5
BODY_WARN, BODY_MAX = 2000, 3000
SCREEN_CHARS, SCREEN_LINES = 16, 3  # campus screens: legible at 5 m
DURATION_WARN, DURATION_MAX = 10 * 60, 15 * 60

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Slugs that would collide with generated listing pages.
RESERVED_SLUGS = ("index", "page", "type", "category", "topic", "format", "secretary", "tag")

# Learning plans (contract version 1)
PLAN_KINDS = ("主题党日", "支部党员大会", "支委会", "党小组会", "党课", "集中学习", "组织生活会", "民主评议", "自学")
COLLECTIVE_KINDS = ("主题党日", "支部党员大会", "党课", "集中学习")  # the 两学一做 ≥ 1/2 rule counts these
PLAN_FORMS = (
    "集中学习",
    "自学",
    "专题研讨",
    "党课",
    "微党课",
    "观看视频",
    "现场教学",
    "知识竞答",
    "民主议事",
    "志愿服务",
    "交纳党费",
    "重温入党誓词",
    "谈心谈话",
)
READING_MODES = ("集体学习", "自学")
PLAN_STATUSES = ("计划", "已完成", "调整", "取消")
DISTRICT = "district"  # owner of the district office's plan (规定内容)

# Study materials (contract version 1)
MATERIAL_KINDS = {
    "党章": "constitution",
    "党内法规": "regulations",
    "重要讲话": "speeches",
    "上级文件": "higher-documents",
    "区级文件": "district-documents",
    "学习辅导": "study-guides",
    "其他": "other",
}
MATERIAL_SUMMARY_MAX = 200

# Sections of the site that always exist, by URL: (name, generated page). Study materials' tasks may link to them.
SITE_SECTIONS = {
    "/": ("首页", "index.md"),
    "/cases/": ("典型案例", "cases/index.md"),
    "/micro-lessons/": ("微党课", "micro-lessons/index.md"),
    "/micro-lessons/secretary/": ("书记讲党课", "micro-lessons/secretary/index.md"),
    "/materials/": ("学习资料", "materials/index.md"),
    "/plans/": ("学习计划", "plans/index.md"),
    "/dashboard/": ("落实情况", "dashboard/index.md"),
    "/units/": ("各单位", "units/index.md"),
    "/tags/": ("标签", "tags/index.md"),
    "/archive/": ("按月归档", "archive/index.md"),
    "/guide/": ("投稿指南", "guide/index.md"),
}
ORIGINAL_PHOTO_MAX_BYTES = 15 * 1024 * 1024  # phone photos are 3–12 MB; the site publishes resized copies
