import type { Random } from './random';
import type { GeneratedFile, Service } from './service';

/**
 * What tools write into a repository: installed npm packages (node_modules at
 * the root and in some services, not gitignored in every copy of a repo),
 * Go `vendor/` folders (committed), and build output (dist/, coverage/,
 * target/). Packages ship their own YAML, Dockerfiles and workflows, which a
 * scan must never read.
 */
export function nodeModulesFile(n: number, random: Random, root: string): GeneratedFile {
  const pkg = Math.floor(n / 24);
  const name = pkg % 6 === 0 ? `@scope${pkg % 17}/pkg-${pkg}` : `pkg-${pkg}`;
  const base = `${root}node_modules/${name}`;
  const slot = n % 24;
  if (slot === 0)
    return [
      `${base}/package.json`,
      `{\n  "name": "${name}",\n  "version": "1.${pkg % 40}.${slot}",\n  "main": "lib/index.js",\n  "license": "MIT"\n}\n`,
    ];
  if (slot === 1) return [`${base}/README.md`, `# ${name}\n\nInstall with \`npm install ${name}\`.\n`];
  if (slot === 2)
    return [`${base}/LICENSE`, 'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy.\n'];
  if (slot === 3 && pkg % 3 === 0) return [`${base}/.github/workflows/ci.yml`, PACKAGE_WORKFLOW];
  if (slot === 4 && pkg % 4 === 0) return [`${base}/.travis.yml`, 'language: node_js\nnode_js:\n  - "18"\n  - "20"\n'];
  if (slot === 5 && pkg % 5 === 0) return [`${base}/.eslintrc.yml`, 'extends: standard\nrules:\n  semi: [error, never]\n'];
  if (slot === 6 && pkg % 23 === 0) return [`${base}/Dockerfile`, 'FROM node:18\nCOPY . .\nRUN npm ci\nCMD ["npm", "test"]\n'];
  if (slot < 14) return [`${base}/lib/file-${slot}.js`, jsModule(slot, random)];
  if (slot < 20) return [`${base}/lib/file-${slot - 8}.d.ts`, `export declare function f${slot}(value: number): number;\n`];
  return [`${base}/dist/esm/file-${slot}.mjs`, jsModule(slot, random)];
}

export function vendorFile(service: Service, n: number, random: Random): GeneratedFile {
  const module = Math.floor(n / 15);
  const base = `${service.dir}/vendor/github.com/org${module % 11}/lib${module}`;
  const slot = n % 15;
  if (slot === 0) return [`${base}/.golangci.yml`, 'linters:\n  enable: [govet, errcheck]\n'];
  if (slot === 1) return [`${base}/.github/workflows/go.yml`, VENDOR_WORKFLOW];
  if (slot === 2) return [`${base}/LICENSE`, 'Apache License 2.0\n'];
  return [
    `${base}/file${slot}.go`,
    `package lib${module}\n\n// F${slot} is vendored.\nfunc F${slot}(v int) int { return v + ${random.int(0, 99)} }\n`,
  ];
}

export function buildOutputFile(service: Service, n: number, random: Random): GeneratedFile {
  const kind = n % 3;
  if (kind === 0) return [`${service.dir}/dist/chunks/chunk-${n}.js`, jsModule(n, random)];
  if (kind === 1)
    return [`${service.dir}/dist/chunks/chunk-${n - 1}.js.map`, `{"version":3,"sources":["../src/${n}.ts"],"mappings":"AAAA"}\n`];
  return [
    `${service.dir}/coverage/lcov-report/file-${n}.html`,
    `<!doctype html><title>coverage ${n}</title><p>${random.int(0, 100)}%</p>\n`,
  ];
}

function jsModule(slot: number, random: Random): string {
  return `'use strict';\nObject.defineProperty(exports, '__esModule', { value: true });\n${Array.from(
    { length: random.int(2, 12) },
    (_, i) => `exports.f${i} = function f${i}(value) { return value + ${slot * i}; };`,
  ).join('\n')}\n`;
}

const PACKAGE_WORKFLOW = `name: test
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm install
      - run: npm test
`;

const VENDOR_WORKFLOW = `name: go
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
      - run: go test ./...
`;
