export interface LmsReceived {
  learner: string;
  via: 'xhr' | 'beacon';
  finish: boolean;
  values: Record<string, string>;
}
export interface LmsServer {
  /** learner id → every cmi element the endpoint has received, latest value. */
  readonly stored: Map<string, Record<string, string>>;
  /** Every request the endpoint received, in order. */
  readonly received: LmsReceived[];
  store(body: string, via: 'xhr' | 'beacon'): void;
  seedFor(learner: string): Record<string, unknown>;
}
export function createLmsServer(): LmsServer;
export function syncXhrHostHtml(options: { learner: string; beacon: 'dismissal' | 'never'; seed: Record<string, unknown> }): string;
