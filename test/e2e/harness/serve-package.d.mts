export function servePackage(files: Map<string, Buffer>): Promise<{ url: string; close: () => Promise<void> }>;
