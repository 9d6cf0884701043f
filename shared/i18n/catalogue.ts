// The message catalogues, one JSON file per namespace and language (namespaces let each part of the app
// keep its own file). Keys carry their namespace ("data.import.title"); test/shared/i18n checks that every
// language has exactly English's keys and that every message parses as ICU MessageFormat.
import type { Locale } from './locales';
import en_common from './catalogues/en/common.json';
import en_app from './catalogues/en/app.json';
import en_glossary from './catalogues/en/glossary.json';
import en_data from './catalogues/en/data.json';
import en_segments from './catalogues/en/segments.json';
import en_rules from './catalogues/en/rules.json';
import en_clusters from './catalogues/en/clusters.json';
import en_outcomes from './catalogues/en/outcomes.json';
import en_responsible from './catalogues/en/responsible.json';
import en_reports from './catalogues/en/reports.json';
import en_report from './catalogues/en/report.json';
import en_engine from './catalogues/en/engine.json';
import pl_common from './catalogues/pl/common.json';
import pl_app from './catalogues/pl/app.json';
import pl_glossary from './catalogues/pl/glossary.json';
import pl_data from './catalogues/pl/data.json';
import pl_segments from './catalogues/pl/segments.json';
import pl_rules from './catalogues/pl/rules.json';
import pl_clusters from './catalogues/pl/clusters.json';
import pl_outcomes from './catalogues/pl/outcomes.json';
import pl_responsible from './catalogues/pl/responsible.json';
import pl_reports from './catalogues/pl/reports.json';
import pl_report from './catalogues/pl/report.json';
import pl_engine from './catalogues/pl/engine.json';
import fr_common from './catalogues/fr/common.json';
import fr_app from './catalogues/fr/app.json';
import fr_glossary from './catalogues/fr/glossary.json';
import fr_data from './catalogues/fr/data.json';
import fr_segments from './catalogues/fr/segments.json';
import fr_rules from './catalogues/fr/rules.json';
import fr_clusters from './catalogues/fr/clusters.json';
import fr_outcomes from './catalogues/fr/outcomes.json';
import fr_responsible from './catalogues/fr/responsible.json';
import fr_reports from './catalogues/fr/reports.json';
import fr_report from './catalogues/fr/report.json';
import fr_engine from './catalogues/fr/engine.json';
import zhCN_common from './catalogues/zh-CN/common.json';
import zhCN_app from './catalogues/zh-CN/app.json';
import zhCN_glossary from './catalogues/zh-CN/glossary.json';
import zhCN_data from './catalogues/zh-CN/data.json';
import zhCN_segments from './catalogues/zh-CN/segments.json';
import zhCN_rules from './catalogues/zh-CN/rules.json';
import zhCN_clusters from './catalogues/zh-CN/clusters.json';
import zhCN_outcomes from './catalogues/zh-CN/outcomes.json';
import zhCN_responsible from './catalogues/zh-CN/responsible.json';
import zhCN_reports from './catalogues/zh-CN/reports.json';
import zhCN_report from './catalogues/zh-CN/report.json';
import zhCN_engine from './catalogues/zh-CN/engine.json';

/** The namespaces, in the order their files are listed. */
export const NAMESPACES = ['common', 'app', 'glossary', 'data', 'segments', 'rules', 'clusters', 'outcomes', 'responsible', 'reports', 'report', 'engine'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** English, the source catalogue: its keys are the only message ids. */
const EN = { ...en_common, ...en_app, ...en_glossary, ...en_data, ...en_segments, ...en_rules, ...en_clusters, ...en_outcomes, ...en_responsible, ...en_reports, ...en_report, ...en_engine };
export type MessageId = keyof typeof EN;
export type Catalogue = Record<MessageId, string>;

/** Each language's files by namespace (the parity test reads these to name the file a key is missing from). */
export const CATALOGUE_FILES: Record<Locale, Record<Namespace, Record<string, string>>> = {
  'en': { common: en_common, app: en_app, glossary: en_glossary, data: en_data, segments: en_segments, rules: en_rules, clusters: en_clusters, outcomes: en_outcomes, responsible: en_responsible, reports: en_reports, report: en_report, engine: en_engine },
  'pl': { common: pl_common, app: pl_app, glossary: pl_glossary, data: pl_data, segments: pl_segments, rules: pl_rules, clusters: pl_clusters, outcomes: pl_outcomes, responsible: pl_responsible, reports: pl_reports, report: pl_report, engine: pl_engine },
  'fr': { common: fr_common, app: fr_app, glossary: fr_glossary, data: fr_data, segments: fr_segments, rules: fr_rules, clusters: fr_clusters, outcomes: fr_outcomes, responsible: fr_responsible, reports: fr_reports, report: fr_report, engine: fr_engine },
  'zh-CN': { common: zhCN_common, app: zhCN_app, glossary: zhCN_glossary, data: zhCN_data, segments: zhCN_segments, rules: zhCN_rules, clusters: zhCN_clusters, outcomes: zhCN_outcomes, responsible: zhCN_responsible, reports: zhCN_reports, report: zhCN_report, engine: zhCN_engine },
};

/** Every language's messages, flat. A key a translation lacks falls back to English at run time (the parity test keeps that from shipping). */
export const CATALOGUES: Record<Locale, Catalogue> = {
  en: EN,
  'pl': { ...EN, ...pl_common, ...pl_app, ...pl_glossary, ...pl_data, ...pl_segments, ...pl_rules, ...pl_clusters, ...pl_outcomes, ...pl_responsible, ...pl_reports, ...pl_report, ...pl_engine } as Catalogue,
  'fr': { ...EN, ...fr_common, ...fr_app, ...fr_glossary, ...fr_data, ...fr_segments, ...fr_rules, ...fr_clusters, ...fr_outcomes, ...fr_responsible, ...fr_reports, ...fr_report, ...fr_engine } as Catalogue,
  'zh-CN': { ...EN, ...zhCN_common, ...zhCN_app, ...zhCN_glossary, ...zhCN_data, ...zhCN_segments, ...zhCN_rules, ...zhCN_clusters, ...zhCN_outcomes, ...zhCN_responsible, ...zhCN_reports, ...zhCN_report, ...zhCN_engine } as Catalogue,
};
