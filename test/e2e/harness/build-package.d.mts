export const ROOT: string;
export const FIXTURE_COURSE: string;
export function buildPackage(courseDir?: string): Promise<{ zip: string; dir: string }>;
