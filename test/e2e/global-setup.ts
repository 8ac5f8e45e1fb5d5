/**
 * Global setup of the browser project (vitest.config.ts), once per run before any browser test file:
 * builds the fixture packages with the bundled build command into temporary folders (all in one process,
 * harness/build-fixtures.mjs), and starts the run's one Chromium as a Playwright browser server in a process of
 * its own (harness/browser-server.mjs). Test files get both through `inject()` (see use-package.ts, which is
 * what a browser test file calls); the teardown closes Chromium and removes the packages.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { missing } from '../helpers/require-tools.js';
import { ROOT } from '../helpers/run-cli.mjs';

const FIXTURE = join(ROOT, 'test', 'e2e', 'fixtures', 'course');

/** The variant folders made in this run (removed once built). */
const variants = new Set<string>();

/**
 * A copy of `course` in a temporary folder with `edits` (file → text change) made: a variant of a fixture
 * for one course.yaml setting, without a second copy of the fixture in the repository. An edit that
 * changes nothing throws, so a reworded fixture cannot quietly turn a variant back into the original.
 */
async function variantOf(course: string, edits: Record<string, (text: string) => string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coursepack-variant-'));
  variants.add(dir);
  await cp(course, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const before = await readFile(join(dir, file), 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`variant of ${course}: the edit of ${file} changed nothing`);
    await writeFile(join(dir, file), after);
  }
  return dir;
}

/** The courses the browser tests run, built once per run: each a folder, made when it is a variant. */
export const FIXTURE_COURSES = {
  /** test/e2e/fixtures/course: every page type, media, a quiz (what the e2e suites drive). */
  fixture: async () => FIXTURE,
  /** The fixture with two practice checks named as a form's methods (check-ids.test.ts). */
  formMethodIds: () => variantOf(FIXTURE, {
    'modules/01-basics.md': (text) => text.replace(':::check{#practice-single}', ':::check{#querySelector}').replace(':::check{#practice-fill-in type=fill-in}', ':::check{#addEventListener type=fill-in}'),
  }),
  /** The fixture with `completion.retry: missed`, and its multiple-answer scored check shuffled. */
  retryMissed: () => variantOf(FIXTURE, {
    'course.yaml': (text) => text.replace('completion:\n', 'completion:\n  retry: missed\n'),
    'modules/02-quiz.md': (text) => text.replace(':::check{#quiz-multiple type=multiple}', ':::check{#quiz-multiple type=multiple shuffle}'),
  }),
  /** The fixture with `completion.revealAnswers: immediately`: each scored answer is checked and locked as it is given. */
  revealImmediately: () => variantOf(FIXTURE, {
    'course.yaml': (text) => text.replace('completion:\n', 'completion:\n  revealAnswers: immediately\n'),
  }),
  /** The fixture with `language: es`: the player's own words in Spanish (player-words.test.ts). */
  spanish: () => variantOf(FIXTURE, {
    'course.yaml': (text) => text.replace('language: en\n', 'language: es\n'),
  }),
  /** The fixture with `language: ar`: laid out right to left (its words stay English, with a warning). */
  arabic: () => variantOf(FIXTURE, {
    'course.yaml': (text) => text.replace('language: en\n', 'language: ar\n'),
  }),
  /**
   * The fixture with `language: de`, and of the player's words only `next` given (`Weiter`): the rest stay
   * English, marked `lang="en"` (player-words.test.ts).
   */
  german: () => variantOf(FIXTURE, {
    'course.yaml': (text) => `${text.replace('language: en\n', 'language: de\n')}words:\n  next: Weiter\n`,
  }),
  /**
   * The fixture with `language: ja` and the cover's counts in Japanese words course.yaml gives, written as Japanese
   * writes them, with no space between the number and what it counts (`6ページ`), and one with a space (`5 分`).
   */
  japanese: () => variantOf(FIXTURE, {
    'course.yaml': (text) => `${text.replace('language: en\n', 'language: ja\n')}words:\n  aboutMinutes: 約{n}分\n  moduleCount: '{n}モジュール'\n  pageCount: '{n}ページ'\n  minutesShort: '{n} 分'\n`,
  }),
  /** The fixture with `tracking.practiceInteractions: true`: practice answers (the matching check's) reach the LMS too. */
  practiceTracked: () => variantOf(FIXTURE, {
    'course.yaml': (text) => text.replace('completion:\n', 'tracking:\n  practiceInteractions: true\ncompletion:\n'),
  }),
  /** The fixture with a certificate of completion (course.yaml `certificate`, with a credit line). */
  certificate: () => variantOf(FIXTURE, {
    'course.yaml': (text) => `${text}certificate:\n  credit: 2 professional development hours\n`,
  }),
  /** The fixture with a scored fill-in check in its quiz (fill-in.test.ts: drafts, the locked answer). */
  typedQuiz: () => variantOf(FIXTURE, {
    'modules/02-quiz.md': (text) => text.replace('## True or false\n', ':::check{#quiz-fill-in type=fill-in}\nWhich colour are ripe bananas?\n\n- [x] Yellow\n  Ripe bananas are yellow.\n- [ ] *\n  Think of a ripe banana.\n:::\n\n## True or false\n'),
  }),
  /** The fixture with `tracking.reflections: share`: each saved reflection is also an xAPI statement. */
  sharedReflections: () => variantOf(FIXTURE, {
    'course.yaml': (text) => text.replace('completion:\n', 'tracking:\n  reflections: share\ncompletion:\n'),
  }),
  /**
   * The fixture in Spanish with its video in raw HTML, tracks in English (`srclang="en"`): the player voices a
   * raw-HTML descriptions track too, in its own language (accessibility.test.ts).
   */
  rawVideo: () => variantOf(FIXTURE, {
    'course.yaml': (text) => text.replace('language: en\n', 'language: es\n'),
    'modules/02-quiz.md': (text) => text.replace(/^::video\{.*\}$/m, '<video controls src="../assets/clip.webm"><track kind="captions" src="../assets/clip.vtt" srclang="en" label="English" default><track kind="descriptions" src="../assets/clip-descriptions.vtt" srclang="en" label="Audio description"></video>'),
  }),
  /** course/: the shipped mentoring course (test/course/course-in-lms.test.ts). */
  mentoring: async () => join(ROOT, 'course'),
} as const;

