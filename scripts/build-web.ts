/**
 * `npm run build:web`: bundles each browser entry with esbuild into `dist/web/`, minified, under
 * content-hashed names so pages can cache them for a year. An entry is a file `web/client/*.ts`
 * whose name has no dash (`survey.ts`, `dashboard.ts`); `survey-queue.ts` and files in
 * subfolders are modules the entries import. Writes a `.gz` and a `.br` copy of each file (the
 * server sends them precompressed, no per-request compression) and, last and atomically,
 * `dist/web/manifest.json` (entry → file names with raw, gzip and brotli sizes), copies Swagger
 * UI's two files and the shipped CJK font's files beside them, then removes files of earlier
 * builds. Prints the sizes.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { cjkFontCss, cjkFontFiles } from "../reports/fonts/cjk-font-files.ts";
import { PAGE_FONT_CSS, PRINT_FONT_CSS } from "../shapes/fonts.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The files of swagger-ui-dist that /api/v1/docs uses. */
export const SWAGGER_FILES = ["swagger-ui.css", "swagger-ui-bundle.js"];

/** One built file and its transfer sizes. */
export interface WebAsset {
  file: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

/** An entry's output: its script and, when it imports CSS, its stylesheet. */
export interface WebEntry {
  js: WebAsset;
  css: WebAsset | null;
}

/** `dist/web/manifest.json`: entry name (`survey`) → its built files. */
export type WebManifest = Record<string, WebEntry>;

/** Builds every `web/client/*.ts` entry into `outDir` (default dist/web) and returns the manifest. */
export async function buildWeb(outDir = join(root, "dist/web")): Promise<WebManifest> {
  const clientDir = join(root, "web/client");
  const entries = (await readdir(clientDir))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
    .filter((f) => !f.includes("-")) // helpers (survey-queue.ts …) are imported, not entries
    .map((f) => join(clientDir, f));
  // No wipe first: a server or a test may be reading the current files while this runs.
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: entries,
    outdir: outDir,
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2020"],
    entryNames: "[name]-[hash]",
    assetNames: "[name]-[hash]",
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const manifest: WebManifest = {};
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint || !out.endsWith(".js")) continue;
    const name = basename(meta.entryPoint).replace(/\.ts$/, "");
    const js = await compress(join(root, out));
    const css = meta.cssBundle ? await compress(join(root, meta.cssBundle)) : null;
    manifest[name] = { js, css };
  }
  await writeFile(join(outDir, "manifest.json.tmp"), JSON.stringify(manifest, null, 2));
  await rename(join(outDir, "manifest.json.tmp"), join(outDir, "manifest.json"));
  const keep = new Set(
    Object.values(manifest).flatMap((e) => [e.js, e.css].flatMap((a) => (a ? [a.file] : []))),
  );
  // Swagger UI's files beside the bundles: a Worker serves /api/v1/docs from its assets (Node
  // reads them from node_modules).
  const swaggerDir = dirname(
    createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"),
  );
  for (const f of SWAGGER_FILES) {
    await copyFile(join(swaggerDir, f), join(outDir, f));
    keep.add(f);
  }
  for (const f of await copyFonts(outDir)) keep.add(f);
  for (const f of await readdir(outDir)) {
    const base = f.replace(/\.(gz|br)$/, "");
    if (f !== "manifest.json" && !keep.has(base)) await rm(join(outDir, f), { force: true });
  }
  return manifest;
}

/**
 * The shipped CJK font beside the bundles, under the flat names GET /fonts/{file} serves (a Worker
 * serves them from its assets too): the subset files (woff2 for pages, woff for print, names that
 * carry the package version, so a file already there is the same file) and their two
 * stylesheets. Returns the names written.
 */
async function copyFonts(outDir: string): Promise<string[]> {
  const names: string[] = [];
  for (const [format, css] of [
    ["woff2", PAGE_FONT_CSS],
    ["woff", PRINT_FONT_CSS],
  ] as const) {
    const files = cjkFontFiles(format);
    for (const f of files) {
      const target = join(outDir, f.name);
      const have = await stat(target).catch(() => null);
      if (!have || have.size !== (await stat(f.path)).size) await copyFile(f.path, target);
      names.push(f.name);
    }
    const cssFile = join(outDir, basename(css));
    await writeFile(cssFile, cjkFontCss(files));
    await compress(cssFile);
    names.push(basename(css));
  }
  return names;
}

async function compress(path: string): Promise<WebAsset> {
  const bytes = await readFile(path);
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  await writeFile(`${path}.gz`, gz);
  await writeFile(`${path}.br`, br);
  return { file: basename(path), bytes: bytes.length, gzip: gz.length, brotli: br.length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const manifest = await buildWeb();
  const lines = [`web bundles → ${relative(process.cwd(), join(root, "dist/web"))}/`];
  lines.push(
    `  ${"file".padEnd(40)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}`,
  );
  for (const entry of Object.values(manifest)) {
    for (const a of [entry.js, entry.css]) {
      if (!a) continue;
      lines.push(`  ${a.file.padEnd(40)}${kb(a.bytes)}${kb(a.gzip)}${kb(a.brotli)}`);
    }
  }
  const size = await stat(join(root, "dist/web/manifest.json"));
  lines.push(
    `  manifest.json ${size.size} bytes; ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}
