import type { ServerResponse } from 'node:http';
import { EVENT_CHANNEL } from '../../shared/contract/events';
import type { AppEvent } from '../../shared/contract/bridge';

/** Server-sent events to every open tab: job progress and workspace changes, as the IPC host sends them. */
export class EventHub {
  private clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment line now and then keeps idle connections from being treated as dead.
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) c.write(': keep-alive\n\n');
    }, 15_000);
    this.heartbeat.unref();
  }

  attach(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  send(event: AppEvent): void {
    const frame = `event: ${EVENT_CHANNEL}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const c of this.clients) c.write(frame);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
