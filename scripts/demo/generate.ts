/**
 * The demo data generator: a realistic, deterministic district (or city) with cases, quarterly
 * returns and survey responses that make every indicator of INDICATORS.md computable and spread
 * across green, amber and red.
 *
 * Order: the tree in one transaction, then cases, returns and responses streamed through
 * `store.copyText` with no transaction open (PGlite has one connection), then source freshness,
 * accounts and planner statistics. Memory stays bounded: rows are generated one
 * community-quarter at a time and never collected.
 */
import type { Store } from "../../api/db/client.ts";
import { bumpDataVersions } from "../../api/indicators/queries/data-version.ts";
import { listAllUnits, writeUnits, writeYearFacts } from "../../api/org-tree/queries.ts";
import { shiftQuarter } from "../../shapes/periods.ts";
import { createDemoAccounts, type DemoAccount, demoAccounts } from "./accounts.ts";
import { type CaseSource, caseCounts, caseRows, type SourceSeen } from "./cases.ts";
import { chunkLines } from "./copy-format.ts";
import { type DemoOptions, resolvePlan } from "./options.ts";
import {
  analyzeLoadedTables,
  copyCases,
  copyReturns,
  copySurveyResponses,
  countOrgUnits,
  upsertSourceFreshness,
} from "./queries.ts";
import { responseCounts, responseRows } from "./responses.ts";
import { filesReturn, returnRows } from "./returns.ts";
import { buildTree } from "./tree.ts";

export { DEMO_PASSWORD, type DemoAccount } from "./accounts.ts";
export { DEFAULT_QUARTERS, type DemoOptions, type DemoScale } from "./options.ts";

export interface DemoSummary {
  /** Org units written (all levels, grids included). */
  units: number;
  cases: number;
  returns: number;
  responses: number;
  /** Wall-clock seconds of the whole run. */
  seconds: number;
  /** Cases loaded per second during the case phase (generation and COPY together). */
  casesPerSecond: number;
  /** The accounts created by this run (existing usernames are skipped). */
  accounts: DemoAccount[];
}

export type DemoProgress = (p: { phase: string; done: number; total: number }) => void;

function sum(a: Int32Array): number {
  let s = 0;
  for (const n of a) s += n;
  return s;
}

/** Reports progress at most ~200 times a phase, and always at its start and end. */
function phaseReporter(onProgress: DemoProgress | undefined, phase: string, total: number) {
  let done = 0;
  let last = -1;
  const step = Math.max(1, Math.floor(total / 200));
  onProgress?.({ phase, done: 0, total });
  return (n: number) => {
    done += n;
    if (onProgress && (done - last >= step || done === total)) {
      last = done;
      onProgress({ phase, done, total });
    }
  };
}

/**
 * Seeds an empty database with the demo data set. Throws when org units already exist.
 * The same options give byte-identical data (ids included, on a fresh database).
 */
export async function seedDemo(
  store: Store,
  options: Partial<DemoOptions> = {},
  onProgress?: DemoProgress,
): Promise<DemoSummary> {
  const started = performance.now();
  const plan = resolvePlan(options);
  if ((await countOrgUnits(store.db)) > 0) {
    throw new Error(
      "seedDemo: the database already has org units; the demo is only seeded into an empty one",
    );
  }

  const tree = buildTree(plan);
  const unitProgress = phaseReporter(onProgress, "units", tree.units.length);
  await store.db.transaction().execute(async (trx) => {
    await writeUnits(trx, tree.units, []);
    await writeYearFacts(trx, tree.facts);
  });
  unitProgress(tree.units.length);
  const unitIds = new Map((await listAllUnits(store.db)).map((u) => [u.code, u.id]));

  const counts = caseCounts(plan, tree.communities);
  const totalCases = sum(counts);
  const seen = new Map<CaseSource, SourceSeen>();
  const caseStart = performance.now();
  await copyCases(
    store,
    chunkLines(
      caseRows(
        plan,
        tree.communities,
        unitIds,
        counts,
        seen,
        store.kind === "postgres" ? "time" : "unit",
      ),
      phaseReporter(onProgress, "cases", totalCases),
    ),
  );
  const caseSeconds = (performance.now() - caseStart) / 1000;

  const totalReturns = tree.communities.reduce(
    (s, c) => s + plan.quarters.filter((_, qi) => filesReturn(plan, c, qi)).length,
    0,
  );
  await copyReturns(
    store,
    chunkLines(
      returnRows(plan, tree.communities, unitIds, counts),
      phaseReporter(onProgress, "returns", totalReturns),
    ),
  );

  const perResponse = responseCounts(plan, tree.communities);
  const totalResponses = sum(perResponse);
  await copySurveyResponses(
    store,
    chunkLines(
      responseRows(plan, tree.communities, unitIds, perResponse),
      phaseReporter(onProgress, "responses", totalResponses),
    ),
  );

  await upsertSourceFreshness(
    store.db,
    [...seen].map(([source, s]) => ({
      source,
      lastReceivedAt: new Date(s.lastReceivedMs),
      maxReportedAt: new Date(s.maxReportedMs),
    })),
  );
  const accountProgress = phaseReporter(onProgress, "accounts", 1);
  const accounts = await createDemoAccounts(
    store.db,
    demoAccounts(tree.rootCode, tree.firstStreetCode),
    unitIds,
  );
  accountProgress(1);
  const analyzeProgress = phaseReporter(onProgress, "analyze", 1);
  await analyzeLoadedTables(store.db);
  // The bulk load went around the ingest path: move the data versions of every quarter it wrote
  // (cases resolve into the quarter after theirs), so no cached figure outlives it.
  await bumpDataVersions(
    store.db,
    plan.quarters.flatMap(({ year, quarter }) => {
      const q = { year, quarter: quarter as 1 | 2 | 3 | 4 };
      return [q, shiftQuarter(q, 1)];
    }),
  );
  analyzeProgress(1);

  const seconds = (performance.now() - started) / 1000;
  return {
    units: tree.units.length,
    cases: totalCases,
    returns: totalReturns,
    responses: totalResponses,
    seconds,
    casesPerSecond: caseSeconds > 0 ? totalCases / caseSeconds : 0,
    accounts,
  };
}
