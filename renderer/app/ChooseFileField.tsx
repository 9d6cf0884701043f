import { useId, useRef } from 'react';
import { useApp } from '../store';
import { useT } from '../i18n/use-t';

/**
 * A file to read (a logo, a list): chosen, never typed. The desktop app opens its native dialog; the browser
 * its file chooser, and the host keeps a private copy to read. Shows the chosen file's name and a way to clear it.
 */
export function ChooseFileField({ label, value, onChange, accept, testId }: { label: string; value: string; onChange(path: string): void; accept: string; testId: string }) {
  const canPick = useApp((s) => s.hostInfo?.canPickFiles ?? false);
  const pickFile = useApp((s) => s.pickFile);
  const localPathFor = useApp((s) => s.localPathFor);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const { t } = useT();
  const choose = async () => {
    if (!canPick) return input.current?.click();
    const picked = await pickFile('import');
    if (picked) onChange(picked);
  };
  return (
    <div className="choose-file-field">
      <span className="field-label" id={id}>
        {label}
      </span>
      <div className="row">
        <span className="chosen" data-testid={`${testId}-name`}>
          {value ? value.split(/[\\/]/).pop() : t('app.file.none')}
        </span>
        <button type="button" onClick={() => void choose()} aria-describedby={id} data-testid={`${testId}-choose`}>
          {value ? t('app.file.change') : t('app.file.choose')}
        </button>
        {value ? (
          <button type="button" onClick={() => onChange('')} aria-describedby={id} data-testid={`${testId}-clear`}>
            {t('app.file.remove')}
          </button>
        ) : null}
      </div>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void localPathFor(f).then((p) => p && onChange(p));
        }}
      />
    </div>
  );
}
