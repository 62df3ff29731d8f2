/**
 * Seeds the demo data set into an empty database.
 *
 *   npx tsx scripts/seed-demo.ts [--scale demo|district|city] [--cases N] [--seed N]
 *                                [--database-url URL | --data-dir DIR]
 *
 * PostgreSQL when --database-url or DATABASE_URL is given, else PGlite in --data-dir (default
 * ./data). Applies the migrations first; refuses a database that already has org units.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { createPgliteStore, createPostgresStore, type Store } from "../api/db/client.ts";
import { migrateToLatest } from "../api/db/migrate.ts";
import { DEMO_PASSWORD, type DemoOptions, seedDemo } from "./demo/generate.ts";
import { countOrgUnits } from "./demo/queries.ts";

const USAGE =
  "usage: npx tsx scripts/seed-demo.ts [--scale demo|district|city] [--cases N] [--seed N] [--database-url URL | --data-dir DIR]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const ARGS = {
  scale: { type: "string" },
  cases: { type: "string" },
  seed: { type: "string" },
  "database-url": { type: "string" },
  "data-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parseCommandLine() {
  try {
    return parseArgs({ options: ARGS, strict: true }).values;
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

function parseOptions(): {
  options: Partial<DemoOptions>;
  url: string | undefined;
  dataDir: string;
} {
  const values = parseCommandLine();
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const options: Partial<DemoOptions> = {};
  if (values.scale !== undefined) {
    if (values.scale !== "demo" && values.scale !== "district" && values.scale !== "city") {
      fail(`--scale must be demo, district or city\n${USAGE}`);
    }
    options.scale = values.scale;
  }
  const int = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v.replaceAll("_", ""));
    if (!Number.isSafeInteger(n) || n < 0)
      fail(`--${name} must be a non-negative integer\n${USAGE}`);
    return n;
  };
  const cases = int("cases", values.cases);
  if (cases !== undefined) options.casesPerYear = cases;
  const seed = int("seed", values.seed);
  if (seed !== undefined) options.seed = seed;
  if (values["database-url"] !== undefined && values["data-dir"] !== undefined) {
    fail(`give --database-url or --data-dir, not both\n${USAGE}`);
  }
  const url =
    values["database-url"] ??
    (values["data-dir"] === undefined ? process.env.DATABASE_URL : undefined);
  return {
    options,
    url: url || undefined,
    dataDir: values["data-dir"] ?? process.env.DATA_DIR ?? "./data",
  };
}

async function main(): Promise<void> {
  const { options, url, dataDir } = parseOptions();
  const store: Store = url
    ? createPostgresStore({ connectionString: url })
    : await createPgliteStore(dataDir);
  const where = url ? `PostgreSQL ${url.replace(/\/\/[^@/]*@/, "//…@")}` : `PGlite in ${dataDir}`;
  try {
    await migrateToLatest(store.db);
    const existing = await countOrgUnits(store.db);
    if (existing > 0) {
      console.error(
        `${where} already has ${existing} org units; the demo is only seeded into an empty database.`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(`Seeding ${options.scale ?? "demo"} data into ${where}…`);
    const bar = new cliProgress.SingleBar(
      {
        format: " {phase} |{bar}| {percentage}% {value}/{total} {eta_formatted}",
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let phase = "";
    const summary = await seedDemo(store, options, (p) => {
      if (p.phase !== phase) {
        if (phase !== "") bar.stop();
        phase = p.phase;
        bar.start(p.total, p.done, { phase: p.phase.padEnd(9) });
      } else bar.update(p.done);
    });
    bar.stop();
    const fmt = (n: number) => n.toLocaleString("en-US");
    console.log(
      [
        `units      ${fmt(summary.units)}`,
        `cases      ${fmt(summary.cases)}`,
        `returns    ${fmt(summary.returns)}`,
        `responses  ${fmt(summary.responses)}`,
        `time       ${summary.seconds.toFixed(1)} s (cases ${fmt(Math.round(summary.casesPerSecond))}/s)`,
      ].join("\n"),
    );
    if (summary.accounts.length > 0) {
      console.log(`accounts (password ${DEMO_PASSWORD}):`);
      for (const a of summary.accounts) {
        console.log(
          `  ${a.username.padEnd(14)} ${a.role.padEnd(9)} ${(a.orgUnit ?? "—").padEnd(10)} ${a.description}`,
        );
      }
    }
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
