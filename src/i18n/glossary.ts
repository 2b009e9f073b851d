// The glossary: the subject's jargon the page explains where it shows it (ui/Term.tsx), one
// catalogue key per term, so each explanation exists in every language (the catalogue's type and
// catalogue.test.ts see to that). Written for a first-year student: one or two plain sentences.
import type { MessageKey } from './en';

/** A term's explanation: every catalogue key under `glossary.` but the button's own name. */
export type GlossaryKey = Exclude<Extract<MessageKey, `glossary.${string}`>, 'glossary.about' | 'glossary.indices'>;
