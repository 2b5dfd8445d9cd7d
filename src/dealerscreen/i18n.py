"""Report labels in English and Chinese: one message catalogue per language.

Only the framing is translated here. Names come from data: cities from the profile's city
list (`name: {en, zh}`), tiers from their `label`. Rule details (the facts and thresholds a
rule reports) are generated in English by the rule kinds and shown as they are.
Both catalogues must have the same keys and placeholders (a test checks it).
"""

from __future__ import annotations

from typing import Literal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.result import Evaluation

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

EN: dict[str, str] = {
    "title": "{title} — profile {id} v{version}",
    "col.rank": "Rank",
    "col.id": "ID",
    "col.applicant": "Applicant",
    "col.city": "City",
    "col.city_rank": "City #",
    "col.tier": "Tier",
    "col.total": "Total",
    "col.score": "Score",
    "col.bonus": "Bonus",
    "col.reason": "Reason",
    "col.points": "Points",
    "col.max": "Max",
    "col.criterion": "Criterion",
    "col.weight": "Weight",
    "col.down": "Down by",
    "col.up": "Up by",
    "col.changes": "First change",
    "col.status": "Status",
    "legend.city_rank": "City #: rank in the city / the city's quota; ✓ shortlisted.",
    "counts": "{found} files: {screened} screened ({eligible} eligible), {invalid} invalid, {skipped} skipped.",
    "summary": "{found} found, {screened} screened, {invalid} invalid, {skipped} skipped",
    "illustrative": "Note: reference list(s) {lists} are ILLUSTRATIVE, not real data.",
    "manifest.line": "{tool} {version} · profile {profile} v{profile_version} · criteria sha256 {criteria} · applicants sha256 {applicants} ({n} files) · run {time}",
    "manifest": "Manifest",
    "manifest.tool": "Tool",
    "manifest.profile": "Profile",
    "manifest.time": "Run time",
    "manifest.criteria": "Criteria files (sha256)",
    "manifest.applicants": "Applicant files (sha256)",
    "tier.out": "out",
    "yes": "yes",
    "no": "no",
    "reason.out": "Out: {gate}{more}",
    "reason.more": " (+{n} more)",
    "reason.weakest": "Weakest: {criterion} {points}/{max}",
    "reason.full": "full points",
    "line.ineligible": "Ineligible: {reason}{more}",
    "line.where": "{ordinal} in {city}",
    "line.quota": " (quota {quota}): {status}",
    "line.loss": "; most points lost on {criterion} ({points}/{max})",
    "shortlisted": "shortlisted",
    "runner_up": "runner-up",
    "ranked": "Ranked applicants",
    "cities": "Cities",
    "coverage": "Coverage",
    "coverage.none": "{city}: no eligible applicant (quota {quota})",
    "coverage.short": "{city}: {n} eligible for a quota of {quota}",
    "coverage.ok": "Every city has at least its quota of eligible applicants.",
    "city.head": "{city} — quota {quota}, {n} eligible, {out} ineligible",
    "city.no_quota": "no quota",
    "city.shortlist": "Shortlist",
    "city.runners_up": "Runners-up",
    "city.none": "(none)",
    "city.multi": "also applies in {cities}",
    "city.multi_legend": "◆ the dealer group also applies in another city.",
    "explanations": "Explanations",
    "explanations.bounded": "Explanations of the first {n} of {total} applicants, in rank order; `dealerscreen explain --id ID PATH...` explains any other, and the json report explains all.",
    "charts": "Points by criterion (shortlisted applicants)",
    "chart.tiers": "Tier distribution",
    "ex.city": "City: {city}    File: {file}",
    "ex.eligible": "Decision: ELIGIBLE, tier {tier}, {total} points; rank {rank} overall, {ordinal} in {city}{status}",
    "ex.status": " (quota {quota}: {status})",
    "ex.ineligible": "Decision: INELIGIBLE ({n} requirement(s) not met)",
    "ex.gates": "Requirements (gates):",
    "ex.details": "Full breakdown: every requirement and every point",
    "ex.pass": "pass",
    "ex.fail": "FAIL",
    "ex.why": "Why",
    "ex.points": "Points: {score} from criteria + {bonus} bonus = {total}",
    "ex.missing": " (missing: {policy})",
    "ex.bonus": "bonus",
    "ex.advisories": "Advisories:",
    "ex.unverified": " (unverified requirement)",
    "ex.unknown": "unknown",
    "ex.losses": "Most points lost:",
    "ex.loss": "{criterion}: {points} of {max} ({detail})",
    "ex.failed": "Requirements not met:",
    "ex.whatif": "What would change the outcome:",
    "ex.change.tier": "{fact} {old} → {new} would add {gain} points and reach tier {tier}.",
    "ex.change.eligible": "{fact} {old} → {new} would make it eligible (tier {tier}).",
    "ex.change.top": "Already in the top tier.",
    "ex.change.none": "No change of a single fact reaches the next tier.",
    "sens.title": "Sensitivity of the city shortlists to each criterion's weight",
    "sens.note": "What-if on one weight at a time, others fixed (a real profile keeps the weights adding up to max_points). Moves are in points of weight; '—' means no shortlist changes in that direction.",
    "sens.fragile": "Fragile: shortlist status flips when a weight moves by {within} points or less",
    "sens.fragile_row": "{id} ({city}, {status}): {criterion} {direction}{delta}",
    "sens.none_fragile": "No applicant's shortlist status flips within {within} points.",
    "sens.bounded": "Not computed for this page: {n} eligible applicants, and the page analyses up to {max}. `dealerscreen sensitivity PATH...` computes it for any batch (its time grows with the square of each city's eligible applicants).",
    # The xlsx workbook: sheets, column headings, and the words in its cells
    "xlsx.overview": "Overview",
    "xlsx.ranked": "Ranked",
    "xlsx.explanations": "Explanations",
    "xlsx.manifest": "Manifest",
    "xlsx.rules": "Rules",
    "form.sheet": "Application",
    "form.version": " ({id} v{version})",
    "form.field": "{label}: {text}",
    "form.lists": "Lists",
    "form.title": "Application form: {title}",
    "form.intro": "One applicant per row from row {row} on (row 2 describes each column, row 3 is an example and is not read). Leave a cell empty when a fact is not known. Send the file back as it is: it is read without any other file.",
    "form.required": "Required.",
    "form.choices": "Choose one of: {choices}.",
    "form.list": "Choose from the list ({n} names; English or Chinese).",
    "form.unit": "Unit: {unit}.",
    "form.yes_no": "yes or no.",
    "form.yaml_intro": "One applicant per file. Change the example values to yours; delete a line (or leave it commented out with #) when the fact is not known.",
    "form.bad_value": "Choose a value from the list.",
    "xlsx.failed": "{title}: {reason} ({detail})",
    "xlsx.points": "{points}/{max}: {detail}",
    "xlsx.bonus": "+{points} {title}: {detail}",
    "xlsx.advisory": "{message} ({detail})",
    "col.source_title": "Source title",
    "col.published": "Published",
    "xlsx.explained_all": "Every decision in words: {n} applicants, in rank order; the Rules sheet names the source of each rule.",
    "xlsx.capped": "Only the first {n} of {total} rows fit in a sheet; the csv and json reports hold them all.",
    "col.legal_name": "Legal name",
    "col.chinese_name": "Chinese name",
    "col.group": "Dealer group",
    "col.rank_in_city": "Rank in city",
    "col.quota": "City quota",
    "col.criterion_points": "{criterion} (of {max})",
    "col.failed": "Requirements not met",
    "col.file": "File",
    "col.also_applies": "Also applies in",
    "col.n_eligible": "Eligible",
    "col.n_shortlisted": "Shortlisted",
    "col.n_runners_up": "Runners-up",
    "col.n_ineligible": "Ineligible",
    "col.part": "Part",
    "col.item": "Item",
    "col.source": "Source",
    "col.value": "Value",
    "status.ineligible": "ineligible",
    "flag.none": "no eligible applicant",
    "flag.short": "fewer eligible than the quota",
    "flag.ok": "covered",
    "coverage.ok.city": "At least its quota of eligible applicants.",
    "part.decision": "Decision",
    "part.gate": "Requirement",
    "part.criterion": "Criterion",
    "part.bonus": "Bonus",
    "part.advisory": "Advisory",
    "part.whatif": "What would change",
    "manifest.version": "Version",
    "manifest.profile_version": "Profile version",
    "manifest.profile_title": "Profile title",
    "manifest.lists": "Illustrative reference lists",
}

