/**
 * An asset whose extension web servers do not know is sent with no Content-Type (Apache httpd 2.4 has no
 * DefaultType), and a browser then sniffs it (MIME Sniffing §7.1): one that starts like a web page opens as
 * one, running its scripts with the LMS's origin. Checked in Chromium: `notes.foo` served so ran its script
 * and loaded an image from the web, while `validate` and `build` passed it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-sniffed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
async function messagesOf(name: string, body: string): Promise<string[]> {
  const dir = path.join(work, `course-${++count}`);
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), 'id: c\ntitle: C\n');
  writeFileSync(path.join(dir, 'modules', '01-a.md'), `---\nid: a\ntitle: A\nobjectives: [Read.]\nminutes: 5\n---\n\n## Page\n\nThe [notes](../assets/${name}).\n`);
  writeFileSync(path.join(dir, 'assets', name), body);
  const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
  return messages.map((m) => `${m.ruleId} ${m.reason}`);
}

const PAGE = '\n  <!DOCTYPE html><html><body><script>alert(1)</script>';

describe('an asset of a type servers do not know', () => {
  it('is refused when it starts like a web page, as a browser sniffing it would open it', async () => {
    expect(await messagesOf('notes.foo', PAGE)).toEqual([
      'active-asset-type `assets/notes.foo` starts as a web page (`<!DOCTYPE html`), and web servers do not know the type `.foo`: sent with no type, a browser opens it as a page that can run scripts, and coursepack does not check it',
    ]);
    // Any of the tags a browser sniffs for, in any case, and XML.
    for (const start of ['<p>notes', '<SCRIPT>x', '<!-- a -->', '<?xml version="1.0"?><r/>', '<a href="x">']) {
      expect((await messagesOf('notes.md', start)).map((m) => m.split(' ')[0]), start).toEqual(['active-asset-type']);
    }
  });

  it('is left alone when it starts otherwise, or has a type servers send (text/plain is never sniffed as a page)', async () => {
    expect(await messagesOf('notes.foo', 'Plain notes, with <b>bold</b> later.')).toEqual([]);
    expect(await messagesOf('notes.foo', '<svg xmlns="http://www.w3.org/2000/svg"/>')).toEqual([]);
    expect(await messagesOf('notes.foo', '<pre>x</pre>')).toEqual([]);
    expect(await messagesOf('notes.txt', PAGE)).toEqual([]);
  });
});
