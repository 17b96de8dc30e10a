// The parts of the pane only a run's results show, loaded together after the first screen (App.tsx).
export { SchoolList } from "./SchoolList";
export { SchoolExplanation } from "./SchoolExplanation";
export { LaSummaryPanel } from "./LaSummaryPanel";
export { LivePanel } from "./LivePanel";
export { MovementPanel } from "./MovementPanel";
