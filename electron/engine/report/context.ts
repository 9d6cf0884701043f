import type { z } from 'zod';
import type { ReportOptionsSchema, ReportSectionId } from '../../../shared/contract/ns/reports';
import type { DatasetInfo } from '../../../shared/types/columns';
import type { Workspace } from '../workspace/workspace';
import type { Suppression } from './suppress';

export type ParsedReportOptions = z.output<typeof ReportOptionsSchema>;

/** What every section builder gets: the workspace, the dataset, the options and a chart counter. */
export interface ReportContext {
  ws: Workspace;
  dataset: DatasetInfo;
  opts: ParsedReportOptions;
  s: Suppression;
  /** A fresh index per chart, in build order, so SVG ids are unique and reproducible. */
  nextChart(): number;
  /** Notes for the methods appendix (settings, seeds, versions) collected while sections render. */
  methods: { section: string; items: [string, string][] }[];
}

export interface SectionBuilder {
  id: ReportSectionId;
  title: string;
  /** null when the section can be built, else why not (shown in the builder and the appendix). */
  unavailable(ctx: Omit<ReportContext, 'nextChart' | 'methods'>): string | null;
  render(ctx: ReportContext): string;
}
