// Integration: the real CLI builds real courses; the zips are opened with the test zip reader and
// held to SCORM12.md §1 (zip layout), §2 (manifest: XSD, also with the system xmllint, and the checks
// the XSD misses) and the points 4-6 (split packages, byte-identical rebuilds, nothing loaded from outside).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackage, SCHEMA_FILE_NAMES, type PackageFile } from '../../src/package/index.js';
import { dosDateTimeToIso, listZipEntries, readZipBuffer } from '../helpers/read-zip.mjs';
import { fakeClock, ROOT, runBuild, type CliOptions } from '../helpers/run-cli.mjs';
import { findRemoteLoads } from './helpers/find-remote-loads.js';
import { validateManifests, validateManifestsWithSystemXmllint } from './helpers/validate-manifest.js';
import { TEMPLATES_DIR } from './helpers/make-package.js';
import { missing, SHARED_DIR } from '../helpers/require-tools.js';

const TIMEOUT = 60_000;
const SHARED_SCHEMAS = join(SHARED_DIR, 'scorm12-schemas');

const COURSES = [
  { name: 'the mentoring course', dir: 'course', id: 'mentoring-young-inventors' },
  { name: 'the minimal fixture course', dir: 'test/fixtures/courses/minimal', id: 'minimal-course' },
] as const;

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'coursepack-build-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface BuiltZip {
  readonly file: string;
  readonly bytes: Buffer;
  readonly files: Map<string, Buffer>;
}

async function build(courseDir: string, label: string, extra: readonly string[] = [], options: CliOptions = {}): Promise<BuiltZip[]> {
  const out = join(work, label);
  const run = await runBuild(courseDir, out, extra, options);
  expect(run.stderr, run.stdout).not.toMatch(/internal/i);
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  const all = (await readdir(out)).sort();
  // Beside each zip, its xAPI activities file (issue 9 point 7); a split build's whole course's too, which
  // a report needs to count a learner complete once every module's package is.
  const names = all.filter((n) => n.endsWith('-scorm12.zip'));
  const activities = all.filter((n) => !names.includes(n));
  const own = names.map((n) => n.replace(/-scorm12\.zip$/, '-xapi-activities.json'));
  expect(own.filter((n) => !activities.includes(n))).toEqual([]);
  const others = activities.filter((n) => !own.includes(n));
  if (extra.includes('--split')) {
    expect(others).toHaveLength(1);
    const course = (others[0] ?? '').replace(/-xapi-activities\.json$/, '');
    expect(names.every((n) => n.startsWith(`${course}-`))).toBe(true);
  } else expect(others).toEqual([]);
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(out, name));
      return { file: name, bytes, files: readZipBuffer(bytes) };
    }),
  );
}

const builds = new Map<string, Promise<BuiltZip[]>>();
/**
 * The packages of one course and set of options, built once per file: several tests hold the same
 * package to different rules (the layout, the size budget, the mastery score), so they share one build.
 */
function built(courseDir: string, ...extra: string[]): Promise<BuiltZip[]> {
  const key = JSON.stringify([courseDir, extra]);
  let zips = builds.get(key);
  if (zips === undefined) {
    zips = build(courseDir, `build-${builds.size}`, extra);
    builds.set(key, zips);
  }
  return zips;
}

let masteryCopy: Promise<string> | undefined;
/** A copy of the minimal course whose course.yaml sets completion.lmsMastery. */
function masteryCourse(): Promise<string> {
  masteryCopy ??= (async () => {
    const copy = join(work, 'mastery-course');
    await cp(join(ROOT, 'test/fixtures/courses/minimal'), copy, { recursive: true });
    const yaml = await readFile(join(copy, 'course.yaml'), 'utf8');
    await writeFile(join(copy, 'course.yaml'), yaml.replace('  passMark: 80', '  passMark: 80\n  lmsMastery: true'));
    return copy;
  })();
  return masteryCopy;
}

const asPackageFiles = (files: ReadonlyMap<string, Buffer>): PackageFile[] => [...files].map(([path, data]) => ({ path, data }));
const manifestOf = (zip: BuiltZip): string => zip.files.get('imsmanifest.xml')?.toString('utf8') ?? '';

/** Everything a package must satisfy, whichever course or split mode made it. */
async function expectGoodPackages(zips: readonly BuiltZip[]): Promise<void> {
  expect(zips.length).toBeGreaterThan(0);
  for (const zip of zips) await expectGoodPackage(zip);
  // §2: the manifests validate against the XSDs (one libxml2 run for all of them).
  for (const [i, xsd] of (await validateManifests(zips.map(manifestOf))).entries()) {
    expect(xsd.errors, zips[i]?.file).toEqual([]);
    expect(xsd.valid, zips[i]?.file).toBe(true);
  }
}

