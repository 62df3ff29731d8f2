import { SERIES_COLOURS } from "../../shapes/theme.ts";

/**
 * The polyline segments of a sparkline in a `width` × `height` box: one segment per run of
 * consecutive values (a quarter without a value breaks the line instead of dropping to 0).
 * Returns [] when fewer than one value is present.
 */
export function sparkSegments(
  values: readonly (number | null)[],
  width: number,
  height: number,
  pad = 3,
): string[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return [];
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current.length > 0) segments.push(current.join(" "));
      current = [];
      return;
    }
    const x = values.length > 1 ? i * step : width / 2;
    // A flat series sits in the middle rather than on the floor.
    const y = max === min ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad);
    current.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(" "));
  return segments;
}

/** A small inline SVG trend line (server-rendered: no script, prints in the PDF too). */
export function Sparkline(props: { values: readonly (number | null)[]; label: string }) {
  const w = 100;
  const h = 28;
  const segments = sparkSegments(props.values, w, h);
  return (
    <svg
      class="spark"
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={props.label}
    >
      {segments.map((points) =>
        points.includes(" ") ? (
          <polyline
            points={points}
            fill="none"
            stroke={SERIES_COLOURS[0]}
            stroke-width="1.6"
            vector-effect="non-scaling-stroke"
          />
        ) : (
          <line
            x1={points.split(",")[0]}
            y1={points.split(",")[1]}
            x2={points.split(",")[0]}
            y2={points.split(",")[1]}
            stroke={SERIES_COLOURS[0]}
            stroke-width="4"
            stroke-linecap="round"
            vector-effect="non-scaling-stroke"
          />
        ),
      )}
    </svg>
  );
}
