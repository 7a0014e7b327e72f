import { loadReportData } from '../../core/report/load-report-data';
import type { PlatformReport } from '../../core/report/report-model';
import { summaryMarkdown } from '../../core/report/summary-markdown';

/** A platform image a step checked (test, sbom): `<registry>/<image>:<tag>-linux-<arch>@sha256:…`. */
export interface CheckedImage {
  image: string;
  tag: string;
  platform: string;
  ref: string;
}

/**
 * The catalog table of the job summary (image, tag, platforms, digest, aliases, tests, SBOM packages) from the
 * records this job's dist/ holds, limited to the images and platforms the step worked on: a build job for amd64
 * knows nothing about arm64, so showing arm64 as "not built" there would mislead. For the same reason, the images
 * a test or sbom job pulled (built on another runner, so without a build record here) show as built, with the
 * digest that was checked.
 */
export async function imageSummaryTable(
  distDir: string,
  images: ReadonlySet<string>,
  platforms: string[],
  checked: CheckedImage[] = [],
): Promise<string> {
  const data = await loadReportData(distDir, { platforms });
  const shown = data.images
    .filter((image) => images.has(image.name))
    .map((image) => ({
      ...image,
      tags: image.tags.map((tag) => ({
        ...tag,
        platforms: tag.platforms
          .filter((entry) => platforms.includes(entry.platform))
          .map((entry) =>
            withCheckedImage(
              entry,
              checked.find((c) => matches(c, image.name, tag.name, entry)),
            ),
          ),
      })),
    }));
  return summaryMarkdown({ ...data, images: shown });
}

function matches(checked: CheckedImage, image: string, tag: string, entry: PlatformReport): boolean {
  return checked.image === image && checked.tag === tag && checked.platform === entry.platform;
}

function withCheckedImage(entry: PlatformReport, checked: CheckedImage | undefined): PlatformReport {
  const digest = checked?.ref.split('@')[1];
  if (entry.build || !checked || !digest) return entry;
  const ref = checked.ref.split('@')[0];
  const build = { image: checked.image, tag: checked.tag, platform: entry.platform, ref, digest };
  return { ...entry, build: { ...build, builder: 'another runner', baseDigests: {}, durationMs: 0 } };
}
