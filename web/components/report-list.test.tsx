import { describe, expect, it } from "vitest";
import { ReportList, type ReportListItem, type ReportListView } from "./report-list.tsx";

const item = (over: Partial<ReportListItem>): ReportListItem => ({
  id: "r1",
  edition: "leadership",
  status: "done",
  percent: 100,
  version: null,
  publishedAt: null,
  createdAt: "2026-10-05T02:00:00Z",
  pages: 11,
  error: null,
  pdfHref: "/api/v1/reports/r1/pdf",
  htmlHref: "/api/v1/reports/r1/html",
  ...over,
});

/** The panel's HTML for street S1 in 2026Q3 (a reader's view unless `over` says otherwise). */
async function render(over: Partial<ReportListView>): Promise<string> {
  const view: ReportListView = {
    unitName: "一街道",
    unitCode: "S1",
    period: "2026Q3",
    canGenerate: false,
    canPublish: false,
    items: [],
    ...over,
  };
  return String(await (<ReportList view={view} />).toString());
}

describe("ReportList", () => {
  it("lists published versions and drafts with download links, and says so when empty", async () => {
    const html = await render({
      items: [
        item({ id: "a", version: 2, publishedAt: "2026-10-06T01:00:00Z" }),
        item({ id: "b", edition: "assessor", status: "running", percent: 40, pages: null }),
        item({ id: "c", status: "failed", error: "TimeoutError: print" }),
        item({ id: "d", status: "queued", percent: 65, error: "打印 PDF 时浏览器意外退出" }),
      ],
    });
    expect(html).toContain("排队中 65%（上次失败：打印 PDF 时浏览器意外退出；将自动重试）");
    expect(html).toContain("一街道 · 2026年第三季度");
    // The date and time never break across lines (the panel wraps at 390 px).
    expect(html).toContain('第 2 版 · 发布于 <span class="nowrap">2026-10-06 09:00</span>');
    expect(html).toContain('href="/api/v1/reports/r1/pdf"');
    expect(html).toContain("生成中 40%");
    expect(html).toContain("生成失败：TimeoutError: print");
    expect(html).not.toContain("data-generate");
    expect(html).not.toContain("data-publish");
    expect(html).not.toContain("data-delete");
    expect(await render({})).toContain("本季度尚未生成报告");
  });

  it("offers generate buttons to writers and 发布 only on finished drafts to publishers", async () => {
    const html = await render({
      canGenerate: true,
      canPublish: true,
      items: [
        item({ id: "pub", version: 1, publishedAt: "2026-10-06T01:00:00Z" }),
        item({ id: "draft" }),
        item({ id: "run", status: "running", percent: 10 }),
      ],
    });
    expect(html).toContain('data-org-unit="S1"');
    expect(html).toContain('data-period="2026Q3"');
    expect(html).toContain('data-generate="leadership"');
    expect(html).toContain('data-generate="assessor"');
    expect(html.match(/data-publish="([^"]+)"/g)).toEqual(['data-publish="draft"']);
    // Drafts can be deleted, unless being generated; published versions cannot.
    expect(html.match(/data-delete="([^"]+)"/g)).toEqual(['data-delete="draft"']);
  });
});
