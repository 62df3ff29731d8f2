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
  ReportSource,
  SourceAssessment,
  SourceFinding,
  SourceSensitivity,
} from "../../reports/source.ts";
import type { Quarter } from "../../shapes/periods.ts";
import { appealsOfQuarter, exemptCaseCounts } from "../appeals/queries/report.ts";
import { listSubtreeAssessments } from "../assessments/queries.ts";
import { findDataQuality, SILENT_DAYS } from "../data-quality/find.ts";
import { NotFound } from "../errors.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import { quarterSensitivity } from "../periods/official-sensitivity.ts";
import { rectificationLedger } from "../rectifications/ledger.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";
import { subtreeFlagCounts } from "../surveys/integrity/queries.ts";
import { satisfactionPlans } from "../surveys/sample-plan.ts";
import { indicatorSnapshot, quarterOf } from "./snapshot.ts";

export interface ReportSourceOptions {
  /** The caller's scope root; `null` for the whole tree. */
  scopeUnitId: number | null;
  /** "Now" for the data-quality checks (silence, quarter ended). */
  now: Date;
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
    indicatorSnapshot: (req) => indicatorSnapshot(engine, opts.scopeUnitId, req),

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
