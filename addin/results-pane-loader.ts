// What only a run's results show (the school list and explanations, the local authority summary
// and its charts, live updates) is not in the pane's first bundle. Its chunk is asked for as soon
// as the pane is on screen, long before a run can end, so results appear in the same moment as
// the run's message. If it could not be loaded, the next run asks again.
import * as React from "react";

export type ResultsPane = typeof import("./components/results-pane");

const load = () => import(/* webpackChunkName: "results-pane" */ "./components/results-pane");

/** The results' components once loaded, else null; `run` is the last run, to ask again after a failure. */
export function useResultsPane(run: unknown): ResultsPane | null {
  const [loaded, setLoaded] = React.useState<ResultsPane | null>(null);
  React.useEffect(() => {
    if (!loaded) load().then(setLoaded, () => undefined);
  }, [loaded, run]);
  return loaded;
}
