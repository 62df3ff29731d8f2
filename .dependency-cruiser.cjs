/** Import-direction rules of STYLE.md ("Layout", "Dependency direction"), checked by `npm test`. */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "no import cycles anywhere (type-only imports included: they are cycles of meaning)",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "fast-reader-private",
      comment:
        "the byte reader of case batches is private to api/cases (STYLE.md: a fast path stays behind one function): the rest of the app reads a batch through readCaseBatch in api/cases/read-batch.ts",
      severity: "error",
      from: { pathNot: "^api/cases/" },
      to: { path: "^api/cases/fast-reader/" },
    },
    {
      name: "metrics-is-pure",
      comment: "metrics imports nothing from this repo outside metrics/ and nothing that does I/O",
      severity: "error",
      from: { path: "^metrics/" },
      to: { pathNot: ["^metrics/", "^node_modules/(fast-check|vitest)/"] },
    },
    {
      name: "shapes-are-plain",
      comment:
        "shapes/ (the shapes api, reports and web share) import only metrics and each other: no I/O, no HTTP, no database. " +
        "The one exception is zod (through @hono/zod-openapi, so the API's OpenAPI document names them): a shape the API " +
        "takes or serves is a zod schema defined once here, and its TypeScript type is inferred from it",
      severity: "error",
      from: { path: "^shapes/" },
      to: {
        pathNot: [
          "^shapes/",
          "^metrics/",
          "^node_modules/(fast-check|vitest)/",
          "(^|/)node_modules/@hono/zod-openapi/",
        ],
      },
    },
    {
      name: "shape-schemas-are-types-outside-api",
      comment:
        "reports and web use the zod-defined shapes (those importing @hono/zod-openapi) as types only: their code stays free of zod and Hono",
      severity: "error",
      from: { path: "^(reports|web)/" },
      to: {
        path: "^shapes/(org-levels|survey-stats|sensitivity|unit-result|period-schema)\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "reports-no-http-db-or-web",
      comment: "reports never import Hono, Kysely, api/ or web/",
      severity: "error",
      from: { path: "^reports/" },
      to: {
        path: [
          "^api/",
          "^web/",
          "^node_modules/(hono|kysely|pg|@electric-sql)/",
          "^node_modules/@hono/",
        ],
      },
    },
    {
      name: "web-pages-never-query",
      comment:
        "web/pages and web/components receive view models: they never reach api/ or a database",
      severity: "error",
      from: { path: "^web/(pages|components)/" },
      to: {
        path: ["^api/", "^node_modules/(kysely|pg|@electric-sql)/"],
        dependencyTypesNot: ["type-only"],
      },
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
      name: "entries-only-at-the-top",
      comment:
        "api/node.ts and api/worker.ts build every dependency and are imported by nothing (their tests start them)",
      severity: "error",
      from: { pathNot: "\\.test\\.tsx?$" },
      to: { path: "^api/(node|worker)\\.ts$" },
    },
    {
      name: "routes-only-from-the-app",
      comment:
        "an area's HTTP routes are mounted by api/app.ts (or their own area's routes); rules, jobs, the CLI and pages call areas, never routes",
      severity: "error",
      from: {
        path: "^(api|web|reports|scripts|bench|shapes)/",
        pathNot: ["^api/app\\.ts$", "^api/[^/]+/routes"],
      },
      to: { path: "^api/[^/]+/routes(\\.tsx?|/)" },
    },
    {
      name: "routes-of-another-area",
      comment: "an area's routes never import another area's routes",
      severity: "error",
      from: { path: "^api/([^/]+)/routes" },
      to: { path: "^api/[^/]+/routes(\\.tsx?|/)", pathNot: "^api/$1/" },
    },
    {
      name: "no-store-outside-queries",
      comment:
        "SQL lives in an area's queries (and migrations); routes, middleware, reports and web never open the store's SQL",
      severity: "error",
      from: { path: "^(api/[^/]+/routes|api/middleware|reports|web|shapes)/" },
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
