/**
 * A number typed with full-width digits (`８０`, `１５`), as a Chinese, Japanese or Korean keyboard types them
 * in its full-width mode: YAML reads it as text, so a field that needs a number refused what looks like one.
 * The number as ordinary digits, for the message to give; null for anything else. Pure.
 */
export function fullWidthNumber(value: unknown): string | null {
  if (typeof value !== 'string' || !/[\uff10-\uff19]/.test(value)) return null;
  const ascii = value.trim().normalize('NFKC');
  return /^-?\d+(?:\.\d+)?$/.test(ascii) ? ascii : null;
}
