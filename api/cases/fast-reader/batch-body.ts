import { HTTPException } from "hono/http-exception";
import { Invalid, zodFieldErrors } from "../../errors.ts";
import { hostileValue } from "../../http/input-rules.ts";
import { CaseBatch } from "../case-batch.ts";
import type { ScannedBatch } from "../scanned-batch.ts";
import { CaseBatchBody } from "../schema.ts";
import { scanParts } from "./batch-scanner.ts";
import type { ScanParts } from "./scanned.ts";

/**
 * Reading the body of POST /cases/batch, `{"cases": [ … ]}` as UTF-8 bytes.
 *
 * The reference reading is the obvious one: decode the bytes, `JSON.parse`, check the envelope,
 * then check each record (validate.ts). On a 10,000-case body that is most of the request's
 * CPU: decoding 3–4 MB of text with Chinese in it, a tree of 10,000 objects and 140,000
 * strings, most of them (timestamps, repeated codes) thrown away right after, and the garbage
 * collection all that costs. `scanCaseBatch` reads the common case straight from the bytes
 * into columns: a record whose fields are plainly valid (strings without escapes, timestamps
 * in the canonical shape, enums spelled exactly) is checked here by the same rules as
 * validate.ts and costs one string, its externalId (sources, unit codes and categories are
 * interned: each distinct value becomes a string once per body). `scanParts` gives the same
 * as plain data, which is what a scanning thread (scan-pool.ts) sends back.
 *
 * It is an optimisation, never a second set of rules: it accepts a record only when the
 * reference would accept it with the same values, and leaves every other record to the
 * reference (`recordAt` gives `JSON.parse` of its own bytes), so every message comes from
 * validate.ts. A body it does not plainly understand (a syntax error, a key with escapes,
 * "cases" twice, deep nesting) is left whole to `referenceCaseBatch`. The differential test
 * (batch-body.test.ts) checks both readings give the same summary on random bodies.
 */

/** The reference reading: malformed JSON → 400, a wrong envelope → 422 naming `body.cases`. */
export function referenceCaseBatch(body: Uint8Array): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(body));
  } catch {
    throw new HTTPException(400, { message: "请求体不是合法的 JSON" });
  }
  const checked = CaseBatchBody.safeParse(parsed);
  if (!checked.success) {
    throw new Invalid("请求未通过校验，见 errors 中各字段", zodFieldErrors(checked.error, "body"));
  }
  // Nesting is refused for the whole body, as on every route; text is checked record by record
  // (validate.ts), so that one bad record does not refuse its batch.
  const deep = hostileValue(parsed, "body", { depthOnly: true });
  if (deep) throw new Invalid("请求中有无法接受的值", [deep]);
  return checked.data.cases;
}

/** The fast reading; `null` when the body is anything but plainly well-formed. */
export function scanCaseBatch(body: Uint8Array, nowMs: number): ScannedBatch | null {
  const parts = scanParts(body, nowMs);
  return parts === null ? null : scannedBatch(body, parts);
}

/** The parts `scanParts` read from `body`, as a ScannedBatch over that body. */
export function scannedBatch(body: Uint8Array, parts: ScanParts): ScannedBatch {
  const { starts, ends, strings, fast: f } = parts;
  const n = f.size;
  const texts = f.texts.map((column) => {
    if (!(column instanceof Int32Array)) return column;
    const values: (string | null)[] = new Array(n);
    for (let j = 0; j < n; j++) {
      const ix = column[j]!;
      values[j] = ix < 0 ? null : strings[ix]!;
    }
    return values;
  });
  const codes: string[] = new Array(n);
  const unitSeen = new Uint8Array(strings.length);
  const unitCodes: string[] = [];
  for (let j = 0; j < n; j++) {
    const u = f.unit[j]!;
    codes[j] = strings[u]!;
    if (unitSeen[u] === 0) {
      unitSeen[u] = 1;
      unitCodes.push(strings[u]!);
    }
  }
  return {
    count: parts.count,
    fast: CaseBatch.fromColumns({
      size: n,
      texts,
      unitId: new Int32Array(n),
      enums: f.enums,
      flags: f.flags,
      times: f.times,
      ints: f.ints,
      position: f.position,
    }),
    codes,
    unitCodes,
    slow: parts.slow,
    recordAt: (k) => JSON.parse(decoder.decode(body.subarray(starts[k], ends[k]))),
  };
}

const decoder = new TextDecoder();
