import { useCallback, useEffect, useState } from 'react';
import type { RunConfig } from './engine/config';
import { modelSpecFor } from './engine/models';
import { PinnedRuns } from './state/pinned-runs';
import { runPreset, type Preset } from './state/presets';
import type { RunStore } from './state/run-store';
import type { TrainerClient } from './state/trainer-client';
import { useRunSnapshot } from './state/use-run-snapshot';
import { useThrottled } from './state/use-throttled';
import { parsePageOptions, parseProjector, writeConfigToUrl, writeProjectorToUrl } from './state/url';
import { Charts } from './ui/Charts';
import { CheckField, Controls, type SettingsChange } from './ui/Controls';
import { DebugPanel } from './ui/DebugPanel';
import { ExportGroup } from './ui/ExportGroup';
import { ParamsPanel } from './ui/ParamsPanel';
import { PresetsGroup } from './ui/PresetsGroup';
import { ShortcutsHelp } from './ui/ShortcutsHelp';
import { StatusBar } from './ui/StatusBar';
import { TrainingLog } from './ui/TrainingLog';
import { ThroughputLab } from './ui/ThroughputLab';
import { useShortcuts } from './ui/use-shortcuts';
import './App.css';
import './ui/embed.css';

interface Props {
  store: RunStore;
  client: TrainerClient;
  initialSettings: RunConfig;
  /** Link parameters that were not used, one line each. */
  urlIgnored: string[];
}

const HEAVY_VIEW_INTERVAL_MS = 66;

const NOTICES: Record<SettingsChange, string | null> = {
  run: 'Settings changed — run reset',
  backend: 'Backend changed — worker restarted, run reset',
  speed: null,
};

export function App({ store, client, initialSettings, urlIgnored }: Props) {
  const run = useRunSnapshot(store);
  const [settings, setSettings] = useState(initialSettings);
  // Embedding (embed=1, hide=…) is fixed by the link the page was opened with.
  const [page] = useState(() => parsePageOptions(window.location.search));
  const ignoredLines = [...urlIgnored, ...page.ignored];
  const [showUrlNotice, setShowUrlNotice] = useState(ignoredLines.length > 0);

  const onSettingsChange = useCallback(
    (next: RunConfig, change: SettingsChange) => {
      setSettings(next);
      writeConfigToUrl(next);
      if (change === 'speed') client.setSpeed(next.speed);
      else client.reset(next, NOTICES[change]);
    },
    [client],
  );

  const onPause = useCallback(() => client.pause(), [client]);

  // Pinned runs live here, not in the charts: the comparison presets pin the runs they train.
  const [pins] = useState(() => new PinnedRuns());
  const onPreset = (preset: Preset) =>
    void runPreset(preset, settings, {
      store,
      pins,
      apply: (config) => onSettingsChange(config, 'run'),
      train: () => client.train(),
    });

  useShortcuts(run.state, (command) => {
    if (command === 'train') client.train();
    else if (command === 'pause') client.pause();
    else if (command === 'step') client.step();
    else client.reset(settings, 'Run reset');
  });

  // A view option, not a setting: large type and thick lines for the back of a classroom (view-options.css).
  const [projector, setProjector] = useState(() => parseProjector(window.location.search));
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
  }, [projector]);

  // Slow motion shows every step; at full speed the chart and log redraw ~15 times a second.
  const fullSpeed = run.state === 'running' && settings.speed === 0;
  const heavy = useThrottled(run, HEAVY_VIEW_INTERVAL_MS, !fullSpeed);
  return (
    <div className={page.embed ? 'app app-embed' : 'app'} data-embed={page.embed || undefined}>
      {!page.embed && (
      <header className="app-header">
        <h1>
          minibatch-lab <span className="tagline">mini-batch SGD, live</span>
        </h1>
        <p className="intro">
          This is PyTorch&rsquo;s DataLoader tutorial, trained live in your browser: ten samples x = 1…10
          with labels y = 2x, a linear model y = w·x + b, and SGD on mini-batches. Each row of the batch
          composition chart is one epoch: the DataLoader shuffles the sample indices and cuts them into
          mini-batches, so every epoch comes in a new order, and when the batch size does not divide the
          data the last batch is short (10 = 3 + 3 + 3 + 1). The loss chart shows the loss of every
          mini-batch and the mean of each epoch; the training log prints the same lines as the PyTorch
          script you can export, so you can check every number in PyTorch.
        </p>
      </header>
      )}

      {showUrlNotice && (
        <div className="url-notice" role="alert">
          <p>Some settings in the link were ignored, and defaults used instead:</p>
          <ul>
            {ignoredLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setShowUrlNotice(false)}>
            Dismiss
          </button>
        </div>
      )}

      <div className="layout">
        <aside className="sidebar">
          <Controls
            settings={settings}
            runState={run.state}
            onSettingsChange={onSettingsChange}
            onTrain={() => client.train()}
            onPause={() => client.pause()}
            onStep={() => client.step()}
            onStepEpoch={() => client.stepEpoch()}
            datasetSize={run.datasetSize}
            onReset={() => client.reset(settings, 'Run reset')}
            hidden={page.hidden}
          />
          {!page.hidden.has('presets') && <PresetsGroup onPreset={onPreset} />}
          {!page.hidden.has('export') && <ExportGroup run={run} settings={settings} />}
          {!page.hidden.has('view') && (
          <div className="view-options" role="group" aria-label="View">
            <CheckField
              label="Projector mode"
              checked={projector}
              onChange={(on) => {
                setProjector(on);
                writeProjectorToUrl(on);
              }}
            />
            <ShortcutsHelp />
          </div>
          )}
        </aside>

        <main className="main">
          <StatusBar run={run} onRestart={() => client.restart()} />
          <ParamsPanel
            initial={run.initialParams}
            current={run.currentParams}
            stepsDone={run.stepsDone}
            seed={run.config.seed}
            model={modelSpecFor(run.config)}
          />
          <Charts
            run={run}
            heavy={heavy}
            pins={pins}
            onPause={onPause}
            onUseLearningRate={(learningRate) => {
              onSettingsChange({ ...settings, learningRate }, 'run');
              client.train();
            }}
          />
          <TrainingLog
            lines={heavy.data.recentLog}
            total={heavy.stepsDone}
            batchSize={heavy.config.batchSize}
            datasetSize={heavy.datasetSize}
          />
          <ThroughputLab run={run} sweeps={client.sweeps} onSweep={() => client.sweep()} onCancel={() => client.cancelSweep()} />
          <DebugPanel run={run} />
        </main>
      </div>
    </div>
  );
}
