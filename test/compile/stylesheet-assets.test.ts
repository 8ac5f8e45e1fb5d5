/**
 * A page in quirks mode (no `<!DOCTYPE html>`: Word's "Save as Web Page" writes none) reads any file of its own
 * origin as a stylesheet, whatever its type (HTML §4.2.4, quirks-mode exception). Checked in Chromium: an HTML
 * handout linking `notes.txt`, a PDF, a WebVTT file, another page, an SVG or a `data:image/…` URL as its
 * stylesheet, or `@import`ing one, loaded the image their CSS named from the web, while `validate` and
 * `build` passed it: only `.css` files are checked as CSS.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCourse } from '../../src/compile/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'coursepack-stylesheet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CSS = 'body { background: url(https://cdn.example.com/x.png) }';
let count = 0;
async function messagesOf(head: string, files: Record<string, string> = {}): Promise<string[]> {
  const dir = path.join(work, `course-${++count}`);
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yaml'), 'id: c\ntitle: C\n');
  writeFileSync(path.join(dir, 'modules', '01-a.md'), '---\nid: a\ntitle: A\nobjectives: [Read.]\nminutes: 5\n---\n\n## Page\n\nThe [handout](../assets/h.html).\n');
  writeFileSync(path.join(dir, 'assets', 'h.html'), `<html lang="en"><title>Handout</title>${head}<p>Text.</p>`);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'assets', name), text);
  const { messages } = await validateCourse({ courseDir: dir, cwd: root, toolDir: root });
  return messages.map((m) => `${m.ruleId} ${m.reason}`);
}

describe('a stylesheet that is not a .css file', () => {
  it('is refused when a page links it', async () => {
    expect(await messagesOf('<link rel="stylesheet" href="notes.txt">', { 'notes.txt': CSS })).toEqual([
      'active-asset-type Attribute `href` of `<link>` loads assets/notes.txt as a stylesheet, and it is not a .css file: a page without `<!DOCTYPE html>` reads any file as CSS, and coursepack checks only .css files as CSS',
    ]);
    expect((await messagesOf(`<link rel="alternate stylesheet" href="data:image/svg+xml,${encodeURIComponent(CSS)}">`)).map((m) => m.split(' ')[0])).toEqual(['active-asset-type']);
    expect((await messagesOf('<link rel="stylesheet" href="#x">')).map((m) => m.split(' ')[0])).toEqual(['active-asset-type']);
  });

  it('is refused when a page\'s or a stylesheet\'s @import names it', async () => {
    expect((await messagesOf('<style>@import "notes.txt";</style>', { 'notes.txt': CSS })).map((m) => m.split(' ')[0])).toEqual(['active-asset-type']);
    expect((await messagesOf(`<style>@import url("data:image/png,${encodeURIComponent(CSS)}");</style>`)).map((m) => m.split(' ')[0])).toEqual(['active-asset-type']);
    expect((await messagesOf('<link rel="stylesheet" href="s.css">', { 's.css': '@import url(notes.txt);', 'notes.txt': CSS })).map((m) => m.split(' ')[0])).toEqual(['active-asset-type']);
  });

  it('is nothing for .css files, and for other files a page links or loads otherwise', async () => {
    expect(await messagesOf('<link rel="stylesheet" href="s.css"><link rel="icon" href="i.svg"><style>@import "t.css"; p { background: url(i.svg) }</style>',
      { 's.css': '@import url(t.css);', 't.css': 'p { color: red }', 'i.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>' })).toEqual([]);
  });
});
