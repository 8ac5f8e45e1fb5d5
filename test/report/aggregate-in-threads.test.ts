/**
 * Folding a file in parts (issue 11 point 8): merged part aggregates equal one fold of the whole, for
 * any cuts, with duplicates and voiding statements on either side of a cut; the worker threads the
 * CLI starts (lib/workers/aggregate-part.cjs, bundled by `npm test`) give the same aggregate as one
 * thread, and a malformed statement is reported at its line in the whole file.
 */
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregateExport, aggregateExports, createAggregator, mergeAggregates, readStatementText, type Aggregate } from '../../src/report/index.js';
import { Worker } from 'node:worker_threads';
import { aggregateInThreads, shareRuns, type PackedPart, type PartData, type PartReply, type PartRequest } from '../../src/report/aggregate-in-threads.js';
import { ChunkQueue } from '../../src/report/chunk-queue.js';
import { unpackAggregate } from '../../src/report/pack-aggregate.js';
import { foldKnowingVoids, foldShare } from '../../src/report/fold-file.js';
import { splitLines } from '../../src/report/read-export.js';
import { StatementIdSet } from '../../src/report/statement-id-set.js';
import { COURSE, MODULE_A, MODULE_B, PAGE_A1, PAGE_B1, QUESTION_1, REFLECTION_1, REG_1, REG_2, duration, progress, score, statement, voiding } from './make-statements.js';
import { scenarioStatements } from './scenarios.js';

