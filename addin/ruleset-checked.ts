// A ruleset that has already been checked (bundled with the pane, or parsed by the engine worker)
// taken on the page as parseRuleset hands it out: a copy whose dictionaries have no prototype.
// Sending it from the worker (structured cloning) gives them Object's prototype back. A ruleset is
// JSON data, so a JSON copy is an exact one.
import { withBareDictionaries, type Ruleset } from "../engine";

export const checkedRuleset = (data: Ruleset): Ruleset => withBareDictionaries(JSON.parse(JSON.stringify(data)) as Ruleset);
