import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The code a worker thread starts with to run the TypeScript module `entry` (a file URL): tsx's
 * loader first (the app runs under tsx; a worker does not inherit the loader of a test runner),
 * then the entry. Pass it to `new Worker(code, { eval: true })`.
 */
export function threadBootCode(entry: string): string {
  const require = createRequire(import.meta.url);
  // The ESM build of tsx/esm/api, as the package's exports name it.
  const pkg = require.resolve("tsx/package.json");
  const exports = (require(pkg) as { exports: Record<string, { import: { default: string } }> })
    .exports;
  const api = pathToFileURL(join(dirname(pkg), exports["./esm/api"]!.import.default)).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}
