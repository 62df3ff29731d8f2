/**
 * The baseline of bench/export.ts: PostgreSQL's own CSV writer, `COPY (SELECT …) TO STDOUT WITH
 * CSV`, over the very SELECT the case export runs (values inline), streamed to a file.
 */
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to } from "pg-copy-streams";
import type { Store } from "../../api/db/client.ts";
import { caseExportSelectSql } from "../../api/exports/case-rows.ts";
import { soleRootUnit } from "../../api/exports/queries.ts";
import { parsePeriod, quarterEnd, quarterStart } from "../../shapes/periods.ts";
import type { Figure } from "./figure.ts";

export async function copyBaseline(
  store: Store,
  url: string,
  period: string,
  file: string,
): Promise<Figure> {
  const q = parsePeriod(period)!;
  const root = (await soleRootUnit(store.db))!;
  const select = caseExportSelectSql(store.db, {
    rootId: root.id,
    from: quarterStart(q),
    to: quarterEnd(q),
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      done(null, chunk);
    },
  });
  const t0 = performance.now();
  await pipeline(
    client.query(to(`COPY (${select}) TO STDOUT WITH CSV`)),
    count,
    createWriteStream(file),
  );
  const seconds = (performance.now() - t0) / 1000;
  await client.end();
  return { rows, seconds, bytes: (await stat(file)).size, maxRssMb: 0 };
}
