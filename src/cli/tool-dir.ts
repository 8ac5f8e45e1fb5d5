import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The coursepack folder: the bundle lives in <tool>/lib/ (chunks in lib/chunks/, which esbuild names). */
export const toolDir = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(dir) === 'chunks') dir = path.dirname(dir);
  return path.resolve(dir, '..');
})();
