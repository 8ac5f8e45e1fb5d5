// What the SCORM 1.2 XSDs cannot see (SCORM12.md §1 zip layout, §2.5 builder checks): run on the
// exact file set that goes into the zip, so a broken package never leaves the build. Pure: takes
// paths and bytes, returns messages in the same shape as the author's (src/messages), each about
// the zip entry at fault (or imsmanifest.xml) with a typed rule id; [] when the package is fine.
import { makeMessage, ruleUrl, type CoursepackMessage } from '../messages/index.js';
import { normalizePackagePath, packagePathFaults, type PathFault } from '../shared/package-path.js';
import { parseXml, XmlSyntaxError, type XmlElement } from './parse-xml.js';
import { PACKAGE_RULES, type PackageRuleId } from './package-rules.js';
import {
  ADLCP_NS,
  IDENTIFIER_PATTERN,
  IMSCP_NS,
  MANIFEST_FILE_NAME,
  SCHEMA_FILE_NAMES,
  SCORM_SCHEMA,
  SCORM_SCHEMA_VERSION,
  XML_NS,
  XSI_NS,
} from './scorm12-names.js';

export interface PackageFile {
  /** Package-relative, forward slashes. */
  readonly path: string;
  readonly data: Uint8Array;
}

/** A package check's message: the rule id is one of PACKAGE_RULES. */
export type PackageMessage = CoursepackMessage<PackageRuleId>;

/** `file`: the entry the problem is about (the manifest when omitted). */
type Report = (rule: PackageRuleId, detail: string, file?: string) => void;

/** Where the checks' rules are documented, relative to the coursepack folder, unless the caller says. */
const DEFAULT_DOCS_URL = 'docs/authoring.md';

const PATH_RULES: Readonly<Record<PathFault, PackageRuleId>> = {
  empty: 'entry-unsafe-path',
  backslash: 'entry-backslash',
  directory: 'entry-directory',
  unsafe: 'entry-unsafe-path',
  characters: 'entry-name-characters',
  junk: 'junk-entry',
};

function checkEntryNames(paths: readonly string[], report: Report): void {
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) report('entry-duplicate', path, path);
    seen.add(path);
    for (const fault of packagePathFaults(path)) report(PATH_RULES[fault], path, path);
  }
}

function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

const cpChildren = (element: XmlElement, localName: string): XmlElement[] =>
  element.children.filter((c) => c.namespace === IMSCP_NS && c.localName === localName);

const plainAttribute = (element: XmlElement, localName: string): string | undefined =>
  element.attributes.find((a) => a.namespace === null && a.localName === localName)?.value;

const nsAttribute = (element: XmlElement, namespace: string, localName: string): string | undefined =>
  element.attributes.find((a) => a.namespace === namespace && a.localName === localName)?.value;

function checkHref(href: string, base: string, what: string, entries: ReadonlySet<string>, lowerEntries: ReadonlyMap<string, string>, report: Report): string | null {
  // `?…`/`#…` are valid in href but LMSs drop them; the file is what must exist (SCORM12.md §2.3).
  const bare = href.replace(/[?#].*$/s, '');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(bare) || bare.startsWith('/')) {
    report('file-missing', `${what} "${href}" points outside the package`);
    return null;
  }
  let decoded = base + bare;
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A stray '%' is a literal character of the name.
  }
  const path = normalizePackagePath(decoded);
  if (path === null) {
    report('file-missing', `${what} "${href}" climbs out of the package`);
    return null;
  }
  if (entries.has(path)) return path;
  // Web servers and LMS file stores are case-sensitive even when the author's disk is not.
  const other = lowerEntries.get(path.toLowerCase());
  if (other !== undefined) report('file-case-mismatch', `${what} "${href}" but the zip holds "${other}"`);
  else report('file-missing', `${what} "${href}" is not in the zip`);
  return null;
}

