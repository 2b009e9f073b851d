import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { withUnchosenSpeed } from './engine/classroom-speed';
import type { RunConfig } from './engine/config';
import { modelSpecFor } from './engine/models';
import { PinnedRuns } from './state/pinned-runs';
import { restorePins, runPreset, type Preset } from './state/presets';
import type { RunStore } from './state/run-store';
import type { TrainerClient } from './state/trainer-client';
import type { ExperimentClient } from './state/experiment-client';
import type { ExperimentLink } from './state/url-experiment';
import { useRunSnapshot } from './state/use-run-snapshot';
import { validationLinesUpTo } from './state/run-data';
import { useThrottled } from './state/use-throttled';
import {
  writeConfigToUrl,
  writeLangToUrl,
  writeProjectorToUrl,
  writeViewToUrl,
  type HideableControl,
  type Link,
} from './state/url';
import { ViewStore } from './state/view-store';
import { writePinsToUrl, writePresetToUrl } from './state/url-pins';
import { LOCALE_NAMES, LOCALES, type Locale } from './i18n/locale';
import { message, type Message, type MessageKey } from './i18n/message';
import { I18nContext, useI18n } from './i18n/react';
import { i18nFor } from './i18n/translate';
import { Charts } from './ui/Charts';
import { CheckField, Controls, type SettingsChange } from './ui/Controls';
import { DebugPanel } from './ui/DebugPanel';
import { EmbedContext } from './ui/EmbedContext';
import { ExportGroup } from './ui/ExportGroup';
import { ParamsPanel } from './ui/ParamsPanel';
import { PresetsGroup } from './ui/PresetsGroup';
import { ShortcutsHelp } from './ui/ShortcutsHelp';
import { StatusBar } from './ui/StatusBar';
import { TrainingLog } from './ui/TrainingLog';
import { ThroughputLab } from './ui/ThroughputLab';
import { ExperimentsLab } from './ui/ExperimentsLab';
import { useShortcuts } from './ui/use-shortcuts';
import { bringLossChartIntoView } from './ui/show-loss-chart';
import './App.css';
import './ui/embed.css';

interface Props {
  store: RunStore;
  client: TrainerClient;
  initialSettings: RunConfig;
  /** The page's options from its link (hide=, embed=, the loss chart's view, projector mode). */
  page: Link['page'];
  /** Link parameters that were not used, one message each. */
  urlIgnored: Message[];
  /** The runs the link pins (`pin=`): trained again and pinned when the page opens. */
  linkPins?: readonly RunConfig[];
  /** The link's `preset=`: its sentence on what to look at is shown. */
  linkPreset?: Preset | null;
  /** The language the page opens in (the link's lang=, else the browser's). */
  initialLocale: Locale;
  /** The link said `speed=`; otherwise the speed follows the data's size until the reader picks one. */
  speedChosen?: boolean;
  /** The Experiments section's engine client, and the experiment the link names (xb=, xlr=, …, xrun=). */
  experiments: ExperimentClient;
  experimentLink: ExperimentLink;
}

const HEAVY_VIEW_INTERVAL_MS = 66;

const NOTICES: Record<SettingsChange, Message | null> = {
  run: message('notice.settingsChanged'),
  backend: message('notice.backendChanged'),
  speed: null,
};
const RUN_RESET = message('notice.runReset');

/**
 * What projector mode leaves out of the sidebar: it keeps what a class watches change (batch size,
 * shuffle, learning rate, the run buttons, speed) and the View group that turns it off.
 */
const PROJECTOR_HIDDEN: readonly HideableControl[] = [
  'dataset',
  'model',
  'val',
  'replacement',
  'droplast',
  'epochs',
  'seed',
  'backend',
  'presets',
  'export',
];

