import { describe, expect, it } from "vitest";
import type { Dimension } from "../../metrics/index.ts";
import type { ReportDimension, ReportTrendPoint } from "../assemble/quarterly-model.ts";
import { dimensionRadar, trendChart } from "./quarterly-charts.ts";

// The report's figures with data labels (the trend and the radar) keep every label readable: each
// number sits on a white plate (no line runs through it) and no two plates overlap, even when the
// index and a dimension run side by side (浦江新区 2026Q3: index 79.8, 服务效能 81.2).

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The white label plates of an SVG, as boxes (their path's extent, moved by its translate). */
function plates(svg: string): Box[] {
  return [
    ...svg.matchAll(
      /<path d="([^"]+)" transform="translate\(([-\d.]+) ([-\d.]+)\)" fill="rgb\(255,255,255\)"/g,
    ),
  ].map((m) => {
    const nums = [...m[1]!.matchAll(/-?\d+(?:\.\d+)?/g)].map(Number);
    const xs = nums.filter((_, i) => i % 2 === 0);
    const ys = nums.filter((_, i) => i % 2 === 1);
    const [tx, ty] = [Number(m[2]), Number(m[3])];
    return {
      x0: tx + Math.min(...xs),
      x1: tx + Math.max(...xs),
      y0: ty + Math.min(...ys),
      y1: ty + Math.max(...ys),
    };
  });
}

/** Translate points of the number labels (`79.8`). */
const labels = (svg: string) =>
  [...svg.matchAll(/transform="translate\(([-\d.]+) ([-\d.]+)\)"[^>]*>(\d+\.\d)<\/text>/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function expectReadable(svg: string, count: number) {
  const boxes = plates(svg);
  expect(boxes.length).toBe(count);
  const points = new Set(
    [
      ...svg.matchAll(
        /<path d="[^"]+" transform="translate\(([-\d.]+) ([-\d.]+)\)" fill="rgb\(255,255,255\)"/g,
      ),
    ].map((m) => `${m[1]} ${m[2]}`),
  );
  const numbers = labels(svg);
  expect(numbers.length).toBe(count);
  for (const p of numbers) expect(points.has(p), p).toBe(true);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlaps(boxes[i]!, boxes[j]!), `plates ${i} and ${j}`).toBe(false);
    }
  }
}

const NAMES: Record<Dimension, string> = {
  governance: "治理效能",
  service: "服务效能",
  resources: "资源利用",
  participation: "群众参与",
};

describe("report chart labels", () => {
  it("trend: the index's figures sit on plates, apart, though 服务效能 runs alongside", () => {
    const index = [80.9, 80.9, 81.5, 80.4, 79.8];
    const service = [81.2, 81.5, 81.9, 81.9, 81.2];
    const trend: ReportTrendPoint[] = ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"].map(
      (period, i) => ({
        period,
        index: index[i]!,
        dimensions: { governance: 72, service: service[i]!, resources: 75.5, participation: 93 },
      }),
    );
    expectReadable(String(trendChart(trend, NAMES)), 5);
  });

  it("radar: the four scores sit on plates, apart", () => {
    const dims = (
      [
        ["governance", 70.9, 72],
        ["service", 81.2, 81.9],
        ["resources", 77.1, 75.5],
        ["participation", 93.6, 92.5],
      ] as const
    ).map(
      ([dimension, score, previous]): ReportDimension => ({
        dimension,
        nameZh: NAMES[dimension],
        weight: 25,
        score,
        previous,
        lastYear: null,
        sentences: [],
        indicators: [],
      }),
    );
    expectReadable(String(dimensionRadar(dims, "2026Q3", "2026Q2")), 4);
  });
});
