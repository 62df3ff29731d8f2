import { raw } from "hono/html";
import { PAGE_FONT_STACK, PRINT_FONT_CSS } from "../../shapes/fonts.ts";

/** The quarter's sample progress a poster shows (issue 22): 本季度已收 x 份 / 目标 n 份. */
export interface PosterProgress {
  /** The community's name when the poster is a grid's (its responses count for the community). */
  unitName: string | null;
  collected: number;
  target: number | null;
  /** min(collected / target, 1); null without a target. */
  share: number | null;
}

/** One A4 poster: a unit, its survey link and the link's QR code as inline SVG. */
export interface SurveyPoster {
  unitName: string;
  unitCode: string;
  parentName: string | null;
  url: string;
  qrSvg: string;
  /** Absent or null: no plan (another survey, or a unit without a community). */
  progress?: PosterProgress | null;
}

/** 本季度已收 x 份 / 目标 n 份 and a bar. */
function Progress(props: { p: PosterProgress }) {
  const p = props.p;
  const width = `${Math.round((p.share ?? 0) * 1000) / 10}%`;
  return (
    <div class="progress" data-testid="poster-progress">
      <p>
        {p.unitName ? `${p.unitName}` : ""}本季度已收 <strong>{p.collected}</strong> 份
        {p.target === null ? null : (
          <>
            {" "}
            / 目标 <strong>{p.target}</strong> 份
          </>
        )}
      </p>
      {p.target === null ? null : (
        <div class="bar">
          <span style={`width:${width}`} />
        </div>
      )}
    </div>
  );
}

/**
 * Printable QR posters, one A4 page per unit (a street prints all its communities at once).
 * Print CSS only: the browser's 打印 / 另存为 PDF makes the PDF, in the shipped font's print files
 * (named NotoSansSC-Regular/-Bold in the PDF). The print button is wired by a line of inline
 * script carrying the response's CSP nonce (an `onclick` attribute would not run).
 */
export function SurveyPosterPage(props: { title: string; posters: SurveyPoster[]; nonce: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`二维码海报 · ${props.title}`}</title>
        <link rel="stylesheet" href={PRINT_FONT_CSS} />
        <style>{raw(POSTER_CSS)}</style>
      </head>
      <body>
        <div class="toolbar">
          <span>共 {props.posters.length} 张 A4 海报</span>
          <button type="button" id="print">
            打印 / 另存为 PDF
          </button>
        </div>
        {props.posters.map((p) => (
          <section class="poster" data-unit={p.unitCode}>
            <div class="band">
              <p class="kicker">{p.parentName ?? "居民满意度调查"}</p>
              <h1>{p.unitName}</h1>
            </div>
            <h2>{props.title}</h2>
            <p class="ask">请您为社区服务打分，帮助我们做得更好</p>
            <div class="qr">{raw(p.qrSvg)}</div>
            <p class="scan">微信或手机相机 扫一扫 · 匿名填写 · 约 1 分钟</p>
            {p.progress ? <Progress p={p.progress} /> : null}
            <ul class="help">
              <li>
                <strong>大字模式</strong>：打开后点右上角“大字模式”，字大、一次一题
              </li>
              <li>
                <strong>语音朗读</strong>：每道题旁有“朗读”按钮
              </li>
              <li>
                <strong>不方便用手机？</strong>请到社区服务站，工作人员帮您代填
              </li>
            </ul>
            <p class="url">{p.url}</p>
          </section>
        ))}
        <script nonce={props.nonce}>
          {raw(
            `document.getElementById("print").addEventListener("click",function(){window.print()})`,
          )}
        </script>
      </body>
    </html>
  );
}

const POSTER_CSS = `
@page{size:A4;margin:0}
*{box-sizing:border-box}
body{margin:0;background:#e5e7eb;font-family:${PAGE_FONT_STACK};color:#111}
.toolbar{position:sticky;top:0;display:flex;gap:16px;align-items:center;justify-content:center;padding:10px;background:#1f2933;color:#fff;z-index:1}
.toolbar button{min-height:44px;padding:0 20px;border:0;border-radius:22px;background:#f0b429;font:inherit;font-weight:700;cursor:pointer}
.poster{width:210mm;height:297mm;margin:10mm auto;background:#fff;display:flex;flex-direction:column;align-items:center;overflow:hidden;page-break-after:always;break-after:page;box-shadow:0 2px 10px rgba(0,0,0,.2)}
.band{width:100%;background:#b42318;color:#fff;text-align:center;padding:12mm 10mm 10mm}
.kicker{margin:0;font-size:7mm;letter-spacing:.1em;opacity:.95}
.band h1{margin:3mm 0 0;font-size:17mm;line-height:1.15;letter-spacing:.05em}
h2{margin:9mm 0 0;font-size:10mm}
.ask{margin:3mm 0 0;font-size:6.5mm;color:#333}
.qr{width:105mm;height:105mm;margin-top:8mm;padding:3mm;border:1.2mm solid #b42318;border-radius:4mm}
.qr svg{width:100%;height:100%;display:block}
.scan{margin:6mm 0 0;font-size:7mm;font-weight:700}
.progress{margin:5mm 0 0;width:120mm;text-align:center}
.progress p{margin:0;font-size:6mm}
.progress strong{color:#b42318}
.bar{height:4mm;margin-top:2mm;border-radius:2mm;background:#e4e7eb;overflow:hidden}
.bar span{display:block;height:100%;background:#b42318}
.help{margin:5mm 0 0;padding:0 22mm;list-style:none;font-size:5.4mm;line-height:1.7;align-self:stretch}
.help li::before{content:"● ";color:#b42318}
.url{margin:auto 0 10mm;font-family:monospace;font-size:4mm;color:#444}
@media print{body{background:#fff}.toolbar{display:none}.poster{margin:0;box-shadow:none}}
@media screen and (max-width:800px){.poster{zoom:.45}}
`;
