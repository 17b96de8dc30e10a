// A list of any length as one listbox: one tab stop, the arrow keys (and Home, End, Page Up, Page
// Down) move through it, Enter, Space or a click picks. Only the rows in view (and the active one)
// are in the page, so 24,000 schools cost a few dozen elements, not 24,000 buttons; each row says
// where it stands (aria-posinset of aria-setsize) for a screen reader.
import * as React from "react";
import { makeStyles, mergeClasses, tokens, useId } from "@fluentui/react-components";

const OVERSCAN = 4;

const useStyles = makeStyles({
  box: {
    position: "relative",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: "none",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  option: {
    position: "absolute",
    left: 0,
    right: 0,
    boxSizing: "border-box",
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, ":hover": { backgroundColor: tokens.colorBrandBackground2Hover } },
  active: { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
});

export function VirtualListbox<T>(props: {
  items: readonly T[];
  keyOf: (item: T) => number | string;
  render: (item: T) => React.ReactNode;
  /** Attributes for each row (e.g. data-row for tests and Excel). */
  rowProps?: (item: T) => Record<string, string | number>;
  selected: number | string | null;
  onPick: (item: T) => void;
  label: string;
  rowHeight: number;
  visibleRows: number;
  testId?: string;
}) {
  const styles = useStyles();
  const { items, rowHeight, keyOf, selected } = props;
  const idBase = useId("option");
  const box = React.useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = React.useState(0);
  const [activeIndex, setActive] = React.useState(0);
  const [focused, setFocused] = React.useState(false);
  const active = Math.max(0, Math.min(activeIndex, items.length - 1));
  const height = Math.max(1, Math.min(items.length, props.visibleRows)) * rowHeight + 2;

  /** Scrolls the list (and, if need be, the pane) so row i is in view. */
  const reveal = React.useCallback(
    (i: number) => {
      const el = box.current;
      if (!el) return;
      const y = i * rowHeight;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = y + rowHeight - el.clientHeight;
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({ block: "nearest" });
    },
    [rowHeight],
  );

  // A row picked from elsewhere (a cell selected in Excel) becomes the active row, in view.
  const selectedIndex = React.useMemo(() => (selected === null ? -1 : items.findIndex((it) => keyOf(it) === selected)), [items, keyOf, selected]);
  React.useEffect(() => {
    if (selectedIndex < 0) return;
    setActive(selectedIndex);
    reveal(selectedIndex);
  }, [selectedIndex, reveal]);

  const move = (i: number) => {
    if (!items.length) return;
    const to = Math.max(0, Math.min(i, items.length - 1));
    setActive(to);
    reveal(to);
  };
  const page = Math.max(1, props.visibleRows - 1);
  const keys: Record<string, () => void> = {
    ArrowDown: () => move(active + 1),
    ArrowUp: () => move(active - 1),
    Home: () => move(0),
    End: () => move(items.length - 1),
    PageDown: () => move(active + page),
    PageUp: () => move(active - page),
    Enter: () => items.length && props.onPick(items[active]),
    " ": () => items.length && props.onPick(items[active]),
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const shown: number[] = [];
  for (let i = first; i < last; i++) shown.push(i);
  if (items.length && (active < first || active >= last)) shown.push(active);

  return (
    <div
      ref={box}
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={items.length ? `${idBase}-${active}` : undefined}
      className={styles.box}
      style={{ height }}
      data-testid={props.testId}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onKeyDown={(e) => {
        const act = keys[e.key];
        if (!act || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        act();
      }}
    >
      <div role="presentation" style={{ height: items.length * rowHeight, position: "relative" }}>
        {shown.map((i) => {
          const item = items[i];
          const key = keyOf(item);
          return (
            <div
              key={key}
              id={`${idBase}-${i}`}
              role="option"
              aria-selected={key === selected}
              aria-posinset={i + 1}
              aria-setsize={items.length}
              className={mergeClasses(styles.option, key === selected && styles.selected, focused && i === active && styles.active)}
              style={{ top: i * rowHeight, height: rowHeight }}
              onClick={() => {
                setActive(i);
                props.onPick(item);
              }}
              {...props.rowProps?.(item)}
            >
              {props.render(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
