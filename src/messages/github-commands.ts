/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns into annotations
 * on the commit and the pull request instead of printing them. Escaped as the runner reads them back (the
 * toolkit's command.ts): `%`, CR and LF in the message; those and `:` and `,` in a property value, which would
 * otherwise end it. Unescaped, a hint's line break cut the annotation short and the rest printed as plain text.
 *
 * Dependency-free: the bin loads it to say an exit-2 error as an annotation too.
 */

export type CommandKind = 'error' | 'warning';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One command line (without its line break); properties without a value are left out. */
export function workflowCommand(kind: CommandKind, properties: Readonly<Record<string, string | number | null | undefined>>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${kind}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}
