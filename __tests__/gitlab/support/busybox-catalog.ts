/**
 * The catalog the GitLab pipelines build: `base` FROM the seeded two-platform busybox and `app` FROM base, each
 * with a structure test (file, content, metadata and command tests), so every step of a pipeline has real work.
 * Pushes go to a fresh namespace of the shared test registry, chosen through the templates' `registry` input.
 */
import { randomBytes } from 'node:crypto';
import type { SeededBusybox } from '../../support/busybox-image';

export interface CatalogOptions {
  /** Make app's tests fail (a file content the image does not have). */
  failingAppTest?: boolean;
  platforms?: string[];
  /** A push registry in .image-manager.yml (otherwise the pipeline's IMAGE_MANAGER_REGISTRY chooses it). */
  registry?: string;
}

export function namespaceFor(seeded: SeededBusybox, label: string): string {
  return `${seeded.registry}/gl-${label}-${randomBytes(3).toString('hex')}`;
}

export function busyboxCatalog(seeded: SeededBusybox, options: CatalogOptions = {}): Record<string, string> {
  const platforms = options.platforms ?? ['linux/amd64', 'linux/arm64'];
  const expectedApp = options.failingAppTest ? 'app 9.9.9' : 'app {{tag}}';
  return {
    '.image-manager.yml': [
      'dist_dir: dist',
      'builder: buildah',
      `platforms: [${platforms.join(', ')}]`,
      ...(options.registry ? ['registries:', `  - url: ${options.registry}`] : []),
      'upstream:',
      `  busybox:latest: ${seeded.multi}`,
      '',
    ].join('\n'),
    'images/base/image.yml': "name: base\nis_base_image: true\ntags:\n  - name: '1.0'\n",
    'images/base/Dockerfile.mustache': 'FROM busybox:latest\nRUN echo "base {{tag}}" > /base-info\n',
    'images/base/test.yml.mustache': [
      'schemaVersion: 2.0.0',
      'fileContentTests:',
      '  - name: base info',
      '    path: /base-info',
      '    expectedContents: ["base {{tag}}"]',
      'commandTests:',
      '  - name: the architecture is the platform built',
      '    command: uname',
      '    args: ["-m"]',
      '    expectedOutput: ["x86_64|aarch64"]',
      '',
    ].join('\n'),
    'images/app/image.yml': 'name: app\ntags:\n  - name: 2.0.0\n',
    'images/app/Dockerfile.mustache':
      'FROM {{#image}}base:1.0{{/image}}\nRUN echo "app {{tag}}" > /app-info\nCMD ["cat", "/app-info"]\n',
    'images/app/test.yml.mustache': [
      'schemaVersion: 2.0.0',
      'metadataTest:',
      '  cmd: ["cat", "/app-info"]',
      'fileContentTests:',
      '  - name: app info',
      '    path: /app-info',
      `    expectedContents: ["${expectedApp}"]`,
      'commandTests:',
      '  - name: the base layer is there',
      '    command: cat',
      '    args: ["/base-info"]',
      '    expectedOutput: ["base 1.0"]',
      '',
    ].join('\n'),
  };
}
