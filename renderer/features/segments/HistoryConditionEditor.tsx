import { useState } from 'react';
import { DATE_UNITS, HISTORY_OPS, type DateUnit, type HistoryCondition, type HistoryMeasure, type HistoryOp, type RuleNode } from '../../../shared/rules';
import type { DatasetInfo } from '../../../shared/types/columns';
import { useApp } from '../../store';
import { parseNumberText } from '../../lib/rule-edit';

/**
 * The order-history condition in the builder ("at least 3 orders in the last 90 days", "bought category
 * Wine at least twice between …"): measure, column, time window, an optional filter on one order column,
 * comparison and value. Kept apart from ConditionEditor: it edits a `{"history":…}` node, not a field.
 */

const MEASURES: { value: HistoryMeasure; label: string }[] = [
  { value: 'count', label: 'number of orders' },
  { value: 'sum', label: 'total' },
  { value: 'avg', label: 'average per order of' },
  { value: 'distinct', label: 'number of different' },
];
const OP_LABELS: Record<HistoryOp, string> = { gte: 'at least', gt: 'more than', lte: 'at most', lt: 'fewer than', eq: 'exactly', between: 'between' };
type WindowKind = 'ever' | 'last' | 'between';

/** Transactions datasets a rule on `dataset` can read order history from: those linked to it, or itself when it is one. */
export function historySources(datasets: readonly DatasetInfo[], dataset: string | null): DatasetInfo[] {
  if (!dataset) return [];
  return datasets.filter((d) => d.kind === 'transactions' && (d.name === dataset || d.linkedTo === dataset));
}

function useHistorySources(): DatasetInfo[] {
  const datasets = useApp((s) => s.workspace?.datasets);
  const active = useApp((s) => s.activeDataset);
  return historySources(datasets ?? [], active);
}

/** A new condition: "at least 1 order in the last 90 days" (complete, so it counts at once). */
export function newHistoryCondition(transactions: string): { history: HistoryCondition } {
  return { history: { transactions, measure: 'count', within_last: { amount: 90, unit: 'days' }, op: 'gte', value: 1 } };
}

/** "+ Order history" beside "+ Condition"; absent when no orders file is linked to the dataset. */
export function AddHistoryButton({ id, onAdd }: { id: string; onAdd(n: RuleNode): void }) {
  const sources = useHistorySources();
  if (sources.length === 0) return null;
  return (
    <button type="button" onClick={() => onAdd(newHistoryCondition(sources[0].name))} data-testid={`${id}-add-history`}>
      + Order history
    </button>
  );
}

/** A number box that keeps what is typed and reports only numbers (an emptied box keeps the last number). */
function NumberBox({ value, onChange, label, testId }: { value: number; onChange(n: number): void; label: string; testId: string }) {
  const [text, setText] = useState(String(value));
  const shown = parseNumberText(text) === value ? text : String(value);
  return (
    <input
      type="text"
      inputMode="decimal"
      size={6}
      value={shown}
      aria-label={label}
      aria-invalid={parseNumberText(text) === undefined || undefined}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseNumberText(e.target.value);
        if (n !== undefined) onChange(n);
      }}
      data-testid={testId}
    />
  );
}

function windowOf(h: HistoryCondition): WindowKind {
  return h.within_last ? 'last' : h.between ? 'between' : 'ever';
}

