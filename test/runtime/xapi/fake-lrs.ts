import type { FetchLike, PostInit } from '../../../src/runtime/xapi/deliver-statements.js';
import type { ItemStorage as KeyValueStorage } from '../../../src/runtime/xapi/statement-queue.js';
import { buildExperienced, makeStatementContext } from '../../../src/shared/xapi/build-statements.js';
import { makeUuid } from '../../../src/shared/xapi/make-uuid.js';
import type { XapiStatement } from '../../../src/shared/xapi/statement-types.js';
import { defaultCourseIri } from '../../../src/shared/xapi/vocabulary.js';
import { makeCourse } from '../../shared/course-fixture.js';

export interface RecordedRequest {
  readonly url: string;
  readonly init: PostInit;
  readonly ids: string[];
}

/** What the fake LRS answers to one request: a status, 'network' (fetch rejects), or 'hang' (never answers). */
export type Answer = number | 'network' | 'hang';

/**
 * An LRS in memory behind a fake fetch: records every request, stores statements by id the way an
 * LRS does (a repeated id is not stored twice), and answers what `answer` says.
 */
export function makeFakeLrs(answer: (ids: readonly string[], init: PostInit) => Answer = () => 200) {
  const requests: RecordedRequest[] = [];
  const stored = new Map<string, XapiStatement>();
  /** How many 2xx answers included each id: more than 1 means the sender sent a confirmed statement again. */
  const accepted = new Map<string, number>();
  const fetch: FetchLike = (url, init) => {
    const batch = JSON.parse(init.body) as XapiStatement[];
    const ids = batch.map((s) => s.id);
    requests.push({ url, init, ids });
    const result = answer(ids, init);
    if (result === 'hang') return new Promise(() => {});
    if (result === 'network') return Promise.reject(new TypeError('Failed to fetch'));
    if (result >= 200 && result < 300) {
      for (const statement of batch) {
        if (!stored.has(statement.id)) stored.set(statement.id, statement);
        accepted.set(statement.id, (accepted.get(statement.id) ?? 0) + 1);
      }
    }
    return Promise.resolve({ status: result });
  };
  return { fetch, requests, stored, accepted };
}

export function makeMemoryStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => { values.set(key, value); },
    removeItem: (key) => { values.delete(key); },
    names: (prefix) => [...values.keys()].filter((key) => key.startsWith(prefix)),
  };
}

const course = makeCourse();
const context = makeStatementContext(course, {
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 's1' } },
  registration: makeUuid(new Uint8Array(16)),
  courseIri: defaultCourseIri(course.id),
  platform: 'test',
});

/** A real `experienced` statement with the n-th deterministic id. */
export function makeStatement(n: number): XapiStatement {
  const bytes = new Uint8Array(16);
  bytes[12] = (n >> 24) & 255;
  bytes[13] = (n >> 16) & 255;
  bytes[14] = (n >> 8) & 255;
  bytes[15] = n & 255;
  const page = course.pages[n % course.pages.length]?.id ?? '';
  const statement = buildExperienced(context, course, { id: makeUuid(bytes), timestamp: Date.UTC(2025, 0, 1) + n * 1000 }, page);
  if (!statement) throw new Error('no statement');
  return statement;
}
