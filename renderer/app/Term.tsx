import { useId, type ReactNode } from 'react';
import { glossaryIn, type GlossaryId } from '../../shared/glossary';
import { useT } from '../i18n/use-t';

/**
 * A technical term in plain words: shows the glossary's plain label (or `children`) with a dotted underline;
 * hovering or focusing it (Tab reaches it) shows the explanation and the technical name. Screen readers get
 * the explanation as the label's description.
 */
export function Term({ id, children, technical }: { id: GlossaryId; children?: ReactNode; technical?: boolean }) {
  const tip = useId();
  // In the window's language, re-rendered when the user switches.
  const { t } = useT();
  const g = glossaryIn(t, id);
  return (
    <span className="term">
      <span className="term-label" tabIndex={0} aria-describedby={tip} data-term={id}>
        {children ?? (technical ? g.term : g.label)}
      </span>
      <span className="term-tip" role="tooltip" id={tip}>
        <strong>{technical ? g.label : g.term}</strong>
        {g.explain}
      </span>
    </span>
  );
}
