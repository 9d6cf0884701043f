/**
 * Shows the engine's report HTML inside the app without weakening the app's CSP
 * (no frames, no inline styles): the HTML is parsed into an inert document, everything
 * active or external is dropped, and the rest is moved into a shadow root. The report's
 * stylesheet and its SVG style attributes are applied through the CSSOM (a constructed
 * stylesheet and element.style), which CSP does not restrict.
 */

// i18n-ignore: CSS selectors
const DROP = 'script, style, link, meta, iframe, object, embed, base, form, noscript, template';
const SAFE_URL = /^(data:image\/(png|jpeg);|#)/i;

export interface SanitizedReport {
  css: string;
  body: DocumentFragment;
  /** Elements and their style text, applied after the fragment is in the page. */
  styles: [Element, string][];
}

export function sanitizeReport(html: string, doc: Document = document): SanitizedReport {
  // Inline styles are renamed before parsing: even an inert parsed document reports them as CSP violations.
  const blocks = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)];
  // The report's own stylesheet is the first block (in <head>); SVG <style> blocks hold hover rules only.
  const css = (blocks[0]?.[1] ?? '').replace(/\bbody\b/g, '.report-body').replace(/@page\s*{[^}]*}/g, '');
  const inert = html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '').replace(/\sstyle\s*=\s*"/gi, ' data-sd-style="').replace(/\sstyle\s*=\s*'/gi, " data-sd-style='");
  const parsed = new DOMParser().parseFromString(inert, 'text/html');
  for (const el of parsed.querySelectorAll(DROP)) el.remove();
  for (const el of parsed.body.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'style') el.removeAttribute(attr.name);
      else if ((name === 'src' || name === 'href' || name === 'xlink:href') && !SAFE_URL.test(attr.value.trim())) el.removeAttribute(attr.name);
    }
  }
  const body = doc.createDocumentFragment();
  const wrapper = doc.createElement('div');
  wrapper.className = 'report-body';
  for (const child of [...parsed.body.childNodes]) wrapper.appendChild(doc.importNode(child, true));
  body.appendChild(wrapper);
  const styles: [Element, string][] = [];
  for (const el of wrapper.querySelectorAll('[data-sd-style]')) {
    styles.push([el, el.getAttribute('data-sd-style') ?? '']);
    el.removeAttribute('data-sd-style');
  }
  return { css, body, styles };
}

/** Replaces the shadow root's content with the sanitized report. */
export function mountReport(host: HTMLElement, html: string): void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const { css, body, styles } = sanitizeReport(html, host.ownerDocument);
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    // i18n-ignore: CSS
    sheet.replaceSync(`${css}\n.report-body { background: #fff; color: #1d2430; padding: 0 1.5em; }\nsection { border-top: 1px dashed #ccd; margin-top: 1.5em; }\nsection.title { min-height: auto; }`);
    root.adoptedStyleSheets = [sheet];
  }
  root.replaceChildren(body);
  for (const [el, text] of styles) (el as HTMLElement | SVGElement).style.cssText = text;
}
