/**
 * Exported files: NDJSON and JSON (array, or an LRS answer saved whole), plain or gzip-compressed,
 * streamed in chunks; a voiding statement retracts its target wherever it sits in the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregateExport, aggregateExports, readExport, ReportError, summarizeLearner } from '../../src/report/index.js';
import { COURSE, HOME, score, statement, voiding } from './make-statements.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cp-report-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function ids(file: string): Promise<string[]> {
  const out: string[] = [];
  await readExport(file, (text) => out.push((JSON.parse(text) as { id: string }).id));
  return out;
}

const three = [statement({ verb: 'initialized', at: 0 }), statement({ verb: 'failed', at: 5, result: score(0.5) }), statement({ verb: 'terminated', at: 6 })];
const threeIds = three.map((s) => s.id);

describe('reading exports', () => {
  it('NDJSON with CRLF line ends, blank lines and no final newline', async () => {
    const file = write('a.ndjson', `${JSON.stringify(three[0])}\r\n\r\n${JSON.stringify(three[1])}\n${JSON.stringify(three[2])}`);
    expect(await ids(file)).toEqual(threeIds);
  });

  it('a JSON array, pretty-printed', async () => {
    expect(await ids(write('b.json', JSON.stringify(three, null, 2)))).toEqual(threeIds);
  });

  it('an LRS answer saved whole: {"statements": [...], "more": ""}', async () => {
    const file = write('c.json', JSON.stringify({ more: '', note: 'statements?x=[1]', statements: three, other: { statements: [], more: '/next' } }));
    expect(await ids(file)).toEqual(threeIds);
    // Numbers, booleans and null before "statements" (an LRS's "count"): the next key is still a key.
    expect(await ids(write('c3.json', `{"count": 3, "complete": true, "more": null, "statements": ${JSON.stringify(three)}}`))).toEqual(threeIds);
    // Keys and values in any order, "more" after the statements too.
    expect(await ids(write('c2.json', `{ "statements" : ${JSON.stringify(three)} , "more" : "" }`))).toEqual(threeIds);
  });

  it('one page of an LRS answer (its "more" names the next) is refused, not reported as if it were everything', async () => {
    const page = write('page-1.json', JSON.stringify({ statements: three, more: '/xAPI/statements?cursor=abc' }));
    await expect(ids(page)).rejects.toThrow('page-1.json is one page of an LRS\'s answer: its "more" (/xAPI/statements?cursor=abc) names the next page, whose statements are not in the file, so a report of it would leave learners out; read the LRS itself with --lrs (every page, and --sync FILE.ndjson to keep them), or export all the statements from the LRS');
    await expect(ids(write('page-2.json', `{"more":\n "/xAPI/statements?more=${'x'.repeat(200)}", "statements": ${JSON.stringify(three)}}`))).rejects.toThrow(/"more" \(\/xAPI\/statements\?more=x+\.\.\.\) names the next page/);
  });

  it('statements crossing 1 MB chunk edges, with multi-byte characters, come through whole', async () => {
    const many = Array.from({ length: 4000 }, (_, i) => statement({ verb: 'experienced', at: i, name: `Łucja 学生 ${'é'.repeat(i % 300)} 🎓` }));
    const ndjson = write('big.ndjson', many.map((s) => JSON.stringify(s)).join('\n'));
    const json = write('big.json', JSON.stringify(many));
    const names = async (file: string) => {
      const out: string[] = [];
      await readExport(file, (text) => out.push((JSON.parse(text) as { actor: { name: string } }).actor.name));
      return out;
    };
    const expected = many.map((s) => (s.actor as { name: string }).name);
    expect(await names(ndjson)).toEqual(expected);
    expect(await names(json)).toEqual(expected);
  });

  it('JSON strings with escaped quotes and backslashes, across chunk edges, come through whole', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Zoë "Z${i}" \\${'\\'.repeat(i % 5)} O'Brien ${'x'.repeat(i % 700)} ]}`);
    const many = names.map((name, i) => statement({ verb: 'experienced', at: i, name }));
    const file = write('escapes.json', JSON.stringify({ statements: many }));
    const read: string[] = [];
    await readExport(file, (text) => read.push((JSON.parse(text) as { actor: { name: string } }).actor.name));
    expect(read).toEqual(names);
  });

  it.each([
    ['bad.txt', 'x', /reads \.ndjson \(\.jsonl\) or \.json/],
    // An LRS's CSV or spreadsheet export, a zip of exports: what to give instead.
    ['statements.csv', 'id,actor,verb\n1,a,b\n', /\.json\.gz\); a CSV or spreadsheet export keeps only some of each statement \(no result, context or registration\): export the statements as JSON \(or NDJSON\) from the LRS, or read the LRS itself with --lrs$/],
    ['statements.xlsx', 'PK', /a CSV or spreadsheet export keeps only some of each statement/],
    ['exports.zip', 'PK', /; unzip it and give the \.json or \.ndjson files inside \(--from folder\/ reads them all\)$/],
    ['missing.ndjson', null, /does not exist/],
    ['scalar.json', '42', /not a JSON array of statements/],
    ['open.json', '[{"id":1}', /not a JSON array of statements/],
    // An object is an LRS answer only with a "statements" array; it read as an empty export, exit 0.
    ['object.json', '{"foo": 1}', /not a JSON array of statements nor an object with a "statements" array/],
    ['empty-object.json', '{}', /not a JSON array of statements/],
    ['statements-not-a-list.json', '{"statements": "abc"}', /not a JSON array of statements/],
    // NDJSON named .json, as some exports are: said, with the name to give.
    ['ndjson-named.json', `${JSON.stringify(three[0])}\n${JSON.stringify(three[1])}\n`, /not a JSON array of statements nor an object with a "statements" array: it holds two objects one after another, as NDJSON does \(one statement a line\); name it \.ndjson$/],
  ])('%s is one clear error', async (name, text, message) => {
    const file = text === null ? path.join(dir, name) : write(name, text);
    await expect(readExport(file, () => undefined)).rejects.toThrow(ReportError);
    await expect(readExport(file, () => undefined)).rejects.toThrow(message);
  });

  it('a voiding statement retracts its target before or after it, thousands of them, across chunk edges', async () => {
    const lines: Record<string, unknown>[] = [];
    for (let i = 0; i < 6000; i++) {
      const target = statement({ verb: 'passed', at: i, result: score(0.9), name: 'x'.repeat(i % 97) });
      const void_ = voiding(target.id as string, i + 1);
      // Half after their targets (a database dump in stored order: a second fold), half before (an LRS's newest first).
      lines.push(...(i % 2 ? [target, void_] : [void_, target]));
    }
    for (const order of [lines, [...lines].reverse()]) {
      const aggregate = await aggregateExport(write('voids.ndjson', order.map((l) => JSON.stringify(l)).join('\n')), { courseIri: COURSE });
      expect(aggregate.counts).toMatchObject({ read: 12000, voiding: 6000, voided: 6000, counted: 0 });
      expect(aggregate.learners.size).toBe(0);
    }
  });

  it('a JSON array written one statement a line, named .ndjson, or cut into lines with their commas: said so, where "Unexpected end of JSON input" was all', async () => {
    const lines = three.map((x) => JSON.stringify(x));
    const array = write('array.ndjson', `[\n${lines.join(',\n')}\n]\n`);
    await expect(aggregateExport(array, { courseIri: COURSE })).rejects.toThrow(/array\.ndjson:1: malformed statement: not JSON \(.*\): the file is a JSON array, not NDJSON \(one statement a line\); name it \.json$/);
    const cut = write('cut.ndjson', `${lines.join(',\n')}\n`);
    await expect(aggregateExport(cut, { courseIri: COURSE })).rejects.toThrow(/cut\.ndjson:1: malformed statement: not JSON \(.*\): the line ends with a comma after the statement, as in a JSON array cut into lines; remove the commas/);
  });

  it('a malformed statement names its file and line', async () => {
    const file = write('broken.ndjson', `${JSON.stringify(three[0])}\n{"id":"x","actor":{}}\n`);
    await expect(aggregateExport(file, { courseIri: COURSE })).rejects.toThrow(/broken\.ndjson:2: malformed statement: statement x: the actor has no inverse functional identifier/);
  });

  it('a voiding statement later in the file retracts its target (folded again)', async () => {
    const passed = statement({ verb: 'passed', at: 10, result: score(0.9) });
    const lines = [statement({ verb: 'failed', at: 5, result: score(0.4) }), passed, voiding(passed.id as string, 20)];
    for (const [name, text] of [['v.ndjson', lines.map((s) => JSON.stringify(s)).join('\n')], ['v.json', JSON.stringify({ statements: lines })]] as const) {
      const aggregate = await aggregateExport(write(name, text), { courseIri: COURSE });
      const ada = aggregate.learners.get(`${HOME}|ada`);
      expect(ada && summarizeLearner(ada)).toMatchObject({ status: 'failed', bestScaled: 0.4 });
      expect(aggregate.counts).toMatchObject({ voided: 1, voiding: 1, counted: 1 });
    }
  });
});

describe('several exports read as one (--from exports/*.ndjson)', () => {
  it('equal one file holding them all: a statement voided in a later file, one in two files counted once, kinds mixed, a file named twice read once', async () => {
    const passed = statement({ verb: 'passed', at: 10, result: score(0.9) });
    const failed = statement({ verb: 'failed', at: 5, result: score(0.4) });
    const later = statement({ verb: 'terminated', at: 30 });
    // Monday's export ends with the pass; Tuesday's starts again at the fail (exports that overlap), voids the pass.
    const monday = [failed, passed];
    const tuesday = [failed, voiding(passed.id as string, 20), later];
    const a = write('monday.ndjson', monday.map((x) => JSON.stringify(x)).join('\n'));
    const b = write('tuesday.json', JSON.stringify({ statements: tuesday }));
    const whole = await aggregateExport(write('week.ndjson', [...monday, ...tuesday].map((x) => JSON.stringify(x)).join('\n')), { courseIri: COURSE });
    const both = await aggregateExports([a, b, path.relative(process.cwd(), a)], { courseIri: COURSE });
    expect(both).toEqual(whole);
    const ada = both.learners.get(`${HOME}|ada`);
    expect(ada && summarizeLearner(ada)).toMatchObject({ status: 'failed', bestScaled: 0.4 });
    expect(both.counts).toMatchObject({ read: 5, duplicates: 1, voided: 1, voiding: 1 });
  });

  it('a malformed statement names its own file and line; a file of no known kind is named', async () => {
    const good = write('good.ndjson', JSON.stringify(three[0]));
    const bad = write('bad-day.ndjson', `${JSON.stringify(three[1])}\n{"id":"x","actor":{}}\n`);
    await expect(aggregateExports([good, bad], { courseIri: COURSE })).rejects.toThrow(/bad-day\.ndjson:2: malformed statement: statement x/);
    await expect(aggregateExports([good, write('notes.txt', 'x')], { courseIri: COURSE })).rejects.toThrow(/notes\.txt: --from reads \.ndjson/);
  });
});

describe('gzip-compressed exports (.ndjson.gz, .json.gz)', () => {
  const writeGz = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, gzipSync(text));
    return file;
  };

  it('read as the same files unpacked: statements across chunk edges, voiding, the aggregate; in one thread', async () => {
    const passed = statement({ verb: 'passed', at: 10, result: score(0.9) });
    const many = [
      ...Array.from({ length: 3000 }, (_, i) => statement({ verb: 'experienced', at: i, name: `Łucja ${'é'.repeat(i % 400)} 🎓` })),
      statement({ verb: 'failed', at: 5, result: score(0.4) }), passed, voiding(passed.id as string, 20),
    ];
    const ndjson = many.map((s) => JSON.stringify(s)).join('\n');
    const json = JSON.stringify({ statements: many });
    const pairs: ReadonlyArray<readonly [plain: string, packed: string]> = [[write('p.ndjson', ndjson), writeGz('p.ndjson.gz', ndjson)], [write('p.json', json), writeGz('p.JSON.GZ', json)]];
    for (const [plain, packed] of pairs) {
      expect(await ids(packed)).toEqual(await ids(plain));
      // The threads' options ask for threads from 1 byte: a compressed file cannot be cut, so it stays in one.
      const threads = { threads: 2, minBytes: 1, worker: new URL('file:///no-worker-may-start-for-a-compressed-file.cjs') };
      expect(await aggregateExport(packed, { courseIri: COURSE }, undefined, threads)).toEqual(await aggregateExport(plain, { courseIri: COURSE }));
    }
    // Line numbers are the unpacked file's.
    const where: string[] = [];
    await readExport(writeGz('w.ndjson.gz', ndjson), (_t, at) => where.push(at()));
    expect(where.at(-1)).toBe(`${path.join(dir, 'w.ndjson.gz')}:3003`);
  });

  it('a file that is not gzip, is cut short, is missing or is a folder: one sentence each', async () => {
    const text = `${JSON.stringify(three[0])}\n`.repeat(50);
    const cut = path.join(dir, 'cut.ndjson.gz');
    writeFileSync(cut, gzipSync(text).subarray(0, 60));
    mkdirSync(path.join(dir, 'folder.json.gz'));
    for (const [file, message] of [
      [write('plain.ndjson.gz', text), /plain\.ndjson\.gz is not gzip-compressed, or is damaged \(incorrect header check\); if it is plain JSON, name it without \.gz$/],
      [cut, /cut\.ndjson\.gz ends before its compressed data does \(unexpected end of file\): it was cut short; copy or download it again$/],
      [path.join(dir, 'missing.ndjson.gz'), /missing\.ndjson\.gz does not exist$/],
      [path.join(dir, 'folder.json.gz'), /folder\.json\.gz is a folder, not a statements file$/],
    ] as const) {
      const error = await readExport(file, () => undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
