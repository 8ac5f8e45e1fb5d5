import { describe, expect, it } from 'vitest';

describe('src/messages public face', () => {
  it('exports the message maker, its helpers and the three formats', async () => {
    expect(Object.keys(await import('../../src/messages/index.js')).sort()).toEqual([
      'MESSAGE_SOURCE', 'endOf', 'formatGithub', 'formatHuman', 'formatJson', 'formatMessage', 'hasErrors', 'makeMessage', 'ruleUrl',
      'severityOf', 'sortMessages', 'summarize', 'toJson',
    ]);
  });
});
