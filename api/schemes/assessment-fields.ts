/**
 * The assessment and cycle fields of a scheme definition (CYCLE.md "Assessor scores",
 * INDICATORS.md "Targets and floors may differ by level and by urban/rural"): what zod cannot
 * check, with Chinese reasons. Pure.
 */
import {
  type AdjustmentItem,
  type AssessorItem,
  DEFAULT_CYCLE_FIELDS,
  INDICATOR_CODES,
  INDICATORS,
  type IndicatorCode,
  type SchemeDefinition,
  type TargetOverride,
} from "../../metrics/index.ts";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { ORG_LEVELS } from "../../shapes/org-levels.ts";
import type { FieldError } from "../errors.ts";

type Fields = Pick<
  SchemeDefinition,
  | "assessorItems"
  | "adjustmentItems"
  | "assessorWeight"
  | "adjustmentCap"
  | "targetOverrides"
  | "returnsDueDay"
  | "appealsDueDay"
  | "rectificationDays"
>;

export interface AssessmentFieldsInput {
  assessorItems?: AssessorItem[];
  adjustmentItems?: AdjustmentItem[];
  assessorWeight?: number;
  adjustmentCap?: number;
  targetOverrides?: (Omit<TargetOverride, "indicator"> & { indicator: string })[];
  returnsDueDay?: number;
  appealsDueDay?: number;
  rectificationDays?: number;
}

/**
 * Why an override's goalposts are unusable for `code`, in Chinese, or `null`: they must differ and
 * lie the right way round for the indicator's direction (↑ target > floor, ↓ target < floor).
 */
export function overrideGoalpostProblem(
  code: IndicatorCode,
  target: number,
  floor: number,
): string | null {
  const name = `${code}（${INDICATORS[code].nameZh}）`;
  if (target === floor) return `${name}的目标值与底线值不能相同（均为 ${target}）`;
  if (INDICATORS[code].direction === "up" && !(target > floor)) {
    return `${name}越高越好，目标值（${target}）须高于底线值（${floor}）`;
  }
  if (INDICATORS[code].direction === "down" && !(target < floor)) {
    return `${name}越低越好，目标值（${target}）须低于底线值（${floor}）`;
  }
  return null;
}

function duplicateCodes(
  items: readonly { code: string }[],
  path: string,
  what: string,
): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.code)) {
      errors.push({ path: `${path}.${i}.code`, message: `${what}编码 ${item.code} 重复` });
    }
    seen.add(item.code);
  });
  return errors;
}

/**
 * The fields with the default scheme's values filled in, and the field errors (paths under
 * `prefix`): duplicate item codes; w > 0 without any assessor item; overrides naming an unknown
 * indicator or level, goalposts the wrong way round, or the same indicator, level and urban flag
 * twice.
 */
export function assessmentFieldProblems(
  input: AssessmentFieldsInput,
  prefix: string,
): { fields: Fields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const assessorItems = (input.assessorItems ?? []).map((i) => ({ ...i }));
  const adjustmentItems = (input.adjustmentItems ?? []).map((i) => ({ ...i }));
  errors.push(...duplicateCodes(assessorItems, `${prefix}.assessorItems`, "评估项目"));
  errors.push(...duplicateCodes(adjustmentItems, `${prefix}.adjustmentItems`, "加减分项目"));
  const assessorWeight = input.assessorWeight ?? DEFAULT_CYCLE_FIELDS.assessorWeight;
  if (assessorWeight > 0 && assessorItems.length === 0) {
    errors.push({
      path: `${prefix}.assessorWeight`,
      message: "评估方得分权重大于 0 时须至少列出一个评估项目（assessorItems）",
    });
  }
  const overrides = checkTargetOverrides(input.targetOverrides ?? [], `${prefix}.targetOverrides`);
  errors.push(...overrides.errors);
  const targetOverrides = overrides.overrides;
  return {
    fields: {
      assessorItems,
      adjustmentItems,
      assessorWeight,
      adjustmentCap: input.adjustmentCap ?? DEFAULT_CYCLE_FIELDS.adjustmentCap,
      targetOverrides,
      returnsDueDay: input.returnsDueDay ?? DEFAULT_CYCLE_FIELDS.returnsDueDay,
      appealsDueDay: input.appealsDueDay ?? DEFAULT_CYCLE_FIELDS.appealsDueDay,
      rectificationDays: input.rectificationDays ?? DEFAULT_CYCLE_FIELDS.rectificationDays,
    },
    errors,
  };
}

/**
 * Target overrides as a scheme or a what-if gives them: each must name a known indicator and
 * level, have goalposts the right way round, and not repeat an indicator, level and urban flag.
 * Returns the typed overrides and the field errors (paths `${path}.N…`).
 */
export function checkTargetOverrides(
  input: readonly (Omit<TargetOverride, "indicator"> & { indicator: string })[],
  path: string,
): { overrides: TargetOverride[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const known = new Set<string>(INDICATOR_CODES);
  const levels = new Set<string>(ORG_LEVELS);
  const keys = new Set<string>();
  const targetOverrides: TargetOverride[] = [];
  input.forEach((o, i) => {
    const at = `${path}.${i}`;
    if (!known.has(o.indicator)) {
      errors.push({ path: `${at}.indicator`, message: `没有指标 ${o.indicator}` });
      return;
    }
    if (o.level !== undefined && !levels.has(o.level)) {
      errors.push({
        path: `${at}.level`,
        message: `没有层级 ${o.level}（可用：${ORG_LEVELS.map((l) => `${l} ${LEVEL_LABELS[l]}`).join("、")}）`,
      });
      return;
    }
    const code = o.indicator as IndicatorCode;
    const problem = overrideGoalpostProblem(code, o.target, o.floor);
    if (problem) errors.push({ path: `${at}.target`, message: problem });
    const key = `${code}|${o.level ?? ""}|${o.urban ?? ""}`;
    if (keys.has(key)) {
      errors.push({ path: at, message: `同一指标、层级和城乡类别的目标值只能设定一次（${code}）` });
    }
    keys.add(key);
    const override: TargetOverride = { indicator: code, target: o.target, floor: o.floor };
    if (o.level !== undefined) override.level = o.level;
    if (o.urban !== undefined) override.urban = o.urban;
    targetOverrides.push(override);
  });
  return { overrides: targetOverrides, errors };
}
