/**
 * The 季度填报 page (issue 21): a clerk's communities and the state of their returns for a
 * quarter, the template, the upload and the online form of one community. Plain HTML forms post
 * to these page routes (multipart for the workbook), so filing needs no script; the writes go
 * through the returns area (upload.ts, form.ts) exactly as the API's do, and each is audited.
 * A street leader opens the same page to approve or send back its communities' returns
 * (review.ts); filing stays with those allowed returns.write.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { OutcomeView } from "../../web/pages/returns-model.ts";
import { ReturnsPage } from "../../web/pages/returns-page.tsx";
import { can } from "../access/permissions.ts";
import type { AppEnv } from "../env.ts";
import { Conflict, Forbidden, Invalid, NotFound, TooLarge } from "../errors.ts";
import { fileFormReturn, formFieldsOf } from "../returns/form.ts";
import {
  buildReturnsPage,
  filingQuarter,
  type PostedForm,
  returnsPath,
  writtenOutcome,
} from "../returns/pages.ts";
import { reviewReturn } from "../returns/review.ts";
import { UPLOAD_LIMIT, uploadReturns } from "../returns/upload.ts";
import type { Resolved } from "./context.ts";
import { auditPagePosts, sameSite } from "./page-posts.ts";
import { errorPage, page } from "./routes.tsx";

type Ctx = Context<AppEnv>;

const nowOf = (c: Ctx) => c.get("deps").now?.() ?? new Date();

/** A refusal of the domain as the page shows it; anything else is not ours to word. */
function refusal(err: unknown): OutcomeView | null {
  if (err instanceof Invalid) {
    return { ok: false, title: err.message, errors: err.errors.map((e) => e.message), stored: [] };
  }
  if (err instanceof Conflict || err instanceof Forbidden || err instanceof NotFound) {
    return { ok: false, title: err.message, errors: [], stored: [] };
  }
  return null;
}

/** The status the API answers for the same refusal: closed 409, not allowed 403, none 404; bad input 422. */
const statusOf = (err: unknown) =>
  err instanceof Conflict
    ? 409
    : err instanceof Forbidden
      ? 403
      : err instanceof NotFound
        ? 404
        : 422;

