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
  ])('%s → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
    expect(uuidToBytes(value) !== null).toBe(expected);
  });

  it('round-trips bytes and lower-cases', () => {
    const bytes = uuidToBytes('00112233-4455-6677-8899-AABBCCDDEEFF');
    expect(bytes).toEqual(Array.from({ length: 16 }, (_, i) => i * 17));
    expect(formatUuid(bytes ?? [])).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });
});
