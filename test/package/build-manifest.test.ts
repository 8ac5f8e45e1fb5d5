import { describe, expect, it } from 'vitest';
import { buildManifest, checkPackage, makeManifestIdentifiers, type ManifestSpec } from '../../src/package/index.js';
import { IDENTIFIER_PATTERN } from '../../src/package/scorm12-names.js';
import { missing } from '../helpers/require-tools.js';
import { makePackage, SMALL_SPEC } from './helpers/make-package.js';
import { sharedValidation, validateManifestsWithSystemXmllint } from './helpers/validate-manifest.js';


// Specs that stress the builder: specials in titles, an empty description, a split-package id
// longer than 64 characters, the longest title and version allowed, a fractional mastery score.
const SPECS: Readonly<Record<string, ManifestSpec>> = {
  small: SMALL_SPEC,
  mastery: { ...SMALL_SPEC, masteryScore: 80 },
  'mastery 0 and empty description': { ...SMALL_SPEC, masteryScore: 0, description: '' },
  'fractional mastery': { ...SMALL_SPEC, masteryScore: 72.5 },
  'split package with a long id': {
    ...SMALL_SPEC,
    courseId: `${'a'.repeat(64)}-${'b'.repeat(64)}`,
    title: 'T'.repeat(200),
    version: '2026.11.28-beta.1+ab',
  },
  'language with region': { ...SMALL_SPEC, language: 'es-MX', title: 'Mentoría para jóvenes inventores' },
  'no publisher': { ...SMALL_SPEC, publisher: '' },
};

