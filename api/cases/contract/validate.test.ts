import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapHeader, rowToRecord } from "../files/columns.ts";
import { parseTimestamp, validateCase } from "./validate.ts";

describe("parseTimestamp", () => {
  it.each([
    ["2026-07-01T08:30:00+08:00", Date.UTC(2026, 6, 1, 0, 30)],
    ["2026-07-01T00:30:00Z", Date.UTC(2026, 6, 1, 0, 30)],
    ["2026-07-01 08:30+0800", Date.UTC(2026, 6, 1, 0, 30)],
    ["2026-07-01T08:30:00.123456+08:00", Date.UTC(2026, 6, 1, 0, 30, 0, 123)],
    ["2026-07-01T08:30:00,5-01:00", Date.UTC(2026, 6, 1, 9, 30, 0, 500)],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
  ])("%s", (text, ms) => expect(parseTimestamp(text)).toBe(ms));

  it("reads any instant written with any offset as Date gives it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.boolean(),
        (ms, offsetMin, fraction) => {
          const at = fraction ? ms : ms - (ms % 1000);
          // The wall-clock time at that offset, then the offset written after it.
          const local = new Date(at + offsetMin * 60_000)
            .toISOString()
            .slice(0, fraction ? 23 : 19);
          const a = Math.abs(offsetMin);
          const offset =
            offsetMin === 0 && fraction
              ? "Z"
              : `${offsetMin < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
          expect(parseTimestamp(`${local}${offset}`)).toBe(at);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["2026-07-01T08:30:00", "含义不明"],
    ["2026-07-01", "ISO 8601"],
    ["2026-13-01T00:00:00Z", "不是有效的日期时间"],
    ["2025-02-29T00:00:00Z", "没有这一天"],
    ["2026-07-01T24:00:00Z", "不是有效的日期时间"],
    ["2026-07-01T08:30:00+15:00", "不是有效的时区"],
    ["07/01/2026 08:30 +08:00", "ISO 8601"],
  ])("refuses %s", (text, message) => {
    expect(parseTimestamp(text)).toEqual(expect.stringContaining(message));
  });
});

describe("validateCase", () => {
  const units = new Map([
    ["C1", { id: 7, inScope: true }],
    ["C2", { id: 8, inScope: false }],
  ]);
  const now = Date.UTC(2026, 10, 1);
  const base = {
    source: "s",
    externalId: "e",
    orgUnit: "C1",
    kind: "event",
    channel: "ai_camera",
    reportedAt: "2026-10-01T00:00:00Z",
  };

  it("fills defaults and resolves the unit", () => {
    expect(validateCase(base, units, now)).toEqual({
      ok: true,
      value: {
        source: "s",
        externalId: "e",
        orgUnitId: 7,
        kind: "event",
        channel: "ai_camera",
        category: null,
        reportedAt: Date.UTC(2026, 9, 1),
        respondedAt: null,
        resolvedAt: null,
        deadlineAt: null,
        firstPass: false,
        complaint: false,
        online: false,
        callback: null,
      },
    });
  });

  it("reports every bad field at once", () => {
    const r = validateCase({ ...base, orgUnit: "C2", kind: 1, reportedAt: null }, units, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(["orgUnit", "kind", "reportedAt"]);
  });

  it("allows five minutes of clock skew, deadlines in the future", () => {
    const soon = new Date(now + 4 * 60_000).toISOString();
    const late = new Date(now + 6 * 60_000).toISOString();
    expect(validateCase({ ...base, reportedAt: soon }, units, now).ok).toBe(true);
    expect(validateCase({ ...base, reportedAt: late }, units, now).ok).toBe(false);
    expect(validateCase({ ...base, deadlineAt: "2027-01-01T00:00:00Z" }, units, now).ok).toBe(true);
  });
});

describe("file columns", () => {
  it("maps Chinese and English headers, ignoring marks, notes and case", () => {
    const { map, errors } = mapHeader([
      "来源*",
      "工单编号",
      "所属单位",
      "类型",
      "渠道",
      "上报时间（含时区）",
      "一次办结",
      "回访结果",
      "Category",
      "备注",
    ]);
    expect(errors).toEqual([]);
    expect(map.fields.map((f) => f?.name ?? null)).toEqual([
      "source",
      "externalId",
      "orgUnit",
      "kind",
      "channel",
      "reportedAt",
      "firstPass",
      "callback",
      "category",
      null,
    ]);
    expect(map.unknown).toEqual(["备注"]);
    const rec = rowToRecord(
      [
        "12345",
        "A1",
        "C11",
        "诉求",
        "热线",
        new Date(Date.UTC(2026, 6, 1, 8, 30)),
        "是",
        "基本满意",
        "",
        "x",
      ],
      map,
    );
    expect(rec).toEqual({
      source: "12345",
      externalId: "A1",
      orgUnit: "C11",
      kind: "appeal",
      channel: "hotline",
      reportedAt: "2026-07-01T08:30:00+08:00",
      firstPass: true,
      callback: "basically_satisfied",
    });
  });

  it("names missing, unknown and doubled columns", () => {
    const { errors } = mapHeader(["source", "externalId", "工单号", "kind", "whatever"]);
    const messages = errors.map((e) => e.message);
    expect(messages).toContain("列“externalId”与“工单号”都对应字段 externalId");
    expect(messages).toContain("缺少列：单位编码（orgUnit）");
    expect(messages).toContain("缺少列：上报时间（reportedAt）");
    expect(messages).toContain("无法识别的列：whatever");
    expect(mapHeader(["12345", "A1", "C11"]).errors[0]!.message).toContain("没有表头行");
  });
});
