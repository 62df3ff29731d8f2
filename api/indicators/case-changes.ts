/**
 * What a case write tells the indicator engine once its transaction has committed, so that the
 * figures it keeps follow the write incrementally (fresh.ts) instead of being rebuilt from the
 * quarter's cases: the before and after versions of every case it changed, and the data
 * versions and tree fingerprint as the write's transaction left them. Built by the cases area
 * (api/cases/queries/store.ts), handed to `IndicatorEngine.applyCaseChanges`.
 */

/**
 * Cases as the indicators read them, in columns (one entry per case version): case_record's
 * columns, `counted` (not exempt) and the weight `w`: −1 for a version the write replaced or
 * left, +1 for the version it stored. Times are ISO strings (exact to the microsecond).
 */
export interface CaseFacts {
  unitId: number[];
  kind: string[];
  channel: string[];
  reportedAt: string[];
  respondedAt: (string | null)[];
  resolvedAt: (string | null)[];
  deadlineAt: (string | null)[];
  firstPass: boolean[];
  complaint: boolean[];
  online: boolean[];
  callback: (string | null)[];
  counted: boolean[];
  w: number[];
}

/** One case version, as a row of {@link CaseFacts}. */
export type CaseFact = { [K in keyof CaseFacts]: CaseFacts[K][number] };

export interface CaseChanges {
  /** The org tree's fingerprint in the write's transaction. */
  treeKey: string;
  /** Data versions of every quarter of the years the write touched, after its bumps. */
  versions: ReadonlyMap<string, number>;
  /** The quarters the write bumped (by one each), as `2026Q3`. */
  bumped: readonly string[];
  facts: CaseFacts;
}

/** Called by a case write after its commit (the engine's `applyCaseChanges`). */
export type OnCaseChanges = (changes: CaseChanges) => void;

export function emptyFacts(): CaseFacts {
  return {
    unitId: [],
    kind: [],
    channel: [],
    reportedAt: [],
    respondedAt: [],
    resolvedAt: [],
    deadlineAt: [],
    firstPass: [],
    complaint: [],
    online: [],
    callback: [],
    counted: [],
    w: [],
  };
}

export function pushFact(facts: CaseFacts, fact: CaseFact): void {
  for (const k of Object.keys(facts) as (keyof CaseFacts)[]) {
    (facts[k] as unknown[]).push(fact[k]);
  }
}

/** The data versions before the write: each bumped quarter one lower. */
export function versionsBefore(changes: CaseChanges): Map<string, number> {
  const before = new Map(changes.versions);
  for (const p of changes.bumped) before.set(p, (before.get(p) ?? 1) - 1);
  return before;
}
