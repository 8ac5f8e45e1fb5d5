/**
 * UUIDs for statement ids and registrations (XAPI.md §1, §4: the client sets `id` so retries are
 * idempotent; the registration is made on a first launch). Pure: the 16 random bytes come from the
 * caller (`crypto.getRandomValues` in the player, a fixed array in tests), so this file uses neither
 * Node nor DOM and tests are deterministic.
 */

/** The canonical 8-4-4-4-12 hex form, whatever its bits. */
const UUID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 4122's variant (`8`-`b` after the third dash): strict LRSs (xapi-validation) refuse a registration without it. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A version 4 (random) UUID, RFC 4122 §4.4: the version and variant bits overwrite 6 of the 128 random bits. */
export function makeUuid(randomBytes: ArrayLike<number>): string {
  if (randomBytes.length !== 16) throw new RangeError(`makeUuid needs 16 random bytes, got ${randomBytes.length}`);
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) bytes.push((randomBytes[i] ?? 0) & 0xff);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(bytes);
}

/**
 * True for an RFC 4122 UUID in the canonical 8-4-4-4-12 hex form (any version: a launch registration may be
 * v1; the RFC's variant, which the nil UUID and other variants lack). A launch registration that is not one
 * is not used: every statement carrying it was refused by a strict LRS, then dropped.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** The 16 bytes of a UUID in canonical form (case-insensitive, any bits: suspend_data keeps what it is given), or null. */
export function uuidToBytes(value: string): number[] | null {
  if (!UUID_FORM.test(value)) return null;
  const hex = value.replace(/-/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

/** Lower-case canonical form of 16 bytes. */
export function formatUuid(bytes: readonly number[]): string {
  let hex = '';
  for (let i = 0; i < 16; i++) hex += ((bytes[i] ?? 0) & 0xff).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
