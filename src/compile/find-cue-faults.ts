/**
 * Cues of a WebVTT captions file that browsers drop or never show, read as the WebVTT parser reads them
 * (W3C WebVTT §6.1, "collect WebVTT cue timings and settings", "collect a WebVTT timestamp"): a time it
 * cannot read drops the whole cue, so a file that starts `WEBVTT` but keeps SRT's comma before the
 * thousandths (`00:00:01,000`, what an SRT file with a `WEBVTT` line added still has) showed no captions at
 * all, and an arrow that is not `-->` (`->`, or `–>` after a word processor turned `--` into a dash) makes
 * the block no cue. A cue that ends before it starts is kept, and never shown. The same holds for a file of
 * audio description cues (`descriptions=`), whose messages say so. Pure.
 */

export interface CueFault {
  /** 1-based line and column of the fault in the file. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

const TIME_HINT = 'Write each time as hours:minutes:seconds.thousandths, `00:01:02.500`, with a full stop (not a comma) before three digits of thousandths, and minutes and seconds in two digits each (the hours may be left out: `01:02.500`).';
const ARROW_HINT = 'Write the arrow between the times as two hyphens and `>`: `00:00:01.000 --> 00:00:04.000` (turn off the editor\'s replacement of `--` by a dash).';
const ORDER_HINT = 'Give the cue an end after its start: `00:00:01.000 --> 00:00:04.000`.';

/** A line that was meant as a cue's times but has another arrow than `-->`: it starts with a time and has an arrow-like mark. */
const OTHER_ARROW = /^[ \t]*(?:\d+:)?\d+:\d+(?:[.,]\d+)?[ \t]*(->|[-\u2010-\u2015\u2212]+>|=>|\u2192|\u27f6)/;

/** `kind`: what the file's cues are, as its messages name them. */
export function findCueFaults(text: string, kind: 'captions' | 'descriptions' = 'captions'): CueFault[] {
  const missed = kind === 'captions' ? 'learners miss its captions' : 'blind learners miss its description';
  const faults: CueFault[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  // Where each line stands in its block (lines between blank lines), as the parser reads blocks: only a block's
  // first line, or its second after a cue identifier, can be a cue's times. Cue text and NOTE, STYLE and REGION
  // blocks may hold `12:00 -> lunch` (WebVTT §4.1 forbids only `-->` there): no times mistyped, and no fault.
  let inBlock = 0;
  let block: 'header' | 'comment' | 'cue' = 'header';
  lines.forEach((line, index) => {
    const at = (column: number, message: string, hint: string) => faults.push({ line: index + 1, column: column + 1, message, hint });
    if (/^[ \t\f]*$/.test(line)) {
      inBlock = 0;
      return;
    }
    inBlock++;
    if (inBlock === 1 && index > 0) block = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(line) ? 'comment' : 'cue';
    if (!line.includes('-->')) {
      // The header's lines after `WEBVTT` as before: a cue there (no blank line after the header) is read as one.
      const timesHere = block === 'header' ? index > 0
        : block === 'cue' && (inBlock === 1 ? !(lines[index + 1] ?? '').includes('-->') : inBlock === 2 && !(lines[index - 1] ?? '').includes('-->'));
      const arrow = timesHere ? OTHER_ARROW.exec(line) : null;
      if (arrow?.[1]) at(line.indexOf(arrow[1]), `The cue's times are joined by \`${arrow[1]}\`, not \`-->\`, so browsers do not read it as a cue and ${missed}`, ARROW_HINT);
      return;
    }
    // A cue in the header's block (no blank line after `WEBVTT`): the lines after it are its text.
    if (block === 'header') [block, inBlock] = ['cue', 1];
    let i = skipSpace(line, 0);
    const start = readTimestamp(line, i);
    if (!start) {
      at(i, `The cue's start time \`${shownTime(line, i)}\` is not a WebVTT time, so browsers drop the cue and ${missed}`, TIME_HINT);
      return;
    }
    i = skipSpace(line, start.end);
    if (!line.startsWith('-->', i)) {
      at(i, `The cue's start time is followed by \`${shownTime(line, i)}\` where \`-->\` should be, so browsers drop the cue`, TIME_HINT);
      return;
    }
    i = skipSpace(line, i + 3);
    const end = readTimestamp(line, i);
    if (!end) {
      at(i, `The cue's end time \`${shownTime(line, i)}\` is not a WebVTT time, so browsers drop the cue and ${missed}`, TIME_HINT);
      return;
    }
    if (end.seconds <= start.seconds) {
      at(i, `The cue ends (\`${line.slice(i, end.end)}\`) ${end.seconds === start.seconds ? 'when' : 'before'} it starts (\`${line.slice(skipSpace(line, 0), start.end)}\`), so browsers never show it`, ORDER_HINT);
    }
  });
  return faults;
}

function skipSpace(line: string, from: number): number {
  let i = from;
  while (i < line.length && /[ \t\f]/.test(line.charAt(i))) i++;
  return i;
}

/** The time-like text at `from`, for a message: up to the next space. */
function shownTime(line: string, from: number): string {
  return /^[^ \t]*/.exec(line.slice(from))?.[0].slice(0, 40) ?? '';
}

/** WebVTT §6.1 "collect a WebVTT timestamp": seconds and where it ends, or null where the parser fails. */
function readTimestamp(line: string, from: number): { seconds: number; end: number } | null {
  let i = from;
  const digits = (): string => {
    const run = /^\d*/.exec(line.slice(i))?.[0] ?? '';
    i += run.length;
    return run;
  };
  const first = digits();
  if (first === '') return null;
  const hours = first.length !== 2 || Number(first) > 59;
  if (line.charAt(i) !== ':') return null;
  i++;
  const second = digits();
  if (second.length !== 2) return null;
  let h = 0;
  let m: number;
  let s: number;
  if (hours || line.charAt(i) === ':') {
    if (line.charAt(i) !== ':') return null;
    i++;
    const third = digits();
    if (third.length !== 2) return null;
    [h, m, s] = [Number(first), Number(second), Number(third)];
  } else {
    [m, s] = [Number(first), Number(second)];
  }
  if (line.charAt(i) !== '.') return null;
  i++;
  const thousandths = digits();
  if (thousandths.length !== 3) return null;
  if (m > 59 || s > 59) return null;
  return { seconds: h * 3600 + m * 60 + s + Number(thousandths) / 1000, end: i };
}
