import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { compiled } from "./own-modules.ts";

/**
 * The code a worker thread starts with to run the module at `entry` (ownModuleUrl): compiled, the
 * built file as it is; from source, tsx's loader first (a worker does not inherit the loader of a
 * test runner), then the TypeScript entry. Pass it to `new Worker(code, { eval: true })`.
 */
export function threadBootCode(entry: string): string {
  if (compiled) return `import(${JSON.stringify(entry)});`;
  const require = createRequire(import.meta.url);
  // The ESM build of tsx/esm/api, as the package's exports name it.
  const pkg = require.resolve("tsx/package.json");
  const exports = (require(pkg) as { exports: Record<string, { import: { default: string } }> })
    .exports;
  const api = pathToFileURL(join(dirname(pkg), exports["./esm/api"]!.import.default)).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}
