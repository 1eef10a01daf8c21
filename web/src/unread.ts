// The clinic's unread message count for the navigation badge and the tab title.
import { signal } from '@preact/signals';
import { get, clinicPath } from './api/client';
import type { ConversationPage } from './api/types';

export const unreadTotal = signal(0);
let timer: ReturnType<typeof setTimeout> | undefined;

export function countUnread(slug: string, soon = 0): void {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    try {
      const page = await get<ConversationPage>(clinicPath(slug, '/conversations'), { unread: true, limit: 200 });
      unreadTotal.value = page.items.reduce((n, c) => n + Number(c.unread), 0);
    } catch {
      /* the badge waits for the next event */
    }
  }, soon);
}
