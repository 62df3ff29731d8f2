/**
 * Test support: rectification tasks (shapes/rectifications.ts) as GET /api/v1/rectifications
 * answers them, for the report, workbook and page tests that need a ledger without a database.
 */
import type { RectificationTask } from "../shapes/rectifications.ts";

/** A task of 甲社区 (under 乙街道) on G1, opened for 2026Q2, open, with no later values. */
export function rectificationTask(over: Partial<RectificationTask> = {}): RectificationTask {
  return {
    id: 1,
    orgUnit: "C1",
    orgUnitName: "甲社区",
    parentName: "乙街道",
    level: "community",
    period: "2026Q2",
    indicator: "G1",
    origin: "closing",
    instruction: "",
    valueAtOpen: 12.5,
    status: "open",
    overdue: false,
    dueSoon: false,
    daysOverdue: 0,
    openedAt: "2026-07-05T02:00:00.000Z",
    openedBy: null,
    deadline: "2026-08-04",
    extended: false,
    measures: "",
    progress: [],
    attachments: [],
    decisions: [],
    trend: [],
    recovered: null,
    ...over,
  };
}

/**
 * Four tasks of 2026Q2 and one of 2026Q1 as a 2026Q3 report sees them: C1/G1 verified and
 * recovered; C2/S3 overdue 12 days and still red; S1 (a street)/G2 submitted, no Q3 figure; C1/S1
 * 督办 open; an old 2026Q1 task verified (left out of the 2026Q3 chapter).
 */
export const LEDGER: RectificationTask[] = [
  rectificationTask({
    id: 1,
    status: "verified",
    measures: "增加网格员巡查频次，每日上报",
    progress: [
      {
        id: 1,
        at: "2026-07-20T02:00:00.000Z",
        by: "clerk-c1",
        measures: "增加网格员巡查频次，每日上报",
        note: "已完成",
      },
    ],
    decisions: [
      {
        at: "2026-07-28T02:00:00.000Z",
        by: "leader-s",
        decision: "verify",
        note: "材料齐全，同意销号",
        newDeadline: null,
      },
    ],
    trend: [{ period: "2026Q3", value: 35.2, status: "amber", official: true }],
    recovered: true,
  }),
  rectificationTask({
    id: 2,
    orgUnit: "C2",
    orgUnitName: "丙社区",
    indicator: "S3",
    valueAtOpen: 18.75,
    overdue: true,
    daysOverdue: 12,
    trend: [{ period: "2026Q3", value: 20, status: "red", official: true }],
    recovered: false,
  }),
  rectificationTask({
    id: 3,
    orgUnit: "S1",
    orgUnitName: "乙街道",
    parentName: "测试区",
    level: "street",
    indicator: "G2",
    valueAtOpen: 70,
    status: "submitted",
    measures: "建立超期预警台账",
    dueSoon: true,
  }),
  rectificationTask({
    id: 4,
    origin: "manual",
    instruction: "请于月底前提交整改方案",
    indicator: "S1",
    valueAtOpen: 30.5,
    openedBy: "leader-d",
  }),
  rectificationTask({ id: 5, period: "2026Q1", status: "verified", indicator: "S5" }),
];
