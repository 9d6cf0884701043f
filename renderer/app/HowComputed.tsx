import { Fragment } from 'react';
import { conventions, type ConventionId } from '../../shared/conventions';
import { useT } from '../i18n/use-t';

/**
 * "How is this computed?" beside a result: closed by default so the screen reads plainly, one click
 * away for an analyst. The words are the same the CLI's --help and the report's appendix print.
 */
export function HowComputed({ topics, testId = 'how-computed' }: { topics: readonly ConventionId[]; testId?: string }) {
  const { t } = useT();
  return (
    <details className="how-computed" data-testid={testId}>
      <summary>{t('app.howComputed.summary')}</summary>
      <dl>
        {conventions(topics).map((c) => (
          <Fragment key={c.title}>
            <dt>{c.title}</dt>
            <dd>{c.text}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}
