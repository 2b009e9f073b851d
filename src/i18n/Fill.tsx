// A message whose placeholders are elements, not text: code set as <code>, names the page must not
// translate (an adapter's name), each where the language puts it in the sentence.
import { Fragment, type ReactNode } from 'react';

export function Fill({ text, slots }: { text: string; slots: Readonly<Record<string, ReactNode>> }) {
  return (
    <>
      {text.split(/(\{\w+\})/).map((part, i) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        return <Fragment key={i}>{name !== undefined && name in slots ? slots[name] : part}</Fragment>;
      })}
    </>
  );
}
