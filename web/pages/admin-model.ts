/**
 * The view models of the administrator's pages (系统管理): the home with its links, users, API
 * keys and the audit log. `api/access/pages` builds them; the pages only render them. Instants
 * are already Beijing wall-clock text (`2026-12-06 14:05`).
 */
import type { NavView } from "./dashboard-model.ts";

/** One entry of the 系统管理 home. */
export interface AdminLinkView {
  href: string;
  label: string;
  note: string;
  key: string;
}

export interface AdminHomeView {
  nav: NavView;
  /** "全部单位" or "二街道及其下级单位". */
  scopeText: string;
  links: AdminLinkView[];
}

/** A unit the administrator may assign (a datalist entry: the code, and its name with place). */
export interface UnitOption {
  code: string;
  label: string;
}

export interface RoleOption {
  value: string;
  label: string;
}

/** What every administrator page shares: navigation, scope and the units to pick from. */
export interface AdminFrame {
  nav: NavView;
  scopeText: string;
  /** The administrator manages the whole tree (may leave the unit empty for an administrator). */
  cityWide: boolean;
  units: UnitOption[];
}

export interface UserRowView {
  id: number;
  username: string;
  displayName: string | null;
  role: string;
  roleLabel: string;
  unitCode: string | null;
  unitName: string;
  disabled: boolean;
  createdAt: string;
  /** The signed-in administrator's own account (no disabling, role or scope change). */
  self: boolean;
}

export interface UsersView extends AdminFrame {
  roles: RoleOption[];
  users: UserRowView[];
}

export interface ApiKeyRowView {
  id: number;
  name: string;
  prefix: string;
  unitCode: string | null;
  unitName: string;
  createdAt: string;
  lastUsedAt: string;
  revokedAt: string | null;
}

export interface ApiKeysView extends AdminFrame {
  keys: ApiKeyRowView[];
}

export interface AuditRowView {
  id: number;
  at: string;
  actor: string;
  actorKind: string;
  action: string;
  actionLabel: string;
  methodLabel: string;
  path: string;
  status: number;
  ok: boolean;
  target: string;
  detail: string;
  ip: string;
}

/** The audit page's filters as typed (dates `YYYY-MM-DD`, Beijing days). */
export interface AuditFilterView {
  actor: string;
  action: string;
  unit: string;
  from: string;
  to: string;
}

export interface AuditView extends AdminFrame {
  filter: AuditFilterView;
  actions: RoleOption[];
  entries: AuditRowView[];
  total: number;
  page: number;
  pages: number;
  prevHref: string | null;
  nextHref: string | null;
  exportHref: string;
  /** Why the filter could not be applied (an unknown unit, a bad date); no entries then. */
  error: string | null;
}
