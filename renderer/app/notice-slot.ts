import { createContext } from 'react';

/**
 * Where notices (toasts and the jobs tray) are drawn while a workspace is open: a slot at the foot of the
 * side column, under the guide rail. There they cover nothing and take no room from the view; the start
 * screen has no side column, so there they stay in the page's flow at the bottom right.
 */
export const NoticeSlot = createContext<(el: HTMLElement | null) => void>(() => undefined);
