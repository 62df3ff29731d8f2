/**
 * `npm run build:server`: compiles the Node server to plain JavaScript in `dist/server/`, so that
 * `npm start` runs `node dist/server/node.mjs` rather than transpiling TypeScript at run time.
 * Running under tsx costs every process a loader thread and each module its transpiled copy:
 * measured on 2 cores, the server at rest on PostgreSQL took 221–234 MB RSS under tsx against
 * 143–147 MB compiled, and a 250,589-row XLSX export peaked at 307 MB against 232–237 MB
 * (`npm run bench -- export`, with and without `--source`).
 *
 * esbuild bundles our code (the server entry and the modules loaded by path: worker threads'
 * entries and the report modules, with what they share as chunks) and leaves the npm packages as
 * imports from node_modules. Every output sits in one flat folder, so a module loaded by path is
 * `new URL("./<its flat name>.mjs", import.meta.url)` from any file (api/runtime/own-modules.ts).
 * Source maps go beside the files; `npm start` turns them on, so stack traces in the log name
 * the TypeScript source. The folder is emptied first, so no chunk of an earlier build lingers: a
 * server still running from it is restarted after a build (as `npm start` does).
 */
import { rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { compiledFile, OWN_MODULES } from "../api/runtime/own-modules.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The entries: the server as `node.mjs`, and our modules loaded by path at run time (worker
 * threads, report modules) under the flat names api/runtime/own-modules.ts gives them.
 */
export const SERVER_ENTRIES: Record<string, string> = {
  node: "api/node.ts",
  ...Object.fromEntries(
    Object.values(OWN_MODULES).map((path) => [compiledFile(path).replace(/\.mjs$/, ""), path]),
  ),
};

/**
 * Compiles `entries` (output name → path from the project root) into `outDir`; returns the files
 * written.
 */
export async function buildNode(
  entries: Record<string, string>,
  outDir: string,
  opts: { sourcemap?: boolean } = {},
): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([n, p]) => [n, join(root, p)])),
    outdir: outDir,
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    sourcemap: opts.sourcemap ?? true,
    metafile: true,
    logLevel: "warning",
  });
  return Object.keys(result.metafile.outputs);
}

/** Builds the server into `dist/server`. */
export function buildServer(outDir = join(root, "dist/server")): Promise<string[]> {
  return buildNode(SERVER_ENTRIES, outDir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const files = await buildServer();
  const code = files.filter((f) => f.endsWith(".mjs"));
  process.stdout.write(
    `built ${code.length} files (${Object.keys(SERVER_ENTRIES).length} entries) into ${relative(process.cwd(), join(root, "dist/server")) || "."} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
