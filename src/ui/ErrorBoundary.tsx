// A rendering error anywhere below must not leave a blank page in front of a class. The run lives
// outside React (store, worker), so after "Show the app again" nothing of it is lost.
import { Component, type ReactNode } from 'react';

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
    return (
      <div className="app-crash" role="alert">
        <h1>minibatch-lab</h1>
        <p>Part of the page failed to draw: {error.message}</p>
        <p>The training run is kept. Show the app again, or reload the page to start afresh.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Show the app again
        </button>
      </div>
    );
  }
}
