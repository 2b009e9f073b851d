// The page's language for every component: App provides it, components read it with useI18n().
// Switching the language changes the context value, so everything re-renders in the new language.
import { createContext, useContext } from 'react';
import { EN, type I18n } from './translate';

export const I18nContext = createContext<I18n>(EN);

export const useI18n = (): I18n => useContext(I18nContext);
