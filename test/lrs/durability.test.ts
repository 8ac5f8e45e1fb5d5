/**
 * Issue 10 point 3: `kill -9` during a load loses nothing that was acknowledged, and a restart on
 * the same file needs no repair. A child LRS takes statements from several concurrent writers; it
 * is SIGKILLed while requests are still in flight; a new one on the same database must return every
 * statement that got a 200, and SQLite's integrity check must pass.
 *
 * What this cannot show: a power cut. A killed process leaves its writes in the OS cache, which
 * reaches the disk anyway; synchronous=FULL (store-sqlite.ts) is what covers the power cut.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { addTestKey, spawnLrs } from '../helpers/embedded-lrs.js';
import { statement } from './lrs-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'cp-lrs-kill-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const WRITERS = 6;
const KILL_AFTER = 150;
const MAX_PER_WRITER = 400;

describe('an LRS killed with SIGKILL under load', () => {
  it('keeps every acknowledged statement and restarts without repair', async () => {
    const db = join(work, 'lrs.sqlite');
    const { auth } = addTestKey(db, 'admin');
    const first = await spawnLrs(db, ['--quiet'], auth);
    const headers = { Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
    const acknowledged: string[] = [];
    let failures = 0;
    let killed = false;

    const writer = async (w: number): Promise<void> => {
      for (let i = 0; i < MAX_PER_WRITER && !killed; i += 1) {
        const id = crypto.randomUUID();
        // Batches of 1 and of 5, so a kill can land inside a multi-statement transaction.
        const batch = i % 2 ? [statement({ id })] : [statement({ id }), ...Array.from({ length: 4 }, () => statement({ id: crypto.randomUUID() }))];
        try {
          const response = await fetch(`${first.endpoint}/statements`, { method: 'POST', headers, body: JSON.stringify(batch) });
          if (response.status === 200) acknowledged.push(...((await response.json()) as string[]));
          else failures += 1;
        } catch {
          failures += 1; // the connection died with the server: not acknowledged, so nothing is promised
        }
        if (!killed && acknowledged.length >= KILL_AFTER && w === 0) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await exited;
    expect(killed).toBe(true);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // Restart on the same file, as a person would: no repair step.
    const second = await spawnLrs(db, ['--quiet'], auth);
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const response = await fetch(`${second.endpoint}/statements?statementId=${id}`, { headers });
        if (response.status !== 200) missing.push(id);
      }
      expect(missing).toEqual([]);
    } finally {
      await second.stop();
    }
    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
    check.close();
  }, 120_000);
});
