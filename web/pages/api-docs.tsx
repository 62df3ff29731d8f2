import { raw } from "hono/html";
import { FaviconLinks } from "../components/favicon-links.tsx";

/**
 * The API reference page: Swagger UI (swagger-ui-dist, served by this app, no CDN: deployments
 * sit on government intranets) reading our own OpenAPI document. Its start-up line is inline,
 * allowed by the response's CSP nonce.
 */
export function ApiDocsPage(props: { specUrl: string; assetBase: string; nonce: string }) {
  const init = `window.addEventListener("load", function () {
    window.ui = SwaggerUIBundle({ url: ${JSON.stringify(props.specUrl)}, dom_id: "#swagger-ui",
      deepLinking: true, persistAuthorization: true, tryItOutEnabled: false });
  });`;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>接口文档 · 369 基层治理监督评估系统</title>
        <FaviconLinks />
        <link rel="stylesheet" href={`${props.assetBase}/swagger-ui.css`} />
      </head>
      <body>
        <div id="swagger-ui" />
        <script src={`${props.assetBase}/swagger-ui-bundle.js`} />
        <script nonce={props.nonce}>{raw(init)}</script>
      </body>
    </html>
  );
}
