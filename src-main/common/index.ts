/**
 * The vocabulary every layer shares — core, the shells, the CLI and the renderer. Plain
 * TypeScript with no `node:` or `electron` import, so the page can bundle it.
 */
export * from './chinaTime';
export * from './errorCodes';
export * from './fileKinds';
export * from './statuses';
export * from './topics';
export * from './standing';