export function HistoryConditionEditor({ node, onChange, id }: { node: { history: HistoryCondition }; onChange(n: RuleNode): void; id: string }) {
  const sources = useHistorySources();
  const h = node.history;
  const source = sources.find((d) => d.name === h.transactions);
  const columns = source?.columns ?? [];
  const numeric = columns.filter((c) => c.type === 'number' || c.type === 'integer');
  const set = (patch: Partial<HistoryCondition>, drop: (keyof HistoryCondition)[] = []) => {
    const next: HistoryCondition = { ...h, ...patch };
    for (const k of drop) delete next[k];
    onChange({ history: next });
  };
  const setMeasure = (m: HistoryMeasure) => {
    if (m === 'count') return set({ measure: m }, ['of']);
    if (m === 'distinct') return set({ measure: m, of: h.of && columns.some((c) => c.name === h.of) ? h.of : columns.find((c) => c.type === 'text' || c.type === 'category')?.name ?? columns[0]?.name });
    // Sum and average default to the order value (amount, or quantity × price).
    return set({ measure: m }, h.of && numeric.some((c) => c.name === h.of) ? [] : ['of']);
  };
  const setWindow = (w: WindowKind) => {
    if (w === 'ever') return set({}, ['within_last', 'between']);
    if (w === 'last') return set({ within_last: h.within_last ?? { amount: 90, unit: 'days' } }, ['between']);
    return set({ between: h.between ?? ['2024-01-01', '2024-12-31'] }, ['within_last']);
  };
  const setOp = (op: HistoryOp) => {
    const one = Array.isArray(h.value) ? h.value[0] : h.value;
    set({ op, value: op === 'between' ? [one, Array.isArray(h.value) ? h.value[1] : one] : one });
  };
  const where = h.where && 'field' in h.where ? h.where : null;
  const whereColumn = columns.find((c) => c.name === where?.field);
  const setWhere = (field: string | null, value?: string) => {
    if (field === null) return set({}, ['where']);
    const col = columns.find((c) => c.name === field);
    const text = value ?? (where && where.field === field && where.value !== undefined ? String(where.value) : '');
    const n = parseNumberText(text);
    const isNumber = col?.type === 'number' || col?.type === 'integer';
    set({ where: { field, op: 'eq', value: isNumber && n !== undefined ? n : text } });
  };
  const w = windowOf(h);
  return (
    <span className="seg-cond seg-history" role="group" aria-label="Order history condition" data-testid={`${id}-history`}>
      <select value={h.measure} onChange={(e) => setMeasure(e.target.value as HistoryMeasure)} aria-label="Measure" data-testid={`${id}-measure`}>
        {MEASURES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      {h.measure !== 'count' ? (
        <select value={h.of ?? ''} onChange={(e) => (e.target.value ? set({ of: e.target.value }) : set({}, ['of']))} aria-label="Of column" data-testid={`${id}-of`}>
          {h.measure !== 'distinct' ? <option value="">order value</option> : null}
          {(h.measure === 'distinct' ? columns : numeric).map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      ) : null}
      {sources.length > 1 ? (
        <select value={h.transactions} onChange={(e) => set({ transactions: e.target.value }, ['of', 'where'])} aria-label="Orders file" data-testid={`${id}-transactions`}>
          {sources.map((d) => (
            <option key={d.name} value={d.name}>
              in {d.name}
            </option>
          ))}
        </select>
      ) : null}
      <select value={w} onChange={(e) => setWindow(e.target.value as WindowKind)} aria-label="Time window" data-testid={`${id}-window`}>
        <option value="ever">ever</option>
        <option value="last">in the last</option>
        <option value="between">between</option>
      </select>
      {h.within_last ? (
        <>
          <NumberBox value={h.within_last.amount} onChange={(n) => set({ within_last: { amount: Math.max(0, Math.round(n)), unit: h.within_last!.unit } })} label="Window length" testId={`${id}-window-amount`} />
          <select value={h.within_last.unit} onChange={(e) => set({ within_last: { amount: h.within_last!.amount, unit: e.target.value as DateUnit } })} aria-label="Window unit" data-testid={`${id}-window-unit`}>
            {DATE_UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {h.between ? (
        <>
          <input type="date" value={h.between[0]} onChange={(e) => e.target.value && set({ between: [e.target.value, h.between![1]] })} aria-label="From" data-testid={`${id}-from`} />
          <input type="date" value={h.between[1]} onChange={(e) => e.target.value && set({ between: [h.between![0], e.target.value] })} aria-label="To" data-testid={`${id}-to`} />
        </>
      ) : null}
      <select value={h.op} onChange={(e) => setOp(e.target.value as HistoryOp)} aria-label="Comparison" data-testid={`${id}-op`}>
        {HISTORY_OPS.map((o) => (
          <option key={o} value={o}>
            {OP_LABELS[o]}
          </option>
        ))}
      </select>
      {Array.isArray(h.value) ? (
        <>
          <NumberBox value={h.value[0]} onChange={(n) => set({ value: [n, (h.value as [number, number])[1]] })} label="From value" testId={`${id}-value-lo`} />
          and
          <NumberBox value={h.value[1]} onChange={(n) => set({ value: [(h.value as [number, number])[0], n] })} label="To value" testId={`${id}-value-hi`} />
        </>
      ) : (
        <NumberBox value={h.value} onChange={(n) => set({ value: n })} label="Value" testId={`${id}-value`} />
      )}
      <span className="seg-history-where">
        only orders where
        <select value={where?.field ?? ''} onChange={(e) => setWhere(e.target.value || null)} aria-label="Order filter column" data-testid={`${id}-where-field`}>
          <option value="">(any order)</option>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        {where ? (
          <>
            is
            <input
              type="text"
              size={10}
              value={where.value === undefined ? '' : String(where.value)}
              onChange={(e) => setWhere(where.field, e.target.value)}
              aria-label={`Value of ${where.field}`}
              aria-invalid={where.value === '' || undefined}
              placeholder={whereColumn?.type === 'number' || whereColumn?.type === 'integer' ? 'number' : 'value'}
              data-testid={`${id}-where-value`}
            />
          </>
        ) : null}
      </span>
      {h.within_last ? <small className="muted"> counted back from the as-of date of {h.transactions} (its last order unless the workspace sets one)</small> : null}
    </span>
  );
}
