// Why a value was refused, not yet in words: a catalogue key and its parameters. The engine knows no
// language (it never imports src/i18n/); the page says a Problem in its reader's language, and
// because each engine module types its keys as a literal union, a key that no catalogue has fails to
// compile where the Problem is handed to the UI as a Message.
export interface Problem<K extends string = string> {
  readonly key: K;
  readonly params?: Readonly<Record<string, string | number>>;
}

export function problem<K extends string>(key: K, params?: Problem['params']): Problem<K> {
  return params ? { key, params } : { key };
}
