/**
 * Statement delivery for the player's xAPI tracker: browser code written against injected
 * interfaces (storage, fetch, timers, random, warn), so it is unit-tested in Node.
 */
export {
  KEEPALIVE_BUDGET, createStatementDelivery, utf8Length,
  type DeliveryOptions, type DeliveryTimers, type FetchLike, type PostInit, type StatementDelivery,
} from './deliver-statements.js';
export { createStatementQueue, type QueueOptions, type StatementQueue } from './statement-queue.js';
