// Public face of src/package: the SCORM 1.2 manifest, the checks the XSDs miss and the zip
// writer (SCORM12.md §1, §2). Other areas import from here only.
export { buildManifest, makeManifestIdentifiers, type ManifestIdentifiers, type ManifestSpec } from './build-manifest.js';
export { checkPackage, type PackageFile, type PackageMessage } from './check-package.js';
export { PACKAGE_RULES, type PackageRuleId } from './package-rules.js';
export { MANIFEST_FILE_NAME, SCHEMA_FILE_NAMES } from './scorm12-names.js';
export { removeStaleTemporaries, stageFile, writeAllAtomically, type StagedWrite } from './write-atomically.js';
export { stageZip, writeZip } from './write-zip.js';
export { stripEmbeddedPhotos, stripPhotoMetadata } from './strip-photo-metadata.js';
export { stripSvgEditorData } from './strip-svg-editor-data.js';
