import type { Transaction } from "kysely";
import { formatPeriod, type Quarter } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import {
  type CaseChanges,
  type CaseFact,
  type CaseFacts,
  emptyFacts,
  pushFact,
} from "../../indicators/case-changes.ts";
import { dataVersionsOfYears, treeFingerprint } from "../../indicators/queries/state.ts";
import type { CaseBatch } from "../case-batch.ts";
import { ENUM_FIELDS, ENUMS, SLOT, TIMES } from "../contract/layout.ts";

// What a stored batch tells the indicator engine after its commit (api/indicators/
// case-changes.ts): built in `storeCases`' transaction, after the data versions were bumped.

/**
 * The changes of a committed write: `before`/`after` are the merge's rows (merge.ts:
 * FACT_COLUMNS then counted), or, for a batch copied whole (all new), `batch` itself.
 */
export async function caseChanges(
  trx: Transaction<DB>,
  bumped: readonly Quarter[],
  rows: { batch: CaseBatch } | { before: unknown[][]; after: unknown[][] },
): Promise<CaseChanges> {
  const years = [...new Set(bumped.map((q) => q.year))];
  const [treeKey, versions] = await Promise.all([
    treeFingerprint(trx),
    dataVersionsOfYears(trx, years),
  ]);
  const facts = emptyFacts();
  if ("batch" in rows) batchFacts(rows.batch, facts);
  else {
    for (const r of rows.before) pushFact(facts, rowFact(r, -1));
    for (const r of rows.after) pushFact(facts, rowFact(r, 1));
  }
  return { treeKey, versions, bumped: [...new Set(bumped.map(formatPeriod))], facts };
}

function rowFact(r: unknown[], w: number): CaseFact {
  const [unitId, kind, channel, reportedAt, respondedAt, resolvedAt, deadlineAt] = r as [
    number,
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
  ];
  return {
    unitId,
    kind,
    channel,
    reportedAt,
    respondedAt,
    resolvedAt,
    deadlineAt,
    firstPass: r[7] === true,
    complaint: r[8] === true,
    online: r[9] === true,
    callback: (r[10] as string | null) ?? null,
    counted: r[11] === true,
    w,
  };
}

/** Every case of a batch stored as new (not exempt: no appeal names a new case). */
function batchFacts(batch: CaseBatch, facts: CaseFacts): void {
  const time = (j: number, slot: number) => {
    const ms = batch.times[j * TIMES + slot]!;
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  };
  const enumAt = (j: number, name: string) => {
    const slot = SLOT[name as keyof typeof SLOT];
    const v = batch.enums[j * ENUMS + slot]!;
    return v === 0 ? null : (ENUM_FIELDS[slot]!.values[v - 1] as string);
  };
  const flag = (j: number, name: string) =>
    ((batch.flags[j]! >> SLOT[name as keyof typeof SLOT]) & 1) === 1;
  for (let j = 0; j < batch.size; j++) {
    pushFact(facts, {
      unitId: batch.unitId[j]!,
      kind: enumAt(j, "kind")!,
      channel: enumAt(j, "channel")!,
      reportedAt: time(j, SLOT.reportedAt)!,
      respondedAt: time(j, SLOT.respondedAt),
      resolvedAt: time(j, SLOT.resolvedAt),
      deadlineAt: time(j, SLOT.deadlineAt),
      firstPass: flag(j, "firstPass"),
      complaint: flag(j, "complaint"),
      online: flag(j, "online"),
      callback: enumAt(j, "callback"),
      counted: true,
      w: 1,
    });
  }
}
