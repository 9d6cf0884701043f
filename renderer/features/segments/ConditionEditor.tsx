import { useMemo, useState } from 'react';
import type { FieldSummary } from '../../../shared/contract/ns/segments';
import { DATE_UNITS, fieldKind, operatorLabel, opsFor, speaker, valueSpec, type ConditionNode, type DateUnit, type RelativeDate, type RuleNode, type RuleOp, type SegmentRef } from '../../../shared/rules';
import { conditionNeeds, defaultCondition, parseNumberText, withOp } from '../../lib/rule-edit';
import { fieldGroups, segmentFromOption, segmentGroup, segmentOption, type SegmentChoice } from '../../lib/field-groups';
import { useT } from '../../i18n/use-t';

interface PickerProps {
  fields: FieldSummary[];
  /** The dataset's other saved segments (not the one being edited). */
  segments: SegmentChoice[];
  /** A field name, or a saved segment's option value (`segmentOption`). */
  value: string;
  onChange(node: RuleNode): void;
  id: string;
}

/**
 * The field picker: the file's columns, its customer view's fields (order history, RFM, lifetime
 * value, clusters) and the dataset's other saved segments, grouped by where they come from, with a
 * search box that narrows the list. Picking a field starts a condition with that field's default;
 * picking a segment makes a `{"segment": name}` reference.
 */
