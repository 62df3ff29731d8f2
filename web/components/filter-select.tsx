/** One option of a filter: the value sent and the text shown. */
export interface FilterOption {
  value: string;
  label: string;
}

/**
 * One select of a GET filter form (red items, the rectification ledger): its label, the "all"
 * option first (an empty value), then the options, the chosen one selected.
 */
export function FilterSelect(props: {
  label: string;
  name: string;
  /** `filter-<testId>` is the select's data-testid. */
  testId: string;
  /** The text of the empty option (全部街道, 不限 …). */
  all: string;
  options: readonly FilterOption[];
  selected: string | null | undefined;
}) {
  return (
    <label>
      {props.label}{" "}
      <select name={props.name} data-testid={`filter-${props.testId}`}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={props.selected === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The street filter's options, shown only when there is more than one street to choose. */
export const streetOptions = (streets: readonly { code: string; name: string }[]): FilterOption[] =>
  streets.map((s) => ({ value: s.code, label: s.name }));

/** The indicator filter's options: code and name. */
export const indicatorOptions = (
  indicators: readonly { code: string; name: string }[],
): FilterOption[] => indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
