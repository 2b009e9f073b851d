// The Experiments section: a closed <details> on first paint (open when the link names an
// experiment). The boxes' text and the experiment client live here, so that what was typed and
// measured survives closing it; the form, figures and table load only when a reader opens it.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunConfig } from '../engine/config';
import { stepsPerRunFor, trainSizeOf } from '../engine/experiment/plan';
import { parseExperiment, type ExperimentText } from '../engine/experiment/spec';
import { useI18n } from '../i18n/react';
import type { ExperimentClient } from '../state/experiment-client';
import { writeExperimentToUrl, type ExperimentLink } from '../state/url-experiment';
import type { ExperimentBodyProps } from './experiment/ExperimentsBody';

const ExperimentsBody = lazy(() => import('./experiment/ExperimentsBody'));

interface Props {
  client: ExperimentClient;
  /** The single run's settings: the experiment takes its data, model, epochs, drop_last and seed. */
  settings: RunConfig;
  link: ExperimentLink;
  /** Loads a grid's setting into the single-run view. */
  onUseSetting: ExperimentBodyProps['onUseSetting'];
  /** A preset's settings for the run (more epochs, say) before its grid. */
  onSettings: (settings: RunConfig) => void;
}

export function ExperimentsLab({ client, settings, link, onUseSetting, onSettings }: Props) {
  const [open, setOpen] = useState(link.named);
  const [text, setText] = useState<ExperimentText>(link.text);
  const { t } = useI18n();
  const parsed = useMemo(
    () => parseExperiment(text, trainSizeOf(settings), stepsPerRunFor(settings)),
    [text, settings],
  );
  const onText = useCallback((next: ExperimentText) => {
    setText(next);
    writeExperimentToUrl(next);
  }, []);
  const onRun = useCallback(() => {
    if (parsed.spec) client.start(settings, parsed.spec);
  }, [client, parsed.spec, settings]);
  // A teacher's link with xrun=1 starts its experiment once, as the page opens.
  const started = useRef(false);
  useEffect(() => {
    if (!link.run || started.current) return;
    started.current = true;
    onRun();
  }, [link.run, onRun]);
  return (
    <details className="experiments" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('x.summary')}</summary>
      {open && (
        <Suspense fallback={<p className="panel-note">{t('x.loading')}</p>}>
          <ExperimentsBody
            client={client}
            settings={settings}
            text={text}
            parsed={parsed}
            onText={onText}
            onRun={onRun}
            onUseSetting={onUseSetting}
            onSettings={onSettings}
          />
        </Suspense>
      )}
    </details>
  );
}
