import { describe, expect, it } from 'vitest';
import { emptyAltText } from '../../src/compile/judge-alt-text.js';

describe('emptyAltText: alt text that says nothing of the image (WCAG 1.1.1)', () => {
  it.each([
    ['the file\'s name', 'team-photo.jpg', '../assets/team-photo.jpg', 'is the file\'s name'],
    ['another file\'s name', 'final_v2.png', '../assets/diagram.svg', 'is a file name'],
    ['a phone camera\'s name', 'IMG_2034', '../assets/mentoring.jpg', 'is the name a camera or screenshot tool gives a file'],
    ['a Pixel\'s name', 'PXL_20240302_101422123', '../assets/a.jpg', 'is the name a camera or screenshot tool gives a file'],
    ['a macOS screenshot\'s name', 'Screenshot 2024-03-02 at 10.14.22', '../assets/a.png', 'is the name a camera or screenshot tool gives a file'],
    ['a placeholder', 'image', '../assets/a.png', 'is a placeholder, not a description'],
    ['a placeholder, capitals and a full stop', 'Alt text.', '../assets/a.png', 'is a placeholder, not a description'],
    ['a Spanish placeholder', 'Imagen', '../assets/a.png', 'is a placeholder, not a description'],
  ])('%s', (_name, alt, src, why) => {
    expect(emptyAltText(alt, src)).toBe(why);
  });

  it.each([
    ['a description', 'Ana and her mentee planning at a whiteboard', '../assets/IMG_2034.jpg'],
    ['a description naming a photo', 'Photo of the 2024 science fair winners', '../assets/fair.jpg'],
    ['a year in a description', 'Image 3 of the bridge build: the deck in place', '../assets/bridge.jpg'],
    ['decoration (empty)', '', '../assets/a.png'],
    // A file named for what it shows: its words may well describe it.
    ['the file\'s name without its extension', 'Mentoring cycle', '../assets/mentoring%20cycle.svg'],
  ])('%s is left alone', (_name, alt, src) => {
    expect(emptyAltText(alt, src)).toBeUndefined();
  });
});
