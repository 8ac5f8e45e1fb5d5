// XSD validation of a manifest with libxml2 (xmllint-wasm), through the driver schema that
// imports all three SCORM 1.2 namespaces (SCORM12.md §2.4). Reads the test copies in
// test/fixtures/scorm12-validate/ so CI works on a clean clone without ../shared.
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

export async function validateManifest(xml: string): Promise<ManifestValidation> {
  const [driver, ...preload] = await loadSchemas();
  if (driver === undefined) throw new Error('driver schema missing');
  const result = await validateXML({ xml: [{ fileName: 'imsmanifest.xml', contents: xml }], schema: [driver], preload });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/**
 * The same check with the system xmllint (libxml2 2.9.x) and the *unpatched* official imsmd
 * schema from templates/scorm12/, as SCORM12.md §2.4 runs it. Tests that call it skip with
 * `missing('xmllint')` (test/helpers/require-tools.ts); without xmllint it throws.
 */
export async function validateManifestWithSystemXmllint(xml: string): Promise<ManifestValidation> {
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
    await writeFile(join(dir, 'imsmanifest.xml'), xml);
    const run = spawnSync('xmllint', ['--noout', '--schema', join(dir, DRIVER), join(dir, 'imsmanifest.xml')], { encoding: 'utf8' });
    if (run.error) throw run.error;
    const errors = run.stderr.split('\n').filter((line) => line.length > 0 && !line.endsWith(' validates'));
    return { valid: run.status === 0, errors };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
