/**
 * The 17 rows of the INDICATORS.md table as literal data, field for field, and the words they
 * are written in (dimensions, directions, unit labels). catalogue.ts derives the catalogue from
 * them; everything else reads the catalogue.
 */

/**
 * The four indicator sets (dimensions) of seed 000 §六 6.1, in display order.
 *
 * @example
 * ```ts
 * DIMENSIONS[0]; // "governance"
 * ```
 */
export const DIMENSIONS = ["governance", "service", "resources", "participation"] as const;

/** One of the four dimensions. */
export type Dimension = (typeof DIMENSIONS)[number];

/** `up`: higher is better (↑); `down`: lower is better (↓). */
export type Direction = "up" | "down";

/** Unit label as shown next to a value; `分` is a 0–100 score, `每万人` "per 10,000 residents". */
export type UnitLabel = "%" | "‰" | "h" | "元" | "每万人" | "分";

export interface Row {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly dimension: Dimension;
  readonly unit: UnitLabel;
  readonly factor: number;
  readonly direction: Direction;
  readonly target: number;
  readonly floor: number;
  readonly weight: number;
}

// Literal rows, field for field as in the INDICATORS.md table, so the two can be compared.
export const ROWS = {
  G1: {
    nameZh: "问题主动发现率",
    nameEn: "proactive discovery rate",
    dimension: "governance",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 60,
    floor: 20,
    weight: 25,
  },
  G2: {
    nameZh: "按期办结率",
    nameEn: "on-time resolution rate",
    dimension: "governance",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 95,
    floor: 70,
    weight: 25,
  },
  G3: {
    nameZh: "响应及时率",
    nameEn: "timely response rate",
    dimension: "governance",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 95,
    floor: 70,
    weight: 20,
  },
  G4: {
    nameZh: "群众满意度指数",
    nameEn: "satisfaction index",
    dimension: "governance",
    unit: "分",
    factor: 1,
    direction: "up",
    target: 85,
    floor: 60,
    weight: 30,
  },
  S1: {
    nameZh: "平均办理时长",
    nameEn: "mean service handling time",
    dimension: "service",
    unit: "h",
    factor: 1,
    direction: "down",
    target: 24,
    floor: 120,
    weight: 20,
  },
  S2: {
    nameZh: "一次办结率",
    nameEn: "one-pass completion rate",
    dimension: "service",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 90,
    floor: 60,
    weight: 25,
  },
  S3: {
    nameZh: "投诉率",
    nameEn: "complaint rate",
    dimension: "service",
    unit: "‰",
    factor: 1000,
    direction: "down",
    target: 5,
    floor: 30,
    weight: 20,
  },
  S4: {
    nameZh: "网上办理率",
    nameEn: "online handling rate",
    dimension: "service",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 70,
    floor: 20,
    weight: 15,
  },
  S5: {
    nameZh: "回访满意率",
    nameEn: "callback satisfaction rate",
    dimension: "service",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 90,
    floor: 60,
    weight: 20,
  },
  R1: {
    nameZh: "资金执行进度",
    nameEn: "fund execution against time",
    dimension: "resources",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 100,
    floor: 50,
    weight: 35,
  },
  R2: {
    nameZh: "每万人社区工作者数",
    nameEn: "community workers per 10,000 residents",
    dimension: "resources",
    unit: "每万人",
    factor: 10000,
    direction: "up",
    target: 18,
    floor: 8,
    weight: 25,
  },
  R3: {
    nameZh: "编制到岗率",
    nameEn: "staffing fill rate",
    dimension: "resources",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 95,
    floor: 60,
    weight: 20,
  },
  R4: {
    nameZh: "件均成本",
    nameEn: "cost per resolved case",
    dimension: "resources",
    unit: "元",
    factor: 1,
    direction: "down",
    target: 300,
    floor: 1500,
    weight: 20,
  },
  P1: {
    nameZh: "居民参与率",
    nameEn: "resident participation rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 30,
    floor: 5,
    weight: 30,
  },
  P2: {
    nameZh: "协商事项解决率",
    nameEn: "consultation resolution rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 80,
    floor: 40,
    weight: 30,
  },
  P3: {
    nameZh: "志愿者注册率",
    nameEn: "volunteer registration rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 5,
    floor: 1,
    weight: 20,
  },
  P4: {
    nameZh: "平台使用率",
    nameEn: "platform usage rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 60,
    floor: 20,
    weight: 20,
  },
} as const satisfies Record<string, Row>;
