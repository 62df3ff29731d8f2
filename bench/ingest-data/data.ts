/**
 * Data for `bench/ingest.ts`: a district of 300 communities and N deterministic cases, as
 * batch request bodies, COPY text and a Chinese-header CSV (the same cases in each).
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { CALLBACK_VERDICTS, CASE_CHANNELS, CASE_KINDS } from "../../api/db/tables/case-record.ts";
import { CASE_COLUMNS } from "../../scripts/demo/queries.ts";

/** Cases per request body. */
export const BATCH = 10_000;

/** Deterministic PRNG (mulberry32): the same cases every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = CASE_KINDS;
const CHANNELS = CASE_CHANNELS;
const CALLBACKS = [null, ...CALLBACK_VERDICTS];
const CATEGORIES = ["环境卫生", "市容秩序", "噪音扰民", "道路设施", "低保申请", "养老认证", null];
const START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 Beijing
const SPAN = 270 * 86_400_000;

export interface BenchCase {
  source: string;
  externalId: string;
  orgUnit: string;
  kind: string;
  channel: string;
  category: string | null;
  reportedAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  deadlineAt: string;
  firstPass: boolean;
  complaint: boolean;
  online: boolean;
  callback: string | null;
}

export function* cases(n: number, units: readonly string[], source: string): Generator<BenchCase> {
  const r = prng(369);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    // A platform sends cases roughly as they come: reportedAt follows the case number across
    // the 270 days, give or take an hour.
    const rep = START + Math.floor(((i / n) * SPAN + r() * 3_600_000) / 1000) * 1000;
    const resolved = r() < 0.9 ? rep + Math.floor(r() * 5 * 86_400) * 1000 : null;
    yield {
      source,
      externalId: `W${String(i).padStart(8, "0")}`,
      orgUnit: pick(units),
      kind: pick(KINDS),
      channel: pick(CHANNELS),
      category: pick(CATEGORIES),
      reportedAt: new Date(rep).toISOString(),
      respondedAt: r() < 0.95 ? new Date(rep + 600_000).toISOString() : null,
      resolvedAt: resolved === null ? null : new Date(resolved).toISOString(),
      deadlineAt: new Date(rep + 3 * 86_400_000).toISOString(),
      firstPass: r() < 0.8,
      complaint: r() < 0.05,
      online: r() < 0.3,
      callback: pick(CALLBACKS),
    };
  }
}

/** The columns the benchmark writes (received_at and updated_at take their defaults). */
export const COLUMNS = CASE_COLUMNS.filter((c) => c !== "received_at" && c !== "updated_at");

/** The cases as COPY text, in chunks of 5,000 lines. */
export function copyChunks(
  n: number,
  units: readonly string[],
  unitIds: ReadonlyMap<string, number>,
) {
  const chunks: string[] = [];
  let lines: string[] = [];
  const f = (v: string | null) => (v === null ? "\\N" : v);
  for (const c of cases(n, units, "copy")) {
    lines.push(
      [
        c.source,
        c.externalId,
        unitIds.get(c.orgUnit),
        c.kind,
        c.channel,
        f(c.category),
        c.reportedAt,
        f(c.respondedAt),
        f(c.resolvedAt),
        c.deadlineAt,
        c.firstPass ? "t" : "f",
        c.complaint ? "t" : "f",
        c.online ? "t" : "f",
        f(c.callback),
      ].join("\t"),
    );
    if (lines.length === 5000) {
      chunks.push(`${lines.join("\n")}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(`${lines.join("\n")}\n`);
  return chunks;
}

export function bodies(n: number, units: readonly string[]) {
  const out: string[] = [];
  let batch: BenchCase[] = [];
  for (const c of cases(n, units, "12345")) {
    batch.push(c);
    if (batch.length === BATCH) {
      out.push(JSON.stringify({ cases: batch }));
      batch = [];
    }
  }
  if (batch.length > 0) out.push(JSON.stringify({ cases: batch }));
  return out;
}

export async function writeCsv(path: string, n: number, units: readonly string[]) {
  const out = createWriteStream(path);
  out.write(
    "来源,工单编号,单位编码,类型,渠道,类别,上报时间,响应时间,办结时间,办理时限,一次办结,投诉,网上办理,回访结果\n",
  );
  const yn = (b: boolean) => (b ? "是" : "否");
  for (const c of cases(n, units, "csv")) {
    const line = `${c.source},${c.externalId},${c.orgUnit},${c.kind},${c.channel},${c.category ?? ""},${c.reportedAt},${c.respondedAt ?? ""},${c.resolvedAt ?? ""},${c.deadlineAt},${yn(c.firstPass)},${yn(c.complaint)},${yn(c.online)},${c.callback ?? ""}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** A district of 300 communities under 20 streets. */
export function tree() {
  const units: { code: string; name: string; level: string; parentCode?: string }[] = [
    { code: "310101", name: "测试区", level: "district" },
  ];
  const communities: string[] = [];
  for (let s = 1; s <= 20; s++) {
    const sc = `310101${String(s).padStart(3, "0")}`;
    units.push({ code: sc, name: `第${s}街道`, level: "street", parentCode: "310101" });
    for (let c = 1; c <= 15; c++) {
      const cc = `${sc}${String(c).padStart(3, "0")}`;
      units.push({ code: cc, name: `第${c}社区`, level: "community", parentCode: sc });
      communities.push(cc);
    }
  }
  return { units, communities };
}
