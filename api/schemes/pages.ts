/**
 * The 考核方案 page's view model (系统管理): every stored version with what it changed against
 * the version before, and the form for the next version prefilled from the latest one. Saving
 * goes through POST /api/v1/schemes (its checks, its 409 for closed years, its audit entry).
 */
import type { Kysely } from "kysely";
import { DIMENSION_DEFS, DIMENSIONS, INDICATOR_CODES, INDICATORS } from "../../metrics/index.ts";
import { unitText } from "../../shapes/format.ts";
import { quarterOf } from "../../shapes/periods.ts";
import { schemeChanges } from "../../shapes/scheme-diff.ts";
import type { SchemesView, SetupBase } from "../../web/pages/admin-setup-model.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { DEFAULT_SCHEME_ID, type SchemeVersion, toSchemeVersion } from "./definition.ts";
import { listSchemeVersions } from "./queries.ts";

/** The page's path; `?id=` picks the scheme the form continues. */
export const SCHEMES_PAGE = "/admin/schemes";

/** Chinese names of the dimensions and indicators, for the change lists. */
export function schemeFieldNames(): Record<string, string> {
  const names: Record<string, string> = {};
  for (const d of DIMENSIONS) names[d] = `${DIMENSION_DEFS[d].nameZh}（维度）`;
  for (const c of INDICATOR_CODES) names[c] = `${c} ${INDICATORS[c].nameZh}`;
  return names;
}

export async function buildSchemesPage(
  db: Kysely<DB>,
  principal: Principal,
  base: SetupBase,
  wantedId: string | undefined,
  now: Date,
): Promise<SchemesView> {
  const all = (await listSchemeVersions(db)).map(toSchemeVersion);
  const previous = new Map<string, SchemeVersion>();
  const versions = all.map((v) => {
    const before = previous.get(v.id);
    previous.set(v.id, v);
    return {
      id: v.id,
      version: v.version,
      name: v.name,
      validFromYear: v.validFromYear,
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
      changes: before ? schemeChanges(before.definition, v.definition) : null,
    };
  });
  // Newest first on the page; `previous` now holds each scheme's latest version.
  versions.reverse();
  const latest = previous.get(wantedId ?? DEFAULT_SCHEME_ID) ?? [...previous.values()][0];
  const names = schemeFieldNames();
  if (principal.scopeUnitId !== null || !latest) {
    return {
      ...base,
      versions,
      form: null,
      formNote:
        principal.scopeUnitId !== null
          ? "考核方案对全部单位生效，只有全市（全树）管理员可以新建版本；您可以查看各版本及其变化。"
          : "尚无考核方案。",
      names,
    };
  }
  const d = latest.definition;
  return {
    ...base,
    versions,
    form: {
      id: latest.id,
      baseVersion: latest.version,
      name: latest.name,
      validFromYear: Math.max(quarterOf(now).year + 1, latest.validFromYear),
      dimensions: DIMENSIONS.map((code) => ({
        code,
        name: DIMENSION_DEFS[code].nameZh,
        weight: d.dimensions[code].weight,
      })),
      indicators: INDICATOR_CODES.map((code) => ({
        code,
        name: INDICATORS[code].nameZh,
        unit: unitText(code),
        dimension: DIMENSION_DEFS[INDICATORS[code].dimension].nameZh,
        direction: d.indicators[code].direction,
        target: d.indicators[code].target,
        floor: d.indicators[code].floor,
        weight: d.indicators[code].weight,
      })),
      baseDefinition: d,
    },
    formNote: null,
    names,
  };
}
