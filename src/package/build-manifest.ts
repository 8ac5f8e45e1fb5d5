// Builds imsmanifest.xml for one SCORM 1.2 package holding one SCO (SCORM12.md §2, §5 item 12):
// the whole course (or one module with `--split modules`) is one item pointing at one resource
// whose launch page does its own navigation. Pure and deterministic: same spec, same bytes.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { isSafePackagePath } from '../shared/package-path.js';
import { comparePaths } from './compare-paths.js';
import { makeIdentifier } from './make-identifier.js';
import {
  ADLCP_NS,
  IMSCP_NS,
  IMSMD_NS,
  MANIFEST_FILE_NAME,
  SCHEMA_FILE_NAMES,
  SCHEMA_LOCATION,
  SCORM_SCHEMA,
  SCORM_SCHEMA_VERSION,
  XML_NS,
  XMLNS_NS,
  XSI_NS,
} from './scorm12-names.js';

export interface ManifestSpec {
  /** `mentoring-young-inventors`, or `<course-id>-<module-id>` for split packages. */
  readonly courseId: string;
  /** Course version, at most 20 characters (`manifest/@version`, SCORM12.md §2.2). */
  readonly version: string;
  /** Organization and item title, at most 200 characters; escaped here. */
  readonly title: string;
  /** Language tag for the imsmd langstrings (`xml:lang` is an xs:language). */
  readonly language: string;
  readonly description: string;
  /**
   * course.yaml `organization`, who publishes the course: the LOM lifecycle's Publisher (IMS MD 1.2.1
   * `contribute`, role from the LOMv1.0 vocabulary), where LMS catalogues and repositories read it.
   * Empty: none written.
   */
  readonly publisher: string;
  /** Written as adlcp:masteryscore only when non-null (SCORM12.md §3.5: omit by default). */
  readonly masteryScore: number | null;
  readonly launch: string;
  /** Every file of the SCO resource, launch included, XSDs and the manifest excluded. */
  readonly files: readonly string[];
}

export interface ManifestIdentifiers {
  readonly manifest: string;
  readonly organization: string;
  readonly item: string;
  readonly resource: string;
}

const COURSE_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

// <file href> is an xs:anyURI of at most 2000 characters (SCORM12.md §2.2).
const MAX_HREF = 2000;

// Characters XML 1.0 cannot carry at all, not even escaped.
const XML_INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * The identifiers of a package. The manifest's depends on course and version (SCORM12.md §2.2:
 * "stable per package + version"); organization, item and resource depend on the course only,
 * because LMSs key learner tracking on the item identifier: when a package is updated, Moodle's
 * scorm_parse_scorm (mod/scorm/datamodels/scormlib.php) links each new SCO to the old SCO with the
 * same identifier and moves its tracks over, so learners keep their records across versions.
 */
export function makeManifestIdentifiers(courseId: string, version: string): ManifestIdentifiers {
  return {
    manifest: makeIdentifier('MANIFEST', courseId, `v${version}`),
    organization: makeIdentifier('ORG', courseId),
    item: makeIdentifier('ITEM', courseId),
    resource: makeIdentifier('RES', courseId),
  };
}

function assertSpec(spec: ManifestSpec): void {
  const fail = (message: string): never => {
    throw new RangeError(`buildManifest: ${message}`);
  };
  if (!COURSE_ID_PATTERN.test(spec.courseId)) fail(`courseId ${JSON.stringify(spec.courseId)} must match ${COURSE_ID_PATTERN}`);
  // XSD maxLength counts characters (XML Schema Part 2 §4.3.3), but Java's validator (Xerces, in JDK 17)
  // counts UTF-16 units, so an emoji is two there: limits are held in UTF-16 units, which satisfies both.
  if (spec.version.length === 0 || spec.version.length > 20) fail('version must have 1 to 20 characters (SCORM12.md §2.2)');
  if (spec.title.trim().length === 0 || spec.title.length > 200) fail('title must have 1 to 200 characters (SCORM12.md §2.2)');
  if (spec.language.length === 0) fail('language must not be empty');
  if (spec.publisher.length > 200) fail('publisher must have at most 200 characters');
  for (const [name, value] of [['title', spec.title], ['description', spec.description], ['version', spec.version], ['language', spec.language], ['publisher', spec.publisher]] as const) {
    if (XML_INVALID_CHAR.test(value)) fail(`${name} holds a character XML 1.0 cannot represent`);
  }
  if (spec.masteryScore !== null && !(Number.isFinite(spec.masteryScore) && spec.masteryScore >= 0 && spec.masteryScore <= 100)) {
    fail(`masteryScore ${spec.masteryScore} must be a number from 0 to 100 (SCORM12.md §2.2)`);
  }
  const seen = new Set<string>();
  for (const file of spec.files) {
    if (!isSafePackagePath(file) || file.length > MAX_HREF) fail(`file ${JSON.stringify(file)} is not a safe package-relative path`);
    if (file === MANIFEST_FILE_NAME || SCHEMA_FILE_NAMES.includes(file)) fail(`file ${file} must not be listed (SCORM12.md §2.4)`);
    if (seen.has(file)) fail(`file ${file} is listed twice`);
    seen.add(file);
  }
  if (!seen.has(spec.launch)) fail(`launch ${JSON.stringify(spec.launch)} must be one of the files (SCORM12.md §2.2: list every file, launch included)`);
}