function FieldPicker({ fields, segments, value, onChange, id }: PickerProps) {
  const [q, setQ] = useState('');
  const { t, locale } = useT();
  const groups = useMemo(() => fieldGroups(fields, q, value, locale), [fields, q, value, locale]);
  const segGroup = useMemo(() => segmentGroup(segments, q, value, locale), [segments, q, value, locale]);
  const pick = (v: string) => {
    const f = fields.find((x) => x.name === v);
    if (f) return onChange(defaultCondition(f));
    const seg = segmentFromOption(v);
    if (seg !== null) onChange({ segment: seg });
  };
  return (
    <span className="seg-field">
      <input type="search" placeholder={t('segments.cond.searchFields')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('segments.cond.searchFieldsLabel')} className="seg-field-search" data-testid={`${id}-field-search`} />
      <select value={value} onChange={(e) => pick(e.target.value)} aria-label={t('segments.cond.field')} aria-invalid={value === '' || undefined} data-testid={`${id}-field`}>
        {value === '' ? (
          <option value="" disabled>
            {t('segments.cond.chooseField')}
          </option>
        ) : null}
        {groups.map((g) => (
          <optgroup key={g.key} label={g.label}>
            {g.fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.sensitive ? t('segments.cond.sensitiveField', { name: f.name }) : f.name}
              </option>
            ))}
          </optgroup>
        ))}
        {segGroup ? (
          <optgroup label={segGroup.label} data-testid={`${id}-segment-group`}>
            {segGroup.segments.map((s) => (
              <option key={s.name} value={segmentOption(s.name)}>
                {t('segments.cond.segmentOption', { name: s.name, size: s.size })}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </span>
  );
}

/** A reference to another saved segment: the picker (to change it) and what it means. */
export function SegmentRefEditor({ fields, segments, node, onChange, id }: { fields: FieldSummary[]; segments: SegmentChoice[]; node: SegmentRef; onChange(n: RuleNode): void; id: string }) {
  const { t } = useT();
  // A segment deleted since keeps its option, so the picker shows what the rule says; the engine names the problem.
  const listed = segments.some((s) => s.name === node.segment) ? segments : [...segments, { name: node.segment, size: 0 }];
  return (
    <span className="seg-cond" data-testid={`${id}-segment-ref`}>
      <FieldPicker fields={fields} segments={listed} value={segmentOption(node.segment)} onChange={onChange} id={id} />
      <span className="seg-ref-note">{t('segments.cond.inSegment')}</span>
    </span>
  );
}

/** A tiny histogram of a numeric field with the selected range highlighted. */
function MiniHistogram({ f, lo, hi }: { f: FieldSummary; lo: number; hi: number }) {
  const { t, fmt } = useT();
  if (!f.histogram.length || typeof f.min !== 'number' || typeof f.max !== 'number') return null;
  const max = Math.max(...f.histogram, 1);
  const w = (f.max - f.min) / f.histogram.length || 1;
  return (
    <svg className="seg-hist" width={f.histogram.length * 4} height={22} role="img" aria-label={t('segments.cond.distribution', { name: f.name, min: fmt.plain(f.min), max: fmt.plain(f.max) })}>
      {f.histogram.map((c, i) => {
        const x0 = (f.min as number) + i * w;
        const on = x0 + w >= lo && x0 <= hi;
        const h = Math.max(1, (c / max) * 20);
        return <rect key={i} x={i * 4} y={22 - h} width={3} height={h} className={on ? 'on' : undefined} />;
      })}
    </svg>
  );
}

function CategoryMulti({ f, value, onChange, id }: { f: FieldSummary; value: string[]; onChange(v: string[]): void; id: string }) {
  const [q, setQ] = useState('');
  const { t, fmt } = useT();
  const items = f.categories.filter((c) => c.value.toLowerCase().includes(q.toLowerCase())).slice(0, 50);
  return (
    <details className="seg-multi" data-testid={`${id}-multi`}>
      <summary>{value.length ? value.join(', ') : t('segments.cond.choose')}</summary>
      <input type="search" placeholder={t('segments.cond.filter')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('segments.cond.filterValues')} />
      <ul>
        {items.map((c) => (
          <li key={c.value}>
            <label className="inline">
              <input
                type="checkbox"
                checked={value.includes(c.value)}
                onChange={(e) => onChange(e.target.checked ? [...value, c.value] : value.filter((v) => v !== c.value))}
              />
              {c.value || t('segments.cond.blank')} <small>{fmt.count(c.count)}</small>
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * A number box that keeps what is typed: an emptied box stays empty (the condition then needs a value) and a
 * number being typed ("-", "1.") is not replaced. `onChange` gets the number, or undefined while there is none
 * (or it is not `accept`ed). It follows the value when it changes from outside (undo, another operator).
 */
function NumberBox({ value, onChange, accept, ...rest }: { value: number | undefined; onChange(n: number | undefined): void; accept?: (n: number) => boolean; 'aria-label': string; 'data-testid'?: string; placeholder?: string }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [seen, setSeen] = useState(value);
  const read = (t: string) => {
    const n = parseNumberText(t);
    return n !== undefined && (!accept || accept(n)) ? n : undefined;
  };
  if (!Object.is(value, seen)) {
    setSeen(value);
    if (!Object.is(read(text), value)) setText(value === undefined ? '' : String(value));
  }
  return (
    <input
      type="text"
      inputMode="decimal"
      autoComplete="off"
      value={text}
      aria-invalid={(text.trim() !== '' && read(text) === undefined) || undefined}
      onChange={(e) => {
        const t = e.target.value;
        const n = read(t);
        setText(t);
        setSeen(n);
        onChange(n);
      }}
      {...rest}
    />
  );
}

/** The value's editor: the widget its operator declares for the field's kind. */
function ValueEditor({ f, c, onChange, id }: { f: FieldSummary; c: ConditionNode; onChange(v: ConditionNode['value']): void; id: string }) {
  const v = c.value;
  const op = c.op;
  const { t, fmt } = useT();
  switch (valueSpec(op, fieldKind(f.type))?.widget ?? 'none') {
    case 'none':
      return null;
    case 'relative': {
      const r = v && typeof v === 'object' && !Array.isArray(v) ? (v as { amount?: unknown; unit?: unknown }) : { amount: 90, unit: 'days' };
      const amount = typeof r.amount === 'number' ? r.amount : undefined;
      const unit = (DATE_UNITS as readonly unknown[]).includes(r.unit) ? (r.unit as DateUnit) : 'days';
      // An emptied amount is kept as '' so that the unit stays; the condition then needs a value.
      const put = (a: number | undefined, u: DateUnit) => onChange(a === undefined ? { amount: '', unit: u } : ({ amount: a, unit: u } satisfies RelativeDate));
      return (
        <span className="seg-value">
          <NumberBox value={amount} accept={(n) => Number.isInteger(n) && n >= 0} onChange={(a) => put(a, unit)} aria-label={t('segments.cond.amount')} data-testid={`${id}-amount`} />
          <select value={unit} onChange={(e) => put(amount, e.target.value as DateUnit)} aria-label={t('segments.cond.unitLabel')}>
            {DATE_UNITS.map((u) => (
              <option key={u} value={u}>
                {t('segments.cond.unit', { unit: u })}
              </option>
            ))}
          </select>
        </span>
      );
    }
    case 'numberRange': {
      // An end left empty is kept as '' (the condition then needs a value), never read as 0.
      const pair = Array.isArray(v) ? v : [];
      const lo = typeof pair[0] === 'number' ? pair[0] : undefined;
      const hi = typeof pair[1] === 'number' ? pair[1] : undefined;
      return (
        <span className="seg-value">
          <NumberBox value={lo} onChange={(n) => onChange([n ?? '', hi ?? ''])} aria-label={t('segments.cond.from')} data-testid={`${id}-lo`} placeholder={typeof f.min === 'number' ? String(f.min) : undefined} />
          {t('segments.cond.and')}
          <NumberBox value={hi} onChange={(n) => onChange([lo ?? '', n ?? ''])} aria-label={t('segments.cond.to')} data-testid={`${id}-hi`} placeholder={typeof f.max === 'number' ? String(f.max) : undefined} />
          <MiniHistogram f={f} lo={lo ?? -Infinity} hi={hi ?? Infinity} />
        </span>
      );
    }
    case 'number': {
      const range = typeof f.min === 'number' && typeof f.max === 'number' ? t('segments.cond.range', { min: fmt.plain(f.min), max: fmt.plain(f.max) }) : undefined;
      const x = typeof v === 'number' ? v : undefined;
      const [lo, hi] = x === undefined ? [Infinity, -Infinity] : op === 'lt' || op === 'lte' ? [-Infinity, x] : op === 'gt' || op === 'gte' ? [x, Infinity] : [x, x];
      return (
        <span className="seg-value">
          <NumberBox value={x} onChange={onChange} aria-label={t('segments.cond.value')} data-testid={`${id}-value`} placeholder={range} />
          <MiniHistogram f={f} lo={lo} hi={hi} />
        </span>
      );
    }
    case 'dateRange': {
      const [a, b] = Array.isArray(v) ? (v as string[]) : ['', ''];
      return (
        <span className="seg-value">
          <input type="date" value={a} onChange={(e) => onChange([e.target.value, b])} aria-label={t('segments.cond.fromDate')} />
          {t('segments.cond.and')}
          <input type="date" value={b} onChange={(e) => onChange([a, e.target.value])} aria-label={t('segments.cond.toDate')} />
        </span>
      );
    }
    case 'date':
      return <input type="date" value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value)} aria-label={t('segments.cond.date')} data-testid={`${id}-date`} />;
    case 'list':
      return <CategoryMulti f={f} value={Array.isArray(v) ? (v as string[]) : []} onChange={onChange} id={id} />;
    case 'choice':
      return (
        <span className="seg-value">
          <input list={`${id}-values`} value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value)} aria-label={t('segments.cond.value')} data-testid={`${id}-text`} />
          <datalist id={`${id}-values`}>
            {f.categories.slice(0, 100).map((c) => (
              <option key={c.value} value={c.value}>
                {fmt.count(c.count)}
              </option>
            ))}
          </datalist>
        </span>
      );
    case 'text':
      return <input value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(e.target.value)} aria-label={t('segments.cond.text')} data-testid={`${id}-text`} />;
  }
}

/** One condition: field, operator for its type, and a value editor for that type and operator. */
export function ConditionEditor({ fields, segments, node, onChange, id }: { fields: FieldSummary[]; segments: SegmentChoice[]; node: ConditionNode; onChange(n: RuleNode): void; id: string }) {
  const f = useMemo(() => fields.find((x) => x.name === node.field), [fields, node.field]);
  const { t, locale } = useT();
  const picker = <FieldPicker fields={fields} segments={segments} value={node.field} id={id} onChange={onChange} />;
  const needs = conditionNeeds(node);
  // Unfinished conditions are left out of the live count and block saving: say so next to them.
  const note = needs ? (
    <span className="seg-incomplete" role="note" data-testid={`${id}-incomplete`}>
      {needs === 'field' ? t('segments.cond.needsField') : t('segments.cond.needsValue')}
    </span>
  ) : null;
  if (!node.field) {
    return (
      <span className="seg-cond incomplete">
        {picker}
        {note}
      </span>
    );
  }
  if (!f) return <span className="error">{t('segments.cond.unknownField', { name: node.field })}</span>;
  const ops = opsFor(f.type);
  return (
    <span className={`seg-cond${needs ? ' incomplete' : ''}`}>
      {picker}
      <select value={node.op} onChange={(e) => onChange(withOp(f, node, e.target.value as RuleOp))} aria-label={t('segments.cond.operator')} data-testid={`${id}-op`}>
        {ops.map((o) => (
          <option key={o} value={o}>
            {operatorLabel(o, speaker(locale))}
          </option>
        ))}
      </select>
      <ValueEditor f={f} c={node} id={id} onChange={(value) => onChange(value === undefined ? { field: node.field, op: node.op } : { ...node, value })} />
      {note}
    </span>
  );
}
