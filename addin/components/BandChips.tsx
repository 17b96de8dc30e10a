// A chip for each category that has schools, with its count, each a toggle (aria-pressed): a plain
// button marked out in the brand colours when on. The school list filters by them; Letters picks by them.
import * as React from "react";
import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Ruleset } from "../../engine";
import { StyledBadge } from "./BandBadge";

const useStyles = makeStyles({
  chips: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  chip: { minWidth: 0, gap: tokens.spacingHorizontalXS, paddingLeft: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightRegular },
  chipOn: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    ":hover": { backgroundColor: tokens.colorBrandBackground2Hover, border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  },
});

export function BandChips(props: {
  ruleset: Ruleset;
  /** Schools per category id; categories without any get no chip. */
  counts: ReadonlyMap<string, number>;
  on: ReadonlySet<string>;
  toggle: (band: string) => void;
  /** The chip's tooltip. */
  title: (band: Ruleset["bands"][number], count: number) => string;
  /** The group's accessible name: its own text, or the id of a visible label. */
  label: { text: string } | { by: string };
  testId: string;
}): React.JSX.Element {
  const styles = useStyles();
  const { ruleset, counts, on } = props;
  return (
    <div
      className={styles.chips}
      role="group"
      {...("text" in props.label ? { "aria-label": props.label.text } : { "aria-labelledby": props.label.by })}
      data-testid={props.testId}
    >
      {ruleset.bands
        .filter((b) => counts.get(b.id))
        .map((b) => (
          <Button
            key={b.id}
            size="small"
            shape="circular"
            className={mergeClasses(styles.chip, on.has(b.id) && styles.chipOn)}
            aria-pressed={on.has(b.id)}
            onClick={() => props.toggle(b.id)}
            title={props.title(b, counts.get(b.id)!)}
            data-band={b.id}
          >
            <StyledBadge style={ruleset.styles.bands[b.id]}>{b.id}</StyledBadge>
            {counts.get(b.id)!.toLocaleString("en-GB")}
          </Button>
        ))}
    </div>
  );
}
