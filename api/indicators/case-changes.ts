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

/**
 * Who hears a case write's changes after its commit (the indicator engine). A write builds the
 * changes only when `wanted()` says at its end that something would use them: building them
 * costs about as much as scanning the batch again, and nothing uses them while no figures are
 * in use (a bulk load before anyone looks).
 */
export interface OnCaseChanges {
  wanted(): boolean;
  heard(changes: CaseChanges): void;
}

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
  facts.unitId.push(fact.unitId);
  facts.kind.push(fact.kind);
  facts.channel.push(fact.channel);
  facts.reportedAt.push(fact.reportedAt);
  facts.respondedAt.push(fact.respondedAt);
  facts.resolvedAt.push(fact.resolvedAt);
  facts.deadlineAt.push(fact.deadlineAt);
  facts.firstPass.push(fact.firstPass);
  facts.complaint.push(fact.complaint);
  facts.online.push(fact.online);
  facts.callback.push(fact.callback);
  facts.counted.push(fact.counted);
  facts.w.push(fact.w);
}

/** The data versions before the write: each bumped quarter one lower. */
export function versionsBefore(changes: CaseChanges): Map<string, number> {
  const before = new Map(changes.versions);
  for (const p of changes.bumped) before.set(p, (before.get(p) ?? 1) - 1);
  return before;
}
