import { describe, expect, it } from 'vitest';

describe('src/package public face', () => {
  it('exports exactly the names the build uses', async () => {
    expect(Object.keys(await import('../../src/package/index.js')).sort()).toEqual([
      'MANIFEST_FILE_NAME',
      'PACKAGE_RULES',
      'SCHEMA_FILE_NAMES',
      'buildManifest',
      'checkPackage',
      'makeManifestIdentifiers',
      'removeStaleTemporaries',
      'stageFile',
      'stageZip',
      'stripEmbeddedPhotos',
      'stripPhotoMetadata',
      'stripSvgEditorData',
      'writeAllAtomically',
      'writeZip',
    ]);
  });

  it('names the four official XSDs', async () => {
    const { SCHEMA_FILE_NAMES } = await import('../../src/package/index.js');
    expect([...SCHEMA_FILE_NAMES].sort()).toEqual(['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd']);
    expect(Object.isFrozen(SCHEMA_FILE_NAMES)).toBe(true);
  });
});
