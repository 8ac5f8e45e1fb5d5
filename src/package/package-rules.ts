// The permanent rule ids of checkPackage(), one per fault the XSD cannot see (SCORM12.md §1, §2.5).
// Ids never change once published; the text says what goes wrong in an LMS.
export const PACKAGE_RULES = {
  'manifest-not-at-root': 'imsmanifest.xml is missing from the zip root (Moodle: badimsmanifestlocation)',
  'manifest-not-well-formed': 'imsmanifest.xml is not well-formed XML',
  'manifest-unescaped-ampersand': 'a bare "&" in the manifest (Moodle repairs it, other LMSs reject the package)',
  'manifest-root-element': 'the root element is not an IMS CP <manifest>',
  'schema-location-line-break': 'xsi:schemaLocation is not one line with single spaces (&#xD; broke LMS imports)',
  'prefixed-imscp-element': 'an IMS CP element carries a prefix (Moodle matches literal tag names)',
  'adlcp-prefix': 'the ADL namespace is not written with the literal prefix "adlcp"',
  'schema-not-adl-scorm': 'metadata/schema is not "ADL SCORM"',
  'schemaversion-not-1-2': 'metadata/schemaversion is not "1.2" (Moodle reads other values as SCORM 2004)',
  'identifier-format': 'an identifier is not ^[A-Za-z][A-Za-z0-9_-]{0,63}$',
  'duplicate-identifier': 'two elements share one identifier',
  'dangling-default': 'organizations/@default names no organization',
  'dangling-identifierref': 'an identifierref names no resource (Moodle: invalidmanifestresource)',
  'item-ref-and-children': 'an item has both identifierref and child items; only leaves launch',
  'masteryscore-range': 'adlcp:masteryscore is not a number from 0 to 100',
  'missing-scormtype': 'a resource has no adlcp:scormtype (Moodle then treats a SCO as an asset)',
  'sco-without-href': 'a SCO resource has no href to launch',
  'file-missing': 'a manifest href names no file in the zip',
  'file-case-mismatch': 'a manifest href matches a zip entry only when case is ignored',
  'file-not-listed': 'a packaged file is not listed as a <file> of any resource',
  'schema-file-missing': 'one of the four SCORM 1.2 XSDs is missing from the zip root',
  'schema-file-listed': 'an XSD is listed as a <file>; LMSs do not read them',
  'entry-backslash': 'a zip entry name contains "\\" (only forward slashes are portable)',
  'entry-unsafe-path': 'a zip entry is absolute, has a drive letter, "./" or ".." (zip-slip)',
  'entry-name-characters': 'a zip entry name has characters other than ASCII letters, digits, "-", "_", "." and "/"',
  'entry-directory': 'a directory entry (name ending in "/")',
  'entry-duplicate': 'two zip entries with the same name',
  'junk-entry': '__MACOSX/, .DS_Store or Thumbs.db in the package',
} as const;

export type PackageRuleId = keyof typeof PACKAGE_RULES;
