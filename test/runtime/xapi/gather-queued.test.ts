import { describe, expect, it } from 'vitest';
import { identityOf } from '../../../src/runtime/track-xapi.js';
import { openLearnerStorage, type LearnerStorage } from '../../../src/runtime/learner-storage.js';
import { gatherQueued, queueRoute, waitingElsewhere } from '../../../src/runtime/xapi/gather-queued.js';
import { QUEUE_MAX_STATEMENTS, createStatementQueue, type StatementQueue } from '../../../src/runtime/xapi/statement-queue.js';
import type { XapiStatement } from '../../../src/shared/xapi/statement-types.js';
import { makeMemoryStorage } from '../memory-storage.js';
import { makeStatement } from './fake-lrs.js';

const PREFIX = 'xapi-queue:';
const LRS = 'https://lrs.district.example/xapi';

/** Statement `n` of a learner (the actor the package route gives a student id). */
function statementOf(learner: string, n: number): XapiStatement {
  return { ...makeStatement(n), actor: { objectType: 'Agent', account: { homePage: 'https://lms.district.example', name: learner } } };
}

/** Whether a statement is this learner's, as connect-xapi.ts tells it. */
const mineOf = (learner: string) => (statement: XapiStatement): boolean => identityOf(statement.actor) === identityOf(statementOf(learner, 0).actor);

/** The queue of a route in a learner's corner, as connect-xapi.ts builds it. */
function queueOf(storage: LearnerStorage, route: string): StatementQueue {
  return createStatementQueue({
    storage: {
      getItem: (key) => storage.get(key),
      setItem: (key, value) => {
        if (!storage.set(key, value)) throw new Error('full');
      },
      removeItem: (key) => storage.remove(key),
      names: (prefix) => storage.names(prefix),
    },
    key: 'xapi-queue', route, warn: () => {},
  });
}

const ids = (statements: readonly XapiStatement[]): string[] => statements.map((s) => s.id).sort();

