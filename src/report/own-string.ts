/**
 * Strings kept across statements must not be slices of the text they were read from: V8 keeps a
 * sliced string's whole parent alive (any substring of 13 or more characters is a slice), so one kept
 * learner id would pin a megabyte read buffer, and a million kept statement ids would pin the file.
 */

/** A copy of `text` that shares no memory with it. */
export function ownString(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * A compact own key for a statement id: a UUID (Data §2.4.1, what every conformant LRS and
 * coursepack's player send) packs into 9 UTF-16 code units (a NUL, then 16 bits a unit), so the
 * duplicate set of a million statements stays a few tens of MB; any other id is kept as an own copy
 * behind '#'. Case does not matter in a UUID, so `A…` and `a…` give one key.
 */
export function statementKey(id: string): string {
  if (id.length !== 36) return `#${ownString(id)}`;
  const units = [0, 0, 0, 0, 0, 0, 0, 0];
  let nibbles = 0;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return `#${ownString(id)}`;
      continue;
    }
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (v < 0) return `#${ownString(id)}`;
    const unit = nibbles >> 2;
    units[unit] = ((units[unit] ?? 0) << 4) | v;
    nibbles++;
  }
  return String.fromCharCode(0, ...units);
}
