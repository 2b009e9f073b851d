// The URL parsers with their notices in English: how the tests (and anyone reading a log) see them.
import { englishText } from '../i18n/message';
import { parsePageOptions, parseUrlConfig } from './url';

export function parseUrlConfigEnglish(...args: Parameters<typeof parseUrlConfig>) {
  const result = parseUrlConfig(...args);
  return { ...result, ignored: result.ignored.map(englishText) };
}

export function parsePageOptionsEnglish(search: string) {
  const result = parsePageOptions(search);
  return { ...result, ignored: result.ignored.map(englishText) };
}
