/**
 * Requests generated from the app's own OpenAPI document: for every operation, one request per
 * declared field (body property at any depth, query parameter, path parameter, multipart field)
 * and per hostile value (hostile-values.ts), with every other field left valid-looking, plus an
 * undeclared query parameter on every operation and whole bodies that are not JSON or nested
 * 100,000 deep.
 */

import {
  HOSTILE_BODIES,
  HOSTILE_FORM_TEXTS,
  HOSTILE_KEYS,
  HOSTILE_URL_VALUES,
  hostileCsv,
  hostileJson,
} from "./hostile-values.ts";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is untyped JSON walked by hand
type Json = any;

export interface FuzzRequest {
  method: string;
  /** The operation's path as the document names it (`/api/v1/users/{id}`). */
  template: string;
  /** Path with its query string, ready to append to the base URL. */
  url: string;
  /** What was made hostile, for failure messages: `POST /api/v1/what-if body.weights.x = 1e308`. */
  label: string;
  /** The hostile value's name (`nul`, `int4`, `deepArray` …). */
  value: string;
  /** Whether the operation serves callers without a session (`security: []`, or signing in). */
  open: boolean;
  body?: { contentType: string; text: string } | { form: FormData };
}

/**
 * Valid-looking values the generator cannot guess from the schema: by `METHOD /path name` for
 * one operation, else by field (or path parameter) name.
 */
export type KnownValues = Record<string, unknown>;
type Known = (name: string) => unknown;

function resolve(doc: Json, schema: Json): Json {
  let s = schema;
  for (let i = 0; s?.$ref && i < 20; i++) {
    const name = String(s.$ref).replace("#/components/schemas/", "");
    s = doc.components?.schemas?.[name];
  }
  if (s?.allOf) return resolve(doc, s.allOf[0]);
  const options = s?.anyOf ?? s?.oneOf;
  if (options) return resolve(doc, options.find((o: Json) => o.type !== "null") ?? options[0]);
  return s ?? {};
}

function typeOf(schema: Json): string | undefined {
  const t = schema.type;
  return Array.isArray(t) ? t.find((x: string) => x !== "null") : t;
}

/** A valid-looking value for a schema; `name` picks a known value for fields with rules. */
function example(doc: Json, raw: Json, known: Known, name: string, depth = 0): unknown {
  const schema = resolve(doc, raw);
  const given = known(name);
  if (given !== undefined) return structuredClone(given);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const type = typeOf(schema);
  if (type === "object" || schema.properties || schema.additionalProperties) {
    if (depth > 6) return {};
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      out[key] = example(doc, sub, known, key, depth + 1);
    }
    if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
      out.k1 = example(doc, schema.additionalProperties, known, "k1", depth + 1);
    }
    return out;
  }
  if (type === "array") return [example(doc, schema.items ?? {}, known, name, depth + 1)];
  if (type === "integer" || type === "number") {
    return (
      schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1)
    );
  }
  if (type === "boolean") return false;
  if (schema.format === "date-time") return "2026-07-01T08:30:00+08:00";
  if (schema.format === "uuid") return "7d1c2a6e-0000-4000-8000-000000000001";
  return "fuzz-text";
}

interface Leaf {
  path: (string | number)[];
  schema: Json;
}

/** The fields of a body: every property at any depth (record entries under their sample key). */
function leaves(doc: Json, raw: Json, value: unknown, path: (string | number)[], out: Leaf[]) {
  const schema = resolve(doc, raw);
  out.push({ path, schema });
  if (Array.isArray(value)) {
    leaves(doc, schema.items ?? {}, value[0], [...path, 0], out);
  } else if (value !== null && typeof value === "object") {
    // A record's entries share one schema: two of them are enough (a scheme has 17 indicators).
    const keys = Object.keys(value);
    const walked = schema.properties ? keys : keys.slice(0, 2);
    for (const key of walked) {
      const sub = schema.properties?.[key] ?? schema.additionalProperties ?? {};
      leaves(doc, sub, (value as Record<string, unknown>)[key], [...path, key], out);
    }
  }
}

/** The body's JSON text with the value at `path` replaced by a raw JSON text. */
function withRaw(value: unknown, path: (string | number)[], raw: string): string {
  if (path.length === 0) return raw;
  const marker = "\u0001FUZZ\u0001";
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), () => raw);
}

/** A JSON object text whose sample key is replaced by a hostile key. */
function withHostileKey(value: unknown, path: (string | number)[], key: string): string | null {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path) at = at[k] as Record<string | number, unknown>;
  if (at === null || typeof at !== "object" || Array.isArray(at)) return null;
  const marker = "\u0001KEY\u0001";
  const sample = Object.keys(at)[0];
  at[marker] = sample === undefined ? 1 : at[sample];
  return JSON.stringify(copy).replace(JSON.stringify(marker), () => key);
}

