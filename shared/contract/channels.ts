/** The event channel name used by every host (IPC channel, SSE event name). */
export const EVENT_CHANNEL = 'segmentdesk:event';
/** The request channel name used by the Electron IPC host. */
export const INVOKE_CHANNEL = 'segmentdesk:invoke';
