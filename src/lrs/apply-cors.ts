/**
 * CORS for packages that send statements from the LMS's pages (XAPI.md §6): `Authorization` and
 * `X-Experience-API-Version` force a preflight. Only configured LMS origins are answered, plus the
 * `null` origin of sandboxed iframes when enabled. Credentials travel in Authorization, never
 * cookies, so no Allow-Credentials.
 */
export interface CorsOptions {
  /** Exact origins (`https://lms.district.org`); `*` allows any. */
  readonly origins: readonly string[];
  readonly allowNullOrigin: boolean;
}

const ALLOW_HEADERS = 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match';
const ALLOW_METHODS = 'GET, HEAD, PUT, POST, DELETE, OPTIONS';
// Retry-After: a page's script reads only the headers named here, and the player waits as long as a 503 or 429
// asks (deliver-statements.ts) instead of retrying into a full or busy LRS every few seconds.
const EXPOSE_HEADERS = 'ETag, Last-Modified, Retry-After, X-Experience-API-Version, X-Experience-API-Consistent-Through';

export function isOriginAllowed(origin: string | undefined, options: CorsOptions): boolean {
  if (origin === undefined) return false;
  if (origin === 'null') return options.allowNullOrigin;
  return options.origins.includes('*') || options.origins.includes(origin.replace(/\/+$/, ''));
}

/** Headers for any response to a request with this Origin (empty when it is not allowed). */
export function corsHeaders(origin: string | undefined, options: CorsOptions): Record<string, string> {
  if (!isOriginAllowed(origin, options)) return {};
  return { 'access-control-allow-origin': origin as string, 'access-control-expose-headers': EXPOSE_HEADERS, vary: 'Origin' };
}

/** Extra headers for an OPTIONS preflight from an allowed origin. */
export function preflightHeaders(origin: string | undefined, options: CorsOptions): Record<string, string> {
  if (!isOriginAllowed(origin, options)) return {};
  return {
    ...corsHeaders(origin, options),
    'access-control-allow-methods': ALLOW_METHODS,
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-max-age': '600',
  };
}
