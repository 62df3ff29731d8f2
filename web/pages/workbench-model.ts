/**
 * View models of the assessor's workbench (评估工作台, issue 21): the exports page (workbook, raw
 * tables, background jobs and their files), the what-if page and the rank-sensitivity page.
 * `api/exports/pages.ts` and `api/indicators/workbench-pages.ts` build them; the pages only render.
 * Numbers are unrounded where the page carries them in `data-value` for tests; texts come formatted.
 */
import type { PageContext } from "./dashboard-model.ts";

/** One tab of the workbench (导出 · 情景模拟 · 排名敏感性). */
export interface WorkbenchTab {
  href: string;
  label: string;
  current: boolean;
}

export interface WorkbenchBase extends PageContext {
  tabs: WorkbenchTab[];
}

/** A background export job of the signed-in user, as the download list shows it. */
export interface ExportJobView {
  id: string;
  /** 工单 · CSV (GB18030) … */
  label: string;
  status: "queued" | "running" | "done" | "failed";
  statusLabel: string;
  /** 0–1. */
  progress: number;
  /** The job's status URL (GET /api/v1/jobs/{id}) the page script polls while it runs. */
  statusUrl: string;
  startedText: string;
  /** Set when done: the file's Chinese name, rows, size and link (for its 24 hours). */
  fileName: string | null;
  rowsText: string | null;
  sizeText: string | null;
  downloadHref: string | null;
  expiresText: string | null;
  error: string | null;
}

export interface ExportChoice {
  value: string;
  label: string;
}

export interface WorkbenchView extends WorkbenchBase {
  /** GET target of the assessor workbook and its query (period, orgUnit). */
  workbook: { action: string; period: string; orgUnit: string };
  /** The raw-export form: tables and formats; the script starts a job on GET /api/v1/exports/… */
  rawExport: { apiBase: string; period: string; orgUnit: string; tables: ExportChoice[] };
  /** The unit's children, to export one of them instead (the crumbs lead back up). */
  children: { name: string; href: string }[];
  jobs: ExportJobView[];
  /** Files are kept this many hours. */
  keepHours: number;
}

/** A weight or goalpost input of the what-if form, with the scheme's value beside it. */
export interface WhatIfField {
  /** Query parameter name (w.G1, d.governance, t.S1, f.S1). */
  name: string;
  label: string;
  /** What the scheme has. */
  base: number;
  /** What the form holds (the base unless changed). */
  value: number;
  changed: boolean;
}

export interface WhatIfGroup {
  dimension: string;
  label: string;
  weight: WhatIfField;
  indicators: {
    code: string;
    name: string;
    unit: string;
    weight: WhatIfField;
    target: WhatIfField;
    floor: WhatIfField;
  }[];
}

/** One unit's baseline and modified result. */
export interface WhatIfRow {
  code: string;
  name: string;
  baseIndex: number | null;
  index: number | null;
  baseRank: number | null;
  rank: number | null;
  baseIndexText: string;
  indexText: string;
  deltaText: string;
  rankMove: "up" | "down" | "same" | "none";
}

export interface WhatIfChart {
  names: string[];
  baseline: (number | null)[];
  modified: (number | null)[];
  baseRanks: (number | null)[];
  ranks: (number | null)[];
}

export interface WhatIfView extends WorkbenchBase {
  action: string;
  groups: WhatIfGroup[];
  normalisation: { value: string; options: ExportChoice[] };
  aggregation: { value: string; options: ExportChoice[] };
  /** Whether the form differs from the scheme (otherwise the chart shows the scheme alone). */
  changed: boolean;
  /** Chinese problems with the form (the result is then the scheme's alone). */
  problems: string[];
  /** The renormalisation notes of the what-if, in Chinese. */
  notes: string[];
  schemeText: string;
  /** The unit's own row (its children are `rows`). */
  own: WhatIfRow | null;
  rows: WhatIfRow[];
  chart: WhatIfChart;
}

export interface SensitivityRowView {
  code: string;
  name: string;
  indexText: string;
  rank: number | null;
  medianRank: number | null;
  p5Rank: number | null;
  p95Rank: number | null;
  /** 稳定 / 较稳定 / 不稳定 by the width of the 5–95% interval. */
  stabilityLabel: string;
  stability: "stable" | "fair" | "unstable" | "none";
}

export interface SensitivityView extends WorkbenchBase {
  official: boolean;
  draws: number;
  spreadText: string;
  seed: number;
  schemeText: string;
  rows: SensitivityRowView[];
  chart: {
    names: string[];
    rank: (number | null)[];
    median: (number | null)[];
    p5: (number | null)[];
    p95: (number | null)[];
    count: number;
  };
}
