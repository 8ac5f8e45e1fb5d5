/** The browser binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: string[];
