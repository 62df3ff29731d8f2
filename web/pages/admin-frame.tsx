import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { ADMIN_CSS } from "../components/admin-css.ts";
import { AdminTitle } from "../components/admin-title.tsx";
import { APPEALS_CSS } from "../components/appeals-css.ts";
import { DashboardShell } from "../components/dashboard-shell.tsx";
import type { AdminFrame } from "./admin-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

/** The administrator's page frame: breadcrumb back to 系统管理, title, scope, units to pick. */
export function AdminShell(props: {
  title: string;
  frame: AdminFrame;
  scripts: ScriptFiles;
  children: Child;
}) {
  const f = props.frame;
  return (
    <DashboardShell title={props.title} nav={f.nav} scripts={[props.scripts.dashboard]}>
      {/* The buttons and status lines the appeals pages introduced (.btn.primary, .status-msg). */}
      <style>{raw(APPEALS_CSS + ADMIN_CSS)}</style>
      <AdminTitle title={props.title} scopeText={f.scopeText} />
      <datalist id="unit-options">
        {f.units.map((u) => (
          <option value={u.code} label={u.label} />
        ))}
      </datalist>
      {props.children}
    </DashboardShell>
  );
}

/** A unit picker: a code typed or picked from the scope's units (by name). */
export function UnitInput(props: {
  name: string;
  id: string;
  value?: string | null;
  required?: boolean;
  placeholder: string;
  /** For a picker without a visible label of its own. */
  label?: string;
}) {
  return (
    <input
      id={props.id}
      name={props.name}
      list="unit-options"
      value={props.value ?? ""}
      required={props.required}
      placeholder={props.placeholder}
      autocomplete="off"
      aria-label={props.label}
      maxlength={64}
    />
  );
}
