// A word of the subject's jargon, explained where it stands: a small "?" button after the term
// whose tooltip (WAI-ARIA tooltip pattern) opens on hover and on keyboard focus, closes with Escape,
// on blur or when the pointer leaves, and describes the button (aria-describedby), so a screen
// reader says the explanation with it. The one mechanism for every term on the page: the text is a
// catalogue key `glossary.…`, in every language. The button's name is the same "Explain" for every
// term, not "What is Seed?": a name holding the term would also answer the locators and assistive
// names that find the control itself ("Pin run", the label "Batch size"), a public contract.
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/react';
import type { GlossaryKey } from '../i18n/glossary';
import './term.css';

interface Props {
  explain: GlossaryKey;
}

/** Room kept between the button, the tooltip and the viewport's edges, in CSS pixels. */
const GAP = 6;
/** How long the pointer may take to cross from the button onto the tooltip (WCAG 1.4.13: hoverable). */
const LEAVE_DELAY_MS = 200;

// Memoised: its props are one key, and the views around it re-render with every step of a run.
export const Term = memo(function Term({ explain }: Props) {
  const { t } = useI18n();
  const tipId = useId();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<CSSProperties>({});
  const buttonRef = useRef<HTMLButtonElement>(null);
  const tipRef = useRef<HTMLSpanElement>(null);
  const leaveTimer = useRef<number | undefined>(undefined);

  const show = useCallback(() => {
    window.clearTimeout(leaveTimer.current);
    setOpen(true);
  }, []);
  const hide = useCallback(() => {
    window.clearTimeout(leaveTimer.current);
    setOpen(false);
  }, []);
  const hideSoon = () => {
    window.clearTimeout(leaveTimer.current);
    leaveTimer.current = window.setTimeout(() => setOpen(false), LEAVE_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(leaveTimer.current), []);

  // Above the term, so it never covers the box or chart under the label it explains; below only
  // when the viewport has no room above. Fixed, so a scrolling sidebar or a chart does not clip it,
  // and placed again when anything scrolls (focusing the button may scroll it into view).
  const placeTip = useCallback(() => {
    const button = buttonRef.current;
    const tip = tipRef.current;
    if (!button || !tip) return;
    // Measured at the viewport's corner: elsewhere a fixed box shrinks to the room left of where it is.
    tip.style.left = '0px';
    tip.style.top = '0px';
    const at = button.getBoundingClientRect();
    const size = tip.getBoundingClientRect();
    const above = at.top - GAP - size.height;
    const top = above >= GAP ? above : at.bottom + GAP;
    const left = Math.min(at.left + at.width / 2 - size.width / 2, window.innerWidth - size.width - GAP);
    setPlace({ top, left: Math.max(GAP, left) });
  }, []);
  useLayoutEffect(() => {
    if (open) placeTip();
  }, [open, placeTip]);

  // While open, Escape closes it wherever the focus is (WAI-ARIA tooltip pattern).
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    document.addEventListener('keydown', onKey);
    window.addEventListener('scroll', placeTip, true);
    window.addEventListener('resize', placeTip);
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('scroll', placeTip, true);
      window.removeEventListener('resize', placeTip);
    };
  }, [open, hide, placeTip]);

  return (
    <span className="term" data-glossary={explain.slice('glossary.'.length)}>
      <button
        ref={buttonRef}
        type="button"
        className="term-button"
        aria-label={t('glossary.about')}
        aria-describedby={tipId}
        onMouseEnter={show}
        onMouseLeave={hideSoon}
        onFocus={show}
        onBlur={hide}
        // A tap on a phone focuses the button and opens the tooltip; a tap elsewhere closes it.
        onClick={show}
      >
        ?
      </button>
      {/* In the body: a panel's `contain: paint` would clip it and make it fixed to the panel. */}
      {createPortal(
        <span
          ref={tipRef}
          id={tipId}
          role="tooltip"
          className="term-tip"
          hidden={!open}
          style={place}
          onMouseEnter={show}
          onMouseLeave={hideSoon}
        >
          {t(explain)}
        </span>,
        document.body,
      )}
    </span>
  );
});

/** A term the sentence around it does not show (MSE under a chart, λmax in a formula): the word, then its "?". */
export function TermWord({ word, explain }: { word: string; explain: GlossaryKey }) {
  return (
    <span className="term-word">
      {word}
      <Term explain={explain} />
    </span>
  );
}
