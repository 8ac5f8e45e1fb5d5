// One failing fixture per check the XSD misses (SCORM12.md §1, §2.5), table-driven. For manifest
// faults the table also records what libxml2 says about the same manifest, which shows which
// faults only checkPackage() can catch (xsd: 'valid').
import { describe, expect, it } from 'vitest';
import { buildManifest, checkPackage, PACKAGE_RULES, type PackageFile, type PackageRuleId } from '../../src/package/index.js';
import { makePackage, SMALL_SPEC, textFile } from './helpers/make-package.js';
import { sharedValidation } from './helpers/validate-manifest.js';

const GOOD = buildManifest(SMALL_SPEC);
const GOOD_MASTERY = buildManifest({ ...SMALL_SPEC, masteryScore: 80 });
const CP_ELEMENTS = ['manifest', 'metadata', 'schema', 'schemaversion', 'organizations', 'organization', 'title', 'item', 'resources', 'resource', 'file'];

function replaced(xml: string, from: string | RegExp, to: string): string {
  const next = xml.replace(from, to);
  if (next === xml) throw new Error(`fixture did not change: ${String(from)}`);
  return next;
}

/** The good package with another manifest text. */
const manifest = (xml: string): PackageFile[] => makePackage(SMALL_SPEC, xml);
/** The good package with its entries edited. */
const entries = (edit: (files: PackageFile[]) => PackageFile[]): PackageFile[] => edit(makePackage());

interface Fixture {
  readonly rule: PackageRuleId;
  readonly name: string;
  readonly files: PackageFile[];
  /** What XSD validation says about this fixture's manifest; undefined when the fault is in the zip. */
  readonly xsd?: 'valid' | 'invalid';
}

