import { Button, Result } from 'antd';
import i18next from 'i18next';
import { Component, type ReactNode } from 'react';

/** A page that throws while rendering shows this instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error) {
    console.error(error);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // a new release replaced the page's script: reloading fetches the current one
    const stale = /dynamically imported module|Failed to fetch|Importing a module script failed/i.test(error.message);
    return (
      <Result
        status="error"
        title={i18next.t(stale ? 'errors.newVersion' : 'errors.pageCrashed')}
        subTitle={stale ? undefined : error.message}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18next.t('errors.reload')}
          </Button>
        }
      />
    );
  }
}
