/**
 * The session view: the notice when there is no LMS, the Exit button, the locked state once the
 * session is over, and "Forget my answers on this computer".
 */
import type { PlayerStore } from './player-store.js';

export interface SessionViewOptions {
  /** Shown at the top when the course is not talking to an LMS. */
  readonly notice: string | null;
  /** What "Forget my answers on this computer" removes, in words, for its confirmation. */
  readonly forgets: string;
  /** Removes what this device keeps for the learner (the boxes on screen are the caller's to empty). */
  readonly forget: () => void;
  readonly now: () => number;
}

export function mountSession(doc: Document, store: PlayerStore, options: SessionViewOptions): void {
  const status = ensureStatusRegion(doc);
  if (options.notice) {
    const notice = doc.createElement('p');
    notice.className = 'cp-notice';
    notice.textContent = options.notice;
    doc.querySelector('.cp-header')?.after(notice);
  }
  doc.getElementById('cp-exit')?.addEventListener('click', () => store.dispatch({ type: 'leave', trigger: 'exit', at: options.now() }));
  addForgetControl(doc, options.forgets, options.forget);

  store.subscribe(({ events }) => {
    const exited = events.find((e) => e.type === 'exited');
    if (!exited || exited.type !== 'exited' || !exited.first) return;
    // The LMS session is over (LMSFinish, from Exit or a dismissal event the learner then stayed
    // after, e.g. a cancelled "Leave site?"): nothing done from now on would be saved, so say so
    // and stop the course instead of letting the learner go on unrecorded.
    status.textContent = options.notice
      ? 'Your progress is saved in this browser. You can close this window.'
      : 'Your progress is saved. You can close this window.';
    // Every control that records something; the contents and "Forget my answers" stay usable.
    for (const control of doc.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement>('main button, main input, main textarea, .cp-nav button')) {
      control.disabled = true;
    }
    doc.body.classList.add('cp-exited');
    if (exited.trigger === 'exit') {
      status.tabIndex = -1;
      status.focus();
    }
  });
}

function ensureStatusRegion(doc: Document): HTMLElement {
  const existing = doc.getElementById('cp-status');
  if (existing) return existing;
  const region = doc.createElement('div');
  region.id = 'cp-status';
  region.className = 'cp-status';
  region.setAttribute('role', 'status');
  doc.querySelector('.cp-nav')?.after(region);
  return region;
}

/**
 * "Forget my answers on this computer", at the foot of the contents: on a shared computer a
 * learner can remove what the browser keeps for them. Two steps (ask, then confirm), inline
 * rather than `window.confirm`, which sandboxed LMS frames may block.
 */
function addForgetControl(doc: Document, forgets: string, forget: () => void): void {
  const toc = doc.getElementById('cp-toc');
  if (!toc) return;
  const box = doc.createElement('div');
  box.className = 'cp-device';
  const ask = button(doc, 'Forget my answers on this computer', 'cp-forget');
  const question = doc.createElement('p');
  question.className = 'cp-forget-question';
  question.id = 'cp-forget-question';
  question.textContent = `This removes ${forgets} from this browser. It cannot be undone.`;
  const confirm = button(doc, 'Forget them', 'cp-forget-confirm');
  confirm.setAttribute('aria-describedby', question.id);
  const cancel = button(doc, 'Cancel', 'cp-forget-cancel');
  const said = doc.createElement('p');
  said.className = 'cp-forget-status';
  said.setAttribute('role', 'status');
  const asking = [question, confirm, cancel];
  const asked = (open: boolean): void => {
    for (const element of asking) element.hidden = !open;
    ask.hidden = open;
  };
  asked(false);
  ask.addEventListener('click', () => {
    asked(true);
    said.textContent = '';
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    asked(false);
    ask.focus();
  });
  confirm.addEventListener('click', () => {
    forget();
    asked(false);
    said.textContent = 'Done: this computer no longer keeps your answers.';
    ask.focus();
  });
  box.append(ask, question, confirm, cancel, said);
  toc.append(box);
}

function button(doc: Document, text: string, className: string): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  return element;
}
