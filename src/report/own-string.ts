/**
 * Strings kept across statements must not be slices of the text they were read from: V8 keeps a
 * sliced string's whole parent alive (any substring of 13 or more characters is a slice), so one kept
 * learner id would pin a megabyte read buffer, and a million kept statement ids would pin the file.
 */

/** A copy of `text` that shares no memory with it. */
export function ownString(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