const WORKER = pathToFileURL(fileURLToPath(new URL('../../lib/workers/aggregate-part.cjs', import.meta.url)));
const dir = mkdtempSync(path.join(tmpdir(), 'cp-report-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const uuid = (n: number): string => `7a1e0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const NEAR_SLASH = COURSE.endsWith('/') ? COURSE.slice(0, -1) : `${COURSE}/`;
const NEAR_HTTP = COURSE.replace(/^https:/, 'http:');

/** A pool of varied statements: every rule's field, several learners and registrations, equal timestamps. */
function pool(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const who = ['ada', 'ben', 'cy'];
  let n = 0;
  for (const learner of who) {
    for (const registration of [REG_1, REG_2]) {
      const s = (spec: Parameters<typeof statement>[0]) => statement({ id: uuid(++n), who: learner, registration, ...spec });
      out.push(
        s({ verb: 'initialized', at: 0, name: `${learner} one` }),
        s({ verb: 'experienced', at: 1, object: PAGE_A1, parent: MODULE_A }),
        s({ verb: 'answered', at: 2, object: QUESTION_1, parent: PAGE_A1, result: { response: n % 2 ? 'a' : 'b', success: n % 2 === 1 } }),
        s({ verb: 'answered', at: 2, object: REFLECTION_1, parent: PAGE_A1, result: { response: `thoughts ${n}` } }),
        s({ verb: 'progressed', at: 3, object: MODULE_A, result: progress(100) }),
        s({ verb: 'suspended', at: 4, result: duration('PT4M') }),
        s({ verb: 'resumed', at: 50, name: `${learner} two` }),
        s({ verb: 'experienced', at: 51, object: PAGE_B1, parent: MODULE_B }),
        s({ verb: 'failed', at: 52, result: score(0.5) }),
        s({ verb: 'passed', at: 52, result: score(0.9) }),
        s({ verb: 'completed', at: 53, result: { completion: true } }),
        s({ verb: 'terminated', at: 54, result: duration('PT5M') }),
        s({ verb: 'experienced', at: 55, object: PAGE_A1, parent: MODULE_A, revision: '2.0.0' }),
        // The course IRI written another way: left out, and counted per IRI (course-iri-near.ts).
        s({ verb: 'initialized', at: 56, otherCourse: NEAR_SLASH }),
        s({ verb: 'initialized', at: 57, otherCourse: learner === 'ben' ? NEAR_HTTP : NEAR_SLASH }),
      );
    }
  }
  return out;
}

const OPTIONS = { courseIri: COURSE, keepReflections: true } as const;

function voidedOf(statements: readonly Record<string, unknown>[]): Set<string> {
  const voided = new Set<string>();
  for (const s of statements) if ((s.verb as { id: string }).id.endsWith('/voided')) voided.add((s.object as { id: string }).id);
  return voided;
}

/** One fold of the whole list. */
function foldAll(statements: readonly Record<string, unknown>[]): Aggregate {
  const aggregator = createAggregator(OPTIONS, voidedOf(statements));
  for (const s of statements) aggregator.add(readStatementText(JSON.stringify(s)));
  return aggregator.result();
}

/** The list cut at `cuts`, each part folded with the ids of the parts before it seen, then merged. */
function foldInParts(statements: readonly Record<string, unknown>[], cuts: readonly number[]): Aggregate {
  const voided = voidedOf(statements);
  const edges = [0, ...[...cuts].sort((a, b) => a - b), statements.length];
  const before = new StatementIdSet();
  let merged: Aggregate | undefined;
  for (let i = 0; i + 1 < edges.length; i++) {
    const seen = new StatementIdSet();
    seen.addAll(before);
    const aggregator = createAggregator(OPTIONS, voided, seen);
    for (const s of statements.slice(edges[i], edges[i + 1])) aggregator.add(readStatementText(JSON.stringify(s)));
    before.addAll(aggregator.seen);
    merged = merged ? mergeAggregates(merged, aggregator.result()) : aggregator.result();
  }
  return merged as Aggregate;
}

describe('merging part aggregates', () => {
  it('equals one fold for any cuts, with duplicates and voiding on either side (fast-check)', () => {
    const base = pool();
    fc.assert(
      fc.property(
        fc.shuffledSubarray(base, { minLength: 1 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (picked, cutSeeds, dupSeeds, voidSeeds) => {
          const list = [...picked];
          // Retried sends: copies of earlier statements, anywhere later.
          for (const d of dupSeeds) list.splice(d % (list.length + 1), 0, list[d % list.length] as Record<string, unknown>);
          // An admin voids some statements, before or after them.
          voidSeeds.forEach((v, i) => list.splice(v % (list.length + 1), 0, voiding((list[v % list.length] as { id: string }).id, 99, uuid(9000 + i))));
          const cuts = cutSeeds.map((c) => c % (list.length + 1));
          const whole = foldAll(list);
          const parts = foldInParts(list, cuts);
          expect(parts).toEqual(whole);
          // Map order too: the report lists learners and questions in the order they were first met.
          expect([...parts.learners.keys()]).toEqual([...whole.learners.keys()]);
          expect([...parts.questions.keys()]).toEqual([...whole.questions.keys()]);
          expect(parts.reflections.map((r) => r.text)).toEqual(whole.reflections.map((r) => r.text));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
    // 150 folds and merges: about 1.6 s alone, past vitest's 5 s default on a loaded 2-vCPU host.
  }, 30_000);

  it('one fold learning voided ids as it goes, again only when it took in a statement voided later, equals one fold knowing them all (fast-check)', async () => {
    const base = pool();
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(base, { minLength: 1 }), fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), async (picked, dupSeeds, voidSeeds) => {
        const list = [...picked];
        for (const d of dupSeeds) list.splice(d % (list.length + 1), 0, list[d % list.length] as Record<string, unknown>);
        voidSeeds.forEach((v, i) => list.splice(v % (list.length + 1), 0, voiding((list[v % list.length] as { id: string }).id, 99, uuid(9000 + i))));
        let folds = 0;
        const once = await foldKnowingVoids(async (voided) => {
          folds++;
          const aggregator = createAggregator(OPTIONS, voided);
          for (const s of list) aggregator.add(readStatementText(JSON.stringify(s)));
          return aggregator;
        });
        expect(once.result()).toEqual(foldAll(list));
        // Read twice only when a statement came before every voiding statement that retracts it.
        const isVoid = (s: Record<string, unknown>) => (s.verb as { id: string }).id.endsWith('/voided');
        const late = list.some((s, i) => {
          const firstCopy = list.findIndex((t) => t.id === s.id) === i;
          const firstVoid = list.findIndex((t) => isVoid(t) && (t.object as { id: string }).id === s.id);
          return firstCopy && !isVoid(s) && firstVoid > i;
        });
        expect(folds).toBe(late ? 2 : 1);
      }),
      { numRuns: 150, seed: 12 },
    );
  }, 30_000);

  it('leaves both inputs as they were', () => {
    const list = pool();
    const first = foldAll(list.slice(0, 20));
    const second = foldAll(list.slice(20));
    const snapshot = (a: Aggregate) => JSON.stringify([...a.learners.values()].map((l) => [...l.registrations.values()].map((r) => r.times.length)));
    const before = [snapshot(first), snapshot(second)];
    mergeAggregates(first, second);
    expect([snapshot(first), snapshot(second)]).toEqual(before);
  });
});

describe('sharing the parts folded again among the threads', () => {
  it('cuts their chunks into shares of about as many each, in order, as runs of consecutive chunks', () => {
    const run = (first: number, last = first) => ({ first, last });
    // A home of half the file: each thread folds half of it again.
    expect(shareRuns([run(0, 5)], 2)).toEqual([[run(0, 2)], [run(3, 5)]]);
    // Parts in any order; neighbours join into one run, a gap cuts one.
    expect(shareRuns([run(9), run(0, 3), run(4)], 2)).toEqual([[run(0, 2)], [run(3, 4), run(9)]]);
    expect(shareRuns([run(7)], 3)).toEqual([[], [], [run(7)]]);
  });
});

describe('splitting a file at line starts', () => {
  it('covers every byte once, every part starting a line, whatever the number of parts', () => {
    const text = `${pool()
      .map((s) => JSON.stringify(s))
      .join('\n')}\n`;
    const file = path.join(dir, 'split.ndjson');
    writeFileSync(file, text);
    const size = Buffer.byteLength(text);
    for (const parts of [1, 2, 3, 7, 200, 5000]) {
      const ranges = splitLines(file, size, parts);
      expect(ranges[0]?.start).toBe(0);
      expect(ranges.at(-1)?.end).toBe(size);
      for (let i = 1; i < ranges.length; i++) {
        expect(ranges[i]?.start).toBe(ranges[i - 1]?.end);
        expect(text[(ranges[i]?.start ?? 0) - 1]).toBe('\n');
      }
      expect(ranges.length).toBeLessThanOrEqual(Math.min(parts, text.split('\n').length - 1));
    }
  });
});

// `npm test` and `npm run test:unit` bundle lib/ first (src/bundle.mjs), so the worker is always there.
describe('folding a file on worker threads (lib/workers/aggregate-part.cjs)', () => {
  const threads = (n: number) => ({ worker: WORKER, threads: n, minBytes: 0 });

  /**
   * Copies of the scenarios' 44 statements in a file: 270 lines, about 250 KB, about 80 chunks of 3,000 bytes.
   * The tests below need more than 160 lines; more chunks cost the tests time and cover nothing more (40
   * copies: 545 chunks of a few statements, each a part merged against every earlier part, took 4-16 s a fold).
   */
  const COPIES = 6;

  /** The scenarios, many times over, with a duplicate and voiding on both sides of every cut. */
  function writeFile(name: string): string {
    const lines: string[] = [];
    const { statements, duplicate, voidingStatement } = scenarioStatements();
    const copyId = (copy: number, s: Record<string, unknown>) => (copy ? `${String(copy).padStart(8, '0')}${(s.id as string).slice(8)}` : (s.id as string));
    // Voiding across every cut: at the start, of a statement in the last copy (the last part); at the
    // end, of one in copy 0 (the first part), which each part but its own folds before knowing of it.
    lines.push(JSON.stringify(voidingStatement), JSON.stringify(voiding(copyId(COPIES - 1, statements[7] as Record<string, unknown>), 2000)));
    for (let copy = 0; copy < COPIES; copy++) {
      // Copy 0 keeps the ids, so the voiding statement and the duplicate find their targets.
      for (const s of statements) lines.push(JSON.stringify(copy ? { ...s, id: copyId(copy, s) } : s));
    }
    lines.push(JSON.stringify(duplicate), lines[6] as string, lines[lines.length - 7] as string);
    lines.push(JSON.stringify(voiding(copyId(0, statements[3] as Record<string, unknown>), 2001)));
    const file = path.join(dir, name);
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}\n`);
    return file;
  }

  it('gives the aggregate one thread gives, with 2, 3 and 5 threads, in chunks of one a thread and of a few statements', async () => {
    const file = writeFile('many.ndjson');
    const one = await aggregateExport(file, OPTIONS);
    expect(one.counts).toMatchObject({ duplicates: 3, voiding: 3, voided: 3 });
    // The worker, counted as it starts: a fold that quietly stayed in this thread gives the same answer.
    const started = path.join(dir, 'workers-started.log');
    const counting = path.join(dir, 'counting-worker.cjs');
    writeFileSync(counting, `require('node:fs').appendFileSync(${JSON.stringify(started)}, 'w\\n');\nrequire(${JSON.stringify(fileURLToPath(WORKER))});\n`);
    const workersStarted = () => readFileSync(started, 'utf8').length / 2;
    writeFileSync(started, '');
    // One chunk a thread, then chunks of a few statements: a thread done with its home takes chunks
    // from the others' (this thread starts first, the workers boot), so parts come in any mix.
    for (const chunkBytes of [undefined, 3_000]) {
      for (const n of [2, 3, 5]) {
        const before = workersStarted();
        const many = await aggregateExport(file, OPTIONS, 'ndjson', { ...threads(n), worker: pathToFileURL(counting), ...(chunkBytes ? { chunkBytes } : {}) });
        expect(many).toEqual(one);
        expect([...many.learners.keys()]).toEqual([...one.learners.keys()]);
        expect(workersStarted() - before, `${n} threads`).toBe(n - 1);
      }
    }
    // Six threaded folds, each starting 1 to 4 workers: about 3 s alone, past vitest's 5 s default on a loaded 2-vCPU host.
  }, 60_000);

  it('a thread done with its home folds the chunks left in another\'s, from the back, each on its own', async () => {
    const file = writeFile('share.ndjson');
    const size = readFileSync(file).length;
    const chunks = splitLines(file, size, 12);
    // Two homes; thread 1 never comes (a worker that has not started): thread 0 folds everything.
    const queue = ChunkQueue.create(chunks.length, 2);
    const share = await foldShare(OPTIONS, new Set(), chunks.map((c) => ({ file, ...c })), queue, 0);
    expect(share.error).toBeUndefined();
    expect(share.parts.map((p) => [p.first, p.last])).toEqual([[0, 5], [11, 11], [10, 10], [9, 9], [8, 8], [7, 7], [6, 6]]);
    const one = await aggregateExport(file, OPTIONS);
    // Every statement read once (duplicates across the cuts are counted by each part that has a copy).
    expect(share.parts.reduce((n, p) => n + p.aggregator.result().counts.read, 0)).toBe(one.counts.read);
  });

  it('a worker folds its share at once, and folds its parts again knowing the voided ids when asked', async () => {
    const file = writeFile('worker.ndjson');
    const chunks = splitLines(file, readFileSync(file).length, 6).map((c) => ({ file, ...c }));
    // Two homes; this thread takes none of its own, so the worker folds its home and then all of this one's.
    const queue = ChunkQueue.create(chunks.length, 2);
    const worker = new Worker(WORKER, { workerData: { chunks, queue: queue.buffer, thread: 1, options: OPTIONS } satisfies PartData });
    const replies: PartReply[] = [];
    const next = () => new Promise<PartReply>((resolve) => worker.once('message', resolve));
    try {
      replies.push(await next());
      const first = replies[0];
      if (first?.kind !== 'folded') throw new Error(`the worker answered ${JSON.stringify(first)}`);
      expect(first.parts.map((p) => [p.first, p.last])).toEqual([[3, 5], [2, 2], [1, 1], [0, 0]]);
      const voided = new StatementIdSet();
      for (const p of first.parts) voided.addAll(StatementIdSet.fromData(p.voids));
      // The file's voiding statements: the scenarios' own and one of a statement in the last part at the
      // start, one of a statement in the first part at the end.
      expect(voided.size).toBe(3);
      const tookAny = (p: PackedPart) => voided.anyIn(StatementIdSet.fromData(p.seen), StatementIdSet.fromData(p.exempt));
      const tainted = first.parts.filter(tookAny);
      expect(tainted.map((p) => p.first)).toEqual([3, 0]);
      worker.postMessage({ kind: 'refold', voided: voided.toData(), parts: tainted.map(({ first, last }) => ({ first, last })) } satisfies PartRequest);
      const again = await next();
      if (again.kind !== 'folded') throw new Error(`the worker answered ${JSON.stringify(again)}`);
      expect(again.parts.map((p) => [p.first, p.last])).toEqual([[3, 5], [0, 0]]);
      // Knowing them, the parts skip the statements they retract (merged as the main thread does in the test above).
      for (const p of again.parts) expect(tookAny(p)).toBe(false);
      // The last part's one; the first part's two, the scenarios' (voided at the file's start) and the one voided at its end.
      expect(again.parts.map((p) => unpackAggregate(p.aggregate).counts.voided)).toEqual([1, 2]);
    } finally {
      await worker.terminate();
    }
  });

  it('reports a malformed statement at its line in the whole file, the earliest when several parts have one', async () => {
    const good = readFileSync(writeFile('good.ndjson'), 'utf8').split('\r\n');
    const broken = (lineNumbers: number[]) => {
      const lines = [...good];
      for (const n of lineNumbers) lines[n - 1] = '{"id":"x","actor":{}}';
      const file = path.join(dir, `broken-${lineNumbers.join('-')}.ndjson`);
      writeFileSync(file, lines.join('\r\n'));
      return file;
    };
    const late = good.length - 3;
    await expect(aggregateExport(broken([late]), OPTIONS, 'ndjson', threads(3))).rejects.toThrow(new RegExp(`broken-${late}\\.ndjson:${late}: malformed statement`));
    await expect(aggregateExport(broken([40, late]), OPTIONS, 'ndjson', threads(3))).rejects.toThrow(/:40: malformed statement/);
    // In small chunks, any thread may meet either line: the earlier is the one reported.
    for (const n of [2, 3, 5]) {
      await expect(aggregateExport(broken([40, late]), OPTIONS, 'ndjson', { ...threads(n), chunkBytes: 3_000 })).rejects.toThrow(/:40: malformed statement/);
      await expect(aggregateExport(broken([late - 20, late]), OPTIONS, 'ndjson', { ...threads(n), chunkBytes: 3_000 })).rejects.toThrow(new RegExp(`:${late - 20}: malformed statement`));
    }
    // Eight threaded folds (about 1.6 s alone): the same margin.
  }, 60_000);

  it('several files read as one (--from exports/*.ndjson) give the aggregate of one file holding them all, with chunks across the files', async () => {
    const whole = writeFile('whole.ndjson');
    const text = readFileSync(whole, 'utf8');
    const lines = text.slice(1).split('\r\n');
    // Four exports cut at arbitrary lines (the voiding statements and duplicates fall in other files than
    // their targets), and an empty one.
    const cuts = [0, 37, 38, 151, lines.length];
    const files = cuts.slice(1).map((end, i) => {
      const file = path.join(dir, `day-${i}.ndjson`);
      writeFileSync(file, lines.slice(cuts[i], end).join('\n'));
      return file;
    });
    const one = await aggregateExport(whole, OPTIONS);
    expect(await aggregateExports(files, OPTIONS)).toEqual(one);
    for (const chunkBytes of [undefined, 3_000]) {
      for (const n of [2, 3]) {
        const many = await aggregateExports(files, OPTIONS, { ...threads(n), ...(chunkBytes ? { chunkBytes } : {}) });
        expect(many).toEqual(one);
        expect([...many.learners.keys()]).toEqual([...one.learners.keys()]);
      }
    }
    // A malformed statement is named by its own file and line.
    const broken = [...lines.slice(151, 160)];
    broken[4] = '{"id":"x","actor":{}}';
    writeFileSync(files[3] as string, broken.join('\n'));
    await expect(aggregateExports(files, OPTIONS, { ...threads(2), chunkBytes: 3_000 })).rejects.toThrow(/day-3\.ndjson:5: malformed statement/);
    // Four threaded folds: the same margin as above.
  }, 60_000);

  it('a file put in the place of the one being read (a --sync renaming its new file over it) is said, not read as statements cut in two; one that only grew is read as it was', async () => {
    const file = writeFile('replaced.ndjson');
    const text = readFileSync(file, 'utf8');
    const before = statSync(file);
    // The sync's new file, renamed over the old one after the report looked at it.
    writeFileSync(`${file}.new`, `${text.replace(/^\uFEFF/, '')}${text}`);
    renameSync(`${file}.new`, file);
    await expect(aggregateInThreads([{ file, size: before.size, ino: before.ino }], OPTIONS, threads(2))).rejects.toThrow(
      /replaced\.ndjson changed while it was being read \(another report's --sync writing it, or an export still being saved\?\): run the report again once it is done/,
    );
    // Cut short in place: the same.
    const cut = writeFile('cut.ndjson');
    const whole = statSync(cut);
    truncateSync(cut, Math.floor(whole.size / 2));
    await expect(aggregateInThreads([{ file: cut, size: whole.size, ino: whole.ino }], OPTIONS, threads(2))).rejects.toThrow(/cut\.ndjson changed while it was being read/);
    // Statements appended after the report looked: the file as it was is read.
    const grown = writeFile('grown.ndjson');
    const was = statSync(grown);
    appendFileSync(grown, readFileSync(grown, 'utf8').split('\r\n').slice(5, 9).join('\r\n'));
    expect(await aggregateInThreads([{ file: grown, size: was.size, ino: was.ino }], OPTIONS, threads(2))).toEqual(await aggregateExport(writeFile('as-it-was.ndjson'), OPTIONS));
  });

  it('leaves small files to one thread, and reads a missing file as the one-thread path words it', async () => {
    const file = writeFile('small.ndjson');
    expect(await aggregateExport(file, OPTIONS, 'ndjson', { ...threads(2), minBytes: 1 << 30 })).toEqual(await aggregateExport(file, OPTIONS));
    await expect(aggregateExport(path.join(dir, 'missing.ndjson'), OPTIONS, 'ndjson', threads(2))).rejects.toThrow(/does not exist/);
  });
});
