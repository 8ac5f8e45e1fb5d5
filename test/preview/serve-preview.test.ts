/**
 * The preview's server on its own (files in memory, port 0): the script first in the head with the build it
 * shows, the build number on the event stream, byte ranges for media, content types, HEAD everywhere.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePreview, type PreviewServer } from '../../src/preview/serve-preview.js';

const encode = (text: string) => new TextEncoder().encode(text);
let server: PreviewServer;
let base = '';
beforeAll(async () => {
  server = await servePreview(0, {
    problems: null,
    files: new Map([
      ['index.html', encode('<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>T</title>\n</head>\n<body>\n</body>\n</html>\n')],
      ['assets/clip.mp4', encode('0123456789')],
      ['assets/handout.htm', encode('<p>handout</p>')],
      ['assets/scores.csv', encode('a,b\n')],
    ]),
  });
  base = `http://127.0.0.1:${server.port}/`;
});
afterAll(() => server.close());

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('servePreview', () => {
  it('puts its script first in the head, with the build the page shows, and counts builds on the event stream', async () => {
    const page = (await get('/')).body;
    expect(page).toMatch(/<head>\n<script src="\/__coursepack\/reload\.js" data-build="\d+"><\/script>\n<title>T<\/title>/);
    const first = Number(/data-build="(\d+)"/.exec(page)?.[1]);
    server.update({ problems: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Problems</title>\n</head>\n<body></body>\n</html>\n', files: new Map() });
    expect((await get('/')).body).toContain(`<head>\n<script src="/__coursepack/reload.js" data-build="${first + 1}"></script>\n<title>Problems</title>`);
    const stream = await fetch(new URL('__coursepack/events', base));
    const reader = stream.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain(`event: build\ndata: ${first + 1}\n\n`);
    await reader.cancel();
  });

  it('answers a byte range (video seeking; Safari plays video only so), and says when one is past the end', async () => {
    await new Promise<void>((resolve) => {
      server.update({ problems: null, files: new Map([['assets/clip.mp4', encode('0123456789')]]) });
      resolve();
    });
    const part = await get('/assets/clip.mp4', { Range: 'bytes=2-5' });
    expect([part.status, part.body, part.headers['content-range'], part.headers['content-type']]).toEqual([206, '2345', 'bytes 2-5/10', 'video/mp4']);
    const tail = await get('/assets/clip.mp4', { Range: 'bytes=-3' });
    expect([tail.status, tail.body]).toEqual([206, '789']);
    const open = await get('/assets/clip.mp4', { Range: 'bytes=7-' });
    expect([open.status, open.body]).toEqual([206, '789']);
    const past = await get('/assets/clip.mp4', { Range: 'bytes=20-30' });
    expect([past.status, past.headers['content-range']]).toEqual([416, 'bytes */10']);
    const whole = await get('/assets/clip.mp4');
    expect([whole.status, whole.body, whole.headers['accept-ranges']]).toEqual([200, '0123456789', 'bytes']);
  });

  it('sends handouts as what they are, and answers HEAD without a body, the event stream too', async () => {
    server.update({ problems: null, files: new Map([['assets/handout.htm', encode('<p>handout</p>')], ['assets/scores.csv', encode('a,b\n')]]) });
    expect((await get('/assets/handout.htm')).headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get('/assets/scores.csv')).headers['content-type']).toBe('text/csv; charset=utf-8');
    const head = await get('/assets/handout.htm', {}, 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '14']);
    const events = await get('/__coursepack/events', {}, 'HEAD');
    expect([events.status, events.headers['content-type'], events.body]).toEqual([200, 'text/event-stream', '']);
  });
});
