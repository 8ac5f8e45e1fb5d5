import { describe, expect, it } from 'vitest';
import { endpointNamesResource, isInsecureEndpoint } from '../../../src/shared/xapi/check-endpoint.js';

describe('endpointNamesResource: an LRS endpoint copied with a resource on it', () => {
  it.each([
    ['https://lrs.example.org/xapi/statements', { resource: 'statements', base: 'https://lrs.example.org/xapi/' }],
    ['https://lrs.example.org/xAPI/Statements/', { resource: 'Statements', base: 'https://lrs.example.org/xAPI/' }],
    // A key in the query (some LRSs take one) is not quoted back with the base.
    ['https://lrs.example.org/data/xAPI/statements?key=secret#x', { resource: 'statements', base: 'https://lrs.example.org/data/xAPI/' }],
    ['https://lrs.example.org/xapi/activities/state', { resource: 'activities/state', base: 'https://lrs.example.org/xapi/' }],
    ['https://lrs.example.org/xapi/agents/profile', { resource: 'agents/profile', base: 'https://lrs.example.org/xapi/' }],
    ['https://lrs.example.org/xapi/about', { resource: 'about', base: 'https://lrs.example.org/xapi/' }],
    ['http://127.0.0.1:8080/statements', { resource: 'statements', base: 'http://127.0.0.1:8080/' }],
  ])('%s', (endpoint, expected) => {
    expect(endpointNamesResource(endpoint)).toEqual(expected);
  });

  it.each(['https://lrs.example.org/xapi/', 'https://lrs.example.org/xapi', 'https://lrs.example.org/', 'https://statements.example.org/xapi/',
    'https://lrs.example.org/my-statements/xapi/', 'https://lrs.example.org/xapi/statementsapi', 'not a url'])('leaves %s alone', (endpoint) => {
    expect(endpointNamesResource(endpoint)).toBeUndefined();
  });
});

describe('isInsecureEndpoint: plain http to another machine (mixed content, credentials in clear)', () => {
  it.each([
    ['http://lrs.district.example.org/xapi/', true],
    ['http://10.0.0.5:8080/xAPI/', true],
    ['HTTP://LRS.EXAMPLE.ORG/xapi/', true],
    ['http://127.0.0.1:8080/xAPI/', false],
    ['http://127.1.2.3/xAPI/', false],
    ['http://localhost:8080/xAPI/', false],
    ['http://lrs.localhost/xAPI/', false],
    ['http://[::1]:8080/xAPI/', false],
    ['https://lrs.district.example.org/xapi/', false],
    ['not a url', false],
  ])('%s: %s', (endpoint, insecure) => {
    expect(isInsecureEndpoint(endpoint)).toBe(insecure);
  });
});
