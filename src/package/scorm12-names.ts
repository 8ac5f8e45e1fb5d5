// Namespaces, schema file names and fixed values of a SCORM 1.2 manifest (SCORM12.md §2.1, §2.4).
// One table so the manifest builder and the package checks cannot drift apart.

export const IMSCP_NS = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
export const ADLCP_NS = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
// The mixed imsproject.org / imsglobal.org hosts are right (SCORM12.md §2.1, Rustici template).
export const IMSMD_NS = 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The four official XSDs, byte for byte at every zip root, never listed as `<file>` (SCORM12.md §2.4). */
export const SCHEMA_FILE_NAMES: readonly string[] = Object.freeze([
  'imscp_rootv1p1p2.xsd',
  'adlcp_rootv1p2.xsd',
  'imsmd_rootv1p2p1.xsd',
  'ims_xml.xsd',
]);

export const MANIFEST_FILE_NAME = 'imsmanifest.xml';

// One line, single spaces: a wrapped value with &#xD; made LMSs report
// "cvc-elt.1: Cannot find the declaration of element 'manifest'" (SCORM12.md §2.1).
export const SCHEMA_LOCATION = [
  `${IMSCP_NS} imscp_rootv1p1p2.xsd`,
  `${IMSMD_NS} imsmd_rootv1p2p1.xsd`,
  `${ADLCP_NS} adlcp_rootv1p2.xsd`,
].join(' ');

export const SCORM_SCHEMA = 'ADL SCORM';
export const SCORM_SCHEMA_VERSION = '1.2';

/** What §2.3 recommends generating: stricter than xs:ID, because dots and spaces broke one LMS. */
export const IDENTIFIER_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
