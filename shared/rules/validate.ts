import { RuleNodeSchema, isAll, isAny, isCondition, isNot, type RuleField, type RuleNode } from './types';
import { ruleBoundIssues } from './bounds';
import { opsFor, valueSpec } from './operators';
import { fieldKind, valueProblem } from './values';
import { msg } from '../i18n/current';

export interface RuleIssue {
  /** Where in the tree, e.g. "all[1].any[0]" ("" = the root). */
  path: string;
  message: string;
}

export type RuleCheck = { ok: true; rule: RuleNode } | { ok: false; issues: RuleIssue[] };

/** Checks membership references (segment, cluster, rfm) that only the engine can resolve; returns a message or null. */
export type RefChecker = (node: RuleNode) => string | null;

/** The message, prefixed with where in the tree it is ("at all[1]: …"). */
function where(path: string, message: string): string {
  return path ? msg('rules.validate.at', { path, message }) : message;
}

function zodPath(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/**
 * Validate a rule against a dataset's columns: structure, unknown fields, operators that do
 * not fit the column type and malformed values, each with a message naming the place.
 */
export function validateRule(input: unknown, fields: readonly RuleField[], checkRef?: RefChecker): RuleCheck {
  // Sizes first, without recursion: everything after this recurses once per level.
  const bounds = ruleBoundIssues(input);
  if (bounds.length) return { ok: false, issues: bounds.map((b) => ({ path: b.path, message: where(b.path, b.message) })) };
  const parsed = RuleNodeSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .flatMap(innerIssues)
      .slice(0, 5)
      .map((i) => ({ path: zodPath(i.path), message: where(zodPath(i.path), shapeHint(input, i.message)) }));
    return { ok: false, issues };
  }
  const byName = new Map(fields.map((f) => [f.name, f]));
  const issues: RuleIssue[] = [];
  const add = (path: string, message: string): void => {
    issues.push({ path, message: where(path, message) });
  };
  const walk = (n: RuleNode, path: string): void => {
    if (isAll(n) || isAny(n)) {
      const key = isAll(n) ? 'all' : 'any';
      const kids = isAll(n) ? n.all : (n as { any: RuleNode[] }).any;
      // An empty group is allowed (the builder starts with one): "all" of nothing is everyone, "any" of nothing no one.
      kids.forEach((k, i) => walk(k, `${path ? path + '.' : ''}${key}[${i}]`));
      return;
    }
    if (isNot(n)) return walk(n.not, `${path ? path + '.' : ''}not`);
    if (isCondition(n)) {
      const f = byName.get(n.field);
      if (!f) return add(path, msg('rules.validate.unknownField', { field: n.field }));
      const spec = valueSpec(n.op, fieldKind(f.type));
      if (!spec) return add(path, msg('rules.validate.opNotApplicable', { op: n.op, type: f.type, field: f.name, ops: opsFor(f.type).join(', ') }));
      const problem = valueProblem(spec, n.op, `"${f.name}"`, n.value);
      if (problem) add(path, problem);
      return;
    }
    const refProblem = checkRef ? checkRef(n) : null;
    if (refProblem) add(path, refProblem);
  };
  walk(parsed.data, '');
  return issues.length ? { ok: false, issues } : { ok: true, rule: parsed.data };
}

interface ZodIssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  errors?: ZodIssueLike[][];
}

/**
 * A node that matches one kind of rule node by its key (`{"history":…}`) but fails inside it gets that
 * kind's own messages ("give it as \"of\""), not "not a valid rule node".
 */
function innerIssues(i: ZodIssueLike): ZodIssueLike[] {
  if (i.code !== 'invalid_union' || !i.errors) return [i];
  const inside = i.errors.find((branch) => branch.length > 0 && branch.every((e) => e.path.length > 0 && e.code !== 'unrecognized_keys'));
  return inside ? inside.flatMap((e) => innerIssues({ ...e, path: [...i.path, ...e.path] })) : [i];
}

/** A clearer message than a union mismatch for the commonest shape mistakes. */
function shapeHint(input: unknown, fallback: string): string {
  if (input === null || typeof input !== 'object') return msg('rules.validate.notObject', { group: '{"all":[…]}', condition: '{"field":…,"op":…,"value":…}' });
  return fallback === 'Invalid input'
    ? msg('rules.validate.notNode', { all: '{"all":[…]}', any: '{"any":[…]}', not: '{"not":…}', condition: '{"field","op","value"}', history: '{"history":{…}}', refs: '{"segment"|"cluster"|"rfm"|"clv":…}' })
    : fallback;
}

/** Fields used by a rule's conditions (for sensitive-column checks and the UI). */
export function fieldsUsed(rule: RuleNode): string[] {
  const out = new Set<string>();
  const walk = (n: RuleNode): void => {
    if (isAll(n)) n.all.forEach(walk);
    else if (isAny(n)) n.any.forEach(walk);
    else if (isNot(n)) walk(n.not);
    else if (isCondition(n)) out.add(n.field);
  };
  walk(rule);
  return [...out];
}
