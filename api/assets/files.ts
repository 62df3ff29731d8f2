/**
 * Node's asset readers: files of one folder (dist/web, swagger-ui-dist) by flat name, for
 * `AppDeps.readWebAsset` and `readAsset`. Workers read the same names through their [assets]
 * binding (api/worker.ts).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isAssetName } from "./web-asset.ts";

/** Reads `name` from `dir`; null for a missing file or a name that is not flat. */
export function fileAssetReader(dir: string): (name: string) => Promise<Uint8Array | null> {
  return async (name) => {
    if (!isAssetName(name)) return null;
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch {
      return null;
    }
  };
}
