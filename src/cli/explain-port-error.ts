/**
 * Why a port could not be listened on, and the command to try instead: said alike by `preview` and `lrs`, which
 * otherwise printed a bare libuv code (`EADDRINUSE`) that IT had to look up. When the host is at fault (an address
 * of another computer, a mistyped name), the host is named, not the port.
 */
import { shellWord } from '../shared/shell-word.js';

/** The first port anyone may use: below it the system asks for privileges (root, or CAP_NET_BIND_SERVICE). */
const FIRST_UNPRIVILEGED_PORT = 1024;

/** `argv`: the command's options as given, so the command to paste is theirs with one option changed. */
export function explainPortError(error: unknown, port: number, host: string, command: 'preview' | 'lrs', argv: readonly string[]): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const at = `port ${port} on ${host}`;
  if (code === 'EACCES' && port > 0 && port < FIRST_UNPRIVILEGED_PORT) {
    // A service run as root to get port 80 holds learners' records with every right; a reverse proxy
    // (nginx, Apache, IIS) answers on 80 or 443 and passes requests on instead.
    const behind = command === 'lrs' ? ', behind the reverse proxy that answers on port 80 or 443' : '';
    return `${at} needs privileges (ports below ${FIRST_UNPRIVILEGED_PORT} do); use one of ${FIRST_UNPRIVILEGED_PORT} or above${behind}: ${commandWith(command, argv, 'port', '8080')}`;
  }
  const fault = hostFault(code, host);
  if (fault) {
    // Preview always listens on 127.0.0.1 and takes no --host: nothing to give instead there.
    if (command === 'preview') return `cannot listen on ${host}: it ${fault}`;
    return `--host ${host} ${fault}; give one of this computer's addresses (\`ip address\` lists them), 127.0.0.1 for it alone or 0.0.0.0 for every network: ${commandWith(command, argv, 'host', '127.0.0.1')}`;
  }
  const why = code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'may not be used by you' : `cannot be used (${code ?? (error as Error).message})`;
  return `${at} ${why}; give another: ${commandWith(command, argv, 'port', String(port === 8081 ? 8082 : 8081))}${port === 0 ? '' : ' (or --port 0 for any free one)'}`;
}

/**
 * The command line as given with `--name value` in place of the option's value (added when it was not given): a
 * bare `npx coursepack lrs --port 8081` served a new, empty ./lrs.sqlite instead of the admin's `--db`, and a bare
 * `npx coursepack preview --port 8081` showed course/ instead of the `--course` given.
 */
function commandWith(command: string, argv: readonly string[], name: string, value: string): string {
  const words: string[] = [];
  let set = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    const given = word === `--${name}` || word.startsWith(`--${name}=`);
    if (word === `--${name}`) i++;
    if (!given) words.push(word);
    else if (!set) words.push(`--${name}`, value);
    set ||= given;
  }
  if (!set) words.push(`--${name}`, value);
  return ['npx', 'coursepack', command, ...words].map(shellWord).join(' ');
}

/**
 * What is wrong with the host, for the codes that are the host's fault, not the port's (any port fails alike):
 * an address another computer has, a mistyped name, a link-local address without its interface.
 */
function hostFault(code: string | undefined, host: string): string | undefined {
  if (code === 'EADDRNOTAVAIL') return 'is not an address of this computer';
  if (code === 'ENOTFOUND') return 'is no such host name';
  if (code === 'EAI_AGAIN') return 'could not be looked up (the name server did not answer)';
  // The system refuses a link-local IPv6 address (fe80::/10) without the interface it is on.
  if (code === 'EINVAL') return /^fe[89ab][0-9a-f]:/i.test(host) && !host.includes('%') ? `is a link-local address, which needs its interface after a % (${host}%eth0)` : 'cannot be listened on (EINVAL)';
  return undefined;
}
