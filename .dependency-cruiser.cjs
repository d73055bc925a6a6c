/**
 * The dependency rules of kohort's layout (README: "How the code is laid out"), checked
 * by `npm test` (test/architecture/dependency-rules.test.ts). Data flows one way:
 * load -> spec -> plan -> engine -> result -> export, the CLI on top; parallel/ is the
 * floor that load/, time/ and engine/ stand on.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules import each other in one direction only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lower-layers-not-up',
      severity: 'error',
      comment: 'load/, time/, stats/ and parallel/ are below the engine and the CLI: they never import them.',
      from: { path: '^src/(load|time|stats|parallel)/' },
      to: { path: '^src/(engine|cli|api)/' },
    },
    {
      name: 'stages-before-the-engine',
      severity: 'error',
      comment: 'spec/, plan/, result/ and report/ are data and its types: they never import an engine, the api or the CLI.',
      from: { path: '^src/(spec|plan|result|report)/' },
      to: { path: '^src/(engine|api|cli)/' },
    },
    {
      name: 'load-comes-first',
      severity: 'error',
      comment: 'load/ turns files into tables before any spec is read: it never imports spec/, plan/, result/ or export/.',
      from: { path: '^src/load/' },
      to: { path: '^src/(spec|plan|result|export)/' },
    },
    {
      name: 'time-below-load',
      comment: 'time/ (calendars, zones, date texts) is below the loaders and the spec: they read times with it and name its Granularity, never the other way.',
      severity: 'error',
      from: { path: '^src/time/' },
      to: { path: '^src/(load|spec|plan|engine|result|report|export|cli|api)/' },
    },
    {
      name: 'parallel-is-the-floor',
      severity: 'error',
      comment: 'parallel/ (worker threads, shared memory) imports nothing of kohort above it.',
      from: { path: '^src/parallel/' },
      to: { path: '^src/(load|time|stats|spec|plan|engine|result|report|export|cli|api)/' },
    },
    {
      name: 'thin-cli',
      severity: 'error',
      comment: 'The CLI parses flags, calls the api and hands results to the export registry: it imports api/, export/, the error helper and its own files, never the stages.',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: '^src/(api|export|cli)/|^src/errors\\.ts$' },
    },
    {
      name: 'export-not-load',
      severity: 'error',
      comment: 'Exporters never reach back into the loaders.',
      from: { path: '^src/export/' },
      to: { path: '^src/load/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    moduleSystems: ['es6', 'cjs'],
  },
};
