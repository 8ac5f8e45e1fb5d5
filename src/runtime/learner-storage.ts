/**
 * What the player keeps in this browser (reflections, progress without an LMS, queued xAPI
 * statements), scoped to one learner and one course, so that on a shared computer (a school
 * library's) the next learner never sees what the last one wrote, while the same learner coming
 * back finds it again.
 *
 * Keys are `coursepack:<course id>:<learner key>:<name>`. The learner key is a SHA-256 of the
 * course id and `cmi.core.student_id`, cut to 96 bits: the id never appears in clear in a key, and
 * the same id in another course gives another key. The one value that names the learner is the queue
 * of xAPI statements the LRS has not confirmed yet (each statement must carry its actor): they leave
 * as soon as it confirms them, and "Forget my answers" sends them at once and says how many still wait. SHA-256 is the browser's own (Web Crypto,
 * no bytes in the player); Web Crypto exists only in secure contexts, so an LMS served over plain
 * http gets a 64-bit FNV-1a instead (a different key, but always the same one on that LMS). It is
 * a scope, not a secret: student ids are guessable, so nothing private may rely on the hash
 * alone. Without an LMS there is no id, and everything is kept under the key of the empty id (one
 * anonymous learner per browser).
 *
 * Before coursepack 0.2, reflections were kept under `coursepack:<course id>:reflect:<id>`
 * (course only) and no-LMS progress under `coursepack:<course id>:cmi`. Those keys cannot be told
 * apart by learner, so they are removed, not adopted: giving them to whoever opens the course
 * next is exactly the leak this module exists to stop.
 */

/** The part of `Storage` the player uses: localStorage is one; tests pass a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** One learner's corner of the browser's storage. Never throws: blocked storage just keeps nothing. */
export interface LearnerStorage {
  get(name: string): string | null;
  /** False when the value could not be kept (storage blocked or full). */
  set(name: string, value: string): boolean;
  remove(name: string): void;
  /** The names of this learner's items in this course that start with `prefix`. */
  names(prefix: string): string[];
  /**
   * Removes every item of this learner in this course, and in the other packages of the same course (a course
   * built one package per module), except those whose names start with one in `keep`.
   */
  forget(keep?: readonly string[]): void;
  /**
   * Moves to this learner's corner of this package the items whose names start with `prefix` and whose values
   * `accept` takes, from the corners `from` names; how many moved. `everyone` (the default): every other
   * learner's in this course, in each of its packages, and this learner's in its other packages. For statements
   * queued for the LRS every learner of the course sends to (xapi/gather-queued.ts): each carries its own actor, and
   * left in their owner's corner they waited for that learner to come back to this computer, which on a school's
   * shared one may be never (and, in a course built one package a module, to the same module). `mine`: this
   * learner's alone, in the course's other packages (statements for an LRS a launch of theirs named).
   * `accept` says false to leave an item, true to move it as it is, or the value to move in its place (a
   * statement given another route).
   */
  adopt(prefix: string, accept: (value: string) => boolean | string, room?: { readonly items: number; readonly chars: number }, from?: 'everyone' | 'mine'): number;
  /** The values of this learner's items in the other packages of this course whose names start with `prefix`. */
  elsewhere(prefix: string): string[];
}

const PREFIX = 'coursepack:';

/** The part of Web Crypto the key needs (`crypto.subtle` in secure contexts; Node has it too). */
export interface Digest {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

export async function learnerKey(courseId: string, studentId: string, subtle: Digest | null = webCrypto()): Promise<string> {
  const text = `coursepack\n${courseId}\n${studentId}`;
  if (subtle) {
    try {
      const bytes = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
      let hex = '';
      for (let i = 0; i < 12; i++) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0');
      return hex;
    } catch {
      // an odd Web Crypto: fall through to the plain hash
    }
  }
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x050c5d1f);
}

function webCrypto(): Digest | null {
  try {
    return (globalThis.crypto?.subtle as Digest | undefined) ?? null;
  } catch {
    return null;
  }
}

