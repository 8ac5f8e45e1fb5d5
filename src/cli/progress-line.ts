/**
 * A one-line progress indicator on stderr for long LRS syncs, only when stderr is a terminal: piped
 * or redirected output (CI logs, `> report.csv`) gets no carriage-return noise. It appears once a
 * sync has taken a second, so short ones print nothing.
 */
export interface Progress {
  update(statements: number, pages: number): void;
  /**
   * A line that stays (a page asked for again): printed whether or not stderr is a terminal, since a
   * report that waits on its LRS must say why, in a CI log too. On a terminal the progress line is
   * cleared first and comes back at the next update.
   */
  note(text: string): void;
  /** Clears the line; with a text, leaves it as the last word. */
  done(text?: string): void;
}

const SHOW_AFTER_MS = 1000;

export function startProgress(stream: NodeJS.WriteStream, label: string, now: () => number = Date.now): Progress {
  const started = now();
  let shown = false;
  let finished = false;
  if (!stream.isTTY) return { update: () => undefined, note: (text) => stream.write(`${text}\n`), done: () => undefined };
  return {
    note(text) {
      stream.write(`${shown && !finished ? '\r\u001b[K' : ''}${text}\n`);
    },
    update(statements, pages) {
      if (finished || now() - started < SHOW_AFTER_MS) return;
      shown = true;
      const seconds = Math.max(1, (now() - started) / 1000);
      stream.write(`\r${label}: ${statements.toLocaleString('en-US')} statements, ${pages} pages, ${Math.round(statements / seconds).toLocaleString('en-US')}/s\u001b[K`);
    },
    done(text) {
      if (finished) return;
      finished = true;
      if (!shown) return;
      stream.write(`\r\u001b[K${text ? `${label}: ${text}\n` : ''}`);
    },
  };
}
