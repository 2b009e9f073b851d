// A message not yet in words: a catalogue key and its parameters. The engine and the stores hand
// these to the UI, which says them in the reader's language (translate.ts); `englishText` gives the
// English for logs, errors thrown and tests. Only the English catalogue is imported here, so the
// worker bundle does not carry the other languages.
import { en, type MessageKey } from './en';

export type { MessageKey } from './en';

export interface Message {
  key: MessageKey;
  /** Values for the `{name}` placeholders; a Message value is said in the same language first. */
  params?: Readonly<Record<string, string | number | Message>>;
}

export type Params = NonNullable<Message['params']>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** `template` with each `{name}` replaced; `say` turns nested messages into text. */
export function fill(template: string, params: Params | undefined, say: (message: Message) => string): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'object' ? say(value) : String(value);
  });
}

// The glossary's keys are not here (glossary-en.ts): nothing but the page says them.
const englishCore: Readonly<Partial<Record<MessageKey, string>>> = en;

export function englishText(message: Message): string {
  return fill(englishCore[message.key] ?? message.key, message.params, englishText);
}

/** Each message of a record in English, e.g. why each refused setting was refused (tests, logs). */
export function englishTexts<K extends string>(messages: Partial<Record<K, Message>>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of Object.keys(messages) as K[]) {
    const m = messages[key];
    if (m) out[key] = englishText(m);
  }
  return out;
}

export const message = (key: MessageKey, params?: Params): Message => (params ? { key, params } : { key });

/** An error that knows how it is said: the page shows `problem` in its language, logs the English. */
export class ProblemError extends Error {
  constructor(readonly problem: Message) {
    super(englishText(problem));
    this.name = 'ProblemError';
  }
}

/** What the page says about any error: its own words when it has them, else the error's text. */
export const problemOf = (error: unknown): Message =>
  error instanceof ProblemError
    ? error.problem
    : message('error.raw', { text: error instanceof Error ? error.message : String(error) });