describe('buildManifest', () => {
  // Golden files (vitest file snapshots): `npx vitest run -u` rewrites them after an intended change.
  it('matches the golden manifest for a small course', async () => {
    await expect(buildManifest(SMALL_SPEC)).toMatchFileSnapshot('golden/tiny-course.imsmanifest.xml');
  });

  it('matches the golden manifest for a small course with an LMS mastery score', async () => {
    await expect(buildManifest({ ...SMALL_SPEC, masteryScore: 80 })).toMatchFileSnapshot('golden/tiny-course-mastery.imsmanifest.xml');
  });

  // Each validator reads all the specs' manifests in one run (validate-manifest.ts).
  const specs = Object.entries(SPECS);
  const manifests = (): string[] => specs.map(([, spec]) => buildManifest(spec));
  const xsd = sharedValidation(manifests);
  const systemXmllint = sharedValidation(manifests, validateManifestsWithSystemXmllint);
  for (const [index, [name, spec]] of specs.entries()) {
    it(`validates against the SCORM 1.2 XSDs: ${name}`, async () => {
      const result = await xsd(index);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it.skipIf(missing('xmllint'))(`validates with the system xmllint and the unpatched imsmd schema: ${name}`, async () => {
      const result = await systemXmllint(index);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it(`passes checkPackage: ${name}`, () => {
      expect(checkPackage(makePackage(spec))).toEqual([]);
    });
  }

  it('is deterministic: the same spec, in any file order, gives the same bytes', () => {
    const reordered = { ...SMALL_SPEC, files: [...SMALL_SPEC.files].reverse() };
    expect(buildManifest(reordered)).toBe(buildManifest(SMALL_SPEC));
  });

  it('uses the default imscp namespace, the literal adlcp prefix and scormtype="sco"', () => {
    const xml = buildManifest(SMALL_SPEC);
    expect(xml).toMatch(/<manifest xmlns="http:\/\/www\.imsproject\.org\/xsd\/imscp_rootv1p1p2"/);
    expect(xml).toContain('xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"');
    expect(xml).not.toMatch(/<\/?imscp:/);
    expect(xml).toContain('<schema>ADL SCORM</schema>');
    expect(xml).toContain('<schemaversion>1.2</schemaversion>');
    expect(xml).toMatch(/<resource [^>]*adlcp:scormtype="sco"[^>]*href="index\.html"/);
  });

  it('writes xsi:schemaLocation on one line with single spaces', () => {
    const value = /xsi:schemaLocation="([^"]*)"/.exec(buildManifest(SMALL_SPEC))?.[1] ?? '';
    expect(value.split(' ')).toHaveLength(6);
    expect(value).not.toMatch(/\s\s|[\r\n\t]|&#/);
  });

  it('names the publisher (course.yaml organization) in the LOM lifecycle, as a vCard with its specials escaped', () => {
    const xml = buildManifest(SMALL_SPEC);
    const lifecycle = /<imsmd:lifecycle>([\s\S]*)<\/imsmd:lifecycle>/.exec(xml)?.[1] ?? '';
    expect(lifecycle).toMatch(/<imsmd:version>[\s\S]*<\/imsmd:version>\s*<imsmd:contribute>/);
    expect(lifecycle).toContain('<imsmd:langstring xml:lang="x-none">LOMv1.0</imsmd:langstring>');
    expect(lifecycle).toContain('<imsmd:langstring xml:lang="x-none">Publisher</imsmd:langstring>');
    expect(lifecycle).toContain('<imsmd:vcard>BEGIN:VCARD\nVERSION:3.0\nFN:Innovation Destination\\; Library &amp; Media\\, K-12\n');
    expect(buildManifest({ ...SMALL_SPEC, publisher: '' })).not.toContain('imsmd:contribute');
    // A YAML block scalar can bring a line break: escaped, or it would start a vCard property of its own.
    expect(buildManifest({ ...SMALL_SPEC, publisher: 'Lincoln USD\nLibrary Services' })).toContain('FN:Lincoln USD\\nLibrary Services\n');
  });

  it('escapes & < > in titles and descriptions', () => {
    const xml = buildManifest(SMALL_SPEC);
    expect(xml).toContain('<title>Tiny &amp; &lt;Small&gt; "Course" for Ada\'s class</title>');
    expect(xml).toContain('Two pages &amp; one check.');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('writes adlcp:masteryscore only when the course asks for it, after the item title', () => {
    expect(buildManifest(SMALL_SPEC)).not.toContain('masteryscore');
    expect(buildManifest({ ...SMALL_SPEC, masteryScore: 80 })).toMatch(/<\/title>\s*<adlcp:masteryscore>80<\/adlcp:masteryscore>\s*<\/item>/);
    expect(buildManifest({ ...SMALL_SPEC, masteryScore: 0 })).toContain('<adlcp:masteryscore>0</adlcp:masteryscore>');
    // Never in exponent form (String(1e-7) is "1e-7", which no LMS reads as a decimal).
    expect(buildManifest({ ...SMALL_SPEC, masteryScore: 1e-7 })).toContain('<adlcp:masteryscore>0.0000001</adlcp:masteryscore>');
    expect(buildManifest({ ...SMALL_SPEC, masteryScore: 72.5 })).toContain('<adlcp:masteryscore>72.5</adlcp:masteryscore>');
  });

  it('lists every file once, sorted, and no XSD or manifest', () => {
    const hrefs = [...buildManifest(SMALL_SPEC).matchAll(/<file href="([^"]*)"\/>/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['assets/diagram.svg', 'index.html', 'player.css', 'player.js']);
  });

  it('leaves out the description when it is empty', () => {
    expect(buildManifest({ ...SMALL_SPEC, description: '' })).not.toContain('imsmd:description');
  });
});

describe('manifest identifiers', () => {
  it('are valid, unique xs:IDs of at most 64 characters', () => {
    for (const spec of Object.values(SPECS)) {
      const ids = Object.values(makeManifestIdentifiers(spec.courseId, spec.version));
      for (const id of ids) expect(id).toMatch(IDENTIFIER_PATTERN);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('are stable: derived from course id and version only', () => {
    expect(makeManifestIdentifiers('mentoring-young-inventors', '1.0.0')).toEqual({
      manifest: 'MANIFEST-mentoring-young-inventors-v1-0-0',
      organization: 'ORG-mentoring-young-inventors',
      item: 'ITEM-mentoring-young-inventors',
      resource: 'RES-mentoring-young-inventors',
    });
  });

  it('change the manifest id with the version but keep item and resource ids (LMS tracking survives an update)', () => {
    const v1 = makeManifestIdentifiers('course', '1.0.0');
    const v2 = makeManifestIdentifiers('course', '1.1.0');
    expect(v2.manifest).not.toBe(v1.manifest);
    expect(v2.item).toBe(v1.item);
    expect(v2.resource).toBe(v1.resource);
  });

  it('keep long split-package ids distinct after shortening', () => {
    const course = 'c'.repeat(60);
    const a = makeManifestIdentifiers(`${course}-module-one`, '1.0.0');
    const b = makeManifestIdentifiers(`${course}-module-two`, '1.0.0');
    for (const key of ['manifest', 'organization', 'item', 'resource'] as const) {
      expect(a[key]).toHaveLength(64);
      expect(a[key]).not.toBe(b[key]);
    }
  });
});

describe('buildManifest rejects specs the build should have refused', () => {
  const bad: readonly (readonly [string, Partial<ManifestSpec>])[] = [
    ['course id with upper case', { courseId: 'Course' }],
    ['course id starting with a digit', { courseId: '1course' }],
    ['version over 20 characters', { version: '1'.repeat(21) }],
    ['title over 200 characters', { title: 'T'.repeat(201) }],
    ['empty title', { title: '  ' }],
    ['control character in the title', { title: 'Bell\u0007' }],
    ['mastery score over 100', { masteryScore: 101 }],
    ['negative mastery score', { masteryScore: -1 }],
    ['NaN mastery score', { masteryScore: Number.NaN }],
    ['launch file not listed', { launch: 'start.html' }],
    ['file listed twice', { files: ['index.html', 'index.html'] }],
    ['backslash path', { files: ['index.html', 'assets\\a.png'] }],
    ['parent path', { files: ['index.html', '../secret.txt'] }],
    ['absolute path', { files: ['index.html', '/etc/passwd'] }],
    ['query in a path', { files: ['index.html', 'a.html?x=1'] }],
    ['empty segment', { files: ['index.html', 'assets//a.png'] }],
    ['space in a path', { files: ['index.html', 'assets/my photo.png'] }],
    ['drive letter', { files: ['index.html', 'C:/a.png'] }],
    ['an XSD listed as a file', { files: ['index.html', 'ims_xml.xsd'] }],
    ['the manifest listed as a file', { files: ['index.html', 'imsmanifest.xml'] }],
  ];
  for (const [name, change] of bad) {
    it(name, () => {
      expect(() => buildManifest({ ...SMALL_SPEC, ...change })).toThrow(RangeError);
    });
  }
});
