// The movement table: schools by the last run's category (rows) and this run's (columns), with a
// row for schools not in the last run, a column for those no longer in the sheet, and totals. The
// categories are their ids in the ruleset's colours (their labels in the legend below and, for
// screen readers, in the headers); the diagonal (schools that stayed put) is shaded, counts off it
// are bold. When the table is wider than the pane it scrolls inside its own region, which then
// takes the focus so the keyboard can scroll it.
import * as React from "react";
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { NO_LONGER, NOT_BEFORE, type Movement, type Ruleset } from "../../engine";
import { StyledBadge } from "./BandBadge";

const useStyles = makeStyles({
  // Positioned, so the headers' hidden labels scroll (and are clipped) with the table.
  scroll: { position: "relative", maxWidth: "100%", overflowX: "auto" },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  caption: { color: tokens.colorNeutralForeground2 },
  // The row headers stay in view while the table scrolls sideways.
  sticky: { position: "sticky", left: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  cell: { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, textAlign: "right", whiteSpace: "nowrap" },
  head: { fontWeight: tokens.fontWeightRegular, verticalAlign: "bottom" },
  corner: { textAlign: "left", color: tokens.colorNeutralForeground2, lineHeight: tokens.lineHeightBase100 },
  rowHead: { textAlign: "left", fontWeight: tokens.fontWeightRegular },
  total: { fontWeight: tokens.fontWeightSemibold, borderTop: `1px solid ${tokens.colorNeutralStroke1}` },
  zero: { color: tokens.colorNeutralForeground3 },
  stayed: { backgroundColor: tokens.colorNeutralBackground4, outline: `1px solid ${tokens.colorNeutralStroke2}`, outlineOffset: "-1px" },
  moved: { fontWeight: tokens.fontWeightBold, backgroundColor: tokens.colorBrandBackground2, color: tokens.colorNeutralForeground1 },
  legend: { display: "flex", flexWrap: "wrap", gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, margin: 0, padding: 0, listStyle: "none" },
  legendItem: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXXS },
  hidden: { position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: 0, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap", border: 0 },
});

const CAPTION = "Schools by category: rows the last run, columns this run";
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const count = (n: number) => n.toLocaleString("en-GB");
const schools = (n: number) => `${count(n)} school${n === 1 ? "" : "s"}`;

export function MovementTable(props: { movement: Movement; ruleset: Ruleset }) {
  const styles = useStyles();
  const { bands, labels } = props.movement;
  const { rows, columns, counts, newSchools, gone } = bands;
  const label = (id: string) => labels.bands[id] ?? "";
  const badge = (id: string) => (
    <>
      <StyledBadge style={Object.hasOwn(props.ruleset.styles.bands, id) ? props.ruleset.styles.bands[id] : undefined} title={`${id} ${label(id)}`.trim()}>
        {id}
      </StyledBadge>
      {label(id) && <span className={styles.hidden}> {label(id)}</span>}
    </>
  );
  const totals = columns.map((_, j) => sum(counts.map((r) => r[j])) + newSchools[j]);
  const captionId = React.useId();

  // Scrolls sideways only when it must (nine categories at 350 px); then the keyboard can reach it.
  const box = React.useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = React.useState(false);
  React.useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [bands]);

  const numberCell = (n: number, tone: "stayed" | "other", title: string, key: React.Key) => (
    <td key={key} className={mergeClasses(styles.cell, tone === "stayed" && styles.stayed, tone === "other" && n > 0 && styles.moved, n === 0 && styles.zero)} title={title}>
      {count(n)}
    </td>
  );
  return (
    <>
      {/* The table's caption, shown above the part that scrolls. */}
      <Caption1 className={styles.caption} aria-hidden="true">
        {CAPTION}
      </Caption1>
      <div
        ref={box}
        className={styles.scroll}
        data-testid="movement-scroll"
        {...(scrolls ? { role: "region", tabIndex: 0, "aria-labelledby": captionId } : {})}
      >
        <table className={styles.table} data-testid="movement-table">
          <caption id={captionId} className={styles.hidden}>
            {CAPTION}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.cell, styles.head, styles.corner, styles.sticky)}>
                <span aria-hidden="true">
                  this run →
                  <br />
                  last run ↓
                </span>
                <span className={styles.hidden}>Last run's category</span>
              </th>
              {columns.map((id) => (
                <th key={id} scope="col" className={mergeClasses(styles.cell, styles.head)} data-band={id}>
                  {badge(id)}
                </th>
              ))}
              <th scope="col" className={mergeClasses(styles.cell, styles.head)} title={NO_LONGER}>
                Gone<span className={styles.hidden}>: {NO_LONGER.toLowerCase()}</span>
              </th>
              <th scope="col" className={mergeClasses(styles.cell, styles.head)}>
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((id, i) => (
              <tr key={id} data-from={id}>
                <th scope="row" className={mergeClasses(styles.cell, styles.rowHead, styles.sticky)}>
                  {badge(id)}
                </th>
                {columns.map((to, j) => numberCell(counts[i][j], to === id ? "stayed" : "other", `${id} last run, ${to} this run: ${schools(counts[i][j])}`, to))}
                {numberCell(gone[i], "other", `${id} last run, ${NO_LONGER.toLowerCase()}: ${schools(gone[i])}`, "gone")}
                <td className={mergeClasses(styles.cell, styles.total)}>{count(sum(counts[i]) + gone[i])}</td>
              </tr>
            ))}
            <tr data-from="new">
              <th scope="row" className={mergeClasses(styles.cell, styles.rowHead, styles.sticky)} title={NOT_BEFORE}>
                New<span className={styles.hidden}>: {NOT_BEFORE.toLowerCase()}</span>
              </th>
              {columns.map((to, j) => numberCell(newSchools[j], "other", `${NOT_BEFORE}, ${to} this run: ${schools(newSchools[j])}`, to))}
              <td className={styles.cell} />
              <td className={mergeClasses(styles.cell, styles.total)}>{count(sum(newSchools))}</td>
            </tr>
          </tbody>
          <tfoot>
            <tr data-from="total">
              <th scope="row" className={mergeClasses(styles.cell, styles.rowHead, styles.total, styles.sticky)}>
                Total
              </th>
              {totals.map((n, j) => (
                <td key={columns[j]} className={mergeClasses(styles.cell, styles.total)}>
                  {count(n)}
                </td>
              ))}
              <td className={mergeClasses(styles.cell, styles.total)}>{count(sum(gone))}</td>
              <td className={mergeClasses(styles.cell, styles.total)}>{count(sum(totals) + sum(gone))}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {/* The ids' labels, for the eye (screen readers have them in the headers). */}
      <ul className={styles.legend} aria-hidden="true" data-testid="movement-legend">
        {rows.map((id) => (
          <li key={id} className={styles.legendItem}>
            <StyledBadge style={Object.hasOwn(props.ruleset.styles.bands, id) ? props.ruleset.styles.bands[id] : undefined}>{id}</StyledBadge>
            <Caption1>{label(id)}</Caption1>
          </li>
        ))}
        <li className={styles.legendItem}>
          <Caption1>Shaded: stayed in the same category</Caption1>
        </li>
      </ul>
    </>
  );
}
