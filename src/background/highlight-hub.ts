/**
 * The background's end of the highlight ports (contract: src/lib/protocol/highlight-hub.ts):
 * it keeps which port shows which page's URL and, after every write, posts the written rows
 * to the ports of their URL.
 */
import { browser, type Browser } from 'wxt/browser';
import { sameOrigin } from '../lib/highlights/url';
import { HIGHLIGHTS_PORT, parseHubSubscribe, type HubMessage } from '../lib/protocol/highlight-hub';
import type { HighlightChange } from '../storage/highlights';
import { boundPage } from './highlights';
import { callerOf } from './router';

type Port = Browser.runtime.Port;

export class HighlightHub {
  /** Open ports and the URL each listens to (null until its first `{ url }`). */
  private readonly ports = new Map<Port, string | null>();

  /** Starts answering `runtime.connect`; returns a function that stops. */
  listen(): () => void {
    const listener = (port: Port) => this.accept(port);
    browser.runtime.onConnect.addListener(listener);
    return () => browser.runtime.onConnect.removeListener(listener);
  }

  /** Takes a newly connected port: ours by name, from this extension, then subscribed by its `{ url }`. */
  accept(port: Port): void {
    if (port.name !== HIGHLIGHTS_PORT) return;
    const caller = callerOf(port.sender);
    if (caller === null) {
      port.disconnect();
      return;
    }
    this.ports.set(port, null);
    port.onMessage.addListener((message: unknown) => {
      const subscribe = parseHubSubscribe(message);
      const bound = boundPage({ caller, sender: port.sender ?? {} });
      if (!subscribe || (bound !== null && !sameOrigin(bound, subscribe.url))) {
        // Not a subscription, or another origin's page: this port gets nothing more.
        this.ports.delete(port);
        port.disconnect();
        return;
      }
      this.ports.set(port, subscribe.url);
    });
    port.onDisconnect.addListener(() => this.ports.delete(port));
  }

  /** Tells every port showing a written row's page what changed. */
  publish(change: HighlightChange): void {
    for (const highlight of change.saved) this.post(highlight.url, { type: 'highlight-changed', highlight });
    for (const h of change.removed) this.post(h.url, { type: 'highlight-removed', id: h.id });
  }

  /** How many ports listen to `url` (all ports when omitted). */
  listeners(url?: string): number {
    let n = 0;
    for (const u of this.ports.values()) if (url === undefined || u === url) n++;
    return n;
  }

  private post(url: string, message: HubMessage): void {
    for (const [port, listening] of this.ports) {
      if (listening !== url) continue;
      try {
        port.postMessage(message);
      } catch {
        // Closed while we were not looking (its tab navigated away): forget it.
        this.ports.delete(port);
      }
    }
  }
}
