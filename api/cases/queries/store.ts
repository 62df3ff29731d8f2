import { type Kysely, sql, type Transaction } from "kysely";
import { quarterOf, SHANGHAI_OFFSET_MS } from "../../../shapes/periods.ts";
import type { Store } from "../../db/client.ts";
import type { DB } from "../../db/database.ts";
import { Conflict } from "../../errors.ts";
import type { CaseChanges, OnCaseChanges } from "../../indicators/case-changes.ts";
import { bumpDataVersions } from "../../indicators/queries/data-version.ts";
import { BytePool } from "../byte-pool.ts";
import { type CaseBatch, REPORTED, RESOLVED } from "../case-batch.ts";
import { caseChanges } from "./changes.ts";
import { CASE_COPY_COLUMNS, encodeCases, encodeKeys } from "./copy.ts";
import { freshnessOf, touchFreshness } from "./freshness.ts";
import { differingSlots, mergeStaged, type StagedMerge, stage, stageKeys } from "./merge.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface UnitInScope {
  id: number;
  inScope: boolean;
}

/**
 * The org units a batch names, by code, each with whether it lies in the subtree of
 * `scopeUnitId` (`null`: the whole tree). Unknown codes are absent. One query per batch.
 */
export async function unitsForIngest(
  db: Db,
  codes: readonly string[],
  scopeUnitId: number | null,
): Promise<Map<string, UnitInScope>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{ code: string; id: number; inScope: boolean }>`
    select u.code, u.id, (${scopeUnitId}::int is null or c.descendant_id is not null) as "inScope"
    from org_unit u
    left join org_closure c on c.ancestor_id = ${scopeUnitId}::int and c.descendant_id = u.id
    where u.code = any(${[...codes]}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.code, { id: r.id, inScope: r.inScope }]));
}

export interface MergeResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Slots (in the batch) of cases that exist under a unit outside the caller's scope. */
  outOfScope: number[];
}

const DAY_MS = 86_400_000;

/** How many cases `sampleStored` looks up. */
const SAMPLE = 16;

/**
 * Whether any of up to SAMPLE cases spread over the batch (its first and last among them) is
 * stored: a re-send, or a batch overlapping an earlier one, shows in the sample.
 */
async function sampleStored(db: Db, batch: CaseBatch): Promise<boolean> {
  const sources: string[] = [];
  const ids: string[] = [];
  const n = Math.min(SAMPLE, batch.size);
  for (let i = 0; i < n; i++) {
    const j = n === 1 ? 0 : Math.round((i * (batch.size - 1)) / (n - 1));
    sources.push(batch.source[j]!);
    ids.push(batch.externalId[j]!);
  }
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from unnest(${sources}::text[], ${ids}::text[]) as v(s, e)
      cross join lateral (select 1 from case_record c
        where c.source = v.s and c.external_id = v.e limit 1) x) as found`.execute(db);
  return rows[0]!.found;
}

/** The Beijing-time day (days since 1970-01-01, UTC+8) of an instant. */
const beijingDay = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);

/**
 * Stores a batch of validated cases (identities unique within the batch) in one transaction
 * with a constant number of statements whatever its size. A sample of the batch is looked up
 * first (`sampleStored`, outside the transaction: it only picks the path), then, in the
 * transaction,
 *  - when none of the sample is stored (platforms mostly send new cases): the write locks are
 *    taken (the org units the batch names, `for key share` in place of a foreign key's per-row
 *    check; then its sources) and the batch goes by binary COPY straight into case_record,
 *    nothing else to compare;
 *  - otherwise, or when that COPY meets a stored case after all (it is rolled back to a
 *    savepoint): the batch's identities and content hashes (`contentHash`, 16 bytes a case) go
 *    by COPY into a temporary table and one statement names the cases whose stored hash
 *    differs (new, changed, or stored without a hash). An identical re-send stops there: it
 *    writes no case and takes no lock. Otherwise the write locks are taken and only the cases
 *    named are encoded whole, staged and merged (`mergeStaged`, which compares rows in
 *    PostgreSQL).
 * Then the data version of every quarter a new or changed case left or entered is bumped, and
 * source freshness updated. Whatever can be encoded before the transaction is (the rows for the
 * straight COPY, the keys for a re-send), and keys are staged and compared before the lock, so
 * that a batch does that while another of its source merges.
 *
 * Concurrency: writers of the same source serialise on a transaction-scoped advisory lock, so
 * the "which exist" read cannot go stale before the write, counts are exact and two
 * overlapping batches neither deadlock nor double count. Sources are locked in hash order;
 * batches of different sources run in parallel. Should something write case_record without
 * this function (a bulk load) and collide, or an org unit vanish meanwhile, the batch rolls
 * back whole and `Conflict` says to retry it.
 *
 * A case that already exists under a unit outside `scopeUnitId`'s subtree is not touched and
 * is reported in `outOfScope`: a caller may not move a case out of another subtree. (A case
 * whose stored hash matches is stored under the unit it names, which is in scope.)
 *
 * The COPY data is written into `buffers`, the process's pool (`AppDeps.buffers.copy`); without
 * one, into buffers made for this call and left to the collector. `onChanges` (the indicator
 * engine's `applyCaseChanges`) hears, after the commit, what a batch that wrote changed.
 */
