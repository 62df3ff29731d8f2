/**
 * `npm run import -- FILE [--api URL --token T | --database-url URL | --data-dir DIR] [--json]`
 *
 * Imports a CSV or XLSX file of cases, with a progress bar. By default it opens the store
 * directly (DATABASE_URL, else the PGlite data directory DATA_DIR, default ./data; PGlite
 * cannot be shared, so stop the app first) and runs the same import as POST /cases/import,
 * with the whole tree as scope. With --api it uploads the file to a running instance instead
 * and follows the job, waiting through a restart of the server; a job the restart cut off is
 * reported as interrupted (in Chinese and English, exit code 1). --json prints the summary (and
 * the process's peak RSS) as JSON.
 */
import { openAsBlob } from "node:fs";
import { access } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { importCaseFile } from "../api/cases/files/import-file.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore, createPostgresStore, type Store } from "../api/db/client.ts";
import { migrateToLatest } from "../api/db/migrate.ts";
import { createSheetReader } from "../api/spreadsheet/read-sheet.ts";

const USAGE =
  "usage: npm run import -- FILE [--api URL --token T | --database-url URL | --data-dir DIR] [--json]";

interface Summary {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: {
    index: number;
    externalId: string | null;
    errors: { path: string; message: string }[];
  }[];
  rejectedOmitted?: number;
}

function bar(json: boolean) {
  if (json || !process.stderr.isTTY) {
    return { start() {}, update(_: number) {}, stop() {} };
  }
  const b = new cliProgress.SingleBar(
    { format: "导入 importing |{bar}| {percentage}% | {duration_formatted} | ETA {eta_formatted}" },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: () => b.start(100, 0),
    update: (f: number) => b.update(Math.round(f * 100)),
    stop: () => b.stop(),
  };
}

async function direct(
  file: string,
  opts: { databaseUrl?: string; dataDir?: string },
  json: boolean,
) {
  const config = loadConfig(process.env);
  const url = opts.databaseUrl ?? (opts.dataDir ? undefined : config.DATABASE_URL);
  const store: Store = url
    ? createPostgresStore({ connectionString: url, max: 2 })
    : await createPgliteStore(opts.dataDir ?? config.DATA_DIR);
  const progress = bar(json);
  // One reading thread: the CLI reads one file.
  const sheets = createSheetReader({ maxReadings: 1 });
  try {
    await migrateToLatest(store.db);
    progress.start();
    return await importCaseFile(store, null, file, { onProgress: progress.update, sheets });
  } finally {
    progress.stop();
    await sheets.close();
    await store.close();
  }
}

async function viaApi(file: string, api: string, token: string, json: boolean) {
  const base = api.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  const auth = { authorization: `Bearer ${token}` };
  const form = new FormData();
  form.append("file", await openAsBlob(file), basename(file));
  if (!json) process.stderr.write(`uploading ${basename(file)} to ${base} …\n`);
  const res = await fetch(`${base}/api/v1/cases/import`, {
    method: "POST",
    headers: auth,
    body: form,
  }).catch((err: Error) => {
    throw new Error(
      `上传失败：与服务器 ${base} 的连接中断，文件可能未导入完成；请重新运行此命令（重复导入的行记为未变化）。\nUpload failed: the connection to ${base} broke (${err.message}); the file may not be fully imported. Run this command again (rows imported twice count as unchanged).`,
    );
  });
  const body = (await res.json()) as Summary & { jobId?: string; detail?: string };
  if (res.status === 200) return body;
  if (res.status !== 202 || !body.jobId) throw new Error(problemText(res.status, body));
  const progress = bar(json);
  progress.start();
  let unreachableSince: number | null = null;
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      let jr: Response;
      try {
        jr = await fetch(`${base}/api/v1/jobs/${body.jobId}`, { headers: auth });
      } catch (err) {
        // The server may be restarting: keep asking; the job's fate is known once it is back.
        unreachableSince ??= Date.now();
        if (Date.now() - unreachableSince > UNREACHABLE_MS) {
          throw new Error(
            `服务器 ${base} 已 ${UNREACHABLE_MS / 1000} 秒无法连接，不再等待。\nThe server ${base} has been unreachable for ${UNREACHABLE_MS / 1000} s; giving up (${(err as Error).message}).`,
          );
        }
        continue;
      }
      unreachableSince = null;
      const job = (await jr.json()) as {
        status: string;
        progress: number;
        result?: Summary;
        error?: string;
      };
      if (jr.status !== 200) throw new Error(problemText(jr.status, job));
      progress.update(job.progress);
      if (job.status === "done") return job.result!;
      if (job.status === "failed" && job.error?.includes("interrupted")) {
        throw new Error(INTERRUPTED_TEXT);
      }
      if (job.status === "failed") {
        throw new Error(`导入任务失败：${job.error}\nimport job failed: ${job.error}`);
      }
    }
  } finally {
    progress.stop();
  }
}

/** How long the CLI waits for a server that stopped answering (a restart takes seconds). */
const UNREACHABLE_MS = 120_000;

const INTERRUPTED_TEXT = [
  "导入中断：服务器在导入完成前重启，任务已标记为失败，上传的文件已删除。已写入的批次会保留；请重新运行此命令（重复导入的行记为未变化，不会重复）。",
  "Import interrupted: the server restarted before the import finished. The job is marked failed and the uploaded file was removed. Batches already stored are kept; run this command again (rows imported twice are counted as unchanged, not duplicated).",
].join("\n");

function problemText(status: number, body: unknown) {
  const p = body as { detail?: string; errors?: { path: string; message: string }[] };
  const lines = [`HTTP ${status}: ${p.detail ?? JSON.stringify(body)}`];
  for (const e of p.errors ?? []) lines.push(`  ${e.path}: ${e.message}`);
  return lines.join("\n");
}

function print(summary: Summary) {
  const omitted = summary.rejectedOmitted ?? 0;
  const lines = [
    `received ${summary.received}, inserted ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length + omitted}`,
  ];
  if (summary.rejected.length > 0)
    lines.push("rejected rows (data row number: 1 = first row below the header):");
  for (const r of summary.rejected.slice(0, 20)) {
    lines.push(
      `  row ${r.index} (${r.externalId ?? "?"}): ${r.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    );
  }
  if (summary.rejected.length + omitted > 20)
    lines.push(`  … and ${summary.rejected.length + omitted - 20} more`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      api: { type: "string" },
      token: { type: "string" },
      "database-url": { type: "string" },
      "data-dir": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const file = positionals[0];
  if (
    !file ||
    positionals.length > 1 ||
    (values.api !== undefined) !== (values.token !== undefined)
  ) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  await access(file);
  const started = performance.now();
  const summary = values.api
    ? await viaApi(file, values.api, values.token!, values.json)
    : await direct(
        file,
        { databaseUrl: values["database-url"], dataDir: values["data-dir"] },
        values.json,
      );
  if (values.json) {
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({ ...summary, rejected: summary.rejected.length, peakRssMb, seconds })}\n`,
    );
  } else {
    print(summary);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
