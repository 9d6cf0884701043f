import type { Page } from 'playwright-core';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, type MessageId } from '../../shared/i18n/catalogue';
import type { Locale } from '../../shared/i18n/locales';

/*
 * "No untranslated string found by scanning the rendered DOM against the English catalogue" (issue #19): every
 * English message whose translation differs is turned into a matcher (plain text, or a pattern where its
 * placeholders and plural branches may be anything), and every element's text and visible attributes are
 * checked against them. Data (table cells, the user's column names and values in pickers) is left out.
 */

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A regex source for a parsed message; `null` for one with markup (tags render as several elements). */
function patternOf(els: MessageFormatElement[]): string | null {
  let out = '';
  for (const el of els) {
    if (el.type === TYPE.literal) out += esc(norm(el.value) === '' && el.value !== '' ? ' ' : el.value.replace(/\s+/g, ' '));
    else if (el.type === TYPE.pound) out += '[-\\d\\s.,\u00a0\u202f]+';
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.values(el.options).map((o) => patternOf(o.value));
      if (options.some((o) => o === null)) return null;
      out += `(?:${options.join('|')})`;
    } else if (el.type === TYPE.tag) return null;
    else out += '.+?';
  }
  return out;
}

/** Letters in a message's own text (not its placeholders): short or letterless messages say too little to match on. */
function letters(els: MessageFormatElement[]): number {
  let n = 0;
  for (const el of els) {
    if (el.type === TYPE.literal) n += (el.value.match(/\p{L}/gu) ?? []).length;
    else if (el.type === TYPE.plural || el.type === TYPE.select) n += Math.min(...Object.values(el.options).map((o) => letters(o.value)));
  }
  return n;
}

export interface EnglishMatchers {
  exact: string[];
  /** The translation's own plain messages: a text equal to one of them is translated, whatever English pattern it fits. */
  translated: string[];
  /** English pattern and the translation's own (null when it has markup): a text both match is the translation. */
  patterns: [string, string | null][];
}

/** The English messages that must not appear in a window shown in `locale`. */
export function englishMatchers(locale: Locale): EnglishMatchers {
  const en = CATALOGUES.en as Record<MessageId, string>;
  const theirs = CATALOGUES[locale] as Record<MessageId, string>;
  const exact: string[] = [];
  const patterns: [string, string | null][] = [];
  const translated = Object.values(theirs).filter((m) => !/[{}<]/.test(m)).map(norm);
  for (const id of Object.keys(en) as MessageId[]) {
    const text = en[id];
    if (theirs[id] === text) continue;
    const els = parse(text);
    if (letters(els) < 4) continue;
    if (els.every((e) => e.type === TYPE.literal)) exact.push(norm(text));
    else {
      const p = patternOf(els);
      let own: string | null = null;
      try {
        own = patternOf(parse(theirs[id]))?.trim() ?? null;
      } catch {
        own = null;
      }
      if (p !== null && letters(els) >= 6) patterns.push([p.trim(), own]);
    }
  }
  return { exact, patterns, translated };
}

/** Texts on the page (element texts and visible attributes) that are English messages. */
export async function untranslatedOnPage(page: Page, locale: Locale, data: readonly string[] = []): Promise<string[]> {
  const m = englishMatchers(locale);
  return page.evaluate(
    ({ exact, patterns, translated, data }) => {
      // Values of the user's own file (column names such as "gender") are data, whatever a message says;
      // a text that is one of the translation's own messages is translated.
      const own = new Set([...data, ...translated]);
      const set = new Set(exact.filter((e) => !own.has(e)));
      const any = patterns.length ? new RegExp(`^(?:${patterns.map(([en]) => en).join('|')})$`, 'u') : null;
      const pairs = patterns.map(([en, theirs]) => [new RegExp(`^(?:${en})$`, 'u'), theirs === null ? null : new RegExp(`^(?:${theirs})$`, 'u')] as const);
      const hit = (t: string) => {
        const s = t.replace(/\s+/g, ' ').trim();
        if (s.length === 0 || own.has(s)) return false;
        if (set.has(s)) return true;
        if (any === null || !any.test(s)) return false;
        // English by the English pattern and not the translation's own ("Import {file}" / "Import pliku {file}").
        return pairs.some(([en, theirs]) => en.test(s) && !(theirs !== null && theirs.test(s)));
      };
      const found = new Set<string>();
      const skip = (el: Element) => el.closest('[data-i18n-skip], [data-testid="data-table"] [role="gridcell"], td, code, pre, option, .echarts, canvas, svg');
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        if (skip(el)) continue;
        const html = el as HTMLElement;
        const visible = html.offsetParent !== null || getComputedStyle(html).position === 'fixed';
        if (visible) {
          // Only elements that hold text of their own, so a message split into several elements is judged whole by its parent.
          const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
          if (own && hit(html.innerText ?? '')) found.add(html.innerText.trim());
        }
        for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
          const v = el.getAttribute(a);
          if (v && hit(v)) found.add(`@${a}: ${v}`);
        }
      }
      return [...found];
    },
    { ...m, data: [...data] },
  );
}

/**
 * In the pseudo-locale, UI text that does not fit: elements whose own text is cut (overflow hidden or
 * ellipsis with more text than room) and a page wider than the window. Only pseudo text counts (it is
 * marked [!! … !!]): long data values shown with an ellipsis by design are not layout bugs.
 */
export async function overflowOnPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) out.push(`page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.offsetParent === null) continue;
      const text = el.innerText ?? '';
      if (!text.includes('!!')) continue;
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own) continue;
      const cs = getComputedStyle(el);
      // Screen-reader text is clipped to 1px on purpose.
      if (el.classList.contains('sr-only') || el.clientWidth <= 1) continue;
      // Inside a box that scrolls sideways (a wide table), text past the window is reached by scrolling.
      let scrolls = false;
      for (let a = el.parentElement; a && !scrolls; a = a.parentElement) scrolls = ['auto', 'scroll'].includes(getComputedStyle(a).overflowX);
      if (scrolls) continue;
      const clips = cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1) out.push(`cut: "${text.trim().slice(0, 60)}" (${el.scrollWidth}px in ${el.clientWidth}px) ${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && cs.position !== 'fixed') out.push(`past the window's edge: "${text.trim().slice(0, 60)}" (right ${Math.round(r.right)}px)`);
    }
    return out;
  });
}
