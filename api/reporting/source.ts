/**
 * The ReportSource of reports/ (reports/source.ts) over the indicator engine and the database, for
 * one caller's scope. Indicator figures come from the same functions that answer
 * GET /api/v1/indicators, so a report's numbers are the API's: one call per unit whose children
 * the report lists (cached whole-tree figures make each call a few small queries). For a closed
 * quarter that is its official figures (api/periods/official.ts), survey sums and rank
 * sensitivity included: a report of a closed quarter shows the same figures whenever it is
 * generated, whatever data arrives after the close. (Data-quality findings describe the data as it
 * is now and stay live.)
 */
import type {
  IndicatorSnapshot,
  IndicatorSnapshotRequest,
  ReportSource,
  SourceAssessment,
  SourceFinding,
  SourceSensitivity,
  SourceUnit,
} from "../../reports/source.ts";
import { isUrbanUnit } from "../../shapes/org-levels.ts";
import { formatPeriod, parsePeriod, type Quarter } from "../../shapes/periods.ts";
import { unitLabels } from "../../shapes/unit-names.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import { appealsOfQuarter, exemptCaseCounts } from "../appeals/queries/report.ts";
import { listSubtreeAssessments } from "../assessments/queries.ts";
import { placeOf } from "../dashboard/unit-place.ts";
import { findDataQuality } from "../data-quality/find.ts";
import { NotFound, TooLarge } from "../errors.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import type { SurveySumsRow } from "../indicators/queries/sums.ts";
import { indicatorReport } from "../indicators/report.ts";
import { figuresOf } from "../indicators/values.ts";
import { childrenOf } from "../org-tree/tree-index.ts";
import { officialAnswer } from "../periods/official.ts";
import { quarterSensitivity } from "../periods/official-sensitivity.ts";
import { rectificationLedger } from "../rectifications/ledger.ts";
import { DEFAULT_SCHEME_ID, toSchemeVersion } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
import { subtreeFlagCounts } from "../surveys/integrity/queries.ts";
import { satisfactionPlans } from "../surveys/sample-plan.ts";

/** More units than this in one workbook is refused (413): ask for children only. */
export const MAX_REPORT_UNITS = 2_000;

/** A source is silent after this many days without data (the data-quality page's default). */
export const SILENT_DAYS = 7;

export interface ReportSourceOptions {
  /** The caller's scope root; `null` for the whole tree. */
  scopeUnitId: number | null;
  /** "Now" for the data-quality checks (silence, quarter ended). */
  now: Date;
}

function quarterOf(period: string): Quarter {
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

/** A ReportSource reading `db` within the caller's scope. */
export function createReportSource(
  engine: IndicatorEngine,
  opts: ReportSourceOptions,
): ReportSource {
  const db = engine.db;
  // The unit a report already resolved (indicatorSnapshot checked its scope), by code.
  const unitId = async (q: Quarter, code: string) => {
    const tree = await engine.tree(await engine.state([q.year]));
    const unit = tree.byCode.get(code);
    if (!unit) throw new NotFound(`没有编码为 ${code} 的单位`);
    return unit.id;
  };
  return {
    async indicatorSnapshot(req: IndicatorSnapshotRequest): Promise<IndicatorSnapshot> {
      const q = quarterOf(req.period);
      const schemeId = req.schemeId ?? DEFAULT_SCHEME_ID;
      // Official survey sums by unit code, from every official answer read.
      const officialSurveys = new Map<string, SurveySumsRow>();
      const ask = async (orgUnit: string | undefined) => {
        const r = {
          period: q,
          orgUnit,
          scopeUnitId: opts.scopeUnitId,
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
        toSourceUnit(
          root,
          parentCode(rootRef.parentId),
          alone,
          isUrbanUnit(root.level, rootRef.urban),
        ),
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
      if (!scheme)
        throw new NotFound(`没有指标方案 ${first.scheme.id} 第 ${first.scheme.version} 版`);
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
    },

    async sensitivity(req): Promise<SourceSensitivity> {
      const r = {
        period: quarterOf(req.period),
        orgUnit: req.orgUnit,
        scopeUnitId: opts.scopeUnitId,
        schemeId: req.schemeId ?? DEFAULT_SCHEME_ID,
        schemeVersion: req.schemeVersion,
      };
      // The rule of a closed quarter (official scores), as GET /sensitivity answers it.
      const report = await quarterSensitivity(engine, r);
      return {
        draws: report.draws,
        seed: report.seed,
        spread: report.spread,
        units: report.units,
      };
    },

    async dataQuality(req): Promise<SourceFinding[]> {
      const q = quarterOf(req.period);
      return findDataQuality(engine, {
        period: q,
        rootUnitId: await unitId(q, req.orgUnit),
        silentDays: SILENT_DAYS,
        now: opts.now,
      });
    },

    async appeals(req) {
      const q = quarterOf(req.period);
      return appealsOfQuarter(db, await unitId(q, req.orgUnit), q);
    },

    async exemptCases(req) {
      const q = quarterOf(req.period);
      return exemptCaseCounts(db, await unitId(q, req.orgUnit), q);
    },

    async assessments(req): Promise<SourceAssessment[]> {
      const q = quarterOf(req.period);
      const tree = await engine.tree(await engine.state([q.year]));
      const rows = await listSubtreeAssessments(db, q, await unitId(q, req.orgUnit));
      return rows.flatMap((r) => {
        const code = tree.byId.get(r.orgUnitId)?.code;
        if (!code) return [];
        return [
          {
            orgUnit: code,
            items: r.items,
            adjustments: r.adjustments,
            signedOffAt: r.signedOffAt?.toISOString() ?? null,
            signedOffBy: r.signedOffBy,
          },
        ];
      });
    },

    // Live counts, like the data-quality findings: the plan is about collecting, not scoring.
    async samplePlans(req) {
      const q = quarterOf(req.period);
      const unit = (await engine.tree(await engine.state([q.year]))).byCode.get(req.orgUnit);
      if (!unit) throw new NotFound(`没有编码为 ${req.orgUnit} 的单位`);
      return satisfactionPlans(db, unit, q);
    },

    async surveyFlags(req) {
      const q = quarterOf(req.period);
      return subtreeFlagCounts(db, await unitId(q, req.orgUnit), q);
    },

    // The ledger of the unit's subtree (every quarter); the assemblers keep the earlier ones.
    async rectifications(req) {
      await unitId(quarterOf(req.period), req.orgUnit);
      return rectificationLedger(
        { engine, now: opts.now },
        { orgUnit: req.orgUnit, scopeUnitId: opts.scopeUnitId },
      );
    },
  };
}
