import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import { App } from '../../renderer/app/App';
import { Toasts } from '../../renderer/app/Toasts';
import { Term } from '../../renderer/app/Term';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

let current: AppStore | null = null;

afterEach(() => {
  cleanup();
  // The language is process-wide (the active translator, shared code's messages): back to English for other files.
  current?.getState().setLocale('en');
  current = null;
});

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient(ws.handlers);
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  current = store;
  return store;
}

describe('the app shell in Polish', () => {
  it('shows the start screen, the guided path and the About dialog in Polish', async () => {
    const store = setup();
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    act(() => store.getState().setLocale('pl'));
    expect(screen.getByTestId('start-screen').textContent).toContain('Zacznij od swojego pliku');
    expect(screen.getByTestId('demo-create').textContent).toBe('Wypróbuj demo');
    fireEvent.change(screen.getByLabelText('Ścieżka pliku obszaru roboczego (opcjonalnie)'), { target: { value: '/tmp/pl.sdw' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('workspace-create'));
    });
    await until(() => store.getState().progress !== null);
    const nav = screen.getByRole('navigation', { name: 'Ścieżka krok po kroku' });
    expect(Array.from(nav.querySelectorAll('.step-label')).map((b) => b.textContent)).toEqual([
      'Zaimportuj plik',
      'Sprawdź jakość danych',
      'Znajdź grupy',
      'Zbuduj segment',
      'Sprawdź równe traktowanie',
      'Zmierz odpowiedź',
      'Przekaż wyniki',
    ]);
    expect(nav.querySelector('.sr-only')?.textContent).toBe(' (jeszcze nie zrobione)');
    expect(screen.getByTestId('next-step').textContent).toContain('Krok 1 z 7: Zaimportuj plik');
    act(() => store.getState().setAboutOpen(true));
    expect(screen.getByTestId('about').textContent).toContain('SegmentDesk nie nawiązuje żadnych połączeń sieciowych');
  });

  it('counts the hidden notices with Polish plural forms, and names a finished job in Polish', () => {
    const store = setup();
    render(
      <StoreProvider store={store}>
        <Toasts />
      </StoreProvider>,
    );
    act(() => store.getState().setLocale('pl'));
    const clear = () => screen.getByTestId('toasts-clear').textContent;
    const show = (n: number) =>
      act(() => {
        store.getState().clearToasts();
        for (let i = 0; i < n; i++) store.getState().notify('error', `E${i}`);
      });
    show(4);
    expect(clear()).toBe('Zamknij wszystkie (i jeszcze 1)');
    show(5);
    expect(clear()).toBe('Zamknij wszystkie (i jeszcze 2)');
    show(8);
    expect(clear()).toBe('Zamknij wszystkie (i jeszcze 5)');
    act(() => store.getState().setLocale('fr'));
    expect(clear()).toBe('Tout fermer (5 autres)');
  });

  it('explains a glossary term in the window’s language and follows a switch', () => {
    const store = setup();
    render(
      <StoreProvider store={store}>
        <Term id="pValue" technical />
      </StoreProvider>,
    );
    expect(screen.getByRole('tooltip').textContent).toContain('chance of a fluke');
    act(() => store.getState().setLocale('pl'));
    expect(screen.getByText('wartość p')).toBeTruthy();
    expect(screen.getByRole('tooltip').textContent).toContain('szansa przypadku');
    act(() => store.getState().setLocale('zh-CN'));
    expect(screen.getByText('p 值')).toBeTruthy();
  });
});
