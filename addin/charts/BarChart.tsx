// A horizontal bar chart drawn as SVG from layoutChart(): no chart library, scales to the pane's
// width, each bar titled for screen readers and hover, with its key underneath.
import { Caption1, Caption1Strong, makeStyles, tokens } from "@fluentui/react-components";
import type { ChartSpec } from "../../engine";
import { layoutChart } from "./layout";

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  svg: { width: "100%", height: "auto", overflow: "visible", fontFamily: tokens.fontFamilyBase },
  legend: { display: "flex", flexWrap: "wrap", gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyle: "none" },
  key: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  swatch: { width: "12px", height: "12px", borderRadius: "2px", border: "1px solid rgba(0,0,0,0.25)", flexShrink: 0 },
});

export function BarChart(props: { spec: ChartSpec }) {
  const styles = useStyles();
  const { spec } = props;
  const layout = layoutChart(spec);
  const titleId = `chart-${spec.id}-title`;
  return (
    <figure className={styles.figure} data-testid={`chart-${spec.id}`} data-kind={spec.kind}>
      <Caption1Strong as="p" id={titleId}>
        {spec.title}
      </Caption1Strong>
      <svg className={styles.svg} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={titleId}>
        {layout.groups.map((g) => (
          <g key={g.category}>
            <text x={0} y={g.labelY} fontSize={12} fill={tokens.colorNeutralForeground2}>
              {g.category}
            </text>
            {g.bars.map((b) => (
              <g key={b.series}>
                <rect
                  x={b.x} y={b.y} width={b.width} height={b.height} fill={b.fill} stroke="rgba(0,0,0,0.3)" strokeWidth={0.5}
                  data-series={b.series} data-category={b.category} data-value={b.value ?? ""}
                >
                  <title>{b.title}</title>
                </rect>
                {b.text && (
                  <text
                    x={b.textX} y={b.y + b.height / 2} dominantBaseline="central" textAnchor={b.textInside ? "middle" : "start"}
                    fontSize={11} fill={tokens.colorNeutralForeground1} aria-hidden="true"
                  >
                    {b.text}
                  </text>
                )}
              </g>
            ))}
            {g.total && (
              <text x={g.total.x} y={g.total.y} dominantBaseline="central" fontSize={11} fontWeight={600} fill={tokens.colorNeutralForeground1} aria-hidden="true">
                {g.total.text}
              </text>
            )}
          </g>
        ))}
      </svg>
      <ul className={styles.legend} aria-label={`Key to ${spec.title.toLowerCase()}`}>
        {layout.legend.map((k) => (
          <li key={k.name} className={styles.key}>
            <span className={styles.swatch} style={{ backgroundColor: k.colour }} />
            <Caption1>{k.name}</Caption1>
          </li>
        ))}
      </ul>
    </figure>
  );
}
