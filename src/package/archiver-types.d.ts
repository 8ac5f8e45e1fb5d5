// archiver@8 ships no types and @types/archiver describes the older default export, so this
// declares the small part write-zip.ts uses (archiver/index.js, lib/core.js, lib/plugins/zip.js).
declare module 'archiver' {
  import { Transform } from 'node:stream';

  export interface ZipArchiveOptions {
    readonly comment?: string;
    /** false (default): DOS times from the UTC fields of `date`, so the time zone cannot leak in. */
    readonly forceLocalTime?: boolean;
    readonly forceZip64?: boolean;
    readonly namePrependSlash?: boolean;
    readonly store?: boolean;
    readonly zlib?: { readonly level?: number };
  }

  export interface ZipEntryData {
    readonly name: string;
    /** Default: now, which would make every build differ. */
    readonly date?: Date | string;
    /** Default: 0644 for files; masked to 0777 on Windows. */
    readonly mode?: number;
    readonly store?: boolean;
  }

  export class ZipArchive extends Transform {
    constructor(options?: ZipArchiveOptions);
    append(source: Buffer | string, data: ZipEntryData): this;
    /** Resolves when the module has written the central directory. */
    finalize(): Promise<void>;
    abort(): this;
    pointer(): number;
  }
}
