import { tr } from '../i18n/active';
import { fieldKind, opsFor, valueSpec, widgetsOf, type ConditionNode, type FieldFacts as ValueFacts, type RuleField, type RuleNode, type RuleOp, type RuleValue } from '../../shared/rules';

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

type FieldFacts = ValueFacts & { type: RuleField['type'] };

/** The operator a field starts with: "at least" for numbers ("is" one exact amount rarely matches anyone), else its type's first. */
export function defaultOp(type: RuleField['type']): RuleOp {
  const ops = opsFor(type);
  return ops.includes('gte') ? 'gte' : (ops[0] as RuleOp);
}

/**
 * The condition a field starts with once chosen. A number starts as "at least" with no value yet: the user types
 * the threshold; until then the condition is incomplete (left out of the live count, saving blocked). It used to
 * start as "is <midpoint of the range>", e.g. "annual_income is 191060", which matched no one.
 */
export function defaultCondition(f: FieldFacts & { name: string }): ConditionNode {
  const op = defaultOp(f.type);
  return { field: f.name, op, ...defaultValue(f, op) };
}

/** The value a condition starts with for `op`: the operator's declared starting value for the field's kind. */
export function defaultValue(f: FieldFacts, op: RuleOp): { value?: RuleValue } {
  const v = valueSpec(op, fieldKind(f.type))?.initial(f);
  return v === undefined ? {} : { value: v as RuleValue };
}

/** Whether `op` takes one number on this field (a number typed for one such operator is kept for another). */
function takesOneNumber(f: FieldFacts, op: RuleOp): boolean {
  return valueSpec(op, fieldKind(f.type))?.widget === 'number';
}

/** The condition after choosing another operator: a number typed for one comparison is kept for another ("more than 300" → "at least 300"). */
export function withOp(f: FieldFacts, c: ConditionNode, op: RuleOp): ConditionNode {
  if (takesOneNumber(f, op) && takesOneNumber(f, c.op) && typeof c.value === 'number') return { field: c.field, op, value: c.value };
  return { field: c.field, op, ...defaultValue(f, op) };
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number in a value box, or undefined while there is none: empty, or only partly typed ("-", ".", "1e").
 * ("1." reads as 1.) Never 0 for an empty box, as Number("") would.
 */
export function parseNumberText(text: string): number | undefined {
  const s = text.trim();
  if (!NUMBER_TEXT.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
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

/** What a condition still needs before it means anything: a field, or a value; null when complete. */
export function conditionNeeds(c: ConditionNode): 'field' | 'value' | null {
  if (!c.field) return 'field';
  const widgets = widgetsOf(c.op);
  if (widgets.size === 1 && widgets.has('none')) return null;
  const v = c.value;
  if (v === undefined || v === '') return 'value';
  // "within the last … days" with the amount box emptied.
  if (widgets.has('relative') && (typeof v !== 'object' || Array.isArray(v) || typeof v.amount !== 'number')) return 'value';
  // An empty list ("is any of" nothing chosen), or a range (of dates or numbers) with an end not filled in. (A list may hold ''
  // when the blank category is chosen.)
  const range = widgets.has('numberRange') || widgets.has('dateRange');
  if (Array.isArray(v) && (v.length === 0 || (range && v.some((x) => x === '')))) return 'value';
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
  return tr('segments.builder.incompleteSave', { count: incomplete });
}
