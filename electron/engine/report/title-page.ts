import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/result';
import type { ParsedReportOptions } from './context';
import { dl, esc } from './html';
import { msg } from '../../../shared/i18n/current';
import { reportDate } from './format';

const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/**
 * The logo as a data: URI. Only PNG and JPEG, recognised by their magic bytes: an SVG logo
 * could carry scripts or external references, which the report must never contain.
 */
export function logoDataUri(file: string): string {
  const abs = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch {
    throw new AppError('NOT_FOUND', msg('report.errors.logoUnreadable', { path: abs }), { path: abs });
  }
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('BAD_INPUT', msg('report.errors.logoTooLarge', { path: abs }), { path: abs });
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) throw new AppError('BAD_INPUT', msg('report.errors.logoNotImage', { path: abs }), { path: abs });
  return `data:image/${png ? 'png' : 'jpeg'};base64,${bytes.toString('base64')}`;
}

export function titlePage(o: ParsedReportOptions & { title: string }, toc: string[]): string {
  const items: [string, string][] = [];
  if (o.client) items.push([msg('report.titlePage.preparedFor'), o.client]);
  if (o.consultant) items.push([msg('report.titlePage.preparedBy'), o.consultant]);
  // The date as given; an ISO date is written the reader's way.
  if (o.date) items.push([msg('report.titlePage.date'), reportDate(o.date)]);
  return [
    '<section class="title">',
    o.logoPath ? `<img class="logo" alt="${esc(msg('report.titlePage.logo'))}" src="${logoDataUri(o.logoPath)}">` : '',
    `<h1>${esc(o.title)}</h1>`,
    o.subtitle ? `<p class="sub">${esc(o.subtitle)}</p>` : '',
    items.length ? dl(items) : '',
    `<ol class="toc">${toc.map((t) => `<li>${esc(t)}</li>`).join('')}</ol>`,
    '</section>',
  ].join('\n');
}
