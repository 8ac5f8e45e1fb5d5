// XSD validation of manifests with libxml2 (xmllint-wasm), through the driver schema that
// imports all three SCORM 1.2 namespaces (SCORM12.md §2.4). Reads the test copies in
// test/fixtures/scorm12-validate/ so CI works on a clean clone without ../shared.
// Many manifests go through one xmllint run (as `xmllint --schema driver.xsd a.xml b.xml …`):
// starting libxml2 costs about as much as validating a manifest, so tests that check many
// manifests (check-package's fixtures, build-manifest's specs) ask for all of them at once.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const VALIDATE_DIR = fileURLToPath(new URL('../../fixtures/scorm12-validate/', import.meta.url));
const DRIVER = 'scorm12_validate.xsd';
const IMPORTED = ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'] as const;

let schemaFiles: Promise<{ fileName: string; contents: string }[]> | undefined;

function loadSchemas(): Promise<{ fileName: string; contents: string }[]> {
  schemaFiles ??= Promise.all(
    [DRIVER, ...IMPORTED].map(async (fileName) => ({ fileName, contents: await readFile(VALIDATE_DIR + fileName, 'utf8') })),
  );
  return schemaFiles;
}

export interface ManifestValidation {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

/** The name each manifest of a run gets: unique, and no name is the start of another followed by ':' or ' '. */
const nameOf = (index: number): string => `imsmanifest-${index}.xml`;

/**
 * Splits xmllint's report on several files (its stderr) by file: a file is valid when xmllint says
 * "NAME validates"; every other line belongs to the file it starts with ("NAME:12: …", "NAME fails
 * to validate") or, for a continuation line, to the file before it. Lines before any file name
 * (a broken schema) go to every file, so no file reads as valid by mistake.
 */
function splitReport(count: number, report: string): ManifestValidation[] {
  const names = Array.from({ length: count }, (_, i) => nameOf(i));
  const valid = names.map(() => false);
  const errors: string[][] = names.map(() => []);
  let current = -1;
  for (const line of report.split('\n')) {
    if (line.length === 0) continue;
    const named = names.findIndex((name) => line.startsWith(`${name}:`) || line.startsWith(`${name} `));
    if (named >= 0 && line === `${names[named]} validates`) {
      valid[named] = true;
      continue;
    }
    if (named >= 0) current = named;
    for (const [i, list] of errors.entries()) if (current < 0 || i === current) list.push(line);
  }
  return names.map((_, i) => ({ valid: valid[i] === true, errors: errors[i] ?? [] }));
}

/** Every manifest against the SCORM 1.2 XSDs, in one xmllint-wasm run; results in the same order. */
export async function validateManifests(xmls: readonly string[]): Promise<ManifestValidation[]> {
  if (xmls.length === 0) return [];
  const [driver, ...preload] = await loadSchemas();
  if (driver === undefined) throw new Error('driver schema missing');
  const result = await validateXML({ xml: xmls.map((contents, i) => ({ fileName: nameOf(i), contents })), schema: [driver], preload });
  return splitReport(xmls.length, result.rawOutput);
}

/**
 * The same check with the system xmllint (libxml2 2.9.x) and the *unpatched* official imsmd
 * schema from templates/scorm12/, as SCORM12.md §2.4 runs it; all manifests in one run. Tests that
 * call it skip with `missing('xmllint')` (test/helpers/require-tools.ts); without xmllint it throws.
 */
export async function validateManifestsWithSystemXmllint(xmls: readonly string[]): Promise<ManifestValidation[]> {
  if (xmls.length === 0) return [];
  const { spawnSync } = await import('node:child_process');
  const { mkdtemp, copyFile, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'coursepack-xmllint-'));
  try {
    const templates = fileURLToPath(new URL('../../../templates/scorm12/', import.meta.url));
    await copyFile(VALIDATE_DIR + DRIVER, join(dir, DRIVER));
    await copyFile(VALIDATE_DIR + 'ims_xml.xsd', join(dir, 'ims_xml.xsd'));
    for (const name of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd']) await copyFile(templates + name, join(dir, name));
    const names = xmls.map((_, i) => nameOf(i));
    await Promise.all(xmls.map((xml, i) => writeFile(join(dir, names[i] ?? ''), xml)));
    const run = spawnSync('xmllint', ['--noout', '--schema', DRIVER, ...names], { cwd: dir, encoding: 'utf8' });
    if (run.error) throw run.error;
    return splitReport(xmls.length, run.stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One validation run for a fixed list of manifests, shared by the tests that each check one of them:
 * the run starts with the first test that asks, so any one test also runs alone (`vitest -t`).
 */
export function sharedValidation(
  manifests: () => readonly string[],
  validate: (xmls: readonly string[]) => Promise<ManifestValidation[]> = validateManifests,
): (index: number) => Promise<ManifestValidation> {
  let run: Promise<ManifestValidation[]> | undefined;
  return async (index) => {
    run ??= validate(manifests());
    const result = (await run)[index];
    if (result === undefined) throw new Error(`no validation result for manifest ${index}`);
    return result;
  };
}
