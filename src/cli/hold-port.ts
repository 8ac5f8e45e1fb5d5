/**
 * The port, bound before `coursepack lrs` opens its database. SQLite makes a database that is not there, so a
 * start that then could not listen (a port in use, a mistyped --port) left an empty keyless database at a
 * mistyped --db, which the next start served. Holding the port first, nothing is made until it is known
 * that the server can listen. The LRS server then takes the bound socket over (createLrsServer's listen).
 */
import { createServer, type Server } from 'node:net';

export function holdPort(port: number, host: string): Promise<Server> {
  const held = createServer();
  return new Promise((resolve, reject) => {
    held.once('error', reject);
    held.listen(port, host, () => {
      held.off('error', reject);
      resolve(held);
    });
  });
}