ZH: dict[str, str] = {
    "title": "{title} — 标准 {id} v{version}",
    "col.rank": "排名",
    "col.id": "编号",
    "col.applicant": "申请人",
    "col.city": "城市",
    "col.city_rank": "城市排名",
    "col.tier": "等级",
    "col.total": "总分",
    "col.score": "评分",
    "col.bonus": "加分",
    "col.reason": "说明",
    "col.points": "得分",
    "col.max": "满分",
    "col.criterion": "评分项",
    "col.weight": "权重",
    "col.down": "下调",
    "col.up": "上调",
    "col.changes": "首个变化",
    "col.status": "状态",
    "legend.city_rank": "城市排名：城市内名次 / 城市名额；✓ 入围。",
    "counts": "共 {found} 个文件：已评 {screened} 个（合格 {eligible} 个），无效 {invalid} 个，跳过 {skipped} 个。",
    "summary": "找到 {found} 个，已评 {screened} 个，无效 {invalid} 个，跳过 {skipped} 个",
    "illustrative": "注意：参考名单 {lists} 为示例数据，并非真实数据。",
    "manifest.line": "{tool} {version} · 标准 {profile} v{profile_version} · 标准文件 sha256 {criteria} · 申请文件 sha256 {applicants}（{n} 个） · 运行时间 {time}",
    "manifest": "运行清单",
    "manifest.tool": "工具",
    "manifest.profile": "标准",
    "manifest.time": "运行时间",
    "manifest.criteria": "标准文件（sha256）",
    "manifest.applicants": "申请文件（sha256）",
    "tier.out": "不合格",
    "yes": "是",
    "no": "否",
    "reason.out": "未通过：{gate}{more}",
    "reason.more": "（另有 {n} 项）",
    "reason.weakest": "失分最多：{criterion} {points}/{max}",
    "reason.full": "满分",
    "line.ineligible": "不合格：{reason}{more}",
    "line.where": "{city}{ordinal}",
    "line.quota": "（名额 {quota}）：{status}",
    "line.loss": "；失分最多：{criterion}（{points}/{max}）",
    "shortlisted": "入围",
    "runner_up": "候补",
    "ranked": "申请人排名",
    "cities": "各城市",
    "coverage": "城市覆盖",
    "coverage.none": "{city}：没有合格申请人（名额 {quota}）",
    "coverage.short": "{city}：合格 {n} 个，名额 {quota}",
    "coverage.ok": "每个城市的合格申请人都不少于名额。",
    "city.head": "{city} — 名额 {quota}，合格 {n} 个，不合格 {out} 个",
    "city.no_quota": "不限",
    "city.shortlist": "入围",
    "city.runners_up": "候补",
    "city.none": "（无）",
    "city.multi": "同时申请 {cities}",
    "city.multi_legend": "◆ 该经销商集团同时申请其他城市。",
    "explanations": "逐一说明",
    "explanations.bounded": "按排名列出前 {n} 位申请人的说明（共 {total} 位）；其余申请人可用 `dealerscreen explain --id ID PATH...` 查看，json 报告含全部说明。",
    "charts": "各评分项得分（入围申请人）",
    "chart.tiers": "等级分布",
    "ex.city": "城市：{city}    文件：{file}",
    "ex.eligible": "结论：合格，等级 {tier}，{total} 分；总排名第 {rank}，{city}{ordinal}{status}",
    "ex.status": "（名额 {quota}：{status}）",
    "ex.ineligible": "结论：不合格（{n} 项要求未满足）",
    "ex.gates": "准入要求：",
    "ex.details": "完整明细：每项准入要求与每项得分",
    "ex.pass": "通过",
    "ex.fail": "未通过",
    "ex.why": "原因",
    "ex.points": "得分：评分项 {score} + 加分 {bonus} = {total}",
    "ex.missing": "（缺失：{policy}）",
    "ex.bonus": "加分",
    "ex.advisories": "提示：",
    "ex.unverified": "（未经核实的要求）",
    "ex.unknown": "未知",
    "ex.losses": "失分最多的评分项：",
    "ex.loss": "{criterion}：{points} / {max}（{detail}）",
    "ex.failed": "未满足的要求：",
    "ex.whatif": "怎样可以改变结果：",
    "ex.change.tier": "{fact} 由 {old} 改为 {new}，可增加 {gain} 分，达到等级 {tier}。",
    "ex.change.eligible": "{fact} 由 {old} 改为 {new}，即可合格（等级 {tier}）。",
    "ex.change.top": "已是最高等级。",
    "ex.change.none": "仅改变一项事实无法达到更高等级。",
    "sens.title": "各城市入围名单对评分项权重的敏感度",
    "sens.note": "每次只改变一个权重、其他不变的假设分析（实际标准要求权重之和等于 max_points）。变动以权重分值计；“—”表示该方向上入围名单不变。",
    "sens.fragile": "排名脆弱：某一权重变动不超过 {within} 分即改变入围状态",
    "sens.fragile_row": "{id}（{city}，{status}）：{criterion} {direction}{delta}",
    "sens.none_fragile": "权重变动不超过 {within} 分时，没有申请人的入围状态改变。",
    "sens.bounded": "本页未计算：合格申请人 {n} 位，本页最多分析 {max} 位。`dealerscreen sensitivity PATH...` 可对任何批次计算（耗时随各城市合格申请人数的平方增长）。",
    "xlsx.overview": "概览",
    "xlsx.ranked": "排名",
    "xlsx.explanations": "逐一说明",
    "xlsx.manifest": "运行清单",
    "xlsx.rules": "规则",
    "form.sheet": "申请表",
    "form.version": "（{id} v{version}）",
    "form.field": "{label}：{text}",
    "form.lists": "选项",
    "form.title": "申请表：{title}",
    "form.intro": "自第 {row} 行起每行填写一位申请方（第 2 行为各列说明，第 3 行为示例，均不读取）。不了解的信息请留空。请原样交回本文件，无需其他文件即可读取。",
    "form.required": "必填。",
    "form.choices": "可选值：{choices}。",
    "form.list": "从下拉列表中选择（共 {n} 项，中英文均可）。",
    "form.unit": "单位：{unit}。",
    "form.yes_no": "是或否。",
    "form.yaml_intro": "每个文件填写一位申请方。请把示例值改为贵方的实际信息；不了解的信息请删除该行（或在行首保留 #）。",
    "form.bad_value": "请从列表中选择。",
    "xlsx.failed": "{title}：{reason}（{detail}）",
    "xlsx.points": "{points}/{max}：{detail}",
    "xlsx.bonus": "+{points} {title}：{detail}",
    "xlsx.advisory": "{message}（{detail}）",
    "col.source_title": "来源标题",
    "col.published": "发布日期",
    "xlsx.explained_all": "每项决定的文字说明：共 {n} 位申请人，按排名排列；各规则的依据见“规则”工作表。",
    "xlsx.capped": "工作表只容纳前 {n} 行（共 {total} 行）；csv 和 json 报告包含全部内容。",
    "col.legal_name": "法定名称",
    "col.chinese_name": "中文名称",
    "col.group": "经销商集团",
    "col.rank_in_city": "城市内排名",
    "col.quota": "城市名额",
    "col.criterion_points": "{criterion}（满分 {max}）",
    "col.failed": "未满足的要求",
    "col.file": "文件",
    "col.also_applies": "同时申请",
    "col.n_eligible": "合格",
    "col.n_shortlisted": "入围",
    "col.n_runners_up": "候补",
    "col.n_ineligible": "不合格",
    "col.part": "类别",
    "col.item": "项目",
    "col.source": "依据",
    "col.value": "内容",
    "status.ineligible": "不合格",
    "flag.none": "没有合格申请人",
    "flag.short": "合格人数少于名额",
    "flag.ok": "已满足",
    "coverage.ok.city": "合格申请人不少于名额。",
    "part.decision": "结论",
    "part.gate": "准入要求",
    "part.criterion": "评分项",
    "part.bonus": "加分项",
    "part.advisory": "提示",
    "part.whatif": "怎样可以改变结果",
    "manifest.version": "版本",
    "manifest.profile_version": "标准版本",
    "manifest.profile_title": "标准名称",
    "manifest.lists": "示例参考名单",
}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}


def ordinal(n: int, lang: str = "en") -> str:
    if lang == "zh":
        return f"第{n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Messages:
    """Labels for one language; names of cities and tiers from the profile's data."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in CATALOGUES else "en"
        self.catalogue = CATALOGUES[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        return self.catalogue[key].format(**values)

    def ordinal(self, n: int) -> str:
        return ordinal(n, self.lang)

    def city(self, ev: Evaluation) -> str:
        if self.lang == "zh" and ev.city_name_zh:
            return ev.city_name_zh
        return ev.city_name

    def name(self, ev: Evaluation) -> str:
        """The applicant's name: its Chinese name in a Chinese report, when it has one."""
        if self.lang == "zh" and ev.chinese_name:
            return ev.chinese_name
        return ev.legal_name

    def tier(self, compiled: CompiledProfile, tier_id: str | None) -> str:
        """The tier's label in this language ('B: strong'), or its id; 'out' when none."""
        if tier_id is None:
            return self("tier.out")
        for tier in compiled.tiers:
            if tier.id == tier_id:
                return tier.label.get(self.lang) or tier.label.get("en") or tier.id
        return tier_id

    def yes_no(self, value: bool) -> str:
        return self("yes") if value else self("no")


EN_MESSAGES = Messages("en")
