// Drives a coursepack package in Debian's Chromium through playwright-core (never a
// downloaded browser): launch, open the host page, pass the whole course the way a learner
// would (clicks or keyboard), and read what the LMS host recorded.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

/** A Chromium of its own, for the benchmark (the vitest suites share the run's one, test/e2e/global-setup.ts). */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Opens the host page with `options` and waits until the player inside the frame is ready. */
export async function openCourse(context, baseUrl, options = {}) {
  const { onCover = false, ...host } = options;
  const page = await context.newPage();
  await page.goto(`${baseUrl}/host.html?o=${encodeURIComponent(JSON.stringify(host))}`);
  const frame = await scoFrameOf(page);
  await waitForPlayer(frame);
  if (!onCover) await leaveCover(frame);
  return { page, frame };
}

/**
 * The course's frame (the package is served under /sco/): the host page's `#sco` iframe, one nested deeper,
 * or a popup's own main frame. Found once among the page's frames, which Playwright knows already, where a
 * frame locator finds `#sco` in each page above again for every call made through it (about 7 protocol
 * messages a call) and a handle to the iframe element brings Playwright's injected script (~345 KB) into
 * the host page to describe it. Waits for the frame to navigate there when it has not yet.
 */
export async function scoFrameOf(page) {
  const isCourse = (frame) => frame.url().startsWith('http') && new URL(frame.url()).pathname.startsWith('/sco/');
  return page.frames().find(isCourse) ?? page.waitForEvent('framenavigated', { predicate: isCourse, timeout: 30000 });
}

/**
 * A new learner lands on the cover: Start (clickAsLearner: a control they could click), unless the test is about the
 * cover. Tests of the cover itself and of pointer input click it with Playwright.
 */
export async function leaveCover(frame) {
  if ((await readAll(frame, { cover: ['count', 'section[data-screen="cover"]:not([hidden])'] })).cover) {
    await clickAsLearner(frame, '.cp-start');
    await waitShown(frame, 'section.cp-page:not([hidden])');
  }
}

/**
 * The browser's own click (HTMLElement.click()) on the element `selector` finds in `scope` (a page or a frame), in
 * one round trip: for a step that only takes a test somewhere (a page of the contents, Next, the results), where a
 * Playwright click costs ~100 ms of actionability checks. A test of pointer input itself clicks for real.
 */
export async function clickThrough(scope, selector) {
  await within30s(evaluateIn(scope, clickOne, { selector, actionable: false }), () => `the course never had ${selector}`);
}

/**
 * A step's click on a control a learner could click, in one protocol message: waits for `selector` to find one element
 * that is shown and enabled, scrolls it into view if it is not, fails unless it is the topmost element at its centre
 * (what a Playwright click checks before it clicks: ~20 protocol messages, and its injected script in the course's
 * document and in every page above it), then clicks it with the browser's own click(). Not pointer input: no
 * pointer events, and focus stays where it was; a test of what a pointer does clicks with Playwright.
 */
export async function clickAsLearner(scope, selector) {
  await within30s(evaluateIn(scope, clickOne, { selector, actionable: true }), () => `the course never showed ${selector} shown and enabled`);
}

/**
 * In the page: waits (on DOM changes, not timers: the page's clock may stand still) for `selector` to find one element
 * (with `actionable`, one shown and enabled, then scrolled into view and checked to be topmost at its centre), then
 * clicks it.
 */
