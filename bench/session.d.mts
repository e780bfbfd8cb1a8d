// Types of bench/session.mjs for the benchmark page (bench/ui), which is TypeScript.
export function generateMessages(options?: {
  count?: number;
  seed?: number;
  sessionID?: string;
  directory?: string;
  providerID?: string;
  modelID?: string;
  idTime?: number;
}): unknown[];
export function exportedSession(options?: Record<string, unknown>): { info: unknown; messages: unknown[] };
