/**
 * What every resource handler is given: the store, the clock and id source, and the settings.
 */
import { makeStoredClock } from './store-statements.js';
import type { LrsContext } from './lrs-types.js';
import type { LrsStore } from './store.js';

export interface LrsConfig {
  /** Largest batch a POST may carry (413 above). */
  readonly maxBatch: number;
  /** Most statements in one page of GET /statements; `limit=0` means this. */
  readonly pageLimit: number;
  /** homePage of the account that names a key in `authority` (Data §2.4.9). */
  readonly authorityHomePage: string;
  /** Path the xAPI root is served at: `/xAPI`. */
  readonly basePath: string;
  /**
   * Path of the xAPI root as clients reach it, for `more` links (a path from the server root, Communication
   * §2.1.3): `basePath`, unless a reverse proxy passes it on under another path (`/lrs/xAPI` → `/xAPI`).
   */
  readonly publicPath: string;
}

export const DEFAULT_CONFIG: LrsConfig = {
  maxBatch: 1000,
  pageLimit: 500,
  authorityHomePage: 'https://coursepack.invalid/lrs/keys',
  basePath: '/xAPI',
  publicPath: '/xAPI',
};

export interface LrsDeps {
  readonly store: LrsStore;
  readonly ctx: LrsContext;
  readonly config: LrsConfig;
  readonly nextStored: () => Date;
}

export function makeDeps(store: LrsStore, ctx: LrsContext, config: Partial<LrsConfig> = {}): LrsDeps {
  return { store, ctx, config: { ...DEFAULT_CONFIG, ...config }, nextStored: makeStoredClock(ctx, store.latestStored()) };
}