async function expectGoodPackage(zip: BuiltZip): Promise<void> {
  // §1: manifest at the root, no folders, forward slashes, no junk, fixed dates.
  const entries = listZipEntries(zip.bytes);
  expect(entries.map((e) => e.name)).toContain('imsmanifest.xml');
  for (const e of entries) {
    expect(e.name).toMatch(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/);
    expect(dosDateTimeToIso(e.dosDate, e.dosTime)).toBe('1980-01-01T00:00:00');
    expect(e.externalAttrs >>> 16).toBe(0o100644);
  }
  const names = entries.map((e) => e.name);
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

  // §2.4: the four official XSDs at the root, byte for byte.
  for (const name of SCHEMA_FILE_NAMES) {
    expect(zip.files.get(name)?.equals(await readFile(join(TEMPLATES_DIR, name))), name).toBe(true);
  }

  // §2: the manifest passes what the XSDs miss.
  const xml = manifestOf(zip);
  expect(checkPackage(asPackageFiles(zip.files))).toEqual([]);
  expect(xml).toMatch(/<resource [^>]*adlcp:scormtype="sco"[^>]*href="index\.html"/);

  // Issue point 6: nothing is loaded from outside the package (and the scan did see the pages).
  expect([...zip.files.keys()].filter((n) => /\.(?:html|css|js)$/.test(n)).length).toBeGreaterThanOrEqual(3);
  expect(findRemoteLoads(zip.files)).toEqual([]);
}

describe.each(COURSES)('coursepack build: $name', ({ dir, id }) => {
  it('makes one valid, self-contained SCORM 1.2 zip named <course-id>-scorm12.zip', async () => {
    const zips = await built(dir);
    expect(zips.map((z) => z.file)).toEqual([`${id}-scorm12.zip`]);
    const [zip] = zips;
    if (zip === undefined) throw new Error('no zip');
    await expectGoodPackages(zips);
    // One SCO: one item, one resource (SCORM12.md §5 item 12).
    expect(manifestOf(zip).match(/<item /g)).toHaveLength(1);
    expect(manifestOf(zip).match(/<resource /g)).toHaveLength(1);
  }, TIMEOUT);

  it('gives a byte-identical zip when built twice (sha256)', async () => {
    // The second build reads a clock stopped in 2001 (test/helpers/fake-clock.mjs): a date that leaked into
    // the zip (DOS times have 2-second resolution) would show, with no waiting past that resolution.
    const [[a], [b]] = await Promise.all([built(dir), build(dir, `${id}-in-2001`, [], fakeClock(Date.UTC(2001, 1, 3, 4, 5, 6)))]);
    const sha = (z: BuiltZip | undefined): string => createHash('sha256').update(z?.bytes ?? '').digest('hex');
    expect(sha(b)).toBe(sha(a));
  }, TIMEOUT);

  it('with --split modules makes one valid package per module, with distinct identifiers', async () => {
    const modules = (await readdir(join(ROOT, dir, 'modules'))).filter((n) => /^\d\d-[a-z0-9-]+\.md$/.test(n));
    const zips = await built(dir, '--split', 'modules');
    expect(zips).toHaveLength(modules.length);
    const identifiers = new Set<string>();
    await expectGoodPackages(zips);
    for (const zip of zips) {
      expect(zip.file.startsWith(`${id}-`)).toBe(true);
      for (const m of manifestOf(zip).matchAll(/ identifier="([^"]+)"/g)) {
        expect(identifiers.has(m[1] ?? ''), m[1]).toBe(false);
        identifiers.add(m[1] ?? '');
      }
    }
  }, TIMEOUT);
});

describe('coursepack build: package budget', () => {
  it('keeps the mentoring course zip under 200 KB', async () => {
    const [zip] = await built('course');
    expect(zip?.bytes.length).toBeLessThan(200 * 1024);
  }, TIMEOUT);
});

describe('coursepack build: adlcp:masteryscore', () => {
  it('is absent by default and written when course.yaml sets completion.lmsMastery', async () => {
    const [plain] = await built('test/fixtures/courses/minimal');
    expect(manifestOf(plain as BuiltZip)).not.toContain('masteryscore');

    const [mastery] = await built(await masteryCourse());
    expect(manifestOf(mastery as BuiltZip)).toMatch(/<\/title>\s*<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
    await expectGoodPackages([mastery as BuiltZip]);
  }, TIMEOUT);
});

describe('coursepack build: failures', () => {
  it('leaves no zip and no temporary file when the course has errors', async () => {
    const out = join(work, 'failed');
    const run = await runBuild('test/fixtures/bad/checks', out);
    expect(run.status).toBe(1);
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  }, TIMEOUT);
});

// Libxml2 2.9 (the system xmllint) with the *unpatched* official imsmd schema, as SCORM12.md §2.4 runs
// it, beside xmllint-wasm with the test copies (expectGoodPackages): every package expectGoodPackages checks.
describe.skipIf(missing('xmllint'))('coursepack build: the system xmllint', () => {
  it('validates the manifest of every package above', async () => {
    const zips = (await Promise.all([
      ...COURSES.flatMap(({ dir }) => [built(dir), built(dir, '--split', 'modules')]),
      masteryCourse().then((dir) => built(dir)),
    ])).flat();
    for (const [i, system] of (await validateManifestsWithSystemXmllint(zips.map(manifestOf))).entries()) {
      expect(system.errors, zips[i]?.file).toEqual([]);
      expect(system.valid, zips[i]?.file).toBe(true);
    }
  }, TIMEOUT);
});

describe.skipIf(missing('shared'))('templates/scorm12', () => {
  it('holds byte-exact copies of the official XSDs in ../shared', async () => {
    for (const name of SCHEMA_FILE_NAMES) {
      expect((await readFile(join(TEMPLATES_DIR, name))).equals(await readFile(join(SHARED_SCHEMAS, name))), name).toBe(true);
    }
  });
});
