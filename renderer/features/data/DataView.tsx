import { useApp } from '../../store';
import { EmptyState } from '../../app/EmptyState';

/** The Data feature: datasets of the workspace, their rows, profile, quality and versions. */
export default function DataView() {
  const datasets = useApp((s) => s.workspace?.datasets ?? []);
  if (datasets.length === 0) {
    return (
      <EmptyState title="Import a dataset first" testId="data-empty">
        <p>Drop a CSV export of customers or orders onto this window to import it.</p>
      </EmptyState>
    );
  }
  return (
    <section className="data">
      <ul data-testid="dataset-list">
        {datasets.map((d) => (
          <li key={d.name}>
            {d.name}: {d.rows.toLocaleString()} rows, {d.columns.length} columns
          </li>
        ))}
      </ul>
    </section>
  );
}
