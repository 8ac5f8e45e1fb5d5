/** Small DOM builders the views share. */

export function element(doc: Document, tag: string, className: string, text?: string): HTMLElement {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
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

export function button(doc: Document, text: string, className: string): HTMLButtonElement {
  const node = doc.createElement('button');
  node.type = 'button';
  node.className = className;
  node.textContent = text;
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
  readonly ask: string;
  readonly question: string;
  readonly confirm: string;
  /** The words of the button that takes the question back. */
  readonly cancel: string;
  /** Said (role=status) after the act; empty for nothing. */
  readonly done: string;
  /** Does it; a text it returns is said instead of `done`. */
  readonly act: () => string | void;
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
    said.textContent = '';
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    asked(false);
    ask.focus();
  });
  confirm.addEventListener('click', () => {
    asked(false);
    said.textContent = spec.act() ?? spec.done;
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
export function screenHeading(doc: Document, name: string, text: string): HTMLElement {
  const heading = element(doc, 'h1', '', text);
  heading.id = `h-${name}`;
  heading.tabIndex = -1;
  return heading;
}
