import { useEffect, useMemo, useState } from 'react';
import { useOnChange } from '../../app/use-on-change';
import { useApp } from '../../store';
import { EmptyState } from '../../app/EmptyState';
import { Dialog } from '../../app/Dialog';
import { DataTable } from './DataTable';
import { ProfilePanel } from './ProfilePanel';
import { AlertsList } from './AlertsList';
import { VersionsPanel } from './VersionsPanel';
import { ImportWizard } from './ImportWizard';
import { TableToolbar } from './TableToolbar';
import { columnsSignature } from '../../store/table';
import type { ColumnInfo } from '../../../shared/types/columns';
import { useT } from '../../i18n/use-t';

type Tab = 'table' | 'customers' | 'profile' | 'alerts' | 'versions';

/** The last "show the customers" request the Data view has acted on (the store counts them). */
let seenCustomersRequest = 0;

/**
 * The customer view of the dataset as a table: one row per customer with the order history, RFM, lifetime
 * value and cluster columns, sortable and filterable like the file's rows (cluster cards open it filtered).
 */
function CustomerTable({ dataset }: { dataset: string }) {
  const load = useApp((s) => s.loadCustomerView);
  const of = useApp((s) => s.customerViewOf);
  const viewColumns = useApp((s) => s.customerViewColumns);
  const { t } = useT();
  useEffect(() => {
    void load(dataset);
  }, [dataset, load]);
  const columns = useMemo<ColumnInfo[]>(
    () => viewColumns.map((c) => ({ name: c.name, type: c.type, role: 'other', pii: false, sensitive: false, sensitiveCategory: null, missing: 0 })),
    [viewColumns],
  );
  if (of !== dataset) return <p className="loading">{t('data.customers.loading')}</p>;
  if (columns.length === 0) return <p className="hint">{t('data.customers.noView')}</p>;
  return (
    <div className="data-customers" data-testid="customer-table">
      <p className="hint">{t('data.customers.lead', { view: `c360_${dataset}` })}</p>
      <TableToolbar key={`c360\u0000${dataset}\u0000${columnsSignature(columns)}`} dataset={dataset} columns={columns} customers />
      <DataTable columns={columns} />
    </div>
  );
}

/**
 * Which customer file an orders dataset belongs to, chosen here as well as in the import wizard: linked
 * orders add their order history, RFM and lifetime value to that file's customers.
 */
