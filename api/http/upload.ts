import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Busboy } from "@fastify/busboy";
import { HTTPException } from "hono/http-exception";
import { Invalid, TooLarge } from "../errors.ts";
import { SPOOL_PREFIX } from "../jobs/runner.ts";
import { textFault } from "./input-rules.ts";

/** An uploaded file, spooled to a private temp directory; `remove` deletes it. */
export interface Upload {
  path: string;
  /** The private directory holding it. */
  dir: string;
  fileName: string | null;
  bytes: number;
  remove(): Promise<void>;
}

/** Room for the multipart framing and small fields around the file. */
const FRAMING = 1024 * 1024;

/**
 * Streams a multipart/form-data request to disk and returns its `file` part. The body is never
 * held in memory; the file is cut off at `maxBytes` (413, and the partial file is deleted), and
 * a Content-Length above the limit is refused before a byte is read. Other fields are ignored.
 */
export async function receiveUpload(request: Request, maxBytes: number): Promise<Upload> {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  const tooLarge = () => new TooLarge(`文件超过此接口 ${mb} MiB 的上限`);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes + FRAMING) throw tooLarge();
  if (!request.body) throw noFile();

  const dir = await mkdtemp(join(tmpdir(), SPOOL_PREFIX));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, "upload");
  const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
  try {
    let bb: InstanceType<typeof Busboy>;
    try {
      bb = new Busboy({
        headers: { "content-type": request.headers.get("content-type") ?? "" },
        limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 40 },
      });
    } catch (err) {
      throw new HTTPException(400, {
        message: `multipart 请求体格式有误：${(err as Error).message}`,
      });
    }
    let received: Promise<{ fileName: string | null; bytes: number }> | null = null;
    let failure: Error | null = null;
    bb.on("file", (field, stream, fileName) => {
      if (field !== "file" || received) {
        stream.resume();
        return;
      }
      let bytes = 0;
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on("limit", () => {
        failure = tooLarge();
        body.destroy();
        bb.destroy();
      });
      received = pipeline(stream, createWriteStream(path)).then(() => ({
        fileName: fileName || null,
        bytes,
      }));
      received.catch(() => {});
    });
    try {
      await pipeline(body, bb);
    } catch (err) {
      if (failure) throw failure;
      throw new HTTPException(400, {
        message: `multipart 请求体格式有误：${(err as Error).message}`,
      });
    }
    if (failure) throw failure;
    if (!received) throw noFile();
    const info = await (received as Promise<{ fileName: string | null; bytes: number }>);
    if (failure) throw failure;
    const nameFault = info.fileName === null ? null : textFault(info.fileName);
    if (nameFault)
      throw new Invalid("文件名无法接受", [{ path: "file", message: `文件名${nameFault}` }]);
    return { path, dir, ...info, remove };
  } catch (err) {
    body.destroy();
    await remove();
    throw err;
  }
}

function noFile() {
  return new Invalid("没有上传文件", [
    { path: "file", message: "请在 multipart 字段 file 中上传 CSV 或 XLSX 文件" },
  ]);
}
