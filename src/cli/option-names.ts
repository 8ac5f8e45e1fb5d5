/**
 * Every command's long options, without dashes, as its parser takes them: listed in a usage error, and what tells
 * another command's option from a typo. Pure data, so the tiny bin and each lazily loaded command share it.
 */
export const COMMAND_OPTIONS = {
  build: ['course', 'out', 'split', 'format', 'help', 'debug'],
  validate: ['course', 'split', 'format', 'help', 'debug'],
  preview: ['course', 'port', 'help', 'debug'],
  lrs: ['port', 'host', 'db', 'origin', 'allow-null-origin', 'public-url', 'max-body', 'max-batch', 'max-db-size', 'quiet', 'scope', 'expires-in', 'json', 'agent', 'yes', 'help'],
  report: [
    'lrs', 'user', 'password', 'sync', 'page-size', 'from', 'activity', 'course', 'activities', 'since', 'until', 'version',
    'trusted-authority', 'roster', 'group-by', 'format', 'out', 'reflections', 'pseudonymize', 'threads', 'time-zone', 'help',
  ],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type CommandName = keyof typeof COMMAND_OPTIONS;

/**
 * The other commands that take `--name`, for "build has no --port (preview and lrs have it)": the nearest option
 * was suggested instead, and `build --port 8080` became `--out 8080`, packages written into ./8080. `--version` is
 * the bin's own (and report's course version filter): never said to be report's.
 */
export function commandsWith(name: string, except: CommandName): CommandName[] {
  if (name === 'version' || name === 'help') return [];
  return (Object.keys(COMMAND_OPTIONS) as CommandName[]).filter((command) => command !== except && (COMMAND_OPTIONS[command] as readonly string[]).includes(name));
}
