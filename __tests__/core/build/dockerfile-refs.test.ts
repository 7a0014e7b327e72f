import { dockerfileImageRefs } from '../../../src/core/build/dockerfile-refs';

describe('dockerfileImageRefs', () => {
  it.each<[string, string[], Record<string, string>, string[], string[]]>([
    ['single FROM', ['FROM debian:bookworm-slim', 'RUN true'], {}, ['debian:bookworm-slim'], []],
    ['lowercase keyword, platform flag, stage name', ['from --platform=$BUILDPLATFORM 127.0.0.1:5050/base:1 AS build'], {}, ['127.0.0.1:5050/base:1'], []],
    ['scratch is not an image', ['FROM scratch', 'COPY busybox /bin/busybox'], {}, [], []],
    [
      'multi-stage: stage references are not images',
      ['FROM golang:1.23 AS build', 'RUN go build', 'FROM build AS test', 'FROM gcr.io/distroless/static', 'COPY --from=build /app /app'],
      {},
      ['golang:1.23', 'gcr.io/distroless/static'],
      [],
    ],
    [
      'COPY --from and RUN --mount from= external images',
      ['FROM alpine:3', 'COPY --from=ghcr.io/acme/tools:1 /bin/t /bin/t', 'RUN --mount=type=bind,from=busybox:1,target=/b true', 'COPY --from=0 /x /x'],
      {},
      ['alpine:3', 'ghcr.io/acme/tools:1', 'busybox:1'],
      [],
    ],
    [
      'global ARG defaults and build-arg overrides',
      ['ARG REGISTRY=127.0.0.1:5050', 'ARG TAG=1', 'FROM ${REGISTRY}/base:${TAG}', 'FROM $REGISTRY/other:${TAG:-x}'],
      { TAG: '2' },
      ['127.0.0.1:5050/base:2', '127.0.0.1:5050/other:2'],
      [],
    ],
    [
      'TARGETARCH from the platform; :- default',
      ['FROM 127.0.0.1:5050/busybox:${TARGETARCH}', 'FROM debian:${SUITE:-bookworm}'],
      {},
      ['127.0.0.1:5050/busybox:arm64', 'debian:bookworm'],
      [],
    ],
    ['an undefined variable stays unresolved', ['FROM ${BASE}:1', 'FROM debian'], {}, ['debian'], ['${BASE}:1']],
    [
      'continuations and comments',
      ['# syntax=docker/dockerfile:1', 'FROM \\', '  debian:bookworm \\', '  AS base', '# FROM ignored:1'],
      {},
      ['debian:bookworm'],
      [],
    ],
    ['a FROM inside a heredoc is text', ['FROM alpine:3', 'RUN <<EOF', 'FROM not-an-image:1', 'EOF'], {}, ['alpine:3'], []],
    ['duplicates appear once', ['FROM a:1 AS x', 'FROM a:1 AS y'], {}, ['a:1'], []],
  ])('%s', (_name, lines, buildArgs, refs, unresolved) => {
    expect(dockerfileImageRefs(lines.join('\n'), buildArgs, 'linux/arm64')).toEqual({ refs, unresolved });
  });
});
