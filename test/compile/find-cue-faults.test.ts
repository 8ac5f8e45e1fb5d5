import { describe, expect, it } from 'vitest';
import { findCueFaults } from '../../src/compile/find-cue-faults.js';

const faults = (text: string) => findCueFaults(text).map((f) => `${f.line}:${f.column} ${f.message}`);

describe('findCueFaults (WebVTT §6.1, as Chromium keeps or drops cues)', () => {
  it('passes cues browsers show: hours left out or given, a byte order mark, CRLF, settings, no blank line after the header', () => {
    expect(faults('WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello\n\n01:05.250 --> 01:06.000 align:start\nTwo\n')).toEqual([]);
    expect(faults('\uFEFFWEBVTT\r\n\r\n1\r\n100:00:01.000-->100:00:04.000\r\nHello\r\n')).toEqual([]);
    expect(faults('WEBVTT\n00:00:01.000 --> 00:00:04.000\nHello\n')).toEqual([]);
    expect(faults('WEBVTT\n\nNOTE made by hand\n\n00:01.000 --> 00:04.000\n- Who is there?\n- Me.\n')).toEqual([]);
  });

  it('passes cue text and NOTE, STYLE and REGION blocks that start with a time and an arrow other than -->, which WebVTT allows there', () => {
    expect(faults('WEBVTT\n\nNOTE\n12:00 => lunch\n\n1\n00:01.000 --> 00:04.000\n12:00 -> lunch begins\n\n00:04.000 --> 00:06.000\nThe plan:\n9:30 -> arrive\n')).toEqual([]);
    expect(faults('WEBVTT\n00:01.000 --> 00:04.000\n12:00 -> lunch begins\n')).toEqual([]);
    // A cue identifier may hold `->` too (only `-->` is refused there): the times are on the line below it.
    expect(faults('WEBVTT\n\n10:30 -> the break\n00:01.000 --> 00:04.000\nBreak\n')).toEqual([]);
  });

  it('finds times browsers cannot read (the cue is dropped): SRT commas, missing digits, minutes past 59', () => {
    expect(faults('WEBVTT\n\n1\n00:00:01,000 --> 00:00:04,000\nHello\n')).toEqual(['4:1 The cue\'s start time `00:00:01,000` is not a WebVTT time, so browsers drop the cue and learners miss its captions']);
    expect(faults('WEBVTT\n\n0:01.000 --> 0:04.000\nA\n\n00:00:01.0 --> 00:00:04.000\nB\n\n00:00:01.000 --> 00:61:04.000\nC\n')).toEqual([
      '3:1 The cue\'s start time `0:01.000` is not a WebVTT time, so browsers drop the cue and learners miss its captions',
      '6:1 The cue\'s start time `00:00:01.0` is not a WebVTT time, so browsers drop the cue and learners miss its captions',
      '9:18 The cue\'s end time `00:61:04.000` is not a WebVTT time, so browsers drop the cue and learners miss its captions',
    ]);
  });

  it('finds an arrow that is not -->, and a cue that ends before it starts (kept, never shown)', () => {
    expect(faults('WEBVTT\n\n00:00:01.000 -> 00:00:04.000\nA\n\n00:00:05.000 \u2013> 00:00:06.000\nB\n')).toEqual([
      '3:14 The cue\'s times are joined by `->`, not `-->`, so browsers do not read it as a cue and learners miss its captions',
      '6:14 The cue\'s times are joined by `\u2013>`, not `-->`, so browsers do not read it as a cue and learners miss its captions',
    ]);
    expect(faults('WEBVTT\n\n1\n00:00:01.000 => 00:00:04.000\nA\n')).toEqual(['4:14 The cue\'s times are joined by `=>`, not `-->`, so browsers do not read it as a cue and learners miss its captions']);
    expect(faults('WEBVTT\n\n00:00:04.000 --> 00:00:01.000\nA\n')).toEqual(['3:18 The cue ends (`00:00:01.000`) before it starts (`00:00:04.000`), so browsers never show it']);
  });
});
