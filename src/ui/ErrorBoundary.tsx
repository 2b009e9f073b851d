// A rendering error anywhere below must not leave a blank page in front of a class. The run lives
// outside React (store, worker), so after "Show the app again" nothing of it is lost.
import { Component, type ReactNode } from 'react';
import { parseLocale } from '../i18n/locale';
import { i18nFor } from '../i18n/translate';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // Above the app's language context: the page's lang (which App keeps) says which language.
    const { t } = i18nFor(parseLocale(document.documentElement.lang) ?? 'en');
    return (
      <div className="app-crash" role="alert">
        <h1>minibatch-lab</h1>
        <p>{t('crash.failed', { message: error.message })}</p>
        <p>{t('crash.kept')}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {t('crash.again')}
        </button>
      </div>
    );
  }
}
