// The Presets group: the classroom's standard experiments, one click each (see state/presets.ts).
import { memo } from 'react';
import { useI18n } from '../i18n/react';
import { PRESETS, type Preset } from '../state/presets';
import './side-groups.css';

interface Props {
  onPreset: (preset: Preset) => void;
}

export const PresetsGroup = memo(function PresetsGroup({ onPreset }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="side-group presets-group">
      <legend>{t('presets.group')}</legend>
      {PRESETS.map((preset) => (
        <button key={preset.id} type="button" data-preset={preset.id} onClick={() => onPreset(preset)}>
          {t(preset.label)}
        </button>
      ))}
    </fieldset>
  );
});