function checkManifest(root: XmlElement, paths: readonly string[], report: Report): void {
  if (root.namespace !== IMSCP_NS || root.localName !== 'manifest') {
    report('manifest-root-element', `found <${root.name}> in namespace ${root.namespace ?? '(none)'}`);
    return;
  }
  const all = [...walk(root)];

  // Moodle folds tag names to upper case and compares them literally (SCORM12.md §2.1).
  for (const element of all) {
    if (element.namespace === IMSCP_NS && element.prefix !== null) report('prefixed-imscp-element', `<${element.name}>`);
    if ((element.namespace === ADLCP_NS) !== (element.prefix === 'adlcp')) report('adlcp-prefix', `<${element.name}> in namespace ${element.namespace ?? '(none)'}`);
    for (const a of element.attributes) {
      if ((a.namespace === ADLCP_NS) !== (a.prefix === 'adlcp')) report('adlcp-prefix', `attribute ${a.name} on <${element.name}>`);
    }
  }

  const schemaLocation = root.attributes.find((a) => a.namespace === XSI_NS && a.localName === 'schemaLocation');
  if (schemaLocation !== undefined && (/&#(?:x0*[dDaA9]|0*(?:13|10|9));|[\t\r\n]/.test(schemaLocation.raw) || /\s\s|^\s|\s$/.test(schemaLocation.value))) {
    report('schema-location-line-break', `xsi:schemaLocation="${schemaLocation.raw.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`);
  }

  const metadata = cpChildren(root, 'metadata')[0];
  const schema = metadata === undefined ? undefined : cpChildren(metadata, 'schema')[0]?.text.trim();
  const schemaVersion = metadata === undefined ? undefined : cpChildren(metadata, 'schemaversion')[0]?.text.trim();
  if (schema !== SCORM_SCHEMA) report('schema-not-adl-scorm', schema === undefined ? 'no <schema> in <metadata>' : `<schema>${schema}</schema>`);
  if (schemaVersion !== SCORM_SCHEMA_VERSION) {
    report('schemaversion-not-1-2', schemaVersion === undefined ? 'no <schemaversion> in <metadata>' : `<schemaversion>${schemaVersion}</schemaversion>`);
  }

  // All identifiers share one xs:ID space (SCORM12.md §2.3).
  const identifiers = new Set<string>();
  for (const element of all) {
    const id = plainAttribute(element, 'identifier');
    if (id === undefined || element.namespace !== IMSCP_NS) continue;
    if (!IDENTIFIER_PATTERN.test(id)) report('identifier-format', `<${element.name} identifier="${id}">`);
    if (identifiers.has(id)) report('duplicate-identifier', `"${id}"`);
    identifiers.add(id);
  }

  const organizationsElement = cpChildren(root, 'organizations')[0];
  const organizations = organizationsElement === undefined ? [] : cpChildren(organizationsElement, 'organization');
  const defaultOrganization = organizationsElement === undefined ? undefined : plainAttribute(organizationsElement, 'default');
  if (defaultOrganization !== undefined && !organizations.some((o) => plainAttribute(o, 'identifier') === defaultOrganization)) {
    report('dangling-default', `organizations/@default="${defaultOrganization}"`);
  }

  const resourcesElement = cpChildren(root, 'resources')[0];
  const resources = resourcesElement === undefined ? [] : cpChildren(resourcesElement, 'resource');
  const resourceIds = new Set(resources.map((r) => plainAttribute(r, 'identifier')).filter((id) => id !== undefined));

  for (const element of all) {
    if (element.namespace === IMSCP_NS && (element.localName === 'item' || element.localName === 'dependency')) {
      const ref = plainAttribute(element, 'identifierref');
      if (ref !== undefined && !resourceIds.has(ref)) report('dangling-identifierref', `<${element.name} identifierref="${ref}">`);
      if (element.localName === 'item' && ref !== undefined && cpChildren(element, 'item').length > 0) {
        report('item-ref-and-children', `<item identifier="${plainAttribute(element, 'identifier') ?? ''}">`);
      }
    }
    if (element.namespace === ADLCP_NS && element.localName === 'masteryscore') {
      // The XSD takes any string ≤200 ("eighty" validates); the LMS needs a decimal 0–100 (§2.2).
      const text = element.text.trim();
      const score = /^\d{1,3}(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      if (!(score >= 0 && score <= 100)) report('masteryscore-range', `<adlcp:masteryscore>${text}</adlcp:masteryscore>`);
    }
  }

  const entries = new Set(paths);
  const lowerEntries = new Map(paths.map((p) => [p.toLowerCase(), p] as const));
  const listed = new Set<string>();
  const baseOf = (element: XmlElement | undefined): string => (element === undefined ? '' : (nsAttribute(element, XML_NS, 'base') ?? ''));
  for (const resource of resources) {
    const id = plainAttribute(resource, 'identifier') ?? '(no identifier)';
    const scormType = nsAttribute(resource, ADLCP_NS, 'scormtype') ?? resource.attributes.find((a) => a.localName === 'scormtype')?.value;
    if (scormType === undefined) report('missing-scormtype', `resource "${id}"`);
    const base = baseOf(root) + baseOf(resourcesElement) + baseOf(resource);
    const href = plainAttribute(resource, 'href');
    if (href === undefined) {
      if (scormType === 'sco') report('sco-without-href', `resource "${id}"`);
    } else {
      checkHref(href, base, `resource "${id}" href`, entries, lowerEntries, report);
    }
    for (const file of cpChildren(resource, 'file')) {
      const fileHref = plainAttribute(file, 'href') ?? '';
      if (SCHEMA_FILE_NAMES.includes(fileHref) || fileHref === MANIFEST_FILE_NAME) report('schema-file-listed', `<file href="${fileHref}">`);
      const path = checkHref(fileHref, base, `resource "${id}" file`, entries, lowerEntries, report);
      if (path !== null) listed.add(path);
    }
  }
  for (const path of paths) {
    if (path === MANIFEST_FILE_NAME || SCHEMA_FILE_NAMES.includes(path) || path.endsWith('/') || listed.has(path)) continue;
    report('file-not-listed', path, path);
  }
}

/**
 * Problems of a package given as the exact files of its zip; [] when it is fine. All are errors: an LMS
 * rejects or misreads such a package. `docsUrl` is where the rules' sections are (docs/authoring.md).
 */
export function checkPackage(files: readonly PackageFile[], docsUrl = DEFAULT_DOCS_URL): PackageMessage[] {
  const problems: PackageMessage[] = [];
  const report: Report = (rule, detail, file = MANIFEST_FILE_NAME) => problems.push(makeMessage({
    ruleId: rule, severity: 'error', file, reason: `${PACKAGE_RULES[rule]}: ${detail}`, url: ruleUrl(docsUrl, rule),
  }));
  const paths = files.map((f) => f.path);

  checkEntryNames(paths, report);
  for (const name of SCHEMA_FILE_NAMES) {
    if (!paths.includes(name)) report('schema-file-missing', name, name);
  }

  const manifest = files.find((f) => f.path === MANIFEST_FILE_NAME);
  if (manifest === undefined) {
    // Moodle looks only at the root, with this exact lower-case name (SCORM12.md §1).
    const elsewhere = paths.filter((p) => (p.split(/[\\/]/).pop() ?? '').toLowerCase() === MANIFEST_FILE_NAME);
    report('manifest-not-at-root', elsewhere.length > 0 ? `found ${elsewhere.join(', ')}` : 'no manifest at all');
    return problems;
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(manifest.data);
  } catch {
    report('manifest-not-well-formed', 'not UTF-8');
    return problems;
  }
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    report(error.kind === 'ampersand' ? 'manifest-unescaped-ampersand' : 'manifest-not-well-formed', error.message);
    return problems;
  }
  checkManifest(root, paths, report);
  return problems;
}
