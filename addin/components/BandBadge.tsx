// A category or trigger shown in the colours the ruleset gives it; a long label wraps inside it.
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import type { CellStyle } from "../../engine";

export function StyledBadge(props: { style?: CellStyle; children: React.ReactNode; title?: string }) {
  const s = props.style;
  return (
    <Badge
      appearance="filled"
      shape="rounded"
      title={props.title}
      style={{ backgroundColor: s?.fill ?? "#D9D9D9", color: s?.font ?? "#242424", fontWeight: s?.bold ? 700 : 600, border: "1px solid rgba(0,0,0,0.12)", height: "auto", minHeight: "20px" }}
    >
      {props.children}
    </Badge>
  );
}
