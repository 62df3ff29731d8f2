import { createRoute, z } from "@hono/zod-openapi";
import { NotFound } from "../../errors.ts";
import { problems, type Router } from "../../http/router.ts";
import { loadQrcode, surveyLink } from "../link.ts";
import { QrParams } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/surveys/{id}/qr/{file}",
  tags: ["surveys"],
  summary:
    "QR code (PNG) of a unit's public survey link: /surveys/satisfaction/qr/310101001001.png",
  security: [],
  request: { params: QrParams },
  responses: {
    200: {
      description: "PNG image, 600 × 600",
      content: { "image/png": { schema: z.any().openapi({ type: "string", format: "binary" }) } },
    },
    ...problems(404, 422),
  },
});

export function registerQr(app: Router) {
  app.openapi(route, async (c) => {
    const { id, file } = c.req.valid("param");
    const code = file.replace(/\.png$/, "");
    const rt = c.get("deps").surveys;
    if (!(await rt.survey(id))) throw new NotFound(`没有问卷 ${id}`);
    if (!(await rt.unit(code))) throw new NotFound(`没有编码为 ${code} 的单位`);
    const { toBuffer } = await loadQrcode();
    const png = await toBuffer(surveyLink(c, id, code), {
      type: "png",
      errorCorrectionLevel: "M",
      margin: 2,
      width: 600,
    });
    return c.body(new Uint8Array(png), 200, {
      "content-type": "image/png",
      "cache-control": "public, max-age=3600",
      "content-disposition": `inline; filename="${id}-${code}.png"`,
    });
  });
}
