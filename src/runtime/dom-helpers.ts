/** Small DOM builders the views share. */
import { countParts } from '../shared/count-words.js';
import type { Said } from './say-in.js';

/**
 * Puts `said` in `node`: its text, and `lang` on the node when all its words are in one language not the course's
 * (removed when in the course's: a button's word can change); text of two languages goes in as text and
 * `<span lang="en">`s.
 */
export function putSaid<T extends HTMLElement>(node: T, said: Said | string): T {
  const pieces = typeof said === 'string' ? [{ text: said, lang: null }] : said;
  // Signs and spaces (" · ", "✓ ") are no language's: "Page 3 of 12 · 25% complete" is all English.
  const worded = pieces.filter((piece) => /\p{L}/u.test(piece.text));
  const lang = worded[0]?.lang ?? null;
  if (worded.every((piece) => piece.lang === lang)) {
    node.textContent = pieces.map((piece) => piece.text).join('');
    if (lang === null) node.removeAttribute('lang');
    else node.lang = lang;
    return node;
  }
  node.removeAttribute('lang');
  replaceContent(node, ...saidNodes(node.ownerDocument, pieces));
  return node;
}

/** `said` as nodes to put beside others (a link to a page after "Question 3, on"): text, and `<span lang="en">`s. */
export function saidNodes(doc: Document, said: Said | string): Node[] {
  return (typeof said === 'string' ? [{ text: said, lang: null }] : said).map((piece) => {
    if (piece.lang === null) return doc.createTextNode(piece.text);
    const span = doc.createElement('span');
    span.lang = piece.lang;
    span.textContent = piece.text;
    return span;
  });
}

export function element(doc: Document, tag: string, className: string, text?: Said | string): HTMLElement {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) putSaid(node, text);
  return node;
}

/**
 * Each count in `node`'s text (countParts) in a span of its own that never breaks (player.css .cp-count), so a narrow
 * column never leaves a number at the end of one line and what it counts on the next: a line breaks between
 * "6" and "ページ" as between any two Japanese characters. Spans, not no-break spaces: the text stays as it was
 * (what a screen reader and a test read), in every language, and in the words a course sets itself.
 */
export function keepCountsWhole<T extends HTMLElement>(node: T): T {
  const doc = node.ownerDocument;
  const texts: Text[] = [];
  const walker = doc.createTreeWalker(node, 4 /* NodeFilter.SHOW_TEXT */);
  for (let next = walker.nextNode(); next; next = walker.nextNode()) texts.push(next as Text);
  for (const text of texts) {
    const parts = countParts(text.data);
    if (parts.length === 1) continue;
    const nodes = parts.map((part, i) => (i % 2 === 1 ? element(doc, 'span', 'cp-count', part) : doc.createTextNode(part))).filter((n) => n.textContent !== '');
    text.replaceWith(...nodes);
  }
  return node;
}

/**
 * `parent.replaceChildren(...nodes)`, which Chrome has only from 86: the player runs from Chrome 80
 * (src/bundle.mjs), which school Chromebooks past their last update still have.
 */
export function replaceContent(parent: Element, ...nodes: Node[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  parent.append(...nodes);
}

export function button(doc: Document, text: Said | string, className: string): HTMLButtonElement {
  const node = doc.createElement('button');
  node.type = 'button';
  node.className = className;
  putSaid(node, text);
  return node;
}

/** A day (days since 1970-01-01, UTC) as the course's language writes dates: "2 December 2026". */
export function formatDay(day: number, language: string): string {
  const date = new Date(day * 86_400_000);
  try {
    return date.toLocaleDateString(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

export interface ConfirmSpec {
  readonly ask: Said | string;
  readonly question: Said | string;
  readonly confirm: Said | string;
  /** The words of the button that takes the question back. */
  readonly cancel: Said | string;
  /** Said (role=status) after the act; empty for nothing. */
  readonly done: Said | string;
  /** Does it; a text it returns is said instead of `done`. */
  readonly act: () => Said | string | void;
  readonly className: string;
}

/**
 * A two-step action (ask, then confirm or cancel), inline rather than `window.confirm`, which
 * sandboxed LMS frames may block. Focus moves to the confirm button and back.
 */
export function inlineConfirm(doc: Document, spec: ConfirmSpec): HTMLElement {
  const box = element(doc, 'div', `cp-confirm ${spec.className}`);
  const ask = button(doc, spec.ask, `${spec.className}-ask`);
  const question = element(doc, 'p', 'cp-confirm-question', spec.question);
  question.id = `${spec.className}-question`;
  const confirm = button(doc, spec.confirm, `${spec.className}-confirm`);
  confirm.setAttribute('aria-describedby', question.id);
  const cancel = button(doc, spec.cancel, `${spec.className}-cancel`);
  const said = element(doc, 'p', 'cp-confirm-status');
  said.setAttribute('role', 'status');
  const asking = [question, confirm, cancel];
  const asked = (open: boolean): void => {
    for (const node of asking) node.hidden = !open;
    ask.hidden = open;
  };
  asked(false);
  ask.addEventListener('click', () => {
    asked(true);
    putSaid(said, '');
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    asked(false);
    ask.focus();
  });
  confirm.addEventListener('click', () => {
    asked(false);
    putSaid(said, spec.act() ?? spec.done);
    if (ask.isConnected) ask.focus();
  });
  box.append(ask, question, confirm, cancel, said);
  return box;
}

/** The document title for a screen: its heading, then the course (WCAG 2.4.2: the title says where the learner is). */
export function setDocumentTitle(doc: Document, heading: string | null | undefined, courseTitle: string): void {
  // The cover's heading is the course's title: said once, not "<title> - <title>".
  doc.title = heading && heading.trim() !== courseTitle.trim() ? `${heading} - ${courseTitle}` : courseTitle;
}

/** A screen of its own (the cover, the results), hidden until shown, labelled by its `h1#h-{name}`. */
export function screenSection(doc: Document, name: string, className: string): HTMLElement {
  const section = element(doc, 'section', `cp-screen ${className}`);
  section.dataset['screen'] = name;
  section.setAttribute('aria-labelledby', `h-${name}`);
  section.hidden = true;
  return section;
}

/** The screen's `h1`, focusable so navigation can move focus to it (WCAG 2.4.3). */
export function screenHeading(doc: Document, name: string, text: Said | string): HTMLElement {
  const heading = element(doc, 'h1', '', text);
  heading.id = `h-${name}`;
  heading.tabIndex = -1;
  return heading;
}
