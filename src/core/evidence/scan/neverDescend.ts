/**
 * Folders a scan never enters, whatever `.gitignore` says: dependencies,
 * version-control internals, virtual environments, caches and build output.
 * Evidence is about what a team writes, and these folders hold what tools
 * write (often tens of thousands of files).
 */
export const NEVER_DESCEND: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.gradle',
  '.terraform',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.yarn',
  '.vscode-test',
  'coverage',
]);
