import { describe, expect, it } from 'vitest';
import { endpointNamesResource } from '../../../src/shared/xapi/check-endpoint.js';

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
