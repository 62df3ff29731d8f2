import { type Kysely, sql } from "kysely";

// Rectification tasks (整改 / 督办, CYCLE.md "Rectification", issue 19).
//
// - rectification_task: one task of a unit for an indicator of a quarter. `origin` says whether
//   closing the quarter opened it (a red item of the official figures) or a leader or assessor
//   did by hand (督办, with `instruction`). `status` is stored (open, submitted, verified);
//   overdue and due-soon are computed from `deadline` (a date, Asia/Shanghai: due by the end of
//   that day). `extended` is set by the one allowed extension. The partial unique index makes
//   closing idempotent: a quarter reopened and closed again opens no second task for a red item.
//   `due_soon_marked_at`, `overdue_marked_at` and `notified_overdue_at` are the daily reminder
//   job's marks (api/rectifications/reminders.ts): each is set once, so a webhook goes out once.
// - rectification_progress: what the unit reported (measures, note); `submitted` marks the entry
//   that moved the task to submitted.
// - rectification_decision: verify, return or extend, with who, when, why and the new deadline.
// - rectification_attachment: evidence files (attachment) of a task.
// - org_unit_webhook: a unit's group-robot webhook (企业微信 or 钉钉) for overdue notices.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table rectification_task (
      id integer generated always as identity primary key,
      org_unit_id integer not null references org_unit(id),
      period text not null check (period ~ '^[0-9]{4}Q[1-4]$'),
      indicator text not null,
      origin text not null check (origin in ('closing', 'manual')),
      instruction text not null default '',
      value_at_open double precision,
      status text not null default 'open' check (status in ('open', 'submitted', 'verified')),
      deadline date not null,
      extended boolean not null default false,
      measures text not null default '',
      opened_at timestamptz not null default now(),
      opened_by text,
      opened_by_key text,
      submitted_at timestamptz,
      verified_at timestamptz,
      verified_by text,
      due_soon_marked_at timestamptz,
      overdue_marked_at timestamptz,
      notified_overdue_at timestamptz,
      notify_attempts integer not null default 0,
      notify_error text
    )`.execute(db);
  await sql`create unique index rectification_task_closing_once
    on rectification_task (org_unit_id, period, indicator) where origin = 'closing'`.execute(db);
  await sql`create index rectification_task_period_idx
    on rectification_task (period, status)`.execute(db);
  await sql`create index rectification_task_unit_idx
    on rectification_task (org_unit_id)`.execute(db);
  await sql`
    create table rectification_progress (
      id integer generated always as identity primary key,
      task_id integer not null references rectification_task(id),
      at timestamptz not null default now(),
      by_name text not null,
      by_key text not null,
      measures text not null default '',
      note text not null default '',
      submitted boolean not null default false
    )`.execute(db);
  await sql`create index rectification_progress_task_idx
    on rectification_progress (task_id)`.execute(db);
  await sql`
    create table rectification_decision (
      id integer generated always as identity primary key,
      task_id integer not null references rectification_task(id),
      at timestamptz not null default now(),
      by_name text not null,
      by_key text not null,
      decision text not null check (decision in ('verify', 'return', 'extend')),
      note text not null default '',
      new_deadline date
    )`.execute(db);
  await sql`create index rectification_decision_task_idx
    on rectification_decision (task_id)`.execute(db);
  await sql`
    create table rectification_attachment (
      task_id integer not null references rectification_task(id),
      attachment_id integer not null references attachment(id),
      primary key (task_id, attachment_id)
    )`.execute(db);
  await sql`create index rectification_attachment_file_idx
    on rectification_attachment (attachment_id)`.execute(db);
  await sql`
    create table org_unit_webhook (
      org_unit_id integer primary key references org_unit(id),
      kind text not null check (kind in ('wecom', 'dingtalk')),
      url text not null,
      updated_at timestamptz not null default now(),
      updated_by text not null
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table org_unit_webhook`.execute(db);
  await sql`drop table rectification_attachment`.execute(db);
  await sql`drop table rectification_decision`.execute(db);
  await sql`drop table rectification_progress`.execute(db);
  await sql`drop table rectification_task`.execute(db);
}