function clickOne(root, arg) {
  const { selector, actionable } = arg;
  const doc = root.ownerDocument;
  const find = () => {
    const found = doc.querySelectorAll(selector);
    if (found.length > 1) throw new Error(`strict mode: ${found.length} elements match ${selector}`);
    return found[0] ?? null;
  };
  const view = doc.defaultView;
  const ready = (element) => {
    if (!element || !actionable) return element;
    const style = view.getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const shown = style.visibility === 'visible' && box.width > 0 && box.height > 0 && (typeof element.checkVisibility !== 'function' || element.checkVisibility());
    return shown && !element.matches(':disabled') ? element : null;
  };
  const click = (element) => {
    if (actionable) {
      // In view, or scrolled to the middle of the window as a learner would (the bar along the foot of a short
      // window can cover a control the page shows at its bottom edge), the control itself must be what is there.
      const topAtCentre = () => {
        const box = element.getBoundingClientRect();
        const top = doc.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (top && (top === element || element.contains(top))) return null;
        return top ?? 'nothing (its centre is outside the window)';
      };
      const box = element.getBoundingClientRect();
      const inView = box.top >= 0 && box.left >= 0 && box.bottom <= view.innerHeight && box.right <= view.innerWidth;
      let over = inView ? topAtCentre() : undefined;
      if (over !== null) {
        element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
        over = topAtCentre();
      }
      if (over !== null) {
        const name = (el) => (typeof el === 'string' ? el : el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''));
        throw new Error(`${selector} is not what a learner's click at its centre reaches: ${name(over)} is`);
      }
    }
    element.click();
  };
  const now = ready(find());
  if (now) return click(now);
  return new Promise((resolve, reject) => {
    const watch = new MutationObserver(() => {
      try {
        const element = ready(find());
        if (!element) return;
        watch.disconnect();
        resolve(click(element));
      } catch (error) {
        watch.disconnect();
        reject(error);
      }
    });
    watch.observe(doc, { subtree: true, childList: true, attributes: true });
  });
}

/** The player is ready once it has shown a page and written its progress text. */
export async function waitForPlayer(frame) {
  await waitShown(frame, '.cp-progress-text');
}

/**
 * The CMI a real LMS hands the SCO at its next launch, from what it stored at the last one
 * (SCORM12.md §3.6: exit `suspend` → entry `resume`), in scorm-again's loadFromJSON shape.
 */
export function seedFromStored(stored) {
  const core = { entry: stored['cmi.core.exit'] === 'suspend' ? 'resume' : '' };
  if (stored['cmi.core.lesson_status']) core.lesson_status = stored['cmi.core.lesson_status'];
  if (stored['cmi.core.lesson_location']) core.lesson_location = stored['cmi.core.lesson_location'];
  if (stored['cmi.core.score.raw']) core.score = { raw: stored['cmi.core.score.raw'] };
  return { core, suspend_data: stored['cmi.suspend_data'] ?? '' };
}

/** The CourseData JSON of the package in the frame. */
export async function readCourseData(frame) {
  return JSON.parse(await frame.locator('#cp-course').textContent({ timeout: 10000 }));
}

/**
 * What the host stored at the last launch in this browser context, read after its tab closed,
 * and `finishCalls`: how many times LMSFinish was called in this context.
 */
