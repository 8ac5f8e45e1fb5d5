// A small, valid package as PackageFile[]: the real manifest builder, the shipped XSD copies from
// templates/scorm12/ and a few fake content files. Tests mutate it to make one fault at a time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildManifest, SCHEMA_FILE_NAMES, type ManifestSpec, type PackageFile } from '../../../src/package/index.js';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/scorm12/', import.meta.url));

export const SMALL_SPEC: ManifestSpec = {
  courseId: 'tiny-course',
  version: '1.2.3',
  title: 'Tiny & <Small> "Course" for Ada\'s class',
  language: 'en',
  description: 'Two pages & one check.',
  publisher: 'Innovation Destination; Library & Media, K-12',
  masteryScore: null,
  launch: 'index.html',
  files: ['player.js', 'index.html', 'player.css', 'assets/diagram.svg'],
};

export function schemaFiles(): PackageFile[] {
  return SCHEMA_FILE_NAMES.map((name) => ({ path: name, data: readFileSync(TEMPLATES_DIR + name) }));
}

const encoder = new TextEncoder();

export function textFile(path: string, text: string): PackageFile {
  return { path, data: encoder.encode(text) };
}

/** Content files for every path of a spec, with a manifest that may be replaced. */
export function makePackage(spec: ManifestSpec = SMALL_SPEC, manifest: string = buildManifest(spec)): PackageFile[] {
  return [
    textFile('imsmanifest.xml', manifest),
    ...schemaFiles(),
    ...spec.files.map((path) => textFile(path, `content of ${path}\n`)),
  ];
}
