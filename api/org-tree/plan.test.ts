import { describe, expect, it } from "vitest";
import { planTreeChange } from "./plan.ts";
import type { UnitRef } from "./queries.ts";

const existing: UnitRef[] = [
  { id: 1, code: "D", name: "区", level: "district", parentId: null, urban: null },
  { id: 2, code: "S", name: "街", level: "street", parentId: 1, urban: null },
  { id: 3, code: "C", name: "社", level: "community", parentId: 2, urban: null },
];

describe("planTreeChange", () => {
  it("accepts parents given after their children in one request", () => {
    const plan = planTreeChange(
      existing,
      [
        { code: "C2", name: "新社区", level: "community", parentCode: "S2" },
        { code: "S2", name: "新街道", level: "street", parentCode: "D" },
      ],
      null,
      null,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.inserts.map((u) => u.code)).toEqual(["C2", "S2"]);
  });

  it("finds a cycle made with an existing unit", () => {
    const plan = planTreeChange(
      existing,
      [
        { code: "S", name: "街", level: "street", parentCode: "X" },
        { code: "X", name: "X", level: "district", parentCode: "C" },
      ],
      null,
      null,
    );
    expect(plan.errors.some((e) => e.message.includes("形成循环"))).toBe(true);
  });

  it("counts a unit unchanged only when nothing differs", () => {
    const same = planTreeChange(
      existing,
      [{ code: "C", name: "社", level: "community", parentCode: "S" }],
      null,
      null,
    );
    expect([same.inserts.length, same.updates.length, same.unchanged]).toEqual([0, 0, 1]);
    const renamed = planTreeChange(
      existing,
      [{ code: "C", name: "社2", level: "community", parentCode: "S" }],
      null,
      null,
    );
    expect([renamed.inserts.length, renamed.updates.length, renamed.unchanged]).toEqual([0, 1, 0]);
  });

  it("keeps a scoped admin out of its own root and other subtrees", () => {
    const scope = new Set(["S", "C"]);
    const own = planTreeChange(
      existing,
      [{ code: "S", name: "改名", level: "street", parentCode: "D" }],
      scope,
      "S",
    );
    expect(own.errors[0]?.message).toContain("不在您的管辖范围内");
    const child = planTreeChange(
      existing,
      [{ code: "C9", name: "新", level: "community", parentCode: "S" }],
      scope,
      "S",
    );
    expect(child.errors).toEqual([]);
  });
});
