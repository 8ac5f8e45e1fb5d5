/**
 * Signed statements (Data §2.6): the LRS compares the JWS payload with the statement as sent, logically,
 * so a statement that 1.0.3 lets a client write in a short form (a context activity as one object, not an
 * array, which the LRS stores as an array) and signs as it sends it is stored, and a payload that says
 * something else is refused.
 */
import { createHash, createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeLrs, statement } from './lrs-fixture.js';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwsOf(payload: unknown): string {
  const head = `${Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
}

/** A multipart POST of `sent` with a signature of `signedAs` (the statement itself unless said). */
function post(sent: Record<string, unknown>, signedAs: unknown = sent) {
  const jws = jwsOf(signedAs);
  const sha2 = createHash('sha256').update(jws).digest('hex');
  const withSignature = { ...sent, attachments: [{ usageType: SIGNATURE, display: { en: 'signature' }, contentType: 'application/octet-stream', length: jws.length, sha2 }] };
  const body = `--b\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(withSignature)}\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n${jws}\r\n--b--`;
  const lrs = makeLrs();
  try {
    return lrs.call('POST', 'statements', { headers: { 'content-type': 'multipart/mixed; boundary=b' }, body });
  } finally {
    lrs.close();
  }
}

describe('signed statements', () => {
  it('stores a statement signed as sent, context activities written as one object included (1.0.3 allows it; stored as arrays)', () => {
    const plain = statement({ context: { contextActivities: { parent: [{ id: 'http://x.org/p' }], grouping: [{ id: 'http://x.org/g' }] } } });
    const first = post(plain);
    expect(first.status, first.text).toBe(200);
    const short = statement({ context: { contextActivities: { parent: { id: 'http://x.org/p' }, grouping: { id: 'http://x.org/g' } } } });
    const second = post(short);
    expect(second.status, second.text).toBe(200);
    // Signed in one form, sent in the other: the same statement, logically.
    const crossed = post(plain, short);
    expect(crossed.status, crossed.text).toBe(200);
  });

  it('refuses a payload that says something else than the statement', () => {
    const sent = statement({ context: { contextActivities: { parent: { id: 'http://x.org/p' } } } });
    const answer = post(sent, statement({ context: { contextActivities: { parent: { id: 'http://x.org/other' } } } }));
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(/The signed payload differs from the statement/);
  });
});
