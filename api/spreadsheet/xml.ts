/**
 * The XML of a workbook's parts as a stream of tags and text, through saxes (the XML parser
 * exceljs itself uses, pinned in package.json). saxes expands only XML's own entities (no
 * DTD, no external entities), so a part cannot pull in files or grow by entity expansion.
 *
 * Chunks are decoded as a UTF-8 stream: a character split between two inflated chunks (a
 * Chinese character is three bytes) is joined, not replaced by U+FFFD.
 */
import type { Readable } from "node:stream";
import { SaxesParser } from "saxes";

export interface XmlHandlers {
  /** An element opens; `name` without its namespace prefix (`x:row` → `row`). */
  open?(name: string, attrs: Record<string, string>): void;
  /** Text (and CDATA) content, possibly in several pieces for one text node. */
  text?(text: string): void;
  close?(name: string): void;
}

const local = (name: string) => {
  const at = name.indexOf(":");
  return at < 0 ? name : name.slice(at + 1);
};

/**
 * Feeds `stream` to the handlers chunk by chunk, yielding after each chunk so that a caller can
 * hand on what the handlers gathered before more is read. Throws on malformed XML.
 */
export async function* xmlChunks(stream: Readable, h: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on("error", (err) => {
    failure ??= err;
  });
  const { open, text, close } = h;
  if (open) {
    parser.on("opentag", (tag) => open(local(tag.name), tag.attributes as Record<string, string>));
  }
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  if (close) parser.on("closetag", (tag) => close(local(tag.name)));
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
}

/** Reads a whole part through the handlers. */
export async function readXml(stream: Readable, h: XmlHandlers): Promise<void> {
  for await (const _ of xmlChunks(stream, h)) {
    // the handlers gather what they need
  }
}

/** An attribute by its local name (`r:id` is found as `id`), for namespaced attributes. */
export function attr(attrs: Record<string, string>, name: string): string | undefined {
  if (name in attrs) return attrs[name];
  for (const key in attrs) if (local(key) === name) return attrs[key];
  return undefined;
}
