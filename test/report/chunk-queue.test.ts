/**
 * The queue threads share the chunks of a report's file through (src/report/chunk-queue.ts): homes dealt
 * in order, the owner taking its home from the front, others taking it from the back, every chunk taken
 * exactly once, by any interleaving of calls and by real threads racing on one SharedArrayBuffer.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkQueue, MAX_CHUNKS } from '../../src/report/chunk-queue.js';

describe('the chunk queue', () => {
  it('deals consecutive homes, as even as can be, home t before home t+1', () => {
    expect([0, 1, 2].map((t) => ChunkQueue.home(10, 3, t))).toEqual([{ first: 0, end: 3 }, { first: 3, end: 6 }, { first: 6, end: 10 }]);
    expect([0, 1, 2].map((t) => ChunkQueue.home(2, 3, t))).toEqual([{ first: 0, end: 0 }, { first: 0, end: 1 }, { first: 1, end: 2 }]);
    expect(() => ChunkQueue.create(MAX_CHUNKS + 1, 2)).toThrow(/0 to 32768 chunks/);
    expect(() => ChunkQueue.create(4, 0)).toThrow(/needs a thread/);
  });

  it('gives the owner its home front to back, and another thread the fullest home back to front', () => {
    const queue = ChunkQueue.create(9, 3);
    expect([queue.takeOwn(0), queue.takeOwn(0)]).toEqual([0, 1]);
    // Home 1 (3, 4, 5) and home 2 (6, 7, 8) are as full; home 0 has one left.
    expect(queue.takeOwn(1)).toBe(3);
    expect(queue.steal(0)).toBe(8);
    expect(queue.steal(0)).toBe(5);
    expect(queue.takeOwn(2)).toBe(6);
    expect(queue.takeOwn(0)).toBe(2);
    expect(queue.takeOwn(0)).toBe(-1);
    // One left in each: a tie goes to the earlier home.
    expect([queue.steal(0), queue.steal(0), queue.steal(0)]).toEqual([4, 7, -1]);
    expect([queue.takeOwn(1), queue.takeOwn(2), queue.steal(1)]).toEqual([-1, -1, -1]);
  });

  it('hands out every chunk exactly once, whatever the order of calls (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 120 }), (chunks, threads, calls) => {
        const queue = ChunkQueue.create(chunks, threads);
        const taken: number[] = [];
        const owned = Array.from({ length: threads }, () => [] as number[]);
        for (const [who, own] of calls) {
          const t = who % threads;
          const chunk = own ? queue.takeOwn(t) : queue.steal(t);
          if (chunk < 0) continue;
          taken.push(chunk);
          if (own) owned[t]?.push(chunk);
        }
        // Then everyone drains the queue, as the threads do.
        for (let t = 0; t < threads; t++) for (let c = queue.takeOwn(t); c >= 0; c = queue.takeOwn(t)) (taken.push(c), owned[t]?.push(c));
        for (let t = 0; t < threads; t++) for (let c = queue.steal(t); c >= 0; c = queue.steal(t)) taken.push(c);
        expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: chunks }, (_, i) => i));
        // What an owner took of its home is consecutive, from the home's first chunk: one aggregate.
        owned.forEach((list, t) => list.forEach((c, i) => expect(c).toBe(ChunkQueue.home(chunks, threads, t).first + i)));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('hands out every chunk exactly once to real threads racing on one buffer', async () => {
    const chunks = 20_000;
    const threads = 4;
    const queue = ChunkQueue.create(chunks, threads);
    // The module itself, compiled for the workers (they cannot import TypeScript). Each worker takes its
    // home, then steals, as foldShare does, with no work between calls: the tightest race.
    const module = transformSync(readFileSync(new URL('../../src/report/chunk-queue.ts', import.meta.url), 'utf8'), { loader: 'ts', format: 'cjs' }).code;
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const module = { exports: {} };
      new Function('module', 'exports', ${JSON.stringify(module)})(module, module.exports);
      const queue = module.exports.ChunkQueue.attach(workerData.buffer);
      const got = [];
      for (let c = queue.takeOwn(workerData.t); c >= 0; c = queue.takeOwn(workerData.t)) got.push(c);
      for (let c = queue.steal(workerData.t); c >= 0; c = queue.steal(workerData.t)) got.push(c);
      parentPort.postMessage(got);
    `;
    const answers = Array.from({ length: threads - 1 }, (_, i) => new Promise<number[]>((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: { buffer: queue.buffer, t: i + 1 } });
      worker.once('message', (got: number[]) => void worker.terminate().then(() => resolve(got)));
      worker.once('error', reject);
    }));
    const mine: number[] = [];
    for (let c = queue.takeOwn(0); c >= 0; c = queue.takeOwn(0)) mine.push(c);
    for (let c = queue.steal(0); c >= 0; c = queue.steal(0)) mine.push(c);
    const all = [...mine, ...(await Promise.all(answers)).flat()];
    expect(all).toHaveLength(chunks);
    expect(new Set(all).size).toBe(chunks);
  });
});