const FIXTURES: readonly Fixture[] = [
  { rule: 'dangling-identifierref', name: 'item points at a resource that does not exist', xsd: 'valid',
    files: manifest(replaced(GOOD, 'identifierref="RES-tiny-course"', 'identifierref="RES-gone"')) },
  { rule: 'dangling-default', name: 'organizations/@default names an item, not an organization', xsd: 'valid',
    files: manifest(replaced(GOOD, 'default="ORG-tiny-course"', 'default="ITEM-tiny-course"')) },
  { rule: 'dangling-default', name: 'organizations/@default names no element at all', xsd: 'valid',
    files: manifest(replaced(GOOD, 'default="ORG-tiny-course"', 'default="ORG-gone"')) },
  { rule: 'schemaversion-not-1-2', name: 'schemaversion CAM 1.3 (Moodle: SCORM 2004)', xsd: 'valid',
    files: manifest(replaced(GOOD, '<schemaversion>1.2</schemaversion>', '<schemaversion>CAM 1.3</schemaversion>')) },
  { rule: 'schema-not-adl-scorm', name: 'schema IMS Content', xsd: 'valid',
    files: manifest(replaced(GOOD, '<schema>ADL SCORM</schema>', '<schema>IMS Content</schema>')) },
  { rule: 'masteryscore-range', name: 'masteryscore "eighty"', xsd: 'valid',
    files: manifest(replaced(GOOD_MASTERY, '<adlcp:masteryscore>80<', '<adlcp:masteryscore>eighty<')) },
  { rule: 'masteryscore-range', name: 'masteryscore 101', xsd: 'valid',
    files: manifest(replaced(GOOD_MASTERY, '<adlcp:masteryscore>80<', '<adlcp:masteryscore>101<')) },
  { rule: 'file-missing', name: 'a listed file is not in the zip',
    files: entries((f) => f.filter((x) => x.path !== 'player.css')) },
  { rule: 'file-missing', name: 'the launch href is not in the zip', xsd: 'valid',
    files: manifest(replaced(GOOD, 'href="index.html">', 'href="start.html?page=1">')) },
  { rule: 'file-case-mismatch', name: 'the zip holds Player.js, the manifest player.js',
    files: entries((f) => f.map((x) => (x.path === 'player.js' ? { ...x, path: 'Player.js' } : x))) },
  { rule: 'entry-backslash', name: 'a Windows path separator in an entry',
    files: entries((f) => f.map((x) => (x.path === 'assets/diagram.svg' ? { ...x, path: 'assets\\diagram.svg' } : x))) },
  { rule: 'manifest-not-at-root', name: 'the manifest inside an enclosing folder',
    files: entries((f) => f.map((x) => (x.path === 'imsmanifest.xml' ? { ...x, path: 'Course/imsmanifest.xml' } : x))) },
  { rule: 'manifest-not-at-root', name: 'the manifest name in another case',
    files: entries((f) => f.map((x) => (x.path === 'imsmanifest.xml' ? { ...x, path: 'IMSManifest.xml' } : x))) },
  { rule: 'junk-entry', name: '__MACOSX resource fork',
    files: entries((f) => [...f, textFile('__MACOSX/._index.html', 'x')]) },
  { rule: 'junk-entry', name: '.DS_Store',
    files: entries((f) => [...f, textFile('assets/.DS_Store', 'x')]) },
  { rule: 'adlcp-prefix', name: 'the ADL namespace under the prefix adl', xsd: 'valid',
    files: manifest(GOOD.replaceAll('xmlns:adlcp=', 'xmlns:adl=').replaceAll('adlcp:', 'adl:')) },
  { rule: 'prefixed-imscp-element', name: 'IMS CP elements written as imscp:*', xsd: 'valid',
    files: manifest(
      replaced(
        GOOD.replace(new RegExp(`<(/?)(${CP_ELEMENTS.join('|')})\\b`, 'g'), '<$1imscp:$2'),
        '<imscp:manifest xmlns=',
        '<imscp:manifest xmlns:imscp=',
      ),
    ) },
  { rule: 'missing-scormtype', name: 'resource without adlcp:scormtype (Moodle: asset)', xsd: 'valid',
    files: manifest(replaced(GOOD, ' adlcp:scormtype="sco"', '')) },
  { rule: 'sco-without-href', name: 'SCO resource without href', xsd: 'valid',
    files: manifest(replaced(GOOD, /(<resource [^>]*) href="index\.html"/, '$1')) },
  { rule: 'item-ref-and-children', name: 'item with identifierref and a child item', xsd: 'valid',
    files: manifest(replaced(GOOD, /(<item [^>]*>\s*<title>[^<]*<\/title>)/, '$1<item identifier="ITEM-child" identifierref="RES-tiny-course"><title>Child</title></item>')) },
  { rule: 'manifest-unescaped-ampersand', name: 'bare & in a title', xsd: 'invalid',
    files: manifest(replaced(GOOD, '<title>Tiny &amp; ', '<title>Tiny & ')) },
  { rule: 'schema-location-line-break', name: '&#xD;&#xA; inside xsi:schemaLocation', xsd: 'valid',
    files: manifest(replaced(GOOD, ' http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 ', '&#xD;&#xA;http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 ')) },
  { rule: 'schema-location-line-break', name: 'a literal line break inside xsi:schemaLocation', xsd: 'valid',
    files: manifest(replaced(GOOD, ' http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 ', '\r\n    http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 ')) },
  { rule: 'identifier-format', name: 'dots in an identifier (valid NCName, broke one LMS)', xsd: 'valid',
    files: manifest(replaced(GOOD, 'identifier="ITEM-tiny-course"', 'identifier="com.example.item"')) },
  { rule: 'duplicate-identifier', name: 'item and resource share an identifier', xsd: 'invalid',
    files: manifest(replaced(GOOD, 'identifier="ITEM-tiny-course"', 'identifier="RES-tiny-course"')) },
  { rule: 'file-not-listed', name: 'a packaged file missing from the <file> list',
    files: entries((f) => [...f, textFile('assets/extra.png', 'x')]) },
  { rule: 'schema-file-missing', name: 'ims_xml.xsd not shipped',
    files: entries((f) => f.filter((x) => x.path !== 'ims_xml.xsd')) },
  { rule: 'schema-file-listed', name: 'an XSD listed as a <file>', xsd: 'valid',
    files: manifest(replaced(GOOD, '<file href="index.html"/>', '<file href="index.html"/>\n      <file href="ims_xml.xsd"/>')) },
  { rule: 'entry-unsafe-path', name: 'zip-slip entry ../evil.js',
    files: entries((f) => [...f, textFile('../evil.js', 'x')]) },
  { rule: 'entry-unsafe-path', name: 'absolute entry /etc/passwd',
    files: entries((f) => [...f, textFile('/etc/passwd', 'x')]) },
  { rule: 'entry-name-characters', name: 'space in an entry name',
    files: entries((f) => [...f, textFile('assets/my image.png', 'x')]) },
  { rule: 'entry-directory', name: 'a directory entry',
    files: entries((f) => [...f, textFile('assets/', '')]) },
  { rule: 'entry-duplicate', name: 'index.html twice',
    files: entries((f) => [...f, textFile('index.html', 'again')]) },
  { rule: 'manifest-not-well-formed', name: 'an unclosed element', xsd: 'invalid',
    files: manifest(replaced(GOOD, '</organization>', '')) },
  { rule: 'manifest-root-element', name: 'the root in another namespace', xsd: 'invalid',
    files: manifest(replaced(GOOD, 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"', 'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"')) },
];

const manifestText = (fixture: Fixture): string => new TextDecoder().decode(fixture.files.find((f) => f.path === 'imsmanifest.xml')?.data);
/** What libxml2 says about each fixture manifest, all in one run (validate-manifest.ts). */
const XSD_FIXTURES = FIXTURES.filter((f) => f.xsd !== undefined);
const xsdVerdict = sharedValidation(() => XSD_FIXTURES.map(manifestText));

describe('checkPackage', () => {
  it('finds nothing wrong with a good package', () => {
    expect(checkPackage(makePackage())).toEqual([]);
    expect(checkPackage(makePackage({ ...SMALL_SPEC, masteryScore: 80 }))).toEqual([]);
  });

  it('has a failing fixture for every rule', () => {
    const covered = new Set(FIXTURES.map((f) => f.rule));
    expect(Object.keys(PACKAGE_RULES).filter((rule) => !covered.has(rule as PackageRuleId))).toEqual([]);
  });

  describe.each(FIXTURES)('$rule: $name', (fixture) => {
    it('is reported', () => {
      const problems = checkPackage(fixture.files);
      expect(problems.map((p) => p.rule)).toContain(fixture.rule);
      for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
    });

    if (fixture.xsd !== undefined) {
      it(`XSD validation says the manifest is ${fixture.xsd}`, async () => {
        expect((await xsdVerdict(XSD_FIXTURES.indexOf(fixture))).valid).toBe(fixture.xsd === 'valid');
      });
    }
  });

  it('resolves xml:base and percent-encoding before looking a file up', () => {
    const xml = replaced(replaced(GOOD, '<resource ', '<resource xml:base="assets/" '), /href="index\.html">/, 'href="../index.html">')
      .replace('<file href="assets/diagram.svg"/>', '<file href="diagram%2Esvg"/>')
      .replace(/<file href="(index\.html|player\.css|player\.js)"\/>/g, '<file href="../$1"/>');
    expect(checkPackage(manifest(xml))).toEqual([]);
  });

  it('strips ?query and #fragment before checking that a file exists (SCORM12.md §2.3)', () => {
    expect(checkPackage(manifest(replaced(GOOD, 'href="index.html">', 'href="index.html?x=1#top">')))).toEqual([]);
  });
});
