import { opsFor, type ConditionNode, type RuleField, type RuleNode, type RuleOp, type RuleValue } from '../../../shared/rules';

/** Groups in the builder: every group is {all} or {any}; a child may be wrapped in {not}. */
export type Group = { all: RuleNode[] } | { any: RuleNode[] };

export function isGroup(n: RuleNode): n is Group {
  return 'all' in n || 'any' in n;
}

export function kids(g: Group): RuleNode[] {
  return 'all' in g ? g.all : g.any;
}

export function withKids(g: Group, k: RuleNode[]): Group {
  return 'all' in g ? { all: k } : { any: k };
}

/** The group at `path` (indices of child groups from the root). */
export function groupAt(root: RuleNode, path: number[]): Group {
  let n = root;
  for (const i of path) {
    let child = kids(n as Group)[i];
    if ('not' in child) child = child.not;
    n = child;
  }
  return n as Group;
}

/** Replace the group at `path` with `f(group)`; returns a new root (rules are immutable for undo). */
export function updateGroup(root: RuleNode, path: number[], f: (g: Group) => RuleNode): RuleNode {
  if (path.length === 0) return f(root as Group);
  const [i, ...rest] = path;
  const g = root as Group;
  const list = [...kids(g)];
  const child = list[i];
  list[i] = 'not' in child ? { not: updateGroup(child.not, rest, f) } : updateGroup(child, rest, f);
  return withKids(g, list);
}

export function replaceChild(root: RuleNode, path: number[], index: number, node: RuleNode | null): RuleNode {
  return updateGroup(root, path, (g) => {
    const list = [...kids(g)];
    if (node === null) list.splice(index, 1);
    else list[index] = node;
    return withKids(g, list);
  });
}

export function moveChild(root: RuleNode, path: number[], from: number, to: number): RuleNode {
  return updateGroup(root, path, (g) => {
    const list = [...kids(g)];
    if (to < 0 || to >= list.length) return g;
    const [x] = list.splice(from, 1);
    list.splice(to, 0, x);
    return withKids(g, list);
  });
}

/** A sensible first condition for a field: an operator of its type and a value from its data. */
export function defaultCondition(f: { name: string; type: RuleField['type']; min: number | string | null; categories: { value: string }[] }): ConditionNode {
  const ops = opsFor(f.type);
  const op = ops[0] as RuleOp;
  return { field: f.name, op, ...defaultValue(f, op) };
}

export function defaultValue(f: { type: RuleField['type']; min: number | string | null; max?: number | string | null; categories: { value: string }[] }, op: RuleOp): { value?: RuleValue } {
  if (op === 'is_empty' || op === 'is_not_empty' || op === 'is_true' || op === 'is_false') return {};
  if (op === 'within_last' || op === 'more_than_ago') return { value: { amount: 90, unit: 'days' } };
  const t = f.type;
  if (t === 'integer' || t === 'number') {
    const lo = typeof f.min === 'number' ? f.min : 0;
    const hi = typeof f.max === 'number' ? f.max : lo;
    const mid = Math.round((lo + hi) / 2);
    return { value: op === 'between' ? [lo, hi] : mid };
  }
  if (t === 'date' || t === 'datetime') {
    const d = typeof f.max === 'string' ? f.max : typeof f.min === 'string' ? f.min : '2024-01-01';
    return { value: op === 'between' ? [typeof f.min === 'string' ? f.min : d, d] : d };
  }
  const first = f.categories[0]?.value ?? '';
  if (op === 'in' || op === 'not_in') return { value: first ? [first] : ['?'] };
  if (op === 'contains' || op === 'starts_with') return { value: first.slice(0, 3) || 'a' };
  return { value: first };
}

/**
 * A new condition in the builder: no field chosen yet, so it restricts nothing until completed. (It used to
 * start as "first column is its first value", e.g. "customer_id is C00006", which dropped the live count to a
 * single customer, or none.) The rule model rejects a condition without a field (shared/rules: "a condition
 * needs a field"), so incomplete parts are left out of the live count and block saving (pruneIncomplete).
 */
export function emptyCondition(): ConditionNode {
  return { field: '', op: 'eq' };
}

const NO_VALUE_OPS: readonly RuleOp[] = ['is_empty', 'is_not_empty', 'is_true', 'is_false'];

/** What a condition still needs before it means anything: a field, or a value; null when complete. */
export function conditionNeeds(c: ConditionNode): 'field' | 'value' | null {
  if (!c.field) return 'field';
  if (NO_VALUE_OPS.includes(c.op)) return null;
  const v = c.value;
  if (v === undefined || v === '') return 'value';
  // An empty list ("is any of" nothing chosen), or a date range with an end not filled in. (A list may hold ''
  // when the blank category is chosen.)
  if (Array.isArray(v) && (v.length === 0 || (c.op === 'between' && v.some((x) => x === '')))) return 'value';
  return null;
}

/**
 * The rule without its unfinished parts, for the live count: conditions lacking a field or a value are left out,
 * with a `not` around them, and so are nested groups left with nothing in them ("any" of nothing would match no
 * one, "all" of nothing everyone: either way not what the user has built yet). The root group always stays, so
 * a rule of only unfinished parts counts everyone: they are "no restriction" until completed.
 * `incomplete` counts the unfinished conditions and empty groups; a rule with any cannot be saved.
 */
export function pruneIncomplete(rule: RuleNode): { rule: RuleNode; incomplete: number } {
  let incomplete = 0;
  const walk = (n: RuleNode, root: boolean): RuleNode | null => {
    if (isGroup(n)) {
      const list = kids(n);
      if (list.length === 0 && !root) {
        incomplete++;
        return null;
      }
      const kept = list.map((k) => walk(k, false)).filter((k): k is RuleNode => k !== null);
      return kept.length === 0 && !root ? null : withKids(n, kept);
    }
    if ('not' in n) {
      const inner = walk(n.not, false);
      return inner === null ? null : { not: inner };
    }
    if ('field' in n && conditionNeeds(n) !== null) {
      incomplete++;
      return null;
    }
    return n;
  };
  const out = walk(rule, true);
  if (incomplete === 0) return { rule, incomplete };
  // Only unfinished parts at the top: everyone (an "any" root of nothing would otherwise count no one).
  return { rule: out === null || (isGroup(out) && kids(out).length === 0) ? { all: [] } : out, incomplete };
}

/** Why a draft with unfinished parts cannot be saved (by the Save button, and as the error if saving is tried). */
export function incompleteMessage(incomplete: number): string {
  return incomplete === 1
    ? 'One condition or group is incomplete: choose its field and value, or remove it, before saving.'
    : `${incomplete} conditions or groups are incomplete: choose their fields and values, or remove them, before saving.`;
}
