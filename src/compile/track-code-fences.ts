/**
 * Fenced code, followed line by line on the raw text (CommonMark §4.5: a fence of three or more
 * backticks or tildes, closed by a fence of the same character at least as long, alone on its line):
 * what the checks that run before parsing must not read as Markdown. Pure.
 */

const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A function that takes the lines in order and says, of each, whether it is a fence or inside fenced code. */
export function trackCodeFences(): (line: string) => boolean {
  let open: string | null = null;
  return (line) => {
    const fence = CODE_FENCE.exec(line)?.[1];
    if (open !== null) {
      if (fence !== undefined && fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = null;
      return true;
    }
    if (fence !== undefined) open = fence;
    return fence !== undefined;
  };
}
