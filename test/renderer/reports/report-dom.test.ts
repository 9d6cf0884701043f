import { describe, expect, it } from 'vitest';
import { sanitizeReport } from '../../../renderer/features/reports/report-dom';

const HTML = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><style>body { color: red; } @page { size: A4; }</style></head>
<body><main><section id="x"><h2>Title</h2>
<img src="data:image/png;base64,AAAA"><img src="https://evil.example/x.png"><a href="http://evil.example">link</a>
<p onclick="alert(1)">text</p><script>alert(2)</script><object data="https://evil.example/o"></object>
<svg><style>.c0-cls-0:hover{cursor:pointer}</style><text style="font-size:12px;">label</text></svg></section></main></body></html>`;

describe('report preview sanitizer', () => {
  it('keeps the report content, drops anything active or external, and moves inline styles to the CSSOM', () => {
    const { css, body, styles } = sanitizeReport(HTML);
    const root = document.createElement('div');
    root.appendChild(body);
    expect(root.querySelector('h2')?.textContent).toBe('Title');
    expect(root.querySelectorAll('script, object, style, meta').length).toBe(0);
    expect(root.querySelector('[onclick]')).toBeNull();
    const srcs = [...root.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    expect(srcs).toEqual(['data:image/png;base64,AAAA', null]);
    expect(root.querySelector('a')?.getAttribute('href')).toBeNull();
    expect(root.querySelector('[style]')).toBeNull();
    expect(styles).toHaveLength(1);
    expect(styles[0][1]).toBe('font-size:12px;');
    expect(css).toContain('.report-body { color: red; }');
    expect(css).not.toContain('@page');
  });
});
