/**
 * An LRS endpoint is the base the statement API's resources hang from (xAPI Communication §2: the
 * endpoint, then `statements`, `activities/state`, `agents/profile`, `about`). An address copied from an
 * LRS's page often names a resource itself (`https://lrs.example.org/xapi/statements`): the player then
 * posted to `…/statements/statements` and every statement waited in the learner's browser for an LRS that
 * answered 404, and nobody heard of it until the reports came out empty. Pure.
 */

const RESOURCE = /\/(statements|activities\/state|activities\/profile|activities|agents\/profile|agents|about)\/?$/i;

/** The resource an endpoint names by mistake (`statements`), with the base it should have been; undefined when it names none. */
export function endpointNamesResource(endpoint: string): { readonly resource: string; readonly base: string } | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  const match = RESOURCE.exec(url.pathname);
  if (!match?.[1]) return undefined;
  url.pathname = url.pathname.slice(0, match.index + 1);
  // The address as given but for the resource: no query, no fragment, never credentials (a base in a message).
  return { resource: match[1], base: `${url.origin}${url.pathname}` };
}

/**
 * An `http:` endpoint anywhere but this machine. Browsers block an https page's requests to http addresses
 * (Mixed Content, W3C §4.3), except to a loopback address, which counts as trustworthy (Secure Contexts §3.2):
 * `http://127.0.0.1:8080/xAPI/` is how the embedded LRS is tried out, and works.
 */
export function isInsecureEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1');
}

/**
 * An address with a user name or password before its host (`https://svc:secret@lms.example.org/t`). Baked into a
 * package it is public, and a browser refuses to fetch it at all (Fetch §5.4, "Request cannot be constructed from a
 * URL that includes credentials"), so the player's requests to it all failed, each one "retried".
 */
export function hasCredentials(address: string): boolean {
  try {
    const url = new URL(address);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/**
 * Whether `address` is the LRS `endpoint` itself or one of its resources (`…/statements`), not a service of its own:
 * `{}` or `{resource}` when it is, undefined when not. Compared as a browser would request them: the host in any
 * case, a default port or not, a last slash or not; never their query or fragment.
 */
export function namesEndpoint(address: string, endpoint: string): { readonly resource?: string } | undefined {
  const named = endpointNamesResource(address);
  const base = (value: string): string | undefined => {
    try {
      const url = new URL(value);
      return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  };
  const lrs = base(endpoint);
  if (lrs === undefined) return undefined;
  if (base(address) === lrs) return {};
  return named !== undefined && base(named.base) === lrs ? { resource: named.resource } : undefined;
}
