/**
 * Client-side sorting of `table[data-sortable]`: each header cell holds a button; clicking it (or
 * pressing Enter/Space on it) sorts the body rows by that column's `data-sort` values. Numeric
 * columns (`th[data-type=number]`) sort by number with empty cells last in both directions;
 * `aria-sort` tells assistive technology the current order.
 */

type Direction = "ascending" | "descending";

function cellKey(row: HTMLTableRowElement, column: number): string {
  const cell = row.cells[column];
  if (!cell) return "";
  return cell.dataset.sort ?? cell.textContent?.trim() ?? "";
}

/** Compares two sort keys; empty keys (no value) go last whatever the direction. */
export function compareKeys(a: string, b: string, numeric: boolean, dir: Direction): number {
  if (a === "" || b === "") return a === b ? 0 : a === "" ? 1 : -1;
  const sign = dir === "ascending" ? 1 : -1;
  if (numeric) return sign * (Number(a) - Number(b));
  return sign * a.localeCompare(b, "zh-CN");
}

function sortBy(table: HTMLTableElement, column: number, dir: Direction): void {
  const body = table.tBodies[0];
  const head = table.tHead?.rows[0];
  if (!body || !head) return;
  const numeric = head.cells[column]?.dataset.type === "number";
  const rows = Array.from(body.rows);
  rows.sort((r1, r2) => compareKeys(cellKey(r1, column), cellKey(r2, column), numeric, dir));
  const fragment = document.createDocumentFragment();
  for (const r of rows) fragment.appendChild(r);
  body.appendChild(fragment);
  Array.from(head.cells).forEach((th, i) => {
    if (i === column) th.setAttribute("aria-sort", dir);
    else th.removeAttribute("aria-sort");
  });
}

/** Wires every sortable table of the page. */
export function enableSortableTables(root: ParentNode = document): void {
  for (const table of Array.from(root.querySelectorAll<HTMLTableElement>("table[data-sortable]"))) {
    const head = table.tHead?.rows[0];
    if (!head) continue;
    Array.from(head.cells).forEach((th, column) => {
      const button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", () => {
        const current = th.getAttribute("aria-sort");
        // A first click on a number column shows the highest first, except for the rank.
        const first: Direction =
          th.dataset.type === "number" && !/排名|得分|持续/.test(th.textContent ?? "")
            ? "descending"
            : "ascending";
        const dir: Direction =
          current === null ? first : current === "ascending" ? "descending" : "ascending";
        sortBy(table, column, dir);
      });
    });
  }
}
