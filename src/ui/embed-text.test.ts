import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { i18nFor } from '../i18n/translate';
import { withoutEmbedding } from '../state/url';
import { embedContext } from './embed-text';

describe('the embedded page line', () => {
  const en = i18nFor('en');
  it('says the data and the batch size, and what is compared', () => {
    expect(embedContext(DEFAULT_CONFIG, [], en)).toBe("PyTorch's DataLoader tutorial, batch size 3");
    expect(embedContext({ ...DEFAULT_CONFIG, batchSize: 10 }, ['B=1', 'B=3'], en)).toBe(
      "PyTorch's DataLoader tutorial, batch size 10, compared with B=1, B=3",
    );
    expect(embedContext({ ...DEFAULT_CONFIG, dataset: 'sine', samples: 2000, batchSize: 64 }, [], en)).toBe(
      'a noisy sine, N = 2,000, batch size 64',
    );
    expect(embedContext({ ...DEFAULT_CONFIG, batchSize: 10 }, ['B=1', 'B=3'], i18nFor('zh-CN'))).toBe(
      'PyTorch DataLoader 教程的数据，批大小 10，对比 B=1、B=3',
    );
  });

  it('opens the same link without embed= and hide=', () => {
    expect(withoutEmbedding('?batch=10&embed=1&hide=presets,seed&pin=batch.1&xaxis=epoch')).toBe(
      '?batch=10&pin=batch.1&xaxis=epoch',
    );
    expect(withoutEmbedding('?embed=1')).toBe('');
  });
});
