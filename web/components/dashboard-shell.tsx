import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { NavView, PageContext } from "../pages/dashboard-model.ts";
import { DASHBOARD_CSS } from "./dashboard-css.ts";
import { Layout } from "./layout.tsx";
import { PeriodBadge } from "./period-badge.tsx";

/** Where the browser bundles are served from (built by scripts/build-web.ts into dist/web). */
export const ASSET_BASE = "/dashboard/assets";

/**
 * The dashboard page frame: skip link, top bar with the navigation the role allows and the sign-out
 * button, then the page's main content. `scripts` are module bundles loaded after the content.
 */
export function DashboardShell(props: {
  title: string;
  nav: NavView | null;
  children: Child;
  /** Built bundle files to load as modules (absent entries are skipped). */
  scripts?: (string | undefined)[];
}) {
  const scripts = (props.scripts ?? []).filter((s): s is string => Boolean(s));
  return (
    <Layout
      title={`${props.title} · 369 基层治理监督评估`}
      fonts={scripts.length > 0 ? "scripted" : "late"}
      head={
        <>
          <style>{raw(DASHBOARD_CSS)}</style>
          {scripts.map((s) => (
            <script type="module" src={`${ASSET_BASE}/${s}`} />
          ))}
        </>
      }
    >
      <a class="skip" href="#main">
        跳到正文
      </a>
      <TopBar nav={props.nav} />
      <main class="dash" id="main" tabindex={-1}>
        {props.children}
      </main>
    </Layout>
  );
}

function TopBar(props: { nav: NavView | null }) {
  const { nav } = props;
  return (
    <header class="topbar">
      <a class="brand" href="/">
        “369” 基层治理监督评估
      </a>
      {nav && (
        <nav aria-label="主导航">
          <ul>
            {nav.links.map((l) => (
              <li>
                <a href={l.href} aria-current={l.current ? "page" : undefined}>
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {nav && (
        <div class="who">
          <span>
            {nav.userName}（{nav.roleLabel}
            {nav.scopeName ? ` · ${nav.scopeName}` : ""}）
          </span>
          <form method="post" action="/logout">
            <button type="submit">退出登录</button>
          </form>
        </div>
      )}
    </header>
  );
}

/** Page title, breadcrumbs and the quarter switcher (a GET form, so it works without scripts). */
export function PageHead(props: {
  ctx: PageContext;
  title: string;
  path: string;
  /** Shown beside the quarter's 已关账 / 实时 badge (a unit's due-soon and overdue tasks). */
  badge?: Child;
  /** The page spans quarters (rectification tasks): no quarter switcher, note or state badge. */
  allQuarters?: boolean;
}) {
  const { ctx } = props;
  const quarterly = !props.allQuarters;
  const index = ctx.periods.findIndex((p) => p.selected);
  const older = index > 0 ? ctx.periods[index - 1] : undefined;
  const newer = index >= 0 && index < ctx.periods.length - 1 ? ctx.periods[index + 1] : undefined;
  return (
    <div class="pagehead">
      <div>
        <nav class="crumbs" aria-label="层级导航">
          <ol>
            {ctx.crumbs.map((c, i) => (
              <li>
                {i === ctx.crumbs.length - 1 ? (
                  <span aria-current="page" data-testid="crumb-current">
                    {c.name}
                  </span>
                ) : (
                  <a href={c.href} data-testid="crumb">
                    {c.name}
                  </a>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <h1 data-testid="page-title" data-unit={ctx.unit.code} data-period={ctx.period}>
          {props.title}
        </h1>
        {quarterly && ctx.periodNote ? (
          <p class="small periodnote" data-testid="period-note">
            本季度{ctx.periodNote}，数字仍会变化。
          </p>
        ) : null}
        {quarterly ? <PeriodBadge state={ctx.periodState} /> : null}
        {props.badge}
      </div>
      {quarterly ? (
        <form class="periodnav" method="get" action={props.path}>
          {older ? (
            <a href={older.href} data-testid="period-prev" title={older.label}>
              ‹ 上一季度
            </a>
          ) : null}
          <label for="period-select" class="small muted">
            季度
          </label>
          <select id="period-select" name="period" data-testid="period-select">
            {ctx.periods.map((p) => (
              <option
                value={p.value}
                selected={p.selected}
                data-complete={p.note ? "0" : "1"}
                data-closed={p.closed ? "1" : "0"}
              >
                {p.closed
                  ? `${p.label}（已关账）`
                  : p.note
                    ? `${p.label}（${p.note}）`
                    : `${p.label}（完整）`}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="period-go">
            查看
          </button>
          {newer ? (
            <a href={newer.href} data-testid="period-next" title={newer.label}>
              下一季度 ›
            </a>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
