import { useState } from 'react';
import { DATE_UNITS, HISTORY_OPS, type DateUnit, type HistoryCondition, type HistoryMeasure, type HistoryOp, type RuleNode } from '../../../shared/rules';
import type { DatasetInfo } from '../../../shared/types/columns';
import { useApp } from '../../store';
import { parseNumberText } from '../../lib/rule-edit';
import { useT } from '../../i18n/use-t';

/**
 * The order-history condition in the builder ("at least 3 orders in the last 90 days", "bought category
 * Wine at least twice between …"): measure, column, time window, an optional filter on one order column,
 * comparison and value. Kept apart from ConditionEditor: it edits a `{"history":…}` node, not a field.
 */

const MEASURES: HistoryMeasure[] = ['count', 'sum', 'avg', 'distinct'];
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
  const { t } = useT();
  if (sources.length === 0) return null;
  return (
    <button type="button" onClick={() => onAdd(newHistoryCondition(sources[0].name))} data-testid={`${id}-add-history`}>
      {t('segments.history.add')}
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
  const { t } = useT();
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
    <span className="seg-cond seg-history" role="group" aria-label={t('segments.history.label')} data-testid={`${id}-history`}>
      <select value={h.measure} onChange={(e) => setMeasure(e.target.value as HistoryMeasure)} aria-label={t('segments.history.measure')} data-testid={`${id}-measure`}>
        {MEASURES.map((m) => (
          <option key={m} value={m}>
            {t('segments.history.measureOption', { measure: m })}
          </option>
        ))}
      </select>
      {h.measure !== 'count' ? (
        <select value={h.of ?? ''} onChange={(e) => (e.target.value ? set({ of: e.target.value }) : set({}, ['of']))} aria-label={t('segments.history.ofColumn')} data-testid={`${id}-of`}>
          {h.measure !== 'distinct' ? <option value="">{t('segments.history.orderValue')}</option> : null}
          {(h.measure === 'distinct' ? columns : numeric).map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      ) : null}
      {sources.length > 1 ? (
        <select value={h.transactions} onChange={(e) => set({ transactions: e.target.value }, ['of', 'where'])} aria-label={t('segments.history.ordersFile')} data-testid={`${id}-transactions`}>
          {sources.map((d) => (
            <option key={d.name} value={d.name}>
              {t('segments.history.inFile', { name: d.name })}
            </option>
          ))}
        </select>
      ) : null}
      <select value={w} onChange={(e) => setWindow(e.target.value as WindowKind)} aria-label={t('segments.history.window')} data-testid={`${id}-window`}>
        <option value="ever">{t('segments.history.ever')}</option>
        <option value="last">{t('segments.history.inLast')}</option>
        <option value="between">{t('segments.history.between')}</option>
      </select>
      {h.within_last ? (
        <>
          <NumberBox value={h.within_last.amount} onChange={(n) => set({ within_last: { amount: Math.max(0, Math.round(n)), unit: h.within_last!.unit } })} label={t('segments.history.windowLength')} testId={`${id}-window-amount`} />
          <select value={h.within_last.unit} onChange={(e) => set({ within_last: { amount: h.within_last!.amount, unit: e.target.value as DateUnit } })} aria-label={t('segments.history.windowUnit')} data-testid={`${id}-window-unit`}>
            {DATE_UNITS.map((u) => (
              <option key={u} value={u}>
                {t('segments.cond.unit', { unit: u })}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {h.between ? (
        <>
          <input type="date" value={h.between[0]} onChange={(e) => e.target.value && set({ between: [e.target.value, h.between![1]] })} aria-label={t('segments.cond.from')} data-testid={`${id}-from`} />
          <input type="date" value={h.between[1]} onChange={(e) => e.target.value && set({ between: [h.between![0], e.target.value] })} aria-label={t('segments.cond.to')} data-testid={`${id}-to`} />
        </>
      ) : null}
      <select value={h.op} onChange={(e) => setOp(e.target.value as HistoryOp)} aria-label={t('segments.history.comparison')} data-testid={`${id}-op`}>
        {HISTORY_OPS.map((o) => (
          <option key={o} value={o}>
            {t('segments.history.op', { op: o })}
          </option>
        ))}
      </select>
      {Array.isArray(h.value) ? (
        <>
          <NumberBox value={h.value[0]} onChange={(n) => set({ value: [n, (h.value as [number, number])[1]] })} label={t('segments.history.fromValue')} testId={`${id}-value-lo`} />
          {t('segments.cond.and')}
          <NumberBox value={h.value[1]} onChange={(n) => set({ value: [(h.value as [number, number])[0], n] })} label={t('segments.history.toValue')} testId={`${id}-value-hi`} />
        </>
      ) : (
        <NumberBox value={h.value} onChange={(n) => set({ value: n })} label={t('segments.cond.value')} testId={`${id}-value`} />
      )}
      <span className="seg-history-where">
        {t('segments.history.onlyWhere')}
        <select value={where?.field ?? ''} onChange={(e) => setWhere(e.target.value || null)} aria-label={t('segments.history.filterColumn')} data-testid={`${id}-where-field`}>
          <option value="">{t('segments.history.anyOrder')}</option>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        {where ? (
          <>
            {t('segments.history.is')}
            <input
              type="text"
              size={10}
              value={where.value === undefined ? '' : String(where.value)}
              onChange={(e) => setWhere(where.field, e.target.value)}
              aria-label={t('segments.history.valueOf', { column: where.field })}
              aria-invalid={where.value === '' || undefined}
              placeholder={whereColumn?.type === 'number' || whereColumn?.type === 'integer' ? t('segments.history.number') : t('segments.history.value')}
              data-testid={`${id}-where-value`}
            />
          </>
        ) : null}
      </span>
      {h.within_last ? <small className="muted"> {t('segments.history.countedBack', { dataset: h.transactions })}</small> : null}
    </span>
  );
}
