import { DashboardShell } from "../components/dashboard-shell.tsx";
import type { ErrorView, ScriptFiles } from "./dashboard-model.ts";

/** The Chinese error page (403, 404, 500 …) of the dashboard and of every page route. */
export function DashboardErrorPage(props: { view: ErrorView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <DashboardShell title={v.title} nav={v.nav} scripts={[props.scripts.dashboard]}>
      <section
        class="card"
        style="max-width:640px;margin:40px auto"
        data-testid={`error-${v.status}`}
      >
        <h1 style="font-size:22px;margin-top:0">{v.title}</h1>
        <p>{v.message}</p>
        {v.back && (
          <p>
            <a href={v.back.href}>{v.back.label}</a>
          </p>
        )}
      </section>
    </DashboardShell>
  );
}
