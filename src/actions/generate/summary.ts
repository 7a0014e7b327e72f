import type { CatalogSummary } from '../../core/model/catalog-summary';

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A markdown table of the generated catalog for the job summary: image, tags, aliases, dependencies. */
export function catalogSummaryTable(catalog: CatalogSummary & { snapshotId?: string | null }): string {
  const rows = catalog.images.map((image) => {
    const tags = image.tags.map((t) => `\`${t.name}\``).join(', ');
    const aliases = Object.entries(image.aliases)
      .map(([alias, target]) => `\`${alias}\` → \`${target}\``)
      .join(', ');
    return `| ${cell(image.name)} | ${tags} | ${aliases || '–'} | ${cell(image.dependsOn.join(', ')) || '–'} |`;
  });
  const snapshot = catalog.snapshotId ? `Snapshot \`${catalog.snapshotId}\`.\n\n` : '';
  return `${snapshot}| Image | Tags | Aliases | Builds on |\n|---|---|---|---|\n${rows.join('\n')}\n`;
}

/** The affected set for the job summary: what the build jobs build, and what was reused without a build. */
export function affectedSummary(affected: { build: string[]; reused: string[] }): string {
  const list = (units: string[]) => units.map((unit) => `\`${unit}\``).join(', ') || '–';
  return (
    `**To build** (${affected.build.length}): ${list(affected.build)}\n\n` +
    `**Reused** (${affected.reused.length}, unchanged inputs: their snapshot tags point at the registry's images): ` +
    `${list(affected.reused)}\n`
  );
}
