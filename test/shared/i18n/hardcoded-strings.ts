import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** JSX attributes whose text a user reads (or hears: aria-*). Others (className, data-testid, type…) are code. */
const VISIBLE_ATTRIBUTES = new Set([
  'title', 'placeholder', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'alt', 'label',
  'heading', 'hint', 'message', 'description', 'caption', 'emptyText', 'confirmLabel', 'text', 'help', 'legend',
  'summary', 'tooltip', 'detail', 'note',
]);
/** Attributes that hold code (ids, classes, keys) even when they contain spaces. */
const CODE_ATTRIBUTES = /^(className|class|data-.*|id|key|type|role|name|htmlFor|testId|href|src|rel|target|autoComplete|inputMode|lang|dir|accept|pattern|method|form|value|d|fill|stroke|viewBox|style|option|route|kind|variant|size|align|mode|step|min|max|width|height)$/;
/** Calls whose text arguments are messages by construction, or code. */
const MESSAGE_CALLS = new Set(['t', 'tr', 'rich', 'msg']);
/** Calls whose string arguments a user reads. */
const NOTICE_CALLS = new Set(['notify', 'toast', 'confirm', 'alert', 'setError', 'fail']);
/** Words that are the same in every language (names). */
const NAMES = new Set(['SegmentDesk']);

export interface Finding {
  file: string;
  line: number;
  text: string;
}

const hasWord = (s: string) => /\p{L}{2,}/u.test(s);
/** Two words with a space between them: "Total spend" (not "segments.history", not "primary" alone). */
const hasTwoWords = (s: string) => /\p{L}{2,}[,.;:!?'"()…—–-]*\s+[(\["'«“]*\p{L}{2,}/u.test(s.replace(/\$\{[^}]*\}/g, ' '));

function ignored(sf: ts.SourceFile, node: ts.Node): boolean {
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const lines = sf.text.split('\n');
  return [lines[line], lines[line - 1] ?? ''].some((l) => l.includes('i18n-ignore'));
}

function calleeName(call: ts.CallExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

/**
 * Text a user would read that is written into the code rather than taken from a catalogue: JSX text, the
 * visible attributes, notices, and any other string of two or more words (labels in tables, messages built
 * in store actions). Developer-only text is marked `// i18n-ignore` on its line or the line above.
 */
export function findHardcoded(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    if (NAMES.has(text.trim()) || ignored(sf, node)) return;
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) && MESSAGE_CALLS.has(calleeName(node))) {
      node.arguments.slice(1).forEach(visit);
      return;
    }
    if (ts.isJsxText(node)) {
      if (hasWord(node.text)) report(node, node.text);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      if (CODE_ATTRIBUTES.test(name)) return;
      if (init && ts.isStringLiteral(init)) {
        if (VISIBLE_ATTRIBUTES.has(name) ? hasWord(init.text) : hasTwoWords(init.text)) report(init, init.text);
        return;
      }
    }
    if (ts.isPropertyAssignment(node)) {
      // The key is code; the value is checked below, unless the key names code (className, id…).
      if (!CODE_ATTRIBUTES.test(node.name.getText(sf))) visit(node.initializer);
      return;
    }
    if (ts.isElementAccessExpression(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isCallExpression(node) && NOTICE_CALLS.has(calleeName(node))) {
      for (const a of node.arguments) {
        if ((ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) && hasWord(a.text) && a.text.includes(' ')) report(a, a.text);
        else visit(a);
      }
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (hasTwoWords(node.text) && !ts.isCaseClause(node.parent) && !isComparison(node)) report(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${}');
      // "${n} customers" is text; "nav-${id}" and "${a} ${b}" are not.
      if (hasTwoWords(text) || (hasWord(text.replace(/\$\{\}/g, '')) && /\p{L}{2,}\S*\s|\s\S*\p{L}{2,}/u.test(text.replace(/\$\{\}/g, ' ')) && /\s/.test(text.replace(/\$\{\}/g, '')))) report(node, text);
      node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function isComparison(node: ts.Node): boolean {
  const p = node.parent;
  return ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind);
}

export function rendererFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}