describe('gatherQueued: what a launch takes of the statements queued on this computer', () => {
  it('a course rebuilt from a baked-in key to a token service: the learner\'s statements queued by the old package go with the new one\'s route, never another learner\'s', async () => {
    const browser = makeMemoryStorage();
    const ann = await openLearnerStorage(browser, 'course-a', 'ann');
    const bob = await openLearnerStorage(browser, 'course-a', 'bob');
    // The old package (its key baked in), the LRS away: Ann's and Bob's statements wait, each in their own corner;
    // Ann's launch had also taken one of Bob's (the package route takes every learner's).
    queueOf(ann, queueRoute('build', LRS)).addAll([statementOf('ann', 1), statementOf('ann', 2), statementOf('bob', 3)]);
    queueOf(bob, queueRoute('build', LRS)).addAll([statementOf('bob', 4), statementOf('ann', 5)]);
    // Another LRS, and a launch's route to the same LRS: never this route's.
    queueOf(ann, queueRoute('build', 'https://other.example/xapi')).add(statementOf('ann', 6));
    queueOf(ann, queueRoute('launch', LRS)).add(statementOf('ann', 7));
    // The new package asks the district's token service for Ann's key.
    const route = queueRoute('token', LRS);
    gatherQueued(ann, PREFIX, route, mineOf('ann'));
    expect(ids(queueOf(ann, route).peek())).toEqual(ids([1, 2, 5].map((n) => statementOf('ann', n))));
    // Bob's stay queued for the same LRS, for his own launch, which takes them likewise.
    const bobs = [statementOf('bob', 3), statementOf('bob', 4)];
    expect(ann.names(PREFIX)).toHaveLength(6);
    gatherQueued(bob, PREFIX, route, mineOf('bob'));
    expect(ids(queueOf(bob, route).peek())).toEqual(ids(bobs));
    // Ann's other LRS's and her launch's stay as they were: counted as on the way, never sent by this route.
    expect(waitingElsewhere(ann, PREFIX, route, mineOf('ann'))).toBe(2);
    expect(queueOf(ann, queueRoute('build', 'https://other.example/xapi')).size()).toBe(1);
    expect(queueOf(ann, queueRoute('launch', LRS)).size()).toBe(1);
  });

  it('the reverse (a token service, then a baked-in key): the package route takes every learner\'s statements for its LRS, never a launch\'s', async () => {
    const browser = makeMemoryStorage();
    const ann = await openLearnerStorage(browser, 'course-a', 'ann');
    const bob = await openLearnerStorage(browser, 'course-a', 'bob');
    queueOf(ann, queueRoute('token', LRS)).add(statementOf('ann', 1));
    queueOf(bob, queueRoute('token', LRS)).add(statementOf('bob', 2));
    queueOf(bob, queueRoute('launch', LRS)).add(statementOf('bob', 3));
    queueOf(bob, queueRoute('token', 'https://other.example/xapi')).add(statementOf('bob', 4));
    // The package's key is every learner's (`package`, with the endpoint as the build wrote it, a slash and all).
    const route = queueRoute('build', `${LRS}/`);
    gatherQueued(ann, PREFIX, route, mineOf('ann'));
    expect(ids(queueOf(ann, route).peek())).toEqual(ids([statementOf('ann', 1), statementOf('bob', 2)]));
    // Bob's launch's and the other LRS's stay in his corner; Ann's count is hers alone.
    expect(bob.names(PREFIX)).toHaveLength(2);
    expect(waitingElsewhere(ann, PREFIX, route, mineOf('ann'))).toBe(0);
    expect(queueOf(ann, route).size(mineOf('ann'))).toBe(1);
  });

  it('"Forget my answers" on a shared computer: another learner\'s statements queued under the token route are not counted as this learner\'s', async () => {
    const browser = makeMemoryStorage();
    const ann = await openLearnerStorage(browser, 'course-a', 'ann');
    const bob = await openLearnerStorage(browser, 'course-a', 'bob');
    const route = queueRoute('token', LRS);
    queueOf(bob, route).addAll([statementOf('bob', 1), statementOf('bob', 2)]);
    queueOf(ann, route).add(statementOf('ann', 3));
    gatherQueued(ann, PREFIX, route, mineOf('ann'));
    // Ann's launch leaves Bob's where they are (his key, not hers), and counts her one.
    expect(queueOf(ann, route).size(mineOf('ann')) + waitingElsewhere(ann, PREFIX, route, mineOf('ann'))).toBe(1);
    expect(bob.names(PREFIX)).toHaveLength(2);
  });

  it('a split course: the learner\'s statements under the other settings route in the course\'s other packages come too', async () => {
    const browser = makeMemoryStorage();
    const packages = ['course-basics', 'course-quiz'];
    const basics = await openLearnerStorage(browser, 'course-basics', 'ann', undefined, packages);
    const quiz = await openLearnerStorage(browser, 'course-quiz', 'ann', undefined, packages);
    queueOf(basics, queueRoute('build', LRS)).add(statementOf('ann', 1));
    const route = queueRoute('token', LRS);
    gatherQueued(quiz, PREFIX, route, mineOf('ann'));
    expect(ids(queueOf(quiz, route).peek())).toEqual(ids([statementOf('ann', 1)]));
    expect(waitingElsewhere(quiz, PREFIX, route, mineOf('ann'))).toBe(0);
  });

  it('within the queue\'s caps: what does not fit keeps its old route, and a later launch takes it', async () => {
    const browser = makeMemoryStorage();
    const ann = await openLearnerStorage(browser, 'course-a', 'ann');
    const route = queueRoute('token', LRS);
    const queued = Array.from({ length: QUEUE_MAX_STATEMENTS - 1 }, (_, n) => statementOf('ann', n));
    queueOf(ann, route).addAll(queued);
    queueOf(ann, queueRoute('build', LRS)).addAll([statementOf('ann', 1000), statementOf('ann', 1001)]);
    gatherQueued(ann, PREFIX, route, mineOf('ann'));
    const queue = queueOf(ann, route);
    expect(queue.size()).toBe(QUEUE_MAX_STATEMENTS);
    expect(waitingElsewhere(ann, PREFIX, route, mineOf('ann'))).toBe(1);
    // The LRS took the queue: the one left goes with the next launch.
    queue.remove(queue.peek().map((s) => s.id));
    gatherQueued(ann, PREFIX, route, mineOf('ann'));
    expect(queueOf(ann, route).size()).toBe(1);
    expect(waitingElsewhere(ann, PREFIX, route, mineOf('ann'))).toBe(0);
  });
});
