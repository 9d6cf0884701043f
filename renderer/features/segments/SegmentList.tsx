import { useState } from 'react';
import { useApp } from '../../store';
import type { SegmentInfo } from '../../../shared/contract/ns/segments';

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
  if (!history || history.name !== seg.name) return null;
  return (
    <table className="seg-history" data-testid="seg-history">
      <thead>
        <tr>
          <th>Version</th>
          <th>Size</th>
          <th>Entered</th>
          <th>Left</th>
          <th>When</th>
        </tr>
      </thead>
      <tbody>
        {history.versions.map((v) => (
          <tr key={v.seq}>
            <td>
              v{v.datasetVersion} <small>({v.reason})</small>
            </td>
            <td>{v.size.toLocaleString()}</td>
            <td>
              <button type="button" className="link" onClick={() => void changes(seg.name, v.seq).then((c) => c && download(`${seg.name}-v${v.datasetVersion}-entered.csv`, c.entered))}>
                {v.entered.toLocaleString()}
              </button>
            </td>
            <td>
              <button type="button" className="link" onClick={() => void changes(seg.name, v.seq).then((c) => c && download(`${seg.name}-v${v.datasetVersion}-left.csv`, c.left))}>
                {v.left.toLocaleString()}
              </button>
            </td>
            <td>{v.createdAt.slice(0, 16).replace('T', ' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Saved segments with size, share and a sparkline of sizes per version; edit, rename, duplicate, delete. */
export function SegmentList({ onEdit }: { onEdit(): void }) {
  const list = useApp((s) => s.segmentList);
  const edit = useApp((s) => s.editSegment);
  const rename = useApp((s) => s.renameSeg);
  const duplicate = useApp((s) => s.duplicateSeg);
  const del = useApp((s) => s.deleteSeg);
  const loadHistory = useApp((s) => s.loadSegHistory);
  const loadProfile = useApp((s) => s.loadSegProfile);
  const [open, setOpen] = useState<string | null>(null);
  if (list.length === 0) return <p className="hint">No saved segments yet: build a rule and save it.</p>;
  return (
    <table className="seg-list" data-testid="segment-list">
      <thead>
        <tr>
          <th>Segment</th>
          <th>Dataset</th>
          <th>Size</th>
          <th>Share</th>
          <th>History</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {list.map((s) => (
          <tr key={s.name} data-testid={`segment-row-${s.name}`}>
            <td>
              <strong>{s.name}</strong>
              <br />
              <small>{s.description}</small>
              {open === s.name ? <History seg={s} /> : null}
            </td>
            <td>{s.dataset}</td>
            <td>{s.size.toLocaleString()}</td>
            <td>{(s.share * 100).toFixed(1)}%</td>
            <td>
              <Sparkline sizes={s.sizes.map((x) => x.size)} label={`sizes over versions: ${s.sizes.map((x) => x.size).join(', ')}`} />
            </td>
            <td className="seg-actions">
              <button type="button" onClick={() => { edit(s.name); onEdit(); }}>Edit</button>
              <button type="button" onClick={() => { setOpen(open === s.name ? null : s.name); void loadHistory(s.name); }}>History</button>
              <button type="button" onClick={() => void loadProfile(s.name)}>Profile</button>
              <button type="button" onClick={() => { const n = window.prompt('New name', s.name); if (n && n !== s.name) void rename(s.name, n); }}>Rename</button>
              <button type="button" onClick={() => { const n = window.prompt('Name of the copy', `${s.name} copy`); if (n) void duplicate(s.name, n); }}>Duplicate</button>
              <button type="button" onClick={() => { if (window.confirm(`Delete segment "${s.name}" and its history?`)) void del(s.name); }}>Delete</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
