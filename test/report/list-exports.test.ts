/**
 * What --from names, as files: a folder of exports, or a pattern no shell expanded (Windows), in name order.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listExports } from '../../src/report/list-exports.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cp-list-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const exports = path.join(dir, 'exports');
mkdirSync(path.join(exports, 'older'), { recursive: true });
for (const name of ['2026-02.ndjson', '2026-01.ndjson.gz', '2025-12.json', 'notes.txt', 'report.json', 'statements.ndjson.cursor.json', 'mentoring-xapi-activities.json']) {
  writeFileSync(path.join(exports, name), '');
}
// A JSON report saved under a name of its own (--format json --out exports/week-12.json), as render-json starts one.
writeFileSync(path.join(exports, 'week-12.json'), '{\n  "course": {\n    "iri": "https://district.example/c",\n    "name": null\n  },\n  "generatedAt": "2026-12-05T00:35:04.117Z",\n  "learners": []\n}\n');
// A report of a course named at length in a non-Latin script: generatedAt far past the first 512 bytes.
writeFileSync(path.join(exports, 'week-13.json'), `{\n  "course": {\n    "iri": "https://district.example/${'c'.repeat(300)}",\n    "name": "${'\u5b66'.repeat(200)}"\n  },\n  "generatedAt": "2026-12-05T00:35:04.117Z"\n}\n`);
// An object export whose first key is "course" but no report.
writeFileSync(path.join(exports, '2025-11.json'), '{"course": {"iri": "x"}, "statements": []}');
const inExports = (...names: string[]) => names.map((n) => path.join(exports, n));

describe('listExports', () => {
  it('a folder: its exports in name order (time order for dated ones), not what coursepack writes beside them nor subfolders', () => {
    expect(listExports([exports])).toEqual(inExports('2025-11.json', '2025-12.json', '2026-01.ndjson.gz', '2026-02.ndjson'));
  });

  it('a pattern a shell did not expand (cmd.exe, PowerShell): the exports it matches', () => {
    expect(listExports([path.join(exports, '2026-*')])).toEqual(inExports('2026-01.ndjson.gz', '2026-02.ndjson'));
    expect(listExports([path.join(exports, '2026-0?.ndjson')])).toEqual(inExports('2026-02.ndjson'));
    // Nor in a pattern's matches: the cursor, report.json, week-12.json (a report) and the activities file.
    expect(listExports([path.join(exports, '*.json')])).toEqual(inExports('2025-11.json', '2025-12.json'));
    // A dot in the pattern is a dot, not any character.
    expect(() => listExports([path.join(exports, '2026-02.ndjso*x')])).toThrow(/matches no \.ndjson or \.json export/);
  });

  it('files as they are, in the order given, folders and files together', () => {
    expect(listExports(['b.ndjson', exports, 'a.json'])).toEqual(['b.ndjson', ...inExports('2025-11.json', '2025-12.json', '2026-01.ndjson.gz', '2026-02.ndjson'), 'a.json']);
  });

  it('a folder or pattern that names no export is an error, never an empty report ("nobody started")', () => {
    expect(() => listExports([path.join(exports, 'older')])).toThrow(/older is a folder with no \.ndjson or \.json export in it/);
    expect(() => listExports([path.join(exports, '1999-*.ndjson')])).toThrow(/1999-\*\.ndjson matches no \.ndjson or \.json export/);
    expect(() => listExports([path.join(dir, 'missing', '*.ndjson')])).toThrow(/the folder .*missing does not exist or cannot be read/);
    expect(() => listExports([path.join(dir, '*', '*.ndjson')])).toThrow(/a pattern can name the files of one folder .*, not folders; name each folder instead/);
  });
});
