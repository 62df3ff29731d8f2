/** Import-direction rules of STYLE.md ("Dependency direction"), checked by `npm test`. */
module.exports = {
  forbidden: [
    {
      name: "metrics-is-pure",
      comment: "metrics imports nothing from this repo outside metrics/ and nothing that does I/O",
      severity: "error",
      from: { path: "^metrics/" },
      to: { pathNot: ["^metrics/", "^node_modules/(fast-check|vitest)/"] },
    },
    {
      name: "reports-no-http-or-db",
      comment: "reports never import Hono, Kysely or api/",
      severity: "error",
      from: { path: "^reports/" },
      to: {
        path: ["^api/", "^node_modules/(hono|kysely|pg|@electric-sql)/", "^node_modules/@hono/"],
      },
    },
    {
      name: "web-pages-never-query",
      comment: "web/pages receive view models and never query",
      severity: "error",
      from: { path: "^web/(pages|components)/" },
      to: { path: ["^api/db/", "^node_modules/(kysely|pg|@electric-sql)/"] },
    },
    {
      name: "web-client-browser-only",
      comment: "web/client uses browser libraries only",
      severity: "error",
      from: { path: "^web/client/" },
      to: {
        path: [
          "^api/",
          "^reports/",
          "^node_modules/(hono|kysely|pg|exceljs|puppeteer|puppeteer-core)/",
        ],
      },
    },
    {
      name: "worker-no-node-only",
      comment:
        "puppeteer, exceljs and PGlite are reached only from api/node.ts or lazy imports, never from the worker",
      severity: "error",
      from: { path: "^api/worker\\.ts$" },
      to: {
        path: ["^node_modules/(puppeteer|puppeteer-core|exceljs|@electric-sql)/"],
        dependencyTypesNot: ["dynamic-import"],
      },
    },
    {
      name: "sql-only-in-db",
      comment:
        "SQL lives in api/db (queries and migrations); domain code goes through query functions",
      severity: "error",
      from: { path: "^(api/routes|api/middleware|api/auth|reports|web)/" },
      to: { path: "^api/db/(client|migrate)\\.ts$", dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^node_modules|^data|^dist|\\.test\\.tsx?$)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
