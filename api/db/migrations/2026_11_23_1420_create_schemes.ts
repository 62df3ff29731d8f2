import { type Kysely, sql } from "kysely";

// Scoring schemes as data (seed 000 §六 6.3 动态调整): each version of a scheme is a row, valid from
// a year; a new year's weights or targets are a new version, never an edit. The default scheme
// "369-default" version 1 is written out here as INDICATORS.md had it when this migration shipped
// (not imported from metrics/, which may change: migrations are frozen).
const DEFAULT_V1 = {
  responseSlaMinutes: 60,
  method: { normalisation: "goalposts", aggregation: "arithmetic" },
  dimensions: {
    governance: { weight: 30 },
    service: { weight: 30 },
    resources: { weight: 20 },
    participation: { weight: 20 },
  },
  indicators: {
    G1: { target: 60, floor: 20, weight: 25, direction: "up" },
    G2: { target: 95, floor: 70, weight: 25, direction: "up" },
    G3: { target: 95, floor: 70, weight: 20, direction: "up" },
    G4: { target: 85, floor: 60, weight: 30, direction: "up" },
    S1: { target: 24, floor: 120, weight: 20, direction: "down" },
    S2: { target: 90, floor: 60, weight: 25, direction: "up" },
    S3: { target: 5, floor: 30, weight: 20, direction: "down" },
    S4: { target: 70, floor: 20, weight: 15, direction: "up" },
    S5: { target: 90, floor: 60, weight: 20, direction: "up" },
    R1: { target: 100, floor: 50, weight: 35, direction: "up" },
    R2: { target: 18, floor: 8, weight: 25, direction: "up" },
    R3: { target: 95, floor: 60, weight: 20, direction: "up" },
    R4: { target: 300, floor: 1500, weight: 20, direction: "down" },
    P1: { target: 30, floor: 5, weight: 30, direction: "up" },
    P2: { target: 80, floor: 40, weight: 30, direction: "up" },
    P3: { target: 5, floor: 1, weight: 20, direction: "up" },
    P4: { target: 60, floor: 20, weight: 20, direction: "up" },
  },
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table scheme (
      id text not null check (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
      version integer not null check (version >= 1),
      valid_from_year smallint not null check (valid_from_year between 2000 and 2100),
      name text not null check (length(name) between 1 and 200),
      definition jsonb not null,
      created_by text,
      created_at timestamptz not null default now(),
      primary key (id, version)
    )`.execute(db);
  await sql`
    insert into scheme (id, version, valid_from_year, name, definition, created_by)
    values ('369-default', 1, 2000, '369 默认考核方案', ${JSON.stringify(DEFAULT_V1)}::jsonb, 'migration')
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists scheme`.execute(db);
}
