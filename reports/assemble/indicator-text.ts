/**
 * INDICATORS.md in Chinese words, for the workbook's 说明 sheet and the report's methodology: what
 * each indicator's numerator and denominator count, and the scoring rules. Text only; the
 * figures and goalposts come from the catalogue and the scheme.
 */
import type { IndicatorCode } from "../../metrics/index.ts";

/**
 * Each indicator's formula in words (INDICATORS.md "Indicators", formula column). "本季度" is the
 * quarter reported on (Asia/Shanghai quarter boundaries).
 *
 * @example
 * ```ts
 * INDICATOR_FORMULA_ZH.S3; // "本季度受理的各类工单中涉及投诉的件数 ÷ 本季度受理的各类工单数 × 1000"
 * ```
 */
export const INDICATOR_FORMULA_ZH: Readonly<Record<IndicatorCode, string>> = Object.freeze({
  G1: "本季度受理的事件、诉求类工单中经网格巡查、AI摄像头、物联感知主动发现的件数 ÷ 本季度受理的事件、诉求类工单数 × 100",
  G2: "本季度办结的事件、诉求类工单中在时限内办结的件数 ÷ 本季度办结且有时限的事件、诉求类工单数 × 100",
  G3: "本季度受理的诉求类工单中在响应时限内响应的件数（未响应计为超时） ÷ 本季度受理的诉求类工单数 × 100",
  G4: "本季度满意度问卷各份答卷得分之和 ÷ 有效答卷数；每份答卷得分 = (已答五级题平均分 − 1) ÷ 4 × 100",
  S1: "本季度办结的服务类工单办理小时数之和 ÷ 本季度办结的服务类工单数（小时 = 办结时间 − 受理时间）",
  S2: "本季度办结的服务类工单中一次办结的件数 ÷ 本季度办结的服务类工单数 × 100",
  S3: "本季度受理的各类工单中涉及投诉的件数 ÷ 本季度受理的各类工单数 × 1000",
  S4: "本季度受理的服务类工单中全程网上办理的件数 ÷ 本季度受理的服务类工单数 × 100",
  S5: "本季度办结且回访结果为满意或基本满意的工单数 ÷ 本季度办结且有回访结果的工单数 × 100",
  R1: "(本年度截至本季度末的经费支出 ÷ 本年度预算) ÷ (季度序号 ÷ 4) × 100，即支出进度与时间进度之比",
  R2: "季度末在岗社区工作者数 ÷ 常住人口 × 10000",
  R3: "在岗社区工作者数 ÷ 核定编制数 × 100",
  R4: "本季度经费支出 ÷ 本季度办结的各类工单数（元/件）",
  P1: "本季度参与议事、志愿等活动的居民人数 ÷ 常住人口 × 100",
  P2: "本季度协商解决的事项数 ÷ 本季度提交协商的事项数 × 100",
  P3: "季度末注册志愿者人数 ÷ 常住人口 × 100",
  P4: "本季度居民端平台活跃用户数 ÷ 常住人口 × 100",
});

/**
 * The counting and scoring rules of INDICATORS.md in Chinese, one line each, in the order a
 * reader needs them. The sum is written ∑ (U+2211), not the Greek Σ: the reports' font has the
 * mathematical sign, not Greek letters.
 *
 * @example
 * ```ts
 * SCORING_RULES_ZH.length; // 9
 * ```
 */
export const SCORING_RULES_ZH: readonly string[] = Object.freeze([
  "上级单位的指标值按其全部下级（含本级）的分子之和 ÷ 分母之和计算，不取下级比率的平均数。",
  "分母为 0 时无指标值（空白，不是 0）；取自季度填报的指标（R1–R4、P1–P4）在本单位及下级均未填报时无指标值。",
  "正向指标（↑）得分 = MAX(0, MIN(1, (指标值 − 底线值) ÷ (目标值 − 底线值))) × 100；逆向指标（↓）得分 = MAX(0, MIN(1, (底线值 − 指标值) ÷ (底线值 − 目标值))) × 100。无指标值则无得分。",
  "状态：得分为 100（达到目标）为绿，60 至 100 以下为黄，60 以下为红。",
  "维度得分 = 有得分指标的 ∑(得分 × 权重) ÷ 有得分指标的权重之和；有得分指标的权重不足本维度权重之和的一半时，该维度无得分。",
  "综合指数 = 四个维度得分按指数权重加权平均；任一维度无得分则无综合指数（单位列为不完整）。",
  "等级：综合指数 ≥ 90 优秀，≥ 80 良好，≥ 60 合格，< 60 不合格。",
  "排名：在同一上级的下级单位之间按综合指数从高到低排列，并列者名次相同（1, 2, 2, 4），无综合指数者不排名。",
  "本工作簿所有单元格保留全精度，等级、状态和排名按未经舍入的数值判定；显示时按指标单位保留小数。",
]);

/** Chinese names of the data-quality rules (api/data-quality/rules.ts). */
export const FINDING_RULE_ZH: Readonly<Record<string, string>> = Object.freeze({
  return_missing: "季度填报缺失",
  handling_time_outlier: "办理时长异常",
  case_volume_change: "工单量异常变化",
  source_silent: "数据源中断",
  deadline_missing: "缺少办理时限",
  survey_flagged: "问卷疑似刷票",
});

/** Chinese names of the finding severities. */
export const SEVERITY_ZH: Readonly<Record<string, string>> = Object.freeze({
  high: "高",
  medium: "中",
  low: "低",
});
