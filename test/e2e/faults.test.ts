import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { learnerKey } from '../../src/runtime/learner-storage.js';
import {
  clickAsLearner, clickThrough, leaveCover, openCourse, passCourse, readAll, readCourseData, readHost, readHostWhenFinished, waitForPlayer, waitShown,
} from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, POLL, usePackage } from './use-package.js';

/** Where the player says it is not saving. */
const LINE = '.cp-notice .cp-not-saving';

// Next gets the browser's own click (clickThrough, one round trip): turning the page is not what these tests are
// about, where a Playwright click costs some 40 protocol messages of actionability checks through the frames above.
// Exit, Check answer and the options chosen stay real clicks.
describe.skipIf(missing('chromium'))('fault injection: the course never crashes and never loses progress', () => {
  const pkg = usePackage();

  it('LMSSetValue returning "false" with error 0 counts as saved (the error code is trusted)', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url, { setReturnsFalse: true });
    const course = await readCourseData(frame);
    await passCourse(frame, course);
    const host = await readHostWhenFinished(page);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    // Not retried as if it had failed: status written exactly twice (incomplete, passed).
    expect(host.trace.filter((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.lesson_status')).toHaveLength(2);
  }, BROWSER_TIMEOUT);

  it('LMSCommit failing then recovering: the commit is retried and the data arrives', async () => {
    // The browser's clock is Playwright's (time still flows; runFor fires the timers due), so the
    // retries (after 1 s, then 2 s: src/runtime/track-session.ts) come without waiting them out.
    const context = await pkg.newContext({ own: true });
    await context.clock.install();
    const { page, frame } = await openCourse(context, pkg.url, { commitFailures: 2 });
    // No learner action: the start-up commit fails twice and is retried by itself.
    await context.clock.runFor(3000);
    await expect.poll(async () => (await readHost(page)).stored['cmi.core.lesson_status'], { timeout: 20_000 }).toBe('incomplete');
    const course = await readCourseData(frame);
    await passCourse(frame, course);
    const host = await readHostWhenFinished(page);
    expect(host.trace.filter((c) => c.fn === 'LMSCommit' && c.result === 'false')).toHaveLength(2);
    expect(findLifecycleViolations(host.trace)).toEqual([]);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
  }, BROWSER_TIMEOUT);

  it('session time is the time the course ran: not moved by a clock set back, nor by a night asleep', async () => {
    const context = await pkg.newContext({ own: true });
    await context.clock.install();
    const { page, frame } = await openCourse(context, pkg.url);
    await context.clock.runFor(20 * 60_000);
    // The computer's clock put back an hour (Date moves, the monotonic clock does not): 0 s before.
    await context.clock.setSystemTime(Date.now() - 3_600_000);
    await context.clock.runFor(10 * 60_000);
    // The laptop closed overnight: no timer runs, then the clock is ten hours on (10 h 30 min before).
    await context.clock.fastForward(10 * 3_600_000);
    await context.clock.runFor(60_000);
    await clickAsLearner(frame, '#cp-exit');
    const seconds = (t: string) => t.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
    const host = await readHostWhenFinished(page);
    const session = seconds(host.stored['cmi.core.session_time'] ?? '');
    expect(session).toBeGreaterThanOrEqual(30 * 60);
    expect(session).toBeLessThanOrEqual(32 * 60);
  }, BROWSER_TIMEOUT);

  it('answers\' latency is the time the course ran too: not a clock put right by years, nor a night asleep', async () => {
    const context = await pkg.newContext({ own: true });
    await context.clock.install();
    const { page, frame } = await openCourse(context, pkg.url);
    const course = await readCourseData(frame);
    // The pages of scored questions: their answers are the LMS's interactions.
    const withChecks = course.pages.filter((p) => course.checks.some((c) => c.page === p.id && c.scored)).map((p) => p.id);
    await passCourse(frame, course, {
      onPage: async (id) => {
        await context.clock.runFor(60_000);
        // A school laptop that booted in 2009 (a dead CMOS battery) put right by NTP while a question is on screen.
        if (id === withChecks[0]) await context.clock.setSystemTime(Date.now() + 17 * 365 * 86_400_000);
        // The laptop closed overnight with the next question on screen.
        if (id === withChecks[1]) {
          await context.clock.fastForward(10 * 3_600_000);
          await context.clock.runFor(60_000);
        }
      },
    });
    const host = await readHostWhenFinished(page);
    const seconds = (t: string) => t.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
    const latencies = Object.entries(host.stored).filter(([k]) => /^cmi\.interactions\.\d+\.latency$/.test(k)).map(([, v]) => seconds(v));
    expect(latencies.length).toBeGreaterThan(1);
    for (const latency of latencies) expect(latency).toBeLessThanOrEqual(5 * 60);
  }, BROWSER_TIMEOUT);

  it('an LMS without interactions (401) still gets status and score, and is asked only once', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url, { interactions401: true });
    const course = await readCourseData(frame);
    await passCourse(frame, course);
    const host = await readHostWhenFinished(page);
    expect(host.stored['cmi.core.lesson_status']).toBe('passed');
    expect(host.stored['cmi.core.score.raw']).toBe('100');
    expect(host.trace.filter((c) => c.fn === 'LMSSetValue' && c.args[0]?.startsWith('cmi.interactions.'))).toHaveLength(1);
  }, BROWSER_TIMEOUT);

  it('no API at all: a visible notice, the whole course works, progress survives a reload in localStorage', async () => {
    // The player's own API search (3 s, no player options), on Playwright's clock: runFor fires its
    // retries at once instead of waiting them out.
    const context = await pkg.newContext({ apiSearchMs: null });
    await context.clock.install();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${pkg.url}/sco/index.html`);
    await context.clock.runFor(3000);
    await waitForPlayer(page);
    await leaveCover(page);
    await expect.poll(() => page.locator('.cp-notice').isVisible(), POLL).toBe(true);
    expect(await page.locator('.cp-notice').textContent()).toMatch(/saved in this browser/);
    await clickThrough(page, '#cp-next');
    await page.locator('#practice-single-b').check();
    await clickAsLearner(page, '#check-practice-single .cp-check-submit');
    await clickThrough(page, '#cp-next');
    await page.reload();
    await context.clock.runFor(3000);
    await waitShown(page, '.cp-progress-text');
    await expect.poll(() => page.locator('section.cp-page:not([hidden])').getAttribute('data-page'), POLL).toBe('quiz--scored-questions');
    expect(await page.locator('#practice-single-b').isChecked()).toBe(true);
    // Finish the course in the same tab, then check what localStorage holds.
    await passCourse(page, await readCourseData(page));
    // Without an LMS the learner is the browser's anonymous one (src/runtime/learner-storage.ts).
    const key = `coursepack:runtime-fixture:${await learnerKey('runtime-fixture', '')}:cmi`;
    const saved = JSON.parse(await page.evaluate<string>(`localStorage.getItem(${JSON.stringify(key)}) || '{}'`));
    expect(saved['cmi.core.lesson_status']).toBe('passed');
    expect(saved['cmi.core.score.raw']).toBe('100');
    expect(errors).toEqual([]);
  }, BROWSER_TIMEOUT);

  it('a reload of the course frame after its LMSFinish calls nothing after it, and says progress is not saved', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await clickThrough(frame, '#cp-next');
    // The page's dismissal events end the session (LMSFinish); the reloaded player finds it finished.
    await page.evaluate('document.getElementById("sco").contentWindow.location.reload()');
    await waitForPlayer(frame);
    await expect.poll(() => frame.locator('.cp-notice').textContent(), POLL).toMatch(/did not start a session, so your progress is not saved/);
    await leaveCover(frame);
    await clickThrough(frame, '#cp-next');
    await clickAsLearner(frame, '#cp-exit');
    // Nothing is kept, in the LMS or in this browser: the page after Exit says so (it said "saved in this browser").
    expect(await frame.locator('#h-exited').textContent()).toBe('Your progress was not saved.');
    const { trace } = await readHost(page);
    const afterFinish = trace.slice(trace.findIndex((c) => c.fn === 'LMSFinish') + 1).map((c) => `${c.fn} ${c.args.join(' ')}`.trim());
    // Initialize answers 101, the API carries the finished page's mark, and nothing more is asked of the LMS
    // (scorm-again would answer and store it all; an LMS that enforces the end would drop it unseen).
    expect(afterFinish.filter((c) => !/^LMSGet(LastError|ErrorString|Diagnostic)/.test(c))).toEqual(['LMSInitialize']);
  }, BROWSER_TIMEOUT);

  it('the LMS session gone before Exit (commits and LMSFinish refused): the page after Exit says the progress was not saved', async () => {
    const { page, frame } = await openCourse(await pkg.newContext(), pkg.url);
    await clickThrough(frame, '#cp-next');
    const saved = (await readHost(page)).stored['cmi.core.lesson_location'];
    // A Moodle whose login timed out behind the course: every save from now on is answered "false", 101.
    await page.evaluate('window.cpHost.expired = true');
    await clickThrough(frame, '#cp-next');
    await clickAsLearner(frame, '#cp-exit');
    const host = await readHost(page);
    expect(host.trace.filter((c) => c.fn === 'LMSFinish').map((c) => c.result)).toEqual(['false']);
    expect(host.stored['cmi.core.lesson_location']).toBe(saved);
    // Before, it said "Your progress is saved." and the learner closed the window on a lost page turn.
    expect(await frame.locator('#h-exited').textContent()).toBe('Your progress was not saved.');
  }, BROWSER_TIMEOUT);

  it('the LMS session gone mid-course: the learner is told while working, and told again once it saves', async () => {
    const { context, page, frame, line } = await expireAfterFirstPage(pkg);
    await context.clock.runFor(16_000);
    expect(await line.count()).toBe(0);
    await context.clock.runFor(16_000);
    // Read through the course's document resolved once (nothing here navigates): the same strict, waiting reads.
    const lineText = async () => (await readAll(frame, { line: ['text', LINE] })).line;
    const status = async () => (await readAll(frame, { status: ['text', '#cp-status'] })).status;
    // Before, nothing was said: the learner went on working, and closing the tab lost it all.
    await expect.poll(lineText, POLL).toBe('Your progress is not being saved right now: the learning management system is not accepting it. The course tries again at each step; before you close it, check that this message has gone.');
    expect(await status()).toBe(await lineText());
    // The learner signs in again in another tab: the next step's commit saves it all.
    await page.evaluate('window.cpHost.expired = false');
    await clickThrough(frame, '#cp-next');
    await expect.poll(lineText, POLL).toBe('Your progress is being saved again.');
    expect(await status()).toBe('Your progress is being saved again.');
    const course = await readCourseData(frame);
    expect((await readHost(page)).stored['cmi.core.lesson_location']).toBe(course.pages[3]?.id);
  }, BROWSER_TIMEOUT);

  it('the LMS saving again at Exit: the page after it does not keep saying the progress is not being saved', async () => {
    const { context, page, frame } = await expireAfterFirstPage(pkg);
    await context.clock.runFor(32_000);
    // Read through the course's document resolved once (Exit does not navigate): the same reads.
    await expect.poll(async () => (await readAll(frame, { line: ['count', LINE] })).line, POLL).toBe(1);
    // Signed in again in another tab, the learner exits at once: Exit's commit and LMSFinish save it all.
    await page.evaluate('window.cpHost.expired = false');
    await clickAsLearner(frame, '#cp-exit');
    expect((await readAll(frame, { exited: ['text', '#h-exited'] })).exited).toBe('Your progress is saved.');
    expect((await readHost(page)).trace.filter((c) => c.fn === 'LMSFinish').map((c) => c.result)).toEqual(['true']);
    // Before, the line at the top still said the progress was not being saved, and to check it had gone before closing.
    expect((await readAll(frame, { line: ['text', LINE] })).line).toBe('Your progress is being saved again.');
  }, BROWSER_TIMEOUT);

  it('a browse launch whose commit the LMS refuses: no line says the progress is not being saved', async () => {
    const context = await pkg.newContext({ own: true });
    await context.clock.install();
    const { frame } = await openCourse(context, pkg.url, { seed: { core: { lesson_mode: 'browse' } }, commitFailures: 100 });
    await clickThrough(frame, '#cp-next');
    await context.clock.runFor(32_000);
    await clickThrough(frame, '#cp-next');
    await context.clock.runFor(1000);
    // The notice says nothing of this visit is recorded, and no step commits again: the line told the learner to
    // wait, before closing, for a message that could never go (both read in one round trip, as the locators read them).
    const said = await readAll(frame, { notice: ['text', '.cp-notice'], line: ['count', '.cp-not-saving'] });
    expect(said.notice).toMatch(/browse|preview/i);
    expect(said.line).toBe(0);
  }, BROWSER_TIMEOUT);

  it('an API that throws on every call does not stop the course', async () => {
    const context = await pkg.newContext({ own: true });
    const errors: string[] = [];
    context.on('weberror', (e) => errors.push(String(e.error())));
    const { page, frame } = await openCourse(context, pkg.url, { throwing: true });
    expect(await frame.locator('.cp-notice').textContent()).toMatch(/did not start a session, so your progress is not saved/);
    await clickThrough(frame, '#cp-next');
    await waitShown(frame, 'section[data-page="basics--practice"]');
    await frame.locator('#practice-single-b').check();
    await clickAsLearner(frame, '#check-practice-single .cp-check-submit');
    await clickThrough(frame, '#cp-next');
    // A learner is there, unknown to the player: nothing of theirs may stay for the next one on this computer.
    const kept = await page.evaluate<string[]>('Object.keys(localStorage).filter((k) => k.startsWith("coursepack:"))');
    expect(kept).toEqual([]);
    await page.close();
    const next = await openCourse(context, pkg.url, { throwing: true });
    expect(await next.frame.locator('.cp-welcome').count()).toBe(0);
    await clickThrough(next.frame, '#cp-next');
    await waitShown(next.frame, 'section[data-page="basics--practice"]');
    expect(await next.frame.locator('#practice-single-b').isChecked()).toBe(false);
    expect(errors).toEqual([]);
  }, BROWSER_TIMEOUT);
});

/**
 * The fixture opened under Playwright's clock (the commit's retries, 1, 2, 4, 8, 16 s in track-session.ts, run
 * without waiting them out), one page turned, then the LMS session gone (a Moodle whose login timed out: every
 * save answered "false", 101) before the next: `line` is where the player says it is not saving.
 */
async function expireAfterFirstPage(pkg: ReturnType<typeof usePackage>) {
  const context = await pkg.newContext({ own: true });
  await context.clock.install();
  const { page, frame } = await openCourse(context, pkg.url);
  await clickThrough(frame, '#cp-next');
  await page.evaluate('window.cpHost.expired = true');
  await clickThrough(frame, '#cp-next');
  return { context, page, frame, line: frame.locator(LINE) };
}
