import { finalStageBase, pinBaseImages, platformImageRef } from '../../../src/core/build-run/base-pins';

const digest = `sha256:${'a'.repeat(64)}`;
const pins = new Map([['127.0.0.1:5050/base:2026.11', `127.0.0.1:5050/base:2026.11-linux-arm64@${digest}`]]);

describe('pinning catalog bases', () => {
  it.each([
    ['127.0.0.1:5050/base:2026.11', 'linux/arm64', '127.0.0.1:5050/base:2026.11-linux-arm64'],
    ['ghcr.io/acme/lua:5.4.4-mr-7', 'linux/amd64', 'ghcr.io/acme/lua:5.4.4-mr-7-linux-amd64'],
    ['r.example/x:1', 'linux/arm/v7', 'r.example/x:1-linux-arm-v7'],
  ])('%s on %s is built on %s', (ref, platform, expected) => {
    expect(platformImageRef(ref, platform)).toBe(expected);
  });

  it.each([
    [
      'the only FROM, keeping everything else byte for byte',
      'FROM 127.0.0.1:5050/base:2026.11\r\nCOPY --chown=0:0 rootfs/ /\r\nRUN x\r\n',
      `FROM 127.0.0.1:5050/base:2026.11-linux-arm64@${digest}\r\nCOPY --chown=0:0 rootfs/ /\r\nRUN x\r\n`,
    ],
    [
      'every stage naming the base, flags and stage names kept',
      'FROM --platform=$BUILDPLATFORM 127.0.0.1:5050/base:2026.11 AS build\nRUN make\nFROM 127.0.0.1:5050/base:2026.11\nCOPY --from=build /out /\n',
      `FROM --platform=$BUILDPLATFORM 127.0.0.1:5050/base:2026.11-linux-arm64@${digest} AS build\nRUN make\nFROM 127.0.0.1:5050/base:2026.11-linux-arm64@${digest}\nCOPY --from=build /out /\n`,
    ],
    [
      'nothing else: upstream images, stage references, look-alikes in RUN lines',
      'FROM debian:bookworm AS b\nRUN echo FROM 127.0.0.1:5050/base:2026.11\nFROM b\n',
      'FROM debian:bookworm AS b\nRUN echo FROM 127.0.0.1:5050/base:2026.11\nFROM b\n',
    ],
  ])('rewrites %s', (_name, input, expected) => {
    expect(pinBaseImages(input, pins)).toBe(expected);
  });

  it.each([
    ['FROM a:1 AS x\nFROM b:2\n', 'b:2'],
    ['FROM a:1 AS x\nFROM x\n', undefined],
    ['FROM scratch\nCOPY f /\n', undefined],
    ['# no FROM\n', undefined],
  ])('the final stage of %j builds on %s', (dockerfile, expected) => {
    expect(finalStageBase(dockerfile)).toBe(expected);
  });
});