function queryString(params: Record<string, string>): string {
  const parts = Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${v}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

function multipartForm(fields: Record<string, string>, file: Blob | null, fileField: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append(fileField, file, "fuzz.csv");
  return form;
}

/**
 * Every hostile request for the document's operations; `knownValues` fills fields and path
 * parameters the schema alone cannot (existing ids, codes).
 */
export function fuzzRequests(doc: Json, knownValues: KnownValues): FuzzRequest[] {
  const out: Omit<FuzzRequest, "value" | "open">[] = [];
  const openOps = new Set<string>();
  for (const [template, ops] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(ops as Record<string, Json>)) {
      const M = method.toUpperCase();
      const signIn = M === "POST" && template.endsWith("/auth/login");
      if (signIn || (Array.isArray(op.security) && op.security.length === 0)) {
        openOps.add(`${M} ${template}`);
      }
      const params: Json[] = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === "path");
      const queryParams = params.filter((p) => p.in === "query");
      const known: Known = (name) => knownValues[`${M} ${template} ${name}`] ?? knownValues[name];
      const pathValue = (name: string) => String(known(name) ?? "fuzz");
      const fill = (override?: [string, string]) =>
        template.replace(/\{(\w+)\}/g, (_, name: string) =>
          override && override[0] === name ? override[1] : encodeURIComponent(pathValue(name)),
        );
      const validQuery: Record<string, string> = {};
      for (const q of queryParams) {
        if (q.required)
          validQuery[q.name] = encodeURIComponent(String(example(doc, q.schema, known, q.name)));
      }
      const here = fill() + queryString(validQuery);
      const json = op.requestBody?.content?.["application/json"]?.schema;
      const multipart = op.requestBody?.content?.["multipart/form-data"]?.schema;
      const validBody = json ? example(doc, json, known, "(body)") : undefined;
      const bodyOf = (text: string) => ({ contentType: "application/json", text });
      const validForm = () => {
        const schema = resolve(doc, multipart);
        const fields: Record<string, string> = {};
        let fileField = "file";
        for (const [k, sub] of Object.entries(schema.properties ?? {})) {
          const s = resolve(doc, sub);
          if (s.format === "binary") fileField = k;
          else fields[k] = String(example(doc, s, known, k));
        }
        return { fields, fileField, schema };
      };
      const add = (what: string, url: string, body?: FuzzRequest["body"]) =>
        out.push({ method: M, template, url, label: `${M} ${template} ${what}`, body });
      const plainBody = () => {
        if (validBody !== undefined) return bodyOf(JSON.stringify(validBody));
        if (multipart) {
          const f = validForm();
          return { form: multipartForm(f.fields, hostileCsv(), f.fileField) };
        }
        return undefined;
      };

      // Path parameters.
      for (const p of pathParams) {
        for (const [name, value] of Object.entries(HOSTILE_URL_VALUES)) {
          add(
            `path.${p.name} = ${name}`,
            fill([p.name, value]) + queryString(validQuery),
            plainBody(),
          );
        }
      }
      // A parameter no operation declares: every operation, even one that reads nothing.
      for (const name of ["nul", "loneSurrogateUtf8"]) {
        const value = HOSTILE_URL_VALUES[name]!;
        const sep = Object.keys(validQuery).length > 0 ? "&" : "?";
        add(
          `query.fuzz (undeclared) = ${name}`,
          `${fill()}${queryString(validQuery)}${sep}fuzz=${value}`,
          plainBody(),
        );
      }
      // Query parameters (each one hostile, the required others valid).
      for (const q of queryParams) {
        for (const [name, value] of Object.entries(HOSTILE_URL_VALUES)) {
          add(
            `query.${q.name} = ${name}`,
            fill() + queryString({ ...validQuery, [q.name]: value }),
          );
        }
        const sep = Object.keys(validQuery).length > 0 ? "&" : "?";
        add(
          `query.${q.name} = repeated`,
          `${fill()}${queryString(validQuery)}${sep}${q.name}=1&${q.name}=2`,
        );
      }
      // JSON body fields.
      if (json) {
        const all: Leaf[] = [];
        leaves(doc, json, validBody, [], all);
        for (const leaf of all) {
          const where = ["body", ...leaf.path].join(".");
          for (const [name, raw] of hostileJson(typeOf(leaf.schema))) {
            add(`${where} = ${name}`, here, bodyOf(withRaw(validBody, leaf.path, raw)));
          }
          for (const [name, key] of Object.entries(HOSTILE_KEYS)) {
            const text = withHostileKey(validBody, leaf.path, key);
            if (text === null) continue;
            add(`${where} key = ${name}`, here, bodyOf(text));
          }
        }
        for (const [name, text] of Object.entries(HOSTILE_BODIES)) {
          add(`body = ${name}`, here, bodyOf(text));
        }
      }
      // Multipart fields: each text field hostile, and a file with NUL bytes and broken UTF-8.
      if (multipart) {
        const { fields, fileField } = validForm();
        for (const key of Object.keys(fields)) {
          for (const [name, value] of Object.entries(HOSTILE_FORM_TEXTS)) {
            const form = multipartForm({ ...fields, [key]: value }, hostileCsv(), fileField);
            add(`form.${key} = ${name}`, here, { form });
          }
        }
        add(`form.${fileField} = csvWithNul`, here, {
          form: multipartForm(fields, hostileCsv(), fileField),
        });
      }
    }
  }
  return out.map((r) => ({
    ...r,
    value: r.label.split(" = ")[1]!,
    open: openOps.has(`${r.method} ${r.template}`),
  }));
}