/**
 * LOM's centity is a vCard (IMS MD 1.2.1 binding §3.2.3). An organization is written as its formatted
 * name and ORG, with the characters vCard 3.0 text escapes (RFC 2426 §4: backslash, comma, semicolon,
 * and a line break as `\n`, which a YAML block scalar could bring). Lines end in LF: an XML parser turns a
 * CRLF into LF anyway (XML 1.0 §2.11).
 */
function publisherVcard(name: string): string {
  const text = name.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
  return `BEGIN:VCARD\nVERSION:3.0\nFN:${text}\nORG:${text}\nEND:VCARD`;
}

function langstring(parent: XMLBuilder, language: string, text: string): void {
  parent.ele(IMSMD_NS, 'imsmd:langstring').att(XML_NS, 'xml:lang', language).txt(text);
}

/** imsmanifest.xml for a one-SCO package; throws RangeError on a spec the build should have rejected. */
export function buildManifest(spec: ManifestSpec): string {
  assertSpec(spec);
  const ids = makeManifestIdentifiers(spec.courseId, spec.version);

  // IMS CP elements in the default namespace and the literal prefix `adlcp`: Moodle's parser
  // ignores namespaces and matches tag names such as `ADLCP:SCORMTYPE` (SCORM12.md §2.1).
  const manifest = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(IMSCP_NS, 'manifest')
    .att('identifier', ids.manifest)
    .att('version', spec.version)
    .att(XMLNS_NS, 'xmlns:adlcp', ADLCP_NS)
    // imsmd is declared because the manifest carries LOM (SCORM12.md §2.1: only with LOM).
    .att(XMLNS_NS, 'xmlns:imsmd', IMSMD_NS)
    .att(XMLNS_NS, 'xmlns:xsi', XSI_NS)
    .att(XSI_NS, 'xsi:schemaLocation', SCHEMA_LOCATION);

  // metadata: schema, schemaversion, then other-namespace content (SCORM12.md §2.2).
  const metadata = manifest.ele(IMSCP_NS, 'metadata');
  metadata.ele(IMSCP_NS, 'schema').txt(SCORM_SCHEMA);
  metadata.ele(IMSCP_NS, 'schemaversion').txt(SCORM_SCHEMA_VERSION);
  const lom = metadata.ele(IMSMD_NS, 'imsmd:lom');
  const general = lom.ele(IMSMD_NS, 'imsmd:general');
  langstring(general.ele(IMSMD_NS, 'imsmd:title'), spec.language, spec.title);
  general.ele(IMSMD_NS, 'imsmd:language').txt(spec.language);
  if (spec.description.trim().length > 0) {
    langstring(general.ele(IMSMD_NS, 'imsmd:description'), spec.language, spec.description);
  }
  // The version is not natural-language text, hence x-none (IEEE LOM's "no language").
  const lifecycle = lom.ele(IMSMD_NS, 'imsmd:lifecycle');
  langstring(lifecycle.ele(IMSMD_NS, 'imsmd:version'), 'x-none', spec.version);
  if (spec.publisher.trim().length > 0) {
    // lifecycleType: version, status, then contribute (imsmd_rootv1p2p1.xsd); contributeType: role, centity.
    const contribute = lifecycle.ele(IMSMD_NS, 'imsmd:contribute');
    const role = contribute.ele(IMSMD_NS, 'imsmd:role');
    langstring(role.ele(IMSMD_NS, 'imsmd:source'), 'x-none', 'LOMv1.0');
    langstring(role.ele(IMSMD_NS, 'imsmd:value'), 'x-none', 'Publisher');
    contribute.ele(IMSMD_NS, 'imsmd:centity').ele(IMSMD_NS, 'imsmd:vcard').txt(publisherVcard(spec.publisher));
  }

  const organization = manifest
    .ele(IMSCP_NS, 'organizations')
    .att('default', ids.organization)
    .ele(IMSCP_NS, 'organization')
    .att('identifier', ids.organization);
  organization.ele(IMSCP_NS, 'title').txt(spec.title);
  // One leaf item: only leaves carry identifierref (SCORM12.md §2.2).
  const item = organization
    .ele(IMSCP_NS, 'item')
    .att('identifier', ids.item)
    .att('identifierref', ids.resource)
    .att('isvisible', 'true');
  item.ele(IMSCP_NS, 'title').txt(spec.title);
  if (spec.masteryScore !== null) {
    // After title: `masteryscore` before `title` fails the XSD (SCORM12.md §2.2, checked).
    item.ele(ADLCP_NS, 'adlcp:masteryscore').txt(plainDecimal(spec.masteryScore));
  }

  // scormtype="sco", never left out: a resource without it is an asset to Moodle, which marks it
  // completed at launch and opens no API session (SCORM12.md §2.2, §5 item 3).
  const resource = manifest
    .ele(IMSCP_NS, 'resources')
    .ele(IMSCP_NS, 'resource')
    .att('identifier', ids.resource)
    .att('type', 'webcontent')
    .att(ADLCP_NS, 'adlcp:scormtype', 'sco')
    .att('href', spec.launch);
  for (const file of [...spec.files].sort(comparePaths)) {
    resource.ele(IMSCP_NS, 'file').att('href', file);
  }

  return `${manifest.end({ prettyPrint: true, indent: '  ', newline: '\n', wellFormed: true })}\n`;
}

/** A decimal as digits and a point, never in exponent form (`String(1e-7)` is "1e-7", no decimal for an LMS). */
function plainDecimal(value: number): string {
  const fixed = value.toFixed(10);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
