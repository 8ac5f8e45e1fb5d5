/**
 * The Alternate Request Syntax (Communication §1.3) and repeated parameters.
 */
import { describe, expect, it } from 'vitest';
import { decodeRequest } from '../../src/lrs/decode-request.js';

const FORM = 'application/x-www-form-urlencoded';
const raw = (method: string, search: string, body = '', headers: Record<string, string> = {}) => ({
  method, resource: '/statements/', search: new URLSearchParams(search), headers: { 'content-type': FORM, ...headers }, body: Buffer.from(body),
});

describe('decodeRequest', () => {
  it('passes an ordinary request through with the resource trimmed', () => {
    const req = decodeRequest(raw('get', 'limit=2', '', { 'content-type': 'application/json' }));
    expect(req.method).toBe('GET');
    expect(req.resource).toBe('statements');
    expect([...req.params]).toEqual([['limit', '2']]);
  });

  it('turns a POST with ?method=PUT into the PUT it stands for: form headers, parameters and content', () => {
    const form = new URLSearchParams({ statementId: 'x', content: '{"a":1}', Authorization: 'Basic abc', 'X-Experience-API-Version': '1.0.3' });
    const req = decodeRequest(raw('POST', 'method=PUT', form.toString(), { authorization: 'Basic other' }));
    expect(req.method).toBe('PUT');
    expect([...req.params]).toEqual([['statementId', 'x']]);
    expect(req.headers['authorization']).toBe('Basic abc');
    expect(req.headers['x-experience-api-version']).toBe('1.0.3');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.body.toString()).toBe('{"a":1}');
  });

  it.each([
    ['not sent as a POST', raw('PUT', 'method=POST', 'content=x'), /must be sent as a POST/],
    ['with another query parameter', raw('POST', 'method=PUT&statementId=x', 'content=x'), /no query parameter but method/],
    ['with an unknown method', raw('POST', 'method=PATCH', 'content=x'), /must be one of/],
    ['with a JSON body', raw('POST', 'method=PUT', '{"content":1}', { 'content-type': 'application/json' }), /x-www-form-urlencoded/],
    ['a PUT without content', raw('POST', 'method=PUT', 'statementId=x'), /form field 'content'/],
    ['a repeated parameter', raw('GET', 'limit=1&limit=2'), /more than once/],
    // A Content-Type stored with a CR LF in it made every later GET of the document a 500.
    ['a form header with a line break', raw('POST', 'method=PUT', new URLSearchParams({ content: 'x', 'Content-Type': 'text/plain\r\nSet-Cookie: a=1' }).toString()), /a character a header cannot/],
    ['a form header with a character past Latin-1', raw('POST', 'method=PUT', new URLSearchParams({ content: 'x', 'If-Match': '"\u2603"' }).toString()), /a character a header cannot/],
  ])('refuses a request %s', (_name, request, message) => {
    expect(() => decodeRequest(request)).toThrow(message);
  });
});
