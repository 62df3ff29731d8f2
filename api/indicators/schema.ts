import { z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { parsePeriod, type Quarter } from "../../shapes/periods.ts";
import { SensitivityRow } from "../../shapes/sensitivity.ts";
import { UnitResult } from "../../shapes/unit-result.ts";
import { int4, int4Text, OrgUnitCode } from "../http/router.ts";
import { refuseFutureQuarter } from "../periods/rules.ts";
import { Goalpost, TargetOverrideInput, Weight } from "../schemes/schema.ts";

/**
 * A period as `2026Q3`. Checked by `requirePeriod` rather than zod so that a malformed period is
 * a 400 (a malformed request), as the indicator endpoints document, not a 422.
 */
export const PeriodText = z
  .string()
  .openapi({ example: "2026Q3", description: "A quarter, `YYYYQn` (Asia/Shanghai quarters)" });

/**
 * The quarter of a period text; throws HTTPException 400 when it is not `YYYYQn` (2000–2100),
 * and refuses a quarter that has not begun (422 naming `path`: periods/rules.ts).
 */
export function requirePeriod(text: string, path = "query.period"): Quarter {
  const q = parsePeriod(text);
  if (!q) {
    throw new HTTPException(400, {
      message: `季度格式不对：${text}，应形如 2026Q3`,
    });
  }
  refuseFutureQuarter(q, path);
  return q;
}

const SchemeId = z
  .string()
  .min(1)
  .max(64)
  .openapi({ example: "369-default", description: "Scheme id; default 369-default" });
const SchemeVersionParam = int4Text(1).openapi({
  description:
    "Pins a scheme version instead of the latest one valid in the period's year (a published quarter keeps its version)",
});

const LiveParam = z.enum(["true", "false", "1", "0"]).openapi({
  description:
    "`true`: the live figures even for a closed quarter (default: a closed quarter answers its official figures)",
});
const ClosingVersionParam = int4Text(1).openapi({
  description:
    "A closing's version of a quarter closed more than once (`1`: the figures of the first close, even after a reopen)",
});

export const IndicatorsQuery = z.object({
  period: PeriodText,
  live: LiveParam.optional(),
  version: ClosingVersionParam.optional(),
  orgUnit: OrgUnitCode.optional().openapi({
    description: "Org unit code; default: the root of the caller's scope",
  }),
  children: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .openapi({ description: "`true`: the unit first, then its direct children ranked among them" }),
  scheme: SchemeId.optional(),
  schemeVersion: SchemeVersionParam.optional(),
});

export const SensitivityQuery = z.object({
  period: PeriodText,
  live: LiveParam.optional(),
  version: ClosingVersionParam.optional(),
  orgUnit: OrgUnitCode.optional(),
  scheme: SchemeId.optional(),
  schemeVersion: SchemeVersionParam.optional(),
});

export const WhatIfBody = z
  .strictObject({
    period: PeriodText,
    orgUnit: OrgUnitCode.optional(),
    scheme: SchemeId.optional(),
    schemeVersion: int4(1).optional(),
    weights: z
      .strictObject({
        indicators: z.record(z.string(), Weight).optional(),
        dimensions: z.record(z.string(), Weight).optional(),
      })
      .optional()
      .openapi({
        description:
          "Indicator weights within their dimension (`{G1: 30}`) and dimension weights (`{governance: 40}`); sets not summing to 100 are renormalised (see `notes`)",
      }),
    targets: z
      .record(
        z.string(),
        z.strictObject({ target: Goalpost.optional(), floor: Goalpost.optional() }),
      )
      .optional()
      .openapi({ description: "Goalposts by indicator code: `{S1: {target: 12}}`" }),
    targetOverrides: z.array(TargetOverrideInput).max(500).optional().openapi({
      description:
        "Targets by level and urban/rural, replacing the scheme's `targetOverrides` (the most specific match wins)",
    }),
    normalisation: z.enum(["goalposts", "minmax", "zscore"]).optional(),
    aggregation: z.enum(["arithmetic", "geometric"]).optional(),
  })
  .openapi("WhatIfRequest");

export const DataAsOf = z
  .object({
    sources: z.record(
      z.string(),
      z.object({ lastReceivedAt: z.string(), maxReportedAt: z.string().nullable() }),
    ),
    returns: z.string().nullable(),
    surveys: z.string().nullable(),
  })
  .openapi("DataAsOf");

const SchemeRef = z.object({ id: z.string(), version: z.number().int() });

export const ClosingRef = z
  .object({
    version: z.number().int(),
    closedAt: z.string(),
    closedBy: z.string(),
    reopenedAt: z.string().nullable(),
  })
  .openapi("ClosingRef");

export const IndicatorReport = z
  .object({
    period: z.string(),
    scheme: SchemeRef,
    official: z.boolean().openapi({
      description:
        "true: the official figures stored when the quarter was closed (`closing` says which); false: live figures",
    }),
    closing: ClosingRef.optional(),
    lateCases: z.number().int().optional().openapi({
      description: "Official figures only: `lateCases` of the first unit",
    }),
    dataAsOf: DataAsOf,
    units: z.array(UnitResult),
  })
  .openapi("IndicatorReport");

export const WhatIfReport = IndicatorReport.extend({
  method: z.object({
    normalisation: z.enum(["goalposts", "minmax", "zscore"]),
    aggregation: z.enum(["arithmetic", "geometric"]),
  }),
  definition: z.unknown().openapi({ description: "The scheme definition as scored" }),
  notes: z.array(z.string()),
}).openapi("WhatIfReport");

export const SensitivityReport = z
  .object({
    period: z.string(),
    scheme: SchemeRef,
    orgUnit: z.string(),
    draws: z.number().int(),
    seed: z.number().int(),
    spread: z.number(),
    official: z.boolean().openapi({
      description:
        "true: drawn over the official indicator scores of a closed quarter's children; false: live",
    }),
    units: z.array(SensitivityRow),
  })
  .openapi("SensitivityReport");
