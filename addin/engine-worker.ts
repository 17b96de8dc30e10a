// The engine worker's entry (started by spawn-engine-worker.ts): every message is a request for
// engine-service.ts, which answers through postMessage.
import { engineService } from "./engine-service";
import type { EngineMessage, EngineReply } from "./worker-protocol";

const scope = self as unknown as { postMessage(message: EngineReply): void; onmessage: ((event: MessageEvent<EngineMessage>) => void) | null };
const serve = engineService((reply) => scope.postMessage(reply));
scope.onmessage = (event) => void serve(event.data);
