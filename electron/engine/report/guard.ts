import { AppError } from '../../../shared/contract/result';

/**
 * Last line of defence for "no link that calls home": the finished HTML may not reference
 * anything outside itself. SVG namespace declarations (xmlns="http://www.w3.org/…") are
 * identifiers, not fetched, and are the only URLs allowed.
 */
export function externalReferences(html: string): string[] {
  const found: string[] = [];
  const attr = /\b(?:src|href|xlink:href|action|poster|srcset|background|data)\s*=\s*("([^"]*)"|'([^']*)')/gi;
  for (const m of html.matchAll(attr)) {
    const v = (m[2] ?? m[3] ?? '').trim();
    if (!/^(data:|#)/i.test(v) || /^data:text\/html/i.test(v)) found.push(v.slice(0, 80));
  }
  for (const m of html.matchAll(/url\(\s*['"]?([^'")]*)/gi)) if (!/^(#|data:)/i.test(m[1].trim())) found.push(m[1].slice(0, 80));
  for (const m of html.matchAll(/@import\b[^;]*/gi)) found.push(m[0].slice(0, 80));
  if (/<script\b/i.test(html)) found.push('<script>');
  if (/<(?:link|iframe|object|embed|base)\b/i.test(html)) found.push('<link/iframe/object/embed/base>');
  return found;
}

export function assertNoExternalReference(html: string): void {
  const refs = externalReferences(html);
  if (refs.length) throw new AppError('INTERNAL', `the report would reference something outside itself: ${refs.slice(0, 3).join(', ')}`, { refs: refs.slice(0, 10) });
}
