import type { ReactNode } from 'react';

/** A page's own source, folded away: what a reader copies to build the same page. */
export function PageCode({ file, source }: { file: string; source: string }): ReactNode {
  return (
    <details className="demo-code">
      <summary>
        Code <span className="demo-code-file">{file}</span>
      </summary>
      <pre>{source}</pre>
    </details>
  );
}
