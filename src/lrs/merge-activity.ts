/**
 * The Activities resource returns "all available information about an activity from any statements
 * who target the same activityId" (Communication §2.5; the suite sends two statements with a name in
 * two languages and expects both back). Newer values win, language maps and extensions are unions.
 */
import { isObject } from './read-agent.js';

type Json = Record<string, unknown>;

const MERGED_MAPS = ['name', 'description', 'extensions'];

export function mergeActivity(previous: Json | undefined, next: Json): Json {
  const id = next['id'];
  const before = previous && isObject(previous['definition']) ? previous['definition'] : undefined;
  const incoming = isObject(next['definition']) ? next['definition'] : undefined;
  if (!incoming) return previous ?? { objectType: 'Activity', id };
  const definition: Json = { ...(before ?? {}), ...incoming };
  for (const key of MERGED_MAPS) {
    const a = before?.[key];
    const b = incoming[key];
    if (isObject(a) && isObject(b)) definition[key] = { ...a, ...b };
  }
  return { objectType: 'Activity', id, definition };
}