export function returnPageRoutes() {
  const app = new Hono<AppEnv>();
  app.use(
    "/dashboard/:code/returns/*",
    auditPagePosts((path) => (path.endsWith("/review") ? "returns.review" : "returns.write")),
  );

  const render = async (
    c: Ctx,
    p: Resolved,
    scripts: Parameters<typeof ReturnsPage>[0]["scripts"],
    outcome: OutcomeView | null,
    posted: PostedForm | null = null,
    status: 200 | 403 | 404 | 409 | 422 = outcome && !outcome.ok ? 422 : 200,
  ) => {
    const view = await buildReturnsPage(c.get("deps").store.db, p, nowOf(c), outcome, posted);
    return c.html(<ReturnsPage view={view} scripts={scripts} />, status);
  };

  const refuseCrossSite = (c: Ctx, p: Resolved) =>
    errorPage(c, {
      status: 403,
      title: "请求被拒绝",
      message: "只能在本系统的页面中提交填报。请回到季度填报页面重新提交。",
      back: { href: returnsPath(p.unit.code, p.ctx.period), label: "返回季度填报" },
      nav: p.ctx.nav,
    });

  // A reviewer reaches the page too (nav.ts): filing needs returns.write.
  const refuseNonFiler = (c: Ctx, p: Resolved) =>
    errorPage(c, {
      status: 403,
      title: "无权填报",
      message: "您的角色可以查看和审核季度填报，但不能报送。报送由社区的数据填报员完成。",
      back: { href: returnsPath(p.unit.code, p.ctx.period), label: "返回季度填报" },
      nav: p.ctx.nav,
    });

  // Without a quarter, the one being filed now: the last quarter that has ended.
  app.get("/dashboard/:code/returns", (c) => {
    if (!c.req.query("period")) {
      return c.redirect(returnsPath(c.req.param("code"), filingQuarter(nowOf(c))), 302);
    }
    return page(c, "returns", (p, scripts) => render(c, p, scripts, null));
  });

  app.post(
    "/dashboard/:code/returns/upload",
    bodyLimit({
      maxSize: UPLOAD_LIMIT,
      onError: () => {
        throw new TooLarge(`上传的文件超过 ${UPLOAD_LIMIT / 1024 / 1024} MB`);
      },
    }),
    (c) =>
      page(c, "returns", async (p, scripts) => {
        if (!sameSite(c)) return refuseCrossSite(c, p);
        if (!can(p.principal.role, "returns.write")) return refuseNonFiler(c, p);
        const body = await c.req.parseBody();
        const file = body.file;
        if (!(file instanceof File) || file.size === 0) {
          const outcome = {
            ok: false,
            title: "请先选择填好的季度填报模板（xlsx 文件）再上传",
            errors: [],
            stored: [],
          };
          return render(c, p, scripts, outcome);
        }
        const db = c.get("deps").store.db;
        c.set("auditTarget", `returns upload: ${p.ctx.period}, ${p.unit.code}`);
        c.set("auditDetail", { file: file.name });
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const { sheets } = c.get("deps");
          const r = await uploadReturns(db, sheets, bytes, p.ctx.period, p.principal, nowOf(c));
          const { changedUnitIds, ...counts } = r;
          c.set("auditDetail", { ...counts, file: file.name });
          const title = `已写入：${r.updated} 个社区已更新，${r.unchanged} 个与已报数字相同，${r.skipped} 行留空未改动。`;
          const outcome = await writtenOutcome(db, p.quarter, title, changedUnitIds);
          return render(c, p, scripts, outcome);
        } catch (err) {
          const outcome = refusal(err);
          if (!outcome) throw err;
          c.set("auditDetail", { file: file.name, problems: outcome.errors.length });
          return render(c, p, scripts, outcome, null, statusOf(err));
        }
      }),
  );

  // 13 short figures: a few hundred bytes; 64 KiB bounds what a page re-shows.
  const formLimit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new TooLarge("提交的表单过大");
    },
  });

  app.post("/dashboard/:code/returns/form", formLimit, (c) =>
    page(c, "returns", async (p, scripts) => {
      if (!sameSite(c)) return refuseCrossSite(c, p);
      if (!can(p.principal.role, "returns.write")) return refuseNonFiler(c, p);
      const fields = formFieldsOf(await c.req.parseBody());
      const db = c.get("deps").store.db;
      c.set("auditTarget", `returns: ${p.unit.code} ${p.ctx.period}`);
      try {
        const out = await fileFormReturn(db, p.unit, p.quarter, fields, p.principal.name, nowOf(c));
        c.set("auditDetail", { changed: out.changed.length > 0, via: "form" });
        const title =
          out.changed.length > 0
            ? `已保存${p.unit.name}的季度填报。`
            : `${p.unit.name}的填报与已报数字相同，未作改动。`;
        return render(c, p, scripts, await writtenOutcome(db, p.quarter, title, [p.unit.id]));
      } catch (err) {
        const outcome = refusal(err);
        if (!outcome) throw err;
        c.set("auditDetail", { via: "form", problems: outcome.errors.length });
        const errors = err instanceof Invalid ? err.errors : [];
        return render(c, p, scripts, outcome, { fields, errors }, statusOf(err));
      }
    }),
  );

  // The street's review: 通过, or 退回 with a reason, of one community's return (review.ts).
  app.post("/dashboard/:code/returns/review", formLimit, (c) =>
    page(c, "returns", async (p, scripts) => {
      if (!sameSite(c)) return refuseCrossSite(c, p);
      const body = await c.req.parseBody();
      const text = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
      const unit = text("unit");
      const decision = text("decision") === "returned" ? "returned" : "approved";
      const reason = text("reason");
      c.set("auditTarget", `returns review: ${unit} ${p.ctx.period}`);
      c.set("auditDetail", { decision, reason: reason || null, via: "page" });
      try {
        if (!can(p.principal.role, "returns.review")) {
          throw new Forbidden("只有街道（或上级）的领导可以审核社区的季度填报");
        }
        const db = c.get("deps").store.db;
        const u = await reviewReturn(
          db,
          p.principal,
          unit,
          p.quarter,
          { decision, reason },
          nowOf(c),
        );
        const title =
          decision === "approved"
            ? `已通过${u.name}的季度填报。`
            : `已退回${u.name}的季度填报，原因：${reason.trim()}`;
        return render(c, p, scripts, { ok: true, title, errors: [], stored: [] });
      } catch (err) {
        const outcome = refusal(err);
        if (!outcome) throw err;
        return render(c, p, scripts, outcome, null, statusOf(err));
      }
    }),
  );

  return app;
}
