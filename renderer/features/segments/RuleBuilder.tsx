import { useState, type KeyboardEvent } from 'react';
import type { FieldSummary } from '../../../shared/contract/ns/segments';
import { isSegmentRef, type ConditionNode, type HistoryRef, type RuleNode } from '../../../shared/rules';
import type { SegmentChoice } from '../../lib/field-groups';
import { ConditionEditor, SegmentRefEditor } from './ConditionEditor';
import { AddHistoryButton, HistoryConditionEditor } from './HistoryConditionEditor';
import { useT } from '../../i18n/use-t';
import { emptyCondition, groupAt, isGroup, kids, moveChild, replaceChild, updateGroup, withKids, type Group } from '../../lib/rule-edit';

interface Props {
  fields: FieldSummary[];
  /** The dataset's other saved segments, offered in the field picker. */
  segments?: SegmentChoice[];
  rule: RuleNode;
  onChange(rule: RuleNode): void;
}

/** The nested AND/OR builder: groups of conditions and groups, reorderable by drag or Alt+↑/↓. */
export function RuleBuilder({ fields, segments = NO_SEGMENTS, rule, onChange }: Props) {
  const root: RuleNode = isGroup(rule) ? rule : { all: [rule] };
  return (
    <div className="seg-builder" data-testid="rule-builder">
      <GroupEditor fields={fields} segments={segments} root={root} path={[]} onChange={onChange} />
    </div>
  );
}

const NO_SEGMENTS: SegmentChoice[] = [];

function GroupEditor({ fields, segments, root, path, onChange }: { fields: FieldSummary[]; segments: SegmentChoice[]; root: RuleNode; path: number[]; onChange(r: RuleNode): void }) {
  const g = groupAt(root, path);
  const list = kids(g);
  const mode = 'all' in g ? 'all' : 'any';
  const id = `g${path.join('-') || 'root'}`;
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const hasFields = fields.length > 0;
  const { t } = useT();
  const add = (node: RuleNode) => onChange(updateGroup(root, path, (x) => withKids(x, [...kids(x), node])));
  return (
    <fieldset className={`seg-group seg-${mode}`} data-testid={`group-${id}`}>
      <legend>
        <span role="radiogroup" aria-label={t('segments.rule.combineWith')}>
          {(['all', 'any'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'active' : undefined}
              onClick={() => onChange(updateGroup(root, path, (x) => (m === 'all' ? { all: kids(x) } : { any: kids(x) })))}
              data-testid={`${id}-${m}`}
            >
              {m === 'all' ? t('segments.rule.all') : t('segments.rule.any')}
            </button>
          ))}
        </span>
      </legend>
      {list.length === 0 ? (
        path.length === 0 ? (
          <p className="hint">{t('segments.rule.noConditions')}</p>
        ) : (
          <p className="seg-incomplete" role="note" data-testid={`${id}-empty`}>
            {t('segments.rule.emptyGroup')}
          </p>
        )
      ) : null}
      <ol className="seg-items">
        {list.map((child, i) => {
          const negated = 'not' in child;
          const inner = negated ? (child as { not: RuleNode }).not : child;
          const itemId = `${id}-${i}`;
          const set = (n: RuleNode) => onChange(replaceChild(root, path, i, negated ? { not: n } : n));
          const onKey = (e: KeyboardEvent) => {
            if (!e.altKey) return;
            if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              onChange(moveChild(root, path, i, i + (e.key === 'ArrowUp' ? -1 : 1)));
            }
          };
          return (
            <li
              key={i}
              className={`seg-item${dragFrom === i ? ' dragging' : ''}`}
              draggable
              onDragStart={(e) => {
                setDragFrom(i);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragFrom !== null && dragFrom !== i) onChange(moveChild(root, path, dragFrom, i));
                setDragFrom(null);
              }}
              onDragEnd={() => setDragFrom(null)}
              onKeyDown={onKey}
              data-testid={`item-${itemId}`}
            >
              <span className="seg-handle" aria-hidden="true" title={t('segments.rule.dragTitle')}>
                ⋮⋮
              </span>
              <label className="inline seg-not">
                <input type="checkbox" checked={negated} onChange={(e) => onChange(replaceChild(root, path, i, e.target.checked ? { not: inner } : inner))} data-testid={`${itemId}-not`} />
                {t('segments.rule.not')}
              </label>
              {isGroup(inner) ? (
                <GroupEditor fields={fields} segments={segments} root={root} path={[...path, i]} onChange={onChange} />
              ) : 'field' in inner ? (
                <ConditionEditor fields={fields} segments={segments} node={inner as ConditionNode} onChange={set} id={itemId} />
              ) : isSegmentRef(inner) ? (
                <SegmentRefEditor fields={fields} segments={segments} node={inner} onChange={set} id={itemId} />
              ) : 'history' in inner ? (
                <HistoryConditionEditor node={inner as HistoryRef} onChange={set} id={itemId} />
              ) : (
                <code className="seg-ref">{JSON.stringify(inner)}</code>
              )}
              <span className="seg-item-actions">
                <button type="button" onClick={() => onChange(moveChild(root, path, i, i - 1))} disabled={i === 0} aria-label={t('segments.rule.moveUp')}>
                  ↑
                </button>
                <button type="button" onClick={() => onChange(moveChild(root, path, i, i + 1))} disabled={i === list.length - 1} aria-label={t('segments.rule.moveDown')}>
                  ↓
                </button>
                {isGroup(inner) ? (
                  <button type="button" onClick={() => onChange(updateGroup(root, path, (x) => withKids(x, [...kids(x).slice(0, i), ...kids(inner as Group), ...kids(x).slice(i + 1)])))} data-testid={`${itemId}-ungroup`}>
                    {t('segments.rule.ungroup')}
                  </button>
                ) : (
                  <button type="button" onClick={() => set({ [mode === 'all' ? 'any' : 'all']: [inner] } as Group)} data-testid={`${itemId}-group`}>
                    {t('segments.rule.group')}
                  </button>
                )}
                <button type="button" onClick={() => onChange(replaceChild(root, path, i, null))} aria-label={t('segments.rule.remove')} data-testid={`${itemId}-remove`}>
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="seg-group-actions">
        {/* New conditions start without a field: they restrict nothing (and are not counted) until completed. */}
        <button type="button" disabled={!hasFields} onClick={() => add(emptyCondition())} data-testid={`${id}-add-condition`}>
          {t('segments.rule.addCondition')}
        </button>
        <button type="button" disabled={!hasFields} onClick={() => add({ [mode === 'all' ? 'any' : 'all']: [emptyCondition()] } as Group)} data-testid={`${id}-add-group`}>
          {t('segments.rule.addGroup')}
        </button>
        <AddHistoryButton id={id} onAdd={add} />
      </div>
    </fieldset>
  );
}
