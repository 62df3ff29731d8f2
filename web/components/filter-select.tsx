/** One option of a filter: the value sent and the text shown. */
export interface FilterOption {
  value: string;
  label: string;
}

/**
 * One select of a GET filter form (red items, the rectification ledger, the audit log): its
 * label, the "all" option first (an empty value), then the options, the chosen one selected.
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

/** The street filter, when there is more than one street to choose. */
export function StreetFilter(props: {
  streets: readonly { code: string; name: string }[];
  selected: string | null | undefined;
}) {
  if (props.streets.length <= 1) return null;
  return (
    <FilterSelect
      label="街道"
      name="street"
      testId="street"
      all="全部街道"
      options={props.streets.map((s) => ({ value: s.code, label: s.name }))}
      selected={props.selected}
    />
  );
}

/** The indicator filter: code and name. */
export function IndicatorFilter(props: {
  indicators: readonly { code: string; name: string }[];
  selected: string | null | undefined;
}) {
  return (
    <FilterSelect
      label="指标"
      name="indicator"
      testId="indicator"
      all="全部指标"
      options={props.indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
      selected={props.selected}
    />
  );
}
