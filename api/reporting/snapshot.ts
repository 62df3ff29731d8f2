/**
 * A report's indicator snapshot (ReportSource.indicatorSnapshot of reports/source.ts): the unit and
 * its children (or its whole subtree) as GET /api/v1/indicators answers them, the closing's
 * official figures for a closed quarter, each unit named with its street where names repeat,
 * and G4's survey sums beside the results.
 */
import type {
  IndicatorSnapshot,
  IndicatorSnapshotRequest,
  SourceUnit,
} from "../../reports/source.ts";
import { isUrbanUnit } from "../../shapes/org-levels.ts";
import { formatPeriod, parsePeriod, type Quarter } from "../../shapes/periods.ts";
import { unitLabels } from "../../shapes/unit-names.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import { placeOf } from "../dashboard/unit-place.ts";
import { NotFound, TooLarge } from "../errors.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import type { SurveySumsRow } from "../indicators/queries/sums.ts";
import { indicatorReport } from "../indicators/report.ts";
import { figuresOf } from "../indicators/values.ts";
import { childrenOf } from "../org-tree/tree-index.ts";
import { officialAnswer } from "../periods/official.ts";
import { DEFAULT_SCHEME_ID, toSchemeVersion } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";

/** More units than this in one workbook is refused (413): ask for children only. */
export const MAX_REPORT_UNITS = 2_000;

/** A period of a request the report already checked, as a quarter. */
export function quarterOf(period: string): Quarter {
  const q = parsePeriod(period);
  if (!q) throw new RangeError(`reportSource: malformed period '${period}'`);
  return q;
}

function toSourceUnit(
  u: UnitResult,
  parentCode: string | null,
  siblingsIncluded: boolean,
  urban: boolean | null,
) {
  return {
    code: u.code,
    name: u.name,
    level: u.level,
    parentCode,
    siblingsIncluded,
    index: u.index,
    grade: u.grade,
    rank: u.rank,
    complete: u.complete,
    missing: [...u.missing],
    dimensions: {
      governance: u.dimensions.governance.score,
      service: u.dimensions.service.score,
      resources: u.dimensions.resources.score,
      participation: u.dimensions.participation.score,
    },
    indicators: u.indicators.map((i) => ({
      code: i.code,
      numerator: i.numerator,
      denominator: i.denominator,
      value: i.value,
      score: i.score,
      status: i.status,
      target: i.target,
      floor: i.floor,
    })),
    survey: { n: 0, scoreSum: 0, scoreSquares: 0, overallN: 0, satisfied: 0 },
    urban,
    totals: {
      assessorScore: u.assessorScore,
      adjustment: u.adjustment,
      total: u.total,
      provisional: u.provisional,
    },
  } satisfies SourceUnit;
}

/** The snapshot of `req` within the scope rooted at `scopeUnitId` (`null`: the whole tree). */
export async function indicatorSnapshot(
  engine: IndicatorEngine,
  scopeUnitId: number | null,
  req: IndicatorSnapshotRequest,
): Promise<IndicatorSnapshot> {
  const db = engine.db;
  const q = quarterOf(req.period);
  const schemeId = req.schemeId ?? DEFAULT_SCHEME_ID;
  // Official survey sums by unit code, from every official answer read.
  const officialSurveys = new Map<string, SurveySumsRow>();
  const ask = async (orgUnit: string | undefined) => {
    const r = {
      period: q,
      orgUnit,
      scopeUnitId: scopeUnitId,
      children: true,
      schemeId,
      schemeVersion: req.schemeVersion,
    };
    const official = await officialAnswer(engine, r);
    if (!official) return indicatorReport(engine, r);
    for (const [code, sums] of official.surveys) officialSurveys.set(code, sums);
    return official;
  };
  const first = await ask(req.orgUnit);
  const state = await engine.state([q.year - 1, q.year]);
  const tree = await engine.tree(state);
  const unitOf = (code: string) => tree.byCode.get(code);
  const root = first.units[0]!;
  const rootRef = unitOf(root.code)!;
  const parentCode = (id: number | null) =>
    id === null ? null : (tree.byId.get(id)?.code ?? null);
  // The unit is ranked among its own siblings, which the report lists only when it has none.
  const alone = (tree.children.get(rootRef.parentId) ?? []).length <= 1;
  const units: SourceUnit[] = [
    toSourceUnit(root, parentCode(rootRef.parentId), alone, isUrbanUnit(root.level, rootRef.urban)),
  ];
  // Depth-first: each unit's children follow it, in code order, as GET /indicators lists them.
  const visit = async (parent: UnitResult, kids: UnitResult[]) => {
    for (const kid of kids) {
      const urban = isUrbanUnit(kid.level, unitOf(kid.code)?.urban);
      units.push(toSourceUnit(kid, parent.code, true, urban));
      if (units.length > MAX_REPORT_UNITS) {
        throw new TooLarge(
          `${root.code} 以下超过 ${MAX_REPORT_UNITS} 个单位：请用 depth=children 导出，或逐个下级单位导出`,
        );
      }
      const ref = unitOf(kid.code);
      if (req.depth === "all" && ref && childrenOf(tree, ref.id).length > 0) {
        const sub = await ask(kid.code);
        await visit(kid, sub.units.slice(1));
      }
    }
  };
  await visit(root, first.units.slice(1));
  // 馨苑社区 of two streets: named with their street in the workbook's and the PDF's lists.
  const placed = units.map((u) => {
    const ref = unitOf(u.code);
    return { code: u.code, name: u.name, place: ref ? placeOf(tree, ref).place : null };
  });
  const labels = unitLabels(placed);
  units.forEach((u, k) => {
    u.label = labels.get(u.code) ?? u.name;
    u.place = placed[k]!.place;
  });

  const versions = (await listSchemeVersions(db, first.scheme.id)).map(toSchemeVersion);
  const scheme = versions.find((v) => v.version === first.scheme.version);
  if (!scheme) throw new NotFound(`没有指标方案 ${first.scheme.id} 第 ${first.scheme.version} 版`);
  if (first.official) {
    // G4's sums as stored at close, beside the official results.
    for (const u of units) {
      const sums = officialSurveys.get(u.code);
      if (sums) u.survey = { ...sums };
    }
  } else {
    // G4's sums, from the same cached whole-tree figures the results were computed from.
    const figures = await engine.figures(q, scheme.definition.responseSlaMinutes, state);
    for (const u of units) {
      const ref = unitOf(u.code);
      if (ref) u.survey = { ...figuresOf(figures, ref.id).survey };
    }
  }
  return {
    period: formatPeriod(q),
    year: q.year,
    quarter: q.quarter,
    scheme: {
      id: scheme.id,
      version: scheme.version,
      name: scheme.name,
      validFromYear: scheme.validFromYear,
      definition: scheme.definition,
    },
    dataAsOf: {
      sources: Object.entries(first.dataAsOf.sources).map(([source, s]) => ({
        source,
        ...s,
      })),
      returns: first.dataAsOf.returns,
      surveys: first.dataAsOf.surveys,
    },
    units,
  };
}
