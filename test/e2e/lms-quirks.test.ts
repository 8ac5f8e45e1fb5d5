/**
 * Real SCORM 1.2 LMS runtimes are not scorm-again: a hand-written fake LMS API (fakeLmsScript) with the quirks
 * LMSs have (SCORM12.md §3-§5), put where LMSs put it (an opener, frames far up, a cross-origin frame between).
 * Each run must end with the learner through the course and the LMS holding valid data, with no page error.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { missing } from '../helpers/require-tools.js';
import { clickAsLearner, leaveCover, passCourse, readCourseData, scoFrameOf, waitForPlayer, waitShown } from './harness/run-course.mjs';
import { findLifecycleViolations } from './scorm12-rules.js';
import { BROWSER_TIMEOUT, usePackage } from './use-package.js';

interface Quirks {
  /** What LMSInitialize, LMSSetValue, LMSCommit and LMSFinish return on success (JSON): "true", true, "1". */
  yes?: unknown;
  /** How an element the LMS has no value for is answered: '' (default), null, undefined. */
  emptyAs?: 'null' | 'undefined' | '';
  /** Numeric values answered as numbers, not strings. */
  numbers?: boolean;
  /** LMSGetLastError answers a number, not a string; or nothing usable at all. */
  errorAs?: 'number' | 'none';
  /** Elements the LMS holds at launch (missing ones: no value). */
  data?: Record<string, string>;
  /** Each LMSCommit blocks the page this long (an LMS saving by synchronous XHR to a slow server). */
  commitMs?: number;
  /** The LMS calls LMSFinish itself when its page goes (its own unload handler). */
  finishOnUnload?: boolean;
}

