import { describe, expect, it } from 'vitest';
import { learnerKey, openLearnerStorage } from '../../src/runtime/learner-storage.js';
import { makeMemoryStorage } from './memory-storage.js';

describe('learner storage: what the browser keeps, per learner and course', async () => {
  it('two learners in one browser never see each other\'s items; the same learner finds theirs again', async () => {
    const browser = makeMemoryStorage();
    (await openLearnerStorage(browser, 'course-a', 'stu-001')).set('reflect:r1', 'My private thoughts');
    expect((await openLearnerStorage(browser, 'course-a', 'stu-002')).get('reflect:r1')).toBeNull();
    expect((await openLearnerStorage(browser, 'course-a', 'stu-001')).get('reflect:r1')).toBe('My private thoughts');
    expect((await openLearnerStorage(browser, 'course-b', 'stu-001')).get('reflect:r1')).toBeNull();
  });

  it('keys carry a hash of the student id, never the id in clear', async () => {
    const browser = makeMemoryStorage();
    (await openLearnerStorage(browser, 'course-a', 'jane.doe@district.example')).set('cmi', '{}');
    const [key] = [...browser.map.keys()];
    expect(key).toBe(`coursepack:course-a:${await learnerKey('course-a', 'jane.doe@district.example')}:cmi`);
    expect(key).not.toMatch(/jane|doe|district/);
    expect(await learnerKey('course-a', 'x')).toMatch(/^[0-9a-f]{24}$/);
    expect(await learnerKey('course-a', 'x')).not.toBe(await learnerKey('course-b', 'x'));
    // Without Web Crypto (a page served over plain http): another hash, still never the id.
    expect(await learnerKey('course-a', 'x', null)).toMatch(/^[0-9a-f]{16}$/);
    expect(await learnerKey('course-a', 'x', null)).not.toBe(await learnerKey('course-a', 'y', null));
  });

  it('forget removes this learner\'s items in this course only, except those asked to keep', async () => {
    const browser = makeMemoryStorage();
    const mine = await openLearnerStorage(browser, 'course-a', 'stu-001');
    mine.set('reflect:r1', 'a');
    mine.set('cmi', '{}');
    mine.set('queue', '[]');
    mine.set('queue:s1', '{}');
    (await openLearnerStorage(browser, 'course-a', 'stu-002')).set('reflect:r1', 'b');
    (await openLearnerStorage(browser, 'course-b', 'stu-001')).set('reflect:r1', 'c');
    browser.setItem('someone-else', 'd');
    mine.forget(['queue']);
    expect(mine.get('reflect:r1')).toBeNull();
    expect(mine.get('cmi')).toBeNull();
    expect(mine.get('queue')).toBe('[]');
    // Kept by prefix: the statement queue is one item a statement.
    expect(mine.names('queue')).toEqual(['queue', 'queue:s1']);
    expect(mine.names('queue:')).toEqual(['queue:s1']);
    expect((await openLearnerStorage(browser, 'course-a', 'stu-002')).get('reflect:r1')).toBe('b');
    expect((await openLearnerStorage(browser, 'course-b', 'stu-001')).get('reflect:r1')).toBe('c');
    expect(browser.getItem('someone-else')).toBe('d');
  });

  it('forget in one package of a split course removes this learner\'s items in its other packages too, queues kept', async () => {
    const browser = makeMemoryStorage();
    const packages = ['course-basics', 'course-quiz'];
    const basics = await openLearnerStorage(browser, 'course-basics', 'stu-001');
    basics.set('reflect:r1', 'a');
    basics.set('cmi', '{}');
    basics.set('queue:s1', '{}');
    (await openLearnerStorage(browser, 'course-basics', 'stu-002')).set('reflect:r1', 'b');
    // Another course whose id starts like this one's packages: not the same course.
    (await openLearnerStorage(browser, 'course-basics-2', 'stu-001')).set('reflect:r1', 'c');
    const quiz = await openLearnerStorage(browser, 'course-quiz', 'stu-001', undefined, packages);
    quiz.set('reflect:r2', 'd');
    quiz.forget(['queue']);
    expect(quiz.get('reflect:r2')).toBeNull();
    expect(basics.get('reflect:r1')).toBeNull();
    expect(basics.get('cmi')).toBeNull();
    expect(basics.get('queue:s1')).toBe('{}');
    expect((await openLearnerStorage(browser, 'course-basics', 'stu-002')).get('reflect:r1')).toBe('b');
    expect((await openLearnerStorage(browser, 'course-basics-2', 'stu-001')).get('reflect:r1')).toBe('c');
  });

  it('removes items of the course kept before keys carried the learner (they cannot be told apart)', async () => {
    const browser = makeMemoryStorage();
    browser.setItem('coursepack:course-a:reflect:r1', 'the last learner\'s text');
    browser.setItem('coursepack:course-a:cmi', '{}');
    browser.setItem('coursepack:course-b:reflect:r1', 'another course');
    await openLearnerStorage(browser, 'course-a', 'stu-002');
    expect(browser.getItem('coursepack:course-a:reflect:r1')).toBeNull();
    expect(browser.getItem('coursepack:course-a:cmi')).toBeNull();
    expect(browser.getItem('coursepack:course-b:reflect:r1')).toBe('another course');
  });

  it('adopt moves to this learner the items of other learners of this course it is asked for, and nothing else', async () => {
    const browser = makeMemoryStorage();
    const a = await openLearnerStorage(browser, 'course-a', 'stu-a');
    a.set('xapi-queue:s1', 'to the package LRS');
    a.set('xapi-queue:s2', 'to a launch LRS');
    a.set('reflect:r1', 'A\'s private thoughts');
    (await openLearnerStorage(browser, 'course-b', 'stu-c')).set('xapi-queue:s3', 'to the package LRS');
    const b = await openLearnerStorage(browser, 'course-a', 'stu-b');
    b.set('xapi-queue:s4', 'to the package LRS');
    expect(b.adopt('xapi-queue:', (value) => value === 'to the package LRS')).toBe(1);
    expect(b.names('xapi-queue:').sort()).toEqual(['xapi-queue:s1', 'xapi-queue:s4']);
    expect(b.get('xapi-queue:s1')).toBe('to the package LRS');
    // Gone from A's corner (sent once, by whoever holds it); what was not asked for stays A's.
    expect(a.names('').sort()).toEqual(['reflect:r1', 'xapi-queue:s2']);
    expect(b.get('reflect:r1')).toBeNull();
    expect((await openLearnerStorage(browser, 'course-b', 'stu-c')).get('xapi-queue:s3')).toBe('to the package LRS');
    // Only what fits under the queue's caps moves; the rest stays in its owner's corner, kept.
    for (let i = 0; i < 5; i++) a.set(`xapi-queue:t${i}`, 'to the package LRS');
    expect(b.adopt('xapi-queue:', (value) => value === 'to the package LRS', { items: 2, chars: 1_000 })).toBe(2);
    expect(a.names('xapi-queue:t')).toHaveLength(3);
    expect(b.adopt('xapi-queue:', (value) => value === 'to the package LRS', { items: 10, chars: 20 })).toBe(1);
    // Storage that takes nothing: the items stay with their owner.
    for (const storage of [null, makeMemoryStorage({ throwing: true })]) {
      expect((await openLearnerStorage(storage, 'course-a', 'stu-b')).adopt('xapi-queue:', () => true)).toBe(0);
    }
  });

  it('adopt in a split course takes from every package of the course, every learner\'s; with `mine`, only this learner\'s in the other packages', async () => {
    const browser = makeMemoryStorage();
    const packages = ['course-basics', 'course-quiz'];
    const open = (id: string, learner: string) => openLearnerStorage(browser, id, learner, undefined, packages);
    // Statements queued in the first module's package, by this learner and another; and in the other course.
    const basicsMine = await open('course-basics', 'stu-a');
    basicsMine.set('xapi-queue:s1', 'to the LRS');
    basicsMine.set('xapi-queue:s2', 'to another LRS');
    basicsMine.set('reflect:r1', 'A\'s private thoughts');
    (await open('course-basics', 'stu-b')).set('xapi-queue:s3', 'to the LRS');
    (await open('course-quiz', 'stu-b')).set('xapi-queue:s4', 'to the LRS');
    (await openLearnerStorage(browser, 'course-basics-2', 'stu-a')).set('xapi-queue:s5', 'to the LRS');
    const quiz = await open('course-quiz', 'stu-a');
    // This learner's in the other packages, whatever they are: what "Forget my answers" counts.
    expect(quiz.elsewhere('xapi-queue:').sort()).toEqual(['to another LRS', 'to the LRS']);
    // A launch's LRS: this learner's alone, never stu-b's (in this package or another), nor what was not asked for.
    expect(quiz.adopt('xapi-queue:', (value) => value === 'to the LRS', undefined, 'mine')).toBe(1);
    expect(quiz.names('xapi-queue:')).toEqual(['xapi-queue:s1']);
    expect(quiz.elsewhere('xapi-queue:')).toEqual(['to another LRS']);
    expect(basicsMine.names('').sort()).toEqual(['reflect:r1', 'xapi-queue:s2']);
    // The package's LRS: every learner's, in every package of the course, and nothing of another course.
    expect(quiz.adopt('xapi-queue:', (value) => value === 'to the LRS')).toBe(2);
    expect(quiz.names('xapi-queue:').sort()).toEqual(['xapi-queue:s1', 'xapi-queue:s3', 'xapi-queue:s4']);
    expect((await openLearnerStorage(browser, 'course-basics-2', 'stu-a')).get('xapi-queue:s5')).toBe('to the LRS');
    expect(basicsMine.get('xapi-queue:s2')).toBe('to another LRS');
    // Within the caps: the rest stays where it was, kept.
    for (let i = 0; i < 3; i++) basicsMine.set(`xapi-queue:t${i}`, 'to the LRS');
    expect(quiz.adopt('xapi-queue:', (value) => value === 'to the LRS', { items: 2, chars: 1_000 }, 'mine')).toBe(2);
    expect(basicsMine.names('xapi-queue:t')).toHaveLength(1);
    // A package of no split course has no other packages.
    expect((await openLearnerStorage(browser, 'course-quiz', 'stu-a')).elsewhere('xapi-queue:')).toEqual([]);
  });

  it('never throws when storage is missing, blocked or full', async () => {
    for (const storage of [null, makeMemoryStorage({ throwing: true })]) {
      const scoped = await openLearnerStorage(storage, 'course-a', 'stu-001', undefined, ['course-a', 'course-b']);
      expect(scoped.set('cmi', '{}')).toBe(false);
      expect(scoped.get('cmi')).toBeNull();
      expect(() => { scoped.remove('cmi'); scoped.forget(); }).not.toThrow();
      expect(scoped.elsewhere('xapi-queue:')).toEqual([]);
      expect(scoped.adopt('xapi-queue:', () => true, undefined, 'mine')).toBe(0);
    }
  });
});
