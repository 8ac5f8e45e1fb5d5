/**
 * The parts of coursepack itself that go into every package: the launch page shell, the bundled player,
 * its theme and the SCORM 1.2 XSDs (shipped byte for byte at the zip root, SCORM12.md §2.4).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_FILE_NAMES, type PackageFile } from '../package/index.js';

export interface ToolFiles {
  readonly template: string;
  readonly playerJs: Uint8Array;
  readonly playerCss: Uint8Array;
  readonly schemas: readonly PackageFile[];
}

export class ToolError extends Error {}

async function read(file: string, hint: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ToolError(`${file} is missing. ${hint}`);
    throw error;
  }
}

export async function loadTool(toolDir: string): Promise<ToolFiles> {
  const reinstall = 'Run `npm ci` (or `node src/bundle.mjs`) in the coursepack folder.';
  const [template, playerJs, playerCss, ...schemas] = await Promise.all([
    read(path.join(toolDir, 'templates', 'index.html'), reinstall),
    read(path.join(toolDir, 'lib', 'player.js'), reinstall),
    read(path.join(toolDir, 'templates', 'player.css'), reinstall),
    ...SCHEMA_FILE_NAMES.map((name) => read(path.join(toolDir, 'templates', 'scorm12', name), reinstall)),
  ]);
  return {
    template: template.toString('utf8'),
    playerJs: new Uint8Array(playerJs),
    playerCss: new Uint8Array(playerCss),
    schemas: SCHEMA_FILE_NAMES.map((name, i) => ({ path: name, data: new Uint8Array(schemas[i] ?? Buffer.alloc(0)) })),
  };
}
