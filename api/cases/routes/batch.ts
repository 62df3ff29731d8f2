import type { Readable } from "node:stream";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../../env.ts";
import { TooLarge } from "../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { MAX_BATCH } from "../ingest.ts";
import { readCaseBatch } from "../read-batch.ts";
import { CaseBatchBody, IngestSummary } from "../schema.ts";

const route = createRoute({
  method: "post",
  path: "/cases/batch",
  tags: ["cases"],
  summary: "Ingest a batch of cases (upsert by source + externalId)",
  description:
    "Each case is checked on its own: good ones are stored, bad ones come back in `rejected` with each field named. " +
    "Re-sending a case updates it (`updated`), or changes nothing when it is identical (`unchanged`). " +
    "Of two cases with the same source and externalId in one batch the later is kept, the earlier rejected as a duplicate. " +
    "The batch is stored in one transaction. Cases must lie, and already stored cases must already lie, inside your scope.",
  middleware: [authorize("cases.ingest")] as const,
  request: { body: jsonBody(CaseBatchBody) },
  responses: {
    200: jsonResponse(IngestSummary, "Counts, and each rejected case with its reasons"),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

/** What @hono/node-server puts in `c.env`: the Node request, a stream of Buffers. */
interface NodeBindings {
  incoming?: Readable;
}

/** The largest body taken: 10,000 cases of the longest fields with room to spare. */
const BATCH_BODY_LIMIT = 32 * 1024 * 1024;

const tooLarge = () => new TooLarge(`请求体超过 ${BATCH_BODY_LIMIT / 1024 / 1024} MiB 上限`);

/**
 * The request body as bytes, at most BATCH_BODY_LIMIT (else 413), and a `release` to call once
 * nothing reads it any more. On Node it is read straight from the request stream into one
 * pooled buffer (the web Request body would pass each chunk through a ReadableStream and copy
 * it once more); elsewhere (Workers, `app.request` in tests) through the Request. The app's
 * generic body limit leaves this route alone: it would open the web stream, which starts
 * draining the Node one.
 */
async function readBody(c: Context<AppEnv>): Promise<{ body: Uint8Array; release(): void }> {
  const declared = Number(c.req.header("content-length") ?? Number.NaN);
  // Shared memory, so that a scanning thread reads the body where it is.
  const { bodies } = c.get("deps").buffers;
  if (declared > BATCH_BODY_LIMIT) throw tooLarge();
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!incoming?.readable) {
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.length > BATCH_BODY_LIMIT) throw tooLarge();
    return { body, release() {} };
  }
  let buf = bodies.take(Number.isSafeInteger(declared) ? declared : 1 << 20);
  let at = 0;
  try {
    // Plain "data" events: an async iterator would cost a promise per 64 KB chunk.
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        incoming.off("data", onData);
        incoming.destroy();
        reject(err);
      };
      const onData = (chunk: Buffer) => {
        if (at + chunk.length > buf.length) {
          if (at + chunk.length > BATCH_BODY_LIMIT) return fail(tooLarge());
          const grown = bodies.take(at + chunk.length);
          grown.set(buf.subarray(0, at));
          bodies.give(buf);
          buf = grown;
        }
        buf.set(chunk, at);
        at += chunk.length;
      };
      incoming.on("data", onData);
      incoming.once("end", resolve);
      // A client gone mid-body: the stream errs (a reset) or just closes, and no "end" ever
      // comes (after "end", these settle nothing).
      const ended = () => reject(new HTTPException(400, { message: "请求体未传完即中断" }));
      incoming.once("error", ended);
      incoming.once("close", ended);
    });
  } catch (err) {
    bodies.give(buf);
    throw err;
  }
  const whole = buf;
  return { body: buf.subarray(0, at), release: () => bodies.give(whole) };
}

/**
 * The route is documented with its schema but reads its body itself (read-batch.ts): the
 * generic JSON validator would decode and parse 10,000 cases the slow way first.
 */
export function registerCaseBatch(app: Router) {
  app.openAPIRegistry.registerPath(route);
  app.post(route.path, ...route.middleware, async (c) => {
    const { body, release } = await readBody(c);
    try {
      return await ingestBody(c, body);
    } finally {
      release();
    }
  });
}

/** POST /cases/batch once its body is read (`readCaseBatch`: the fast reading, else the reference one). */
async function ingestBody(c: Context<AppEnv>, body: Uint8Array) {
  const { scanBatch, store, buffers, engine } = c.get("deps");
  const cases = await readCaseBatch(body, { nowMs: Date.now(), scan: scanBatch });
  if (cases.count > MAX_BATCH) {
    throw new TooLarge(`每批最多 ${MAX_BATCH} 条工单，本批有 ${cases.count} 条，请拆分后分批发送`);
  }
  // After the commit the engine patches the figures requests used lately (no cold rebuild).
  const summary = await cases.ingest(
    store,
    c.get("principal")!.scopeUnitId,
    buffers.copy,
    engine.caseChangeListener(),
  );
  c.set("auditTarget", `cases: ${summary.received} received`);
  c.set("auditDetail", {
    received: summary.received,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected.length,
  });
  return c.json(summary, 200);
}