export type FixtureCourse = keyof typeof FIXTURE_COURSES;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Playwright's WebSocket endpoint of the run's Chromium; null when Chromium is missing (the files skip). */
    chromiumWsEndpoint: string | null;
    /** Path of each fixture course's zip, built once per run. */
    packageZips: Record<FixtureCourse, string>;
  }
}

interface BrowserServer {
  readonly wsEndpoint: string;
  close(): Promise<void>;
}

/**
 * The run's Chromium behind a Playwright server in a Node process of its own (harness/browser-server.mjs), not
 * in vitest's main process: every worker's protocol message passes through the server, and in the main process
 * each waited behind vitest's own work there (reporting, transforming and serving the unit files' modules), the
 * two workers behind each other's. Measured on 2 cores, the browser project alone, two runs each interleaved:
 * 57.0 / 53.7 s wall, idle 14.7 / 14.2 CPU-s before; 56.1 / 51.7 s, idle 13.9 / 14.1 after. The process ends
 * when its stdin does: at teardown, or when this process dies without one.
 */
async function startBrowserServer(): Promise<BrowserServer> {
  const child = spawn(process.execPath, [join(ROOT, 'test', 'e2e', 'harness', 'browser-server.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Its line, whatever else may come to stdout before it.
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{"wsEndpoint":')) resolve((JSON.parse(line) as { wsEndpoint: string }).wsEndpoint);
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error('the browser server exited before it said where it listens')));
  });
  return {
    wsEndpoint,
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** Each course's zip, in the order of `names`; throws with what the build said when one fails (the zips made are removed). */
async function buildFixtures(names: readonly FixtureCourse[]): Promise<string[]> {
  const dirs = await Promise.all(names.map((name) => FIXTURE_COURSES[name]()));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'test', 'e2e', 'harness', 'build-fixtures.mjs'), ...dirs], { maxBuffer: 64 * 1024 * 1024 });
    const results = JSON.parse(stdout) as Array<{ zip: string } | { error: string }>;
    const zips = results.flatMap((r) => ('zip' in r ? [r.zip] : []));
    const failed = results.find((r): r is { error: string } => 'error' in r);
    if (failed) {
      await Promise.all(zips.map((zip) => rm(dirname(zip), { recursive: true, force: true })));
      throw new Error(failed.error);
    }
    return zips;
  } finally {
    // Only the copies made here (a clone may itself sit in the temporary folder).
    await Promise.all(dirs.filter((dir) => variants.has(dir)).map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const names = Object.keys(FIXTURE_COURSES) as FixtureCourse[];
  const [launched, built] = await Promise.allSettled([
    missing('chromium') ? null : startBrowserServer(),
    buildFixtures(names),
  ]);
  const server = launched.status === 'fulfilled' ? launched.value : null;
  const zips = built.status === 'fulfilled' ? built.value : [];
  const teardown = async (): Promise<void> => {
    await server?.close();
    await Promise.all(zips.map((zip) => rm(dirname(zip), { recursive: true, force: true })));
  };
  const failed = [launched, built].find((r) => r.status === 'rejected');
  if (failed?.status === 'rejected') {
    await teardown();
    throw failed.reason;
  }
  project.provide('chromiumWsEndpoint', server?.wsEndpoint ?? null);
  project.provide('packageZips', Object.fromEntries(names.map((name, i) => [name, zips[i] ?? ''])) as Record<FixtureCourse, string>);
  return teardown;
}