export async function readStoredAfterClose(context, baseUrl) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/blank.html`);
  const [json, finishCalls] = await page.evaluate(() => [localStorage.getItem('cpHost:stored'), localStorage.getItem('cpHost:finishCalls')]);
  await page.close();
  return { stored: JSON.parse(json ?? '{}'), finishCalls: Number(finishCalls ?? 0) };
}

/** What the LMS host recorded (see host-page.mjs). */
export function readHost(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.cpHost)));
}

/**
 * What the LMS host recorded, once LMSFinish has succeeded there. The wait runs in the page (Playwright's
 * waitForFunction), not as a loop of readHost calls, each of which copies the whole trace.
 */
export async function readHostWhenFinished(page) {
  await page.waitForFunction('window.cpHost !== undefined && window.cpHost.finished === true', undefined, { timeout: 20000 });
  return readHost(page);
}

/**
 * From the cover (Start) or the page shown (after a resume), visits every page in order and answers
 * every check on it, correctly unless `wrong` lists the check ids to answer wrongly; then Next to the
 * results, Submit answers when the course has a scored check, and Exit. With `keyboard`, only Tab,
 * arrows, Space and Enter are used. `onPage(id)` runs on each page as it is shown, before its checks.
 */
export async function passCourse(frame, course, { wrong = [], keyboard = false, exit = true, page = null, onPage = null } = {}) {
  const kb = keyboard ? page : null;
  if ((await readAll(frame, { cover: ['count', 'section[data-screen="cover"]:not([hidden])'] })).cover) await press(frame, '.cp-start', kb);
  // Start from the page the player shows (after a resume, not the first one).
  const SHOWN = 'section.cp-page:not([hidden])';
  const { shown } = await readAll(frame, { wait: ['shown', SHOWN, { nth: 0 }], shown: ['attr', SHOWN, { name: 'data-page', nth: 0 }] });
  const from = Math.max(0, course.pages.findIndex((p) => p.id === shown));
  for (let i = from; i < course.pages.length; i++) {
    const pageData = course.pages[i];
    const answers = course.checks.filter((c) => c.page === pageData.id)
      .map((check) => ({ check, chosen: wrong.includes(check.id) ? wrongAnswer(check) : rightAnswer(check) }));
    if (!kb && !onPage) {
      // A pointer walk: the page's checks and Next in one round trip (walkPage), where a Playwright wait,
      // evaluate and count per step, each through the frames above the course, cost ~20 protocol calls a page.
      await inPage(frame, { page: pageData.id, checks: answers.map((a) => ({ id: a.check.id, chosen: a.chosen })), next: true });
      continue;
    }
    await waitShown(frame, `section[data-page="${pageData.id}"]`);
    if (onPage) await onPage(pageData.id);
    for (const { check, chosen } of answers) await answerCheck(frame, check, chosen, kb);
    // Next between pages gets the browser's own click in a pointer walk (one round trip, where a Playwright click
    // costs ~20 protocol messages); Start, Submit and Exit are checked first to be what a learner could click.
    if (kb) await press(frame, '#cp-next', kb);
    else await clickThrough(frame, '#cp-next');
  }
  const { submit } = await readAll(frame, { results: ['shown', 'section[data-screen="results"]'], submit: ['count', '.cp-submit'] });
  if (submit) {
    await press(frame, '.cp-submit', kb);
    await waitShown(frame, '.cp-result');
  }
  if (exit) await press(frame, '#cp-exit', kb);
}

/** The right answer to a check: the correct options' letters, a matching check's `item.answer` pairs, or a fill-in check's first accepted answer. */
export function rightAnswer(check) {
  if (check.type === 'matching') return check.options.map((o) => `${o.id}.${o.match}`);
  if (check.type === 'fill-in') return [check.options.find((o) => o.correct)?.text ?? ''];
  return check.options.filter((o) => o.correct).map((o) => o.id);
}

/** A wrong answer: one wrong option, every item matched right but the first, or a fill-in check's first foreseen wrong answer. */
export function wrongAnswer(check) {
  if (check.type === 'fill-in') return [check.options.find((o) => !o.correct && !o.other)?.text ?? 'no such answer'];
  if (check.type !== 'matching') return [check.options.find((o) => !o.correct)?.id ?? 'a'];
  const [first, ...rest] = check.options;
  const other = check.targets.find((t) => t.id !== first.match);
  return [`${first.id}.${other.id}`, ...rest.map((o) => `${o.id}.${o.match}`)];
}

/**
 * Answers one check (Check answer, or Save answer for a scored one until the scored check is
 * submitted). With `keyboardPage`, it gets there and answers with Tab, Shift+Tab, arrow keys, Space
 * and Enter only, as a keyboard user would.
 */
export async function answerCheck(frame, check, chosen, keyboardPage = null) {
  if (!keyboardPage) {
    await inPage(frame, { page: null, checks: [{ id: check.id, chosen }], next: false });
    return;
  }
  const form = `form[data-check="${check.id}"]`;
  if ((await readAll(frame, { done: ['disabled', `${form} .cp-check-submit`] })).done) {
    return;
  } else if (check.type === 'matching') {
    // Each list is a tab stop; a closed list changes its choice with the arrow keys (Windows, Linux, ChromeOS).
    for (const pair of chosen) {
      const [item, target] = pair.split('.');
      const selector = `form[data-check="${check.id}"] [data-item="${item}"] select`;
      await tabTo(frame, keyboardPage, selector);
      const { values, now } = await evaluateIn(frame, (root, sel) => {
        const list = root.ownerDocument.querySelector(sel);
        return { values: [...list.options].map((o) => o.value), now: list.value };
      }, selector);
      const from = values.indexOf(now);
      const to = values.indexOf(target);
      for (let k = from; k < to; k++) await keyboardPage.keyboard.press('ArrowDown');
      for (let k = from; k > to; k--) await keyboardPage.keyboard.press('ArrowUp');
    }
    await tabTo(frame, keyboardPage, `form[data-check="${check.id}"] .cp-check-submit`);
    await keyboardPage.keyboard.press('Enter');
  } else if (check.type === 'fill-in') {
    // The box is a tab stop: what it holds is selected and typed over, and Enter in it submits the form.
    await tabTo(frame, keyboardPage, `form[data-check="${check.id}"] input[type=text]`);
    await keyboardPage.keyboard.press('ControlOrMeta+A');
    await keyboardPage.keyboard.type(chosen[0] ?? '');
    await keyboardPage.keyboard.press('Enter');
  } else if (check.type === 'multiple') {
    for (const id of chosen) {
      await tabTo(frame, keyboardPage, `form[data-check="${check.id}"] input[value="${id}"]`);
      await keyboardPage.keyboard.press('Space');
    }
    await tabTo(frame, keyboardPage, `form[data-check="${check.id}"] .cp-check-submit`);
    await keyboardPage.keyboard.press('Enter');
  } else {
    // A radio group is one tab stop; arrow keys move the selection within it (in the order shown,
    // which a shuffled check changes).
    const order = await evaluateIn(frame, (root, sel) => [...root.ownerDocument.querySelectorAll(sel)].map((i) => i.value), `${form} input`);
    const index = order.indexOf(chosen[0]);
    await tabTo(frame, keyboardPage, `form[data-check="${check.id}"] input`);
    await keyboardPage.keyboard.press('Space');
    const { now } = await readAll(frame, { now: ['attr', `${form} input:checked`, { name: 'value' }] });
    for (let k = order.indexOf(now ?? ''); k < index; k++) await keyboardPage.keyboard.press('ArrowDown');
    await tabTo(frame, keyboardPage, `form[data-check="${check.id}"] .cp-check-submit`);
    await keyboardPage.keyboard.press('Enter');
  }
  // The feedback region also shows the "choose an answer" error: an answer the harness failed to give
  // (a control it could not reach or set) must fail the test, not walk on with the check unanswered.
  const { error, feedback } = await readAll(frame, {
    shown: ['shown', `${form} .cp-feedback > *`, { nth: 0 }], error: ['count', `${form} .cp-feedback .cp-error`], feedback: ['text', `${form} .cp-feedback`],
  });
  if (error > 0) throw new Error(`check ${check.id}: the answer ${JSON.stringify(chosen)} was not taken (${feedback})`);
}

/**
 * `fn(document.documentElement, arg)` in the document of `scope` (a page or a frame), in one protocol message: a
 * locator's evaluate resolves its element first, then moves it into the page's own world and describes it, about
 * ten messages, and brings Playwright's injected script (~345 KB) into the document the first time. `fn` goes as
 * its source text (it can use nothing outside itself) and `arg` as JSON.
 */
export function evaluateIn(scope, fn, arg) {
  return scope.evaluate(`(${fn})(document.documentElement, ${JSON.stringify(arg)})`);
}

/**
 * Runs walkPage in the course's document (`scope`: a page or frame) in one round trip, and fails
 * with what it was waiting for when that never comes (a wait in the page has no timeout of its own: under
 * Playwright's clock the page's timers stand still).
 */
async function inPage(scope, step) {
  await within30s(evaluateIn(scope, walkPage, step),
    () => `the course never showed ${step.page ? `page ${step.page}` : 'the feedback'} and its checks' feedback (${JSON.stringify(step.checks.map((c) => c.id))})`);
}

