import type { CliCommand } from '../command';
import { demoJobCommand, workspaceCreate, workspaceInfo } from './workspace';
import { exportCommand } from './export';
import { workspaceShare } from './share';

/** Every CLI command. Commands, flags and JSON fields named in issues are a public interface: keep them. */
export const COMMANDS: CliCommand[] = [workspaceCreate, workspaceInfo, demoJobCommand, exportCommand, workspaceShare];