/** The fake LMS: `window.API` on the window the script runs in, and `window.lms` to read what it holds. */
function fakeLmsScript(quirks: Quirks): string {
  return `<script>
(function () {
  var q = ${JSON.stringify(quirks).replace(/</g, '\\u003c')};
  var data = Object.assign({ 'cmi.core.student_id': 'stu-9', 'cmi.core.student_name': 'Doe, Jane', 'cmi.core.lesson_status': 'not attempted',
    'cmi.core.entry': 'ab-initio', 'cmi.core.lesson_mode': 'normal', 'cmi.core.credit': 'credit', 'cmi.interactions._count': '0' }, q.data || {});
  var lms = { trace: [], stored: {}, finished: false, finishCalls: 0, open: false, done: false };
  window.lms = lms;
  var err = 0;
  // Also kept in localStorage, for a test to read after the LMS's page has gone.
  function save() { lms.stored = Object.assign({}, data); try { localStorage.setItem('lms:stored', JSON.stringify(lms.stored)); } catch (e) { /* none */ } }
  function answer(v) {
    if (v === undefined || v === '') return q.emptyAs === 'null' ? null : q.emptyAs === 'undefined' ? undefined : '';
    if (q.numbers && /^\\d+(\\.\\d+)?$/.test(v)) return Number(v);
    return v;
  }
  function record(fn, args, r) { lms.trace.push({ fn: fn, args: args.map(String), result: String(r), error: String(err) }); return r; }
  var ok = 'yes' in q ? q.yes : 'true';
  window.API = {
    LMSInitialize: function (a) { if (lms.open || lms.done) { err = 101; return record('LMSInitialize', [a], 'false'); } lms.open = true; err = 0; return record('LMSInitialize', [a], ok); },
    LMSGetValue: function (el) {
      if (!lms.open) { err = 301; return ''; }
      if (/^cmi\\.core\\.(exit|session_time)$/.test(el)) { err = 404; return ''; }
      err = 0; return answer(data[el]);
    },
    LMSSetValue: function (el, v) {
      if (!lms.open) { err = 301; return record('LMSSetValue', [el, v], 'false'); }
      err = 0; data[el] = String(v); return record('LMSSetValue', [el, v], ok);
    },
    LMSCommit: function (a) {
      if (!lms.open) { err = 301; return record('LMSCommit', [a], 'false'); }
      // A synchronous XHR to a server that answers after commitMs (routeLms): the page is blocked meanwhile, with no
      // CPU spent (a loop spinning that long made each commit a busy core). Chromium refuses one while the page
      // is being dismissed; the commit then goes on at once.
      if (q.commitMs) { try { var xhr = new XMLHttpRequest(); xhr.open('POST', '/lms-quirk/commit?ms=' + q.commitMs, false); xhr.send(''); } catch (e) { /* dismissal */ } }
      err = 0; save(); return record('LMSCommit', [a], ok);
    },
    LMSFinish: function (a) {
      lms.finishCalls++;
      if (!lms.open) { err = 301; return record('LMSFinish', [a], 'false'); }
      err = 0; lms.open = false; lms.done = true; save(); lms.finished = true; return record('LMSFinish', [a], ok);
    },
    LMSGetLastError: function () { return q.errorAs === 'number' ? err : q.errorAs === 'none' ? undefined : String(err); },
    LMSGetErrorString: function () { return ''; },
    LMSGetDiagnostic: function () { return ''; },
  };
  if (q.finishOnUnload) window.addEventListener('unload', function () { window.API.LMSFinish(''); });
})();
</script>`;
}

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100vh;display:block}</style></head><body>${body}</body></html>`;

/**
 * Pages the fake LMS serves on the package's origin under /lms-quirk/ (and on http://elsewhere.test, another
 * origin): `host.html` (API here, frame below), `nest.html?d=N` (N frames down to the SCO), `opener.html` (API here,
 * the course in a new window).
 */
async function routeLms(context: BrowserContext, base: string, quirks: Quirks): Promise<void> {
  const frameTo = (src: string) => `<iframe id="sco" title="Course" src="${src}"></iframe>`;
  const nest = (d: number, origin = base) => (d <= 0 ? `${base}/sco/index.html` : `${origin}/lms-quirk/nest.html?d=${d - 1}`);
  await context.route(/\/lms-quirk\//, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/commit')) {
      await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('ms'))));
      return route.fulfill({ status: 200, contentType: 'text/plain', body: 'true' });
    }
    const d = Number(url.searchParams.get('d') ?? '0');
    let body = '';
    // `cross`: the first frame below the LMS is another origin's (an LTI tool, SCORM Cloud Dispatch).
    if (url.pathname.endsWith('/host.html')) body = fakeLmsScript(quirks) + frameTo(url.searchParams.has('cross') ? nest(d, 'http://elsewhere.test') : nest(d));
    else if (url.pathname.endsWith('/nest.html')) body = frameTo(nest(d));
    else if (url.pathname.endsWith('/opener.html')) body = `${fakeLmsScript(quirks)}<button id="launch" onclick="window.open('${nest(d)}', 'course')">Launch</button>`;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page(body) });
  });
}


async function readLms(p: Page) {
  return JSON.parse(await p.evaluate<string>('JSON.stringify(window.lms)')) as {
    trace: { fn: string; args: string[]; result: string; error: string }[]; stored: Record<string, string>; finished: boolean; finishCalls: number;
  };
}

async function finishedLms(p: Page) {
  await p.waitForFunction('window.lms && window.lms.finished === true', undefined, { timeout: 20_000 });
  return readLms(p);
}

describe.skipIf(missing('chromium'))('LMS runtimes that are not scorm-again', () => {
  const pkg = usePackage();

  /** Opens the course framed `depth` below the fake LMS, passes it, Exit; returns what the LMS holds. */
  /** A new context with the fake LMS (`quirks`), the course opened in its frame and taken to its second page. */
  async function onSecondPage(quirks: Quirks, errors: string[] = []): Promise<{ context: BrowserContext; p: Page; frame: Frame }> {
    const context = await pkg.newContext({ own: true });
    context.on('weberror', (e) => errors.push(String(e.error())));
    await routeLms(context, pkg.url, quirks);
    const p = await context.newPage();
    await p.goto(`${pkg.url}/lms-quirk/host.html?d=0`);
    const frame = await scoFrameOf(p);
    await waitForPlayer(frame);
    await leaveCover(frame);
    await clickAsLearner(frame, '#cp-next');
    return { context, p, frame };
  }

  async function passFramed(quirks: Quirks, depth = 0, errors: string[] = []) {
    const context = await pkg.newContext({ own: true });
    context.on('weberror', (e) => errors.push(String(e.error())));
    await routeLms(context, pkg.url, quirks);
    const p = await context.newPage();
    await p.goto(`${pkg.url}/lms-quirk/host.html?d=${depth}`);
    const frame = await scoFrameOf(p);
    await waitForPlayer(frame);
    expect(await frame.locator('.cp-notice').count()).toBe(0);
    const course = await readCourseData(frame);
    await passCourse(frame, course);
    const lms = await finishedLms(p);
    expect(errors).toEqual([]);
    return { lms, frame, page: p, context };
  }

  function expectPassed(lms: Awaited<ReturnType<typeof readLms>>) {
    expect(findLifecycleViolations(lms.trace)).toEqual([]);
    expect(lms.stored['cmi.core.lesson_status']).toBe('passed');
    expect(lms.stored['cmi.core.score.raw']).toBe('100');
    expect(lms.stored['cmi.core.exit']).toBe('');
  }

  it('the API eight frames up', async () => {
    expectPassed((await passFramed({}, 7)).lms);
  }, BROWSER_TIMEOUT);

  it('calls answering true (a boolean) or "1"; LMSGetLastError a number, or nothing usable', async () => {
    expectPassed((await passFramed({ yes: true, errorAs: 'number' })).lms);
    expectPassed((await passFramed({ yes: true, errorAs: 'none' })).lms);
    expectPassed((await passFramed({ yes: '1' })).lms);
  }, BROWSER_TIMEOUT * 2);

  it('LMSGetValue answering null, undefined and numbers; no student name', async () => {
    expectPassed((await passFramed({ emptyAs: 'null', numbers: true, data: { 'cmi.core.student_name': '' } })).lms);
    expectPassed((await passFramed({ emptyAs: 'undefined', numbers: true })).lms);
  }, BROWSER_TIMEOUT * 2);

  it('a slow LMSCommit, launch_data present, a name in "First Last" order, no-credit', async () => {
    // 60 ms a commit, the page blocked by a synchronous XHR meanwhile (fakeLmsScript): each commit a long task (over
    // 50 ms) holding up the frame and the learner's next input, as a slow LMS's does. It was 150 ms: 15 commits,
    // 2.3 s of a worker waiting, for the same behaviour.
    expectPassed((await passFramed({ commitMs: 60, data: { 'cmi.launch_data': 'x=1', 'cmi.core.student_name': 'Jane Doe', 'cmi.core.credit': 'no-credit' } })).lms);
  }, BROWSER_TIMEOUT * 2);

  it('a cross-origin frame between the LMS and the course does not stop discovery', async () => {
    const context = await pkg.newContext({ own: true });
    const errors: string[] = [];
    context.on('weberror', (e) => errors.push(String(e.error())));
    await routeLms(context, pkg.url, {});
    const p = await context.newPage();
    // LMS → a frame of http://elsewhere.test → a frame of the LMS's origin → the course
    await p.goto(`${pkg.url}/lms-quirk/host.html?d=2&cross`);
    const frame = await scoFrameOf(p);
    await waitForPlayer(frame);
    expect(await frame.locator('.cp-notice').allTextContents()).toEqual([]);
    await passCourse(frame, await readCourseData(frame));
    expectPassed(await finishedLms(p));
    expect(errors).toEqual([]);
  }, BROWSER_TIMEOUT);

  for (const framed of [false, true]) {
    it(`the API only in window.opener (the course in a new window${framed ? ', framed in it' : ''})`, async () => {
      const context = await pkg.newContext({ own: true });
      await routeLms(context, pkg.url, {});
      const p = await context.newPage();
      await p.goto(`${pkg.url}/lms-quirk/opener.html?d=${framed ? 1 : 0}`);
      const [popup] = await Promise.all([context.waitForEvent('page'), clickAsLearner(p, '#launch')]);
      // The course's frame in the popup: its own window's, or the frame in it.
      const frame = await scoFrameOf(popup);
      await waitForPlayer(frame);
      expect(await frame.locator('.cp-notice').allTextContents()).toEqual([]);
      await passCourse(frame, await readCourseData(frame));
      expectPassed(await finishedLms(p));
    }, BROWSER_TIMEOUT);
  }

  it('the LMS calling LMSFinish itself when its page goes, after the course did', async () => {
    const { lms, page: p } = await passFramed({ finishOnUnload: true });
    expectPassed(lms);
    await p.goto(`${pkg.url}/blank.html`);
  }, BROWSER_TIMEOUT);

  it('the tab closed without Exit, the LMS finishing first in its own unload: what was committed stays, nothing throws', async () => {
    const errors: string[] = [];
    const { p, frame } = await onSecondPage({ finishOnUnload: true }, errors);
    await waitShown(frame, 'section[data-page="basics--practice"]');
    // The LMS's page navigates away (a link in its menu): its unload calls LMSFinish before or after the course's.
    await p.evaluate('window.addEventListener("beforeunload", function () { window.API.LMSFinish(""); })');
    await p.goto(`${pkg.url}/blank.html`);
    const stored = JSON.parse(String(await p.evaluate('localStorage.getItem("lms:stored")'))) as Record<string, string>;
    expect(stored['cmi.core.lesson_location']).toBe('basics--practice');
    expect(stored['cmi.core.lesson_status']).toBe('incomplete');
    expect(errors).toEqual([]);
  }, BROWSER_TIMEOUT);

  it('values handed back with a trailing NUL or padded with spaces (a C or CHAR(n) backend): the learner resumes and passes', async () => {
    // A first run, left on the third page.
    const { context, p, frame } = await onSecondPage({});
    await frame.locator('#practice-single-b').check();
    await clickAsLearner(frame, '#check-practice-single .cp-check-submit');
    await clickAsLearner(frame, '#cp-next');
    await waitShown(frame, 'section[data-page="quiz--scored-questions"]');
    const first = (await readLms(p)).stored;
    await context.close();
    expect(first['cmi.suspend_data']?.length).toBeGreaterThan(5);
    for (const tail of ['\u0000', '   ']) {
      const held = ['cmi.suspend_data', 'cmi.core.lesson_location', 'cmi.core.lesson_status'].map((k) => [k, (first[k] ?? '') + tail]);
      const data = { ...Object.fromEntries(held), 'cmi.core.entry': `resume${tail}`, 'cmi.core.lesson_mode': `normal${tail}` };
      const errors: string[] = [];
      const next = await pkg.newContext({ own: true });
      next.on('weberror', (e) => errors.push(String(e.error())));
      await routeLms(next, pkg.url, { data });
      const again = await next.newPage();
      await again.goto(`${pkg.url}/lms-quirk/host.html?d=0`);
      const resumed = await scoFrameOf(again);
      await waitForPlayer(resumed);
      const what = JSON.stringify(tail);
      expect(await resumed.locator('.cp-notice').allTextContents(), what).toEqual([]);
      expect(await resumed.locator('section.cp-page:not([hidden])').getAttribute('data-page'), what).toBe('quiz--scored-questions');
      expect(await resumed.locator('#practice-single-b').isChecked(), what).toBe(true);
      await passCourse(resumed, await readCourseData(resumed));
      expectPassed(await finishedLms(again));
      expect(errors).toEqual([]);
      await next.close();
    }
  }, BROWSER_TIMEOUT * 2);
});
