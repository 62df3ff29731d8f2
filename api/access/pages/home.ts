/**
 * 系统管理, the administrator's home: one entry per administrative page the administrator's role
 * and scope allow. Users, keys and the audit log follow the administrator's subtree; the scheme,
 * the questionnaires, the report schedule and closing quarters act on every unit, so only an
 * administrator of the whole tree sees them (as their APIs decide).
 */
import type { Kysely } from "kysely";
import type { AdminHomeView, AdminLinkView } from "../../../web/pages/admin-model.ts";
import { PERIODS_PAGE } from "../../dashboard/nav.ts";
import type { DB } from "../../db/database.ts";
import { type Action, can } from "../permissions.ts";
import type { Principal } from "../principal.ts";
import { adminFrame } from "./frame.ts";

export const ADMIN_USERS_PAGE = "/admin/users";
export const ADMIN_KEYS_PAGE = "/admin/api-keys";
export const ADMIN_AUDIT_PAGE = "/admin/audit";

interface Entry extends AdminLinkView {
  action: Action;
  /** Acts on every unit: for an administrator of the whole tree only. */
  wholeTree: boolean;
}

const ENTRIES: Entry[] = [
  {
    key: "users",
    href: ADMIN_USERS_PAGE,
    label: "用户",
    note: "新建账号、停用、重置密码，调整角色和所属单位",
    action: "users.manage",
    wholeTree: false,
  },
  {
    key: "api-keys",
    href: ADMIN_KEYS_PAGE,
    label: "接口密钥",
    note: "为对接平台签发密钥（只显示一次）、吊销",
    action: "apiKeys.manage",
    wholeTree: false,
  },
  {
    key: "audit",
    href: ADMIN_AUDIT_PAGE,
    label: "审计日志",
    note: "按操作人、操作、单位、时间查询所有写操作和导出，可导出 CSV",
    action: "audit.read",
    wholeTree: false,
  },
  {
    key: "org-units",
    href: "/admin/org-units",
    label: "组织架构",
    note: "区、街道、社区、网格的层级和人口户数",
    action: "orgUnits.write",
    wholeTree: false,
  },
  {
    key: "schemes",
    href: "/admin/schemes",
    label: "考核方案",
    note: "指标权重、目标值和方案版本",
    action: "schemes.write",
    wholeTree: true,
  },
  {
    key: "surveys",
    href: "/admin/surveys",
    label: "问卷",
    note: "满意度问卷的题目和版本",
    action: "surveys.write",
    wholeTree: true,
  },
  {
    key: "reports",
    href: "/admin/reports",
    label: "报告计划",
    note: "评估报告的定时生成",
    action: "reports.write",
    wholeTree: true,
  },
  {
    key: "periods",
    href: PERIODS_PAGE,
    label: "季度关账",
    note: "关账冻结正式数据，必要时重新开账",
    action: "periods.close",
    wholeTree: true,
  },
];

export async function buildAdminHome(db: Kysely<DB>, principal: Principal): Promise<AdminHomeView> {
  const frame = await adminFrame(db, principal);
  const links = ENTRIES.filter(
    (e) => can(principal.role, e.action) && (!e.wholeTree || principal.scopeUnitId === null),
  ).map(({ key, href, label, note }) => ({ key, href, label, note }));
  return { nav: frame.nav, scopeText: frame.scopeText, links };
}
