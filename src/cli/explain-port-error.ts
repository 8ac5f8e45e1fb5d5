/**
 * Why a port could not be listened on, and the command to try instead: said alike by `preview` and `lrs`, which
 * otherwise printed a bare libuv code (`EADDRINUSE`) that IT had to look up.
 */

/** The first port anyone may use: below it the system asks for privileges (root, or CAP_NET_BIND_SERVICE). */
const FIRST_UNPRIVILEGED_PORT = 1024;

export function explainPortError(error: unknown, port: number, host: string, command: 'preview' | 'lrs'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const at = `port ${port} on ${host}`;
  if (code === 'EACCES' && port < FIRST_UNPRIVILEGED_PORT) {
    // A service run as root to get port 80 holds learners' records with every right; a reverse proxy
    // (nginx, Apache, IIS) answers on 80 or 443 and passes requests on instead.
    const behind = command === 'lrs' ? ', behind the reverse proxy that answers on port 80 or 443' : '';
    return `${at} needs privileges (ports below ${FIRST_UNPRIVILEGED_PORT} do); use one of ${FIRST_UNPRIVILEGED_PORT} or above${behind}: npx coursepack ${command} --port 8080`;
  }
  const why = code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'may not be used by you' : `cannot be used (${code ?? (error as Error).message})`;
  return `${at} ${why}; give another: npx coursepack ${command} --port ${port === 8081 ? 8082 : 8081} (or --port 0 for any free one)`;
}
