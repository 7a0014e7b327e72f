/** All pages of the report as (path inside dist/, content), sorted by path: a pure function of the data. */
import { renderCatalogPage } from './catalog-page';
import { renderImagePage } from './image-page';
import { catalogPage, imagePage, sbomPage, tagPage } from './page-paths';
import type { ReportData } from './report-model';
import { renderSbomPage } from './sbom-page';
import { compareText } from './sort-order';
import { renderTagPage } from './tag-page';

export interface RenderedPage {
  path: string;
  html: string;
}

export function renderReportPages(data: ReportData): RenderedPage[] {
  const pages: RenderedPage[] = [{ path: catalogPage(), html: renderCatalogPage(data) }];
  for (const image of data.images) {
    pages.push({ path: imagePage(image.name), html: renderImagePage(data, image) });
    for (const tag of image.tags) {
      pages.push({ path: tagPage(image.name, tag.name), html: renderTagPage(data, image, tag) });
      for (const platform of tag.platforms) {
        if (!platform.sbom) continue;
        pages.push({
          path: sbomPage(image.name, tag.name, platform.slug),
          html: renderSbomPage(data, tag, platform, platform.sbom),
        });
      }
    }
  }
  return pages.sort((a, b) => compareText(a.path, b.path));
}