export function App(props: Props) {
  const { store, client, initialSettings, page, urlIgnored, initialLocale, linkPins = [], linkPreset = null } = props;
  const { speedChosen, experiments, experimentLink } = props;
  const [locale, setLocale] = useState(initialLocale);
  // A view option, not a setting: large type and thick lines for the back of a classroom (view-options.css).
  const [projector, setProjector] = useState(page.projector);
  const i18n = i18nFor(locale);
  const { t } = i18n;
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('app.title');
  }, [locale, i18n]);
  const run = useRunSnapshot(store);
  const [settings, setSettings] = useState(initialSettings);
  // Embedding (embed=1, hide=…) is fixed by the link the page was opened with.
  const [showUrlNotice, setShowUrlNotice] = useState(urlIgnored.length > 0);

  // A preset's sentence on what to look at, until a setting of its run is changed; in the link (preset=).
  const [presetNote, setNote] = useState<{ id: string; key: MessageKey } | null>(
    linkPreset && { id: linkPreset.id, key: linkPreset.note },
  );
  const setPresetNote = useCallback((note: { id: string; key: MessageKey } | null) => {
    setNote(note);
    writePresetToUrl(note?.id ?? null);
  }, []);
  // Until the reader picks a speed (or the link names one), it follows the data: 5 steps/s for the tutorial.
  const speedPicked = useRef(speedChosen ?? true);
  // Applies settings exactly as given (a preset's runs carry their own speeds).
  const applySettings = useCallback(
    (next: RunConfig, change: SettingsChange) => {
      setSettings(next);
      writeConfigToUrl(next, speedPicked.current);
      if (change === 'speed') client.setSpeed(next.speed);
      else client.reset(next, NOTICES[change]);
    },
    [client],
  );
  // A reader's change: a speed nobody picked follows the new settings' size.
  const onSettingsChange = useCallback(
    (chosen: RunConfig, change: SettingsChange) => {
      if (change === 'speed') speedPicked.current = true;
      else setPresetNote(null);
      applySettings(withUnchosenSpeed(chosen, speedPicked.current), change);
    },
    [applySettings, setPresetNote],
  );

  // Pinned runs and the charts' view live here, not in the charts: presets pin the runs they train
  // and set the view that shows their point (xaxis=, logy= are written back to the link).
  const [pins] = useState(() => new PinnedRuns());
  const [view] = useState(
    () => new ViewStore({ xAxis: page.xAxis, logScale: page.logScale, order: page.order }, writeViewToUrl),
  );
  // The link's pinned runs are trained again, then its own run is set up; meanwhile the link keeps
  // its pins (a half-restored list would share half the comparison). Then the link follows the pins.
  const restoring = useRef(false);
  const restored = useRef(false);
  useEffect(() => {
    const write = () => {
      if (!restoring.current) writePinsToUrl(pins.getSnapshot().map((p) => p.config));
    };
    const unsubscribe = pins.subscribe(write);
    if (!restored.current && linkPins.length > 0) {
      restored.current = true;
      restoring.current = true;
      const apply = (config: RunConfig) => {
        setSettings(config);
        client.reset(config);
      };
      // A restore the reader interrupted (a setting changed meanwhile) leaves the link's pins as they were.
      void restorePins(linkPins, initialSettings, { store, pins, apply, train: () => client.train() }).then((done) => {
        restoring.current = false;
        if (done) write();
      });
    }
    return unsubscribe;
  }, [pins, linkPins, initialSettings, store, client]);

  // The side panel's callbacks keep their identity from frame to frame: the app re-renders on every
  // flush of a running run, and the memoised controls, groups and charts then stay as they are.
  const onPreset = useCallback(
    (preset: Preset) => {
      view.setXAxis(preset.view.xAxis);
      view.setLogScale(preset.view.logScale);
      setPresetNote({ id: preset.id, key: preset.note });
      experiments.cancel();
      void runPreset(preset, settings, {
        store,
        pins,
        apply: (config) => applySettings(config, 'run'),
        train: () => client.train(),
        speedChosen: speedPicked.current,
      });
    },
    [view, setPresetNote, settings, store, pins, applySettings, client, experiments],
  );
  // Train and Step are the single run's: they cancel an experiment under way.
  const onTrain = useCallback(() => {
    experiments.cancel();
    client.train();
    bringLossChartIntoView();
  }, [client, experiments]);
  const onPause = useCallback(() => client.pause(), [client]);
  const onStep = useCallback(() => {
    experiments.cancel();
    client.step();
  }, [client, experiments]);
  const onStepEpoch = useCallback(() => {
    experiments.cancel();
    client.stepEpoch();
  }, [client, experiments]);
  const onReset = useCallback(() => client.reset(settings, RUN_RESET), [client, settings]);
  const onRestart = useCallback(() => client.restart(), [client]);
  const onLocale = useCallback((next: Locale) => {
    setLocale(next);
    writeLangToUrl(next);
  }, []);
  const onProjector = useCallback((on: boolean) => {
    setProjector(on);
    writeProjectorToUrl(on);
  }, []);
  const onUseLearningRate = useCallback(
    (learningRate: number) => {
      onSettingsChange({ ...settings, learningRate }, 'run');
      experiments.cancel();
      client.train();
    },
    [onSettingsChange, settings, client, experiments],
  );
  // A cell of the experiment shown: its run is that experiment's settings with the cell's own, and seed s = 0.
  const onUseSetting = useCallback(
    (setting: { batchSize: number; learningRate: number; shuffle: boolean }) => {
      const shown = experiments.getSnapshot().base ?? settings;
      onSettingsChange({ ...shown, speed: settings.speed, backend: settings.backend, ...setting }, 'run');
      bringLossChartIntoView();
    },
    [onSettingsChange, settings, experiments],
  );
  const onExperimentSettings = useCallback((next: RunConfig) => onSettingsChange(next, 'run'), [onSettingsChange]);
  const chartNote = useMemo(() => presetNote && { id: presetNote.id, text: t(presetNote.key) }, [presetNote, t]);

  useShortcuts(run.state, (command) => {
    if (command === 'train') onTrain();
    else if (command === 'pause') onPause();
    else if (command === 'step') onStep();
    else onReset();
  });

  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
  }, [projector]);
  const hidden = useMemo(
    () => (projector ? new Set([...page.hidden, ...PROJECTOR_HIDDEN]) : page.hidden),
    [projector, page.hidden],
  );

  // Slow motion shows every step; at full speed the chart and log redraw ~15 times a second.
  const fullSpeed = run.state === 'running' && settings.speed === 0;
  // The log, the loss chart and the other views (composition, fit, parameter space) redraw in tasks
  // of their own, each at most ~15 times a second and in turn: three short tasks, not one long one.
  const chart = useThrottled(run, HEAVY_VIEW_INTERVAL_MS, !fullSpeed);
  const log = useThrottled(run, HEAVY_VIEW_INTERVAL_MS, !fullSpeed, HEAVY_VIEW_INTERVAL_MS / 3);
  const views = useThrottled(run, HEAVY_VIEW_INTERVAL_MS, !fullSpeed, (2 * HEAVY_VIEW_INTERVAL_MS) / 3);
  const heavy = chart.shown;
  // The run's data is one mutable object: read the log's lines when the log's snapshot changes, or
  // the log would redraw whenever any view does (its array is replaced as it is trimmed).
  const logLines = useMemo(() => log.shown.data.recentLog, [log.shown]);
  const viewsRun = views.shown;
  // A stopped run is announced once every view shows its last step (they catch up in turn, within
  // a period of the worker stopping): until then the status goes on saying what it said while the
  // run trained. Whoever reads "finished" then reads finished views. While a run trains the status
  // follows every message.
  const lastRunning = useRef(run);
  useLayoutEffect(() => {
    if (run.state === 'running') lastRunning.current = run;
  });
  const caughtUp = chart.caughtUp && log.caughtUp && views.caughtUp;
  const statusRun = run.state === 'running' || caughtUp ? run : lastRunning.current;
  return (
    <I18nContext.Provider value={i18n}>
      <div className={page.embed ? 'app app-embed' : 'app'} data-embed={page.embed || undefined}>
        {page.embed && <EmbedContext config={settings} pins={pins} />}
        {!page.embed && (
          <header className="app-header">
            <div className="app-title-row">
              <h1>
                <span translate="no">minibatch-lab</span> <span className="tagline">{t('app.tagline')}</span>
              </h1>
              <LanguageSwitch locale={locale} onChange={onLocale} />
            </div>
            {/* One line first, the whole story a click away; in front of a class the teacher tells it. */}
            {!projector && (
              <>
                <p className="intro">{t('app.introShort')}</p>
                <details className="intro-more">
                  <summary>{t('app.introMore')}</summary>
                  <p>{t('app.intro')}</p>
                </details>
              </>
            )}
          </header>
        )}

        {showUrlNotice && (
          <div className="url-notice" role="alert">
            <p>{t('app.urlIgnored')}</p>
            <ul>
              {urlIgnored.map((line, i) => (
                <li key={i}>{i18n.say(line)}</li>
              ))}
            </ul>
            <button type="button" onClick={() => setShowUrlNotice(false)}>
              {t('app.dismiss')}
            </button>
          </div>
        )}

        <div className="layout">
          <aside className="sidebar">
            <Controls
              settings={settings}
              store={store}
              onSettingsChange={onSettingsChange}
              onTrain={onTrain}
              onPause={onPause}
              onStep={onStep}
              onStepEpoch={onStepEpoch}
              datasetSize={run.datasetSize}
              onReset={onReset}
              hidden={hidden}
            />
            {!hidden.has('presets') && <PresetsGroup onPreset={onPreset} />}
            {!hidden.has('export') && (
              <ExportGroup
                readRun={store.getSnapshot}
                hasSteps={run.stepsDone > 0}
                config={run.config}
                settings={settings}
              />
            )}
            {!page.hidden.has('view') && <ViewOptions projector={projector} onProjector={onProjector} />}
          </aside>

          <main className="main">
            <StatusBar run={statusRun} onRestart={onRestart} />
            <ParamsPanel
              initial={run.initialParams}
              current={run.currentParams}
              stepsDone={run.stepsDone}
              seed={run.config.seed}
              model={modelSpecFor(run.config)}
            />
            <Charts
              run={viewsRun}
              heavy={heavy}
              initialView={page}
              hideNoise={page.hidden.has('noise')}
              pins={pins}
              view={view}
              note={chartNote}
              onUseLearningRate={onUseLearningRate}
            />
            <TrainingLog
              lines={logLines}
              total={log.shown.stepsDone}
              validationLines={validationLinesUpTo(log.shown.data, log.shown.stepsDone)}
              // From the log's own snapshot, so the whole window is drawn once, by the redraw after the run stops.
              live={log.shown.state === 'running' && settings.speed === 0}
            />
            <ThroughputLab
              run={run}
              sweeps={client.sweeps}
              onSweep={() => client.sweep()}
              onCancel={() => client.cancelSweep()}
            />
            <ExperimentsLab
              client={experiments}
              settings={settings}
              link={experimentLink}
              onUseSetting={onUseSetting}
              onSettings={onExperimentSettings}
            />
            <DebugPanel run={run} />
          </main>
        </div>
      </div>
    </I18nContext.Provider>
  );
}

/** The View group: projector mode and the keyboard shortcuts. */
const ViewOptions = memo(function ViewOptions(props: { projector: boolean; onProjector: (on: boolean) => void }) {
  const { t } = useI18n();
  return (
    <div className="view-options" role="group" aria-label={t('app.view')}>
      <CheckField label={t('app.projector')} checked={props.projector} onChange={props.onProjector} />
      <ShortcutsHelp />
    </div>
  );
});

/** Each language named in itself, so a reader finds theirs whatever the page is in now. */
const LanguageSwitch = memo(function LanguageSwitch(props: { locale: Locale; onChange: (locale: Locale) => void }) {
  const { locale, onChange } = props;
  const { t } = i18nFor(locale);
  return (
    <div className="field-inline language-switch">
      <label htmlFor="language-switch">{t('app.language')}</label>
      <select id="language-switch" value={locale} onChange={(e) => onChange(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
});
