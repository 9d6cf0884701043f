import type { CliCommand } from '../command';
import { responseCommand } from './response';
import { clvCommand } from './clv';
import { demoJobCommand, workspaceCreate, workspaceInfo } from './workspace';
import { exportCommand } from './export';
import { workspaceShare } from './share';
import { reportCommand } from './report';
import { countCommand } from './count';
import { segmentHistory, segmentList, segmentMembers, segmentSave } from './segments';
import { rfmCommand } from './rfm';
import { importCommand } from './import';
import { datasetsList } from './datasets';
import { profileCommand } from './profile';
import { auditCommand, auditLogCommand } from './audit';
import { eraseCommand } from './erase';
import { clusterCommand } from './cluster';
import { customerViewCommand } from './customer-view';
import { sqlCommand } from './sql';

/** Every CLI command. Commands, flags and JSON fields named in issues are a public interface: keep them. */
export const COMMANDS: CliCommand[] = [workspaceCreate, workspaceInfo, demoJobCommand, exportCommand, workspaceShare, reportCommand, countCommand, segmentSave, segmentList, segmentHistory, segmentMembers, rfmCommand, importCommand, datasetsList, profileCommand, clusterCommand, auditCommand, auditLogCommand, eraseCommand, responseCommand, clvCommand, customerViewCommand, sqlCommand];
