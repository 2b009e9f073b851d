// The Presets group: the classroom's standard experiments, one click each (see state/presets.ts).
import { PRESETS, type Preset } from '../state/presets';
import './side-groups.css';

interface Props {
  onPreset: (preset: Preset) => void;
}

export function PresetsGroup({ onPreset }: Props) {
  return (
    <fieldset className="side-group presets-group">
      <legend>Presets</legend>
      {PRESETS.map((preset) => (
        <button key={preset.id} type="button" data-preset={preset.id} onClick={() => onPreset(preset)}>
          {preset.label}
        </button>
      ))}
    </fieldset>
  );
}
