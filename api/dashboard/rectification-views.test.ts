import { describe, expect, it } from "vitest";
import { LEDGER, rectificationTask } from "../../test/rectification-tasks.ts";
import { RedItemsPage } from "../../web/pages/red-items.tsx";
import type { Principal } from "../access/principal.ts";
import { buildTreeIndex } from "../org-tree/tree-index.ts";
import { alertsOf, redItemTasks, taskDetail } from "./rectification-views.ts";
import { parseRedFilter } from "./red-filter.ts";
import { taskMatches } from "./red-tasks.ts";

// D1 → S1 (乙街道) → C1 (甲社区), C2 (丙社区)
const tree = buildTreeIndex([
  { id: 1, code: "D1", name: "测试区", level: "district", parentId: null, urban: true },
  { id: 2, code: "S1", name: "乙街道", level: "street", parentId: 1, urban: true },
  { id: 3, code: "C1", name: "甲社区", level: "community", parentId: 2, urban: true },
  { id: 4, code: "C2", name: "丙社区", level: "community", parentId: 2, urban: true },
]);
const who = (role: Principal["role"], scopeUnitId: number | null): Principal => ({
  kind: "user",
  id: 9,
  name: "u",
  role,
  scopeUnitId,
  scopeCode: null,
  via: "cookie",
});

describe("the task page's permissions and pieces", () => {
  const submitted = rectificationTask({
    status: "submitted",
    measures: "更换井盖",
    attachments: [{ id: 7, filename: "井盖.jpg", contentType: "image/jpeg", size: 2_400_000 }],
    trend: [{ period: "2026Q3", value: 40, status: "amber", official: false }],
    recovered: true,
  });
  it("lets the unit work an open task, a superior verify a submitted one, never the unit itself", () => {
    const open = rectificationTask();
    expect(taskDetail(open, "/x", who("clerk", 3), tree)).toMatchObject({
      canWork: true,
      canDecide: false,
      canExtend: false,
    });
    const own = taskDetail(submitted, "/x", who("leader", 3), tree);
    expect(own).toMatchObject({ canWork: false, canDecide: false, canExtend: false });
    expect(own.notDecidable).toBe("本单位的整改任务由上级单位或评估方验收");
    expect(taskDetail(submitted, "/x", who("leader", 2), tree)).toMatchObject({
      canDecide: true,
      canExtend: true,
    });
    expect(taskDetail(submitted, "/x", who("assessor", null), tree).canDecide).toBe(true);
    // a clerk of the street works for it but does not verify; a sibling's leader sees nothing
    expect(taskDetail(open, "/x", who("clerk", 2), tree).canWork).toBe(true);
    expect(taskDetail(submitted, "/x", who("leader", 4), tree).canDecide).toBe(false);
    const extended = { ...submitted, extended: true };
    expect(taskDetail(extended, "/x", who("leader", 2), tree).canExtend).toBe(false);
  });

  it("shows the trend, evidence and history in Chinese", () => {
    const d = taskDetail(
      {
        ...submitted,
        progress: [
          { id: 1, at: "2026-07-20T02:00:00Z", by: "clerk", measures: "更换井盖", note: "" },
        ],
        decisions: [
          {
            at: "2026-07-10T02:00:00Z",
            by: "leader",
            decision: "extend",
            note: "雨季",
            newDeadline: "2026-09-01",
          },
        ],
      },
      "/x",
      who("leader", 2),
      tree,
    );
    expect(d.valueAtOpen).toBe("12.5%");
    expect(d.trend).toEqual([
      {
        periodLabel: "2026年第三季度",
        value: "40.0%",
        status: "amber",
        statusLabel: "预警",
        official: false,
      },
    ]);
    expect(d.evidence[0]).toMatchObject({
      image: true,
      size: "2.3 MB",
      url: "/api/v1/attachments/7",
    });
    expect(d.events.map((e) => e.label)).toEqual(["延期", "报送进展"]);
    expect(d.events[0]?.text).toBe("新期限 2026-09-01；理由：雨季");
    expect(d.recoveredLabel).toBe("已恢复（不再为红色）");
  });

  it("counts the unit's overdue and due-soon tasks", () => {
    expect(alertsOf(LEDGER, "/t")).toEqual({ overdue: 1, dueSoon: 1, href: "/t" });
  });
});

describe("the red-items page's task column", () => {
  it("joins each red item to its latest task up to the quarter and filters by task state", () => {
    const byKey = redItemTasks(
      [...LEDGER, rectificationTask({ id: 9, period: "2026Q4" })],
      "2026Q3",
      "D1",
    );
    expect(byKey.get("C1\u0000G1")).toMatchObject({
      id: 1,
      state: "verified",
      ownerName: "乙街道 甲社区",
    });
    expect(byKey.get("C2\u0000S3")).toMatchObject({ state: "overdue", daysOverdue: 12 });
    expect(byKey.get("C1\u0000G1")?.href).toBe("/dashboard/D1/tasks/1?period=2026Q3");
    const f = parseRedFilter((n) => ({ task: "overdue" })[n as "task"]);
    expect(f.task).toBe("overdue");
    expect(parseRedFilter((n) => ({ task: "bogus" })[n as "task"]).task).toBeNull();
    const item = { task: byKey.get("C2\u0000S3") ?? null } as never;
    expect(taskMatches(item, "overdue")).toBe(true);
    expect(taskMatches(item, "none")).toBe(false);
    expect(taskMatches({ task: null } as never, "none")).toBe(true);
  });

  it("renders status, owner, deadline and days overdue", () => {
    const task = redItemTasks(LEDGER, "2026Q3", "D1").get("C2\u0000S3")!;
    const html = String(
      RedItemsPage({
        view: {
          nav: { userName: "u", roleLabel: "领导", scopeName: null, links: [] },
          unit: {
            code: "D1",
            name: "测试区",
            level: "district",
            levelLabel: "区",
            grassroots: false,
          },
          period: "2026Q3",
          periodLabel: "2026年第三季度",
          periodNote: null,
          periods: [],
          periodState: { status: "live", closed: null },
          crumbs: [],
          filter: {
            street: null,
            indicator: null,
            newly: false,
            minQuarters: null,
            page: 1,
            task: null,
          },
          streets: [],
          indicators: [],
          total: 1,
          matched: 1,
          items: [
            {
              unitCode: "C2",
              unitName: "丙社区",
              unitLevelLabel: "社区",
              streetCode: "S1",
              streetName: "乙街道",
              place: "乙街道",
              showCode: false,
              href: "/d",
              code: "S3",
              name: "投诉率",
              value: 20,
              target: 5,
              score: 10,
              runningQuarters: 2,
              newlyRed: false,
              previousStatus: "red",
              task,
            },
          ],
          pages: 1,
          prevHref: null,
          nextHref: null,
          csvHref: "/c",
          xlsxHref: "/x",
          newlyRed: [],
          newlyRedCount: 0,
          newlyRedHref: "/n",
          tasksShown: true,
        } as never,
        scripts: {} as never,
      }),
    );
    expect(html).toContain('data-testid="filter-task"');
    expect(html).toMatch(/data-testid="red-task" data-state="overdue"/);
    expect(html).toContain("已逾期 12 天");
    expect(html).toContain("乙街道 丙社区 · 期限 2026-08-04");
  });
});
