import type { KeyValueStorage } from '../../src/runtime/learner-storage.js';

/** A Map-backed stand-in for localStorage; `throwing` plays a storage-blocked frame. */
export function makeMemoryStorage({ throwing = false } = {}): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  const guard = () => {
    if (throwing) throw new Error('SecurityError: storage is blocked');
  };
  return {
    map,
    getItem: (k) => { guard(); return map.get(k) ?? null; },
    setItem: (k, v) => { guard(); map.set(k, v); },
    removeItem: (k) => { guard(); map.delete(k); },
    key: (i) => { guard(); return [...map.keys()][i] ?? null; },
    get length() { guard(); return map.size; },
  };
}
