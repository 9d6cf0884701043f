import { useState } from 'react';
import { useApp } from '../../store';
import type { SegmentInfo } from '../../../shared/contract/ns/segments';
import { describeRule } from '../../../shared/rules';
import { useT } from '../../i18n/use-t';

/** Sizes over dataset versions as a small inline line. */
export function Sparkline({ sizes, label }: { sizes: number[]; label: string }) {
  if (sizes.length === 0) return null;
  const w = 80;
  const h = 20;
  const max = Math.max(...sizes, 1);
  const pts = sizes.map((s, i) => `${sizes.length === 1 ? w / 2 : (i / (sizes.length - 1)) * w},${h - 2 - (s / max) * (h - 4)}`).join(' ');
  return (
    <svg width={w} height={h} className="seg-spark" role="img" aria-label={label}>
      <polyline points={pts} fill="none" />
      {sizes.length === 1 ? <circle cx={w / 2} cy={h - 2 - (sizes[0] / max) * (h - 4)} r={2} /> : null}
    </svg>
  );
}

function download(name: string, ids: string[]): void {
  // i18n-ignore (the CSV's column header is machine-read)
  const blob = new Blob([`id\n${ids.map((i) => (/[",\n]/.test(i) ? `"${i.replace(/"/g, '""')}"` : i)).join('\n')}\n`], { type: 'text/csv' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function History({ seg }: { seg: SegmentInfo }) {
  const history = useApp((s) => s.segHistory);
  const changes = useApp((s) => s.segChanges);
  const { t, fmt, locale } = useT();
  if (!history || history.name !== seg.name) return null;
  return (
    <table className="seg-history" data-testid="seg-history">
      <thead>
        <tr>
          <th>{t('segments.list.version')}</th>
          <th>{t('segments.list.size')}</th>
          <th>{t('segments.list.entered')}</th>
          <th>{t('segments.list.left')}</th>
          <th>{t('segments.list.when')}</th>
        </tr>
      </thead>
      <tbody>
        {history.versions.map((v) => (
          <tr key={v.seq}>
            <td>
              {t('segments.list.versionNumber', { n: v.datasetVersion })} <small>{t('segments.list.reason', { reason: v.reason })}</small>
            </td>
            <td>{fmt.count(v.size)}</td>
            <td>
              <button type="button" className="link" onClick={() => void changes(seg.name, v.seq).then((c) => c && download(`${seg.name}-v${v.datasetVersion}-entered.csv`, c.entered))}>
                {fmt.count(v.entered)}
              </button>
            </td>
            <td>
              <button type="button" className="link" onClick={() => void changes(seg.name, v.seq).then((c) => c && download(`${seg.name}-v${v.datasetVersion}-left.csv`, c.left))}>
                {fmt.count(v.left)}
              </button>
            </td>
            <td>{locale === 'en' ? v.createdAt.slice(0, 16).replace('T', ' ') : fmt.date(v.createdAt.slice(0, 16))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Saved segments with size, share and a sparkline of sizes per version; edit, rename, duplicate, delete. */
export function SegmentList({ onEdit }: { onEdit(): void }) {
  const list = useApp((s) => s.segmentList);
  const showCustomers = useApp((s) => s.showCustomers);
  const edit = useApp((s) => s.editSegment);
  const rename = useApp((s) => s.renameSeg);
  const duplicate = useApp((s) => s.duplicateSeg);
  const del = useApp((s) => s.deleteSeg);
  const loadHistory = useApp((s) => s.loadSegHistory);
  const loadProfile = useApp((s) => s.loadSegProfile);
  const [open, setOpen] = useState<string | null>(null);
  const { t, fmt, locale } = useT();
  if (list.length === 0) return <p className="hint">{t('segments.list.empty')}</p>;
  return (
    <table className="seg-list" data-testid="segment-list">
      <thead>
        <tr>
          <th>{t('segments.list.segment')}</th>
          <th>{t('segments.list.dataset')}</th>
          <th>{t('segments.list.size')}</th>
          <th>{t('segments.list.share')}</th>
          <th>{t('segments.list.history')}</th>
          <th>{t('segments.list.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((s) => (
          <tr key={s.name} data-testid={`segment-row-${s.name}`}>
            <td>
              <strong>{s.name}</strong>
              <br />
              {/* Stored descriptions are English; the window shows the rule in its own language. */}
              <small>{locale === 'en' ? s.description : describeRule(s.rule, locale)}</small>
              {open === s.name ? <History seg={s} /> : null}
            </td>
            <td>{s.dataset}</td>
            <td>{fmt.count(s.size)}</td>
            <td>{fmt.percent(s.share)}</td>
            <td>
              <Sparkline sizes={s.sizes.map((x) => x.size)} label={t('segments.list.sparkline', { sizes: s.sizes.map((x) => fmt.count(x.size)).join(', ') })} />
            </td>
            <td className="seg-actions">
              <button type="button" onClick={() => { edit(s.name); onEdit(); }}>{t('segments.list.edit')}</button>
              <button type="button" onClick={() => { setOpen(open === s.name ? null : s.name); void loadHistory(s.name); }}>{t('segments.list.history')}</button>
              <button type="button" onClick={() => void loadProfile(s.name)}>{t('segments.list.profile')}</button>
              <button type="button" onClick={() => showCustomers(s.dataset, [], { rule: { segment: s.name }, label: t('segments.list.pickLabel', { name: s.name }) })} data-testid={`segment-customers-${s.name}`}>
                {t('segments.list.customers')}
              </button>
              <button type="button" onClick={() => { const n = window.prompt(t('segments.list.newName'), s.name); if (n && n !== s.name) void rename(s.name, n); }}>{t('segments.list.rename')}</button>
              <button type="button" onClick={() => { const n = window.prompt(t('segments.list.copyName'), t('segments.list.copyDefault', { name: s.name })); if (n) void duplicate(s.name, n); }}>{t('segments.list.duplicate')}</button>
              <button type="button" onClick={() => { if (window.confirm(t('segments.list.confirmDelete', { name: s.name }))) void del(s.name); }}>{t('segments.list.delete')}</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
