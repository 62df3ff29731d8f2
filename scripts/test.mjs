#!/usr/bin/env node
// `npm test`: the one check. The system packages npm cannot bring (./system-needs.mjs), then
// typecheck (app and Worker), lint, import directions, every test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { ensureSystemNeeds } from "./system-needs.mjs";

const steps = [
  // The browser bundles first: page tests load them from dist/web.
  ["web bundles", "npx", ["tsx", "scripts/build-web.ts"]],
  ["typecheck", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["typecheck (worker)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.worker.json"]],
  ["lint", "npx", ["biome", "check", "."]],
  [
    "import directions",
    "npx",
    [
      "depcruise",
      "api",
      "shapes",
      "web",
      "metrics",
      "reports",
      "scripts",
      "bench",
      "--config",
      ".dependency-cruiser.cjs",
    ],
  ],
  [
    "tests",
    "npx",
    [
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json=test-artifacts/vitest.json",
      ...process.argv.slice(2),
    ],
  ],
];

mkdirSync("test-artifacts", { recursive: true });
let failed = false;

// What npm cannot bring (LibreOffice; Chromium where the packaged one cannot start) first.
process.stdout.write("\n=== system packages ===\n");
const checked = Date.now();
const missing = ensureSystemNeeds();
process.stdout.write(
  `=== system packages: ${missing.length === 0 ? "ok" : "MISSING"} (${((Date.now() - checked) / 1000).toFixed(1)} s)\n`,
);
for (const [name, cmd, args] of steps) {
  // Source folders that do not exist yet are left out of the import check.
  const finalArgs = args.filter(
    (a) => !/^(api|shapes|web|metrics|reports|scripts|bench)$/.test(a) || existsSync(a),
  );
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const res = spawnSync(cmd, finalArgs, {
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" },
  });
  process.stdout.write(
    `=== ${name}: ${res.status === 0 ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  // Every step runs even after a failure, so one run shows every problem.
  if (res.status !== 0) failed = true;
}

if (existsSync("test-artifacts/vitest.json")) {
  try {
    const r = JSON.parse(readFileSync("test-artifacts/vitest.json", "utf8"));
    process.stdout.write(
      `\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped\n`,
    );
    if (r.numTotalTests === 0) failed = true;
  } catch {
    // The JSON report is informative only; the exit code decides.
  }
}
for (const line of missing) process.stdout.write(`!!! ${line}\n`);
process.exit(failed ? 1 : 0);