/**
 * `waiting`, or an error saying `what` after 30 s: a wait in the page has no timeout of its own (under Playwright's
 * clock the page's timers stand still), and the test's timeout would not say what never came.
 */
async function within30s(waiting, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), 30000);
  });
  try {
    return await Promise.race([waiting, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * In the course's document: waits until `page` (its id; null: whatever is shown) is visible, answers each check
 * with the browser's own clicks and events (HTMLElement.click(): the click, input and change events and the
 * form's submit a learner's click causes; a Playwright click per option cost ~100 ms in actionability checks, and
 * real pointer and keyboard input are what learner-experience, keyboard and accessibility test), waits for each
 * check's feedback, and with `next` clicks Next. A check already answered (its button disabled: after a resume,
 * in review) is left as it is. An answer the page did not take (the feedback says to choose one) is an error:
 * the walk must not go on with a check unanswered.
 */
async function walkPage(root, { page, checks, next }) {
  const doc = root.ownerDocument;
  const visible = (el) => el !== null && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  // Each DOM change, not a timer: Playwright's clock may hold the page's timers.
  const appear = (find) => new Promise((resolve) => {
    const found = find();
    if (found) return resolve(found);
    const watch = new MutationObserver(() => {
      const now = find();
      if (now) {
        watch.disconnect();
        resolve(now);
      }
    });
    watch.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  if (page !== null) await appear(() => visible(doc.querySelector(`section[data-page="${page}"]`)));
  for (const { id, chosen } of checks) {
    const form = doc.querySelector(`form[data-check="${id}"]`);
    const submit = form && form.querySelector('.cp-check-submit');
    if (!submit || submit.disabled) continue;
    // A matching check: each item's list set to its answer (`item.answer` pairs), with the change event a choice fires.
    for (const list of form.querySelectorAll('select')) {
      const item = list.closest('[data-item]').dataset.item;
      const pair = chosen.find((v) => v.startsWith(`${item}.`));
      const value = pair ? pair.slice(item.length + 1) : '';
      if (list.value !== value) {
        list.value = value;
        list.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    // A fill-in check: the words typed, with the input event typing fires.
    for (const box of form.querySelectorAll('input[type=text]')) {
      box.value = chosen[0] ?? '';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
    for (const input of form.querySelectorAll('input[type=radio], input[type=checkbox]')) {
      const wanted = chosen.includes(input.value);
      if (wanted !== input.checked && (wanted || input.type === 'checkbox')) input.click();
    }
    submit.click();
    await appear(() => visible(form.querySelector('.cp-feedback > *')));
    // The feedback region also shows the "choose an answer" error.
    if (form.querySelector('.cp-feedback .cp-error')) {
      throw new Error(`check ${id}: the answer ${JSON.stringify(chosen)} was not taken (${form.querySelector('.cp-feedback').textContent})`);
    }
  }
  if (next) doc.querySelector('#cp-next').click();
}

/** Presses Tab until the focused element in the frame matches `selector` (fails after 400 presses). */
export async function tabTo(frame, page, selector) {
  // Asked in the course's document after each Tab, one protocol message (through a frame locator, each ask
  // found the frames above the course again: ~8 messages a Tab press).
  const focused = (root, sel) => {
    const active = root.ownerDocument.activeElement;
    return Boolean(active && active.matches(sel));
  };
  for (let n = 0; n < 400; n++) {
    if (await evaluateIn(frame, focused, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * The text of the element `selector` finds in the document of `scope` (a page or frame), or null when there is
 * none, at once and in one round trip (a locator's textContent waits for the element).
 * More than one match is an error, as in a locator's strict mode.
 */
export function textIn(scope, selector) {
  return evaluateIn(scope, (root, sel) => {
    const found = root.ownerDocument.querySelectorAll(sel);
    if (found.length > 1) throw new Error(`${found.length} elements match ${sel}`);
    return found[0] ? found[0].textContent : null;
  }, selector);
}

/**
 * Several reads of the course's document in one round trip (`scope`: a page or frame), where each through a locator
 * costs several messages. `reads` maps a name to
 * `[what, selector, options]`; the answer maps each name to what the locator call `what` names gives:
 * 'text' (textContent), 'attr' (getAttribute of `options.name`), 'checked' (isChecked), 'disabled' (isDisabled),
 * 'value' (inputValue): these wait, in the page, until `selector` finds an element, as a locator does, and fail when
 * it finds more than one (a locator's strict mode), unless `options.nth` picks one (0 first, -1 last, as first() and
 * last(): then they wait for that one); 'shown' waits until that element is visible (waitFor({ state: 'visible' })) and
 * reads true; 'visible' (isVisible: false when none, strict too), 'count' and 'texts' (allTextContents) do not wait.
 * All are read at one moment, once every element waited for is there.
 */
export async function readAll(scope, reads) {
  // A navigation of the document (a reload) ends the read there: it starts again in the new document, as a
  // locator's wait does. Reads change nothing, so doing one again is safe.
  const read = async () => {
    for (;;) {
      try {
        return await evaluateIn(scope, readNow, reads);
      } catch (error) {
        if (!/Execution context was destroyed/.test(String(error))) throw error;
      }
    }
  };
  return within30s(read(), () => `the course never had ${JSON.stringify(Object.values(reads).map((r) => r[1]))}`);
}

/**
 * Waits until the element `selector` finds in `scope` (a page or frame) is visible, as a locator's
 * waitFor({ state: 'visible' }) does (strict unless `nth` picks one), in one round trip, where the locator's
 * wait costs four to six protocol messages and Playwright's injected script in the document.
 */
export async function waitShown(scope, selector, nth) {
  await readAll(scope, { shown: ['shown', selector, nth === undefined ? undefined : { nth }] });
}

/** readAll in the course's document: waits (on DOM changes, not timers: the page's clock may stand still), then reads. */
function readNow(root, reads) {
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  const waits = (what) => ['text', 'attr', 'checked', 'disabled', 'value', 'shown'].includes(what);
  const pick = (selector, options) => {
    const found = [...doc.querySelectorAll(selector)];
    if (options && options.nth !== undefined) return found[options.nth < 0 ? found.length + options.nth : options.nth] ?? null;
    if (found.length > 1) throw new Error(`strict mode: ${found.length} elements match ${selector}`);
    return found[0] ?? null;
  };
  // Playwright's isVisible: a box with a width and a height, and a visibility of `visible` (display: contents by its children).
  const visible = (el) => {
    const style = view.getComputedStyle(el);
    if (style.display === 'contents') {
      for (let child = el.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 1 && visible(child)) return true;
        if (child.nodeType === 3) {
          const range = doc.createRange();
          range.selectNodeContents(child);
          if ([...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) return true;
        }
      }
      return false;
    }
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility()) return false;
    if (style.visibility !== 'visible') return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const read = ([what, selector, options]) => {
    if (what === 'count') return doc.querySelectorAll(selector).length;
    if (what === 'texts') return [...doc.querySelectorAll(selector)].map((el) => el.textContent);
    const el = pick(selector, options);
    if (what === 'visible') return el !== null && visible(el);
    if (what === 'shown') return true;
    if (what === 'text') return el.textContent;
    if (what === 'attr') return el.getAttribute(options.name);
    if (what === 'value') return el.value;
    // Playwright's isDisabled: a native control's disabled state (its own or its fieldset's), or aria-disabled.
    if (what === 'disabled') {
      const aria = el.closest('[aria-disabled]');
      return el.matches(':disabled') || (aria !== null && aria.getAttribute('aria-disabled') === 'true');
    }
    if (what === 'checked') {
      if (el.type !== 'checkbox' && el.type !== 'radio') throw new Error(`not a checkbox or radio button: ${selector}`);
      return el.checked;
    }
    throw new Error(`readAll: no read called ${what}`);
  };
  const ready = () => Object.values(reads).every(([what, selector, options]) => {
    if (!waits(what)) return true;
    const el = pick(selector, options);
    return el !== null && (what !== 'shown' || visible(el));
  });
  const answer = () => Object.fromEntries(Object.entries(reads).map(([name, r]) => [name, read(r)]));
  if (ready()) return answer();
  return new Promise((resolve, reject) => {
    const watch = new MutationObserver(() => {
      try {
        if (!ready()) return;
        watch.disconnect();
        resolve(answer());
      } catch (error) {
        watch.disconnect();
        reject(error);
      }
    });
    watch.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function press(frame, selector, keyboardPage) {
  if (keyboardPage) {
    await tabTo(frame, keyboardPage, selector);
    await keyboardPage.keyboard.press('Enter');
  } else {
    await clickAsLearner(frame, selector);
  }
}
