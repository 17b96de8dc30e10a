// The pane's title bar: what this is, and where it is working.
import { Caption1, makeStyles, Title3, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  text: { display: "flex", flexDirection: "column" },
});

export function Header(props: { mode: "office" | "browser" }) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <img src="assets/icon-32.png" width={32} height={32} alt="" />
      <div className={styles.text}>
        <Title3 as="h1">School categorisation</Title3>
        <Caption1>{props.mode === "office" ? "Working on this workbook" : "Outside Excel: working on an uploaded copy"}</Caption1>
      </div>
    </header>
  );
}
