// Serves one built package over loopback (file:// iframes are cross-origin, SCORM12.md §6):
//   /host.html        the recording LMS host page (host-page.mjs), options from the query string `?o=<json>`
//   /scorm12.min.js   scorm-again's browser build
//   /sco/<path>       the package's files, straight from the zip's entries
//   /sync-host.html   an LMS that saves by synchronous XHR (sync-xhr-lms.mjs), `?learner=ID&beacon=dismissal|never`
//   /lms/store        that LMS's server endpoint; what it received is `lmsFor(host).stored`
// Each host name it is reached by has an LMS of its own (use-package.ts gives each test an origin of its own).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { hostPageHtml } from './host-page.mjs';
import { createLmsServer, syncXhrHostHtml } from './sync-xhr-lms.mjs';

const TYPES = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', xml: 'application/xml', pdf: 'application/pdf',
  // The media page's files, typed as a web server would (an LMS serves them from the package the same way).
  webm: 'video/webm', mp4: 'video/mp4', mp3: 'audio/mpeg', vtt: 'text/vtt; charset=utf-8', txt: 'text/plain; charset=utf-8',
};

/**
 * @param {Map<string, Buffer>} files zip entry path → bytes
 * @returns {Promise<import('./serve-package.d.mts').PackageServer>}
 */
export async function servePackage(files) {
  const scormAgain = await readFile(fileURLToPath(new URL('../../../node_modules/scorm-again/dist/scorm12.min.js', import.meta.url)));
  const lmsByHost = new Map();
  const lmsFor = (host) => {
    let lms = lmsByHost.get(host);
    if (!lms) lmsByHost.set(host, (lms = createLmsServer()));
    return lms;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body = null;
    let type = 'text/plain';
    const lms = lmsFor(req.headers.host ?? '');
    if (url.pathname === '/lms/store' && req.method === 'POST') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        lms.store(Buffer.concat(chunks).toString('utf8'), url.searchParams.get('via') === 'beacon' ? 'beacon' : 'xhr');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
      return;
    }
    if (url.pathname === '/sync-host.html') {
      const learner = url.searchParams.get('learner') ?? 'stu-001';
      const beacon = url.searchParams.get('beacon') === 'never' ? 'never' : 'dismissal';
      body = Buffer.from(syncXhrHostHtml({ learner, beacon, seed: lms.seedFor(learner) }));
      type = TYPES.html;
    } else if (url.pathname === '/host.html') {
      const options = url.searchParams.has('o') ? JSON.parse(url.searchParams.get('o') ?? '{}') : {};
      body = Buffer.from(hostPageHtml(options));
      type = TYPES.html;
    } else if (url.pathname === '/blank.html') {
      body = Buffer.from('<!DOCTYPE html><html lang="en"><title>blank</title></html>');
      type = TYPES.html;
    } else if (url.pathname === '/scorm12.min.js') {
      body = scormAgain;
      type = TYPES.js;
    } else if (url.pathname.startsWith('/sco/')) {
      const path = decodeURIComponent(url.pathname.slice('/sco/'.length));
      body = files.get(path) ?? null;
      type = TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream';
    }
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** The LMS of the server's own address, `url`. */
    get lms() {
      return lmsFor(`127.0.0.1:${port}`);
    },
    lmsFor,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve(undefined));
    }),
  };
}
