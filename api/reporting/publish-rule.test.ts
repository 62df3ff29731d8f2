import { describe, expect, it } from "vitest";
import { publishRefusal } from "./publish-rule.ts";

// Who publishes (issue 20): unit 2 is a street inside district 1.
describe("publishRefusal", () => {
  it("lets the assessor publish the assessor edition and a superior the leadership edition", () => {
    const who = (role: "admin" | "leader" | "assessor" | "clerk", scopeUnitId: number | null) => ({
      role,
      scopeUnitId,
    });
    expect(publishRefusal(who("assessor", 1), 2, "assessor")).toBeNull();
    expect(publishRefusal(who("assessor", 2), 2, "assessor")).toBeNull(); // a third party
    expect(publishRefusal(who("admin", null), 2, "assessor")).toBeNull(); // stands in
    expect(publishRefusal(who("leader", 1), 2, "assessor")).toContain("评估方");
    expect(publishRefusal(who("leader", 1), 2, "leadership")).toBeNull();
    expect(publishRefusal(who("admin", 1), 2, "leadership")).toBeNull();
    expect(publishRefusal(who("leader", 2), 2, "leadership")).toContain("本单位");
    expect(publishRefusal(who("admin", 2), 2, "leadership")).toContain("本单位");
    expect(publishRefusal(who("assessor", 1), 2, "leadership")).toContain("领导");
    expect(publishRefusal(who("clerk", 1), 2, "leadership")).not.toBeNull();
  });
});
