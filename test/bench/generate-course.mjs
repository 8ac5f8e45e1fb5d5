// Writes a synthetic course of N modules in the authoring format of docs/authoring.md, for the
// benchmark: each module has three pages of ordinary Markdown (headings, lists, emphasis, a table,
// an image, a web link and an internal link), one knowledge check, one reflection and one callout.
// Deterministic: the same N gives the same files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PARAGRAPH =
  'Mentoring is a reciprocal and collaborative learning relationship. The mentor asks open questions, ' +
  'listens to the answers and helps the student notice what they already know, so that each meeting ' +
  'moves the project and the learner forward together.';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img"><rect width="10" height="10" fill="#369"/></svg>\n';

/**
 * Module file names are `NN-slug.md` with exactly two digits (authoring.md), so more than 100
 * modules share NN prefixes; the zero-padded slug keeps the reading order.
 */
function moduleFileName(index, count) {
  const nn = String(Math.floor((index * 100) / Math.max(count, 100))).padStart(2, '0');
  return `${nn}-module-${String(index + 1).padStart(3, '0')}.md`;
}

function moduleText(index, count) {
  const n = index + 1;
  const next = index + 1 < count ? `[the next module](${moduleFileName(index + 1, count)})` : 'the end of the course';
  return `---
id: module-${n}
title: "Module ${n}: Working with young inventors"
objectives:
  - Describe one way to build trust with a student inventor (part ${n}).
  - Plan a short mentoring conversation.
minutes: 10
---

## Why module ${n} matters

${PARAGRAPH}

![A blue square that stands for a planning board](../assets/board.svg)

- **Listen** before you suggest.
- *Ask* what the student wants to learn.
- Write the goal down together.

:::callout{kind=tip}
Keep a note of each student's goal on your planning board.
:::

## A conversation plan

${PARAGRAPH}

| Step | Mentor | Student |
|---|---|---|
| 1 | Asks an open question | Describes the idea |
| 2 | Reflects it back | Names a first goal |

Read more at [the library association](https://www.ala.org/) or go on to ${next}.

:::check{#check-${n}}
A student shows you a sketch and looks nervous.

What is the best first step in module ${n}?

- [ ] Point out every flaw right away.
  Early criticism before trust exists makes many students stop sharing ideas.
- [x] Ask what got them interested in the problem.
  Yes. Curiosity about their thinking builds trust.
- [ ] Show a finished product you found online.
  A finished answer skips their learning.
:::

## Reflect on module ${n}

${PARAGRAPH}

:::reflect{#reflect-${n}}
Think of a time someone helped you learn something hard. What did they do?
:::
`;
}

/** Writes the course into `dir` (which must be empty or absent) and returns `dir`. */
export async function generateCourse(dir, moduleCount) {
  await mkdir(join(dir, 'modules'), { recursive: true });
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(
    join(dir, 'course.yaml'),
    `id: bench-${moduleCount}-modules
title: Benchmark Course With ${moduleCount} Modules
description: A generated course for coursepack's benchmark.
language: en
version: 1.0.0
completion:
  pages: all
  passMark: 80
`,
  );
  await writeFile(join(dir, 'assets', 'board.svg'), SVG);
  await Promise.all(
    Array.from({ length: moduleCount }, (_, i) => writeFile(join(dir, 'modules', moduleFileName(i, moduleCount)), moduleText(i, moduleCount))),
  );
  return dir;
}
