/**
 * `coursepack preview` through the real bin: the course served from memory on 127.0.0.1 with the reload
 * script, built again when a module is saved (the open page hears `rebuilt`), the problems listed in the
 * page while the course has errors and the course back once they are fixed; only 127.0.0.1 and localhost
 * are answered, only reads, only the package's files; Ctrl-C stops it.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.mjs';
import { startPreview, stopPreviews } from '../helpers/start-preview.js';

const work = mkdtempSync(path.join(tmpdir(), 'coursepack-preview-'));
afterAll(() => {
  stopPreviews();
  rmSync(work, { recursive: true, force: true });
});

function courseCopy(name: string): string {
  const dir = path.join(work, name);
  cpSync(path.join(ROOT, 'test/fixtures/courses/minimal'), dir, { recursive: true });
  return dir;
}

/** fetch() never sends a Host of the caller's choosing (a forbidden header): node:http does. */
/** The status of a GET sent as written: this Host header, and this path (fetch and URL would resolve `..`). */
function statusWithHost(url: string, host: string, rawPath = new URL(url).pathname): Promise<number | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path: rawPath, headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject);
  });
}

const text = async (url: string | URL, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
};

describe('coursepack preview', () => {
  it('serves the course with the reload script, builds again on save, lists the problems while there are any, and stops on Ctrl-C', async () => {
    const course = courseCopy('edit');
    const preview = await startPreview(course);
    const first = await text(preview.url);
    expect(first.status).toBe(200);
    expect(first.type).toBe('text/html; charset=utf-8');
    expect(first.body).toMatch(/<title>A Minimal Course (&amp;|&#x26;) Friends<\/title>/);
    // First in the head, before the player reads its options (no LMS to look for: apiSearchMs 0).
    expect(first.body).toMatch(/^<!DOCTYPE html>\n<html [^>]*>\n<head>\n<script src="\/__coursepack\/reload\.js" data-build="\d+"><\/script>\n/);
    const reload = (await text(new URL('__coursepack/reload.js', preview.url))).body;
    expect(reload).toContain('window.coursepackPlayerOptions = { apiSearchMs: 0 };');
    expect(reload).toContain("addEventListener('build'");
    expect((await text(new URL('player.js', preview.url))).status).toBe(200);
    expect((await text(new URL('imsmanifest.xml', preview.url))).type).toBe('application/xml');

    // A module saved: built again, the page hears it, and shows the new text.
    const module = path.join(course, 'modules/01-basics.md');
    const original = readFileSync(module, 'utf8');
    let rebuilt = preview.nextRebuild();
    writeFileSync(module, original.replace('## Welcome\n', '## Welcome\n\nA line written while the preview ran.\n'));
    await rebuilt;
    expect((await text(preview.url)).body).toContain('A line written while the preview ran.');

    // A mistake: the page lists it as the terminal does, with the reload script; the package's files stay.
    rebuilt = preview.nextRebuild();
    writeFileSync(module, original.replace('## Welcome\n', '## Welcome\n\n# A title one level too high\n'));
    await rebuilt;
    const problems = await text(preview.url);
    expect(problems.body).toContain('<h1>The course has problems</h1>');
    expect(problems.body).toMatch(/modules\/01-basics\.md:\d+:1  error    .*heading-level-one/);
    expect(problems.body).toContain('/__coursepack/reload.js');
    expect((await text(new URL('player.js', preview.url))).status).toBe(200);
    expect(preview.output()).toMatch(/heading-level-one/);

    // Fixed: the course is back.
    rebuilt = preview.nextRebuild();
    writeFileSync(module, original);
    await rebuilt;
    const back = await text(preview.url);
    expect(back.body).not.toContain('The course has problems');
    expect(back.body).not.toContain('A line written while the preview ran.');

    const exited = new Promise<number | null>((resolve) => preview.child.once('exit', resolve));
    preview.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(preview.output()).toMatch(/Preview stopped\.\n$/);
  }, 60_000);

  it('sees every save however the editor writes it (atomic rename, then in place), and no reload for editors\' own files or a save that changed nothing', async () => {
    const course = courseCopy('editors');
    const preview = await startPreview(course);
    const module = path.join(course, 'modules/01-basics.md');
    const original = readFileSync(module, 'utf8');
    const saves: Array<[string, () => void]> = [
      // The atomic way (VS Code, Vim): a temporary file renamed over the module.
      ['atomic', () => {
        writeFileSync(`${module}.tmp`, original.replace('## Welcome\n', '## Welcome\n\nSaved the atomic way.\n'));
        renameSync(`${module}.tmp`, module);
      }],
      // Then in place: Node 20's recursive watch had lost the file after the rename, and missed this one.
      ['in place', () => writeFileSync(module, original.replace('## Welcome\n', '## Welcome\n\nSaved in place.\n'))],
      ['in place again', () => writeFileSync(module, original.replace('## Welcome\n', '## Welcome\n\nSaved in place again.\n'))],
    ];
    for (const [how, save] of saves) {
      const rebuilt = preview.nextRebuild();
      save();
      await rebuilt;
      expect((await text(preview.url)).body, how).toContain(how === 'atomic' ? 'Saved the atomic way.' : how === 'in place' ? 'Saved in place.' : 'Saved in place again.');
    }
    // Vim's swap file written while typing, an Emacs lock link, the same text saved again: the page is not reloaded.
    const quiet = preview.nextRebuild().then(() => 'reloaded');
    writeFileSync(path.join(course, 'modules/.01-basics.md.swp'), 'swap');
    symlinkSync('user@host.1:1', path.join(course, 'modules/.#01-basics.md'));
    writeFileSync(module, readFileSync(module, 'utf8'));
    // Then a real save: the next reload is for it, and the page shows no problems (the lock link is passed over).
    await new Promise((resolve) => setTimeout(resolve, 400));
    writeFileSync(module, original);
    await quiet;
    const after = await text(preview.url);
    expect(after.body).not.toContain('Saved in place again.');
    expect(after.body).not.toContain('The course has problems');
    expect(preview.output()).not.toMatch(/\.swp|\.#01-basics/);
  }, 60_000);

  it('a page from an earlier run of the preview reloads when the preview is started again, though the build count is the same', async () => {
    const course = courseCopy('restart');
    const first = await startPreview(course);
    const shown = /data-build="([^"]+)"/.exec((await text(first.url)).body)?.[1];
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGINT');
    await exited;
    // Edited while the preview was stopped, then started again on the same port: the open tab's
    // EventSource reconnects by itself and reloads only if the build it hears is not the one it shows.
    const module = path.join(course, 'modules/01-basics.md');
    writeFileSync(module, readFileSync(module, 'utf8').replace('## Welcome\n', '## Welcome\n\nWritten while the preview was stopped.\n'));
    const again = await startPreview(course, new URL(first.url).port);
    try {
      expect((await text(again.url)).body).toContain('Written while the preview was stopped.');
      const stream = await fetch(new URL('__coursepack/events', again.url));
      const reader = stream.body!.getReader();
      let heard = '';
      while (!/event: build\ndata: [^\n]+\n/.test(heard)) heard += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      expect(shown).toBeDefined();
      expect(/event: build\ndata: ([^\n]+)\n/.exec(heard)?.[1]).not.toBe(shown);
    } finally {
      again.child.kill('SIGINT');
    }
  }, 60_000);

  it('a build that stops before it can judge the course (modules/ is a file) shows why in the page, and recovers', async () => {
    const course = courseCopy('throws');
    const modules = path.join(course, 'modules');
    renameSync(modules, `${modules}-kept`);
    writeFileSync(modules, 'not a folder');
    const preview = await startPreview(course);
    const failed = await text(preview.url);
    expect(failed.body).toContain('<h1>The course has problems</h1>');
    expect(failed.body).toMatch(/<title>Problems \(the build stopped\)/);
    expect(preview.output()).toMatch(/coursepack preview: the build stopped: /);
    const rebuilt = preview.nextRebuild();
    rmSync(modules);
    renameSync(`${modules}-kept`, modules);
    await rebuilt;
    expect((await text(preview.url)).body).toMatch(/<title>A Minimal Course/);
    preview.child.kill('SIGINT');
  }, 60_000);

  it('answers only 127.0.0.1 and localhost, only reads, and only the package\'s own files', async () => {
    const preview = await startPreview(courseCopy('guard'));
    try {
      const { port } = new URL(preview.url);
      // A page on the web that points its own name at 127.0.0.1 (DNS rebinding) is refused.
      expect(await statusWithHost(preview.url, `evil.example:${port}`)).toBe(403);
      expect(await statusWithHost(preview.url, `127.0.0.1.evil.example:${port}`)).toBe(403);
      expect((await text(`http://localhost:${port}/`)).status).toBe(200);
      expect((await text(preview.url, { method: 'POST', body: 'x' })).status).toBe(405);
      expect((await text(new URL('course.yaml', preview.url))).status).toBe(404);
      // Sent as written: URL and fetch turn %2e%2e into .. and resolve it away before it leaves.
      for (const path of ['/%2e%2e/course.yaml', '/../course.yaml', '/sco/..%2f..%2fcourse.yaml', '/%2E%2E%5Ccourse.yaml']) {
        expect(await statusWithHost(preview.url, `127.0.0.1:${port}`, path), path).toBe(404);
      }
      expect((await text(new URL('modules/01-basics.md', preview.url))).status).toBe(404);
    } finally {
      preview.child.kill('SIGINT');
    }
  }, 60_000);

  it('a port in use, a bad --port or a missing course folder: one plain line, exit 2', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const course = courseCopy('busy');
      const busy = await runCli(['preview', '--course', course, '--port', String(port)]);
      expect(busy.status).toBe(2);
      // The command to paste keeps the --course: without it, it previewed course/ instead.
      expect(busy.stderr).toContain(`port ${port} on 127.0.0.1 is in use; give another: npx coursepack preview --course ${course} --port 8081 (or --port 0 for any free one)`);
    } finally {
      taken.close();
    }
    const bad = await runCli(['preview', '--port', 'eighty']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port takes a number from 0 to 65535/);
    const missing = await runCli(['preview', '--course', path.join(work, 'nowhere')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/is not a folder/);
  }, 60_000);
});
