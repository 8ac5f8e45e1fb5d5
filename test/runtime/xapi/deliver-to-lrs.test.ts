/**
 * The sender and the builders against a real LRS on loopback (xapi-statements@5.0.1 in memory,
 * XAPI.md §10): every statement of a session is accepted, read back once, and a re-send of the same
 * ids (a keepalive whose answer the closing page never saw) leaves one copy of each.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStatementDelivery, type FetchLike } from '../../../src/runtime/xapi/deliver-statements.js';
import {
  buildAnswered, buildCompleted, buildExperienced, buildInitialized, buildPassed, buildProgressed, buildReflectionAnswered,
  buildTerminated, makeStatementContext, type StatementStamp,
} from '../../../src/shared/xapi/build-statements.js';
import { makeUuid } from '../../../src/shared/xapi/make-uuid.js';
import type { XapiStatement } from '../../../src/shared/xapi/statement-types.js';
import { defaultCourseIri } from '../../../src/shared/xapi/vocabulary.js';
import { startXapiStatements, type TestLrs } from '../../helpers/xapi-statements-lrs.js';
import { makeCourse } from '../../shared/course-fixture.js';
import { makeMemoryStorage } from './fake-lrs.js';

let lrs: TestLrs;
beforeAll(async () => {
  lrs = await startXapiStatements();
}, 30_000);
afterAll(async () => {
  await lrs?.stop();
});

const course = makeCourse({ reflections: [{ id: 'r1', page: 'm1--b', prompt: 'What will you try?' }] });
const registration = makeUuid(Uint8Array.from({ length: 16 }, (_, i) => i * 7));
const context = makeStatementContext(course, {
  actor: { objectType: 'Agent', name: 'Ada Lovelace', account: { homePage: 'https://lms.example.org', name: 's0003' } },
  registration, courseIri: defaultCourseIri(course.id), platform: 'coursepack (SCORM 1.2)',
});

function session(): XapiStatement[] {
  let n = 0;
  const stamp = (): StatementStamp => {
    n++;
    return { id: makeUuid(Uint8Array.from({ length: 16 }, (_, i) => (i === 15 ? n : 200))), timestamp: Date.UTC(2025, 0, 1, 9, 0, n) };
  };
  const made: Array<XapiStatement | null> = [buildInitialized(context, course, stamp())];
  for (const page of course.pages) made.push(buildExperienced(context, course, stamp(), page.id));
  for (const check of course.checks) {
    made.push(buildAnswered(context, course, stamp(), { checkId: check.id, chosen: check.options.filter((o) => o.correct).map((o) => o.id), latencyMs: 4_321 }));
  }
  made.push(buildReflectionAnswered(context, course, stamp(), { reflectionId: 'r1', text: 'Listen first.' }));
  for (const module of course.modules) made.push(buildProgressed(context, course, stamp(), { moduleId: module.id, progress: 50 }));
  made.push(buildPassed(context, course, stamp(), { score: 100, durationMs: 600_000, complete: true }));
  made.push(buildCompleted(context, course, stamp(), { durationMs: 600_000 }));
  made.push(buildTerminated(context, course, stamp(), { durationMs: 600_000 }));
  return made.filter((s): s is XapiStatement => s !== null);
}

const realFetch: FetchLike = (url, init) => fetch(url, init);
const timers = { setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

async function storedIds(): Promise<string[]> {
  const response = await fetch(`${lrs.endpoint}/statements?registration=${registration}&limit=500`, {
    headers: { 'X-Experience-API-Version': '1.0.3', Authorization: lrs.auth },
  });
  const body = await response.json() as { statements: Array<{ id: string }> };
  return body.statements.map((s) => s.id).sort();
}

describe('delivery to xapi-statements on loopback', () => {
  it('every statement of a session is accepted and stored once, also after a re-send of the same ids', async () => {
    const statements = session();
    const warn = vi.fn();
    const make = () => createStatementDelivery({
      endpoint: lrs.endpoint, auth: lrs.auth, storage: makeMemoryStorage(), storageKey: 'k', fetch: realFetch, timers,
      random: () => 0.5, warn, batchDelayMs: 0, maxBatch: 8,
    });
    const first = make();
    for (const statement of statements) first.send(statement);
    await vi.waitFor(() => expect(first.queued()).toBe(0), { timeout: 10_000, interval: 20 });
    expect(await storedIds()).toEqual(statements.map((s) => s.id).sort());

    const again = make();
    for (const statement of statements) again.send(statement);
    await vi.waitFor(() => expect(again.queued()).toBe(0), { timeout: 10_000, interval: 20 });
    expect(await storedIds()).toEqual(statements.map((s) => s.id).sort());
    // xapi-statements takes an identical re-send as a success (no 409), so nothing was dropped or warned about.
    expect(warn).not.toHaveBeenCalled();
  }, 30_000);
});
