import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The coursepack folder: the bin is <tool>/lib/coursepack.mjs, the commands <tool>/lib/commands/*.cjs. */
export const toolDir = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(dir) === 'commands') dir = path.dirname(dir);
  return path.resolve(dir, '..');
})();
