import type { Config } from "../config.ts";
import type { Store } from "../db/client.ts";
import { findUnitByCode } from "../org-tree/queries.ts";
import { type CompiledSurvey, compileSurvey } from "./definition.ts";
import { randomSalt } from "./privacy.ts";
import { findSurvey } from "./queries.ts";
import { ResponseWriter } from "./writer.ts";

/** How long a survey's "latest version" is trusted before asking the database again. */
const LATEST_TTL_MS = 5_000;
const MAX_UNITS = 50_000;
/** Units are re-read after a minute so a renamed unit shows its new name on its pages. */
const UNIT_TTL_MS = 60_000;

/** A unit as the survey pages and submissions need it. */
export interface SurveyUnit {
  id: number;
  code: string;
  name: string;
  level: string;
}

/**
 * What the survey routes keep in memory per store, built by the entry and passed as
 * `AppDeps.surveys`: compiled survey versions (immutable, so kept for good), each survey's latest
 * version number (briefly), known org units by code (for a minute: a code never changes its unit,
 * only its name), the hash salt and the group-commit writer. The public submission path then needs no query but its insert.
 */
export interface SurveyRuntime {
  salt: string;
  writer: ResponseWriter;
  survey(id: string, version?: number): Promise<CompiledSurvey | null>;
  unit(code: string): Promise<SurveyUnit | null>;
  /** Forgets a survey's latest version (after a new one is stored). */
  forgetLatest(id: string): void;
}

export function createSurveyRuntime(deps: {
  store: Pick<Store, "db">;
  config: Pick<Config, "SURVEY_HASH_SALT">;
}): SurveyRuntime {
  const db = deps.store.db;
  const compiled = new Map<string, Promise<CompiledSurvey | null>>();
  const latest = new Map<string, { version: number; at: number }>();
  const units = new Map<string, { unit: SurveyUnit; at: number }>();

  const load = (id: string, version: number): Promise<CompiledSurvey | null> => {
    const key = `${id}@${version}`;
    let p = compiled.get(key);
    if (!p) {
      p = findSurvey(db, id, version).then(async (row) =>
        row ? (await compileSurvey(row)).survey : null,
      );
      compiled.set(key, p);
      // A miss is not cached: the version may be stored a moment later.
      p.then(
        (s) => s ?? compiled.delete(key),
        () => compiled.delete(key),
      );
    }
    return p;
  };

  return {
    salt: deps.config.SURVEY_HASH_SALT ?? randomSalt(),
    writer: new ResponseWriter(db),
    async survey(id, version) {
      if (version !== undefined) return load(id, version);
      const known = latest.get(id);
      if (known && Date.now() - known.at < LATEST_TTL_MS) return load(id, known.version);
      const row = await findSurvey(db, id);
      if (!row) return null;
      latest.set(id, { version: row.version, at: Date.now() });
      return load(id, row.version);
    },
    async unit(code) {
      const hit = units.get(code);
      if (hit && Date.now() - hit.at < UNIT_TTL_MS) return hit.unit;
      const row = await findUnitByCode(db, code);
      if (!row) return null;
      if (units.size >= MAX_UNITS) units.clear();
      const unit = { id: row.id, code: row.code, name: row.name, level: row.level };
      units.set(code, { unit, at: Date.now() });
      return unit;
    },
    forgetLatest(id) {
      latest.delete(id);
    },
  };
}
