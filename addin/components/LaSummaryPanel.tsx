// After a run: how the authority stands against Ofsted's risk factors (each measure beside the
// national figure, rated red/amber/green) and charts of the schools in each category.
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { RAG_STYLES } from "../../engine";
import type { PaneSummary } from "../pane-host";
import { BarChart } from "../charts/BarChart";
import { StyledBadge } from "./BandBadge";
import { Section } from "./Section";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, textAlign: "left", verticalAlign: "top" },
  number: { textAlign: "right", whiteSpace: "nowrap" },
});

const RATING = { red: "Red", amber: "Amber", green: "Green" } as const;
const percent = (n: number | null) => (n === null ? "–" : `${n.toFixed(1)}%`);

export function LaSummaryPanel(props: { summary: PaneSummary }) {
  const styles = useStyles();
  const { la, charts } = props.summary;
  const margins = la ? [...new Set(la.measures.map((m) => m.margin))].join("/") : "";
  return (
    <Section title="Local authority summary" testId="la-summary">
      {la && (
        <>
          <table className={styles.table} data-testid="la-measures">
            <thead>
              <tr>
                <th className={styles.cell}>Measure</th>
                <th className={`${styles.cell} ${styles.number}`}>LA</th>
                <th className={`${styles.cell} ${styles.number}`}>National</th>
                <th className={styles.cell}>Rating</th>
              </tr>
            </thead>
            <tbody>
              {la.measures.map((m) => (
                <tr key={m.id} data-measure={m.id} title={`${m.count.toLocaleString("en-GB")} of ${m.of.toLocaleString("en-GB")} ${m.basis}`}>
                  <td className={styles.cell}>{m.label}</td>
                  <td className={`${styles.cell} ${styles.number}`}>{percent(m.value)}</td>
                  <td className={`${styles.cell} ${styles.number}`}>{percent(m.national)}</td>
                  <td className={styles.cell}>{m.rag ? <StyledBadge style={RAG_STYLES[m.rag]}>{RATING[m.rag]}</StyledBadge> : <Caption1>no national figure</Caption1>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Caption1>
            National: {la.source}. Red: worse than national by more than {margins} points; amber: worse by less; green: in line or better.
            {la.notInspected > 0 && ` ${la.notInspected.toLocaleString("en-GB")} school${la.notInspected === 1 ? "" : "s"} with no Ofsted grade left out.`}
          </Caption1>
        </>
      )}
      {charts.map((c) => (
        <BarChart key={c.id} spec={c} />
      ))}
    </Section>
  );
}