export async function storeCases(
  store: Pick<Store, "db" | "withCopy">,
  batch: CaseBatch,
  scopeUnitId: number | null,
  buffers: BytePool = new BytePool({ keep: 0, min: 64 * 1024 }),
  onChanges?: OnCaseChanges,
): Promise<MergeResult> {
  if (batch.size === 0) return { inserted: 0, updated: 0, unchanged: 0, outOfScope: [] };
  const sources = [...new Set(batch.source)];
  const unitIds = [...new Set(batch.unitId.subarray(0, batch.size))].sort((a, b) => a - b);
  // The sample is only a guess: what decides is the COPY into case_record under the lock,
  // which fails on a stored case.
  const someStored = await sampleStored(store.db, batch);
  const rows = someStored ? null : encodeCases(batch, buffers);
  let keys = someStored ? encodeKeys(batch, buffers) : null;
  let changed: Uint8Array | null = null;
  let changes: CaseChanges | null = null;
  const finish = async (trx: Transaction<DB>, merged: StagedMerge) => {
    const [result, c] = await finishWrite(trx, batch, merged, onChanges?.wanted() === true);
    changes = c;
    return result;
  };
  try {
    const result = await store.withCopy(async (trx, copyIn) => {
      let locked = false;
      /** The locks a write takes, once: the batch's org units, then its sources. */
      const lockForWrite = async () => {
        if (locked) return;
        locked = true;
        // What a foreign key's per-row trigger would do, once for the batch: the units it
        // names exist and cannot be removed before this transaction ends.
        const { rows: units } = await sql<{ id: number }>`
          select id from org_unit where id = any(${unitIds}::int[]) order by id for key share`.execute(
          trx,
        );
        if (units.length !== unitIds.length) {
          throw new Conflict("本批工单涉及的单位刚被删除，请重新发送本批");
        }
        await sql`
          select count(pg_advisory_xact_lock(2369, h))
          from (select distinct hashtext(s) as h from unnest(${sources}::text[]) as s order by h) t`.execute(
          trx,
        );
      };
      if (rows !== null) {
        await lockForWrite();
        await sql`savepoint all_new`.execute(trx);
        try {
          await copyIn("case_record", CASE_COPY_COLUMNS, rows);
          return finish(trx, {
            inserted: batch.size,
            updated: 0,
            unchanged: 0,
            outOfScope: [],
            days: batchDays(batch),
          });
        } catch (err) {
          if ((err as { code?: unknown }).code !== "23505") throw err;
          await sql`rollback to savepoint all_new`.execute(trx);
          keys = encodeKeys(batch, buffers);
          await stageKeys(trx, copyIn, keys);
        }
      } else {
        // Neither staging nor comparing needs a lock: a batch that turns out identical writes
        // nothing and never waits for another of its source.
        await stageKeys(trx, copyIn, keys!);
      }
      const differ = await differingSlots(trx);
      const same = batch.size - differ.length;
      if (differ.length === 0) {
        return finish(trx, {
          inserted: 0,
          updated: 0,
          unchanged: same,
          outOfScope: [],
          days: [],
        });
      }
      // The merge compares the rows again under the lock: what it writes and counts is
      // current. A case found identical before the lock was so when read; counting it
      // unchanged orders this batch before any writer that changed it since.
      await lockForWrite();
      changed = encodeCases(batch, buffers, differ);
      await stage(trx, copyIn, changed);
      const merged = await mergeStaged(trx, scopeUnitId);
      return finish(trx, { ...merged, unchanged: merged.unchanged + same });
    });
    if (changes !== null) onChanges?.heard(changes);
    return result;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === "23505") {
      throw new Conflict("另一次写入刚刚保存了本批中的部分工单，请重新发送本批");
    }
    throw err;
  } finally {
    for (const data of [rows, keys, changed]) if (data !== null) buffers.give(data);
  }
}

/**
 * The end of `storeCases`' transaction: data versions, freshness, the result, and when `tell`,
 * the changes for the indicator engine.
 */
async function finishWrite(
  trx: Transaction<DB>,
  batch: CaseBatch,
  merged: StagedMerge,
  tell: boolean,
): Promise<[MergeResult, CaseChanges | null]> {
  const { inserted, updated, unchanged } = merged;
  const outOfScope = slotsOf(batch, merged.outOfScope);
  let changes: CaseChanges | null = null;
  if (inserted + updated > 0) {
    const quarters = merged.days.map((d) => quarterOf(new Date(d * DAY_MS - SHANGHAI_OFFSET_MS)));
    await bumpDataVersions(trx, quarters);
    if (tell) {
      const rows = merged.after ? { before: merged.before ?? [], after: merged.after } : { batch };
      changes = await caseChanges(trx, quarters, rows);
    }
  }
  await touchFreshness(trx, freshnessOf(batch, outOfScope));
  return [{ inserted, updated, unchanged, outOfScope }, changes];
}

/** The distinct Beijing days the batch's cases were reported or resolved on. */
function batchDays(batch: CaseBatch): number[] {
  const days = new Set<number>();
  for (let j = 0; j < batch.size; j++) {
    days.add(beijingDay(batch.times[j * 4 + REPORTED]!));
    const resolved = batch.times[j * 4 + RESOLVED]!;
    if (!Number.isNaN(resolved)) days.add(beijingDay(resolved));
  }
  return [...days];
}

/** The slots of the batch holding these identities (`[source, externalId]` pairs). */
function slotsOf(batch: CaseBatch, identities: readonly [string, string][]): number[] {
  if (identities.length === 0) return [];
  const wanted = new Set(identities.map(([s, e]) => `${s}\u0000${e}`));
  const slots: number[] = [];
  for (let j = 0; j < batch.size; j++) {
    if (wanted.has(`${batch.source[j]}\u0000${batch.externalId[j]}`)) slots.push(j);
  }
  return slots;
}
