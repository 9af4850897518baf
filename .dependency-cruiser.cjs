/**
 * Import cycles are refused at run time: a cycle makes module initialisation order matter, and one
 * more layer of features turns it into an undefined binding at start-up. Type-only imports vanish
 * when compiled and are allowed (they often describe a parent from its part).
 * `npx depcruise src-main src-renderer/src scripts tests --config .dependency-cruiser.cjs` (in `npm run lint`).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      severity: 'error',
      comment: 'A runtime import cycle: move what both sides need into a module of its own.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    exclude: { path: '^(out|dist|node_modules)/' },
  },
};
