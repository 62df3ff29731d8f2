import { Layout } from "../components/layout.tsx";

export interface HomeView {
  unitCount: number;
  caseCount: number;
  demo: boolean;
}

/** The landing page until the dashboard (issue 7) replaces it. */
export function HomePage(props: { view: HomeView }) {
  const { view } = props;
  return (
    <Layout title="369 基层治理监督评估系统">
      <header>
        <h1>“369” 基层治理监督评估系统</h1>
      </header>
      <main>
        <section class="card">
          <h2>系统状态</h2>
          <p>
            组织单元 <strong>{view.unitCount.toLocaleString("zh-CN")}</strong> 个，工单{" "}
            <strong>{view.caseCount.toLocaleString("zh-CN")}</strong> 件
            {view.demo ? "（演示数据）" : ""}。
          </p>
          <p class="muted">领导驾驶舱正在建设中，上线后将在此显示综合指数、四类指标和排名。</p>
        </section>
        <section class="card">
          <h2>接口</h2>
          <ul>
            <li>
              <a href="/api/v1/docs">接口文档（OpenAPI）</a>
            </li>
            <li>
              <a href="/api/v1/openapi.json">OpenAPI 3.1 描述文件</a>
            </li>
            <li>
              <a href="/healthz">健康检查</a>
            </li>
          </ul>
        </section>
      </main>
    </Layout>
  );
}
