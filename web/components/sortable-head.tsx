/**
 * The header row of a table the dashboard bundle can sort (web/client/lib/sort-table.ts): each
 * column's header is a button, `data-type` says how its cells compare, and the column the rows
 * arrive sorted by carries `aria-sort`.
 */

export interface SortableColumn {
  label: string;
  type: "text" | "number";
  /** The rows arrive sorted by this column, ascending. */
  sortedAscending?: boolean;
  /** Tooltip of the header cell. */
  title?: string;
  /** What a screen reader says for the header (when the label is an abbreviation). */
  ariaLabel?: string;
  /** Class of the header cell (e.g. columns shown on demand). */
  cls?: string;
}

export function SortableHead(props: { columns: readonly SortableColumn[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c) => (
          <th
            scope="col"
            data-type={c.type}
            aria-sort={c.sortedAscending ? "ascending" : undefined}
            title={c.title}
            class={c.cls}
          >
            <button type="button" aria-label={c.ariaLabel}>
              {c.label}
            </button>
          </th>
        ))}
      </tr>
    </thead>
  );
}
