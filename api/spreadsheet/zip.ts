/**
 * Reading the parts of an XLSX file (a ZIP archive) under size limits, with node:zlib.
 *
 * A ZIP bomb is a small file whose parts inflate to gigabytes. The central directory at the end
 * of the archive declares every part's sizes, so the limits are checked there first, before a
 * byte is inflated; a declaration can lie, so each part is also counted while it inflates and
 * refused the moment it grows past what it declared. Parts are located through the central
 * directory only (never by scanning local headers, as streaming unzippers do), so what is
 * inflated is exactly what was checked.
 *
 * Why not a library: exceljs's own reader (unzipper) trusts the local headers and inflates
 * without bound; yauzl, which would do, is not among our dependencies. The format needed here
 * is small: the end record (ZIP64 too), the directory entries, one local header per part.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { SheetLimitError, UnreadableSheetError } from "./errors.ts";

/** One part of the archive, as its central directory entry declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Random access to the archive's bytes: a file on disk or bytes in memory. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  /** Bytes [start, end) as a stream. */
  stream(start: number, end: number): Readable;
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<ByteSource> {
  const fh = await open(path, "r");
  const { size } = await fh.stat();
  return {
    size,
    async read(offset, length) {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    },
    stream: (start, end) =>
      end > start
        ? createReadStream(path, { start, end: end - 1, highWaterMark: 256 * 1024 })
        : Readable.from([]),
    close: () => fh.close(),
  };
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buf.length,
    read: async (offset, length) => buf.subarray(offset, offset + length),
    stream(start, end) {
      // In 256 KiB slices, so that inflating and parsing proceed chunk by chunk.
      const chunks: Buffer[] = [];
      for (let at = start; at < end; at += 256 * 1024) {
        chunks.push(buf.subarray(at, Math.min(end, at + 256 * 1024)));
      }
      return Readable.from(chunks);
    },
    close: async () => {},
  };
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

const notZip = (why: string) =>
  new UnreadableSheetError(`不是有效的 XLSX 文件（${why}），请用 Excel 另存为 .xlsx 后再上传`);

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw notZip("压缩目录中的数值超出范围");
  return Number(v);
}

/** Where the central directory is and how many entries it has (ZIP64 aware). */
async function findDirectory(src: ByteSource) {
  const tail = Math.min(src.size, 22 + 65_535);
  const end = await src.read(src.size - tail, tail);
  let at = -1;
  for (let i = end.length - 22; i >= 0; i--) {
    if (end.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw notZip("找不到压缩目录");
  let entries = end.readUInt16LE(at + 10);
  let size = end.readUInt32LE(at + 12);
  let offset = end.readUInt32LE(at + 16);
  if (entries === 0xffff || size === MAX32 || offset === MAX32) {
    const locatorAt = src.size - tail + at - 20;
    const locator = await src.read(Math.max(0, locatorAt), 20);
    if (locatorAt < 0 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw notZip("ZIP64 记录缺失");
    const record = await src.read(safeNumber(locator.readBigUInt64LE(8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw notZip("ZIP64 记录损坏");
    entries = safeNumber(record.readBigUInt64LE(32));
    size = safeNumber(record.readBigUInt64LE(40));
    offset = safeNumber(record.readBigUInt64LE(48));
  }
  if (offset + size > src.size) throw notZip("压缩目录越界");
  return { entries, size, offset };
}

/**
 * The archive's entries by name, read from its central directory. Refuses an archive of more
 * than `maxEntries` parts (an XLSX has a few dozen) before reading them.
 */
export async function readDirectory(
  src: ByteSource,
  maxEntries: number,
): Promise<Map<string, ZipEntry>> {
  const dir = await findDirectory(src);
  if (dir.entries > maxEntries) {
    throw new SheetLimitError(`压缩包内有 ${dir.entries} 个文件，超过 ${maxEntries} 个的上限`);
  }
  const buf = await src.read(dir.offset, dir.size);
  const out = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < dir.entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notZip("压缩目录损坏");
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString("utf8", p + 46, p + 46 + nameLength),
    };
    readZip64Extra(buf.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    if (entry.localOffset + entry.compressedSize > dir.offset) throw notZip("文件数据越界");
    out.set(entry.name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Replaces the 32-bit fields that say "see ZIP64" (0xFFFFFFFF) by the extra field's values. */
function readZip64Extra(extra: Buffer, e: ZipEntry) {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + size) throw notZip("ZIP64 扩展字段损坏");
        const v = safeNumber(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (e.uncompressedSize === MAX32) e.uncompressedSize = next();
      if (e.compressedSize === MAX32) e.compressedSize = next();
      if (e.localOffset === MAX32) e.localOffset = next();
      return;
    }
    p += 4 + size;
  }
}

/**
 * The inflated bytes of `entry`, which fail with a SheetLimitError as soon as they exceed the
 * size the entry declared (a lying declaration is how a bomb gets past the directory check).
 * `onRead` is told how many compressed bytes were consumed (for progress).
 */
export async function openEntry(
  src: ByteSource,
  entry: ZipEntry,
  onRead?: (compressedBytes: number) => void,
): Promise<Readable> {
  if (entry.flags & 0x1) {
    throw new UnreadableSheetError("工作簿已加密，请取消密码保护后再上传");
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new UnreadableSheetError(`“${entry.name}”使用了不支持的压缩方式（${entry.method}）`);
  }
  const local = await src.read(entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw notZip("文件头损坏");
  const nameLength = local.readUInt16LE(26);
  const name = (await src.read(entry.localOffset + 30, nameLength)).toString("utf8");
  if (name !== entry.name) throw notZip("文件头与压缩目录不一致");
  const start = entry.localOffset + 30 + nameLength + local.readUInt16LE(28);
  const raw = src.stream(start, start + entry.compressedSize);
  let consumed = 0;
  raw.on("data", (chunk: Buffer) => {
    consumed += chunk.length;
    onRead?.(consumed);
  });
  let produced = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        done(
          new SheetLimitError(
            `“${entry.name}”解压后超过了它声明的大小（${entry.uncompressedSize} 字节），文件已损坏或是压缩炸弹，未读取`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
  const fail = (err: Error) =>
    guard.destroy(err instanceof SheetLimitError ? err : notZip(`“${entry.name}”无法解压`));
  if (entry.method === 0) {
    raw.on("error", fail).pipe(guard);
  } else {
    const inflate = createInflateRaw();
    raw.on("error", fail).pipe(inflate).on("error", fail).pipe(guard);
  }
  guard.on("close", () => raw.destroy());
  return guard;
}
