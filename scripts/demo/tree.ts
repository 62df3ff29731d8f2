/**
 * The org-unit tree of the demo: (city →) district → street → community → grid, with per-year
 * population and households, and the latent profile of every community.
 */
import type { UnitWrite, YearFacts } from "../../api/org-tree/queries.ts";
import {
  CITY,
  CITY_DISTRICTS,
  COMMUNITY_STEMS,
  gridName,
  HOME_DISTRICT,
  STREET_STEMS,
  stemName,
} from "./names.ts";
import type { DemoPlan } from "./options.ts";
import { intBetween, normal, shuffled, streamFor } from "./prng.ts";
import { createLatent, type Latent, weakStreetPosition } from "./profile.ts";

export interface Community {
  /** Global index, 0-based, in tree order; also the community's PRNG stream id. */
  index: number;
  code: string;
  name: string;
  /** Codes of the community's grids (empty for most). */
  gridCodes: string[];
  /** Position within its street (0-based). */
  position: number;
  rural: boolean;
  populationByYear: Map<number, number>;
  latent: Latent;
  /** Relative case volume (√ of population, normalised over the tree to mean ≈ 1). */
  caseWeight: number;
  /** Story flags that the tests and the demo rely on. */
  missesLatestReturn: boolean;
  fewLatestResponses: boolean;
}

export interface DemoTree {
  units: UnitWrite[];
  facts: YearFacts[];
  communities: Community[];
  rootCode: string;
  /** The first street of the home district (scope of the street-level demo accounts). */
  firstStreetCode: string;
}

const TREE_STREAM = 1;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function buildTree(plan: DemoPlan): DemoTree {
  const units: UnitWrite[] = [];
  const communities: Community[] = [];
  const years = [...new Set(plan.quarters.map((q) => q.year))].sort((a, b) => a - b);
  const city = plan.scale === "city";
  const districts = city
    ? CITY_DISTRICTS
    : [{ code: HOME_DISTRICT.code, name: HOME_DISTRICT.name, rural: false }];
  if (city)
    units.push({ code: CITY.code, name: CITY.name, level: "city", urban: true, parentCode: null });
  const weakStreet = weakStreetPosition(plan.streetsPerDistrict);
  const cps = plan.communitiesPerStreet;
  // The story flags sit on fixed positions so that even a 2 × 3 test tree has them.
  const fewResponsesIndex = cps - 1;
  const missingReturnIndex = (plan.streetsPerDistrict >= 2 ? cps : 0) + cps - 1;

  districts.forEach((district, d) => {
    const rng = streamFor(plan.seed, TREE_STREAM, d);
    units.push({
      code: district.code,
      name: district.name,
      level: "district",
      urban: !district.rural,
      parentCode: city ? CITY.code : null,
    });
    const streetStems = shuffled(rng, STREET_STEMS);
    for (let s = 0; s < plan.streetsPerDistrict; s++) {
      const streetCode = `${district.code}${pad(s + 1, 3)}`;
      units.push({
        code: streetCode,
        name: stemName(streetStems, s, district.rural ? "镇" : "街道"),
        level: "street",
        urban: !district.rural,
        parentCode: district.code,
      });
      const streetEffect = s === weakStreet ? -1.1 : 0.3 * normal(rng);
      const stems = shuffled(rng, COMMUNITY_STEMS);
      for (let c = 0; c < cps; c++) {
        const index = communities.length;
        const code = `${streetCode}${pad(c + 1, 3)}`;
        const name = stemName(stems, c, district.rural ? "村" : "社区");
        units.push({
          code,
          name,
          level: "community",
          urban: !district.rural,
          parentCode: streetCode,
        });
        const crng = streamFor(plan.seed, TREE_STREAM, d, s, c);
        // Roughly a third of the communities are divided into 2–4 grids.
        const gridCount = crng() < 0.34 ? intBetween(crng, 2, 4) : 0;
        const gridCodes = Array.from({ length: gridCount }, (_, g) => `${code}${pad(g + 1, 2)}`);
        for (const [i, g] of gridCodes.entries()) {
          units.push({
            code: g,
            name: gridName(i),
            level: "grid",
            urban: !district.rural,
            parentCode: code,
          });
        }
        const first = district.rural ? 1500 + 4500 * crng() ** 1.2 : 3000 + 12000 * crng() ** 1.3;
        const populationByYear = new Map<number, number>();
        let pop = first;
        for (const y of years) {
          populationByYear.set(y, Math.round(pop));
          pop *= 1 + 0.01 + 0.015 * normal(crng);
        }
        communities.push({
          index,
          code,
          name,
          gridCodes,
          position: c,
          rural: district.rural,
          populationByYear,
          latent: createLatent(crng, c, streetEffect),
          caseWeight: Math.sqrt(first / 9000),
          missesLatestReturn: index === missingReturnIndex || crng() < 0.03,
          fewLatestResponses: index === fewResponsesIndex || crng() < 0.03,
        });
      }
    }
  });

  const meanWeight = communities.reduce((s, c) => s + c.caseWeight, 0) / communities.length;
  for (const c of communities) c.caseWeight /= meanWeight;

  return {
    units,
    facts: yearFacts(units, communities, years, plan.seed),
    communities,
    rootCode: city ? CITY.code : HOME_DISTRICT.code,
    firstStreetCode: `${HOME_DISTRICT.code}001`,
  };
}

/**
 * Population and households per year: communities from their profile, streets, districts and
 * the city as sums of their communities (the resident population of the area). Grids carry none.
 */
function yearFacts(
  units: UnitWrite[],
  communities: Community[],
  years: number[],
  seed: number,
): YearFacts[] {
  const parentOf = new Map(units.map((u) => [u.code, u.parentCode]));
  const totals = new Map<string, { population: number; households: number }>();
  const facts: YearFacts[] = [];
  for (const c of communities) {
    const rng = streamFor(seed, TREE_STREAM, 999, c.index);
    const perHousehold = 2.4 + 0.5 * rng();
    for (const year of years) {
      const population = c.populationByYear.get(year) ?? 0;
      const households = Math.round(population / perHousehold);
      facts.push({ code: c.code, year, population, households });
      for (let p = parentOf.get(c.code) ?? null; p !== null; p = parentOf.get(p) ?? null) {
        const key = `${p}|${year}`;
        const t = totals.get(key) ?? { population: 0, households: 0 };
        t.population += population;
        t.households += households;
        totals.set(key, t);
      }
    }
  }
  for (const [key, t] of totals) {
    const [code, year] = key.split("|") as [string, string];
    facts.push({ code, year: Number(year), population: t.population, households: t.households });
  }
  return facts;
}
