// Every check the XSD misses, on its failing fixture (helpers/package-fixtures.ts).
import { describe, expect, it } from 'vitest';
import { checkPackage, PACKAGE_RULES, type PackageRuleId } from '../../src/package/index.js';
import { makePackage, SMALL_SPEC } from './helpers/make-package.js';
import { GOOD, manifest, PACKAGE_FIXTURES, replaced } from './helpers/package-fixtures.js';
import { sharedValidation } from './helpers/validate-manifest.js';

const manifestText = (fixture: (typeof PACKAGE_FIXTURES)[number]): string =>
  new TextDecoder().decode(fixture.files.find((f) => f.path === 'imsmanifest.xml')?.data);
const XSD_FIXTURES = PACKAGE_FIXTURES.filter((f) => f.xsd !== undefined);
// One libxml2 run for every fixture's manifest, shared by the tests that each check one.
const xsdVerdict = sharedValidation(() => XSD_FIXTURES.map(manifestText));

describe('checkPackage', () => {
  it('finds nothing wrong with a good package', () => {
    expect(checkPackage(makePackage())).toEqual([]);
    expect(checkPackage(makePackage({ ...SMALL_SPEC, masteryScore: 80 }))).toEqual([]);
  });

  it('has a failing fixture for every rule', () => {
    const covered = new Set(PACKAGE_FIXTURES.map((f) => f.rule));
    expect(Object.keys(PACKAGE_RULES).filter((rule) => !covered.has(rule as PackageRuleId))).toEqual([]);
  });

  describe.each(PACKAGE_FIXTURES)('$rule: $name', (fixture) => {
    it('is reported', () => {
      const problems = checkPackage(fixture.files);
      expect(problems.map((p) => p.ruleId)).toContain(fixture.rule);
      for (const p of problems) {
        expect(p.reason.length).toBeGreaterThan(0);
        expect(p).toMatchObject({ fatal: true, source: 'coursepack', url: `docs/authoring.md#${p.ruleId}` });
      }
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
