import { z } from "zod";
import { cronProblem, DEFAULT_REMINDER_CRON, DEFAULT_REPORT_CRON } from "./jobs/cron.ts";

/**
 * The app's whole configuration, read once from the environment (Node's `process.env` or a
 * Worker's `env` bindings) and frozen. Nothing else in the code reads environment variables.
 */
const Config = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default("0.0.0.0"),
  SEED_DEMO: z
    .enum(["0", "1", "true", "false"])
    .default("1")
    .transform((v) => v === "1" || v === "true"),
  ADMIN_PASSWORD: z.string().min(8, "ADMIN_PASSWORD must be at least 8 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Proxies whose X-Forwarded-For is believed (Node): comma-separated IPs and CIDRs
   * (`127.0.0.1,10.0.0.0/8`). Empty: none, the socket's address is the client's.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(
      z.array(
        z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
          error: "TRUSTED_PROXIES: each entry must be an IP address or a CIDR range",
        }),
      ),
    ),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Largest file POST /cases/import takes (MiB), enforced while the upload streams. */
  IMPORT_MAX_MB: z.coerce.number().positive().max(4096).default(512),
  /** Public survey submissions per minute per client; 0 turns the limit off (benchmarks). */
  SURVEY_RATE_LIMIT: z.coerce.number().int().min(0).default(30),
  /** Salt of respondents' client hashes; default: random per process (hashes then match within one run only). */
  SURVEY_HASH_SALT: z.string().min(16).optional(),
  /**
   * When scheduled report drafts are made (five-field cron, read in REPORT_TIMEZONE); "off" turns
   * the schedule off. Default: 02:00 on the 5th of January, April, July and October.
   */
  REPORT_CRON: z
    .string()
    .default(DEFAULT_REPORT_CRON)
    .refine((v) => v === "off" || cronProblem(v) === null, {
      message: "REPORT_CRON must be a five-field cron expression or 'off'",
    }),
  REPORT_TIMEZONE: z.string().default("Asia/Shanghai"),
  /**
   * When the daily rectification reminder runs (five-field cron, read in REPORT_TIMEZONE); "off"
   * turns it off. Default: 09:00 every day.
   */
  REMINDER_CRON: z
    .string()
    .default(DEFAULT_REMINDER_CRON)
    .refine((v) => v === "off" || cronProblem(v) === null, {
      message: "REMINDER_CRON must be a five-field cron expression or 'off'",
    }),
  /** Report pages Chromium renders at once (one shared browser). */
  REPORT_PAGES: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * The Chromium that prints reports. Unset: the system's (/usr/bin/chromium …), else the one
   * shipped in the npm package @sparticuz/chromium (reports/pdf/find-chromium.ts).
   */
  CHROMIUM_PATH: z.string().min(1).optional(),
  /** "off": use CHROMIUM_PATH only, never the system's or the npm package's Chromium. */
  CHROMIUM_FALLBACK: z.enum(["on", "off"]).default("on"),
  /**
   * Worker threads that read POST /cases/batch bodies (Node); 0 reads them on the main thread.
   * Default: the cores but one, at most 4 (at least 1).
   */
  INGEST_THREADS: z.coerce.number().int().min(0).max(16).optional(),
});

export type Config = Readonly<z.infer<typeof Config>>;

/** Builds the config from an environment record; throws with every bad variable named. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = Config.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return Object.freeze(parsed.data);
}
