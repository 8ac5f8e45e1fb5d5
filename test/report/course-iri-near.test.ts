import { describe, expect, it } from 'vitest';
import { howIriDiffers, nearCourseTest } from '../../src/report/course-iri-near.js';

const COURSE = 'https://district.example.org/courses/demo/';

describe('the course IRI written another way (--activity a character off)', () => {
  const near = nearCourseTest(COURSE);

  it.each([
    ['https://district.example.org/courses/demo', 'without the slash at the end'],
    ['http://district.example.org/courses/demo/', 'http, not https'],
    ['https://www.district.example.org/courses/demo/', 'with www.'],
    ['https://District.example.org/Courses/Demo/', 'in other capitals'],
    ['http://www.district.example.org/courses/demo', 'without the slash at the end, http, not https, with www.'],
  ])('%s is near: %s', (iri, how) => {
    expect(near(iri)).toBe(true);
    expect(howIriDiffers(iri, COURSE)).toBe(how);
  });

  it.each([
    COURSE,
    'https://district.example.org/courses/demo-2/',
    'https://district.example.org/courses/demo/modules/intro',
    'https://district.example.org/courses/',
    'https://other.example.org/courses/demo/',
  ])('%s is not near', (iri) => {
    expect(near(iri)).toBe(false);
  });
});
