/**
 * GET /sensitivity under the rule of a closed quarter (official.ts `answeringClosing`): the seeded
 * draws over the children's official indicator scores (fixed at close) under the closing's scheme
 * version, so the sensitivity a report or a reader sees of a closed quarter never moves; live
 * (indicators/sensitivity.ts) for an open quarter, with `live=true`, or for a unit the close did
 * not know.
 */
import { DEFAULT_SENSITIVITY, type IndicatorCode, rankSensitivity } from "../../metrics/index.ts";
import { NotFound } from "../errors.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import { type SensitivityReport, sensitivityReport } from "../indicators/sensitivity.ts";
import { toSchemeVersion } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
import { type OfficialReport, type OfficialRequest, officialAnswer } from "./official.ts";

/** The sensitivity `req` asks for: official for a closed quarter (see the module comment). */
export async function quarterSensitivity(
  engine: IndicatorEngine,
  req: Omit<OfficialRequest, "children">,
): Promise<SensitivityReport> {
  const official = await officialAnswer(engine, { ...req, children: true });
  return official ? officialSensitivity(engine, official) : sensitivityReport(engine, req);
}

async function officialSensitivity(
  engine: IndicatorEngine,
  official: OfficialReport,
): Promise<SensitivityReport> {
  const versions = (await listSchemeVersions(engine.db, official.scheme.id)).map(toSchemeVersion);
  const scheme = versions.find((v) => v.version === official.scheme.version);
  if (!scheme)
    throw new NotFound(`没有指标方案 ${official.scheme.id} 第 ${official.scheme.version} 版`);
  const kids = official.units.slice(1);
  const sens = rankSensitivity(
    kids.map(
      (k) =>
        Object.fromEntries(k.indicators.map((i) => [i.code, i.score])) as Record<
          IndicatorCode,
          number | null
        >,
    ),
    scheme.definition,
  );
  return {
    period: official.period,
    scheme: official.scheme,
    orgUnit: official.units[0]!.code,
    draws: DEFAULT_SENSITIVITY.draws,
    seed: DEFAULT_SENSITIVITY.seed,
    spread: DEFAULT_SENSITIVITY.spread,
    official: true,
    units: kids.map((k, i) => ({
      code: k.code,
      name: k.name,
      index: k.index,
      rank: sens[i]!.rank,
      medianRank: sens[i]!.medianRank,
      p5Rank: sens[i]!.p5Rank,
      p95Rank: sens[i]!.p95Rank,
    })),
  };
}
