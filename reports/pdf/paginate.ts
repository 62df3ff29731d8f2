/**
 * Pagination done in the browser before printing. Chromium's own fragmentation gives no page
 * numbers to a table of contents and repeats table headers only where it chooses; so the report
 * lays itself out on screen at the page's width (print media emulated), then walks its blocks in
 * order and decides every page break itself: each chapter starts a page; a block that would cross
 * the bottom of the page moves to the next one (a heading takes the first piece of the block
 * after it along); a table that would cross it is split between two rows into a second table
 * with the same header. The breaks are set as `break-before: page`, so Chromium prints exactly
 * these pages, and the table of contents gets each chapter's page number.
 *
 * Kept as a plain-JavaScript string: a function passed through puppeteer's `evaluate` would be
 * serialised after TypeScript compilation, whose helpers do not exist in the page.
 */

/** The result of {@link PAGINATE_SCRIPT}: pages in all, and each anchored block's page. */
export interface PaginationResult {
  pages: number;
  pageOf: Record<string, number>;
}

/**
 * An expression evaluating to a function `(pageHeightPx) => PaginationResult`. Blocks are the
 * direct children of `.doc > section`; tables with class `t` may split between rows; headings
 * stay with what follows; `.pg[data-for=ID]` elements receive the page of element `ID`.
 */
export const PAGINATE_SCRIPT = `(function (pageHeight) {
  var H = pageHeight - 3;
  var sy = window.scrollY;
  function top(el) { return el.getBoundingClientRect().top + sy; }
  function bottom(el) { return el.getBoundingClientRect().bottom + sy; }
  function isTable(el) { return el.tagName === 'TABLE' && el.classList.contains('t') && el.tBodies.length > 0; }
  function isHeading(el) { return /^H[1-6]$/.test(el.tagName); }
  var page = 0, start = 0, pageOf = {}, breaks = [];
  // Break styles are written at the end: a style write would invalidate the layout, and every
  // later measurement would lay the document out again (a break changes nothing on screen).
  function breakBefore(el) { breaks.push(el); page += 1; start = top(el); }
  function firstPieceBottom(kids, i) {
    var el = kids[i];
    if (isHeading(el) && i + 1 < kids.length) return Math.max(bottom(el), firstPieceBottom(kids, i + 1));
    if (isTable(el)) { var r = el.tBodies[0].rows[0]; return r ? bottom(r) : bottom(el); }
    return bottom(el);
  }
  function placeTable(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var current = table, firstInPiece = 0;
    for (var r = 0; r < rows.length; r++) {
      if (bottom(rows[r]) - start <= H || r === firstInPiece) continue;
      var piece = table.cloneNode(false);
      piece.removeAttribute('id');
      var cols = table.querySelector('colgroup');
      if (cols) piece.appendChild(cols.cloneNode(true));
      if (table.tHead) piece.appendChild(table.tHead.cloneNode(true));
      var body = document.createElement('tbody');
      piece.appendChild(body);
      for (var k = r; k < rows.length; k++) body.appendChild(rows[k]);
      current.parentNode.insertBefore(piece, current.nextSibling);
      current = piece;
      firstInPiece = r;
      breakBefore(piece);
    }
  }
  var sections = Array.prototype.slice.call(document.querySelectorAll('.doc > section'));
  for (var s = 0; s < sections.length; s++) {
    var sec = sections[s];
    if (s > 0) breaks.push(sec);
    page += 1;
    start = top(sec);
    if (sec.id) pageOf[sec.id] = page;
    var kids = Array.prototype.slice.call(sec.children);
    for (var i = 0; i < kids.length; i++) {
      var el = kids[i];
      if (top(el) - start > 1 && firstPieceBottom(kids, i) - start > H) breakBefore(el);
      if (el.id) pageOf[el.id] = page;
      if (isTable(el)) placeTable(el);
      else if (bottom(el) - start > H) {
        // Taller than a page: Chromium splits it; count the pages it takes.
        var over = bottom(el) - start;
        page += Math.floor(over / H);
        start = bottom(el) - (over % H);
      }
    }
  }
  for (var b = 0; b < breaks.length; b++) breaks[b].style.breakBefore = 'page';
  var marks = document.querySelectorAll('.pg[data-for]');
  for (var m = 0; m < marks.length; m++) {
    var id = marks[m].getAttribute('data-for');
    if (pageOf[id]) marks[m].textContent = String(pageOf[id]);
  }
  return { pages: page, pageOf: pageOf };
})`;
