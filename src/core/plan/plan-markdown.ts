/**
 * The publish plan as markdown for a job summary or a pull/merge request comment: a headline with the counts, the
 * release tags and aliases and what happens to each, then the platform images to build with their reasons; the
 * reused ones fold away in a <details> block. Deterministic (no times), every value escaped for its table cell.
 */
import { shortDigest, shortPlatform } from '../report/format';
import { escapeMarkdownCell as cell, markdownCode as code } from '../report/markdown-escape';
import type { AliasPlan, PlatformPlan, PublishPlan, TagAction, TagPlan } from './plan-types';

const NONE = '–';

export function renderPlanMarkdown(plan: PublishPlan): string {
  const out = ['## Publish plan', '', ...intro(plan), ''];
  if (plan.tags.length === 0) return `${[...out, 'No tags selected: nothing to do.'].join('\n')}\n`;
  out.push(...tagsTable(plan.tags), '');
  const aliases = plan.tags.flatMap((tag) => tag.aliases.map((alias) => ({ tag, alias })));
  if (aliases.length > 0) out.push(...aliasesTable(aliases), '');
  out.push(...unitsToBuild(plan.tags), ...unitsReused(plan.tags));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function intro(plan: PublishPlan): string[] {
  const { summary } = plan;
  const lines = [
    `Registry ${referenceCode(plan.registry)} · platforms ${plan.platforms.map(cell).join(', ')}` +
      (plan.snapshotId ? ` · snapshot ${code(plan.snapshotId)}` : ''),
    '',
    `**Platform images:** ${summary.build} to build, ${summary.reuse} reused · ` +
      `**Tags:** ${counts(summary.tags)} · **Aliases:** ${counts(summary.aliases)}`,
  ];
  if (plan.snapshotId) {
    const suffix = code(`-${plan.snapshotId}`);
    lines.push(
      '',
      `This run first creates the snapshot tags (every tag below with the suffix ${suffix}, its platform tags and ` +
        'its aliases); promotion then changes the release tags as listed.',
    );
  }
  if (plan.unplannedPlatforms.length > 0) {
    lines.push(
      '',
      `Only ${plan.platforms.map(cell).join(', ')} planned (--platform): the other platforms ` +
        `(${plan.unplannedPlatforms.map(cell).join(', ')}) count as the registry has them now.`,
    );
  }
  return lines;
}

function counts(byAction: Record<TagAction, number>): string {
  const parts = [
    byAction.create > 0 ? `${byAction.create} to create` : '',
    byAction.move > 0 ? `${byAction.move} to move` : '',
    byAction.leave > 0 ? `${byAction.leave} unchanged` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function tagsTable(tags: readonly TagPlan[]): string[] {
  return [
    '### Release tags',
    '',
    '| Tag | Action | Why | Digest now → after | Platform images |',
    '|---|---|---|---|---|',
    ...tags.map((tag) => {
      const platforms = tag.platforms.map((p) => `${cell(shortPlatform(p.platform))} ${p.action}`).join('<br>');
      return row([
        code(`${tag.image}:${tag.tag}`),
        tag.action,
        cell(tag.reason),
        change(tag.digest, tag.newDigest),
        platforms || NONE,
      ]);
    }),
  ];
}

function aliasesTable(aliases: ReadonlyArray<{ tag: TagPlan; alias: AliasPlan }>): string[] {
  return [
    '### Aliases',
    '',
    '| Alias | Action | Points at now | Will point at |',
    '|---|---|---|---|',
    ...aliases.map(({ tag, alias }) => {
      const now = alias.digest
        ? `${code(shortDigest(alias.digest))}${alias.digestTags.length > 0 ? ` (${alias.digestTags.map(cell).join(', ')})` : ''}`
        : NONE;
      const after = `${code(`${tag.image}:${alias.target}`)} (${alias.newDigest ? code(shortDigest(alias.newDigest)) : 'new index'})`;
      return row([code(`${tag.image}:${alias.alias}`), alias.action, now, after]);
    }),
  ];
}

function unitsToBuild(tags: readonly TagPlan[]): string[] {
  const units = platformUnits(tags, 'build');
  if (units.length === 0) return ['Nothing to build: every platform image is reused.', ''];
  return [
    `### Platform images to build (${units.length})`,
    '',
    '| Tag | Platform | Why |',
    '|---|---|---|',
    ...units.map(({ tag, unit }) =>
      row([code(`${tag.image}:${tag.tag}`), cell(unit.platform), unit.reasons.map(cell).join('<br>') || NONE]),
    ),
    '',
  ];
}

function unitsReused(tags: readonly TagPlan[]): string[] {
  const units = platformUnits(tags, 'reuse');
  if (units.length === 0) return [];
  return [
    '<details>',
    `<summary>${units.length} platform image${units.length === 1 ? '' : 's'} reused (same inputs)</summary>`,
    '',
    '| Tag | Platform | Reused image | Input digest |',
    '|---|---|---|---|',
    ...units.map(({ tag, unit }) =>
      row([
        code(`${tag.image}:${tag.tag}`),
        cell(unit.platform),
        unit.existing ? code(shortDigest(unit.existing.digest)) : NONE,
        unit.inputDigest ? code(shortDigest(unit.inputDigest)) : NONE,
      ]),
    ),
    '',
    '</details>',
  ];
}

function platformUnits(tags: readonly TagPlan[], action: PlatformPlan['action']) {
  return tags.flatMap((tag) => tag.platforms.filter((unit) => unit.action === action).map((unit) => ({ tag, unit })));
}

function change(now: string | null, after: string | null): string {
  const before = now ? code(shortDigest(now)) : NONE;
  if (now !== null && now === after) return before;
  return `${before} → ${after ? code(shortDigest(after)) : 'new index'}`;
}

/** A registry path as code: safe in a code span and a table cell when it has none of `` ` `` and `|`. */
function referenceCode(text: string): string {
  return /^[A-Za-z0-9:._/@+-]+$/.test(text) ? `\`${text}\`` : cell(text);
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
