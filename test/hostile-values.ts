/**
 * The hostile values of issue 16 (point 2), as a client could send them: NUL, lone surrogates,
 * integers past int4 and int8, numbers that overflow, huge strings, deep nesting, wrong types.
 * JSON values are raw texts: `1e400` and a lone `\ud800` survive only as text.
 */

/** Arrays nested `depth` deep, as JSON text. */
export const deepArray = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

const STRINGS: Record<string, string> = {
  // Long enough to pass a minimum length (passwords), so that the text rule is what refuses it.
  nul: '"ab\\u0000cdefghij"',
  loneHigh: '"abcdefgh\\ud800"',
  loneLow: '"\\udc00abcdefgh"',
  huge: `"${"长".repeat(50_000)}"`,
};
const NUMBERS: Record<string, string> = {
  int4: "2147483648",
  negInt4: "-2147483649",
  int8: "9223372036854775808",
  big: "1e308",
  negBig: "-1e308",
  overflow: "1e400",
  negOverflow: "-1e400",
  fraction: "1.5",
};
const WRONG_TYPES: Record<string, string> = {
  null: "null",
  bool: "true",
  text: '"text"',
  zero: "0",
  array: "[]",
  object: "{}",
};
const DEEP: Record<string, string> = {
  deepArray: deepArray(20_000),
  deepObject: deepObject(5_000),
};

/** Every hostile JSON text for a field of the given schema type (its own type left out). */
export function hostileJson(type: string | undefined): [string, string][] {
  const own: Record<string, string> = {
    string: "text",
    number: "zero",
    integer: "zero",
    boolean: "bool",
  };
  return [
    ...Object.entries(STRINGS),
    ...Object.entries(NUMBERS),
    ...Object.entries(WRONG_TYPES).filter(([name]) => name !== own[type ?? ""]),
    ...Object.entries(DEEP),
  ];
}

/** Hostile object keys, as JSON texts. */
export const HOSTILE_KEYS: Record<string, string> = {
  nulKey: '"k\\u0000"',
  loneKey: '"k\\ud800"',
  protoKey: '"__proto__"',
};

/** Whole bodies: not JSON, or nested far past any limit. */
export const HOSTILE_BODIES: Record<string, string> = {
  malformed: '{"a":',
  truncatedEscape: '"\\ud8',
  deepArray100k: deepArray(100_000),
};

/** Hostile texts for a query or path parameter, percent-encoded where needed. */
export const HOSTILE_URL_VALUES: Record<string, string> = {
  nul: "%00",
  nulInside: "C1%001",
  loneSurrogateUtf8: "%ED%A0%80",
  brokenUtf8: "%F0%9F",
  invalidByte: "%FF",
  int4: "2147483648",
  int8: "9223372036854775808",
  huge: "99999999999999999999",
  big: "1e308",
  negative: "-1",
  fraction: "1.5",
  longText: "x".repeat(4_000),
  percentU: "%uD800",
};

/** Hostile multipart texts: real strings (a form cannot carry JSON escapes). */
export const HOSTILE_FORM_TEXTS: Record<string, string> = {
  nul: "ab\u0000cdef",
  loneHigh: "abc\ud800",
  huge: "长".repeat(50_000),
  int4: "2147483648",
  int8: "9223372036854775808",
  big: "1e308",
};

/** A CSV whose cells carry NUL bytes and broken UTF-8, as an uploaded file. */
export function hostileCsv(): Blob {
  const head = "source,externalId,orgUnit,kind,channel,reportedAt,category\n";
  const row = "fz\u0000,e1,C11,event,hotline,2026-07-01T08:30:00+08:00,a\u0000b\n";
  const bytes = new Uint8Array([...new TextEncoder().encode(head + row), 0xed, 0xa0, 0x80, 10]);
  return new Blob([bytes], { type: "text/csv" });
}