/** 32-bit FNV-1a over the UTF-16 code units, as 8 hex digits; two offsets give 64 bits. */
function fnv1a(text: string, offset: number): string {
  let hash = offset;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * `sameCourse`: the ids of the other packages of this course (`--split modules`: one package a module, each
 * with an id of its own, so a key of its own for the same learner). "Forget my answers" in one module's package
 * forgets what the learner left in every module's on this computer, not only in the one they happen to be in.
 * Their scopes are worked out now: forgetting is synchronous (without an LMS a reload follows at once).
 */
export async function openLearnerStorage(storage: KeyValueStorage | null, courseId: string, studentId: string,
  subtle?: Digest | null, sameCourse: readonly string[] = []): Promise<LearnerStorage> {
  const scope = `${PREFIX}${courseId}:${await learnerKey(courseId, studentId, subtle)}:`;
  const otherPackages = [...new Set(sameCourse)].filter((id) => id !== courseId);
  const otherScopes = await Promise.all(otherPackages.map(async (id) => `${PREFIX}${id}:${await learnerKey(id, studentId, subtle)}:`));
  /** This learner's items in the other packages whose names start with `prefix`: their keys and names. */
  const mineElsewhere = (prefix: string): Array<{ key: string; name: string }> => otherScopes.flatMap((each) =>
    keysStartingWith(storage, each + prefix).map((key) => ({ key, name: key.slice(each.length) })));
  /** Every other learner's items in each package of the course, and this learner's in the other packages. */
  const everyoneElse = (prefix: string): Array<{ key: string; name: string }> => [courseId, ...otherPackages].flatMap((id) => {
    const course = `${PREFIX}${id}:`;
    return keysStartingWith(storage, course).flatMap((key) => {
      // `<learner key>:<name>`: a learner key is hex (learnerKey), so the first colon ends it.
      const match = /^([0-9a-f]{16,24}):(.*)$/s.exec(key.slice(course.length));
      const name = match?.[2] ?? '';
      return !match || course + match[1] + ':' === scope || !name.startsWith(prefix) ? [] : [{ key, name }];
    });
  });
  removeUnscopedKeys(storage, courseId);
  return {
    get(name) {
      try {
        return storage?.getItem(scope + name) ?? null;
      } catch {
        return null;
      }
    },
    set(name, value) {
      if (!storage) return false;
      try {
        storage.setItem(scope + name, value);
        return true;
      } catch {
        return false; // quota, or storage blocked in a sandboxed or privacy-mode frame
      }
    },
    remove(name) {
      removeKey(storage, scope + name);
    },
    names(prefix) {
      return keysStartingWith(storage, scope + prefix).map((key) => key.slice(scope.length));
    },
    forget(keep = []) {
      for (const each of [scope, ...otherScopes]) {
        for (const key of keysStartingWith(storage, each)) {
          const name = key.slice(each.length);
          if (!keep.some((kept) => name.startsWith(kept))) removeKey(storage, key);
        }
      }
    },
    adopt(prefix, accept, room = { items: Number.POSITIVE_INFINITY, chars: Number.POSITIVE_INFINITY }, from = 'everyone') {
      let moved = 0;
      let chars = 0;
      for (const { key, name } of from === 'mine' ? mineElsewhere(prefix) : everyoneElse(prefix)) {
        // Only what fits: moved past this learner's queue caps, the queue would keep the rest in this page's
        // memory alone, lost if the page closed before the LRS took them, where their owner's corner kept them.
        if (moved >= room.items) break;
        try {
          const value = storage?.getItem(key) ?? null;
          const taken = value === null ? false : accept(value);
          const kept = taken === true ? value : taken;
          if (kept === false || kept === null || chars + kept.length > room.chars) continue;
          storage?.setItem(scope + name, kept);
          chars += kept.length;
          storage?.removeItem(key);
          moved++;
        } catch {
          // full or blocked: it stays where it was, for its owner's next launch
        }
      }
      return moved;
    },
    elsewhere(prefix) {
      return mineElsewhere(prefix).flatMap(({ key }) => {
        try {
          const value = storage?.getItem(key) ?? null;
          return value === null ? [] : [value];
        } catch {
          return [];
        }
      });
    },
  };
}

/** Items of this course written before keys carried the learner (see the header). */
function removeUnscopedKeys(storage: KeyValueStorage | null, courseId: string): void {
  const legacy = `${PREFIX}${courseId}:`;
  for (const key of keysStartingWith(storage, legacy)) {
    const rest = key.slice(legacy.length);
    if (rest === 'cmi' || rest.startsWith('reflect:')) removeKey(storage, key);
  }
}

function removeKey(storage: KeyValueStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // storage blocked: it kept nothing either
  }
}

function keysStartingWith(storage: KeyValueStorage | null, prefix: string): string[] {
  const keys: string[] = [];
  try {
    if (!storage) return keys;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // storage blocked: nothing to list
  }
  return keys;
}
