// A horizontal bar chart drawn as SVG from layoutChart(): no chart library. It is laid out at the
// pane's own width in px (measured, and again when the pane is resized), so its text stays at a
// constant size instead of shrinking with the pane. Each bar is an image named with its value
// ("Lichfield, D High concern: 12 schools") that a screen reader reaches bar by bar; the drawn
// labels and numbers, which say the same, are hidden from it. The key is underneath.
import * as React from "react";
import { Caption1, Caption1Strong, makeStyles, tokens } from "@fluentui/react-components";
import type { ChartSpec } from "../../engine";
import { luminance } from "../theme";
import { CHART_WIDTH, LABEL_HEIGHT, layoutChart } from "./layout";

/** Text inside a bar: dark on a light fill, white on a dark one, whatever the pane's theme. */
const inkOn = (fill: string) => ((luminance(fill) ?? 1) < 0.3 ? "#FFFFFF" : "#242424");

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0, overflow: "hidden" },
  svg: { display: "block", overflow: "hidden", fontFamily: tokens.fontFamilyBase },
  legend: { display: "flex", flexWrap: "wrap", gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyle: "none" },
  key: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  swatch: { width: "12px", height: "12px", borderRadius: "2px", border: "1px solid rgba(0,0,0,0.25)", flexShrink: 0 },
});

/** The width of an element in px, kept up to date as it is resized. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = React.useState(CHART_WIDTH);
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth || CHART_WIDTH);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function BarChart(props: { spec: ChartSpec }) {
  const styles = useStyles();
  const { spec } = props;
  const figure = React.useRef<HTMLElement>(null);
  const layout = layoutChart(spec, useWidth(figure));
  const titleId = `chart-${spec.id}-title`;
  return (
    <figure ref={figure} className={styles.figure} data-testid={`chart-${spec.id}`} data-kind={spec.kind}>
      <Caption1Strong as="p" id={titleId}>
        {spec.title}
      </Caption1Strong>
      <svg className={styles.svg} width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-labelledby={titleId}>
        {layout.groups.map((g) => (
          <g key={g.category}>
            <text x={0} y={g.labelY} fontSize={12} fill={tokens.colorNeutralForeground2} aria-hidden="true">
              {g.labelLines.map((line, i) => (
                <tspan key={i} x={0} dy={i ? LABEL_HEIGHT : 0}>
                  {line}
                </tspan>
              ))}
            </text>
            {g.bars.map((b) => (
              <g key={b.series}>
                <rect
                  x={b.x} y={b.y} width={b.width} height={b.height} fill={b.fill} stroke="rgba(0,0,0,0.3)" strokeWidth={0.5}
                  role="img" aria-label={b.title} data-series={b.series} data-category={b.category} data-value={b.value ?? ""}
                >
                  <title>{b.title}</title>
                </rect>
                {b.text && (
                  <text
                    x={b.textX} y={b.y + b.height / 2} dominantBaseline="central" textAnchor={b.textInside ? "middle" : "start"}
                    fontSize={11} fill={b.textInside ? inkOn(b.fill) : tokens.colorNeutralForeground1} aria-hidden="true"
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
