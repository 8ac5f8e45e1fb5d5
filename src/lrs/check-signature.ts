/**
 * Signed statements (Data §2.6): the signature attachment holds a JWS in compact form whose payload
 * is the statement as it was before the signature was attached, signed with RS256/384/512. When
 * the JWS header carries an x5c chain the signature is verified against its first certificate.
 */
import { X509Certificate, createVerify } from 'node:crypto';
import { isObject } from './read-agent.js';
import { canonicalJson } from './prepare-statement.js';
import { badRequest } from './lrs-types.js';
import { normalizeStatement } from './validate-statement.js';

type Json = Record<string, unknown>;

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };

function decodePart(text: string | undefined, what: string): Json {
  try {
    const value: unknown = JSON.parse(Buffer.from(text ?? '', 'base64url').toString('utf8'));
    if (isObject(value)) return value;
  } catch {
    // reported below
  }
  throw badRequest(`The statement signature is not a valid JWS: its ${what} is not a base64url JSON object (Data §2.6)`);
}

/** The statement a signature must match: without the signature attachments (and without `attachments` if none is left). */
function unsigned(statement: Json): Json {
  const attachments = Array.isArray(statement['attachments']) ? statement['attachments'] : [];
  const rest = attachments.filter((a) => !(isObject(a) && a['usageType'] === SIGNATURE_USAGE));
  const { attachments: _all, ...out } = statement;
  return rest.length ? { ...out, attachments: rest } : out;
}

/**
 * What must agree between the payload and the statement: "logically equivalent" (Data §2.6), so both in
 * the form the LRS stores (a context activity written as one object is an array of one, Data §2.4.6.2),
 * without what the LRS itself sets.
 */
function comparable(statement: Json): string {
  const { id: _i, stored: _s, authority: _a, version: _v, ...rest } = normalizeStatement(statement);
  return canonicalJson(rest);
}

/** Checks every signature attachment of one statement; `contentOf` gives an attachment's bytes by sha2. */
export function checkSignatures(statement: Json, contentOf: (sha2: string) => Buffer | undefined): void {
  const attachments = Array.isArray(statement['attachments']) ? statement['attachments'] : [];
  for (const attachment of attachments) {
    if (!isObject(attachment) || attachment['usageType'] !== SIGNATURE_USAGE) continue;
    if (attachment['contentType'] !== 'application/octet-stream') {
      throw badRequest('A signature attachment must have contentType application/octet-stream (Data §2.6)');
    }
    const content = contentOf(String(attachment['sha2'] ?? ''));
    if (!content) throw badRequest('The signature attachment is missing from the request (Data §2.6)');
    const jws = content.toString('utf8').trim();
    const pieces = jws.split('.');
    if (pieces.length !== 3) throw badRequest('The statement signature is not a JWS in compact serialization (Data §2.6)');
    const header = decodePart(pieces[0], 'header');
    const payload = decodePart(pieces[1], 'payload');
    const algorithm = ALGORITHMS[String(header['alg'])];
    if (!algorithm) throw badRequest(`The statement signature uses '${String(header['alg'])}'; only RS256, RS384 and RS512 are allowed (Data §2.6)`);
    const x5c = header['x5c'];
    if (x5c !== undefined) {
      if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') throw badRequest('The JWS x5c header must be an array of certificates (Data §2.6)');
      let ok = false;
      try {
        const cert = new X509Certificate(Buffer.from(x5c[0], 'base64'));
        ok = createVerify(algorithm).update(`${pieces[0]}.${pieces[1]}`).verify(cert.publicKey, Buffer.from(pieces[2] ?? '', 'base64url'));
      } catch {
        ok = false;
      }
      if (!ok) throw badRequest('The statement signature does not verify against its x5c certificate (Data §2.6)');
    }
    if (comparable(payload) !== comparable(unsigned(statement))) {
      throw badRequest('The signed payload differs from the statement (Data §2.6: it must be the statement before signing)');
    }
  }
}
