/**
 * An activity definition (Data §2.4.4.1) → the names and interaction parts a report shows. Language
 * maps are read in a fixed order of preference so the same definition always gives the same name.
 */
import type { ActivityInfo } from './aggregate-types.js';
import { ownString } from './own-string.js';
import { definitionOf, isObject } from './read-statement.js';

export function readActivityInfo(id: string, definition: unknown, module: string | undefined): ActivityInfo | undefined {
  const d = definitionOf(definition);
  return d ? activityInfo(id, d, module) : undefined;
}

/** The fields of a definition, or of an activities-file entry, which uses the same names. */
export function activityInfo(id: string, d: Record<string, unknown>, module: string | undefined): ActivityInfo {
  return {
    id: ownString(id),
    type: typeof d.type === 'string' ? d.type : undefined,
    name: pickLanguage(d.name),
    description: pickLanguage(d.description),
    interactionType: typeof d.interactionType === 'string' ? d.interactionType : undefined,
    choices: readChoices(d.choices),
    source: readChoices(d.source),
    target: readChoices(d.target),
    correctResponsesPattern: readPattern(d.correctResponsesPattern),
    module,
    language: pickedLanguage(d.name),
  };
}

/** A language map's text: `en`, then any `en-*`, then `und`, then the first key in sorted order. */
export function pickLanguage(map: unknown): string | undefined {
  const key = pickedLanguage(map);
  return key === undefined ? (typeof map === 'string' ? map : undefined) : ((map as Record<string, string>)[key]);
}

/** The language map's key pickLanguage reads, the language of its text; undefined for plain text or none. */
function pickedLanguage(map: unknown): string | undefined {
  if (!isObject(map)) return undefined;
  const keys = Object.keys(map).filter((k) => typeof map[k] === 'string').sort();
  return keys.find((k) => k === 'en') ?? keys.find((k) => k.startsWith('en-')) ?? keys.find((k) => k === 'und') ?? keys[0];
}

/** Interaction components (`choices`, `source`, `target`, Data §2.4.4.1): id and description. */
export function readChoices(value: unknown): ActivityInfo['choices'] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((c) => (typeof c.id === 'string' ? [{ id: c.id, description: pickLanguage(c.description) }] : []));
}

export function readPattern(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : undefined;
}
