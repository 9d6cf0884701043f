import { RuleSchema, fieldKind, isAll, isAny, isCondition, isNot, opsFor, RelativeDateSchema, type RuleField, type RuleNode } from './types';
import { isoToDays } from './dates';

export interface RuleIssue {
  /** Where in the tree, e.g. "all[1].any[0]" ("" = the root). */
  path: string;
  message: string;
}

export type RuleCheck = { ok: true; rule: RuleNode } | { ok: false; issues: RuleIssue[] };

/** Checks membership references (segment, cluster, rfm) that only the engine can resolve; returns a message or null. */
export type RefChecker = (node: RuleNode) => string | null;

const MAX_DEPTH = 24;
const MAX_NODES = 1000;

function where(path: string): string {
  return path ? `at ${path}: ` : '';
}

function zodPath(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/**
 * Validate a rule against a dataset's columns: structure, unknown fields, operators that do
 * not fit the column type and malformed values, each with a message naming the place.
 */
export function validateRule(input: unknown, fields: readonly RuleField[], checkRef?: RefChecker): RuleCheck {
  const parsed = RuleSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: zodPath(i.path), message: `${where(zodPath(i.path))}${shapeHint(input, i.message)}` }));
    return { ok: false, issues };
  }
  const byName = new Map(fields.map((f) => [f.name, f]));
  const issues: RuleIssue[] = [];
  let nodes = 0;
  const add = (path: string, message: string): void => {
    issues.push({ path, message: `${where(path)}${message}` });
  };
  const walk = (n: RuleNode, path: string, depth: number): void => {
    nodes++;
    if (depth > MAX_DEPTH) return add(path, `rule is nested more than ${MAX_DEPTH} levels deep`);
    if (isAll(n) || isAny(n)) {
      const key = isAll(n) ? 'all' : 'any';
      const kids = isAll(n) ? n.all : (n as { any: RuleNode[] }).any;
      // An empty group is allowed (the builder starts with one): "all" of nothing is everyone, "any" of nothing no one.
      kids.forEach((k, i) => walk(k, `${path ? path + '.' : ''}${key}[${i}]`, depth + 1));
      return;
    }
    if (isNot(n)) return walk(n.not, `${path ? path + '.' : ''}not`, depth + 1);
    if (isCondition(n)) {
      const f = byName.get(n.field);
      if (!f) return add(path, `unknown field "${n.field}"`);
      const ops = opsFor(f.type);
      if (!ops.includes(n.op)) return add(path, `operator "${n.op}" does not apply to ${f.type} field "${f.name}" (use one of ${ops.join(', ')})`);
      const problem = valueProblem(f, n.op, n.value);
      if (problem) add(path, problem);
      return;
    }
    const msg = checkRef ? checkRef(n) : null;
    if (msg) add(path, msg);
  };
  walk(parsed.data, '', 0);
  if (nodes > MAX_NODES) add('', `rule has ${nodes} parts; at most ${MAX_NODES} are allowed`);
  return issues.length ? { ok: false, issues } : { ok: true, rule: parsed.data };
}

/** A clearer message than a union mismatch for the commonest shape mistakes. */
function shapeHint(input: unknown, fallback: string): string {
  if (input === null || typeof input !== 'object') return 'a rule must be an object such as {"all":[…]} or {"field":…,"op":…,"value":…}';
  return fallback === 'Invalid input' ? 'not a valid rule node: expected {"all":[…]}, {"any":[…]}, {"not":…}, a condition {"field","op","value"} or {"segment"|"cluster"|"rfm":…}' : fallback;
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function valueProblem(f: RuleField, op: string, value: unknown): string | null {
  const kind = fieldKind(f.type);
  const name = `"${f.name}"`;
  if (op === 'is_empty' || op === 'is_not_empty' || op === 'is_true' || op === 'is_false') {
    return value === undefined ? null : `operator "${op}" takes no value`;
  }
  if (kind === 'number') {
    if (op === 'between') {
      if (!Array.isArray(value) || value.length !== 2 || !isNum(value[0]) || !isNum(value[1])) return `"between" on ${name} needs [low, high] numbers`;
      return value[0] <= value[1] ? null : `"between" on ${name}: low ${value[0]} is above high ${value[1]}`;
    }
    return isNum(value) ? null : `operator "${op}" on ${name} needs a number, got ${JSON.stringify(value) ?? 'nothing'}`;
  }
  if (kind === 'text') {
    if (op === 'in' || op === 'not_in') {
      if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) return `operator "${op}" on ${name} needs a non-empty list of texts`;
      return null;
    }
    if (typeof value !== 'string') return `operator "${op}" on ${name} needs a text value, got ${JSON.stringify(value) ?? 'nothing'}`;
    if ((op === 'contains' || op === 'starts_with') && value === '') return `operator "${op}" on ${name} needs a non-empty text`;
    return null;
  }
  // dates
  if (op === 'within_last' || op === 'more_than_ago') {
    return RelativeDateSchema.safeParse(value).success ? null : `operator "${op}" on ${name} needs {"amount": whole number ≥ 0, "unit": "days"|"weeks"|"months"|"years"}`;
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return `"between" on ${name} needs [from, to] ISO dates`;
    const a = isoToDays(value[0]);
    const b = isoToDays(value[1]);
    if (a === null || b === null) return `"between" on ${name}: ${JSON.stringify(a === null ? value[0] : value[1])} is not a date (yyyy-mm-dd)`;
    return a <= b ? null : `"between" on ${name}: ${value[0]} is after ${value[1]}`;
  }
  if (typeof value !== 'string' || isoToDays(value) === null) return `operator "${op}" on ${name} needs an ISO date (yyyy-mm-dd), got ${JSON.stringify(value) ?? 'nothing'}`;
  return null;
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