function LinkControl({ dataset, linkedTo, customerFiles }: { dataset: string; linkedTo: string | null; customerFiles: string[] }) {
  const linkDataset = useApp((s) => s.linkDataset);
  const [busy, setBusy] = useState(false);
  const { t } = useT();
  const choose = async (value: string) => {
    setBusy(true);
    try {
      await linkDataset(dataset, value === '' ? null : value);
    } finally {
      setBusy(false);
    }
  };
  if (customerFiles.length === 0 && !linkedTo)
    return (
      <span className="data-link muted" data-testid="dataset-link-none">
        {t('data.link.none')}
      </span>
    );
  return (
    <label className="inline data-link">
      {t('data.link.label')}
      <select value={linkedTo ?? ''} disabled={busy} onChange={(e) => void choose(e.target.value)} data-testid="dataset-link">
        <option value="">{t('data.link.noneOption', { dataset })}</option>
        {customerFiles.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The Data feature: datasets of the workspace, their rows, profile, quality alerts, versions and rejected cells. */
export default function DataView() {
  const datasets = useApp((s) => s.workspace?.datasets);
  const active = useApp((s) => s.activeDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const openImport = useApp((s) => s.openImport);
  const removeDataset = useApp((s) => s.removeDataset);
  const profile = useApp((s) => s.profile);
  const profileLoading = useApp((s) => s.profileLoading);
  const loadProfile = useApp((s) => s.loadProfile);
  const loadHostInfo = useApp((s) => s.loadHostInfo);
  const profileVersion = useApp((s) => s.profileVersion);
  const focus = useApp((s) => s.focusColumn);
  const tabRequest = useApp((s) => s.dataTabRequest);
  const customersRequest = useApp((s) => s.customersRequest);
  // A request made while the Data view was not shown (a cluster card's "See the customers") opens its tab on mount.
  const [tab, setTab] = useState<Tab>(() => (focus ? 'profile' : customersRequest > seenCustomersRequest ? 'customers' : (tabRequest?.tab ?? 'table')));
  const [confirmRemove, setConfirmRemove] = useState(false);
  const { t, rich } = useT();
  const dataset = datasets?.find((d) => d.name === active) ?? datasets?.[0];
  const customerFiles = useMemo(() => (datasets ?? []).filter((d) => d.kind === 'customers' && d.idColumn).map((d) => d.name), [datasets]);

  useEffect(() => {
    void loadHostInfo();
  }, [loadHostInfo]);

  useEffect(() => {
    if (!active && datasets?.[0]) selectDataset(datasets[0].name);
  }, [active, datasets, selectDataset]);

  // Profiling reads every row: only when a view needs it, so a large table opens (and pages) without waiting for it.
  // A change to the data bumps profileVersion; the table's pages reload in the store.
  useEffect(() => {
    if (tab === 'profile' || tab === 'alerts') void loadProfile();
  }, [tab, active, profileVersion, loadProfile]);

  // The guided path's "Check data quality" step opens the profile.
  useOnChange([tabRequest], () => {
    if (tabRequest) setTab(tabRequest.tab);
  });
  // "See the customers behind a number" (a cluster card) opens the customer view's table.
  useOnChange([customersRequest], () => {
    if (customersRequest > seenCustomersRequest) setTab('customers');
  });
  useEffect(() => {
    seenCustomersRequest = Math.max(seenCustomersRequest, customersRequest);
  }, [customersRequest]);

  // Alert links and column clicks set focusColumn: show that column's profile.
  useOnChange([focus], () => {
    if (focus) setTab('profile');
  });

  if (!datasets || datasets.length === 0 || !dataset) {
    return (
      <>
        <EmptyState title={t('data.empty.title')} testId="data-empty">
          <p>{t('data.empty.body')}</p>
          <button type="button" className="primary" onClick={() => openImport(null)} data-testid="import-open">
            {t('data.empty.import')}
          </button>
        </EmptyState>
        <ImportWizard />
      </>
    );
  }

  const hasView = (dataset.kind === 'customers' && dataset.idColumn !== null) || (dataset.kind === 'transactions' && !dataset.linkedTo);
  const profileForThis = profile?.dataset === dataset.name ? profile : null;
  const alerts = profileForThis?.alerts ?? [];
  const tabs: { id: Tab; label: string }[] = [
    { id: 'table', label: t('data.tab.table') },
    ...(hasView ? [{ id: 'customers' as const, label: t('data.tab.customers') }] : []),
    { id: 'profile', label: t('data.tab.profile') },
    { id: 'alerts', label: profileForThis ? t('data.tab.alertsCount', { count: alerts.length }) : t('data.tab.alerts') },
    { id: 'versions', label: t('data.tab.versions') },
  ];

  return (
    <section className="data" aria-labelledby="data-title" data-testid="data-view">
      <div className="data-head">
        <h1 id="data-title" className="sr-only">
          {t('data.view.title')}
        </h1>
        <label className="inline">
          {t('data.view.dataset')}
          <select value={dataset.name} onChange={(e) => selectDataset(e.target.value)} data-testid="dataset-select">
            {datasets.map((d) => (
              <option key={d.name} value={d.name}>
                {t('data.view.datasetOption', { name: d.name, kind: t(`data.kind.${d.kind}`) })}
              </option>
            ))}
          </select>
        </label>
        <span className="data-facts" data-testid="dataset-facts">
          {t('data.view.facts', { rows: dataset.rows, columns: dataset.columns.length, version: dataset.version, versions: dataset.versions })}
          {dataset.cellErrors > 0 ? ` · ${t('data.view.factsRejected', { count: dataset.cellErrors })}` : ''}
          {dataset.linkedTo ? ` · ${t('data.view.factsOrdersOf', { customers: dataset.linkedTo })}` : ''}
        </span>
        {dataset.kind === 'transactions' ? <LinkControl dataset={dataset.name} linkedTo={dataset.linkedTo} customerFiles={customerFiles} /> : null}
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => openImport(null)} data-testid="import-open">
          {t('data.view.import')}
        </button>
        <button type="button" onClick={() => setConfirmRemove(true)} data-testid="dataset-remove">
          {t('data.remove.button')}
        </button>
        {confirmRemove ? (
          <Dialog title={t('data.remove.title')} onClose={() => setConfirmRemove(false)}>
            <p>{rich('data.remove.body', { name: <strong>{dataset.name}</strong>, count: dataset.versions })}</p>
            <div className="row">
              <span className="spacer" />
              <button type="button" onClick={() => setConfirmRemove(false)} autoFocus>
                {t('data.remove.keep')}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirmRemove(false);
                  void removeDataset(dataset.name);
                }}
                data-testid="dataset-remove-confirm"
              >
                {t('data.remove.confirm')}
              </button>
            </div>
          </Dialog>
        ) : null}
      </div>
      <div className="tabs" role="tablist" aria-label={t('data.view.tabsLabel')}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
            data-testid={`data-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'table' || (tab === 'customers' && !hasView) ? (
          <>
            {/* Keyed so that another dataset, or a version with other columns, starts from its own saved view. */}
            <TableToolbar key={`${dataset.name}\u0000${columnsSignature(dataset.columns)}`} dataset={dataset.name} columns={dataset.columns} />
            <DataTable columns={dataset.columns} />
          </>
        ) : null}
        {tab === 'customers' && hasView ? <CustomerTable dataset={dataset.name} /> : null}
        {tab === 'profile' ? (
          profileForThis ? (
            <ProfilePanel profile={profileForThis} dataset={dataset} />
          ) : (
            <p className="loading">{profileLoading ? t('data.profile.loading') : t('data.profile.none')}</p>
          )
        ) : null}
        {tab === 'alerts' ? profileForThis ? <AlertsList alerts={alerts} /> : <p className="loading">{profileLoading ? t('data.profile.loading') : t('data.profile.none')}</p> : null}
        {tab === 'versions' ? <VersionsPanel /> : null}
      </div>
      <ImportWizard />
    </section>
  );
}
