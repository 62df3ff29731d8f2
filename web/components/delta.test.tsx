import { describe, expect, it } from "vitest";
import { Delta } from "./dashboard-panels.tsx";

const html = async (current: number | null, previous: number | null, direction?: "up" | "down") =>
  String(
    await (
      <Delta current={current} previous={previous} decimals={1} direction={direction} />
    ).toString(),
  );

describe("Delta", () => {
  it("shows a change that rounds to zero as a neutral 0.0, without ↓ or a colour", async () => {
    const tiny = await html(79.81, 79.84);
    expect(tiny).toContain('class="same"');
    expect(tiny).toContain(">0.0<");
    expect(tiny).not.toContain("↓");
    expect(await html(79.84, 79.81)).not.toContain("↑");
  });

  it("keeps arrow and colour for a change that shows", async () => {
    expect(await html(79.8, 81.1)).toMatch(/class="worse"[^>]*>↓−1\.3</);
    expect(await html(43.4, 42.7, "down")).toMatch(/class="worse"[^>]*>↑\+0\.7</);
    expect(await html(null, 1)).toMatch(/class="same"[^>]*>—</);
  });
});
