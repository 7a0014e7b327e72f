/**
 * The example catalog's dist/ as `generate` wrote it (fixtures/example-dist, copied from `npx tsx src/cli/index.ts
 * generate`), plus hand-written records for a realistic mix: platforms built or not, tests passing, failing and
 * erroring, SBOMs on some platforms.
 */
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import type { TestCaseResult } from '../../../src/core/records/records';
import { temporaryDist } from './dist-builder';
import {
  buildRecord,
  type PackageRow,
  type PlatformRecordSet,
  REGISTRY,
  sbomRecord,
  type TestCase,
  testReport,
  writeRecords,
} from './record-builders';

export const EXAMPLE_DIST_FIXTURE = path.join(__dirname, 'fixtures', 'example-dist');
const DEBIAN = `${REGISTRY}/library/debian:bookworm-slim`;

const AMD64 = 'linux/amd64';
const ARM64 = 'linux/arm64';
const LUA51: PackageRow[] = [
  ['lua5.1', '5.1.5-9', 'MIT'],
  ['liblua5.1-0', '5.1.5-9', 'MIT'],
];
const LUA54: PackageRow[] = [
  ['lua5.4', '5.4.4-3+deb12u1', 'MIT'],
  ['liblua5.4-0', '5.4.4-3+deb12u1', 'MIT'],
];
const BASE_CASES: TestCase[] = [
  ['metadataTest', 'metadata'],
  ['fileExistenceTests', 'CA certificates are installed'],
  ['fileExistenceTests', 'image info is in place'],
  ['fileContentTests', 'image info names the tag'],
  ['commandTests', 'Debian release is bookworm'],
];
const luaCases = (line: string, failure?: Partial<TestCaseResult>): TestCase[] => [
  ['metadataTest', 'metadata'],
  ['fileExistenceTests', 'lua is on PATH'],
  ['fileExistenceTests', 'catalog info'],
  ['commandTests', `lua ${line} runs`, failure],
];
const devCases = (line: string): TestCase[] => [
  ['fileExistenceTests', 'lua headers are installed'],
  ['commandTests', `pkg-config knows lua${line}`],
];
const BASE = `${REGISTRY}/base:2026.11`;

/** Per platform image of the example: what its build, test and sbom steps recorded. */
export function exampleRecords(): PlatformRecordSet[] {
  return [
    {
      build: buildRecord('base', '2026.11', AMD64, DEBIAN, 31_457_280),
      test: testReport('base', '2026.11', AMD64, BASE_CASES),
      sbom: sbomRecord('base', '2026.11', AMD64, []),
      junit: true,
    },
    {
      build: buildRecord('base', '2026.11', ARM64, DEBIAN, 30_408_704),
      test: testReport('base', '2026.11', ARM64, BASE_CASES),
      sbom: sbomRecord('base', '2026.11', ARM64, []),
    },
    {
      build: buildRecord('lua', '5.1.5', AMD64, BASE, 33_554_432),
      test: testReport('lua', '5.1.5', AMD64, luaCases('5.1')),
      sbom: sbomRecord('lua', '5.1.5', AMD64, LUA51),
    },
    {
      build: buildRecord('lua', '5.1.5', ARM64, BASE, 32_505_856),
      test: testReport('lua', '5.1.5', ARM64, luaCases('5.1')),
    },
    {
      build: buildRecord('lua', '5.1.5-dev', AMD64, `${REGISTRY}/lua:5.1.5`, 58_720_256),
      test: testReport('lua', '5.1.5-dev', AMD64, devCases('5.1')),
    },
    {
      build: buildRecord('lua', '5.4.4', AMD64, BASE, 33_816_576),
      test: testReport('lua', '5.4.4', AMD64, luaCases('5.4')),
      sbom: sbomRecord('lua', '5.4.4', AMD64, LUA54),
      junit: true,
    },
    {
      build: buildRecord('lua', '5.4.4', ARM64, BASE, 32_768_000),
      test: testReport(
        'lua',
        '5.4.4',
        ARM64,
        luaCases('5.4', {
          status: 'failed',
          message:
            "Expected string 'Lua 5.4' not found in output 'Lua 5.3.6  Copyright (C) 1994-2020 Lua.org, PUC-Rio'",
        }),
      ),
      sbom: sbomRecord('lua', '5.4.4', ARM64, LUA54),
    },
    {
      build: buildRecord('luacheck', '1.1.0', AMD64, `${REGISTRY}/lua:5.1.5`, 35_651_584),
      test: testReport('luacheck', '1.1.0', AMD64, [
        ['metadataTest', 'metadata'],
        ['fileExistenceTests', 'the CI wrapper is executable'],
        [
          'commandTests',
          'luacheck 1.1.0',
          { status: 'error', message: 'no container runtime: install podman or set DOCKER_HOST' },
        ],
      ]),
      sbom: sbomRecord('luacheck', '1.1.0', AMD64, [...LUA51, ['lua-check', '1.1.0-1', 'MIT']]),
      junit: true,
    },
  ];
}

/** A fresh temporary copy of the example dist/ with all records written. */
export function makeExampleDist(): string {
  const distDir = temporaryDist();
  cpSync(EXAMPLE_DIST_FIXTURE, distDir, { recursive: true });
  writeRecords(distDir, exampleRecords());
  return distDir;
}
