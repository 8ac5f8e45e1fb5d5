import { describe, expect, it } from 'vitest';
import { formatUuid, isUuid, makeUuid, uuidToBytes } from '../../../src/shared/xapi/make-uuid.js';

describe('makeUuid', () => {
  it.each([
    ['zero bytes', new Array<number>(16).fill(0), '00000000-0000-4000-8000-000000000000'],
    ['all ones', new Array<number>(16).fill(255), 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
    ['counting', Array.from({ length: 16 }, (_, i) => i * 17), '00112233-4455-4677-8899-aabbccddeeff'],
  ])('sets version 4 and the RFC 4122 variant over %s', (_, bytes, expected) => {
    const uuid = makeUuid(Uint8Array.from(bytes));
    expect(uuid).toBe(expected);
    expect(uuid[14]).toBe('4');
    expect('89ab').toContain(uuid[19]);
  });

  it('refuses anything but 16 bytes', () => {
    expect(() => makeUuid(new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('isUuid, uuidToBytes, formatUuid', () => {
  it.each([
    ['00112233-4455-6677-8899-aabbccddeeff', true],
    ['00112233-4455-6677-8899-AABBCCDDEEFF', true],
    ['00112233445566778899aabbccddeeff', false],
    ['00112233-4455-6677-8899-aabbccddeef', false],
    ['not a uuid', false],
    // Not RFC 4122's variant: the nil UUID, NCS (0-7) and Microsoft (c-d) variants, which strict LRSs refuse.
    ['00000000-0000-0000-0000-000000000000', false],
    ['6f1c2d3e-4a5b-4c6d-0e7f-112233445566', false],
    ['6f1c2d3e-4a5b-4c6d-ce7f-112233445566', false],
    ['6f1c2d3e-4a5b-1c6d-be7f-112233445566', true],
  ])('%s → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
    // The bytes of any value in the canonical form: suspend_data keeps a registration as it was given.
    expect(uuidToBytes(value) !== null).toBe(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value));
  });

  it('round-trips bytes and lower-cases', () => {
    const bytes = uuidToBytes('00112233-4455-6677-8899-AABBCCDDEEFF');
    expect(bytes).toEqual(Array.from({ length: 16 }, (_, i) => i * 17));
    expect(formatUuid(bytes ?? [])).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });
});
